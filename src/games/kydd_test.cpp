// Kydd (2005) trust threshold and Bayesian updating, checked against hand-derived values.
#include "games/kydd.h"

#include <gtest/gtest.h>

#include <cmath>

namespace detente::games {
namespace {

TEST(Kydd, TrustThresholdAtKyddsExampleIsTwoThirds) { EXPECT_DOUBLE_EQ(trust_threshold(1.0, 0.5), 2.0 / 3.0); }

TEST(Kydd, UntrustworthyTypeNeverReachesItsThreshold) {
  EXPECT_GT(trust_threshold(1.0, 1.5), 1.0);   // 1 / (1 + 1 - 1.5) = 2
  EXPECT_TRUE(std::isinf(trust_threshold(1.0, 2.0)));
}

TEST(Kydd, GeneralThresholdMatchesKyddsNormalisation) {
  // R = 1, S = -c, T = t, P = 0 gives c / (1 + c - t).
  EXPECT_DOUBLE_EQ(cooperation_threshold(1.0, -1.0, 0.5, 0.0), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(cooperation_threshold(3.0, 1.0, 2.0, 0.0), 0.0);   // harmony: cooperating dominates
  EXPECT_TRUE(std::isinf(cooperation_threshold(3.0, 0.0, 5.0, 1.0)));  // prisoner's dilemma
}

TEST(Kydd, PoolingActionLeavesBeliefUnchanged) {
  EXPECT_DOUBLE_EQ(bayes_update(0.3, 0.9, 0.9), 0.3);
  JointBelief belief = JointBelief::from_marginals(0.4, 0.6, 0.5);
  const JointBelief before = belief;
  belief.update(1, 0.98, 0.98);
  EXPECT_NEAR(belief.trustworthy(0), before.trustworthy(0), 1e-15);
  EXPECT_NEAR(belief.trustworthy(1), before.trustworthy(1), 1e-15);
}

TEST(Kydd, SeparatingActionMovesBeliefToCertainty) {
  EXPECT_DOUBLE_EQ(bayes_update(0.3, 1.0, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(bayes_update(0.3, 0.0, 1.0), 0.0);
}

TEST(Kydd, NoisyObservationGivesTheBayesPosterior) {
  // Trustworthy cooperates, untrustworthy defects, 10% of observations misread; cooperation seen:
  // posterior = 0.5·0.9 / (0.5·0.9 + 0.5·0.1) = 0.9.
  const double noise = 0.1;
  EXPECT_NEAR(bayes_update(0.5, observed_cooperation(1.0, noise), observed_cooperation(0.0, noise)), 0.9, 1e-15);
  // Prior 0.2: 0.2·0.9 / (0.2·0.9 + 0.8·0.1) = 0.18 / 0.26.
  EXPECT_NEAR(bayes_update(0.2, 0.9, 0.1), 0.18 / 0.26, 1e-15);
}

TEST(Kydd, UncorrelatedTypesLearnNothingAcrossDimensions) {
  JointBelief belief = JointBelief::from_marginals(0.4, 0.6, 0.0);
  belief.update(1, 1.0, 0.0);   // certain to be trustworthy on dimension 1
  EXPECT_NEAR(belief.trustworthy(1), 1.0, 1e-15);
  EXPECT_NEAR(belief.trustworthy(0), 0.4, 1e-15);
}

TEST(Kydd, CorrelatedTypesCarryEvidenceAcross) {
  // p0 = p1 = 0.5, rho = 1: the types coincide, so learning one is learning the other.
  JointBelief belief = JointBelief::from_marginals(0.5, 0.5, 1.0);
  EXPECT_NEAR(belief.tt, 0.5, 1e-15);
  belief.update(1, 1.0, 0.0);
  EXPECT_NEAR(belief.trustworthy(0), 1.0, 1e-15);
  // rho = 0.5 with p0 = p1 = 0.5: tt = 0.25 + 0.5·0.25 = 0.375; after certainty on dimension 1,
  // P(trustworthy on 0) = tt / (tt + ut) = 0.375 / 0.5 = 0.75.
  JointBelief half = JointBelief::from_marginals(0.5, 0.5, 0.5);
  half.update(1, 1.0, 0.0);
  EXPECT_NEAR(half.trustworthy(0), 0.75, 1e-15);
}

TEST(Kydd, CorrelationIsClampedToFeasibleJointDistributions) {
  const JointBelief belief = JointBelief::from_marginals(0.9, 0.2, 1.0);
  EXPECT_NEAR(belief.tt, 0.2, 1e-15);   // at most min(p0, p1)
  EXPECT_GE(belief.uu, 0.0);
  EXPECT_NEAR(belief.tt + belief.tu + belief.ut + belief.uu, 1.0, 1e-15);
}

TEST(Kydd, RelaxMovesBackTowardThePrior) {
  const JointBelief prior = JointBelief::from_marginals(0.5, 0.5, 0.0);
  JointBelief belief = prior;
  belief.update(0, 1.0, 0.0);
  belief.relax(prior, 0.25);
  EXPECT_NEAR(belief.trustworthy(0), 1.0 - 0.25 * 0.5, 1e-15);
}

}  // namespace
}  // namespace detente::games
