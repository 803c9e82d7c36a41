// Strategy behaviour as documented (Axelrod 1980, 1984; the Axelrod library's
// docstrings), as readable move sequences against fixed opponents. The full
// comparison with the library is axelrod_conformance_test.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

// The first moves of `player` against `opponent`.
std::string opening(const std::string& player, const std::string& opponent, int turns) {
  return testing::moves_of(testing::play(player, opponent, {.turns = turns}), 0);
}

struct Case {
  const char* player;
  const char* opponent;
  const char* moves;
};

TEST(Strategies, DocumentedMovesAgainstFixedOpponents) {
  const Case cases[] = {
      {"Tit For Tat", "Alternator", "CCDCDCD"},  // copies the last move
      {"Tit For Tat", "Defector", "CDDDD"},
      {"Suspicious Tit For Tat", "Cooperator", "DCCCC"},  // opens with D
      {"Tit For 2 Tats", "Defector", "CCDDD"},            // waits for two defections
      {"Tit For 2 Tats", "Alternator", "CCCCCC"},
      {"Two Tits For Tat", "Alternator", "CCDDDDD"},    // two defections for each one
      {"Hard Tit For Tat", "Cycler CCD", "CCCDDDDDD"},  // D while any of the last 3 was D
      {"Anti Tit For Tat", "Cooperator", "CDDDD"},
      {"Bully", "Defector", "DCCCC"},
      {"Bully", "Cooperator", "DDDDD"},
      {"Grudger", "Alternator", "CCDDDDD"},           // never forgives
      {"Win-Stay Lose-Shift", "Defector", "CDCDCD"},  // shifts after S and P
      {"Win-Stay Lose-Shift", "Cooperator", "CCCCC"},
      {"Alternator", "Cooperator", "CDCDCD"},
      {"Cycler DC", "Cooperator", "DCDCDC"},
      {"Prober", "Cooperator", "DCCDDDD"},                 // the opponent never retaliated: exploit
      {"Prober", "Tit For Tat", "DCCCCCC"},                // it did: play Tit For Tat
      {"Soft Go By Majority", "Alternator", "CCCCCCC"},    // ties go to C
      {"Hard Go By Majority", "Alternator", "DCDCDCD"},    // ties go to D
      {"First by Joss", "Defector", "CDDDD"},              // always defects after a defection
      {"First by Davis", "Defector", "CCCCCCCCCCDDD"},     // 10 cooperations, then Grudger
      {"First by Tullock", "Defector", "CCCCCCCCCCCDDD"},  // 11 cooperations, then 10% below the opponent's 0%
      {"First by Shubik", "Alternator", "CCDCDDCCDDDCD"},  // retaliation grows by one each time
      {"First by Downing", "Cooperator", "DDCDD"},         // a tie on turn 3 makes it switch; then exploits
      {"Detective", "Cooperator", "CDCCDDD"},              // C, D, C, C, then exploits a never-defector
  };
  for (const Case& c : cases) {
    const std::string expected = c.moves;
    EXPECT_EQ(opening(c.player, c.opponent, static_cast<int>(expected.size())), expected)
        << c.player << " vs " << c.opponent;
  }
}

// Stein and Rapoport and Tideman and Chieruzzi defect on the last two turns of
// a match of known length; told nothing, they do not.
TEST(Strategies, EndgameDefectionNeedsAKnownLength) {
  for (const std::string name : {"First by Stein and Rapoport", "First by Tideman and Chieruzzi", "BackStabber"}) {
    const std::string told = testing::moves_of(testing::play(name, "Cooperator", {.turns = 50}), 0);
    EXPECT_EQ(told.substr(46), "CCDD") << name;
    const std::string untold =
        testing::moves_of(testing::play(name, "Cooperator", {.turns = 50, .tell_length = false}), 0);
    EXPECT_EQ(untold.substr(46), "CCCC") << name;
  }
}

double cooperation_rate(const std::string& player, const std::string& opponent, int turns, std::uint64_t seed) {
  return testing::play(player, opponent, {.turns = turns, .seed = seed}).cooperation_rate(0);
}

TEST(Strategies, StochasticRulesCooperateAtTheirStatedRates) {
  constexpr int kTurns = 20000;
  const double se = std::sqrt(0.25 / kTurns);
  EXPECT_NEAR(cooperation_rate("Random", "Cooperator", kTurns, 1), 0.5, 4 * se);
  EXPECT_NEAR(cooperation_rate("Random: 0.3", "Cooperator", kTurns, 2), 0.3, 4 * se);
  EXPECT_NEAR(cooperation_rate("First by Joss", "Cooperator", kTurns, 3), 0.9, 4 * se);
  EXPECT_NEAR(cooperation_rate("First by Anonymous", "Cooperator", kTurns, 4), 0.5, 4 * se);
  EXPECT_NEAR(cooperation_rate("Soft Joss", "Defector", kTurns, 5), 0.1, 4 * se);
  // Against Cooperator the rule is a two-state chain C -> C with 0.95, D -> C with 0.05: stationary 1/2
  // (successive moves are correlated, hence the wider margin).
  EXPECT_NEAR(cooperation_rate("Stochastic WSLS", "Cooperator", kTurns, 6), 0.5, 0.06);
}

