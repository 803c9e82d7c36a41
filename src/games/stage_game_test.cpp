#include "games/stage_game.h"

#include <gtest/gtest.h>

namespace detente::games {
namespace {

TEST(StageGame, DefaultIsAxelrodsPrisonersDilemma) {
  const StageGame g;
  EXPECT_EQ(g.payoffs(kC, kC), (std::pair<double, double>{3, 3}));
  EXPECT_EQ(g.payoffs(kC, kD), (std::pair<double, double>{0, 5}));
  EXPECT_EQ(g.payoffs(kD, kC), (std::pair<double, double>{5, 0}));
  EXPECT_EQ(g.payoffs(kD, kD), (std::pair<double, double>{1, 1}));
  EXPECT_EQ(g.payoffs_for(0), kAxelrodPayoffs);
  EXPECT_EQ(g.payoffs_for(1), kAxelrodPayoffs);
  EXPECT_TRUE(g.is_symmetric());
}

TEST(StageGame, NamedGamesCheckTheirDefiningOrder) {
  EXPECT_TRUE(StageGame::prisoners_dilemma({2, -1, 3, 0}).ok());
  EXPECT_FALSE(StageGame::prisoners_dilemma({3, 0, 2, 1}).ok());  // T < R: not a dilemma
  EXPECT_TRUE(StageGame::stag_hunt().ok());
  EXPECT_FALSE(StageGame::stag_hunt(kAxelrodPayoffs).ok());
  EXPECT_TRUE(StageGame::chicken().ok());
  EXPECT_FALSE(StageGame::chicken(kAxelrodPayoffs).ok());
  EXPECT_TRUE(StageGame::harmony().ok());
  EXPECT_FALSE(StageGame::harmony(kAxelrodPayoffs).ok());
  const auto error = StageGame::prisoners_dilemma({3, 0, 2, 1}).error();
  EXPECT_NE(error.problem.find("T > R > P > S"), std::string::npos);
  EXPECT_EQ(StageGame::chicken()->payoffs_for(0), (SymmetricPayoffs{3, 1, 5, 0}));
}

// Kydd (2005): CC pays 1, DD 0, the exploited cooperator -c, the defector t.
TEST(StageGame, KyddSecurityDilemmaWithPrivateTypes) {
  const KyddType trustworthy{.t = 0.5, .c = 1.0};
  const KyddType untrustworthy{.t = 1.5, .c = 0.5};
  const auto g = StageGame::security_dilemma(trustworthy, untrustworthy);
  ASSERT_TRUE(g.ok());
  EXPECT_FALSE(g->is_symmetric());
  EXPECT_EQ(g->payoffs(kC, kC), (std::pair<double, double>{1, 1}));
  EXPECT_EQ(g->payoffs(kD, kD), (std::pair<double, double>{0, 0}));
  EXPECT_EQ(g->payoffs(kC, kD), (std::pair<double, double>{-1.0, 1.5}));
  EXPECT_EQ(g->payoffs(kD, kC), (std::pair<double, double>{0.5, -0.5}));
  EXPECT_EQ(g->payoffs_for(1), (SymmetricPayoffs{1, -0.5, 1.5, 0}));  // a prisoner's dilemma for the greedy type
  // t < 1 is an assurance game (stag hunt order), t > 1 a prisoner's dilemma.
  EXPECT_TRUE(StageGame::stag_hunt(g->payoffs_for(0)).ok());
  EXPECT_TRUE(StageGame::prisoners_dilemma(g->payoffs_for(1)).ok());
  EXPECT_TRUE(is_trustworthy(trustworthy));
  EXPECT_FALSE(is_trustworthy(untrustworthy));
  // The minimum trust threshold c / (1 + c - t): 2/3 for c = 1, t = 0.5 (models.md, section 1).
  EXPECT_DOUBLE_EQ(kydd_trust_threshold(trustworthy), 2.0 / 3.0);
  EXPECT_FALSE(StageGame::security_dilemma({.t = 0.5, .c = -1.0}, trustworthy).ok());
}

TEST(StageGame, BimatrixRejectsNonFinitePayoffs) {
  const StageGame::Matrix ok{{{1, 2}, {3, 4}}};
  StageGame::Matrix bad = ok;
  bad[1][0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(StageGame::bimatrix(ok, ok).ok());
  EXPECT_FALSE(StageGame::bimatrix(ok, bad).ok());
}

}  // namespace
}  // namespace detente::games
