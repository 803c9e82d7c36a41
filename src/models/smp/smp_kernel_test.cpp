// The SMP's formulas on hand-derived cases, and the shortcuts detente takes
// (pruned challenge search, one-dimensional coalitions, voter classes)
// against the direct computations they replace.
#include <gtest/gtest.h>

#include <cmath>

#include "core/rng.h"
#include "models/smp/smp_challenge.h"
#include "models/smp/smp_election.h"
#include "models/smp/smp_kernel.h"
#include "models/smp/smp_run.h"
#include "test_support.h"

namespace detente::smp {
namespace {

TEST(SmpKernel, UtilityIsKtabsCurve) {
  // u = (1 - d)(1 + d R): d = 0.5, R = 1 -> 0.5 * 1.5; R = -0.5 -> 0.5 * 0.75.
  EXPECT_DOUBLE_EQ(utility(0.5, 1.0), 0.75);
  EXPECT_DOUBLE_EQ(utility(0.5, -0.5), 0.375);
  EXPECT_DOUBLE_EQ(utility(0.0, 0.7), 1.0);
  EXPECT_DOUBLE_EQ(utility(1.0, 0.7), 0.0);
  // Beyond d = 1 (round-off) the curvature is held at d = 1: (1 - 1.2)(1 + 0.5).
  EXPECT_DOUBLE_EQ(utility(1.2, 0.5), -0.2 * 1.5);
}

TEST(SmpKernel, DistanceIsSalienceWeighted) {
  // sqrt((0.3*0.5)^2 + (0.4*0.25)^2) / sqrt(0.5^2 + 0.25^2) = sqrt(0.0325/0.3125).
  const std::vector<double> from = {0.3, 0.4};
  const std::vector<double> to = {0.0, 0.0};
  const std::vector<double> s = {0.5, 0.25};
  EXPECT_NEAR(distance(from, to, s, 0.3125), std::sqrt(0.0325 / 0.3125), 1e-15);
  // One dimension: the salience does not matter.
  EXPECT_DOUBLE_EQ(distance(std::vector<double>{0.7}, std::vector<double>{0.2}, std::vector<double>{0.3}, 0.09), 0.5);
}

TEST(SmpKernel, RiskEstimatesAnchorOnOneself) {
  EXPECT_DOUBLE_EQ(estimated_risk(0.9, 0.0, RiskAdjust::kOneThird), 0.6);  // (2 * 0.9 + 0) / 3
  EXPECT_DOUBLE_EQ(estimated_risk(0.9, 0.3, RiskAdjust::kHalf), 0.6);
  EXPECT_DOUBLE_EQ(estimated_risk(0.9, 0.3, RiskAdjust::kNone), 0.9);
  EXPECT_DOUBLE_EQ(estimated_risk(0.9, 0.3, RiskAdjust::kFull), 0.3);
  // Mid range: the likeliest position gets R = 1, the least likely -0.5.
  EXPECT_DOUBLE_EQ(risk_from_probability(0.6, 0.1, 0.6, RiskRange::kMid), 1.0);
  EXPECT_DOUBLE_EQ(risk_from_probability(0.1, 0.1, 0.6, RiskRange::kMid), -0.5);
  EXPECT_DOUBLE_EQ(risk_from_probability(0.1, 0.1, 0.6, RiskRange::kMax), -1.0);
  EXPECT_DOUBLE_EQ(risk_from_probability(0.1, 0.1, 0.6, RiskRange::kMin), 0.0);
}

TEST(SmpKernel, VotingRules) {
  EXPECT_DOUBLE_EQ(vote<VotingRule::kProportional>(2.0, 0.9, 0.6), 2.0 * (0.9 - 0.6));
  EXPECT_DOUBLE_EQ(vote<VotingRule::kBinary>(2.0, 0.9, 0.6), 2.0);
  EXPECT_DOUBLE_EQ(vote<VotingRule::kCubic>(2.0, 0.5, 0.0), 0.25);
  EXPECT_DOUBLE_EQ(vote<VotingRule::kASymProsp>(3.0, 0.5, 0.0), 1.0);   // gains count two thirds
  EXPECT_DOUBLE_EQ(vote<VotingRule::kASymProsp>(3.0, 0.0, 0.5), -1.5);  // losses fully
  EXPECT_DOUBLE_EQ(vote<VotingRule::kPropBin>(1.0, 0.5, 0.0), 0.8 * 0.5 + 0.2);
}

TEST(SmpKernel, VictoryProbabilities) {
  EXPECT_DOUBLE_EQ(victory_pair(VictoryModel::kLinear, 3.0, 1.0).first, 0.75);
  EXPECT_DOUBLE_EQ(victory_pair(VictoryModel::kSquare, 3.0, 1.0).first, 0.9);
  // Binary: certain at a ratio of 1.1, linear between: s1 = s2 gives 1/2.
  EXPECT_NEAR(victory_pair(VictoryModel::kBinary, 1.1, 1.0).first, 1.0 / (1.0 + 1e-6), 1e-15);
  EXPECT_DOUBLE_EQ(victory_pair(VictoryModel::kBinary, 1.0, 1.0).first, 0.5);
}

TEST(SmpKernel, BargainsRoundToFourDecimals) {
  EXPECT_DOUBLE_EQ(round4(0.43147), 0.4315);
  EXPECT_DOUBLE_EQ(round4(0.43144), 0.4314);
}

TEST(SmpElection, ConditionalPceOnAHandCase) {
  // Two options, coalitions 3 : 1 -> P = 0.75; p_i ~ prod_j P[i>j] with P[i>i] = 0.5:
  // p_a ~ 0.5 * 0.75, p_b ~ 0.25 * 0.5 -> 0.75, 0.25.
  Matrix c(2, 2);
  c(0, 0) = c(1, 1) = 1e-8;
  c(0, 1) = 3.0;
  c(1, 0) = 1.0;
  const auto p = condorcet_probabilities(c, VictoryModel::kLinear, PceModel::kConditional, 1.0);
  EXPECT_NEAR(p[0], 0.75, 1e-15);
  EXPECT_NEAR(p[1], 0.25, 1e-15);
  // Both Markov chains favour the stronger option too, and sum to 1.
  for (const auto model : {PceModel::kMarkovUniform, PceModel::kMarkovIncentive}) {
    const auto q = condorcet_probabilities(c, VictoryModel::kLinear, model, 1.0);
    EXPECT_GT(q[0], q[1]);
    EXPECT_NEAR(q[0] + q[1], 1.0, 1e-6);
  }
}

TEST(SmpElection, GroupedConditionalEqualsTheExpandedOne) {
  Rng rng(3, 0);
  const std::vector<std::size_t> group = {0, 1, 0, 2, 2, 1, 0};
  Matrix grouped(3, 3);
  for (std::size_t a = 0; a < 3; ++a) {
    grouped(a, a) = 1e-8;
    for (std::size_t b = 0; b < 3; ++b) {
      if (a != b) grouped(a, b) = rng.uniform(0.1, 2.0);
    }
  }
  Matrix full(group.size(), group.size());
  for (std::size_t a = 0; a < group.size(); ++a) {
    for (std::size_t b = 0; b < group.size(); ++b)
      full(a, b) = group[a] == group[b] ? 1e-8 : grouped(group[a], group[b]);
  }
  const auto expanded = condorcet_probabilities(full, VictoryModel::kLinear, PceModel::kConditional, 1.0);
  const auto by_group = conditional_over_groups(victory_matrix(grouped, VictoryModel::kLinear), group);
  for (std::size_t a = 0; a < group.size(); ++a) EXPECT_DOUBLE_EQ(by_group[a], expanded[a]);
}

// Prefix sums over sorted voters against the direct sum, on random voters.
TEST(SmpElection, OneDimensionalCoalitionsEqualTheDirectSums) {
  Rng rng(11, 0);
  const std::size_t voters = 300;
  std::vector<double> ideal(voters), risk(voters), weight(voters);
  for (std::size_t n = 0; n < voters; ++n) {
    ideal[n] = std::round(rng.uniform() * 1e4) / 1e4;  // ties, as round4 makes them
    risk[n] = rng.uniform(-0.5, 1.0);
    weight[n] = rng.uniform(0.1, 5.0);
  }
  std::vector<double> options = {0.1, 0.25, 0.2500, 0.5, ideal[7], 0.93, 0.0, 1.0};
  Matrix u(options.size(), voters);
  for (std::size_t a = 0; a < options.size(); ++a) {
    for (std::size_t n = 0; n < voters; ++n) u(a, n) = utility(std::fabs(ideal[n] - options[a]), risk[n]);
  }
  const Matrix direct = coalitions(u, weight, VotingRule::kProportional, 1e-8, nullptr);
  Pool pool(2);
  const Matrix fast =
      coalitions_on_line(options, LineVoters{.ideal = ideal, .risk = risk, .weight = weight}, 1e-8, &pool);
  for (std::size_t a = 0; a < options.size(); ++a) {
    for (std::size_t b = 0; b < options.size(); ++b) {
      EXPECT_NEAR(fast(a, b), direct(a, b), 1e-10 * (1.0 + direct(a, b))) << a << " " << b;
    }
  }
}

// The pruned search picks the target trying every one would pick.
void expect_best_challenges_exhaustive(const StakeholderProblem& problem, int turns) {
  Settings settings;
  settings.threads = 1;
  settings.max_rounds = turns;
  auto prepared = prepare(problem, settings);
  ASSERT_TRUE(prepared.ok());
  const auto trajectory =
      simulate(prepared->actors, prepared->initial, settings, std::vector<std::string>(problem.actors.size()));
  for (const auto& turn : trajectory.turns) {
    const Evaluation ev = evaluate(prepared->actors, turn.state, settings);
    for (std::size_t i = 0; i < prepared->actors.n; ++i) {
      std::optional<Challenge> best;
      for (std::size_t j = 0; j < prepared->actors.n; ++j) {
        if (j == i) continue;
        const auto e = estimate_contest(prepared->actors, ev, settings, i, i, i, j);
        if (1e-5 < e.gain && (!best || best->gain < e.gain)) best = Challenge{i, j, e.probability, e.gain};
      }
      const auto pruned = best_challenge(prepared->actors, ev, settings, i);
      ASSERT_EQ(pruned.has_value(), best.has_value()) << "initiator " << i;
      if (best) {
        EXPECT_EQ(pruned->target, best->target) << "initiator " << i;
        EXPECT_EQ(pruned->gain, best->gain);
        EXPECT_EQ(pruned->probability, best->probability);
      }
    }
  }
}

TEST(SmpChallenge, PrunedSearchEqualsExhaustiveOnKtabFiles) {
  expect_best_challenges_exhaustive(testing::load("smp/SOE-Pol-Comp.csv"), 30);
  expect_best_challenges_exhaustive(testing::load("smp/dummyData-a080.csv"), 20);
}

// The one-dimensional shortcut and the voter classes change only rounding:
// the whole run on KTAB's 80- and 160-actor files is the same with the direct sums.
TEST(SmpElection, ShortcutsLeaveKtabsOneDimensionalRunsUnchanged) {
  for (const char* file : {"smp/dummyData-a080.csv", "smp/dummyData-a160.csv"}) {
    const auto problem = testing::load(file);
    Settings fast;
    Settings direct;
    direct.direct_sums = true;
    const auto a = forecast(problem, fast);
    const auto b = forecast(problem, direct);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->issues[0].rounds.size(), b->issues[0].rounds.size()) << file;
    for (std::size_t t = 0; t < a->issues[0].rounds.size(); ++t) {
      EXPECT_EQ(a->issues[0].rounds[t].positions, b->issues[0].rounds[t].positions) << file << " turn " << t;
      for (std::size_t k = 0; k < problem.actors.size(); ++k) {
        EXPECT_NEAR(a->issues[0].rounds[t].probabilities[k], b->issues[0].rounds[t].probabilities[k], 1e-9);
      }
    }
  }
}

}  // namespace
}  // namespace detente::smp