TEST(Strategies, FeldsCooperationDecaysToOneHalfByTurn200) {
  int early = 0;
  int late = 0;
  constexpr int kMatches = 400;
  for (int k = 0; k < kMatches; ++k) {
    const MatchResult m = testing::play("First by Feld", "Cooperator",
                                        {.turns = 400, .seed = 9, .stream = static_cast<std::uint64_t>(k)});
    early += m.moves[0][1] == kC ? 1 : 0;   // p = 1 - 0.5/200 at turn 2
    late += m.moves[0][300] == kC ? 1 : 0;  // p = 0.5 after turn 200
  }
  EXPECT_GE(early, kMatches - 5);
  EXPECT_NEAR(late / static_cast<double>(kMatches), 0.5, 4 * std::sqrt(0.25 / kMatches));
}

TEST(Strategies, GraaskampProbesAtTurn51AndThenDefectsEvery5To14Turns) {
  const MatchResult m = testing::play("First by Graaskamp", "Cooperator", {.turns = 2000, .seed = 12});
  const std::string moves = testing::moves_of(m, 0);
  EXPECT_EQ(moves.substr(0, 56), std::string(50, 'C') + "D" + std::string(5, 'C'));
  std::vector<std::size_t> defections;
  for (std::size_t t = 56; t < moves.size(); ++t) {
    if (moves[t] == 'D') defections.push_back(t);
  }
  ASSERT_GT(defections.size(), 100U);
  double gap_sum = 0.0;
  for (std::size_t k = 1; k < defections.size(); ++k) {
    const std::size_t gap = defections[k] - defections[k - 1];
    EXPECT_GE(gap, 5U);
    EXPECT_LE(gap, 14U);
    gap_sum += static_cast<double>(gap);
  }
  EXPECT_NEAR(gap_sum / static_cast<double>(defections.size() - 1), 9.5, 0.6);
}

// Contrite Tit For Tat differs from Tit For Tat only under noise: it accepts
// the retaliation its own noisy defection provoked, so a contrite pair
// recovers mutual cooperation where a Tit For Tat pair echoes.
TEST(Strategies, ContriteTitForTatRecoversFromNoiseBetterThanTitForTat) {
  double contrite = 0.0;
  double plain = 0.0;
  for (int k = 0; k < 100; ++k) {
    const MatchOptions options{.turns = 200, .noise = 0.02, .seed = 21, .stream = static_cast<std::uint64_t>(k)};
    contrite += testing::play("Contrite Tit For Tat", "Contrite Tit For Tat", options).score_per_turn(0);
    plain += testing::play("Tit For Tat", "Tit For Tat", options).score_per_turn(0);
  }
  EXPECT_GT(contrite / 100, plain / 100 + 0.2);
  EXPECT_EQ(opening("Contrite Tit For Tat", "Alternator", 7), opening("Tit For Tat", "Alternator", 7));
}

// A copy of a player is a new player in the same state: Forgetful Grudger
// copied in the middle of its 10-turn grudge finishes it on its own.
TEST(Strategies, PlayerCopiesCarryTheirStateAndAreIndependent) {
  const StageGame game;
  Rng rng(1);
  const std::vector<Move> own{kC};
  const std::vector<Move> defected{kD};
  const std::vector<Move> cooperated{kC};
  const History after_defection(own, defected, 1, 0, game, 0, -1);
  const History after_cooperation(own, cooperated, 1, 1, game, 0, -1);
  Player original = testing::player("Forgetful Grudger");
  EXPECT_EQ(original.next(after_defection, rng), kD);  // grudge turn 1 of 10
  Player copy = original;
  for (int k = 0; k < 9; ++k) EXPECT_EQ(copy.next(after_cooperation, rng), kD);
  EXPECT_EQ(copy.next(after_cooperation, rng), kC);
  for (int k = 0; k < 9; ++k) EXPECT_EQ(original.next(after_cooperation, rng), kD);  // unaffected by the copy
  EXPECT_EQ(original.next(after_cooperation, rng), kC);
  EXPECT_EQ(copy.name(), "Forgetful Grudger");
}

}  // namespace
}  // namespace detente::games
