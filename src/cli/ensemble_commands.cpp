// detente run SCENARIO --runs N, detente compare and detente export: Monte Carlo ensembles with
// their probabilities, quantiles and bands; paired policy comparisons; the results database.
#include "cli/ensemble_commands.h"

#include <fmt/format.h>
#include <cmath>

#include <CLI/CLI.hpp>
#include <cmath>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "cli/fail.h"
#include "ensemble/ensemble.h"
#include "ensemble/progress.h"
#include "ensemble/reach.h"
#include "ensemble/results_db.h"
#include "scenario/scenario.h"

namespace detente::cli {

// Set by SIGINT/SIGTERM: the ensemble stops after the chunks in progress, whose results are kept.
// (A signal handler can reach nothing else: the one piece of global state in the program.)
std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int /*signal*/) { g_interrupted.store(true); }

std::string percent(double p) { return fmt::format("{:.1f}%", 100.0 * p); }
// A p-value as text; the tails are computed directly, so only an underflow to 0 is printed as a bound.
std::string p_value(double p) { return p <= 0.0 ? "<1e-300" : fmt::format("{:.2g}", p); }

// Differences as text: an exact zero prints as 0 and a tiny one keeps its size (+3.2e-07), so that
// neither reads as the other ("-0.0000" looked like certainty).
std::string signed_value(double x) {
  if (x == 0.0) return "0";
  return std::abs(x) < 5e-5 ? fmt::format("{:+.1e}", x) : fmt::format("{:+.4f}", x);
}
std::string percent_difference(double d) {
  if (d == 0.0) return "0%";
  return std::abs(d) < 5e-4 ? fmt::format("{:+.2g}%", 100.0 * d) : fmt::format("{:+.1f}%", 100.0 * d);
}

std::string event_label(const std::string& name, const scenario::Scenario& s) {
  if (name == "agreement") return "agreement by the horizon (" + to_string(s.calendar.horizon) + ")";
  if (name.rfind("agreement_by.", 0) == 0) return "agreement by " + name.substr(13);
  if (name == "breakdown") return "talks break down";
  if (name == "extended") return "at least one deadline extended";
  if (name.rfind("cooperation.", 0) == 0) return "mutual cooperation in " + name.substr(12);
  if (name.rfind("ended.", 0) == 0) return "talks ended before " + name.substr(6);
  if (name.rfind("closed.", 0) == 0)
    return "at " + name.substr(7, 10) + ": " + ensemble::describe_gate(name.substr(18), s);
  return name;
}

namespace {
// Quantities that are a step of the calendar, printed as its date.
bool is_step(const std::string& quantity) {
  return quantity == "agreement_step" || quantity == "breakdown_step" || quantity.rfind("cooperation_step.", 0) == 0;
}
}  // namespace

std::string quantity_value(const std::string& name, double x, const scenario::Scenario& s) {
  if (std::isnan(x)) return "-";
  if (is_step(name)) return to_string(s.calendar.date_of(static_cast<int>(std::lround(x))));
  if (name == "extensions") return fmt::format("{:.2f}", x);
  return fmt::format("{:.3f}", x);
}

nlohmann::ordered_json summary_json(const ensemble::Summary& summary, const ensemble::OutcomeLayout& layout) {
  using nlohmann::ordered_json;
  ordered_json events = ordered_json::array();
  for (const auto& e : summary.events) {
    events.push_back({{"name", e.name},
                      {"count", e.count},
                      {"runs", e.runs},
                      {"p", e.p},
                      {"lo95", e.wilson.lo},
                      {"hi95", e.wilson.hi}});
  }
  ordered_json quantities = ordered_json::array();
  for (const auto& q : summary.quantities) {
    ordered_json row = {{"name", q.name}, {"n", q.n}};
    if (q.n > 0) {
      row.update({{"mean", q.mean},
                  {"sd", q.sd},
                  {"min", q.min},
                  {"q05", q.q[0]},
                  {"q25", q.q[1]},
                  {"q50", q.q[2]},
                  {"q75", q.q[3]},
                  {"q95", q.q[4]},
                  {"max", q.max}});
    }
    quantities.push_back(row);
  }
  ordered_json bands = ordered_json::object();
  for (const auto& b : summary.bands) {
    ordered_json band = {{"q05", ordered_json::array()},
                         {"q25", ordered_json::array()},
                         {"q50", ordered_json::array()},
                         {"q75", ordered_json::array()},
                         {"q95", ordered_json::array()}};
    const char* keys[] = {"q05", "q25", "q50", "q75", "q95"};
    for (const auto& step : b.steps) {
      for (std::size_t i = 0; i < 5; ++i) band[keys[i]].push_back(step[i]);
    }
    bands[b.series] = band;
  }
  return {{"runs", summary.runs},
          {"events", events},
          {"quantities", quantities},
          {"dates", layout.dates},
          {"bands", bands}};
}

