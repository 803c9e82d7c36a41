// Trust as a belief about the other's type (Kydd, "Trust, Reassurance, and
// Cooperation", IO 54(2), 2000; Trust and Mistrust in International Relations,
// 2005): pure functions for the Bayesian update, and a strategy that
// cooperates while its belief clears Kydd's minimum trust threshold.
#pragma once

#include <span>

#include "core/error.h"
#include "games/move.h"
#include "games/stage_game.h"
#include "games/strategy.h"

namespace detente::games {

// How each type of opponent is expected to act, and how reliably its moves are seen.
struct TrustModel {
  double cooperate_if_trustworthy = 1.0;    // probability a trustworthy type intends to cooperate
  double cooperate_if_untrustworthy = 0.0;  // probability an untrustworthy type does
  double noise = 0.05;                      // probability an observed move is the opposite of the intended one
};

// P(observing `observed` | the type intends to cooperate with probability p) = p(1-e) + (1-p)e for C.
[[nodiscard]] double observation_likelihood(Move observed, double p_cooperate, double noise);

// Bayes' rule (Kydd 2005, ch. 2): pi' = pi L_T / (pi L_T + (1 - pi) L_U), with
// L the likelihood of the observed move under each type. When neither type
// could have produced the move the belief is unchanged.
[[nodiscard]] double update_trust(double belief, Move observed, const TrustModel& model);

// The belief after observing `observed` in order, starting from `prior`.
[[nodiscard]] double trust_after(double prior, std::span<const Move> observed, const TrustModel& model);

// A player that cooperates iff it is a trustworthy type (t < 1) and its belief
// that the opponent is trustworthy is at least Kydd's threshold
// tau = c / (1 + c - t); its belief starts at `prior` and is updated by
// update_trust() on each observed move of the opponent. Registered as
// "Kydd Trust" with the defaults below (tau = 2/3, prior 0.75).
struct KyddTrustParams {
  KyddType own{0.5, 1.0};
  double prior = 0.75;
  TrustModel model;
};

[[nodiscard]] Result<Player> make_kydd_trust(const KyddTrustParams& params);

}  // namespace detente::games
