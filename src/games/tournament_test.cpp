// Tournaments against the Axelrod library's own runs
// (tests/data/games/axelrod_tournaments.json, from bench/axelrod_side.py).
#include "games/tournament.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

nlohmann::json reference_tournament(const std::string& name) {
  std::ifstream in(testing::reference_path("axelrod_tournaments.json"));
  const auto data = nlohmann::json::parse(in);
  for (const auto& t : data["tournaments"]) {
    if (t["name"] == name) return t;
  }
  ADD_FAILURE() << "no tournament " << name << " in the reference file";
  return {};
}

TournamentResult run(const nlohmann::json& ref, int repetitions, int threads = 0) {
  const auto names = ref["players"].get<std::vector<std::string>>();
  auto players = make_strategies(names);
  EXPECT_TRUE(players.ok());
  const TournamentOptions options{.match = {.turns = 200, .seed = 1}, .repetitions = repetitions, .threads = threads};
  auto result = run_tournament(*players, StageGame(), options);
  EXPECT_TRUE(result.ok());
  return *result;
}

// All 15 players deterministic: every figure the library reports is reproduced.
TEST(Tournament, DeterministicTournamentIsIdenticalToTheAxelrodLibrary) {
  const auto ref = reference_tournament("classic-deterministic");
  const TournamentResult r = run(ref, ref["repetitions"]);
  const auto names = ref["players"].get<std::vector<std::string>>();
  std::vector<std::string> ranked;
  for (const int i : r.ranking) ranked.push_back(names[static_cast<std::size_t>(i)]);
  EXPECT_EQ(ranked, ref["ranked_names"].get<std::vector<std::string>>());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Standing& s = r.standings[i];
    EXPECT_EQ(s.scores, ref["scores"][i].get<std::vector<double>>()) << names[i];
    EXPECT_EQ(s.wins, ref["wins"][i].get<std::vector<int>>()) << names[i];
    const auto normalised = ref["normalised_scores"][i].get<std::vector<double>>();
    for (std::size_t k = 0; k < normalised.size(); ++k)
      EXPECT_NEAR(s.score_per_turn[k], normalised[k], 1e-12) << names[i];
    EXPECT_NEAR(s.cooperation, ref["cooperating_rating"][i].get<double>(), 1e-12) << names[i];
    for (std::size_t j = 0; j < names.size(); ++j) {
      EXPECT_NEAR(r.payoff_matrix[i][j], ref["payoff_matrix"][i][j].get<double>(), 1e-12)
          << names[i] << " vs " << names[j];
    }
  }
}

// Axelrod's first tournament as the library reconstructs it (7 of the 15
// entries are stochastic): every match between two deterministic entries
// scores exactly as in the library.
TEST(Tournament, FirstTournamentDeterministicMatchesAreIdentical) {
  const auto ref = reference_tournament("first-tournament");
  const TournamentResult r = run(ref, ref["repetitions"]);
  const auto names = ref["players"].get<std::vector<std::string>>();
  int compared = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < names.size(); ++j) {
      if (testing::player(names[i]).info().stochastic || testing::player(names[j]).info().stochastic) continue;
      EXPECT_NEAR(r.payoff_matrix[i][j], ref["payoff_matrix"][i][j].get<double>(), 1e-12)
          << names[i] << " vs " << names[j];
      EXPECT_EQ(r.payoff_stddev[i][j], 0.0);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 8 * 8);
}

// With 200 repetitions, every cell of the payoff matrix (the mean score per
// turn of i against j) agrees with the library's within 5 standard errors;
// cells without variance agree exactly.
TEST(Tournament, FirstTournamentAgreesInDistributionWithTheLibrary) {
  const auto ref = reference_tournament("first-tournament-200");
  const int reps = ref["repetitions"];
  const TournamentResult r = run(ref, reps);
  const auto names = ref["players"].get<std::vector<std::string>>();
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < names.size(); ++j) {
      const double theirs = ref["payoff_matrix"][i][j];
      const double their_sd = ref["payoff_stddevs"][i][j];
      const double ours = r.payoff_matrix[i][j];
      const double our_sd = r.payoff_stddev[i][j];
      const double se = std::sqrt((their_sd * their_sd + our_sd * our_sd) / reps);
      EXPECT_LE(std::abs(ours - theirs), 5 * se + 1e-12)
          << names[i] << " vs " << names[j] << ": detente " << ours << " (sd " << our_sd << "), axelrod " << theirs
          << " (sd " << their_sd << ")";
    }
  }
}