namespace {

const ensemble::EventSummary* find_event(const ensemble::Summary& summary, const std::string& name) {
  const auto found =
      std::find_if(summary.events.begin(), summary.events.end(), [&](const auto& e) { return e.name == name; });
  return found == summary.events.end() ? nullptr : &*found;
}

const ensemble::QuantitySummary* find_quantity(const ensemble::Summary& summary, const std::string& name) {
  const auto found =
      std::find_if(summary.quantities.begin(), summary.quantities.end(), [&](const auto& q) { return q.name == name; });
  return found == summary.quantities.end() ? nullptr : &*found;
}

// Per agreement_by date, what stood in the way at the step containing it: each gate of the
// agreement rule closed in what share of the runs (several can be closed at once), and how close
// the positions came. A date no run reached says so, with what bound in every run.
// When no run agreed by a date: the reachability search (ensemble/reach.h) says whether any corner
// of the input ranges can, and what bound there.
void print_reachability(const scenario::Scenario& s, std::size_t k, const std::vector<std::string>& policies,
                        std::uint64_t seed) {
  const engine::Engine engine(s);
  const auto reach = ensemble::search_reachability(engine, k, policies, seed);
  if (!reach) return;
  const std::string date = to_string(s.agreement_by[k]);
  std::string moved;
  for (const auto& [path, value] : reach->settings)
    moved += fmt::format("{}{} = {:.4g}", moved.empty() ? "" : ", ", path, value);
  if (moved.empty()) moved = "every input at its central value";
  fmt::print("  reachability ({} runs over the ends of the input ranges, with the draws of runs 0-7): ",
             reach->evaluations);
  if (reach->agreed) {
    fmt::print("run {} agrees by {} at {}; the ensemble's zero is sampling, not structure\n", reach->run, date, moved);
  } else if (reach->position_gap > 0.0) {
    fmt::print(
        "STRUCTURALLY OUT OF REACH by {}: at the closest corner found the positions stay {:+.3f} of the scale\n"
        "  beyond the acceptance width ({}), whatever trust and the ratifiers do\n",
        date, reach->position_gap, moved);
  } else {
    std::string closed;
    for (const auto& gate : reach->closed) closed += (closed.empty() ? "" : "; ") + ensemble::describe_gate(gate, s);
    fmt::print("the positions can meet by {} ({}), but then: {}\n", date, moved,
               closed.empty() ? "the talks had ended" : closed);
  }
}

void print_why_not(const scenario::Scenario& s, const ensemble::Summary& summary,
                   const std::vector<std::string>& policies, std::uint64_t seed) {
  for (const Date& by : s.agreement_by) {
    const std::string date = to_string(by);
    const auto* agreed = find_event(summary, "agreement_by." + date);
    const auto* ended = find_event(summary, "ended." + date);
    const auto* gap = find_quantity(summary, "position_gap." + date);
    if (agreed == nullptr || ended == nullptr || gap == nullptr) continue;
    if (agreed->count == summary.runs) continue;
    fmt::print(
        "\nWhy no agreement by {} ({} of {} runs{}): the gates of the agreement rule closed at that step (several can "
        "be)\n",
        date, summary.runs - agreed->count, summary.runs, agreed->count == 0 ? ", every run" : "");
    for (const std::string& gate : ensemble::gate_names(s)) {
      const auto* closed = find_event(summary, "closed." + date + "." + gate);
      if (closed != nullptr) fmt::print("  {:<52} {:>8}\n", ensemble::describe_gate(gate, s), percent(closed->p));
    }
    fmt::print("  {:<52} {:>8}\n", "talks ended before that step (deadline or walk-out)", percent(ended->p));
    if (gap->n > 0) {
      fmt::print(
          "  closest approach of the positions: {:+.4f} of the scale beyond the acceptance width (median {:+.3f}){}\n",
          gap->min, gap->q[2], gap->min > 0.0 ? "; no run had the positions within reach by then" : "");
    }
    if (agreed->count == 0)
      print_reachability(s, static_cast<std::size_t>(&by - s.agreement_by.data()), policies, seed);
  }
}

// What the moves of each linked arena told observers about type: separating moves move beliefs,
// pooling moves cannot (Kydd 2005, ch. 7: reassurance needs costly signals).
void print_signals(const scenario::Scenario& s, const ensemble::Summary& summary) {
  for (const std::size_t a : ensemble::linked_arenas(s)) {
    const std::string& id = s.arenas[a].id;
    const auto* separating = find_quantity(summary, "separating_moves." + id);
    const auto* pooling = find_quantity(summary, "pooling_moves." + id);
    const auto* shift = find_quantity(summary, "signal_trust_shift." + id);
    if (separating == nullptr || pooling == nullptr || shift == nullptr || separating->n == 0) continue;
    const double moves = separating->mean + pooling->mean;
    fmt::print(
        "\nSignals in the {} arena (moves per run, mean): {:.1f} separating, {:.1f} pooling{}; trust on the {} "
        "file moved {:+.3f} per run (mean; 5-95%: {:+.3f} to {:+.3f})\n",
        id, separating->mean, pooling->mean,
        moves > 0.0 ? fmt::format(" ({:.0f}% separating)", 100.0 * separating->mean / moves) : ", never played",
        s.trust_dimensions[0], shift->mean, shift->q[0], shift->q[4]);
  }
}

void print_summary(const scenario::Scenario& s, const ensemble::Summary& summary, const ensemble::OutcomeLayout& layout,
                   const std::vector<std::string>& policies, std::uint64_t seed) {
  fmt::print("\n{:<44} {:>8}  {:<18} {:>9}\n", "event", "P", "95% (Wilson)", "runs");
  for (const auto& e : summary.events) {
    if (ensemble::is_diagnostic(e.name)) continue;
    fmt::print("{:<44} {:>8}  [{:>6}, {:>6}] {:>9}\n", event_label(e.name, s), percent(e.p), percent(e.wilson.lo),
               percent(e.wilson.hi), e.count);
  }
  fmt::print("\n{:<30} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "outcome", "runs", "mean", "5%", "25%",
             "50%", "75%", "95%");
  for (const auto& q : summary.quantities) {
    if (ensemble::is_diagnostic(q.name)) continue;
    const bool date = is_step(q.name);
    const std::string label = q.name == "agreement_step"                ? "agreement date"
                              : q.name == "breakdown_step"              ? "breakdown date"
                              : q.name.rfind("cooperation_step.", 0) == 0 ? "first cooperation, " + q.name.substr(17)
                                                                          : q.name;
    fmt::print("{:<30} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", label, q.n,
               date || q.n == 0 ? "" : fmt::format("{:.3f}", q.mean), quantity_value(q.name, q.n ? q.q[0] : NAN, s),
               quantity_value(q.name, q.n ? q.q[1] : NAN, s), quantity_value(q.name, q.n ? q.q[2] : NAN, s),
               quantity_value(q.name, q.n ? q.q[3] : NAN, s), quantity_value(q.name, q.n ? q.q[4] : NAN, s));
  }
  print_why_not(s, summary, policies, seed);
  print_signals(s, summary);
  for (const auto& b : summary.bands) {
    fmt::print("\n{} (5/25/50/75/95%, every 8th step; all steps with --format json or --out)\n", b.series);
    for (std::size_t t = 0; t < b.steps.size(); t += 8) {
      fmt::print("  {}  {:.3f}  {:.3f}  {:.3f}  {:.3f}  {:.3f}\n", layout.dates[t], b.steps[t][0], b.steps[t][1],
                 b.steps[t][2], b.steps[t][3], b.steps[t][4]);
    }
  }
}

ensemble::RunManifest manifest_of(const scenario::Scenario& s, const ensemble::EnsembleRunner& runner,
                                  const EnsembleRunArgs& args) {
  ensemble::RunManifest m{.scenario_file = s.file,
                          .scenario_text = s.text,
                          .seed = args.seed,
                          .runs = args.runs,
                          .chunk_size = runner.spec().chunk_size,
                          .policies = args.policies,
                          .per_run = args.per_run,
                          .layout = runner.layout()};
  for (const std::size_t p : runner.sampler().uncertain()) {
    m.parameter_paths.push_back(s.params.all()[p].path);
    m.parameter_distributions.push_back(s.params.all()[p].value.describe());
  }
  m.command =
      "detente run " + args.file + " --runs " + std::to_string(args.runs) + " --seed " + std::to_string(args.seed);
  for (const auto& p : args.policies) m.command += " --policy " + p;
  if (args.per_run) m.command += " --per-run";
  return m;
}

}  // namespace

