// Runs a scenario through time: one run is one trajectory from a seed, deterministic given
// (parameters, seed, run index, policies).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/mechanism.h"
#include "engine/parameter_sampler.h"
#include "engine/world.h"
#include "scenario/scenario.h"

namespace detente::engine {

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t run = 0;             // the run's index: its random stream is (seed, run)
  std::vector<std::string> policies;
  bool sample = false;               // draw uncertain parameters; otherwise use central values
  bool narrate = false;              // keep the events that make the narrative
};

struct RunOutcome {
  bool agreed = false;
  int agreement_step = -1;
  std::string agreement_date;        // empty without agreement
  std::vector<double> terms;         // per issue
  bool broken_down = false;
  int breakdown_step = -1;           // -1 when the talks did not break down
  std::string breakdown_date;
  int extensions = 0;
  std::vector<bool> agreement_by;    // per scenario.agreement_by date
  double final_threat = 0.0;
  double peak_threat = 0.0;
  double total_threat_cost = 0.0;    // summed over actors and steps
  std::vector<double> final_trust;   // per side lead: its belief that the other lead is trustworthy (dimension 0)
  std::vector<int> first_cooperation_step;  // per arena: the first step of mutual cooperation, -1 none
  // Per agreement_by date, at the step containing it if the talks were open at its start and did not
  // agree in it: the gates closed (World's Gates bits) and the position gap; 0 and NaN otherwise.
  std::vector<std::uint32_t> closed_by;
  std::vector<double> position_gap_by;
  std::vector<SignalTally> signals;  // per arena
};

struct RunResult {
  RunOutcome outcome;
  std::vector<std::string> series_names;
  std::vector<std::vector<double>> series;   // per name, per step (0..steps)
  std::vector<Event> events;
  std::vector<double> parameters;            // the values this run used (sampled or central)
  std::vector<std::array<bool, 2>> trustworthy;   // each actor's drawn types (for analysis and tests)
};

// A series of [outcomes].series resolved once to what it reads (no name parsing per step).
struct SeriesAccessor {
  enum class Kind { kThreat, kDistance, kTrust, kPosition } kind = Kind::kThreat;
  std::size_t observer = 0, target = 0;   // kTrust: actors; kPosition: negotiator index in `observer` (npos: not one)
  int dimension = 0;                      // kTrust: type dimension; kPosition: issue
};
[[nodiscard]] SeriesAccessor compile_series(const scenario::Scenario& scenario, const std::string& name);
[[nodiscard]] double series_value(const World& world, const SeriesAccessor& series);

// The random stream number of a run's k-th stream: 0 parameters, 1 policy values, 2 + m mechanism m.
[[nodiscard]] std::uint64_t run_stream(std::uint64_t run, std::uint64_t k);

class Engine {
 public:
  // Builds every registered mechanism for the scenario; fails if a policy name is unknown.
  explicit Engine(const scenario::Scenario& scenario);

  [[nodiscard]] Result<RunResult> run(const RunOptions& options) const;
  // The same with parameter values given (ensembles sample them outside).
  [[nodiscard]] Result<RunResult> run(const RunOptions& options, std::vector<double> parameters) const;
  [[nodiscard]] Result<std::vector<std::size_t>> policy_indices(const std::vector<std::string>& names) const;
  [[nodiscard]] const scenario::Scenario& scenario() const { return *scenario_; }
  [[nodiscard]] const ParameterSampler& sampler() const { return sampler_; }

 private:
  const scenario::Scenario* scenario_;
  ParameterSampler sampler_;  // the scenario's distributions and correlations
  std::vector<std::unique_ptr<Mechanism>> mechanisms_;   // in phase order
  std::vector<std::uint64_t> streams_;                   // each mechanism's stream number (MechanismInfo::stream)
  std::vector<SeriesAccessor> series_;
  std::vector<int> agreement_by_steps_;  // the step containing each [outcomes].agreement_by date
};

// Reads a series named in [outcomes].series from the world.
[[nodiscard]] double series_value(const World& world, const std::string& name);

}  // namespace detente::engine
