// detente sensitivity SCENARIO --method morris|sobol: which uncertain inputs drive an outcome (or
// the difference an outcome makes between two policies), ranked.
#include <fmt/format.h>
#include <algorithm>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "cli/commands.h"
#include "cli/ensemble_commands.h"
#include "cli/fail.h"
#include "engine/engine.h"
#include "ensemble/aggregate.h"
#include "ensemble/ensemble.h"
#include "ensemble/progress.h"
#include "ensemble/results_db.h"
#include "ensemble/sensitivity.h"
#include "scenario/scenario.h"

namespace detente::cli {
namespace {

struct SensitivityArgs {
  std::string file;
  std::string method = "sobol";
  std::string params;
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  int levels = 4;
  std::string output;
  std::vector<std::string> policy;
  std::string versus;
  std::string format = "text";
  std::size_t bootstrap = 200;
  std::string out;  // --out: the ranking as a results database
};

// The per-run value analysed: an event (0 or 1) or an outcome that every run defines (the
// sensitivity indices need a value in every run: OutcomeLayout::always_defined).
Result<std::function<double(const ensemble::RunRecord&)>> output_reader(const ensemble::OutcomeLayout& layout,
                                                                        const std::string& name) {
  for (std::size_t k = 0; k < layout.events.size(); ++k) {
    if (layout.events[k] == name)
      return std::function<double(const ensemble::RunRecord&)>(
          [k](const ensemble::RunRecord& r) { return r.events[k]; });
  }
  for (std::size_t k = 0; k < layout.quantities.size(); ++k) {
    if (layout.quantities[k] == name && layout.always_defined[k]) {
      return std::function<double(const ensemble::RunRecord&)>(
          [k](const ensemble::RunRecord& r) { return r.quantities[k]; });
    }
  }
  const bool optional = std::find(layout.quantities.begin(), layout.quantities.end(), name) != layout.quantities.end();
  std::string known;
  for (const auto& e : layout.events) known += (known.empty() ? "" : ", ") + e;
  for (std::size_t k = 0; k < layout.quantities.size(); ++k) {
    if (layout.always_defined[k]) known += ", " + layout.quantities[k];
  }
  return Error{.field = "--output",
               .problem = optional ? "'" + name +
                                         "' is undefined in the runs that have none (no agreement, talks ended), "
                                         "and sensitivity indices need a value in every run"
                                   : "unknown output '" + name + "'",
               .fix = "use one of: " + known};
}

Result<std::vector<std::size_t>> chosen_parameters(const scenario::Scenario& s, const std::string& list) {
  std::vector<std::size_t> out;
  if (list.empty()) {
    for (std::size_t i = 0; i < s.params.size(); ++i) {
      if (!s.params.all()[i].value.is_fixed()) out.push_back(i);
    }
    if (out.empty()) {
      return Error{
          .file = s.file,
          .field = "--params",
          .problem = "the scenario has no uncertain parameter",
          .fix = "give some parameters a distribution, e.g. growth = { dist = \"uniform\", min = 0.02, max = 0.04 }"};
    }
    return out;
  }
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    const std::string path = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto index = s.params.find(path);
    if (!index)
      return Error{.field = "--params",
                   .problem = "no parameter '" + path + "'",
                   .fix = "list them with detente check --params " + s.file};
    if (s.params.all()[*index].value.is_fixed()) {
      return Error{.file = s.file,
                   .line = s.params.all()[*index].line,
                   .field = path,
                   .problem = "a fixed number cannot be varied",
                   .fix = "give it a distribution in the scenario (docs/uncertainty.md)"};
    }
    out.push_back(*index);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The analysis as tables of the results database (docs/results.md, "Sensitivity analyses").
ensemble::AnalysisRecord sensitivity_record(const SensitivityArgs& args, const scenario::Scenario& s,
                                            const nlohmann::ordered_json& out) {
  using nlohmann::ordered_json;
  ordered_json ranking = ordered_json::array();
  int rank = 1;
  for (const auto& row : out["ranking"]) {
    ordered_json ranked = {{"rank", rank++}};
    ranked.update(row);
    ranking.push_back(std::move(ranked));
  }
  ordered_json analysis = {{"method", out["method"]},
                           {"output", out["output"]},
                           {"policy", out["policy"]},
                           {"versus", out["versus"]},
                           {"base_runs", out["base_runs"]},
                           {"engine_runs", out["engine_runs"]},
                           {"scenario_correlations", s.correlations.size()},
                           {"correlations_applied", 0}};  // the designs draw each input independently
  if (out.contains("mean")) {
    analysis["mean"] = out["mean"];
    analysis["variance"] = out["variance"];
  }
  std::string command = "detente sensitivity " + args.file + " --method " + args.method + " --runs " +
                        std::to_string(args.runs) + " --seed " + std::to_string(args.seed);
  if (!args.params.empty()) command += " --params " + args.params;
  if (!args.output.empty()) command += " --output " + args.output;
  for (const auto& p : args.policy) command += " --policy " + p;
  if (!args.versus.empty()) command += " --versus " + args.versus;
  return ensemble::AnalysisRecord{.kind = "sensitivity",
                                  .scenario_file = s.file,
                                  .scenario_text = s.text,
                                  .seed = args.seed,
                                  .runs = args.runs,
                                  .command = command,
                                  .tables = {{"analysis", ordered_json::array({analysis})}, {"ranking", ranking}}};
}

int sensitivity(const SensitivityArgs& args, ensemble::Transport& transport) {
  if (transport.rank() != 0) return kExitOk;  // designs run on one process (threads)
  auto s = scenario::load_scenario(args.file);
  if (!s) return fail(s.error());
  if (!args.out.empty() && std::filesystem::exists(args.out)) {
    return fail(Error{.file = args.out,
                      .field = "--out",
                      .problem = "the results database already exists",
                      .fix = "choose another path, or remove the file"});
  }
  const auto layout = ensemble::OutcomeLayout::of(*s);
  const std::string output_name = !args.output.empty()       ? args.output
                                  : layout.events.size() > 3 ? layout.events[1]
                                                             : "agreement";
  auto read = output_reader(layout, output_name);
  if (!read) return fail(read.error());
  auto params = chosen_parameters(*s, args.params);
  if (!params) return fail(params.error());
  const engine::Engine engine(*s);
  std::vector<std::vector<std::string>> arms = {args.policy};
  if (!args.versus.empty()) arms.push_back(policy_set(args.versus));
  for (const auto& arm : arms) {
    if (auto known = engine.policy_indices(arm); !known) return fail(known.error());
  }
  const std::vector<double> central = s->params.central_values();
  const auto& reader = *read;
  const auto& chosen = *params;
  // f(point): the output under arm 0, minus the output under arm 1 if --versus; the point's stream
  // is the run index, so both arms share every random draw.
  const auto value_at = [&](const ensemble::DesignPoint& point) {
    std::vector<double> values = central;
    for (std::size_t k = 0; k < chosen.size(); ++k)
      values[chosen[k]] = s->params.all()[chosen[k]].value.quantile(point.u[k]);
    double out = 0.0;
    ensemble::RunRecord record;
    for (std::size_t a = 0; a < arms.size(); ++a) {
      const auto result =
          engine.run(engine::RunOptions{.seed = args.seed, .run = point.stream, .policies = arms[a]}, values);
      ensemble::record_run(*s, *result, record);
      out += (a == 0 ? 1.0 : -1.0) * reader(record);
    }
    return out;
  };
  const int threads = threads_for(args.threads, transport);
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> never{false};
  const ensemble::Evaluate evaluate = [&](std::span<const ensemble::DesignPoint> points, std::span<double> values) {
    constexpr std::size_t kBlock = 64;
    const std::size_t blocks = (points.size() + kBlock - 1) / kBlock;
    const std::function<int(std::size_t)> compute = [&](std::size_t b) {
      for (std::size_t i = b * kBlock; i < std::min(points.size(), (b + 1) * kBlock); ++i) {
        values[i] = value_at(points[i]);  // each index written by one thread: the same values for any thread count
        done.fetch_add(1, std::memory_order_relaxed);
      }
      return 0;
    };
    const std::function<void(int&&)> ignore = [](int&&) {};
    ensemble::ordered_parallel<int>(blocks, threads, compute, ignore, never);
  };
  const std::size_t k = chosen.size();
  const std::uint64_t evaluations = (args.method == "morris" ? args.runs * (k + 1) : args.runs * (k + 3)) * arms.size();
  using nlohmann::ordered_json;
  ordered_json out = {{"scenario", s->name},
                      {"method", args.method},
                      {"output", output_name},
                      {"policy", policy_label(args.policy)},
                      {"versus", args.versus.empty() ? ordered_json() : ordered_json(policy_label(arms[1]))},
                      {"seed", args.seed},
                      {"base_runs", args.runs},
                      {"ranking", ordered_json::array()}};
  std::vector<std::string> names;
  for (const std::size_t p : chosen) names.push_back(s->params.all()[p].path);
  if (args.method == "morris") {
    ensemble::MorrisResult r;
    {
      const ensemble::ProgressBar bar(evaluations / arms.size(), done, true, "runs");
      r = ensemble::morris(k, args.runs, args.levels, args.seed, evaluate);
    }
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&r](std::size_t a, std::size_t b) { return r.mu_star[a] > r.mu_star[b]; });
    for (const std::size_t i : order)
      out["ranking"].push_back(
          {{"parameter", names[i]}, {"mu_star", r.mu_star[i]}, {"mu", r.mu[i]}, {"sigma", r.sigma[i]}});
    out["engine_runs"] = r.evaluations * arms.size();
  } else {
    ensemble::SobolResult r;
    {
      const ensemble::ProgressBar bar(evaluations / arms.size(), done, true, "runs");
      r = ensemble::sobol(k, args.runs, args.seed, true, evaluate, args.bootstrap);
    }
    names.emplace_back("(the run's own randomness)");
    std::vector<std::size_t> order(k + 1);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&r](std::size_t a, std::size_t b) { return r.total[a] > r.total[b]; });
    for (const std::size_t i : order) {
      out["ranking"].push_back({{"parameter", names[i]},
                                {"first", r.first[i]},
                                {"first_lo95", r.first_lo[i]},
                                {"first_hi95", r.first_hi[i]},
                                {"total", r.total[i]},
                                {"total_lo95", r.total_lo[i]},
                                {"total_hi95", r.total_hi[i]}});
    }
    out["mean"] = r.mean;
    out["variance"] = r.variance;
    out["engine_runs"] = r.evaluations * arms.size();
  }
  out["notes"] = nlohmann::ordered_json::array();
  if (!s->correlations.empty()) {
    out["notes"].push_back("the design treats inputs as independent; the scenario's correlations are not applied");
  }
  bool varied = false;
  for (const auto& row : out["ranking"]) {
    varied = varied || (row.contains("mu_star") && row["mu_star"].get<double>() != 0.0);
  }
  if (out.contains("variance")) varied = out["variance"].get<double>() > 0.0;
  if (!varied) {
    out["notes"].push_back("no input changed " + output_name +
                           " in any run of the design (every effect is 0); "
                           "explain an output that varies (--output; 'detente run " +
                           args.file + " --runs 1000' shows which events happen)");
  }
  if (!args.out.empty()) {
    if (auto written = ensemble::write_analysis(args.out, sensitivity_record(args, *s, out)); !written) {
      return fail(written.error());
    }
  }
  if (args.format == "json") {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  fmt::print(
      "{}\n{} sensitivity of {}{} under {}; {} base runs, {} engine runs, seed {}\n", s->name,
      args.method == "morris" ? "Morris" : "Sobol'", output_name, args.versus.empty() ? "" : " (difference)",
      args.versus.empty() ? policy_label(args.policy) : policy_label(args.policy) + " minus " + policy_label(arms[1]),
      args.runs, out["engine_runs"].get<std::uint64_t>(), args.seed);
  for (const auto& note : out["notes"]) fmt::print("note: {}\n", note.get<std::string>());
  if (args.method == "morris") {
    fmt::print("{:>4}  {:<55} {:>10} {:>10} {:>10}\n", "rank", "parameter", "mu*", "mu", "sigma");
    int rank = 1;
    for (const auto& row : out["ranking"]) {
      fmt::print("{:>4}  {:<55} {:>10.4f} {:>+10.4f} {:>10.4f}\n", rank++, row["parameter"].get<std::string>(),
                 row["mu_star"].get<double>(), row["mu"].get<double>(), row["sigma"].get<double>());
    }
  } else {
    fmt::print("output mean {:.4f}, variance {:.4f}\n", out["mean"].get<double>(), out["variance"].get<double>());
    fmt::print("{:>4}  {:<55} {:>8} {:<18} {:>8} {:<18}\n", "rank", "parameter", "total", "95% (bootstrap)", "first",
               "95% (bootstrap)");
    int rank = 1;
    for (const auto& row : out["ranking"]) {
      fmt::print("{:>4}  {:<55} {:>8.3f} [{:>6.3f}, {:>6.3f}] {:>8.3f} [{:>6.3f}, {:>6.3f}]\n", rank++,
                 row["parameter"].get<std::string>(), row["total"].get<double>(), row["total_lo95"].get<double>(),
                 row["total_hi95"].get<double>(), row["first"].get<double>(), row["first_lo95"].get<double>(),
                 row["first_hi95"].get<double>());
    }
  }
  return kExitOk;
}

}  // namespace

