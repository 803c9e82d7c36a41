// Reads a scenario TOML file (docs/scenario.md) into a Scenario, checking every field. Internally
// the first problem found is thrown as a Failure and returned as an Error at the boundary.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "games/registry.h"
#include "models/model.h"
#include "scenario/scenario.h"
#include "scenario/toml_syntax.h"

namespace detente::scenario {
namespace {

struct Failure {
  Error error;
};

struct Range {
  double lo = -1e300;
  double hi = 1e300;
  const char* what = "a number";
};
constexpr Range kAny{};
constexpr Range kProbability{0.0, 1.0, "a probability between 0 and 1"};
constexpr Range kNonNegative{0.0, 1e300, "a number of 0 or more"};
constexpr Range kPositive{1e-300, 1e300, "a number above 0"};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

class Loader {
 public:
  Loader(std::string file, std::string_view text) { s_.file = std::move(file); s_.text = std::string(text); }

  Scenario load() {
    toml::table root;
    try {
      root = toml::parse(s_.text, s_.file);
    } catch (const toml::parse_error& e) {
      const int line = static_cast<int>(e.source().begin.line);
      const auto said =
          describe_toml_syntax(e.description(), line_of_text(s_.text, line), "docs/scenario.md shows every section");
      fail(line, "", said.problem, said.fix);
    }
    only_keys(root, "the file",
              {"scenario", "calendar", "actors", "negotiation", "issues", "veto_players", "trust", "threat", "arenas",
               "linkage", "deadlines", "outside_options", "policies", "outcomes", "uncertainty"});
    read_meta(table(root, "scenario", true));
    read_calendar(table(root, "calendar", true));
    read_actors(root);
    read_issues(root);
    read_negotiation(table(root, "negotiation", true));
    read_trust(table(root, "trust", true));
    read_threat(table(root, "threat", true));
    read_arenas(root);
    read_veto_players(root);
    read_linkage(root);
    read_deadlines(root);
    read_outside_options(table(root, "outside_options", true));
    read_policies(root);
    read_outcomes(table(root, "outcomes", false));
    read_uncertainty(table(root, "uncertainty", false));
    return std::move(s_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& field, const std::string& problem, const std::string& fix) const {
    throw Failure{Error{.file = s_.file, .line = line, .field = field, .problem = problem, .fix = fix}};
  }
  static int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

  // ---- structural helpers
  const toml::table* table(const toml::table& parent, const std::string& key, bool required, const std::string& where = "") {
    const toml::node* node = parent.get(key);
    const std::string field = where.empty() ? key : where + "." + key;
    if (node == nullptr) {
      if (required) fail(line_of(parent), field, "the section [" + field + "] is missing", "add it (see docs/scenario.md)");
      return nullptr;
    }
    if (!node->is_table()) fail(line_of(*node), field, "expected a table", "write it as [" + field + "] or { ... }");
    return node->as_table();
  }

  void only_keys(const toml::table& t, const std::string& where, const std::vector<std::string>& allowed) const {
    for (const auto& [key, node] : t) {
      const std::string k(key.str());
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        fail(line_of(node), k, "unknown field '" + k + "' in " + where, "use one of: " + join(allowed));
      }
    }
  }

  std::string text(const toml::table& t, const std::string& key, const std::string& field, bool required,
                   const std::string& fallback = "") {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      if (required) fail(line_of(t), field, "missing", "add " + key + " = \"...\"");
      return fallback;
    }
    if (!node->is_string()) fail(line_of(*node), field, "expected a quoted string", "write " + key + " = \"...\"");
    return std::string(*node->value<std::string>());
  }

  Date date(const toml::node& node, const std::string& field) {
    if (const auto* d = node.as_date()) {
      const toml::date v = d->get();
      return Date{v.year, v.month, v.day};
    }
    if (node.is_string()) {
      if (const auto parsed = parse_date(*node.value<std::string>())) return *parsed;
    }
    fail(line_of(node), field, "expected a date", "write a date as YYYY-MM-DD, without quotes");
  }

  Date date(const toml::table& t, const std::string& key, const std::string& field) {
    const toml::node* node = t.get(key);
    if (node == nullptr) fail(line_of(t), field, "missing", "add " + key + " = YYYY-MM-DD");
    return date(*node, field);
  }

