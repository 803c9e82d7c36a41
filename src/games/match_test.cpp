#include "games/match.h"

#include <gtest/gtest.h>

#include <cmath>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

using testing::play;

// shared/reference/README.md, games: the Axelrod library (4.13.0), standard
// payoffs, 200 turns, no noise.
TEST(Match, ReferenceScoresOfTheAxelrodLibrary) {
  const MatchResult tft_defector = play("Tit For Tat", "Defector");
  EXPECT_EQ(tft_defector.scores, (std::array<double, 2>{199, 204}));
  const MatchResult tft_cooperator = play("Tit For Tat", "Cooperator");
  EXPECT_EQ(tft_cooperator.scores, (std::array<double, 2>{600, 600}));
  const MatchResult grudger_alternator = play("Grudger", "Alternator");
  EXPECT_EQ(grudger_alternator.scores, (std::array<double, 2>{597, 107}));
}

// The same reference: Tit For Tat vs Tit For Tat with noise 0.01 over 500
// seeds scores 2.443 per turn on average (standard error 0.017).
TEST(Match, TitForTatPairUnderNoiseMatchesTheLibraryWithinStatisticalError) {
  constexpr int kSeeds = 500;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int seed = 0; seed < kSeeds; ++seed) {
    const MatchResult m =
        play("Tit For Tat", "Tit For Tat", {.turns = 200, .noise = 0.01, .seed = static_cast<std::uint64_t>(seed)});
    const double x = m.score_per_turn(0);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kSeeds;
  const double se = std::sqrt((sum_sq / kSeeds - mean * mean) / kSeeds);
  EXPECT_GT(se, 0.005);  // noise does break the echo: scores vary between seeds
  EXPECT_LE(std::abs(mean - 2.443), 3 * std::sqrt(se * se + 0.017 * 0.017)) << "mean " << mean << ", se " << se;
  EXPECT_LT(mean, 2.9);  // well below the noiseless 3 per turn
}

TEST(Match, MovesStringPairsEachTurnsMoves) {
  const MatchResult m = play("Tit For Tat", "Defector", {.turns = 3});
  EXPECT_EQ(m.moves_string(), "CD DD DD");
  EXPECT_EQ(m.cooperations, (std::array<int, 2>{1, 0}));
  EXPECT_DOUBLE_EQ(m.cooperation_rate(0), 1.0 / 3);
  EXPECT_EQ(m.winner(), 1);
}

TEST(Match, SameSeedSameMatchAndStreamsAreIndependent) {
  const MatchOptions options{.turns = 300, .noise = 0.05, .seed = 7, .stream = 3};
  const MatchResult a = play("Random", "Tit For Tat", options);
  const MatchResult b = play("Random", "Tit For Tat", options);
  EXPECT_EQ(a.moves_string(), b.moves_string());
  MatchOptions other = options;
  other.stream = 4;
  EXPECT_NE(play("Random", "Tit For Tat", other).moves_string(), a.moves_string());
}

TEST(Match, NoiseOneFlipsEveryMove) {
  const MatchResult m = play("Cooperator", "Cooperator", {.turns = 50, .noise = 1.0});
  EXPECT_EQ(m.cooperations, (std::array<int, 2>{0, 0}));
  EXPECT_EQ(m.scores, (std::array<double, 2>{50, 50}));
}

// Under noise both players see the flipped move: Tit For Tat answers what was played.
TEST(Match, StrategiesSeeTheMovesAsFlippedByNoise) {
  const MatchResult m = play("Tit For Tat", "Cooperator", {.turns = 2000, .noise = 0.1, .seed = 1});
  // Tit For Tat's intended move copies the opponent's played move; noise flips it with probability 0.1.
  int copies = 0;
  for (std::size_t t = 1; t < m.moves[0].size(); ++t) copies += m.moves[0][t] == m.moves[1][t - 1] ? 1 : 0;
  const double rate = copies / 1999.0;
  EXPECT_NEAR(rate, 0.9, 0.03);
}

TEST(Match, ContinuationProbabilityGivesGeometricLengthsAndHidesTheLength) {
  constexpr double w = 0.95;
  double total = 0.0;
  int alexei_final_defections = 0;
  constexpr int kMatches = 4000;
  for (int k = 0; k < kMatches; ++k) {
    const MatchResult m =
        play("Alexei", "Cooperator", {.continuation = w, .seed = 11, .stream = static_cast<std::uint64_t>(k)});
    total += m.turns();
    alexei_final_defections += m.moves[0].back() == kD ? 1 : 0;
  }
  // E[length] = 1 / (1 - w) = 20; the standard deviation of a length is sqrt(w) / (1 - w) ~ 19.5.
  EXPECT_NEAR(total / kMatches, 20.0, 4 * 19.5 / std::sqrt(kMatches));
  EXPECT_EQ(alexei_final_defections, 0);  // not told the length, Alexei never defects at the end
  // Told a fixed length, it does.
  EXPECT_EQ(play("Alexei", "Cooperator", {.turns = 10}).moves_string().substr(27), "DC");
}

TEST(Match, ContinuationZeroIsAOneTurnMatch) {
  EXPECT_EQ(play("Tit For Tat", "Defector", {.continuation = 0.0}).turns(), 1);
}

TEST(Match, BadOptionsAreErrorsNamingTheField) {
  const Player a = testing::player("Tit For Tat");
  const auto noisy = play_match(a, a, StageGame(), {.noise = 1.5});
  ASSERT_FALSE(noisy.ok());
  EXPECT_EQ(noisy.error().field, "noise");
  const auto forever = play_match(a, a, StageGame(), {.continuation = 1.0});
  ASSERT_FALSE(forever.ok());
  EXPECT_EQ(forever.error().field, "continuation");
  const auto negative = play_match(a, a, StageGame(), {.turns = -3});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "turns");
}

TEST(Match, PlayingDoesNotChangeTheCallersPlayers) {
  const Player grudger = testing::player("Grudger");
  const Player defector = testing::player("Defector");
  ASSERT_TRUE(play_match(grudger, defector, StageGame(), {.turns = 5}).ok());
  const auto again = play_match(grudger, testing::player("Cooperator"), StageGame(), {.turns = 5});
  EXPECT_EQ(again->moves_string(), "CC CC CC CC CC");
}

// In an asymmetric game each seat is scored from its own matrix: in Kydd's
// security dilemma the exploited cooperator gets -c and the defector its t.
TEST(Match, AsymmetricGamesScoreEachSeatFromItsOwnPayoffs) {
  const auto game = StageGame::security_dilemma({.t = 0.5, .c = 1.0}, {.t = 1.5, .c = 0.25});
  ASSERT_TRUE(game.ok());
  const auto m = play_match(testing::player("Cooperator"), testing::player("Defector"), *game, {.turns = 4});
  EXPECT_EQ(m->scores, (std::array<double, 2>{-4.0, 6.0}));
}

}  // namespace
}  // namespace detente::games
