// detente backtest SCENARIO --timeline FILE: the scenario's ensemble forecasts of what happened
// after its as_of, scored against the timeline and against two baselines (docs/backtest.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "backtest/backtest.h"
#include "cli/commands.h"
#include "cli/ensemble_commands.h"
#include "cli/fail.h"
#include "ensemble/ensemble.h"
#include "ensemble/statistics.h"
#include "report/document.h"
#include "report/report.h"

namespace detente::cli {
namespace {

struct BacktestArgs {
  std::string file;
  std::string timeline;
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  std::vector<std::string> policies;
  int threads = 0;
  std::string format = "text";
  std::string report;  // --report: the backtest as an HTML report
};

std::string category_label(const backtest::Plan& plan, std::size_t k) {
  if (k == plan.checkpoints.size()) return "not by the horizon " + to_string(plan.checkpoints.back());
  if (k == 0) return "by " + to_string(plan.checkpoints[0]);
  return "after " + to_string(plan.checkpoints[k - 1]) + ", by " + to_string(plan.checkpoints[k]);
}

std::string score_text(double x) { return std::isinf(x) ? "inf" : fmt::format("{:.3f}", x); }
std::string optional_score(const std::optional<double>& x) { return x ? score_text(*x) : "-"; }

nlohmann::ordered_json to_json(const backtest::Scored& r, const scenario::Scenario& s, const backtest::Timeline& t,
                               const BacktestArgs& args) {
  using nlohmann::ordered_json;
  const auto number = [](double x) { return std::isinf(x) ? ordered_json("inf") : ordered_json(x); };
  ordered_json out = {{"scenario", s.name},
                      {"file", s.file},
                      {"timeline", t.file},
                      {"as_of", to_string(r.plan.origin)},
                      {"runs", r.tally.runs},
                      {"seed", args.seed},
                      {"policies", policy_label(args.policies)}};
  ordered_json questions = ordered_json::array();
  for (std::size_t q = 0; q < r.plan.questions.size(); ++q) {
    const auto& question = r.plan.questions[q];
    const auto interval = ensemble::wilson_interval(r.tally.yes[q], r.tally.runs);
    questions.push_back({{"question", question.label()},
                         {"date", to_string(question.date)},
                         {"happened", question.happened},
                         {"settled_by", question.settled_by},
                         {"probability", r.probability[q]},
                         {"wilson_95", {interval.lo, interval.hi}}});
  }
  out["questions"] = questions;
  ordered_json categories = ordered_json::array();
  for (std::size_t k = 0; k < r.category_probability.size(); ++k) {
    categories.push_back({{"category", category_label(r.plan, k)},
                          {"probability", r.category_probability[k]},
                          {"happened", r.plan.observed_category == k}});
  }
  out["agreement_date"] = categories;
  ordered_json scores = ordered_json::array();
  for (const auto& sc : r.scores) {
    scores.push_back({{"forecaster", sc.forecaster},
                      {"brier", sc.brier},
                      {"log", number(sc.log)},
                      {"rps", sc.rps ? ordered_json(*sc.rps) : ordered_json(nullptr)},
                      {"sharpness", sc.sharpness}});
  }
  out["scores"] = scores;
  ordered_json bins = ordered_json::array();
  for (const auto& b : r.reliability) {
    bins.push_back({{"lower", b.lower},
                    {"upper", b.upper},
                    {"count", b.count},
                    {"mean_probability", b.mean_probability},
                    {"observed_frequency", b.observed_frequency},
                    {"standard_error", b.standard_error}});
  }
  out["reliability"] = bins;
  ordered_json unscored = ordered_json::array();
  for (const auto& u : r.plan.unscored) {
    unscored.push_back({{"id", u.id}, {"date", to_string(u.date)}, {"kind", kind_name(u.kind)}, {"reason", u.reason}});
  }
  out["not_scored"] = unscored;
  ordered_json rolling = ordered_json::array();
  for (std::size_t o = 0; o < r.plan.origins.size(); ++o) {
    ordered_json by = ordered_json::object();
    for (std::size_t k = 0; k < r.plan.checkpoints.size(); ++k) {
      const double p = r.rolling[o][k];
      by[to_string(r.plan.checkpoints[k])] = std::isnan(p) ? ordered_json(nullptr) : ordered_json(p);
    }
    rolling.push_back(
        {{"origin", to_string(r.plan.origins[o])}, {"runs", r.tally.open_at_origin[o]}, {"agreement_by", by}});
  }
  out["rolling_origin"] = rolling;
  out["warnings"] = r.plan.warnings;
  return out;
}

// The checkpoints the rolling table shows: the real agreement date's (when it is one) and the horizon.
std::vector<std::size_t> rolling_columns(const backtest::Plan& plan) {
  std::vector<std::size_t> out;
  if (plan.observed_category && *plan.observed_category < plan.checkpoints.size())
    out.push_back(*plan.observed_category);
  if (out.empty() || out.back() + 1 != plan.checkpoints.size()) out.push_back(plan.checkpoints.size() - 1);
  return out;
}

void print_rolling(const backtest::Scored& r) {
  if (r.plan.origins.size() < 2) return;
  const auto columns = rolling_columns(r.plan);
  fmt::print(
      "\nrolling origin: the runs still open at each date, as the talks were (what was known then)\n{:<12} {:>8}",
      "origin", "runs");
  for (const auto k : columns) fmt::print(" {:>22}", "P(agreement by " + to_string(r.plan.checkpoints[k]) + ")");
  fmt::print("\n");
  for (std::size_t o = 0; o < r.plan.origins.size(); ++o) {
    fmt::print("{:<12} {:>8}", to_string(r.plan.origins[o]), r.tally.open_at_origin[o]);
    for (const auto k : columns) {
      const double p = r.rolling[o][k];
      fmt::print(" {:>22}", std::isnan(p) ? "-" : percent(p));
    }
    fmt::print("\n");
  }
}

void print_text(const backtest::Scored& r, const scenario::Scenario& s, const backtest::Timeline& t,
                const BacktestArgs& args) {
  fmt::print("{}\nagainst the timeline '{}' ({})\n", s.name, t.name, t.file);
  fmt::print("forecast origin (as_of) {}; {} runs, seed {}, policies: {}\n", to_string(r.plan.origin), r.tally.runs,
             args.seed, policy_label(args.policies));
  for (const auto& w : r.plan.warnings) fmt::print("warning: {}\n", w);
  fmt::print("\n{:<52} {:>8}  {:>7}  {:<18}\n", "question", "happened", "detente", "95% (Wilson)");
  for (std::size_t q = 0; q < r.plan.questions.size(); ++q) {
    const auto& question = r.plan.questions[q];
    const auto interval = ensemble::wilson_interval(r.tally.yes[q], r.tally.runs);
    fmt::print("{:<52} {:>8}  {:>7}  [{:>6}, {:>6}]\n", question.label(), question.happened ? "yes" : "no",
               percent(r.probability[q]), percent(interval.lo), percent(interval.hi));
  }
  fmt::print("\n{:<44} {:>8}  {}\n", "agreement date (ordered outcome)", "detente", "happened");
  for (std::size_t k = 0; k < r.category_probability.size(); ++k) {
    fmt::print("{:<44} {:>8}  {}\n", category_label(r.plan, k), percent(r.category_probability[k]),
               r.plan.observed_category == k ? "<- this" : "");
  }
  fmt::print("\n{:<44} {:>9} {:>9} {:>12}\n", "score (lower is better)", "detente", "uniform", "persistence");
  const auto row = [&](const std::string& name, auto value) {
    fmt::print("{:<44} {:>9} {:>9} {:>12}\n", name, value(r.scores[0]), value(r.scores[1]), value(r.scores[2]));
  };
  const std::string n = std::to_string(r.plan.questions.size());
  row("Brier, mean over " + n + " questions", [](const auto& sc) { return score_text(sc.brier); });
  row("log score (nats), mean over " + n, [](const auto& sc) { return score_text(sc.log); });
  row("ranked probability, agreement date (" + std::to_string(r.category_probability.size()) + " cat.)",
      [](const auto& sc) { return optional_score(sc.rps); });
  row("sharpness (not a score: 0 = always 1/2)", [](const auto& sc) { return score_text(sc.sharpness); });
  fmt::print("\nreliability of detente's {} questions\n{:<12} {:>5} {:>14} {:>10} {:>10}\n", n, "forecast", "n",
             "mean forecast", "observed", "1 s.e.");
  for (const auto& b : r.reliability) {
    if (b.count == 0) continue;
    fmt::print("[{:.1f}, {:.1f}{} {:>5} {:>14} {:>10} {:>10}\n", b.lower, b.upper, b.upper == 1.0 ? "]" : ")", b.count,
               percent(b.mean_probability), percent(b.observed_frequency), percent(b.standard_error));
  }
  print_rolling(r);
  if (!r.plan.unscored.empty()) fmt::print("\nnot scored\n");
  for (const auto& u : r.plan.unscored) {
    fmt::print("  {} {} ({}): {}\n", to_string(u.date), u.id, kind_name(u.kind), u.reason);
  }
  fmt::print(
      "\nThe questions come from one history and share the same runs: the scores describe this case, not the\n"
      "model's calibration in general (that needs many cases).\n");
}

report::Document report_document(const nlohmann::ordered_json& scored, const backtest::Scored& r,
                                 const scenario::Scenario& s, const backtest::Timeline& t) {
  auto doc = report::new_document("backtest", "Backtest of " + s.name, s.file);
  doc["subtitle"] = "against " + t.name;
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"timeline", t.file},
                                                        {"forecast origin (as_of)", to_string(r.plan.origin)},
                                                        {"runs", std::to_string(r.tally.runs)},
                                                        {"seed", std::to_string(scored["seed"].get<std::uint64_t>())},
                                                        {"policies", scored["policies"].get<std::string>()}}) {
    doc["settings"].push_back({{"name", name}, {"value", value}});
  }
  doc["scenario_text"] = s.text;
  doc["backtest"] = scored;
  doc["rolling_origin"] = nlohmann::ordered_json::array();
  for (const auto k : rolling_columns(r.plan)) {
    for (std::size_t o = 0; o < r.plan.origins.size(); ++o) {
      if (std::isnan(r.rolling[o][k])) continue;
      doc["rolling_origin"].push_back({{"origin", to_string(r.plan.origins[o])},
                                       {"by", to_string(r.plan.checkpoints[k])},
                                       {"p", r.rolling[o][k]},
                                       {"runs", r.tally.open_at_origin[o]}});
    }
  }
  doc["real_dates"] = nlohmann::ordered_json::array();
  if (const auto* deal = t.first(backtest::EventKind::kAgreement)) {
    doc["real_dates"].push_back({{"date", to_string(deal->date)}, {"label", deal->id + " " + to_string(deal->date)}});
  }
  return doc;
}