  std::vector<std::string> strings(const toml::node& node, const std::string& field) {
    const toml::array* array = node.as_array();
    if (array == nullptr) fail(line_of(node), field, "expected a list of strings", "write [\"a\", \"b\"]");
    std::vector<std::string> out;
    for (const auto& item : *array) {
      if (!item.is_string()) fail(line_of(item), field, "expected a quoted string in the list", "write [\"a\", \"b\"]");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }

  std::size_t actor(const std::string& id, const toml::node& where, const std::string& field) {
    if (const auto index = s_.actor_index(id)) return *index;
    fail(line_of(where), field, "unknown actor '" + id + "'", "use an actor declared in [[actors]]: " + join(s_.actors));
  }

  // TOML allows nan and inf; no judgment or bound is either.
  double finite(double v, const toml::node& node, const std::string& field) const {
    if (!std::isfinite(v)) {
      fail(line_of(node), field,
           std::string("expected a finite number, found ") + (std::isnan(v) ? "nan" : "an infinity"), "write a number");
    }
    return v;
  }

  // ---- numbers: a value, a boolean, a date (as a step), or a distribution table
  Distribution distribution(const toml::table& t, const std::string& field, Range range) {
    const std::string kind = text(t, "dist", field + ".dist", true);
    const auto get = [&](const char* key, bool required, double fallback) {
      const toml::node* n = t.get(key);
      if (n == nullptr) {
        if (required) fail(line_of(t), field + "." + key, "missing for a " + kind + " distribution", "add " + std::string(key) + " = ...");
        return fallback;
      }
      const auto v = n->value<double>();
      if (!v) fail(line_of(*n), field + "." + key, "expected a number", "write a number");
      return finite(*v, *n, field + "." + key);
    };
    Distribution d;
    // No silent truncation: an unbounded normal on a bounded quantity is reported, not clipped.
    const double lo = get("min", false, -1e300);
    const double hi = get("max", false, 1e300);
    if (kind == "uniform") {
      only_keys(t, field, {"dist", "min", "max"});
      d = Distribution{.kind = Distribution::Kind::kUniform, .a = get("min", true, 0), .b = get("max", true, 0)};
      if (!(d.a < d.b)) fail(line_of(t), field, "uniform needs min < max", "give min below max");
    } else if (kind == "normal") {
      only_keys(t, field, {"dist", "mean", "sd", "min", "max"});
      d = Distribution{.kind = Distribution::Kind::kNormal, .a = get("mean", true, 0), .b = get("sd", true, 0), .lo = lo, .hi = hi};
      if (!(d.b > 0)) fail(line_of(t), field + ".sd", "the standard deviation must be above 0", "give sd > 0");
    } else if (kind == "lognormal") {
      only_keys(t, field, {"dist", "mu", "sigma", "min", "max"});
      d = Distribution{.kind = Distribution::Kind::kLognormal, .a = get("mu", true, 0), .b = get("sigma", true, 0), .lo = lo, .hi = hi};
      if (!(d.b > 0)) fail(line_of(t), field + ".sigma", "sigma must be above 0", "give sigma > 0");
    } else if (kind == "triangular") {
      only_keys(t, field, {"dist", "min", "mode", "max"});
      d = Distribution{.kind = Distribution::Kind::kTriangular, .a = get("min", true, 0), .b = get("max", true, 0), .c = get("mode", true, 0)};
      if (!(d.a <= d.c && d.c <= d.b && d.a < d.b)) fail(line_of(t), field, "triangular needs min <= mode <= max and min < max", "reorder the three values");
    } else if (kind == "beta") {
      only_keys(t, field, {"dist", "alpha", "beta", "min", "max"});
      d = Distribution{.kind = Distribution::Kind::kBeta, .a = get("alpha", true, 0), .b = get("beta", true, 0),
                       .lo = t.get("min") ? lo : 0.0, .hi = t.get("max") ? hi : 1.0};
      if (!(d.a > 0 && d.b > 0)) fail(line_of(t), field, "beta needs alpha > 0 and beta > 0", "give positive shape parameters");
    } else if (kind == "choice") {
      only_keys(t, field, {"dist", "values", "weights"});
      d.kind = Distribution::Kind::kChoice;
      d.choices = numbers(t, "values", field + ".values");
      if (t.get("weights") != nullptr) d.weights = numbers(t, "weights", field + ".weights");
      if (d.choices.empty()) fail(line_of(t), field + ".values", "a choice needs at least one value", "list the values");
      if (!d.weights.empty() && d.weights.size() != d.choices.size()) fail(line_of(t), field + ".weights", "one weight per value is needed", "give as many weights as values");
    } else if (kind == "fixed") {
      only_keys(t, field, {"dist", "value"});
      d = Distribution::fixed(get("value", true, 0));
    } else {
      fail(line_of(t), field + ".dist", "unknown distribution '" + kind + "'",
           "use fixed, uniform, normal, triangular, beta, lognormal or choice");
    }
    check_support(d, t, field, range);
    return d;
  }

  std::vector<double> numbers(const toml::table& t, const std::string& key, const std::string& field) {
    const toml::node* n = t.get(key);
    const toml::array* array = n ? n->as_array() : nullptr;
    if (array == nullptr) fail(line_of(n ? *n : static_cast<const toml::node&>(t)), field, "expected a list of numbers", "write [1, 2, 3]");
    std::vector<double> out;
    for (const auto& item : *array) {
      const auto v = item.value<double>();
      if (!v) fail(line_of(item), field, "expected a number in the list", "write [1, 2, 3]");
      out.push_back(finite(*v, item, field));
    }
    return out;
  }

  void check_support(const Distribution& d, const toml::node& node, const std::string& field, Range range) const {
    const auto outside = [&](double x) { return x < range.lo || x > range.hi || !std::isfinite(x); };
    bool bad = false;
    switch (d.kind) {
      case Distribution::Kind::kFixed: bad = outside(d.a); break;
      case Distribution::Kind::kUniform:
      case Distribution::Kind::kTriangular: bad = outside(d.a) || outside(d.b); break;
      case Distribution::Kind::kNormal:
      case Distribution::Kind::kLognormal:
      case Distribution::Kind::kBeta: bad = outside(d.lo) || outside(d.hi); break;
      case Distribution::Kind::kChoice: bad = std::any_of(d.choices.begin(), d.choices.end(), outside); break;
    }
    if (bad) {
      const bool unbounded = d.kind == Distribution::Kind::kNormal || d.kind == Distribution::Kind::kLognormal;
      fail(line_of(node), field, "expected " + std::string(range.what) + (d.is_fixed() ? "" : " for every value of the distribution") +
                                     ", found " + d.describe(),
           unbounded ? "add min and max inside the allowed range to truncate the distribution"
                     : "give a value in range");
    }
  }

  std::size_t param(const std::string& path, const toml::node& node, Range range = kAny) {
    Distribution d;
    if (const auto* t = node.as_table()) {
      d = distribution(*t, path, range);
    } else if (node.is_boolean()) {
      d = Distribution::fixed(*node.value<bool>() ? 1.0 : 0.0);
    } else if (node.is_date()) {
      d = Distribution::fixed(s_.calendar.step_of(date(node, path)));
    } else if (const auto v = node.value<double>()) {
      d = Distribution::fixed(finite(*v, node, path));
      check_support(d, node, path, range);
    } else {
      fail(line_of(node), path, "expected a number (or a distribution table such as { dist = \"uniform\", min = 0, max = 1 })",
           "write a plain number");
    }
    return s_.params.set(path, std::move(d), line_of(node));
  }

  std::size_t param(const toml::table& t, const std::string& key, const std::string& path, Range range,
                    std::optional<double> fallback) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      if (!fallback) fail(line_of(t), path, "missing", "add " + key + " = <number>");
      return s_.params.set(path, Distribution::fixed(*fallback), 0);
    }
    return param(path, *node, range);
  }

  // A table keyed by actor ids with numbers: every key must be a known actor.
  std::map<std::size_t, std::size_t> per_actor(const toml::table& t, const std::string& key, const std::string& path, Range range) {
    const toml::table* values = table(t, key, true, path.substr(0, path.rfind('.')));
    std::map<std::size_t, std::size_t> out;
    for (const auto& [name, node] : *values) {
      const std::string id(name.str());
      out[actor(id, node, path + "." + id)] = param(path + "." + id, node, range);
    }
    return out;
  }

