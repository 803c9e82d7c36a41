// KTAB's XML scenario format for the Spatial Model of Politics (KAPSARC
// Toolkit for Behavioral Analysis, examples/smp/doc/smpSchema.xsd): a
// <Scenario> with name, desc, prngSeed, optional <ModelParameters>, optional
// <Dimensions>, <Actors> (each with capability, a position and a salience per
// dimension, 0-100), and optional <IdealAdjustment>. The reader follows the
// schema, names the line and element of every fault, and also reads what the
// schema allows but KTAB's own reader (smpread.cpp, 2017-2019) rejects:
//  - <IdealAdjustment> left out: KTAB's reader requires it, so its shipped
//    dummyData_3Dim.xml fails there;
//  - VotingRule "Proportional" and BigRAdjust "No" (KTAB's code knows them
//    as "Prop" and "None"; both spellings are accepted).
// KTAB's shipped smpExample.xml is rejected, as by KTAB: the first <dCoord>
// of actor Alice is empty.
#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <set>
#include <sstream>

#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"
#include "io/xml.h"

namespace detente::io {
namespace {

using xml::Element;

constexpr std::string_view kSpaces = " \t\r\n";

std::string collapse(std::string_view text) {
  const auto first = text.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpaces);
  return std::string(text.substr(first, last - first + 1));
}

// One model parameter: the element, the smp option it sets, and the values
// the schema allows with the option value each maps to (KTAB's code spellings
// included).
struct Parameter {
  std::string element;
  std::string option;
  std::vector<std::pair<std::string, std::string>> values;
};

const std::vector<Parameter>& model_parameters() {
  static const std::vector<Parameter> parameters = {
      {"VictoryProbModel",
       "victory_probability",
       {{"Linear", "Linear"}, {"Square", "Square"}, {"Quartic", "Quartic"}, {"Octic", "Octic"}, {"Binary", "Binary"}}},
      {"PCEModel",
       "pce_model",
       {{"Conditional", "Conditional"}, {"MarkovIncentive", "MarkovIncentive"}, {"MarkovUniform", "MarkovUniform"}}},
      {"StateTransitions", "transitions", {{"Deterministic", "Deterministic"}, {"Stochastic", "Stochastic"}}},
      {"VotingRule",
       "voting_rule",
       {{"Binary", "Binary"},
        {"PropBin", "PropBin"},
        {"Proportional", "Proportional"},
        {"Prop", "Proportional"},
        {"PropCbc", "PropCbc"},
        {"Cubic", "Cubic"},
        {"ASymProsp", "ASymProsp"}}},
      {"BigRAdjust",
       "big_r_adjust",
       {{"Full", "Full"},
        {"TwoThirds", "TwoThirds"},
        {"Half", "Half"},
        {"OneThird", "OneThird"},
        {"No", "None"},
        {"None", "None"}}},
      {"BigRRange", "big_r_range", {{"Min", "Min"}, {"Mid", "Mid"}, {"Max", "Max"}}},
      {"ThirdPartyCommit",
       "third_party_commit",
       {{"NoCommit", "NoCommit"}, {"SemiCommit", "SemiCommit"}, {"FullCommit", "FullCommit"}}},
      {"InterVecBrgn", "bargain_interpolation", {{"S1P1", "S1P1"}, {"S2P2", "S2P2"}, {"S2PMax", "S2PMax"}}},
      {"BargnModel",
       "bargain_model",
       {{"InitOnlyInterp", "InitOnlyInterp"}, {"InitRcvrInterp", "InitRcvrInterp"}, {"PWCompInterp", "PWCompInterp"}}},
  };
  return parameters;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)), builder_(file_) {}

  Result<StakeholderProblem> read(const Element& root) {
    if (root.name != "Scenario") {
      return error(root, "<" + root.name + ">",
                   "the root element is <" + root.name + ">, KTAB's scenarios use <Scenario>",
                   "make <Scenario> the outermost element (see KTAB's smpSchema.xsd)");
    }
    static const std::set<std::string> known = {"name",       "desc",   "prngSeed",       "ModelParameters",
                                                "Dimensions", "Actors", "IdealAdjustment"};
    for (const auto& child : root.children) {
      if (known.count(child.name) == 0) {
        return error(child, "<" + child.name + ">", "<Scenario> has no element <" + child.name + ">",
                     "use name, desc, prngSeed, ModelParameters, Dimensions, Actors, IdealAdjustment");
      }
    }
    for (const char* single :
         {"name", "desc", "prngSeed", "ModelParameters", "Dimensions", "Actors", "IdealAdjustment"}) {
      const auto found = root.all(single);
      if (found.size() > 1) {
        return error(
            *found[1], std::string("<") + single + ">",
            std::string("<") + single + "> appears again (first on line " + std::to_string(found[0]->line) + ")",
            "keep one");
      }
    }
    for (const char* required : {"name", "desc", "prngSeed", "Actors"}) {
      if (root.first(required) == nullptr) {
        return error(root, std::string("<") + required + ">",
                     std::string("<Scenario> has no <") + required + ">, which KTAB's schema requires",
                     std::string("add <") + required + ">...</" + required + "> inside <Scenario>");
      }
    }
    scenario_ = collapse(root.first("name")->text);
    if (auto e = read_seed(*root.first("prngSeed"))) return *e;
    if (const Element* params = root.first("ModelParameters")) {
      if (auto e = read_parameters(*params)) return *e;
    }
    if (auto e = read_dimensions(root)) return *e;
    if (auto e = read_actors(*root.first("Actors"))) return *e;
    if (const Element* adjustments = root.first("IdealAdjustment")) {
      if (auto e = read_adjustments(*adjustments)) return *e;
    } else {
      notes_.push_back(
          "no <IdealAdjustment>: ideals follow positions (the schema makes it optional; KTAB's own "
          "reader stops with \"Following Element is missing in the input xml: IdealAdjustment\", which is "
          "why KTAB's shipped dummyData_3Dim.xml does not load in KTAB)");
    }
    auto problem = builder_.finish(100.0);
    if (!problem) return problem.error();
    problem->options = options_;
    problem->notes.push_back("KTAB XML scenario '" + scenario_ + "': positions and saliences read on 0-100");
    for (auto& note : notes_) problem->notes.push_back(std::move(note));
    return problem;
  }

 private:
  [[nodiscard]] Error error(const Element& at, std::string field, std::string what, std::string fix) const {
    return Error{
        .file = file_, .line = at.line, .field = std::move(field), .problem = std::move(what), .fix = std::move(fix)};
  }

  // The element's text as an xs:decimal (sign, digits, optional point; no exponent).
  Result<double> decimal(const Element& e, const std::string& field, const std::string& expected) const {
    const std::string text = collapse(e.text);
    if (!e.children.empty()) {
      return error(e, field, "<" + e.name + "> holds elements, a number was expected", "write only " + expected);
    }
    if (text.empty()) {
      return error(e, field, "<" + e.name + "> is empty; expected " + expected,
                   "write the value between <" + e.name + "> and </" + e.name + ">");
    }
    std::size_t k = (text[0] == '+' || text[0] == '-') ? 1 : 0;
    bool digits = false;
    bool point = false;
    for (; k < text.size(); ++k) {
      if (std::isdigit(static_cast<unsigned char>(text[k])) != 0) {
        digits = true;
      } else if (text[k] == '.' && !point) {
        point = true;
      } else {
        digits = false;
        break;
      }
    }
    const auto value = parse_number(text);
    if (!digits || !value) {
      return error(e, field, "<" + e.name + "> holds '" + text + "', not a decimal number; expected " + expected,
                   "write a plain decimal such as 42.5 (a point for decimals, no exponent)");
    }
    return *value;
  }

  Result<double> bounded(const Element& e, const std::string& field, double lo, double hi) const {
    const std::string range = number(lo) + " to " + number(hi);
    auto value = decimal(e, field, "a number from " + range);
    if (!value) return value;
    if (*value < lo || *value > hi) {
      return error(e, field, "<" + e.name + "> is " + collapse(e.text) + ", outside " + range,
                   "give a number from " + range);
    }
    return value;
  }

  static std::string number(double x) {
    std::ostringstream out;
    out << x;
    return out.str();
  }

  std::optional<Error> read_seed(const Element& e) {
    const std::string text = collapse(e.text);
    const bool all_digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    if (!all_digits) {
      return error(e, "<prngSeed>", "<prngSeed> holds '" + text + "'; KTAB's seed is a whole number",
                   "write digits only, e.g. 03707583219545544125");
    }
    const std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size() - 1));
    const std::string largest = std::to_string(LLONG_MAX);
    if (digits.size() > largest.size() || (digits.size() == largest.size() && digits > largest)) {
      return error(e, "<prngSeed>", "the seed " + text + " is larger than detente's largest seed, " + largest,
                   "give a smaller seed (it matters only with Stochastic transitions)");
    }
    options_["seed"] = digits;
    return std::nullopt;
  }

  std::optional<Error> read_parameters(const Element& params) {
    for (const auto& child : params.children) {
      const bool known = std::any_of(model_parameters().begin(), model_parameters().end(),
                                     [&child](const Parameter& p) { return p.element == child.name; });
      if (!known) {
        return error(child, "<ModelParameters>", "<ModelParameters> has no element <" + child.name + ">",
                     "use VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust, BigRRange, "
                     "ThirdPartyCommit, InterVecBrgn, BargnModel");
      }
    }
    std::vector<std::string> set;
    for (const auto& p : model_parameters()) {
      const Element* e = params.first(p.element);
      if (e == nullptr) {
        return error(params, "<" + p.element + ">",
                     "<ModelParameters> has no <" + p.element + ">; KTAB's schema requires all nine parameters",
                     "add <" + p.element + "> (KTAB's default: " + default_value(p) +
                         "), or remove <ModelParameters> "
                         "to use every default");
      }
      const std::string value = collapse(e->text);
      const auto match =
          std::find_if(p.values.begin(), p.values.end(), [&value](const auto& v) { return v.first == value; });
      if (match == p.values.end()) {
        std::string allowed;
        for (const auto& v : p.values) allowed += (allowed.empty() ? "" : ", ") + v.first;
        return error(*e, "<" + p.element + ">", "<" + p.element + "> is '" + value + "'", "use one of: " + allowed);
      }
      options_[p.option] = match->second;
      set.push_back(p.option + "=" + match->second);
      if ((p.element == "VotingRule" && value == "Proportional") || (p.element == "BigRAdjust" && value == "No")) {
        notes_.push_back("<" + p.element + ">" + value + "</" + p.element + "> on line " + std::to_string(e->line) +
                         " is the schema's spelling; KTAB's own reader only accepts '" +
                         (value == "No" ? "None" : "Prop") + "'");
      }
    }
    std::string list;
    for (const auto& s : set) list += (list.empty() ? "" : ", ") + s;
    notes_.push_back("model options from <ModelParameters> (the command line overrides them): " + list);
    return std::nullopt;
  }

  static std::string default_value(const Parameter& p) {
    static const std::map<std::string, std::string> defaults = {
        {"VictoryProbModel", "Linear"},     {"PCEModel", "Conditional"}, {"StateTransitions", "Deterministic"},
        {"VotingRule", "Proportional"},     {"BigRAdjust", "OneThird"},  {"BigRRange", "Mid"},
        {"ThirdPartyCommit", "SemiCommit"}, {"InterVecBrgn", "S2P2"},    {"BargnModel", "InitOnlyInterp"}};
    return defaults.at(p.element);
  }

  std::optional<Error> read_dimensions(const Element& root) {
    const Element* dims = root.first("Dimensions");
    if (dims == nullptr) {
      // The schema allows leaving them out; the first actor's position then says how many there are.
      const Element* actors = root.first("Actors");
      const Element* first = actors == nullptr ? nullptr : actors->first("Actor");
      const Element* position = first == nullptr ? nullptr : first->first("Position");
      const std::size_t count = position == nullptr ? 0 : position->all("dCoord").size();
      if (count == 0) {
        return error(root, "<Dimensions>", "there is no <Dimensions> and no actor position to count them from",
                     "add <Dimensions> with one <dName> per dimension");
      }
      for (std::size_t d = 0; d < count; ++d) add_dimension("Dimension " + std::to_string(d + 1));
      notes_.push_back("no <Dimensions>: " + std::to_string(count) +
                       " dimensions counted from the first actor's position (KTAB's own reader requires <Dimensions>)");
      return std::nullopt;
    }
    for (const auto& child : dims->children) {
      if (child.name != "dName") {
        return error(child, "<Dimensions>", "<Dimensions> holds <" + child.name + ">, only <dName> belongs there",
                     "write one <dName>name</dName> per dimension");
      }
      const std::string name = collapse(child.text);
      if (name.empty()) {
        return error(child, "<dName>", "a <dName> is empty", "name the dimension, e.g. <dName>Policy</dName>");
      }
      for (const auto& existing : dimensions_) {
        if (existing == name) {
          return error(child, "<dName>", "two dimensions are named '" + name + "'", "give each dimension its own name");
        }
      }
      add_dimension(name);
    }
    if (dimensions_.empty()) {
      return error(*dims, "<Dimensions>", "<Dimensions> names no dimension", "add one <dName> per dimension");
    }
    return std::nullopt;
  }

  void add_dimension(const std::string& name) {
    const std::size_t d = builder_.issue(name);
    builder_.set_scale(d, Scale{0.0, 100.0});
    dimensions_.push_back(name);
  }

  std::optional<Error> read_actors(const Element& actors) {
    for (const auto& child : actors.children) {
      if (child.name != "Actor") {
        return error(child, "<Actors>", "<Actors> holds <" + child.name + ">, only <Actor> belongs there",
                     "write one <Actor> per actor");
      }
    }
    const auto all = actors.all("Actor");
    if (all.size() < 3) {
      return error(actors, "<Actors>",
                   "<Actors> lists " + std::to_string(all.size()) + " actor" + (all.size() == 1 ? "" : "s") +
                       "; KTAB's schema requires at least 3",
                   "add the other actors of the negotiation");
    }
    for (const Element* actor : all) {
      if (auto e = read_actor(*actor)) return e;
    }
    return std::nullopt;
  }

  std::optional<Error> read_actor(const Element& actor) {
    static const std::set<std::string> known = {"name", "description", "capability", "Position", "Salience"};
    for (const auto& child : actor.children) {
      if (known.count(child.name) == 0) {
        return error(child, "<Actor>", "<Actor> has no element <" + child.name + ">",
                     "use name, description, capability, Position, Salience");
      }
    }
    for (const char* required : {"name", "description", "capability", "Position", "Salience"}) {
      if (actor.first(required) == nullptr) {
        return error(actor, std::string("<") + required + ">",
                     std::string("this <Actor> has no <") + required + ">, which KTAB's schema requires",
                     std::string("add <") + required + "> to the actor");
      }
    }
    const std::string name = collapse(actor.first("name")->text);
    if (name.empty()) {
      return error(*actor.first("name"), "<name>", "an actor's <name> is empty", "give every actor a name");
    }
    if (const auto seen = actor_line_.find(name); seen != actor_line_.end()) {
      return error(actor, "<name>",
                   "a second actor is named '" + name + "' (first on line " + std::to_string(seen->second) + ")",
                   "give each actor its own name");
    }
    actor_line_[name] = actor.line;
    const std::string who = "actor '" + name + "'";
    auto capability = bounded(*actor.first("capability"), who + " <capability>", 0.0, 1000.0);
    if (!capability) return capability.error();
    if (*capability <= 0.0) {
      return error(*actor.first("capability"), who + " <capability>",
                   name + "'s capability is 0; the model needs a positive capability (KTAB rejects it too)",
                   "give a capability above 0, or leave the actor out");
    }
    const auto coords = actor.first("Position")->all("dCoord");
    const auto saliences = actor.first("Salience")->all("dSal");
    if (auto e = check_count(*actor.first("Position"), "dCoord", coords.size(), who)) return e;
    if (auto e = check_count(*actor.first("Salience"), "dSal", saliences.size(), who)) return e;
    double total = 0.0;
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
      const std::string where = who + " <dCoord> " + std::to_string(d + 1) + " (dimension '" + dimensions_[d] + "')";
      auto position = bounded(*coords[d], where, 0.0, 100.0);
      if (!position) return position.error();
      const std::string sal_where = who + " <dSal> " + std::to_string(d + 1) + " (dimension '" + dimensions_[d] + "')";
      auto salience = bounded(*saliences[d], sal_where, 0.0, 100.0);
      if (!salience) return salience.error();
      total += *salience;
      auto added = builder_.add_stake(d, name, coords[d]->line, *position, *salience, *capability, sal_where,
                                      who + " <capability>");
      if (!added) return added.error();
    }
    if (total > 100.0 + 1e-9) {
      return error(*actor.first("Salience"), who + " <Salience>",
                   name + "'s saliences sum to " + trim(std::to_string(total)) +
                       "; KTAB reads them as shares of attention, at most 100 in total",
                   "lower them so that they sum to 100 or less");
    }
    return std::nullopt;
  }

  std::optional<Error> check_count(const Element& parent, const std::string& child, std::size_t count,
                                   const std::string& who) const {
    for (const auto& c : parent.children) {
      if (c.name != child) {
        return error(c, who + " <" + parent.name + ">",
                     "<" + parent.name + "> holds <" + c.name + ">, only <" + child + "> belongs there",
                     "write one <" + child + "> per dimension");
      }
    }
    if (count != dimensions_.size()) {
      return error(parent, who + " <" + parent.name + ">",
                   who + "'s <" + parent.name + "> has " + std::to_string(count) + " <" + child + "> values, but " +
                       std::to_string(dimensions_.size()) + " dimensions are named",
                   "give one <" + child + "> per dimension, in the order of <Dimensions>");
    }
    return std::nullopt;
  }

  std::optional<Error> read_adjustments(const Element& adjustments) {
    const auto pairs = adjustments.all("iaPair");
    for (const auto& child : adjustments.children) {
      if (child.name != "iaPair") {
        return error(child, "<IdealAdjustment>",
                     "<IdealAdjustment> holds <" + child.name + ">, only <iaPair> belongs there",
                     "write each rate as <iaPair> with adjustingIdeal, referencePos and adjust");
      }
    }
    if (pairs.empty()) {
      return error(adjustments, "<IdealAdjustment>", "<IdealAdjustment> holds no <iaPair>",
                   "add the rates, or remove <IdealAdjustment> to let ideals follow positions");
    }
    std::map<std::pair<std::string, std::string>, int> seen;
    std::map<std::string, double> total;
    for (const Element* pair : pairs) {
      for (const char* required : {"adjustingIdeal", "referencePos", "adjust"}) {
        if (pair->first(required) == nullptr) {
          return error(*pair, std::string("<") + required + ">", std::string("an <iaPair> has no <") + required + ">",
                       "give adjustingIdeal, referencePos and adjust");
        }
      }
      const std::string adjusting = collapse(pair->first("adjustingIdeal")->text);
      const std::string reference = collapse(pair->first("referencePos")->text);
      for (const auto& [tag, actor] : {std::pair<std::string, std::string>{"adjustingIdeal", adjusting},
                                       std::pair<std::string, std::string>{"referencePos", reference}}) {
        if (actor_line_.count(actor) == 0) {
          return error(*pair->first(tag), "<" + tag + ">",
                       "<" + tag + "> names '" + actor + "', who is not among the actors",
                       "use the <name> of an actor listed in <Actors>");
        }
      }
      if (const auto it = seen.find({adjusting, reference}); it != seen.end()) {
        return error(*pair, "<iaPair>",
                     "the rate of " + adjusting + " toward " + reference + " is given again (first on line " +
                         std::to_string(it->second) + ")",
                     "keep one <iaPair> per pair of actors");
      }
      seen[{adjusting, reference}] = pair->line;
      auto rate = bounded(*pair->first("adjust"), "<adjust>", 0.0, 1.0);
      if (!rate) return rate.error();
      pending_.push_back({adjusting, reference, *rate, pair->line});
    }
    // Row sums: each actor's own rate defaults to 1 unless given.
    for (const auto& [name, line] : actor_line_) {
      (void)line;
      double sum = seen.count({name, name}) != 0 ? 0.0 : 1.0;
      int last_line = adjustments.line;
      for (const auto& p : pending_) {
        if (p.adjusting == name) {
          sum += p.rate;
          last_line = p.line;
        }
      }
      if (sum > 1.0 + 1e-9) {
        return Error{.file = file_,
                     .line = last_line,
                     .field = "<iaPair>",
                     .problem = name + "'s ideal-adjustment rates sum to " + trim(std::to_string(sum)) +
                                (seen.count({name, name}) != 0 ? "" : " (its own rate, not given, counts as 1)") +
                                "; an ideal can move at most all the way",
                     .fix = "lower the rates, or give " + name + "'s rate toward itself so that they sum to 1 or less"};
      }
    }
    pending_adjustments_ready_ = true;
    return std::nullopt;
  }

  struct Pending {
    std::string adjusting;
    std::string reference;
    double rate = 0.0;
    int line = 0;
  };

 public:
  // Ideal adjustments by actor index; called after the problem is built.
  void attach_adjustments(StakeholderProblem& problem) const {
    if (!pending_adjustments_ready_) return;
    std::map<std::string, std::size_t> index;
    for (std::size_t a = 0; a < problem.actors.size(); ++a) index[problem.actors[a]] = a;
    for (const auto& p : pending_) {
      problem.ideal_adjustments.push_back(
          IdealAdjustment{.adjusting = index.at(p.adjusting), .reference = index.at(p.reference), .rate = p.rate});
    }
  }

 private:
  std::string file_;
  ProblemBuilder builder_;
  std::string scenario_;
  std::vector<std::string> dimensions_;
  std::map<std::string, int> actor_line_;
  std::map<std::string, std::string> options_;
  std::vector<Pending> pending_;
  bool pending_adjustments_ready_ = false;
  std::vector<std::string> notes_;
};

}  // namespace

Result<StakeholderProblem> parse_ktab_xml(std::string_view content, const std::string& file) {
  auto root = xml::parse(content, file);
  if (!root) return root.error();
  Reader reader(file);
  auto problem = reader.read(*root);
  if (!problem) return problem;
  reader.attach_adjustments(*problem);
  return problem;
}

}  // namespace detente::io