int backtest_command(const BacktestArgs& args, ensemble::Transport& transport) {
  const bool root = transport.rank() == 0;
  auto s = scenario::load_scenario(args.file);
  if (!s) return root ? fail(s.error()) : kExitBadInput;
  auto t = backtest::load_timeline(args.timeline);
  if (!t) return root ? fail(t.error()) : kExitBadInput;
  std::vector<std::string> policies;
  for (const auto& p : args.policies) {
    for (auto& name : policy_set(p)) policies.push_back(std::move(name));
  }
  const backtest::BacktestOptions options{
      .runs = args.runs, .seed = args.seed, .policies = policies, .threads = threads_for(args.threads, transport)};
  auto scored = backtest::run_backtest(*s, *t, options, transport);
  if (!scored) return root ? fail(scored.error()) : kExitBadInput;
  if (!root) return kExitOk;
  BacktestArgs shown = args;
  shown.policies = policies;
  const auto json = to_json(*scored, *s, *t, shown);
  if (args.format == "json") {
    std::cout << json.dump(2) << "\n";
  } else {
    print_text(*scored, *s, *t, shown);
  }
  if (!args.report.empty()) {
    if (auto written = report::write_report_html(report_document(json, *scored, *s, *t), args.report); !written) {
      return fail(written.error());
    }
  }
  return kExitOk;
}

}  // namespace