  // ---- sections
  void read_meta(const toml::table* t) {
    only_keys(*t, "[scenario]", {"name", "description", "as_of"});
    s_.name = text(*t, "name", "scenario.name", true);
    s_.description = text(*t, "description", "scenario.description", false);
    if (const toml::node* as_of = t->get("as_of")) {
      s_.as_of = date(*as_of, "scenario.as_of");
      s_.as_of_line = line_of(*as_of);
    }
  }

  void read_calendar(const toml::table* t) {
    only_keys(*t, "[calendar]", {"start", "step", "horizon"});
    s_.calendar.start = date(*t, "start", "calendar.start");
    s_.calendar.horizon = date(*t, "horizon", "calendar.horizon");
    const std::string unit = text(*t, "step", "calendar.step", false, "week");
    if (unit == "day") s_.calendar.unit = StepUnit::kDay;
    else if (unit == "week") s_.calendar.unit = StepUnit::kWeek;
    else if (unit == "month") s_.calendar.unit = StepUnit::kMonth;
    else fail(line_of(*t->get("step")), "calendar.step", "unknown time step '" + unit + "'", "use day, week or month");
    if (s_.calendar.horizon <= s_.calendar.start) {
      fail(line_of(*t->get("horizon")), "calendar.horizon", "the horizon " + to_string(s_.calendar.horizon) +
           " is not after the start " + to_string(s_.calendar.start), "give a horizon after the start date");
    }
    if (s_.calendar.steps() > 100000) fail(line_of(*t), "calendar", "more than 100,000 steps", "use a longer time step or a nearer horizon");
    if (s_.as_of && (*s_.as_of < s_.calendar.start || *s_.as_of > s_.calendar.horizon)) {
      fail(s_.as_of_line, "scenario.as_of", "as_of " + to_string(*s_.as_of) + " lies outside the calendar (" +
           to_string(s_.calendar.start) + " to " + to_string(s_.calendar.horizon) + ")",
           "give the date the scenario's information stops, no earlier than [calendar].start");
    }
  }

  const toml::array& list(const toml::table& root, const std::string& key, bool required) {
    static const toml::array kEmpty;
    const toml::node* node = root.get(key);
    if (node == nullptr) {
      if (required) fail(1, key, "no [[" + key + "]] entries", "add at least one [[" + key + "]] table");
      return kEmpty;
    }
    if (!node->is_array_of_tables()) fail(line_of(*node), key, "expected [[" + key + "]] tables", "write each entry as [[" + key + "]]");
    return *node->as_array();
  }

  std::string id_of(const toml::table& t, const std::string& section, std::set<std::string>& seen) {
    const std::string id = text(t, "id", section + ".id", true);
    if (id.empty() || id.find('.') != std::string::npos) {
      fail(line_of(*t.get("id")), section + ".id", "an id must be non-empty and contain no '.'", "rename it");
    }
    if (!seen.insert(id).second) fail(line_of(*t.get("id")), section + ".id", "duplicate id '" + id + "'", "give each entry its own id");
    return id;
  }

  void read_actors(const toml::table& root) {
    std::set<std::string> seen;
    for (const auto& node : list(root, "actors", true)) {
      s_.actors.push_back(id_of(*node.as_table(), "actors", seen));
    }
    std::set<std::string> kinds;
    for (const auto& node : list(root, "actors", true)) {
      const toml::table& t = *node.as_table();
      const std::string id = *t.get("id")->value<std::string>();
      only_keys(t, "[[actors]] '" + id + "'", {"id", "capabilities", "threat_cost"});
      if (const toml::table* caps = table(t, "capabilities", false, "actors." + id)) {
        for (const auto& [kind, value] : *caps) {
          kinds.insert(std::string(kind.str()));
          param("actors." + id + ".capabilities." + std::string(kind.str()), value, kProbability);
        }
      }
      param(t, "threat_cost", "actors." + id + ".threat_cost", kNonNegative, 0.0);
    }
    s_.capability_kinds.assign(kinds.begin(), kinds.end());
    for (const auto& id : s_.actors) {
      for (const auto& kind : s_.capability_kinds) {
        const std::string path = "actors." + id + ".capabilities." + kind;
        if (!s_.params.find(path)) s_.params.set(path, Distribution::fixed(0.0), 0);
      }
    }
  }

  void read_issues(const toml::table& root) {
    std::set<std::string> seen;
    for (const auto& node : list(root, "issues", true)) {
      const toml::table& t = *node.as_table();
      Issue issue{.id = id_of(t, "issues", seen), .line = line_of(t)};
      const std::string p = "issues." + issue.id;
      only_keys(t, "[[issues]] '" + issue.id + "'", {"id", "scale", "status_quo", "model", "positions", "salience", "capability"});
      const auto bounds = numbers(t, "scale", p + ".scale");
      if (bounds.size() != 2 || !(bounds[0] < bounds[1])) fail(line_of(*t.get("scale")), p + ".scale", "expected [low, high] with low < high", "write scale = [0, 100]");
      issue.scale = Scale{bounds[0], bounds[1]};
      const Range in_scale{bounds[0], bounds[1], "a position inside the issue's scale"};
      param(t, "status_quo", p + ".status_quo", in_scale, std::nullopt);
      issue.model = text(t, "model", p + ".model", false, "compromise");
      if (ModelRegistry::instance().find(issue.model) == nullptr) {
        fail(line_of(*t.get("model")), p + ".model", "no bargaining model named '" + issue.model + "'",
             "use one of: " + join(ModelRegistry::instance().names()));
      }
      const auto positions = per_actor(t, "positions", p + ".positions", in_scale);
      const auto salience = per_actor(t, "salience", p + ".salience", kProbability);
      const auto capability = per_actor(t, "capability", p + ".capability", kNonNegative);
      for (const auto& [a, index] : positions) {
        if (!salience.contains(a) || !capability.contains(a)) {
          fail(line_of(t), p, "actor '" + s_.actors[a] + "' has a position but no salience or capability",
               "give every actor with a position a salience and a capability");
        }
      }
      std::vector<std::size_t> negotiators;
      for (const auto& [a, index] : positions) negotiators.push_back(a);
      if (s_.issues.empty()) {
        s_.negotiators = negotiators;
      } else if (negotiators != s_.negotiators) {
        fail(line_of(t), p + ".positions", "the actors with positions differ from those of issue '" + s_.issues.front().id + "'",
             "give every negotiator a position on every issue");
      }
      s_.issues.push_back(std::move(issue));
    }
  }

