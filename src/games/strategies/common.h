// Shared pieces of the strategy families: registry entries, the rules several
// families use, and the statistics some of the Axelrod tournament entries use.
#pragma once

#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "games/strategy.h"

namespace detente::games::strategies {

using Factory = std::function<std::unique_ptr<Strategy>()>;

struct Entry {
  StrategyInfo info;
  Factory make;
};

template <typename S, typename... Args>
Factory factory(Args... args) {
  return [=] { return std::make_unique<S>(args...); };
}

// Citations used by several families.
inline constexpr const char* kAxelrod1980 =
    "Axelrod (1980), Effective choice in the prisoner's dilemma, J. Conflict Resolution 24(1)";
inline constexpr const char* kAxelrod1980b =
    "Axelrod (1980), More effective choice in the prisoner's dilemma, J. Conflict Resolution 24(3)";
inline constexpr const char* kAxelrod1984 = "Axelrod (1984), The Evolution of Cooperation";
inline constexpr const char* kAxelrodLibrary =
    "Knight et al. (2016), An open framework for the reproducible study of the iterated prisoner's dilemma, "
    "J. Open Research Software 4(1) (Axelrod-Python library, original strategy)";

// Axelrod's FinalTransformer: with a known match length, the last `count`
// moves are defections whatever the rule proposes.
[[nodiscard]] inline Move defect_at_end(const History& h, int count, Move proposed) {
  const auto length = h.known_length();
  if (!length || h.turns() >= *length) return proposed;
  return *length - h.turns() <= count ? kD : proposed;
}

// A memory-one rule: cooperation probability after each last-round outcome
// (own, opponent's) = CC, CD, DC, DD, and a fixed first move.
class MemoryOneStrategy : public CloneableStrategy<MemoryOneStrategy> {
 public:
  MemoryOneStrategy(Move first, const std::array<double, 4>& after) : first_(first == kC ? 1.0 : 0.0), after_(after) {}
  MemoryOneStrategy(double first_cooperation, const std::array<double, 4>& after)
      : first_(first_cooperation), after_(after) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return random_choice(rng, first_);
    return random_choice(rng, after_[2 * index(h.self_back(1)) + index(h.opponent_back(1))]);
  }

 private:
  double first_;  // probability of cooperating on the first move
  std::array<double, 4> after_;
};

// The p-value of Pearson's chi-squared test of `cooperations` against
// `defections` for a 50-50 split (one degree of freedom): erfc(sqrt(X^2 / 2)).
[[nodiscard]] inline double fair_coin_chi_squared_p(int cooperations, int defections) {
  const double n = cooperations + defections;
  const double expected = n / 2.0;
  const double a = cooperations - expected;
  const double b = defections - expected;
  const double statistic = (a * a + b * b) / expected;
  return std::erfc(std::sqrt(statistic / 2.0));
}

// Parameterised rules the registry builds from a name or the caller's numbers.
std::unique_ptr<Strategy> make_cycler_strategy(std::vector<Move> cycle);
std::unique_ptr<Strategy> make_random_strategy(double p);
std::unique_ptr<Strategy> make_gtft_strategy(std::optional<double> forgiveness);

std::vector<Entry> basic_family();
std::vector<Entry> tit_for_tat_family();
std::vector<Entry> grudger_family();
std::vector<Entry> memory_one_family();
std::vector<Entry> prober_family();
std::vector<Entry> first_tournament_family();
std::vector<Entry> trust_family();

}  // namespace detente::games::strategies