void add_backtest_command(CLI::App& app, int& exit_code, ensemble::Transport& transport) {
  auto args = std::make_shared<BacktestArgs>();
  CLI::App* cmd = app.add_subcommand("backtest", "Score a scenario's forecasts against a timeline of what happened");
  cmd->add_option("SCENARIO", args->file, "Scenario file (TOML) with [scenario].as_of")->required();
  cmd->add_option("--timeline", args->timeline, "Timeline file (TOML, docs/backtest.md)")->required();
  cmd->add_option("--runs", args->runs, "Runs of the ensemble")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--seed", args->seed, "Seed of the ensemble")->capture_default_str();
  cmd->add_option("-p,--policy", args->policies,
                  "The policies that describe what was done ('a+b' for several; default: none)");
  cmd->add_option("--threads", args->threads, "Threads per process")->check(CLI::Range(1, 1024));
  cmd->add_option("-f,--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--report", args->report, "Also write the backtest as a self-contained HTML report to this file");
  cmd->footer(
      "Every timeline entry after as_of and by the horizon becomes a question answered by the share of runs;\n"
      "scores: Brier (1950), log (Good 1952), ranked probability (Epstein 1969) for the agreement date;\n"
      "baselines: uniform (1/2, 1/K) and persistence (nothing changes after as_of).\n"
      "Example:\n"
      "  detente backtest examples/iran-west-2014.toml --timeline examples/iran-west-2014.timeline.toml");
  cmd->callback([args, &exit_code, &transport] { exit_code = backtest_command(*args, transport); });
}

}  // namespace detente::cli