  // protocol = "drift" (default) or "alternating_offers" with patience per side and first_proposer.
  void read_protocol(const toml::table& t) {
    const std::string name = text(t, "protocol", "negotiation.protocol", false, "drift");
    const auto known =
        std::find_if(kProtocols.begin(), kProtocols.end(), [&name](const ProtocolName& p) { return name == p.name; });
    if (known == kProtocols.end()) {
      std::vector<std::string> names;
      for (const auto& p : kProtocols) names.emplace_back(std::string("\"") + p.name + "\"");
      fail(line_of(*t.get("protocol")), "negotiation.protocol", "unknown protocol '" + name + "'",
           "use one of: " + join(names));
    }
    s_.protocol = known->protocol;
    const bool offers = s_.protocol == Protocol::kAlternatingOffers;
    const char* own = offers ? "alternating_offers" : "drift";
    for (const char* key : {"patience", "first_proposer", "concession", "deadline_pressure", "acceptance"}) {
      const bool for_offers = std::string(key) == "patience" || std::string(key) == "first_proposer";
      if (t.get(key) != nullptr && for_offers != offers) {
        fail(line_of(*t.get(key)), std::string("negotiation.") + key,
             std::string(key) + " is read only by the protocol \"" + (for_offers ? "alternating_offers" : "drift") +
                 "\", and this scenario's is \"" + own + "\"",
             for_offers ? "add protocol = \"alternating_offers\", or remove it"
                        : "remove it, or use protocol = \"drift\"");
      }
    }
    if (!offers) return;
    std::vector<std::string> side_ids;
    for (const auto& side : s_.sides) side_ids.push_back(side.id);
    if (t.get("patience") == nullptr) {
      fail(line_of(t), "negotiation.patience", "the protocol \"alternating_offers\" needs each side's patience",
           "add patience = { " + side_ids[0] + " = 0.98, " + side_ids[1] + " = 0.95 } (weekly discount factors)");
    }
    const toml::table* patience = table(t, "patience", true, "negotiation");
    only_keys(*patience, "negotiation.patience", side_ids);
    constexpr Range kDiscount{1e-9, 1.0, "a weekly discount factor above 0 and at most 1"};
    for (const auto& side : s_.sides)
      param(*patience, side.id, "negotiation.patience." + side.id, kDiscount, std::nullopt);
    if (t.get("first_proposer") != nullptr) {
      const std::string first = text(t, "first_proposer", "negotiation.first_proposer", true);
      s_.first_proposer = side_index(first, *t.get("first_proposer"), "negotiation.first_proposer");
    }
  }

  void read_negotiation(const toml::table* t) {
    only_keys(*t, "[negotiation]",
              {"issues", "sides", "protocol", "patience", "first_proposer", "concession", "deadline_pressure",
               "acceptance", "deal_fear", "deal_greed"});
    if (const toml::node* issues = t->get("issues")) {
      for (const auto& id : strings(*issues, "negotiation.issues")) {
        if (std::none_of(s_.issues.begin(), s_.issues.end(), [&id](const Issue& i) { return i.id == id; })) {
          fail(line_of(*issues), "negotiation.issues", "unknown issue '" + id + "'", "list issues declared in [[issues]]");
        }
      }
    }
    const toml::table* sides = table(*t, "sides", true, "negotiation");
    std::set<std::size_t> seated;
    for (const auto& [name, node] : *sides) {
      Side side{.id = std::string(name.str())};
      for (const auto& member : strings(node, "negotiation.sides." + side.id)) {
        const std::size_t a = actor(member, node, "negotiation.sides." + side.id);
        if (std::find(s_.negotiators.begin(), s_.negotiators.end(), a) == s_.negotiators.end()) {
          fail(line_of(node), "negotiation.sides." + side.id, "actor '" + member + "' has no positions on the issues",
               "give it positions, salience and capability in every [[issues]] table");
        }
        if (!seated.insert(a).second) fail(line_of(node), "negotiation.sides", "actor '" + member + "' sits on two sides", "keep each actor on one side");
        side.members.push_back(a);
      }
      if (side.members.empty()) fail(line_of(node), "negotiation.sides." + side.id, "a side with no members", "list its actors");
      s_.sides.push_back(std::move(side));
    }
    if (s_.sides.size() != 2) fail(line_of(*sides), "negotiation.sides", "expected exactly two sides, found " + std::to_string(s_.sides.size()), "group the negotiators into two sides");
    read_protocol(*t);
    param(*t, "concession", "negotiation.concession", kProbability, 0.02);
    param(*t, "deadline_pressure", "negotiation.deadline_pressure", kNonNegative, 0.0);
    param(*t, "acceptance", "negotiation.acceptance", kProbability, 0.05);
    // The deal as a Security Dilemma Game (Kydd 2005): its fear and a trustworthy side's greed set
    // the trust each side needs, c / (1 + c - t); 2/3 at Kydd's example values.
    param(*t, "deal_fear", "negotiation.deal_fear", kNonNegative, 1.0);
    param(*t, "deal_greed", "negotiation.deal_greed", kNonNegative, 0.5);
  }

