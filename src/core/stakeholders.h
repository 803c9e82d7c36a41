// The value types every stakeholder model reads: actors, issues, and each
// actor's stake (position, salience, capability) in each issue.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace detente {

struct Scale {
  double lo = 0.0;
  double hi = 100.0;
  [[nodiscard]] double width() const { return hi - lo; }
  [[nodiscard]] bool contains(double x, double tolerance = 1e-9) const {
    return x >= lo - tolerance && x <= hi + tolerance;
  }
  bool operator==(const Scale&) const = default;
};

// One actor's stake in one issue. Salience is always on 0–1 here; the
// readers convert other scales and say so in StakeholderProblem::notes.
struct Stake {
  std::size_t actor = 0;   // index into StakeholderProblem::actors
  double position = 0.0;
  double salience = 0.0;
  double capability = 0.0;
  // The stake's own uncertainty, as standard deviations in the units above (salience on 0–1), from
  // the CSV's companion columns Position_sd, Salience_sd, Capability_sd; 0 when not given. Used
  // only by ensembles (detente forecast --runs N); a single forecast reads the values above.
  double position_sd = 0.0;
  double salience_sd = 0.0;
  double capability_sd = 0.0;
};

struct Issue {
  std::string name;
  Scale scale;
  std::vector<Stake> stakes;   // in input order; an actor appears at most once
};

// How far an actor's ideal point moves toward another actor's position each
// round (KTAB's "ideal adjustment"); pairs not given keep the default of 1
// toward the actor's own position and 0 toward others'.
struct IdealAdjustment {
  std::size_t adjusting = 0;   // index into StakeholderProblem::actors
  std::size_t reference = 0;
  double rate = 0.0;           // in [0, 1]
};

struct StakeholderProblem {
  std::string source;               // file name, for messages
  std::vector<std::string> actors;  // in input order
  std::vector<Issue> issues;
  std::vector<std::string> notes;   // assumptions the reader made, e.g. salience scale
  // Model options the file itself sets (KTAB XML's ModelParameters and
  // prngSeed), applied to the models that declare them unless given on the
  // command line.
  std::map<std::string, std::string> options;
  std::vector<IdealAdjustment> ideal_adjustments;
};

// Capability × salience, the weight the compromise and median models give a stake.
[[nodiscard]] inline double weight(const Stake& s) { return s.capability * s.salience; }

}  // namespace detente
