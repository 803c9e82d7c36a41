// The analytic thresholds of shared/reference/README.md found numerically:
// Tit For Tat's stability threshold w = 2/3 (Axelrod 1984) and Generous Tit
// For Tat's forgiveness q* = 1/3 (Nowak & Sigmund 1992) at the standard
// payoffs, by exact evaluation of every deterministic memory-one mutant's
// payoff, confirmed by simulated matches with continuation probability w.
#include "games/analysis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

StageGame pd(const SymmetricPayoffs& p) { return *StageGame::prisoners_dilemma(p); }

TEST(Analysis, TitForTatStabilityThresholdIsTwoThirdsAtTheStandardPayoffs) {
  const double w = invasion_threshold(kTitForTatRule, StageGame());
  EXPECT_NEAR(w, 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(w, tit_for_tat_threshold(kAxelrodPayoffs), 1e-9);
  EXPECT_FALSE(resists_invasion(kTitForTatRule, StageGame(), 0.66));
  EXPECT_TRUE(resists_invasion(kTitForTatRule, StageGame(), 0.67));
}

// At (R, S, T, P) = (4, 0, 5, 3) the other term binds: Defector, not the
// alternating mutant, sets the threshold max(1/2, 1/4) = 1/2.
TEST(Analysis, TitForTatThresholdFollowsAxelrodsFormulaWhenDefectionBinds) {
  const SymmetricPayoffs p{4, 0, 5, 3};
  EXPECT_NEAR(invasion_threshold(kTitForTatRule, pd(p)), 0.5, 1e-9);
  EXPECT_NEAR(tit_for_tat_threshold(p), 0.5, 1e-15);
}

TEST(Analysis, GenerousTitForTatForgivenessIsOneThirdAtTheStandardPayoffs) {
  const double q = largest_stable_forgiveness(StageGame());
  EXPECT_NEAR(q, 1.0 / 3.0, 1e-5);
  EXPECT_NEAR(generous_forgiveness(kAxelrodPayoffs), 1.0 / 3.0, 1e-15);
  // At (4, 0, 5, 3): min(1 - 1/4, 1/2) = 1/2, set by Defector this time.
  EXPECT_NEAR(largest_stable_forgiveness(pd({4, 0, 5, 3})), 0.5, 1e-5);
}

// The registered GTFT forgives with exactly this q*: against Defector it
// cooperates after a defection about 1/3 of the time.
TEST(Analysis, RegisteredGenerousTitForTatUsesTheStableForgiveness) {
  int cooperations = 0;
  int turns = 0;
  for (int k = 0; k < 20; ++k) {
    const MatchResult m =
        testing::play("GTFT", "Defector", {.turns = 1000, .seed = 5, .stream = static_cast<std::uint64_t>(k)});
    cooperations += m.cooperations[0] - 1;
    turns += m.turns() - 1;
  }
  const double rate = static_cast<double>(cooperations) / turns;
  EXPECT_NEAR(rate, 1.0 / 3.0, 4 * std::sqrt(1.0 / 3 * 2.0 / 3 / turns));
}

// Exact evaluation against the closed forms of two textbook cases.
TEST(Analysis, MemoryOnePayoffsMatchClosedForms) {
  const double w = 0.9;
  const MemoryOneRule defector{0.0, {0, 0, 0, 0}};
  // Defector vs Tit For Tat: (1 - w)(T + w P / (1 - w)) = (1 - w) T + w P.
  const auto v = memory_one_payoffs(defector, kTitForTatRule, StageGame(), w);
  EXPECT_NEAR(v[0], 0.1 * 5 + 0.9 * 1, 1e-12);
  EXPECT_NEAR(v[1], 0.1 * 0 + 0.9 * 1, 1e-12);
  // Tit For Tat pair under noise e, long run: the four outcomes are equally likely (Molander 1985), mean (R+S+T+P)/4.
  const auto noisy = memory_one_payoffs(kTitForTatRule, kTitForTatRule, StageGame(), kLongRun, 0.01);
  EXPECT_NEAR(noisy[0], 9.0 / 4.0, 1e-4);
}

// The same thresholds seen in simulated matches: with continuation
// probability w, a match's expected total is sum_t w^t u_t. The alternating
// mutant (Cycler DC) beats Tit For Tat's home payoff R / (1 - w) below
// w = 2/3 and falls short above it. Match k of both pairings uses the same
// stream, hence the same length, so their difference is measured precisely.
TEST(Analysis, SimulatedInvasionOfTitForTatChangesSignAtTwoThirds) {
  constexpr int kMatches = 20000;
  for (const double w : {0.6, 0.75}) {
    double home = 0.0;
    double mutant = 0.0;
    double difference_sq = 0.0;
    for (int k = 0; k < kMatches; ++k) {
      const MatchOptions options{.continuation = w, .seed = 99, .stream = static_cast<std::uint64_t>(k)};
      const double h = testing::play("Tit For Tat", "Tit For Tat", options).scores[0];
      const double m = testing::play("Cycler DC", "Tit For Tat", options).scores[0];
      home += h;
      mutant += m;
      difference_sq += (m - h) * (m - h);
    }
    home /= kMatches;
    mutant /= kMatches;
    const double difference = mutant - home;
    const double se = std::sqrt((difference_sq / kMatches - difference * difference) / kMatches);
    // Expected totals: R / (1 - w) at home, (T + w S) / (1 - w^2) for the mutant.
    const double expected = 5.0 / (1 - w * w) - 3.0 / (1 - w);
    EXPECT_NEAR(difference, expected, 4 * se) << "w = " << w;
    if (w < 2.0 / 3) {
      EXPECT_GT(difference, 4 * se) << "w = " << w;
    } else {
      EXPECT_LT(difference, -4 * se) << "w = " << w;
    }
  }
}

TEST(Analysis, DiscountedSumWeighsTurnsByContinuation) {
  const std::vector<double> u{1, 2, 4};
  EXPECT_DOUBLE_EQ(discounted_sum(u, 0.5), 1 + 1 + 1);
  const MatchResult m = testing::play("Tit For Tat", "Defector", {.turns = 3});
  EXPECT_EQ(payoffs_by_turn(m, StageGame(), 1), (std::vector<double>{5, 1, 1}));
}

TEST(Analysis, EnforcementSlackIsBernheimAndWhinstons) {
  // S = w / (1 - w) (R - P) - (T - R): at w = 1/2, (3 - 1) - (5 - 3) = 0.
  EXPECT_DOUBLE_EQ(enforcement_slack(kAxelrodPayoffs, 0.5), 0.0);
  EXPECT_LT(enforcement_slack(kAxelrodPayoffs, 0.4), 0.0);
  EXPECT_GT(enforcement_slack(kAxelrodPayoffs, 0.6), 0.0);
}

}  // namespace
}  // namespace detente::games