  void read_trust(const toml::table* t) {
    only_keys(*t, "[trust]", {"dimensions", "correlation", "decay", "observation_noise", "prior", "default_prior", "fear",
                              "greed_trustworthy", "greed_untrustworthy", "compliance_untrustworthy", "report_interval_weeks"});
    const toml::node* dims = t->get("dimensions");
    s_.trust_dimensions = dims ? strings(*dims, "trust.dimensions") : std::vector<std::string>{"nuclear", "threat"};
    if (s_.trust_dimensions.size() != 2) {
      fail(dims ? line_of(*dims) : line_of(*t), "trust.dimensions", "expected two type dimensions (the negotiated issue first, the common threat second)",
           "write dimensions = [\"nuclear\", \"threat\"]");
    }
    param(*t, "correlation", "trust.correlation", Range{-1.0, 1.0, "a correlation between -1 and 1"}, 0.0);
    param(*t, "decay", "trust.decay", kProbability, 0.0);
    param(*t, "observation_noise", "trust.observation_noise", Range{0.0, 0.5, "a noise level between 0 and 0.5"}, 0.0);
    param(*t, "fear", "trust.fear", kNonNegative, 1.0);
    param(*t, "greed_trustworthy", "trust.greed_trustworthy", kNonNegative, 0.5);
    param(*t, "greed_untrustworthy", "trust.greed_untrustworthy", kNonNegative, 1.5);
    param(*t, "compliance_untrustworthy", "trust.compliance_untrustworthy", kProbability, 0.5);
    param(*t, "report_interval_weeks", "trust.report_interval_weeks", kPositive, 4.0);
    const toml::table* defaults = table(*t, "default_prior", false, "trust");
    for (const auto& dim : s_.trust_dimensions) {
      const std::optional<double> fallback = 0.5;
      const std::size_t d = defaults ? param(*defaults, dim, "trust.default_prior." + dim, kProbability, fallback)
                                     : s_.params.set("trust.default_prior." + dim, Distribution::fixed(0.5), 0);
      for (const auto& a : s_.actors) s_.params.set("trust.prior." + a + "." + dim, s_.params.all()[d].value, 0);
    }
    if (const toml::table* priors = table(*t, "prior", false, "trust")) {
      for (const auto& [name, node] : *priors) {
        const std::string id(name.str());
        actor(id, node, "trust.prior." + id);
        if (!node.is_table()) fail(line_of(node), "trust.prior." + id, "expected a table of dimension = probability", "write " + id + " = { nuclear = 0.4, threat = 0.6 }");
        only_keys(*node.as_table(), "trust.prior." + id, s_.trust_dimensions);
        for (const auto& [dim, value] : *node.as_table()) param("trust.prior." + id + "." + std::string(dim.str()), value, kProbability);
      }
    }
  }

  void read_threat(const toml::table* t) {
    only_keys(*t, "[threat]", {"initial", "capacity", "growth", "effect", "contribution_cost"});
    param(*t, "initial", "threat.initial", kNonNegative, std::nullopt);
    param(*t, "capacity", "threat.capacity", kPositive, 1.0);
    param(*t, "growth", "threat.growth", kAny, std::nullopt);
    param(*t, "contribution_cost", "threat.contribution_cost", kNonNegative, 0.0);
    const toml::table* effect = table(*t, "effect", false, "threat");
    for (const auto& kind : s_.capability_kinds) {
      if (effect) param(*effect, kind, "threat.effect." + kind, kNonNegative, 0.0);
      else s_.params.set("threat.effect." + kind, Distribution::fixed(0.0), 0);
    }
    if (effect) only_keys(*effect, "threat.effect", s_.capability_kinds);
  }

  void read_arenas(const toml::table& root) {
    std::set<std::string> seen;
    for (const auto& node : list(root, "arenas", false)) {
      const toml::table& t = *node.as_table();
      Arena arena{.id = id_of(t, "arenas", seen), .line = line_of(t)};
      const std::string p = "arenas." + arena.id;
      const std::string kind = text(t, "kind", p + ".kind", true);
      if (kind == "campaign") arena.kind = ArenaKind::kCampaign;
      else if (kind == "coordination") arena.kind = ArenaKind::kCoordination;
      else if (kind == "repeated") arena.kind = ArenaKind::kRepeated;
      else fail(line_of(*t.get("kind")), p + ".kind", "unknown arena kind '" + kind + "'", "use campaign, coordination or repeated");
      const toml::node* players = t.get("players");
      if (players == nullptr) fail(line_of(t), p + ".players", "missing", "list the arena's players");
      for (const auto& id : strings(*players, p + ".players")) arena.players.push_back(actor(id, *players, p + ".players"));
      if (arena.kind != ArenaKind::kCampaign && arena.players.size() != 2) {
        fail(line_of(*players), p + ".players", "a " + kind + " arena has exactly two players", "list two actors");
      }
      if (arena.kind == ArenaKind::kCampaign) {
        only_keys(t, "[[arenas]] '" + arena.id + "'", {"id", "kind", "players", "commits", "active", "noise"});
        read_commits(t, arena, p);
      } else if (arena.kind == ArenaKind::kRepeated) {
        only_keys(t, "[[arenas]] '" + arena.id + "'", {"id", "kind", "players", "active", "noise", "payoffs", "strategies", "type_dimension"});
        read_repeated(t, arena, p);
      } else {
        only_keys(t, "[[arenas]] '" + arena.id + "'", {"id", "kind", "players", "active", "noise", "threat_value", "effectiveness_bonus"});
        param(t, "threat_value", p + ".threat_value", kNonNegative, 1.0);
        param(t, "effectiveness_bonus", p + ".effectiveness_bonus", kNonNegative, 0.0);
      }
      param(t, "active", p + ".active", kProbability, 1.0);
      param(t, "noise", p + ".noise", Range{0.0, 0.5, "a noise level between 0 and 0.5"}, 0.0);
      for (const std::size_t a : arena.players) {
        s_.params.set(p + ".start." + s_.actors[a], Distribution::fixed(0.0), 0);
        s_.params.set(p + ".flip." + s_.actors[a], Distribution::fixed(0.0), 0);
      }
      s_.arenas.push_back(std::move(arena));
    }
  }

