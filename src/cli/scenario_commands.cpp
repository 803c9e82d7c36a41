// detente run SCENARIO and detente check SCENARIO: one run of a scenario, told as a narrative or
// given as JSON; and validation of a scenario file.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/ensemble_commands.h"
#include "cli/fail.h"
#include "engine/engine.h"
#include "ensemble/aggregate.h"
#include "ensemble/ensemble.h"
#include "output/run_json.h"
#include "report/report.h"
#include "scenario/scenario.h"

namespace detente::cli {
namespace {

struct RunArgs {
  std::string file;
  std::uint64_t seed = 1;
  std::vector<std::string> policies;
  std::string format = "text";
  bool sample = false;
  std::string report;  // --report FILE: also write the run as an HTML report
};

// "no", and what stood in the way at the step containing agreement_by date k.
std::string why_not(const scenario::Scenario& s, const engine::RunOutcome& o, std::size_t k) {
  if (std::isnan(o.position_gap_by[k])) return "no (the talks had ended before)";
  std::string closed;
  for (const std::string& gate : ensemble::closed_gates(s, o, k)) {
    closed += (closed.empty() ? "" : "; ") + ensemble::describe_gate(gate, s);
    if (gate == "positions")
      closed += fmt::format(" ({:+.3f} of the scale beyond the acceptance width)", o.position_gap_by[k]);
  }
  return "no: " + closed;
}

void print_narrative(const scenario::Scenario& s, const RunArgs& args, const engine::RunResult& result) {
  fmt::print("{}\n", s.name);
  if (!s.description.empty()) fmt::print("{}\n", s.description);
  fmt::print("One run from {} to {}, seed {}, policies: {}{}\n\n", to_string(s.calendar.start),
             to_string(s.calendar.horizon), args.seed,
             args.policies.empty() ? "none" : fmt::format("{}", fmt::join(args.policies, ", ")),
             args.sample ? " (uncertain inputs drawn from their distributions)" : " (inputs at their central values)");
  for (const auto& event : result.events) fmt::print("{}  {}\n", to_string(s.calendar.date_of(event.step)), event.text);
  const auto& o = result.outcome;
  fmt::print("\nOutcome: ");
  if (o.agreed) {
    std::string terms;
    for (std::size_t d = 0; d < o.terms.size(); ++d)
      terms += fmt::format("{}{} {:.1f}", d ? ", " : "", s.issues[d].id, o.terms[d]);
    fmt::print("agreement on {} ({}) after {} extension{}.\n", o.agreement_date, terms, o.extensions,
               o.extensions == 1 ? "" : "s");
  } else if (o.broken_down) {
    fmt::print("the talks broke down on {} without agreement.\n", o.breakdown_date);
  } else {
    fmt::print("no agreement by the horizon ({}).\n", to_string(s.calendar.horizon));
  }
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k) {
    fmt::print("  agreement by {}: {}\n", to_string(s.agreement_by[k]), o.agreement_by[k] ? "yes" : why_not(s, o, k));
  }
  for (const std::size_t a : ensemble::linked_arenas(s)) {
    const auto& tally = o.signals[a];
    fmt::print("  signals in the {} arena: {} separating move{}, {} pooling; trust on the {} file moved {:+.3f}\n",
               s.arenas[a].id, tally.separating, tally.separating == 1 ? "" : "s", tally.pooling, s.trust_dimensions[0],
               tally.trust_shift);
  }
  fmt::print("  threat: peak {:.3f}, final {:.3f}; cost of the threat summed over actors {:.2f}\n", o.peak_threat,
             o.final_threat, o.total_threat_cost);
  fmt::print("  final trust on the {} file: {} in {} {:.2f}, {} in {} {:.2f}\n", s.trust_dimensions[0],
             s.actors[s.sides[0].members[0]], s.actors[s.sides[1].members[0]], o.final_trust[0],
             s.actors[s.sides[1].members[0]], s.actors[s.sides[0].members[0]], o.final_trust[1]);
}

void print_json(const scenario::Scenario& s, const RunArgs& args, const engine::RunResult& result) {
  using nlohmann::ordered_json;
  const auto& o = result.outcome;
  const ordered_json outcome = output::run_outcome_json(s, o);
  ordered_json dates = ordered_json::array();
  for (int step = 0; step <= s.calendar.steps(); ++step) dates.push_back(to_string(s.calendar.date_of(step)));
  ordered_json series = ordered_json::object();
  for (std::size_t k = 0; k < result.series_names.size(); ++k) series[result.series_names[k]] = result.series[k];
  ordered_json events = ordered_json::array();
  for (const auto& e : result.events)
    events.push_back({{"date", to_string(s.calendar.date_of(e.step))}, {"event", e.text}});
  const ordered_json out = {
      {"scenario", s.name},     {"file", s.file},     {"seed", args.seed}, {"policies", args.policies},
      {"sampled", args.sample}, {"outcome", outcome}, {"dates", dates},    {"series", series},
      {"events", events}};
  std::cout << out.dump(2) << "\n";
}

int run_scenario(const RunArgs& args) {
  auto s = scenario::load_scenario(args.file);
  if (!s) return fail(s.error());
  const engine::Engine engine(*s);
  auto result = engine.run(engine::RunOptions{
      .seed = args.seed, .run = 0, .policies = args.policies, .sample = args.sample, .narrate = true});
  if (!result) return fail(result.error());
  if (args.format == "json")
    print_json(*s, args, *result);
  else
    print_narrative(*s, args, *result);
  if (!args.report.empty()) {
    const engine::RunOptions options{.seed = args.seed, .policies = args.policies, .sample = args.sample};
    if (auto written = report::write_report_html(report::single_run_report(*s, options, *result), args.report);
        !written) {
      return fail(written.error());
    }
  }
  return kExitOk;
}

int check_scenario(const std::string& file, bool list_params) {
  auto s = scenario::load_scenario(file);
  if (!s) return fail(s.error());
  fmt::print(
      "{}: valid. {} actors, {} issues, {} arenas, {} veto players, {} deadlines, {} policies, {} steps of one {} from "
      "{} to {}; {} parameters ({} uncertain).\n",
      file, s->actors.size(), s->issues.size(), s->arenas.size(), s->veto_players.size(), s->deadlines.size(),
      s->policies.size(), s->calendar.steps(),
      s->calendar.unit == scenario::StepUnit::kDay    ? "day"
      : s->calendar.unit == scenario::StepUnit::kWeek ? "week"
                                                      : "month",
      to_string(s->calendar.start), to_string(s->calendar.horizon), s->params.size(),
      std::count_if(s->params.all().begin(), s->params.all().end(), [](const auto& p) { return !p.value.is_fixed(); }));
  for (const auto& policy : s->policies)
    fmt::print("  policy {}: {} (from {})\n", policy.id, policy.description, to_string(policy.start));
  if (list_params) {
    for (const auto& p : s->params.all()) {
      fmt::print("  {:<55} {:<28} {}\n", p.path, p.value.describe(),
                 p.line > 0 ? fmt::format("line {}", p.line) : "default");
    }
  }
  return kExitOk;
}

// Without --runs N, `run` tells one story; an ensemble's options (or --runs 0) would be dropped.
std::optional<Error> ensemble_only_option(const CLI::App& run) {
  if (run.count("--runs") > 0)
    return Error{.field = "--runs",
                 .problem = "expected at least 1 run, got 0",
                 .fix = "give --runs 1 or more for an ensemble, or leave --runs out for one narrative run"};
  for (const char* name : {"--out", "--resume", "--per-run", "--chunk", "--threads"}) {
    if (run.count(name) > 0)
      return Error{.field = name,
                   .problem = "applies to an ensemble, and this command runs the scenario once",
                   .fix = "add --runs N to run an ensemble of N runs"};
  }
  return std::nullopt;
}

}  // namespace

