#include "games/trust.h"

#include <gtest/gtest.h>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

// Bayes' rule by hand: prior 1/2, noise 0.1, a trustworthy type cooperates and
// an untrustworthy one defects: seeing C gives 0.5 x 0.9 / (0.5 x 0.9 + 0.5 x 0.1) = 0.9.
TEST(Trust, BayesUpdateByHand) {
  const TrustModel model{.noise = 0.1};
  EXPECT_NEAR(update_trust(0.5, kC, model), 0.9, 1e-15);
  EXPECT_NEAR(update_trust(0.5, kD, model), 0.1, 1e-15);
  EXPECT_NEAR(update_trust(0.9, kD, model), 0.5, 1e-15);  // 0.9 x 0.1 / (0.09 + 0.1 x 0.9)
  EXPECT_NEAR(observation_likelihood(kC, 0.7, 0.1), 0.7 * 0.9 + 0.3 * 0.1, 1e-15);
}

// Kydd: an action both types take is pooling and leaves the belief unchanged;
// pure noise carries no information either.
TEST(Trust, PoolingActionsAndPureNoiseLeaveTheBeliefUnchanged) {
  const TrustModel pooling{.cooperate_if_trustworthy = 0.8, .cooperate_if_untrustworthy = 0.8, .noise = 0.05};
  EXPECT_DOUBLE_EQ(update_trust(0.3, kC, pooling), 0.3);
  EXPECT_DOUBLE_EQ(update_trust(0.3, kD, pooling), 0.3);
  EXPECT_DOUBLE_EQ(update_trust(0.3, kC, {.noise = 0.5}), 0.3);
}

TEST(Trust, OrderOfObservationsDoesNotMatter) {
  const TrustModel model{.cooperate_if_trustworthy = 0.9, .cooperate_if_untrustworthy = 0.2, .noise = 0.05};
  const std::vector<Move> a{kC, kC, kD, kC, kD};
  const std::vector<Move> b{kD, kD, kC, kC, kC};
  EXPECT_NEAR(trust_after(0.4, a, model), trust_after(0.4, b, model), 1e-12);
  EXPECT_DOUBLE_EQ(update_trust(0.0, kC, model), 0.0);  // certainty stays certain
  EXPECT_DOUBLE_EQ(update_trust(1.0, kD, model), 1.0);
}

// The registered strategy: prior 0.75 clears tau = 2/3, one observed
// defection (belief 0.136) does not.
TEST(Trust, KyddTrustCooperatesWhileBeliefClearsTheThreshold) {
  EXPECT_EQ(testing::moves_of(testing::play("Kydd Trust", "Cooperator", {.turns = 6}), 0), "CCCCCC");
  EXPECT_EQ(testing::moves_of(testing::play("Kydd Trust", "Defector", {.turns = 6}), 0), "CDDDDD");
  EXPECT_EQ(testing::moves_of(testing::play("Kydd Trust", "Kydd Trust", {.turns = 6}), 0), "CCCCCC");
  EXPECT_NEAR(update_trust(0.75, kD, TrustModel{}), 0.75 * 0.05 / (0.75 * 0.05 + 0.25 * 0.95), 1e-15);
}

TEST(Trust, ParametersShapeTheStrategy) {
  // A low prior opens with D and is won over by one cooperation (belief 0.95).
  const auto wary = make_kydd_trust({.prior = 0.5});
  ASSERT_TRUE(wary.ok());
  const auto m = play_match(*wary, testing::player("Cooperator"), StageGame(), {.turns = 4});
  EXPECT_EQ(testing::moves_of(*m, 0), "DCCC");
  // An untrustworthy type (t > 1) defects whatever it believes.
  const auto greedy = make_kydd_trust({.own = {.t = 1.5, .c = 1.0}, .prior = 1.0});
  EXPECT_EQ(testing::moves_of(*play_match(*greedy, testing::player("Cooperator"), StageGame(), {.turns = 3}), 0),
            "DDD");
  EXPECT_FALSE(make_kydd_trust({.prior = 1.2}).ok());
  EXPECT_FALSE(make_kydd_trust({.own = {.t = 0.5, .c = 0.0}}).ok());
}

}  // namespace
}  // namespace detente::games
