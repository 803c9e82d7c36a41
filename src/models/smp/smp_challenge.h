// Challenges (KTAB SMPState::probEduChlg and bestChallenge): actor h's
// estimate of the probability that initiator i prevails over target j, once
// every third party has weighed joining either side, and of what the contest
// is worth to actor k.
#pragma once

#include <cstddef>
#include <optional>

#include "models/smp/smp_state.h"

namespace detente::smp {

struct ContestEstimate {
  double probability = 0.0;  // h's estimate that i prevails over j
  double gain = 0.0;         // h's estimate of k's expected gain from i challenging j, over the status quo
};

// The general estimate for any perspective h and affected actor k: O(n).
[[nodiscard]] ContestEstimate estimate_contest(const Actors& actors, const Evaluation& ev, const Settings& settings,
                                               std::size_t h, std::size_t k, std::size_t i, std::size_t j);

// Initiator i's best challenge as i sees it (h = k = i): the target with the
// largest expected gain above KTAB's threshold of 1e-5, the lowest index on a
// tie; none when no challenge pays. O(n^2).
[[nodiscard]] std::optional<Challenge> best_challenge(const Actors& actors, const Evaluation& ev,
                                                      const Settings& settings, std::size_t i);

}  // namespace detente::smp