void add_sensitivity_command(CLI::App& app, int& exit_code, ensemble::Transport& transport) {
  auto args = std::make_shared<SensitivityArgs>();
  CLI::App* cmd =
      app.add_subcommand("sensitivity", "Rank the uncertain inputs by their effect on an outcome (Morris or Sobol')");
  cmd->add_option("SCENARIO", args->file, "Scenario file (TOML)")->required();
  cmd->add_option("--method", args->method, "morris (screening) or sobol (variance shares)")
      ->check(CLI::IsMember({"morris", "sobol"}));
  cmd->add_option("--params", args->params, "Comma-separated parameter paths (default: every uncertain parameter)");
  cmd->add_option("--runs", args->runs,
                  "Base sample: Morris trajectories, or Sobol' rows N (engine runs: N(k+1) or N(k+3))");
  cmd->add_option("--seed", args->seed, "Seed of the design and of the runs");
  cmd->add_option("--threads", args->threads, "Threads")->check(CLI::Range(1, 1024));
  cmd->add_option("--levels", args->levels, "Morris grid levels p (Δ = p/(2(p-1)))")->check(CLI::Range(2, 100));
  cmd->add_option(
      "--output", args->output,
      "What to explain: an event (agreement_by.DATE, agreement, breakdown, extended) or an outcome "
      "(peak_threat, final_threat, threat_cost, extensions, final_trust.A.B); default the first agreement_by date");
  cmd->add_option("-p,--policy", args->policy, "Policies switched on (repeatable)");
  cmd->add_option("--versus", args->versus,
                  "Explain the difference from this policy set ('none', 'a+b'): output(policy) - output(versus)");
  cmd->add_option("--bootstrap", args->bootstrap, "Bootstrap resamples for the Sobol' intervals");
  cmd->add_option("-f,--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--out", args->out, "Also write the ranking to this SQLite results database (docs/results.md)");
  cmd->footer(
      "Examples:\n"
      "  detente sensitivity examples/iran-west-2014.toml --method morris --runs 50\n"
      "  detente sensitivity examples/iran-west-2014.toml --method sobol --runs 2000 --policy engage --versus none");
  cmd->callback([args, &exit_code, &transport] { exit_code = sensitivity(*args, transport); });
}

}  // namespace detente::cli
