// Running the Spatial Model of Politics on a StakeholderProblem: the issues
// become the dimensions of one space, the actors are put in a canonical
// order (by name, so that the order of the input changes nothing), and the
// turns run until KTAB's stopping rule holds.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/stakeholders.h"
#include "models/model.h"
#include "models/smp/smp_state.h"

namespace detente::smp {

struct Prepared {
  Actors actors;
  State initial;
  std::vector<std::size_t> input_index;  // canonical actor -> index in StakeholderProblem::actors
  std::vector<std::size_t> canonical;    // the inverse
  std::vector<std::string> notes;
};

// Checks that the problem suits the model and converts it to KTAB's [0,1]
// scales: every actor holds a stake in every issue with one capability, a
// positive capability and some salience.
[[nodiscard]] Result<Prepared> prepare(const StakeholderProblem& problem, const Settings& settings);

struct Turn {
  State state;
  std::vector<double> actor_probability;  // each actor's position's probability of prevailing
  std::vector<std::size_t> unique;        // representatives of the distinct positions
  std::vector<double> unique_probability;
  std::vector<Challenge> challenges;  // those that led into this turn
  std::size_t moved = 0;
  double movement = 0.0;  // sum over actors of the distance moved since the previous turn
  bool risk_degenerate = false;
};

struct Trajectory {
  std::vector<Turn> turns;  // turns[0]: the initial state
  std::string stop_reason;
  std::vector<std::string> trace;
};

// Runs the turns; `names` (canonical order) label the trace.
[[nodiscard]] Trajectory simulate(const Actors& actors, const State& initial, const Settings& settings,
                                  const std::vector<std::string>& names);

// The whole model behind `--model smp`.
[[nodiscard]] Result<ForecastResult> forecast(const StakeholderProblem& problem, const Settings& settings);

}  // namespace detente::smp
