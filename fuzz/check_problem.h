// What every accepted StakeholderProblem must satisfy, whatever bytes it was
// read from. A fuzz target aborts (a libFuzzer crash) when a reader accepts an
// input but returns something that breaks one of these; a rejected input must
// carry a message with a problem and a fix.
#pragma once

#include <cmath>
#include <cstdlib>
#include <set>

#include "core/error.h"
#include "core/stakeholders.h"

namespace detente::fuzz {

inline void require(bool condition) {
  if (!condition) std::abort();
}

inline void check_error(const Error& error) {
  require(!error.problem.empty());
  require(!error.fix.empty());
  require(error.line >= 0);
  (void)error.message();
}

inline void check_problem(const StakeholderProblem& problem) {
  require(!problem.actors.empty());
  require(!problem.issues.empty());
  const std::set<std::string> names(problem.actors.begin(), problem.actors.end());
  require(names.size() == problem.actors.size());
  std::vector<bool> used(problem.actors.size(), false);
  for (const Issue& issue : problem.issues) {
    require(std::isfinite(issue.scale.lo) && std::isfinite(issue.scale.hi) && issue.scale.lo <= issue.scale.hi);
    require(!issue.stakes.empty());
    std::set<std::size_t> on_issue;
    double total_weight = 0.0;
    for (const Stake& stake : issue.stakes) {
      require(stake.actor < problem.actors.size());
      require(on_issue.insert(stake.actor).second);  // an actor at most once per issue
      used[stake.actor] = true;
      require(std::isfinite(stake.position) && issue.scale.contains(stake.position, 0.0));
      require(std::isfinite(stake.salience) && stake.salience >= 0.0 && stake.salience <= 1.0);
      require(std::isfinite(stake.capability) && stake.capability >= 0.0);
      total_weight += weight(stake);
    }
    require(std::isfinite(total_weight) && total_weight > 0.0);
  }
  for (const bool u : used) require(u);  // no actor without a stake
  for (const auto& name : problem.actors) require(!name.empty());
}

template <typename Parse>
void check_reader(Parse parse) {
  const auto result = parse();
  if (result.ok()) {
    check_problem(*result);
  } else {
    check_error(result.error());
  }
}

}  // namespace detente::fuzz
