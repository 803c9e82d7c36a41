#include "backtest/timeline.h"

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "scenario/toml_syntax.h"

namespace detente::backtest {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 9> kKinds = {{
    {EventKind::kAgreement, "agreement"},
    {EventKind::kInterim, "interim"},
    {EventKind::kFramework, "framework"},
    {EventKind::kExtension, "extension"},
    {EventKind::kBreakdown, "breakdown"},
    {EventKind::kReview, "review"},
    {EventKind::kRatification, "ratification"},
    {EventKind::kImplementation, "implementation"},
    {EventKind::kCooperation, "cooperation"},
}};

std::string kind_list() {
  std::string out;
  for (const auto& [kind, name] : kKinds) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

struct Failure {
  Error error;
};

class Reader {
 public:
  Reader(std::string_view text, std::string file) : text_(text) { timeline_.file = std::move(file); }

  Timeline read() {
    toml::table root;
    try {
      root = toml::parse(text_, timeline_.file);
    } catch (const toml::parse_error& e) {
      const int line = static_cast<int>(e.source().begin.line);
      const auto said = scenario::describe_toml_syntax(e.description(), scenario::line_of_text(text_, line),
                                                       "docs/backtest.md shows a timeline");
      fail(line, "", said.problem, said.fix);
    }
    only_keys(root, "the file", {"timeline", "events"});
    const toml::table* meta = root["timeline"].as_table();
    if (meta == nullptr) fail(1, "timeline", "the section [timeline] is missing", "add [timeline] with name = \"...\"");
    only_keys(*meta, "[timeline]", {"name", "complete_through"});
    timeline_.name = text(*meta, "name", "timeline.name");
    if (const toml::node* through = meta->get("complete_through")) {
      timeline_.complete_through = date(*through, "timeline.complete_through");
    }
    const toml::array* events = root["events"].as_array();
    if (events == nullptr || events->empty()) {
      fail(line_of(*meta), "events", "the timeline lists no [[events]]", "add one [[events]] table per dated outcome");
    }
    for (const auto& node : *events) {
      const toml::table* t = node.as_table();
      if (t == nullptr) fail(line_of(node), "events", "expected a table", "write each event as [[events]]");
      timeline_.events.push_back(event(*t));
    }
    return std::move(timeline_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& field, const std::string& problem, const std::string& fix) const {
    throw Failure{Error{.file = timeline_.file, .line = line, .field = field, .problem = problem, .fix = fix}};
  }
  static int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

  void only_keys(const toml::table& t, const std::string& where,
                 std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string known;
      for (const auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
      fail(line_of(node), std::string(key.str()), "unknown field '" + std::string(key.str()) + "' in " + where,
           "use one of: " + known);
    }
  }

  std::string text(const toml::table& t, const std::string& key, const std::string& field) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) fail(line_of(t), field, "missing", "add " + key + " = \"...\"");
    const auto value = node->value<std::string>();
    if (!value || value->empty())
      fail(line_of(*node), field, "expected a non-empty quoted string", "write " + key + " = \"...\"");
    return *value;
  }

  Date date(const toml::node& node, const std::string& field) const {
    if (const auto* d = node.as_date()) {
      const toml::date v = d->get();
      const Date out{v.year, v.month, v.day};
      if (is_valid(out)) return out;
    }
    fail(line_of(node), field, "expected a date", "write a date as YYYY-MM-DD, without quotes");
  }

  std::vector<std::string> names(const toml::node& node, const std::string& field) const {
    const toml::array* list = node.as_array();
    std::vector<std::string> out;
    if (list != nullptr) {
      for (const auto& item : *list) {
        if (const auto name = item.value<std::string>()) out.push_back(*name);
      }
    }
    if (list == nullptr || out.size() != list->size() || out.size() != 2) {
      fail(line_of(node), field, "expected the two parties as a list of two names",
           "write parties = [\"US\", \"Iran\"]");
    }
    return out;
  }

  TimelineEvent event(const toml::table& t) {
    only_keys(t, "[[events]]", {"id", "date", "kind", "happened", "description", "source", "parties"});
    TimelineEvent e{.id = text(t, "id", "events.id"), .line = line_of(t)};
    const toml::node* when = t.get("date");
    if (when == nullptr) fail(e.line, "events.date", "missing", "add date = YYYY-MM-DD");
    e.date = date(*when, "events.date");
    const std::string kind = text(t, "kind", "events.kind");
    const auto* found = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.second == kind; });
    if (found == kKinds.end())
      fail(line_of(*t.get("kind")), "events.kind", "unknown kind '" + kind + "'", "use one of: " + kind_list());
    e.kind = found->first;
    if (const toml::node* happened = t.get("happened")) {
      if (!happened->is_boolean())
        fail(line_of(*happened), "events.happened", "expected true or false", "write happened = false for an absence");
      e.happened = *happened->value<bool>();
    }
    e.description = text(t, "description", "events.description");
    e.source = text(t, "source", "events.source");
    if (const toml::node* parties = t.get("parties")) e.parties = names(*parties, "events.parties");
    check_order(e);
    return e;
  }

  void check_order(const TimelineEvent& e) const {
    for (const auto& other : timeline_.events) {
      if (other.id == e.id) {
        fail(e.line, "events.id",
             "the id '" + e.id + "' is used twice (first at line " + std::to_string(other.line) + ")",
             "give each event its own id");
      }
    }
    if (!timeline_.events.empty() && e.date < timeline_.events.back().date) {
      fail(e.line, "events.date",
           "the events are not in date order (" + to_string(e.date) + " follows " +
               to_string(timeline_.events.back().date) + ")",
           "list the [[events]] by date");
    }
    if (!e.happened && timeline_.complete_through && e.date > *timeline_.complete_through) {
      fail(e.line, "events.happened",
           "an absence dated " + to_string(e.date) + " lies after complete_through " +
               to_string(*timeline_.complete_through),
           "date it on or before complete_through, or extend complete_through");
    }
  }

  std::string_view text_;
  Timeline timeline_;
};

}  // namespace

std::string_view kind_name(EventKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "?";
}

const TimelineEvent* Timeline::first(EventKind kind) const {
  const auto found =
      std::find_if(events.begin(), events.end(), [kind](const auto& e) { return e.kind == kind && e.happened; });
  return found == events.end() ? nullptr : &*found;
}

Result<Timeline> parse_timeline(std::string_view text, const std::string& file) {
  try {
    return Reader(text, file).read();
  } catch (const Failure& failure) {
    return failure.error;
  }
}

Result<Timeline> load_timeline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{.file = path,
                 .field = "--timeline",
                 .problem = "cannot open the file",
                 .fix = "check the path (docs/backtest.md)"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_timeline(text.str(), path);
}

}  // namespace detente::backtest