TEST(Tournament, ResultsDoNotDependOnTheThreadCount) {
  auto players = make_strategies(std::vector<std::string>{"Tit For Tat", "Random", "First by Joss", "GTFT",
                                                          "First by Graaskamp", "Grudger", "Win-Stay Lose-Shift"});
  ASSERT_TRUE(players.ok());
  TournamentOptions options{.match = {.turns = 100, .noise = 0.05, .seed = 42}, .repetitions = 4, .keep_moves = true};
  std::vector<TournamentResult> results;
  for (const int threads : {1, 2, 5}) {
    options.threads = threads;
    results.push_back(*run_tournament(*players, StageGame(), options));
  }
  for (std::size_t k = 1; k < results.size(); ++k) {
    ASSERT_EQ(results[k].matches.size(), results[0].matches.size());
    for (std::size_t m = 0; m < results[0].matches.size(); ++m) {
      EXPECT_EQ(results[k].matches[m].moves, results[0].matches[m].moves) << "match " << m;
      EXPECT_EQ(results[k].matches[m].scores, results[0].matches[m].scores);
    }
    EXPECT_EQ(results[k].ranking, results[0].ranking);
  }
}

// Deterministic pairs are played once per tournament and copied across
// repetitions; every record still equals the match played on its own.
TEST(Tournament, CopiedDeterministicMatchesEqualMatchesPlayedAlone) {
  const std::vector<std::string> names{"Tit For Tat", "First by Tideman and Chieruzzi", "Random", "Prober"};
  auto players = make_strategies(names);
  const auto r =
      run_tournament(*players, StageGame(), {.match = {.turns = 60, .seed = 3}, .repetitions = 3, .keep_moves = true});
  ASSERT_TRUE(r.ok());
  for (const MatchRecord& m : r->matches) {
    const std::size_t index = static_cast<std::size_t>(&m - r->matches.data());
    const auto alone = play_match((*players)[static_cast<std::size_t>(m.a)], (*players)[static_cast<std::size_t>(m.b)],
                                  StageGame(), {.turns = 60, .seed = 3, .stream = index});
    EXPECT_EQ(m.moves, alone->moves) << names[static_cast<std::size_t>(m.a)] << " vs "
                                     << names[static_cast<std::size_t>(m.b)] << ", repetition " << m.repetition;
    EXPECT_EQ(m.repetition, static_cast<int>(index % 3));
  }
}

TEST(Tournament, StandingsFollowTheirDefinitions) {
  auto players = make_strategies(std::vector<std::string>{"Tit For Tat", "Defector", "Cooperator"});
  const auto r = run_tournament(*players, StageGame(), {.match = {.turns = 10}, .repetitions = 2});
  ASSERT_TRUE(r.ok());
  // Defector: 10 turns, 14 against Tit For Tat (5 + 9 x 1) and 50 against Cooperator.
  const Standing& d = r->standings[1];
  EXPECT_EQ(d.scores, (std::vector<double>{64, 64}));
  EXPECT_DOUBLE_EQ(d.median_score_per_turn, (1.4 + 5.0) / 2);
  EXPECT_EQ(d.wins, (std::vector<int>{2, 2}));
  EXPECT_EQ(d.cooperation, 0.0);
  EXPECT_EQ(r->ranking.front(), 1);
  EXPECT_EQ(r->matches.size(), 6U * 2U);  // 3 pairs + 3 self-plays, twice
  // Tit For Tat cooperated 1 of 10 against Defector and 10 of 10 against Cooperator.
  EXPECT_DOUBLE_EQ(r->standings[0].cooperation, 11.0 / 20.0);
}

TEST(Tournament, BadOptionsAreErrors) {
  auto players = make_strategies(std::vector<std::string>{"Tit For Tat", "Defector"});
  EXPECT_EQ(run_tournament(*players, StageGame(), {.repetitions = 0}).error().field, "repetitions");
  EXPECT_EQ(run_tournament(std::span<const Player>(players->data(), 1), StageGame(), {}).error().field, "players");
}

}  // namespace
}  // namespace detente::games
