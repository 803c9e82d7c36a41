#include "games/public_goods.h"

#include <gtest/gtest.h>

namespace detente::games {
namespace {

// The linear public goods game by hand: 4 players, multiplier 2, unit costs.
TEST(PublicGoods, PayoffsByHand) {
  const auto g = PublicGoodsGame::make({1, 1, 1, 1}, 2.0);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->payoffs(std::vector<double>{1, 1, 1, 1}), (std::vector<double>{1, 1, 1, 1}));
  // One free rider gets 2 x 3 / 4 = 1.5, the contributors 1.5 - 1 = 0.5.
  EXPECT_EQ(g->payoffs(std::vector<double>{0, 1, 1, 1}), (std::vector<double>{1.5, 0.5, 0.5, 0.5}));
  // Free riding is dominant (r / n = 1/2 < 1) although contributing is efficient (r = 2 > 1).
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(g->dominant_contribution(i), 0.0);
  EXPECT_EQ(g->efficient_contributions(), (std::vector<double>{1, 1, 1, 1}));
}

// Unequal capabilities: a player whose contribution is effective enough
// contributes alone (Olson's privileged group).
TEST(PublicGoods, ACapablePlayerContributesAlone) {
  const auto g = PublicGoodsGame::make({1, 1, 1}, 1.5, {3, 1, 1});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->dominant_contribution(0), 1.0);  // 1/3 x 1.5 x 3 = 1.5 > 1
  EXPECT_EQ(g->dominant_contribution(1), 0.0);  // 1/3 x 1.5 x 1 = 0.5 < 1
  EXPECT_EQ(g->efficient_contributions(), (std::vector<double>{1, 1, 1}));
}

// Conditional cooperators sustain full contribution among themselves; one
// free rider unravels it after the first round.
TEST(PublicGoods, ConditionalCooperationUnravelsWithAFreeRider) {
  const auto g = PublicGoodsGame::make({1, 1, 1, 1}, 2.0);
  const ContributionRule conditional{.name = "conditional", .level = 1.0, .threshold = 1.0};
  const ContributionRule free_rider{.name = "free rider", .level = 0.0};
  const std::vector<ContributionRule> cooperators(4, conditional);
  const auto all = play_public_goods(*g, cooperators, {.rounds = 10});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->contribution_rate, (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(all->total_payoffs, (std::vector<double>{10, 10, 10, 10}));
  const std::vector<ContributionRule> mixed{free_rider, conditional, conditional, conditional};
  const auto broken = play_public_goods(*g, mixed, {.rounds = 10});
  EXPECT_DOUBLE_EQ(broken->contribution_rate[1], 0.1);  // only the first round
  EXPECT_EQ(broken->contributions[1], (std::vector<double>{0, 0, 0, 0}));
}

TEST(PublicGoods, BadInputIsAnError) {
  EXPECT_FALSE(PublicGoodsGame::make({1}, 2.0).ok());
  EXPECT_FALSE(PublicGoodsGame::make({1, -1}, 2.0).ok());
  EXPECT_FALSE(PublicGoodsGame::make({1, 1}, 2.0, {1}).ok());
  const auto g = PublicGoodsGame::make({1, 1}, 2.0);
  EXPECT_FALSE(play_public_goods(*g, std::vector<ContributionRule>{{.name = "x"}}, {}).ok());
}

}  // namespace
}  // namespace detente::games