  // A repeated game from the repeated-games module: payoffs R, S, T, P (default Axelrod's), and
  // for each player a strategy, or one per type: { trustworthy = "...", untrustworthy = "..." }.
  void read_repeated(const toml::table& t, Arena& arena, const std::string& p) {
    const toml::table* payoffs = table(t, "payoffs", false, p);
    if (payoffs) only_keys(*payoffs, p + ".payoffs", {"R", "S", "T", "P"});
    const std::pair<const char*, double> defaults[] = {{"R", 3.0}, {"S", 0.0}, {"T", 5.0}, {"P", 1.0}};
    for (const auto& [key, value] : defaults) {
      if (payoffs) param(*payoffs, key, p + ".payoffs." + key, kAny, value);
      else s_.params.set(p + ".payoffs." + key, Distribution::fixed(value), 0);
    }
    const std::string dimension = text(t, "type_dimension", p + ".type_dimension", false, s_.trust_dimensions[1]);
    const auto d = std::find(s_.trust_dimensions.begin(), s_.trust_dimensions.end(), dimension);
    if (d == s_.trust_dimensions.end()) {
      fail(line_of(*t.get("type_dimension")), p + ".type_dimension", "unknown trust dimension '" + dimension + "'",
           "use one of: " + join(s_.trust_dimensions));
    }
    arena.type_dimension = static_cast<std::size_t>(d - s_.trust_dimensions.begin());
    const toml::table* strategies = table(t, "strategies", true, p);
    for (const auto& [name, node] : *strategies) {
      const std::string id(name.str());
      const std::string field = p + ".strategies." + id;
      const std::size_t a = actor(id, node, field);
      if (std::find(arena.players.begin(), arena.players.end(), a) == arena.players.end()) {
        fail(line_of(node), field, "actor is not a player of this arena", "add it to players or remove this entry");
      }
      std::array<std::string, 2> by_type;
      if (node.is_string()) {
        by_type = {*node.value<std::string>(), *node.value<std::string>()};
      } else if (const auto* types = node.as_table()) {
        only_keys(*types, field, {"trustworthy", "untrustworthy"});
        by_type = {text(*types, "trustworthy", field + ".trustworthy", true), text(*types, "untrustworthy", field + ".untrustworthy", true)};
      } else {
        fail(line_of(node), field, "expected a strategy name or { trustworthy = \"...\", untrustworthy = \"...\" }",
             "write for example " + id + " = \"Tit For Tat\"");
      }
      for (const auto& strategy : by_type) {
        if (auto made = games::make_strategy(strategy); !made) fail(line_of(node), field, made.error().problem, made.error().fix);
      }
      arena.strategies[a] = by_type;
    }
    for (const std::size_t a : arena.players) {
      if (!arena.strategies.contains(a)) {
        fail(line_of(*strategies), p + ".strategies", "no strategy for player '" + s_.actors[a] + "'", "give every player a strategy");
      }
    }
  }

  void read_commits(const toml::table& t, Arena& arena, const std::string& p) {
    const toml::table* commits = table(t, "commits", true, p);
    for (const auto& [name, node] : *commits) {
      const std::size_t a = actor(std::string(name.str()), node, p + ".commits");
      if (std::find(arena.players.begin(), arena.players.end(), a) == arena.players.end()) {
        fail(line_of(node), p + ".commits." + std::string(name.str()), "actor is not a player of this arena", "add it to players or remove this entry");
      }
      for (const auto& kind : strings(node, p + ".commits." + std::string(name.str()))) {
        const auto k = std::find(s_.capability_kinds.begin(), s_.capability_kinds.end(), kind);
        if (k == s_.capability_kinds.end()) {
          fail(line_of(node), p + ".commits." + std::string(name.str()), "unknown capability kind '" + kind + "'",
               "use one of the kinds in the actors' capabilities: " + join(s_.capability_kinds));
        }
        arena.commits[a].push_back(static_cast<std::size_t>(k - s_.capability_kinds.begin()));
      }
    }
  }

  std::size_t side_index(const std::string& id, const toml::node& where, const std::string& field) {
    for (std::size_t i = 0; i < s_.sides.size(); ++i) {
      if (s_.sides[i].id == id) return i;
    }
    fail(line_of(where), field, "unknown side '" + id + "'", "use a side of [negotiation].sides");
  }

  std::size_t arena_index(const std::string& id, const toml::node& where, const std::string& field) {
    for (std::size_t i = 0; i < s_.arenas.size(); ++i) {
      if (s_.arenas[i].id == id) return i;
    }
    std::vector<std::string> ids;
    for (const auto& a : s_.arenas) ids.push_back(a.id);
    fail(line_of(where), field, "unknown arena '" + id + "'", "use one of: " + join(ids));
  }

  void read_veto_players(const toml::table& root) {
    std::set<std::string> seen;
    for (const auto& node : list(root, "veto_players", false)) {
      const toml::table& t = *node.as_table();
      VetoPlayer veto{.id = id_of(t, "veto_players", seen), .line = line_of(t)};
      if (s_.veto_players.size() == kMaxVetoPlayers) {
        fail(veto.line, "veto_players", "more than " + std::to_string(kMaxVetoPlayers) + " veto players",
             "merge veto players whose ideals are alike");
      }
      const std::string p = "veto_players." + veto.id;
      only_keys(t, "[[veto_players]] '" + veto.id + "'", {"id", "side", "ideal", "ideal_spread", "block_probability", "pressure_from"});
      veto.side = side_index(text(t, "side", p + ".side", true), *t.get("side"), p + ".side");
      const toml::table* ideal = table(t, "ideal", true, p);
      std::vector<std::string> issue_ids;
      for (const auto& issue : s_.issues) issue_ids.push_back(issue.id);
      only_keys(*ideal, p + ".ideal", issue_ids);
      for (const auto& issue : s_.issues) {
        param(*ideal, issue.id, p + ".ideal." + issue.id, Range{issue.scale.lo, issue.scale.hi, "a point inside the issue's scale"}, std::nullopt);
      }
      param(t, "ideal_spread", p + ".ideal_spread", kNonNegative, 0.0);
      param(t, "block_probability", p + ".block_probability", kProbability, 1.0);
      if (const toml::table* pressure = table(t, "pressure_from", false, p)) {
        only_keys(*pressure, p + ".pressure_from", {"actor", "arena", "shift"});
        veto.pressure_actor = actor(text(*pressure, "actor", p + ".pressure_from.actor", true), *pressure, p + ".pressure_from.actor");
        veto.pressure_arena = arena_index(text(*pressure, "arena", p + ".pressure_from.arena", true), *pressure, p + ".pressure_from.arena");
        param(*pressure, "shift", p + ".pressure_from.shift", kNonNegative, std::nullopt);
      }
      s_.veto_players.push_back(std::move(veto));
    }
  }