int threads_for(int requested, const ensemble::Transport& transport) {
  if (requested > 0) return requested;
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  return std::max(1, cores / std::max(1, transport.ranks()));
}

std::vector<std::string> policy_set(const std::string& spec) {
  std::vector<std::string> out;
  if (spec == "none" || spec.empty()) return out;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t plus = spec.find('+', start);
    out.push_back(spec.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return out;
}

std::string policy_label(const std::vector<std::string>& policies) {
  if (policies.empty()) return "none";
  std::string out;
  for (const auto& p : policies) out += (out.empty() ? "" : "+") + p;
  return out;
}

void add_ensemble_options(CLI::App& run, EnsembleRunArgs& args) {
  run.add_option("--runs", args.runs, "Run an ensemble of N runs, uncertain inputs drawn per run (Monte Carlo)");
  run.add_option("--threads", args.threads, "Threads per process (default: the cores, shared among MPI ranks)")
      ->check(CLI::Range(1, 1024));
  run.add_option("--out", args.out, "Write the ensemble to this SQLite results database (docs/results.md)");
  run.add_flag("--resume", args.resume,
               "Continue the interrupted ensemble in --out (the same scenario text, runs, seed, chunk, policies and "
               "--per-run; refused while another detente process writes it)");
  run.add_flag("--per-run", args.per_run, "Keep one row per run (sampled inputs and outcomes) in --out");
  run.add_option("--chunk", args.chunk, "Runs per chunk (default: about runs/100, between 100 and 10,000)")
      ->check(CLI::Range(1, 100000000));
}

int run_ensemble(const EnsembleRunArgs& args, ensemble::Transport& transport) {
  const bool root = transport.rank() == 0;
  auto s = scenario::load_scenario(args.file);
  if (!s) return root ? fail(s.error()) : kExitBadInput;
  if ((args.resume || args.per_run) && args.out.empty()) {
    return root ? fail(Error{.field = args.resume ? "--resume" : "--per-run",
                             .problem = "needs a results database",
                             .fix = "add --out results.db"})
                : kExitBadInput;
  }
  auto made = ensemble::EnsembleRunner::make(*s, ensemble::EnsembleSpec{.runs = args.runs,
                                                                        .seed = args.seed,
                                                                        .arms = {args.policies},
                                                                        .chunk_size = args.chunk,
                                                                        .keep_runs = args.per_run});
  if (!made) return root ? fail(made.error()) : kExitBadInput;
  const ensemble::EnsembleRunner& runner = **made;

  ensemble::ChunkResult merged = runner.empty_result();
  std::uint64_t next_chunk = 0;
  std::unique_ptr<ensemble::ResultsDb> db;
  bool bad = false;
  if (root && !args.out.empty()) {
    const auto manifest = manifest_of(*s, runner, args);
    auto opened = args.resume ? ensemble::ResultsDb::resume(args.out, manifest, merged, next_chunk)
                              : ensemble::ResultsDb::create(args.out, manifest);
    if (!opened) {
      std::cerr << "detente: error: " << opened.error().message() << "\n";
      bad = true;
    } else {
      db = std::move(*opened);
    }
  }
  if (transport.any(bad)) return kExitBadInput;

  std::vector<std::uint64_t> todo;
  for (std::uint64_t c = next_chunk; c < runner.chunks(); ++c) todo.push_back(c);
  std::atomic<std::uint64_t> done{merged.runs};
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::string failure;
  {
    const ensemble::ProgressBar bar(args.runs, done, root);
    const std::function<void(ensemble::ChunkResult &&)> deliver = [&](ensemble::ChunkResult&& chunk) {
      merged.merge(chunk);
      if (transport.ranks() > 1) done.store(merged.runs);
      if (db && failure.empty()) {
        if (auto stored = db->append(chunk, merged); !stored) failure = stored.error().message();
      }
    };
    ensemble::compute_chunks(runner, todo, threads_for(args.threads, transport), transport, deliver, g_interrupted,
                             transport.ranks() > 1 ? nullptr : &done);
  }
  if (!root) return kExitOk;
  if (!failure.empty()) {
    std::cerr << "detente: error: " << failure << "\n";
    return kExitFailure;
  }
  if (merged.runs < args.runs) {
    std::cerr << fmt::format("detente: interrupted after {} of {} runs{}\n", merged.runs, args.runs,
                             db ? "; they are saved: add --resume to the same command to finish" : "");
    return 130;
  }
  const auto summary = ensemble::summarise(runner.layout(), merged.arms.front());
  if (db) {
    if (auto written = db->write_summary(runner.layout(), summary); !written) return fail(written.error());
  }
  if (args.format == "json") {
    nlohmann::ordered_json out = {{"scenario", s->name},
                                  {"file", s->file},
                                  {"seed", args.seed},
                                  {"policies", args.policies},
                                  {"chunk_size", runner.spec().chunk_size}};
    out.update(summary_json(summary, runner.layout()));
    std::cout << out.dump(2) << "\n";
  } else {
    fmt::print("{}\n{} runs, seed {}, policies: {}; {} uncertain inputs{}\n", s->name, args.runs, args.seed,
               policy_label(args.policies), runner.sampler().uncertain().size(),
               s->correlations.empty() ? "" : fmt::format(", {} correlated pairs", s->correlations.size()));
    print_summary(*s, summary, runner.layout(), args.policies, args.seed);
    if (db) fmt::print("\nResults written to {} (detente export {} --format csv|json)\n", args.out, args.out);
  }
  return kExitOk;
}

void add_sensitivity_command(CLI::App& app, int& exit_code, ensemble::Transport& transport);
void add_compare_command(CLI::App& app, int& exit_code, ensemble::Transport& transport);

void add_ensemble_commands(CLI::App& app, int& exit_code, ensemble::Transport& transport) {
  add_compare_command(app, exit_code, transport);

  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("csv");
  auto table = std::make_shared<std::string>();
  CLI::App* exp = app.add_subcommand("export", "Export a results database as CSV or JSON");
  exp->add_option("DATABASE", *db, "A results database written by detente run, compare or sensitivity --out")
      ->required();
  exp->add_option("-f,--format", *format, "csv (one table) or json (the summary; with --table runs, the runs too)")
      ->check(CLI::IsMember({"csv", "json"}));
  exp->add_option("--table", *table,
                  "For a run: runs, events, quantities, bands, parameters, meta or chunks (csv default: runs). For a "
                  "compare or sensitivity database: one of its tables (csv default: the first)");
  exp->callback([db, format, table, &exit_code] {
    auto done = ensemble::export_results(*db, *format, *table, std::cout);
    exit_code = done ? kExitOk : fail(done.error());
  });
  add_sensitivity_command(app, exit_code, transport);
}

}  // namespace detente::cli
