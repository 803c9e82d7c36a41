// Analytic tools for repeated games: discounted payoffs, exact expected
// payoffs of memory-one strategies, the invasion thresholds of Tit For Tat and
// Generous Tit For Tat found numerically, and Bernheim & Whinston's
// enforcement slack for linked issues.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "games/match.h"
#include "games/stage_game.h"

namespace detente::games {

// One player's payoff in each turn of a played match.
[[nodiscard]] std::vector<double> payoffs_by_turn(const MatchResult& match, const StageGame& game, int player);

// sum_t w^t x_t: with continuation probability w after each turn, turn t is
// played with probability w^t, so for a play long enough that w^T is
// negligible this is the expected total payoff of the match.
[[nodiscard]] double discounted_sum(std::span<const double> per_turn, double w);

// Closed forms (for checking the numerical searches below):
// Axelrod (1984), proposition 2: Tit For Tat is collectively stable iff
// w >= max((T-R)/(T-P), (T-R)/(R-S)).
[[nodiscard]] double tit_for_tat_threshold(const SymmetricPayoffs& g);
// Nowak & Sigmund (1992): Generous Tit For Tat's largest forgiveness,
// q* = min(1 - (T-R)/(R-S), (R-P)/(T-P)).
[[nodiscard]] double generous_forgiveness(const SymmetricPayoffs& g);

// Bernheim & Whinston (1990): an issue's enforcement slack under grim-trigger
// punishment, S = w/(1-w) (R-P) - (T-R). The issue is self-enforcing alone iff
// S >= 0; issues linked so that a defection on any is punished on all are
// jointly self-enforcing iff the sum of their slacks is >= 0.
[[nodiscard]] double enforcement_slack(const SymmetricPayoffs& g, double w);

// A memory-one rule: cooperation probability on the first move and after each
// last-round outcome (own, other's) = CC, CD, DC, DD.
struct MemoryOneRule {
  double first = 1.0;
  std::array<double, 4> after{1.0, 0.0, 1.0, 0.0};
};

inline constexpr MemoryOneRule kTitForTatRule{1.0, {1.0, 0.0, 1.0, 0.0}};
[[nodiscard]] constexpr MemoryOneRule generous_tit_for_tat_rule(double q) { return {1.0, {1.0, q, 1.0, q}}; }

// The normalised discounted payoffs (1 - w) sum_t w^t E[u_t] of two memory-one
// rules, computed exactly from the 4-state Markov chain of last-round outcomes
// (each move flipped with probability `noise`). As w -> 1 this tends to the
// long-run mean payoff per turn; `kLongRun` stands for that limit.
inline constexpr double kLongRun = 1.0 - 1e-7;
[[nodiscard]] std::array<double, 2> memory_one_payoffs(const MemoryOneRule& a, const MemoryOneRule& b,
                                                       const StageGame& game, double w, double noise = 0.0);

// The 32 deterministic memory-one rules (first move x four responses).
[[nodiscard]] std::vector<MemoryOneRule> deterministic_memory_one_rules();

// Whether no deterministic memory-one mutant earns more against `resident`
// than the resident earns against itself (by more than `tolerance`).
[[nodiscard]] bool resists_invasion(const MemoryOneRule& resident, const StageGame& game, double w,
                                    double tolerance = 1e-12);

// The smallest continuation probability w at which `resident` resists every
// deterministic memory-one mutant, by bisection on w (for Tit For Tat the
// result is Axelrod's threshold).
[[nodiscard]] double invasion_threshold(const MemoryOneRule& resident, const StageGame& game);

// The largest forgiveness q at which Generous Tit For Tat resists every
// deterministic memory-one mutant in the long run (w -> 1), by bisection on q.
[[nodiscard]] double largest_stable_forgiveness(const StageGame& game);

}  // namespace detente::games