  void read_linkage(const toml::table& root) {
    for (const auto& node : list(root, "linkage", false)) {
      const toml::table& t = *node.as_table();
      only_keys(t, "[[linkage]]", {"from", "updates", "punish"});
      Link link{.line = line_of(t)};
      link.arena = arena_index(text(t, "from", "linkage.from", true), t, "linkage.from");
      const std::string dim = text(t, "updates", "linkage.updates", true);
      const auto d = std::find(s_.trust_dimensions.begin(), s_.trust_dimensions.end(), dim);
      if (d == s_.trust_dimensions.end()) fail(line_of(*t.get("updates")), "linkage.updates", "unknown trust dimension '" + dim + "'", "use one of: " + join(s_.trust_dimensions));
      link.dimension = static_cast<std::size_t>(d - s_.trust_dimensions.begin());
      if (const toml::node* punish = t.get("punish")) {
        if (!punish->is_boolean()) fail(line_of(*punish), "linkage.punish", "expected true or false", "write punish = true");
        link.punish = *punish->value<bool>();
      }
      s_.links.push_back(link);
    }
  }

  void read_deadlines(const toml::table& root) {
    for (const auto& node : list(root, "deadlines", false)) {
      const toml::table& t = *node.as_table();
      only_keys(t, "[[deadlines]]", {"date", "hard_probability", "missed_cost", "extension_weeks", "announced", "hypothetical"});
      Deadline deadline{.date = date(t, "date", "deadlines.date"), .line = line_of(t)};
      deadline.step = s_.calendar.step_of(deadline.date);
      deadline.key = "deadlines." + to_string(deadline.date);
      if (deadline.date <= s_.calendar.start || deadline.date > s_.calendar.horizon) {
        fail(line_of(*t.get("date")), "deadlines.date", "the deadline " + to_string(deadline.date) + " lies outside the calendar",
             "give a date after the start and no later than the horizon");
      }
      if (!s_.deadlines.empty() && deadline.date <= s_.deadlines.back().date) {
        fail(line_of(*t.get("date")), "deadlines.date", "deadlines must be listed in date order", "reorder the [[deadlines]] tables");
      }
      param(t, "hard_probability", deadline.key + ".hard_probability", kProbability, 0.0);
      param(t, "missed_cost", deadline.key + ".missed_cost", kNonNegative, 0.0);
      if (t.get("announced") != nullptr) {
        deadline.announced = date(t, "announced", "deadlines.announced");
        if (*deadline.announced > deadline.date) {
          fail(line_of(*t.get("announced")), "deadlines.announced", "announced " + to_string(*deadline.announced) +
               " is after the deadline itself", "give the date the deadline was set");
        }
      }
      if (const toml::node* flag = t.get("hypothetical")) {
        if (!flag->is_boolean()) fail(line_of(*flag), "deadlines.hypothetical", "expected true or false", "write hypothetical = true");
        deadline.hypothetical = *flag->value<bool>();
      }
      check_known_by_as_of(t, deadline);
      if (!s_.deadlines.empty() && s_.deadlines.back().extendable) {
        const auto& earlier = s_.params.all()[s_.params.index(s_.deadlines.back().key + ".extension_weeks")];
        fail(earlier.line, "deadlines.extension_weeks", "only the last deadline may have extension_weeks (the deadline " +
             to_string(s_.deadlines.back().date) + " has it, and " + to_string(deadline.date) + " follows)",
             "move extension_weeks to the last [[deadlines]] table");
      }
      if (t.get("extension_weeks") != nullptr) {
        param(t, "extension_weeks", deadline.key + ".extension_weeks", kPositive, std::nullopt);
        deadline.extendable = true;
      }
      s_.deadlines.push_back(std::move(deadline));
    }
  }

  // With [scenario].as_of, a deadline must have been set by then, or be marked hypothetical.
  void check_known_by_as_of(const toml::table& t, const Deadline& deadline) {
    if (!s_.as_of || deadline.hypothetical) return;
    const std::string which = "the deadline " + to_string(deadline.date);
    if (!deadline.announced) {
      fail(line_of(*t.get("date")), "deadlines.announced", which + " does not say when it was set, and the scenario has as_of " +
           to_string(*s_.as_of), "add announced = YYYY-MM-DD (with its source), or hypothetical = true if it was not known then");
    }
    if (*deadline.announced > *s_.as_of) {
      fail(line_of(*t.get("announced")), "deadlines.announced", which + " was set on " + to_string(*deadline.announced) +
           ", after as_of " + to_string(*s_.as_of) + ": it was not known then",
           "remove it (an extendable earlier deadline models what might follow), or mark it hypothetical = true");
    }
  }

  void read_outside_options(const toml::table* t) {
    std::vector<std::string> ids;
    for (const auto& side : s_.sides) ids.push_back(side.id);
    only_keys(*t, "[outside_options]", ids);
    for (const auto& side : s_.sides) param(*t, side.id, "outside_options." + side.id, kAny, std::nullopt);
  }

  void read_policies(const toml::table& root) {
    std::set<std::string> seen;
    for (const auto& node : list(root, "policies", false)) {
      const toml::table& t = *node.as_table();
      Policy policy{.id = id_of(t, "policies", seen), .line = line_of(t)};
      const std::string p = "policies." + policy.id;
      only_keys(t, "[[policies]] '" + policy.id + "'", {"id", "description", "start", "set"});
      policy.description = text(t, "description", p + ".description", false);
      policy.start = t.get("start") ? date(t, "start", p + ".start") : s_.calendar.start;
      if (policy.start > s_.calendar.horizon) {
        fail(line_of(*t.get("start")), p + ".start", "the policy starts on " + to_string(policy.start) +
             ", after the horizon " + to_string(s_.calendar.horizon) + ", so it never acts",
             "give a start no later than the horizon");
      }
      policy.start_step = s_.calendar.step_of(policy.start);
      const toml::table* changes = table(t, "set", true, p);
      for (const auto& [path, value] : *changes) {
        const std::string key(path.str());
        const auto index = s_.params.find(key);
        if (!index) {
          fail(line_of(value), p + ".set", "no parameter '" + key + "' in this scenario",
               "name a parameter as 'detente check --params FILE' lists them, e.g. arenas.coordination.active");
        }
        Distribution d;
        if (value.is_boolean()) d = Distribution::fixed(*value.value<bool>() ? 1.0 : 0.0);
        else if (value.is_date()) d = Distribution::fixed(s_.calendar.step_of(date(value, p + ".set." + key)));
        else if (const auto* dist = value.as_table()) d = distribution(*dist, p + ".set." + key, kAny);
        else if (const auto v = value.value<double>())
          d = Distribution::fixed(finite(*v, value, p + ".set." + key));
        else fail(line_of(value), p + ".set." + key, "expected a number, true/false or a date", "write a value");
        policy.changes.push_back(PolicyChange{*index, std::move(d)});
      }
      s_.policies.push_back(std::move(policy));
    }
  }