void add_scenario_commands(CLI::App& app, int& exit_code, ensemble::Transport& transport) {
  auto args = std::make_shared<RunArgs>();
  auto ensemble_args = std::make_shared<EnsembleRunArgs>();
  CLI::App* run = app.add_subcommand("run", "Run a scenario through time once and tell what happened");
  run->add_option("SCENARIO", args->file, "Scenario file (TOML; docs/scenario.md)")->required();
  run->add_option("--seed", args->seed, "Seed of the run's random stream (same seed, same run)");
  run->add_option("-p,--policy", args->policies, "A policy defined in the scenario to switch on (repeatable)");
  run->add_option("-f,--format", args->format, "text: a narrative; json: outcomes, time series and events")
      ->check(CLI::IsMember({"text", "json"}));
  run->add_flag("--sample", args->sample, "Draw uncertain inputs from their distributions instead of central values");
  run->add_option("--report", args->report, "Also write the run as a self-contained HTML report to this file");
  add_ensemble_options(*run, *ensemble_args);
  run->footer(
      "Examples:\n"
      "  detente run examples/iran-west-2014.toml\n"
      "  detente run examples/iran-west-2014.toml --policy engage --seed 3\n"
      "  detente run examples/iran-west-2014.toml --policy hesitate --format json\n"
      "  detente run examples/iran-west-2014.toml --runs 100000 --policy engage --out engage.db   (an ensemble)");
  run->callback([run, args, ensemble_args, &exit_code, &transport] {
    if (ensemble_args->runs == 0) {
      if (auto refused = ensemble_only_option(*run)) {
        exit_code = fail(*refused);
        return;
      }
      exit_code = run_scenario(*args);
      return;
    }
    EnsembleRunArgs e = *ensemble_args;
    e.file = args->file;
    e.seed = args->seed;
    e.policies = args->policies;
    e.format = args->format;
    exit_code = run_ensemble(e, transport);
    if (exit_code != kExitOk || args->report.empty() || transport.rank() != 0) return;
    if (e.out.empty()) {
      exit_code = fail(Error{.field = "--report",
                             .problem = "an ensemble's report is made from its results database",
                             .fix = "add --out results.db (or run 'detente report results.db -o FILE' afterwards)"});
      return;
    }
    if (auto written = report::write_report(e.out, args->report); !written) exit_code = fail(written.error());
  });

  auto check_file = std::make_shared<std::string>();
  auto list_params = std::make_shared<bool>(false);
  CLI::App* check = app.add_subcommand("check", "Validate a scenario file and explain every problem");
  check->add_option("SCENARIO", *check_file, "Scenario file (TOML)")->required();
  check->add_flag("--params", *list_params,
                  "List every parameter with its path, value and line (for policies and --vary)");
  check->callback([check_file, list_params, &exit_code] { exit_code = check_scenario(*check_file, *list_params); });
}

}  // namespace detente::cli
