// detente compare SCENARIO --policy A --policy B: paired runs with common random numbers, the
// difference in each probability and outcome with its interval and a paired test; optionally kept
// in a results database and written as a report.
#include <fmt/format.h>
#include <unistd.h>
#include <algorithm>

#include <CLI/CLI.hpp>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/ensemble_commands.h"
#include "cli/fail.h"
#include "ensemble/ensemble.h"
#include "ensemble/progress.h"
#include "ensemble/results_db.h"
#include "ensemble/statistics.h"
#include "report/report.h"
#include "scenario/scenario.h"

namespace detente::cli {
namespace {

struct CompareArgs {
  std::string file;
  std::vector<std::string> policies;
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string format = "text";
  std::string out;     // --out: the comparison as a results database
  std::string report;  // --report: the comparison as an HTML report
};

std::string command_line(const CompareArgs& args) {
  std::string out = "detente compare " + args.file;
  for (const auto& p : args.policies) out += " --policy " + p;
  return out + " --runs " + std::to_string(args.runs) + " --seed " + std::to_string(args.seed);
}

// The comparison as tables of the results database (docs/results.md, "Comparisons").
ensemble::AnalysisRecord comparison_record(const CompareArgs& args, const scenario::Scenario& s,
                                           const ensemble::OutcomeLayout& layout,
                                           const std::vector<std::vector<std::string>>& arms,
                                           const ensemble::ChunkResult& merged, const nlohmann::ordered_json& out) {
  using nlohmann::ordered_json;
  ordered_json events = ordered_json::array();
  ordered_json quantities = ordered_json::array();
  ordered_json bands = ordered_json::array();
  const ordered_json none;  // NULL
  for (std::size_t a = 0; a < arms.size(); ++a) {
    const std::string arm = policy_label(arms[a]);
    const auto summary = ensemble::summarise(layout, merged.arms[a]);
    for (const auto& e : summary.events) {
      events.push_back({{"arm", arm},
                        {"name", e.name},
                        {"runs", e.runs},
                        {"count", e.count},
                        {"p", e.p},
                        {"lo95", e.wilson.lo},
                        {"hi95", e.wilson.hi}});
    }
    for (const auto& q : summary.quantities) {
      const bool any = q.n > 0;
      ordered_json row = {{"arm", arm}, {"name", q.name}, {"n", q.n}};
      row["mean"] = any ? ordered_json(q.mean) : none;
      row["sd"] = any ? ordered_json(q.sd) : none;
      row["min"] = any ? ordered_json(q.min) : none;
      const char* keys[] = {"q05", "q25", "q50", "q75", "q95"};
      for (std::size_t i = 0; i < 5; ++i) row[keys[i]] = any ? ordered_json(q.q[i]) : none;
      row["max"] = any ? ordered_json(q.max) : none;
      quantities.push_back(std::move(row));
    }
    for (const auto& b : summary.bands) {
      for (std::size_t t = 0; t < b.steps.size(); ++t) {
        bands.push_back({{"arm", arm},
                         {"series", b.series},
                         {"step", t},
                         {"date", t < layout.dates.size() ? layout.dates[t] : std::string()},
                         {"q05", b.steps[t][0]},
                         {"q25", b.steps[t][1]},
                         {"q50", b.steps[t][2]},
                         {"q75", b.steps[t][3]},
                         {"q95", b.steps[t][4]}});
      }
    }
  }
  ordered_json event_differences = ordered_json::array();
  ordered_json quantity_differences = ordered_json::array();
  for (const auto& diff : out["differences"]) {
    for (const auto& e : diff["events"]) {
      ordered_json row = {{"first", diff["first"]}, {"second", diff["second"]}};
      row.update(e);
      event_differences.push_back(std::move(row));
    }
    for (const auto& q : diff["quantities"]) {
      ordered_json row = {{"first", diff["first"]}, {"second", diff["second"]}};
      row.update(q);
      quantity_differences.push_back(std::move(row));
    }
  }
  return ensemble::AnalysisRecord{.kind = "compare",
                                  .scenario_file = s.file,
                                  .scenario_text = s.text,
                                  .seed = args.seed,
                                  .runs = args.runs,
                                  .command = command_line(args),
                                  .tables = {{"events", events},
                                             {"quantities", quantities},
                                             {"bands", bands},
                                             {"event_differences", event_differences},
                                             {"quantity_differences", quantity_differences}}};
}

// Writes the database (to --out, or to a temporary file when only --report is asked for) and the
// report made from it.
Result<bool> keep_comparison(const CompareArgs& args, const ensemble::AnalysisRecord& record) {
  const bool temporary = args.out.empty();
  const std::string path =
      temporary ? (std::filesystem::temp_directory_path() / ("detente-compare-" + std::to_string(::getpid()) + ".db"))
                      .string()
                : args.out;
  if (temporary) std::filesystem::remove(path);
  auto written = ensemble::write_analysis(path, record);
  if (written && !args.report.empty()) {
    auto doc = report::load_document(path);
    if (!doc) {
      written = doc.error();
    } else {
      if (temporary) (*doc)["input"] = args.file;  // the temporary database is gone once the page is written
      written = report::write_report_html(*doc, args.report);
    }
  }
  if (temporary) std::filesystem::remove(path);
  return written;
}

// What the talks are made of: their events (agreement, breakdown, extension, the gates closed at
// each date) and quantities (dates, terms, trust, the position gap).
bool about_the_talks(const std::string& name) {
  for (const char* prefix : {"agreement", "breakdown", "extended", "extensions", "closed.", "ended.", "final_trust.",
                             "terms.", "position_gap."}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// True when arm k+1 and arm 0 ran the talks identically in every pair: no talks event differs in
// any pair, and every talks quantity's paired difference is exactly zero (mean and spread).
bool talks_unchanged(const ensemble::OutcomeLayout& layout, const ensemble::PairedAggregate& paired, std::size_t k) {
  for (std::size_t e = 0; e < layout.events.size(); ++e) {
    const auto& t = paired.events[k][e];
    if (about_the_talks(layout.events[e]) && t.first_only + t.second_only > 0) return false;
  }
  for (std::size_t q = 0; q < layout.quantities.size(); ++q) {
    const auto& m = paired.differences[k][q];
    if (about_the_talks(layout.quantities[q]) && (m.mean != 0.0 || m.m2 != 0.0)) return false;
  }
  return true;
}

// The arenas no [[linkage]] observes: their moves cannot inform any belief.
bool observed(const scenario::Scenario& s, const std::string& arena) {
  return std::any_of(s.links.begin(), s.links.end(), [&](const auto& link) { return s.arenas[link.arena].id == arena; });
}

// Says that the policies differ in nothing the talks are made of, and what they set instead.
void print_unreached_talks(const scenario::Scenario& s, const std::vector<std::vector<std::string>>& arms,
                           const nlohmann::ordered_json& arm_summaries, std::uint64_t runs) {
  fmt::print("The talks ran identically under {} and {} in all {} pairs (every agreement, breakdown, gate, trust and\n"
             "position value equal): the difference does not reach the negotiation in this scenario.\n",
             policy_label(arms[0]), policy_label(arms[1]), runs);
  // An arena is played in an arm when its moves were counted (linked arenas only).
  const auto played = [&](const std::string& arena) {
    for (const auto& arm : arm_summaries) {
      for (const auto& q : arm["quantities"]) {
        const auto name = q["name"].get<std::string>();
        if ((name == "separating_moves." + arena || name == "pooling_moves." + arena) && q["mean"].get<double>() > 0.0) return true;
      }
    }
    return false;
  };
  for (const auto& arm : arms) {
    for (const auto& id : arm) {
      const auto policy = std::find_if(s.policies.begin(), s.policies.end(), [&](const auto& p) { return p.id == id; });
      if (policy == s.policies.end()) continue;
      for (const auto& change : policy->changes) {
        const std::string& path = s.params.all()[change.parameter].path;
        std::string why;
        if (path.rfind("arenas.", 0) == 0) {
          const std::string arena = path.substr(7, path.find('.', 7) - 7);
          if (!observed(s, arena)) {
            why = "arena '" + arena + "', which no [[linkage]] observes: its moves inform no belief, and the threat it "
                  "changes enters the talks only through the rewards of linked arenas";
          } else if (!played(arena)) {
            why = "arena '" + arena + "', linked but never played in either arm (inactive): no move to observe";
          }
        }
        fmt::print("  '{}' sets {}{}\n", id, path, why.empty() ? "" : " (" + why + ")");
      }
    }
  }
}

int compare(const CompareArgs& args, ensemble::Transport& transport) {
  const bool root = transport.rank() == 0;
  auto s = scenario::load_scenario(args.file);
  if (!s) return root ? fail(s.error()) : kExitBadInput;
  if (root && !args.out.empty() && std::filesystem::exists(args.out)) {
    return fail(Error{.file = args.out,
                      .field = "--out",
                      .problem = "the results database already exists",
                      .fix = "choose another path, or remove the file"});
  }
  std::vector<std::vector<std::string>> arms;
  for (const auto& p : args.policies) arms.push_back(policy_set(p));
  if (arms.size() == 1) arms.emplace_back();  // against no policy
  auto made =
      ensemble::EnsembleRunner::make(*s, ensemble::EnsembleSpec{.runs = args.runs, .seed = args.seed, .arms = arms});
  if (!made) return root ? fail(made.error()) : kExitBadInput;
  const auto& runner = **made;
  ensemble::ChunkResult merged = runner.empty_result();
  std::vector<std::uint64_t> todo;
  for (std::uint64_t c = 0; c < runner.chunks(); ++c) todo.push_back(c);
  std::atomic<std::uint64_t> done{0};
  std::signal(SIGINT, on_interrupt);
  {
    const ensemble::ProgressBar bar(args.runs, done, root, "paired runs");
    ensemble::compute_chunks(
        runner, todo, threads_for(args.threads, transport), transport,
        [&](ensemble::ChunkResult&& chunk) { merged.merge(chunk); }, g_interrupted,
        transport.ranks() > 1 ? nullptr : &done);
  }
  if (!root) return kExitOk;
  if (merged.runs < args.runs) {
    std::cerr << "detente: interrupted\n";
    return 130;
  }
  const auto& layout = runner.layout();
  const double z = ensemble::two_sided_z(0.95);
  using nlohmann::ordered_json;
  ordered_json out = {{"scenario", s->name},
                      {"file", s->file},
                      {"seed", args.seed},
                      {"runs", args.runs},
                      {"arms", ordered_json::array()},
                      {"differences", ordered_json::array()}};
  for (std::size_t a = 0; a < arms.size(); ++a) {
    const auto summary = ensemble::summarise(layout, merged.arms[a]);
    ordered_json arm = {{"policies", policy_label(arms[a])}};
    arm.update(summary_json(summary, layout));
    arm.erase("bands");
    arm.erase("dates");
    out["arms"].push_back(arm);
  }
  for (std::size_t k = 1; k < arms.size(); ++k) {
    ordered_json diff = {{"first", policy_label(arms[0])},
                         {"second", policy_label(arms[k])},
                         {"events", ordered_json::array()},
                         {"quantities", ordered_json::array()}};
    for (std::size_t e = 0; e < layout.events.size(); ++e) {
      const auto& t = merged.paired.events[k - 1][e];
      const auto interval = ensemble::newcombe_paired_interval(t.both, t.first_only, t.second_only, t.neither);
      const double n = static_cast<double>(merged.runs);
      diff["events"].push_back(
          {{"name", layout.events[e]},
           {"p_first", static_cast<double>(t.both + t.first_only) / n},
           {"p_second", static_cast<double>(t.both + t.second_only) / n},
           {"difference", static_cast<double>(t.first_only) / n - static_cast<double>(t.second_only) / n},
           {"lo95", interval.lo},
           {"hi95", interval.hi},
           {"only_first", t.first_only},
           {"only_second", t.second_only},
           {"mcnemar_p", ensemble::mcnemar_exact_p(t.first_only, t.second_only)}});
    }
    for (std::size_t q = 0; q < layout.quantities.size(); ++q) {
      const auto& m = merged.paired.differences[k - 1][q];
      if (m.n < 2) continue;
      const double se = m.sd() / std::sqrt(static_cast<double>(m.n));
      const double t = se > 0.0 ? m.mean / se : (m.mean == 0.0 ? 0.0 : INFINITY);
      const double tq = m.n > 1000 ? z : ensemble::student_t_quantile(0.975, static_cast<double>(m.n - 1));
      diff["quantities"].push_back(
          {{"name", layout.quantities[q]},
           {"pairs", m.n},
           {"mean_difference", m.mean},
           {"lo95", m.mean - tq * se},
           {"hi95", m.mean + tq * se},
           {"paired_t_p", se > 0.0 ? ensemble::student_t_two_sided_p(t, static_cast<double>(m.n - 1))
                                   : (m.mean == 0.0 ? 1.0 : 0.0)}});
    }
    diff["talks_unchanged"] = talks_unchanged(layout, merged.paired, k - 1);
    out["differences"].push_back(diff);
  }
  if (!args.out.empty() || !args.report.empty()) {
    if (auto kept = keep_comparison(args, comparison_record(args, *s, layout, arms, merged, out)); !kept) {
      return fail(kept.error());
    }
  }
  if (args.format == "json") {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  fmt::print(
      "{}\n{} paired runs, seed {}: every run index plays each arm with the same parameter draws and random streams\n",
      s->name, args.runs, args.seed);
  for (std::size_t k = 1; k < arms.size(); ++k) {
    const auto& diff = out["differences"][k - 1];
    const auto first = diff["first"].get<std::string>();
    const auto second = diff["second"].get<std::string>();
    const std::size_t width = std::max<std::size_t>({8, first.size(), second.size()});
    fmt::print("\n{} versus {}\n", first, second);
    fmt::print("{:<56} {:>{}} {:>{}} {:>9}  {:<18} {:>10}\n", "event", first, width, second, width, "diff",
               "95% (Newcombe)", "McNemar p");
    for (const auto& e : diff["events"]) {
      fmt::print("{:<56} {:>{}} {:>{}} {:>9}  [{:>+6.1f}%, {:>+6.1f}%] {:>10}\n",
                 event_label(e["name"].get<std::string>(), *s), percent(e["p_first"].get<double>()), width,
                 percent(e["p_second"].get<double>()), width, percent_difference(e["difference"].get<double>()),
                 100.0 * e["lo95"].get<double>(), 100.0 * e["hi95"].get<double>(),
                 p_value(e["mcnemar_p"].get<double>()));
    }
    if (diff["talks_unchanged"].get<bool>()) print_unreached_talks(*s, {arms[0], arms[k]}, {out["arms"][0], out["arms"][k]}, args.runs);
    fmt::print("{:<30} {:>9} {:>12}  {:<24} {:>10}\n", "outcome (" + first + " - " + second + ")", "pairs", "mean diff",
               "95% interval", "paired t p");
    for (const auto& q : diff["quantities"]) {
      fmt::print("{:<30} {:>9} {:>12}  [{:>9}, {:>9}] {:>10}\n", q["name"].get<std::string>(),
                 q["pairs"].get<std::uint64_t>(), signed_value(q["mean_difference"].get<double>()),
                 signed_value(q["lo95"].get<double>()), signed_value(q["hi95"].get<double>()),
                 p_value(q["paired_t_p"].get<double>()));
    }
  }
  if (!args.out.empty())
    fmt::print("\nResults written to {} (detente export {} --format csv|json)\n", args.out, args.out);
  if (!args.report.empty()) fmt::print("Report written to {}\n", args.report);
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code, ensemble::Transport& transport) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmp = app.add_subcommand("compare", "Compare policies on paired runs (common random numbers)");
  cmp->add_option("SCENARIO", args->file, "Scenario file (TOML)")->required();
  cmp->add_option("-p,--policy", args->policies,
                  "An arm: a policy, 'a+b' for several, 'none' for none (repeat; one arm is compared with none)")
      ->required();
  cmp->add_option("--runs", args->runs, "Paired runs (each plays every arm)");
  cmp->add_option("--seed", args->seed, "Seed of the ensemble");
  cmp->add_option("--threads", args->threads, "Threads per process")->check(CLI::Range(1, 1024));
  cmp->add_option("-f,--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmp->add_option("--out", args->out, "Also write the comparison to this SQLite results database (docs/results.md)");
  cmp->add_option("--report", args->report, "Also write the comparison as a self-contained HTML report to this file");
  cmp->footer(
      "Differences are first arm minus each other arm, per run index; intervals: Newcombe (1998) method 10 for\n"
      "probabilities, t intervals for means; tests: exact McNemar for events, paired t for outcomes.\n"
      "Examples:\n"
      "  detente compare examples/iran-west-2014.toml --policy engage --policy none --runs 20000\n"
      "  detente compare examples/iran-west-2014.toml --policy engage --runs 20000 --out cmp.db --report cmp.html");
  cmp->callback([args, &exit_code, &transport] { exit_code = compare(*args, transport); });
}

}  // namespace detente::cli
