#include "report/scenario_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "ensemble/aggregate.h"
#include "report/stats.h"

namespace detente::report {
namespace {

using engine::RunOutcome;
using engine::RunResult;

struct Arm {
  std::string label;
  std::vector<std::string> policies;
  std::vector<RunResult> runs;
};

struct EventDef {
  std::string name;
  std::function<bool(const RunOutcome&)> happened;
};

struct Vary {
  std::size_t index = 0;
  std::string path;
  double lo = 0.0;
  double hi = 0.0;
};

constexpr std::array<double, 5> kBandQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
constexpr std::array<const char*, 5> kBandNames = {"q05", "q25", "q50", "q75", "q95"};

std::string date_at(const scenario::Scenario& s, int step) { return to_string(s.calendar.date_of(step)); }

std::vector<std::string> arm_policies(const std::string& label) {
  std::vector<std::string> out;
  if (label == "none") return out;
  std::size_t start = 0;
  for (std::size_t plus = label.find('+');; plus = label.find('+', start)) {
    out.push_back(label.substr(start, plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return out;
}

std::vector<EventDef> events_of(const scenario::Scenario& s) {
  std::vector<EventDef> events;
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k) {
    events.push_back(
        {"agreement by " + to_string(s.agreement_by[k]), [k](const RunOutcome& o) { return o.agreement_by[k]; }});
  }
  events.push_back({"agreement by the horizon (" + to_string(s.calendar.horizon) + ")",
                    [](const RunOutcome& o) { return o.agreed; }});
  events.push_back({"talks broke down", [](const RunOutcome& o) { return o.broken_down; }});
  events.push_back({"at least one deadline extended", [](const RunOutcome& o) { return o.extensions > 0; }});
  for (std::size_t a = 0; a < s.arenas.size(); ++a) {
    if (!s.arenas[a].records_cooperation()) continue;
    events.push_back({"mutual cooperation in " + s.arenas[a].id,
                      [a](const RunOutcome& o) { return o.first_cooperation_step[a] >= 0; }});
  }
  return events;
}

void add_scenario_header(Document& doc, const scenario::Scenario& s) {
  doc["subtitle"] = s.description;
  const char* unit = s.calendar.unit == scenario::StepUnit::kDay    ? "day"
                     : s.calendar.unit == scenario::StepUnit::kWeek ? "week"
                                                                    : "month";
  auto& settings = doc["settings"];
  settings.push_back({{"name", "scenario file"}, {"value", s.file}});
  settings.push_back({{"name", "calendar"},
                      {"value", fmt::format("{} to {}, one step a {} ({} steps)", to_string(s.calendar.start),
                                            to_string(s.calendar.horizon), unit, s.calendar.steps())}});
  settings.push_back({{"name", "actors"}, {"value", fmt::format("{}", fmt::join(s.actors, ", "))}});
  std::vector<std::string> issues;
  for (const auto& issue : s.issues) issues.push_back(fmt::format("{} (model {})", issue.id, issue.model));
  settings.push_back({{"name", "issues"}, {"value", fmt::format("{}", fmt::join(issues, ", "))}});
  std::vector<std::string> deadlines;
  for (const auto& d : s.deadlines) deadlines.push_back(to_string(d.date));
  settings.push_back(
      {{"name", "deadlines"}, {"value", deadlines.empty() ? "none" : fmt::format("{}", fmt::join(deadlines, ", "))}});
  doc["deadlines"] = deadlines;
  doc["policies"] = Document::array();
  for (const auto& p : s.policies) {
    doc["policies"].push_back({{"id", p.id}, {"description", p.description}, {"start", to_string(p.start)}});
  }
  doc["scenario_text"] = s.text;
}

Document series_bands(const scenario::Scenario& s, const std::vector<Arm>& arms) {
  Document bands = Document::array();
  const int steps = s.calendar.steps();
  std::vector<double> values;
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    for (const auto& arm : arms) {
      for (int t = 0; t <= steps; ++t) {
        values.clear();
        for (const auto& run : arm.runs) values.push_back(run.series[k][static_cast<std::size_t>(t)]);
        std::sort(values.begin(), values.end());
        Document row = {{"series", s.series[k]}, {"arm", arm.label}, {"date", date_at(s, t)}};
        for (std::size_t q = 0; q < kBandQuantiles.size(); ++q)
          row[kBandNames[q]] = quantile(values, kBandQuantiles[q]);
        bands.push_back(std::move(row));
      }
    }
  }
  return bands;
}

Document agreement_curve(const scenario::Scenario& s, const std::vector<Arm>& arms) {
  Document curve = Document::array();
  for (const auto& arm : arms) {
    for (int t = 0; t <= s.calendar.steps(); ++t) {
      const auto agreed =
          static_cast<std::size_t>(std::count_if(arm.runs.begin(), arm.runs.end(), [t](const RunResult& r) {
            return r.outcome.agreed && r.outcome.agreement_step <= t;
          }));
      const Proportion p = wilson(agreed, arm.runs.size());
      curve.push_back({{"arm", arm.label}, {"date", date_at(s, t)}, {"p", p.estimate}, {"lo", p.lo}, {"hi", p.hi}});
    }
  }
  return curve;
}

Document outcome_rows(const std::vector<EventDef>& events, const std::vector<Arm>& arms) {
  Document rows = Document::array();
  for (const auto& event : events) {
    for (const auto& arm : arms) {
      const auto k = static_cast<std::size_t>(std::count_if(
          arm.runs.begin(), arm.runs.end(), [&event](const RunResult& r) { return event.happened(r.outcome); }));
      const Proportion p = wilson(k, arm.runs.size());
      rows.push_back({{"event", event.name},
                      {"arm", arm.label},
                      {"p", p.estimate},
                      {"lo", p.lo},
                      {"hi", p.hi},
                      {"successes", k},
                      {"trials", arm.runs.size()}});
    }
  }
  return rows;
}

// Per agreement_by date and arm: the share of runs in which each gate of the agreement rule was
// closed at the step containing the date, and in which the talks had ended before it.
Document why_not_rows(const scenario::Scenario& s, const std::vector<Arm>& arms) {
  Document rows = Document::array();
  const auto gates = ensemble::gate_names(s);
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k) {
    for (const auto& arm : arms) {
      std::vector<std::size_t> closed(gates.size(), 0);
      std::size_t ended = 0;
      for (const auto& run : arm.runs) {
        const auto& o = run.outcome;
        if (!o.agreement_by[k] && std::isnan(o.position_gap_by[k])) ++ended;
        for (const auto& gate : ensemble::closed_gates(s, o, k)) {
          ++closed[static_cast<std::size_t>(std::find(gates.begin(), gates.end(), gate) - gates.begin())];
        }
      }
      const auto share = [&](std::size_t count) {
        return static_cast<double>(count) / static_cast<double>(arm.runs.size());
      };
      const std::string date = to_string(s.agreement_by[k]);
      for (std::size_t g = 0; g < gates.size(); ++g) {
        rows.push_back({{"date", date},
                        {"arm", arm.label},
                        {"gate", ensemble::describe_gate(gates[g], s)},
                        {"share", share(closed[g])}});
      }
      rows.push_back(
          {{"date", date}, {"arm", arm.label}, {"gate", "talks ended before that step"}, {"share", share(ended)}});
    }
  }
  return rows;
}

Document quantity_rows(const scenario::Scenario& s, const std::vector<Arm>& arms) {
  std::vector<std::pair<std::string, std::function<std::optional<double>(const RunOutcome&)>>> quantities = {
      {"deadlines extended", [](const RunOutcome& o) { return std::optional<double>(o.extensions); }},
      {"peak threat", [](const RunOutcome& o) { return std::optional<double>(o.peak_threat); }},
      {"final threat", [](const RunOutcome& o) { return std::optional<double>(o.final_threat); }},
      {"cost of the threat (all actors)",
       [](const RunOutcome& o) { return std::optional<double>(o.total_threat_cost); }},
  };
  for (std::size_t d = 0; d < s.issues.size(); ++d) {
    quantities.emplace_back("terms: " + s.issues[d].id + " (agreements only)", [d](const RunOutcome& o) {
      return o.agreed ? std::optional<double>(o.terms[d]) : std::nullopt;
    });
  }
  Document rows = Document::array();
  for (const auto& [name, value_of] : quantities) {
    const auto& get = value_of;
    for (const auto& arm : arms) {
      std::vector<double> values;
      for (const auto& run : arm.runs) {
        if (const auto v = get(run.outcome)) values.push_back(*v);
      }
      Document row = {{"quantity", name}, {"arm", arm.label}, {"n", values.size()}};
      if (!values.empty()) {
        std::sort(values.begin(), values.end());
        double sum = 0.0;
        for (const double v : values) sum += v;
        row["mean"] = sum / static_cast<double>(values.size());
        for (std::size_t q = 0; q < kBandQuantiles.size(); ++q)
          row[kBandNames[q]] = quantile(values, kBandQuantiles[q]);
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<bool> happened(const EventDef& event, const std::vector<RunResult>& runs) {
  std::vector<bool> out;
  out.reserve(runs.size());
  for (const auto& run : runs) out.push_back(event.happened(run.outcome));
  return out;
}

Document comparison_rows(const std::vector<EventDef>& events, const std::vector<Arm>& arms) {
  Document rows = Document::array();
  for (std::size_t j = 1; j < arms.size(); ++j) {
    for (const auto& event : events) {
      const std::vector<bool> a = happened(event, arms[0].runs);
      const std::vector<bool> b = happened(event, arms[j].runs);
      const PairedDifference d = paired_difference(a, b);
      rows.push_back({{"event", event.name},
                      {"a", arms[0].label},
                      {"b", arms[j].label},
                      {"p_a", d.a},
                      {"p_b", d.b},
                      {"diff", d.diff},
                      {"lo", d.lo},
                      {"hi", d.hi},
                      {"only_a", d.only_a},
                      {"only_b", d.only_b},
                      {"pairs", a.size()},
                      {"p_value", d.p_value}});
    }
  }
  return rows;
}

Result<std::vector<Vary>> resolve_params(const scenario::Scenario& s, const EnsembleRequest& request) {
  std::vector<Vary> out;
  const auto& all = s.params.all();
  if (request.params.empty()) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!all[i].value.is_fixed())
        out.push_back({i, all[i].path, all[i].value.quantile(0.05), all[i].value.quantile(0.95)});
    }
    return out;
  }
  for (const auto& spec : request.params) {
    const auto eq = spec.find('=');
    const std::string path = spec.substr(0, eq);
    const auto index = s.params.find(path);
    if (!index) {
      return Error{.file = s.file,
                   .field = "--params",
                   .problem = "the scenario has no parameter '" + path + "'",
                   .fix = "run 'detente check " + s.file + " --params' to list every parameter's path"};
    }
    const Distribution& value = all[*index].value;
    if (eq != std::string::npos) {
      const std::string range = spec.substr(eq + 1);
      const auto colon = range.find(':');
      char* end_lo = nullptr;
      char* end_hi = nullptr;
      const std::string lo_text = range.substr(0, colon);
      const std::string hi_text = colon == std::string::npos ? "" : range.substr(colon + 1);
      const double lo = std::strtod(lo_text.c_str(), &end_lo);
      const double hi = std::strtod(hi_text.c_str(), &end_hi);
      if (colon == std::string::npos || lo_text.empty() || hi_text.empty() || *end_lo != '\0' || *end_hi != '\0' ||
          !(lo < hi)) {
        return Error{.field = "--params " + spec,
                     .problem = "expected PATH=LO:HI with numbers LO < HI",
                     .fix = "write for example --params trust.correlation=0:0.9"};
      }
      out.push_back({*index, path, lo, hi});
    } else if (!value.is_fixed()) {
      out.push_back({*index, path, value.quantile(0.05), value.quantile(0.95)});
    } else {
      const double centre = value.central();
      if (centre == 0.0) {
        return Error{.field = "--params " + path,
                     .problem = "the parameter is 0, so a relative range around it is empty",
                     .fix = "give the range explicitly, e.g. --params " + path + "=0:1"};
      }
      const double spread = request.vary_fraction * std::abs(centre);
      out.push_back({*index, path, centre - spread, centre + spread});
    }
  }
  return out;
}

// One-at-a-time ranges, the tornado diagram of decision analysis (Howard 1988, "Decision
// analysis: practice and promise", Management Science 34:679): each input at its low and high
// value with every other input as drawn, over the same paired runs as the reference arm.
Result<Document> sensitivity(const engine::Engine& engine, const scenario::Scenario& s, const EnsembleRequest& request,
                             const Arm& reference, const std::vector<EventDef>& events) {
  auto vary = resolve_params(s, request);
  if (!vary) return vary.error();
  Document out = {
      {"method", "one at a time (tornado): each input at the low and the high end of its range, the others as drawn"},
      {"arm", reference.label},
      {"runs", reference.runs.size()},
      {"rows", Document::array()}};
  if (vary->empty()) {
    out["note"] = "the scenario has no uncertain input; name inputs to vary with --params PATH or PATH=LO:HI";
    return out;
  }
  const std::size_t outcome_count = s.agreement_by.size();  // the agreement-by-date events
  for (const Vary& v : *vary) {
    std::array<std::vector<std::vector<bool>>, 2> ends;  // [low/high][event][run]
    for (std::size_t end = 0; end < 2; ++end) {
      ends[end].assign(outcome_count, {});
      for (std::size_t i = 0; i < reference.runs.size(); ++i) {
        std::vector<double> parameters = reference.runs[i].parameters;  // the run's draws
        parameters[v.index] = end == 0 ? v.lo : v.hi;
        auto run = engine.run(
            engine::RunOptions{
                .seed = request.seed, .run = i, .policies = reference.policies, .sample = request.sample},
            std::move(parameters));
        if (!run) return run.error();
        for (std::size_t k = 0; k < outcome_count; ++k) ends[end][k].push_back(events[k].happened(run->outcome));
      }
    }
    for (std::size_t k = 0; k < outcome_count; ++k) {
      const auto share = [](const std::vector<bool>& xs) {
        return static_cast<double>(std::count(xs.begin(), xs.end(), true)) /
               static_cast<double>(std::max<std::size_t>(1, xs.size()));
      };
      const double base = share(happened(events[k], reference.runs));
      const double low = share(ends[0][k]);
      const double high = share(ends[1][k]);
      out["rows"].push_back({{"parameter", v.path},
                             {"outcome", events[k].name},
                             {"low_value", v.lo},
                             {"high_value", v.hi},
                             {"base", base},
                             {"low", low},
                             {"high", high},
                             {"swing", std::abs(high - low)}});
    }
  }
  return out;
}

Document arm_list(const scenario::Scenario& s, const std::vector<Arm>& arms) {
  Document out = Document::array();
  for (const auto& arm : arms) {
    std::string description = arm.policies.empty() ? "no policy: the scenario as written" : "";
    for (const auto& id : arm.policies) description += (description.empty() ? "" : "; ") + s.policy(id)->description;
    out.push_back({{"arm", arm.label}, {"description", description}, {"runs", arm.runs.size()}});
  }
  return out;
}

// The runs of one arm, run index 0..runs-1 from (seed, run index).
Result<Arm> run_arm(const engine::Engine& engine, const EnsembleRequest& request, const std::string& label) {
  Arm arm{.label = label, .policies = arm_policies(label)};
  if (auto known = engine.policy_indices(arm.policies); !known) return known.error();
  arm.runs.reserve(request.runs);
  for (std::size_t i = 0; i < request.runs; ++i) {
    auto run = engine.run(
        engine::RunOptions{.seed = request.seed, .run = i, .policies = arm.policies, .sample = request.sample});
    if (!run) return run.error();
    arm.runs.push_back(std::move(*run));
  }
  return arm;
}

// The tornado on request.tornado_arm, or on the first arm with a policy (else the first arm).
Result<Document> arm_tornado(const engine::Engine& engine, const scenario::Scenario& s, const EnsembleRequest& request,
                             const std::vector<Arm>& arms, const std::vector<EventDef>& events) {
  std::string wanted = request.tornado_arm;
  if (wanted.empty()) {
    const auto with_policy = std::find_if(arms.begin(), arms.end(), [](const Arm& a) { return !a.policies.empty(); });
    wanted = with_policy != arms.end() ? with_policy->label : arms.front().label;
  }
  const auto found = std::find_if(arms.begin(), arms.end(), [&wanted](const Arm& a) { return a.label == wanted; });
  if (found != arms.end()) return sensitivity(engine, s, request, *found, events);
  auto arm = run_arm(engine, request, wanted);
  if (!arm) return arm.error();
  return sensitivity(engine, s, request, *arm, events);
}

}  // namespace

Result<Document> tornado_report(const scenario::Scenario& s, const EnsembleRequest& request, const std::string& arm) {
  const engine::Engine engine(s);
  auto runs = run_arm(engine, request, arm);
  if (!runs) return runs.error();
  return sensitivity(engine, s, request, *runs, events_of(s));
}

Result<Document> ensemble_report(const scenario::Scenario& s, const EnsembleRequest& request) {
  if (request.runs == 0)
    return Error{.field = "--runs", .problem = "expected at least 1 run", .fix = "use for example --runs 500"};
  const engine::Engine engine(s);
  std::vector<Arm> arms;
  for (const auto& label : request.arms.empty() ? std::vector<std::string>{"none"} : request.arms) {
    auto arm = run_arm(engine, request, label);
    if (!arm) return arm.error();
    arms.push_back(std::move(*arm));
  }
  const auto events = events_of(s);
  Document doc = new_document("scenario", s.name, s.file);
  add_scenario_header(doc, s);
  doc["settings"].push_back(
      {{"name", "runs"},
       {"value", fmt::format("{} per arm, seed {}, run i uses the random stream (seed, i) in every arm", request.runs,
                             request.seed)}});
  doc["settings"].push_back({{"name", "inputs"},
                             {"value", request.sample ? "uncertain inputs drawn from their distributions"
                                                      : "every input at its central value"}});
  doc["runs"] = request.runs;
  doc["arms"] = arm_list(s, arms);
  doc["outcomes"] = outcome_rows(events, arms);
  doc["quantities"] = quantity_rows(s, arms);
  doc["why_not"] = why_not_rows(s, arms);
  doc["agreement_curve"] = agreement_curve(s, arms);
  doc["bands"] = series_bands(s, arms);
  if (arms.size() > 1) doc["comparison"] = comparison_rows(events, arms);

  auto tornado = arm_tornado(engine, s, request, arms, events);
  if (!tornado) return tornado.error();
  doc["sensitivity"] = std::move(*tornado);
  return doc;
}

Document single_run_report(const scenario::Scenario& s, const engine::RunOptions& options,
                           const engine::RunResult& result) {
  const std::string label = options.policies.empty() ? "none" : fmt::format("{}", fmt::join(options.policies, "+"));
  const std::vector<Arm> arms = {Arm{.label = label, .policies = options.policies, .runs = {result}}};
  Document doc = new_document("scenario", s.name, s.file);
  add_scenario_header(doc, s);
  doc["settings"].push_back(
      {{"name", "run"},
       {"value", fmt::format("one run, seed {}, {}", options.seed,
                             options.sample ? "uncertain inputs drawn" : "inputs at their central values")}});
  doc["runs"] = 1;
  doc["arms"] = arm_list(s, arms);
  doc["outcomes"] = outcome_rows(events_of(s), arms);
  doc["quantities"] = quantity_rows(s, arms);
  doc["bands"] = series_bands(s, arms);
  doc["events"] = Document::array();
  for (const auto& e : result.events) doc["events"].push_back({{"date", date_at(s, e.step)}, {"event", e.text}});
  return doc;
}

}  // namespace detente::report