  void read_outcomes(const toml::table* t) {
    if (t == nullptr) return;
    only_keys(*t, "[outcomes]", {"agreement_by", "series"});
    if (const toml::node* dates = t->get("agreement_by")) {
      const toml::array* array = dates->as_array();
      if (array == nullptr) fail(line_of(*dates), "outcomes.agreement_by", "expected a list of dates", "write [2014-11-24, 2015-06-30]");
      for (const auto& item : *array) {
        const Date by = date(item, "outcomes.agreement_by");
        const std::string when = to_string(by);
        if (by <= s_.calendar.start) {
          fail(line_of(item), "outcomes.agreement_by",
               "the date " + when + " is not after the start " + to_string(s_.calendar.start) +
                   ", so no step of the talks comes before it",
               "give a date after [calendar].start");
        }
        if (by > s_.calendar.horizon) {
          fail(line_of(item), "outcomes.agreement_by", "the date " + when + " is after the horizon " +
               to_string(s_.calendar.horizon) + ", so no run can say whether it came by then",
               "give a date no later than the horizon, or move [calendar].horizon past " + when);
        }
        if (std::find(s_.agreement_by.begin(), s_.agreement_by.end(), by) != s_.agreement_by.end())
          fail(line_of(item), "outcomes.agreement_by", "the date " + when + " is listed twice", "list each date once");
        s_.agreement_by.push_back(by);
      }
    }
    if (const toml::node* series = t->get("series")) {
      for (const auto& name : strings(*series, "outcomes.series")) {
        if (!valid_series(name)) {
          fail(line_of(*series), "outcomes.series", "unknown series '" + name + "'",
               "use threat, distance, trust.OBSERVER.TARGET.DIMENSION or position.ACTOR.ISSUE");
        }
        s_.series.push_back(name);
      }
    }
  }

  // [uncertainty] correlations = [{ a = "PATH", b = "PATH", rho = R }, ...]: a Gaussian copula over
  // uncertain parameters (docs/uncertainty.md).
  void read_uncertainty(const toml::table* t) {
    if (t == nullptr) return;
    only_keys(*t, "[uncertainty]", {"correlations"});
    const toml::node* node = t->get("correlations");
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) fail(line_of(*node), "uncertainty.correlations", "expected a list of { a, b, rho } tables",
                               "write correlations = [{ a = \"trust.decay\", b = \"trust.correlation\", rho = 0.3 }]");
    std::set<std::pair<std::size_t, std::size_t>> seen;
    for (const auto& item : *array) {
      const toml::table* entry = item.as_table();
      const std::string field = "uncertainty.correlations";
      if (entry == nullptr) fail(line_of(item), field, "expected a table { a = \"PATH\", b = \"PATH\", rho = R }", "write each entry as { a = ..., b = ..., rho = ... }");
      only_keys(*entry, field, {"a", "b", "rho"});
      Correlation c{.line = line_of(item)};
      c.a = uncertain_parameter(text(*entry, "a", field + ".a", true), item, field + ".a");
      c.b = uncertain_parameter(text(*entry, "b", field + ".b", true), item, field + ".b");
      if (c.a == c.b) fail(line_of(item), field, "a parameter correlated with itself", "name two different parameters");
      const toml::node* rho = entry->get("rho");
      const auto value = rho ? rho->value<double>() : std::nullopt;
      if (!value || !(*value > -1.0 && *value < 1.0)) {
        fail(line_of(item), field + ".rho", "expected a correlation strictly between -1 and 1", "write rho = 0.3");
      }
      c.rho = *value;
      if (!seen.insert({std::min(c.a, c.b), std::max(c.a, c.b)}).second) {
        fail(line_of(item), field, "the pair " + s_.params.all()[c.a].path + ", " + s_.params.all()[c.b].path + " is correlated twice",
             "keep one entry per pair");
      }
      s_.correlations.push_back(c);
    }
    if (!correlation_factor(s_.correlations)) {
      fail(line_of(*node), "uncertainty.correlations", "the correlations are inconsistent: their matrix is not positive definite",
           "weaken the correlations (e.g. a~b and b~c strongly positive force a~c positive)");
    }
  }

  std::size_t uncertain_parameter(const std::string& path, const toml::node& where, const std::string& field) {
    const auto index = s_.params.find(path);
    if (!index) fail(line_of(where), field, "no parameter '" + path + "' in this scenario", "name a parameter as 'detente check --params FILE' lists them");
    if (s_.params.all()[*index].value.is_fixed()) {
      fail(line_of(where), field, "parameter '" + path + "' is a fixed number, so it cannot be correlated",
           "give it a distribution first, e.g. { dist = \"uniform\", min = 0, max = 1 }");
    }
    return *index;
  }

  bool valid_series(const std::string& name) const {
    if (name == "threat" || name == "distance") return true;
    std::vector<std::string> parts;
    std::stringstream ss(name);
    for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
    if (parts.size() == 4 && parts[0] == "trust") {
      return s_.actor_index(parts[1]) && s_.actor_index(parts[2]) &&
             std::find(s_.trust_dimensions.begin(), s_.trust_dimensions.end(), parts[3]) != s_.trust_dimensions.end();
    }
    if (parts.size() == 3 && parts[0] == "position") {
      return s_.actor_index(parts[1]) && std::any_of(s_.issues.begin(), s_.issues.end(), [&parts](const Issue& i) { return i.id == parts[2]; });
    }
    return false;
  }

  Scenario s_;
};

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, const std::string& file) {
  try {
    return Loader(file, text).load();
  } catch (const Failure& failure) {
    return failure.error;
  }
}

Result<Scenario> load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{.file = path, .problem = "cannot open the scenario file", .fix = "check the path"};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_scenario(buffer.str(), path);
}

}  // namespace detente::scenario
