// The ensemble side of the command line: detente run SCENARIO --runs N (dispatched from
// scenario_commands.cpp), detente compare, detente sensitivity and detente export.
#pragma once

#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ensemble/aggregate.h"
#include "scenario/scenario.h"

namespace CLI {
class App;
}
namespace detente::ensemble {
class Transport;
}

namespace detente::cli {

struct EnsembleRunArgs {
  std::string file;
  std::uint64_t seed = 1;
  std::vector<std::string> policies;
  std::uint64_t runs = 0;
  int threads = 0;  // 0: the machine's cores shared among the ranks
  std::string out;  // results database
  bool resume = false;
  bool per_run = false;
  std::uint64_t chunk = 0;  // 0: the default for the number of runs
  std::string format = "text";
};

// Adds --runs, --threads, --out, --resume, --per-run, --chunk to `run`.
void add_ensemble_options(CLI::App& run, EnsembleRunArgs& args);
[[nodiscard]] int run_ensemble(const EnsembleRunArgs& args, ensemble::Transport& transport);
void add_ensemble_commands(CLI::App& app, int& exit_code, ensemble::Transport& transport);

// Shared by the ensemble commands.
[[nodiscard]] int threads_for(int requested, const ensemble::Transport& transport);
// "none" is no policy; "a+b" switches on a and b.
[[nodiscard]] std::vector<std::string> policy_set(const std::string& spec);
[[nodiscard]] std::string policy_label(const std::vector<std::string>& policies);
[[nodiscard]] std::string percent(double p);
[[nodiscard]] std::string p_value(double p);
[[nodiscard]] std::string signed_value(double x);
[[nodiscard]] std::string percent_difference(double d);
[[nodiscard]] std::string event_label(const std::string& name, const scenario::Scenario& s);
// An ensemble summary as the JSON that detente run --format json prints.
[[nodiscard]] nlohmann::ordered_json summary_json(const ensemble::Summary& summary,
                                                  const ensemble::OutcomeLayout& layout);

// Set by SIGINT/SIGTERM (on_interrupt): ensembles stop after the chunks in progress.
extern std::atomic<bool> g_interrupted;
extern "C" void on_interrupt(int signal);

}  // namespace detente::cli
