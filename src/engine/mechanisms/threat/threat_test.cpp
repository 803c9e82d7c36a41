#include "engine/mechanisms/threat/threat.h"

#include <gtest/gtest.h>

namespace detente::engine {
namespace {

TEST(Threat, StepsWithoutContributionsFollowTheLogisticClosedForm) {
  double theta = 0.1;
  for (int t = 1; t <= 200; ++t) {
    theta = advance_threat(theta, 0.05, 2.0, 0.0, 1.0);
    ASSERT_NEAR(theta, logistic(0.1, 0.05, 2.0, t), 1e-12) << "step " << t;
  }
}

TEST(Threat, AReductionAboveTheGrowthRateMakesItDecline) {
  // dθ/dt = gθ(1 − θ/K) − hθ with h > g: θ → 0.
  double theta = 0.5;
  for (int t = 0; t < 500; ++t) theta = advance_threat(theta, 0.03, 1.0, 0.05, 1.0);
  EXPECT_LT(theta, 1e-4);
}

TEST(Threat, AReductionBelowTheGrowthRateLowersTheCeiling) {
  // The equilibrium is K(1 − h/g): 1 − 0.01/0.04 = 0.75.
  double theta = 0.1;
  for (int t = 0; t < 2000; ++t) theta = advance_threat(theta, 0.04, 1.0, 0.01, 1.0);
  EXPECT_NEAR(theta, 0.75, 1e-9);
}

}  // namespace
}  // namespace detente::engine
