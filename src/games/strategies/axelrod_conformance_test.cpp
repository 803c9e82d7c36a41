// Every strategy against the Axelrod library (4.13.0): move sequences against
// fixed opponents, scores of every pair of deterministic strategies, metadata,
// and the score distributions of the stochastic strategies. The reference
// files were written by running the library (bench/axelrod_side.py reference);
// their provenance is in tests/data/games/README.md.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

using testing::play;
using testing::read_tsv;
using testing::reference_path;

TEST(AxelrodConformance, MoveSequencesAgainstFixedOpponents) {
  const auto rows = read_tsv(reference_path("axelrod_sequences.tsv"));
  ASSERT_GT(rows.size(), 600U);
  int checked = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 6U);
    MatchOptions options;
    options.turns = std::stoi(row[2]);
    options.tell_length = row[3] != "inf";
    const MatchResult m = play(row[0], row[1], options);
    const std::string own = testing::moves_of(m, 0);
    const std::string other = testing::moves_of(m, 1);
    if (own != row[4] || other != row[5]) {
      std::size_t t = 0;
      while (t < own.size() && own[t] == row[4][t] && other[t] == row[5][t]) ++t;
      ADD_FAILURE() << row[0] << " vs " << row[1] << " (" << row[2] << " turns, told " << row[3]
                    << "): first difference at turn " << t + 1 << "\n  detente: " << own << "\n  axelrod: " << row[4]
                    << "\n  opponent detente: " << other << "\n  opponent axelrod: " << row[5];
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(rows.size()));
}

TEST(AxelrodConformance, ScoresOfEveryPairOfDeterministicStrategies) {
  const auto rows = read_tsv(reference_path("axelrod_pair_scores.tsv"));
  ASSERT_GT(rows.size(), 3000U);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 4U);
    const MatchResult m = play(row[0], row[1]);
    EXPECT_EQ(m.scores[0], std::stod(row[2])) << row[0] << " vs " << row[1];
    EXPECT_EQ(m.scores[1], std::stod(row[3])) << row[0] << " vs " << row[1];
  }
}

TEST(AxelrodConformance, MetadataMatchesTheLibrarysClassifier) {
  const auto rows = read_tsv(reference_path("axelrod_metadata.tsv"));
  ASSERT_GT(rows.size(), 100U);
  for (const auto& row : rows) {
    const Player p = testing::player(row[0]);
    const int depth = row[1] == "inf" ? kUnboundedMemory : std::stoi(row[1]);
    EXPECT_EQ(p.info().memory_depth, depth) << row[0];
    EXPECT_EQ(p.info().stochastic, row[2] == "1") << row[0];
    EXPECT_EQ(p.info().uses_length, row[3].find("length") != std::string::npos) << row[0];
    EXPECT_FALSE(p.info().citation.empty()) << row[0];
  }
}

// Mean and population standard deviation.
struct Moments {
  double mean = 0.0;
  double sd = 0.0;
};

Moments moments(const std::vector<double>& x) {
  double m = 0.0;
  for (const double v : x) m += v;
  m /= static_cast<double>(x.size());
  double ss = 0.0;
  for (const double v : x) ss += (v - m) * (v - m);
  return {m, std::sqrt(ss / static_cast<double>(x.size()))};
}

// The library's seeds and detente's streams differ, so stochastic strategies
// are compared in distribution: each mean over 200 matches must agree within
// 5 standard errors of the difference (about 420 comparisons; a false alarm
// has probability below 1e-3), and exactly where neither varies.
TEST(AxelrodConformance, StochasticStrategiesAgreeInDistribution) {
  const auto rows = read_tsv(reference_path("axelrod_stochastic.tsv"));
  ASSERT_EQ(rows.size(), 35U * 4U);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 9U);
    const int matches = std::stoi(row[2]);
    std::array<std::vector<double>, 3> samples;
    for (int k = 0; k < matches; ++k) {
      const MatchResult m =
          play(row[0], row[1], {.turns = 200, .seed = 20240601, .stream = static_cast<std::uint64_t>(k)});
      samples[0].push_back(m.score_per_turn(0));
      samples[1].push_back(m.score_per_turn(1));
      samples[2].push_back(m.cooperation_rate(0));
    }
    for (std::size_t q = 0; q < 3; ++q) {
      const Moments ours = moments(samples[q]);
      const double ref_mean = std::stod(row[3 + 2 * q]);
      const double ref_sd = std::stod(row[4 + 2 * q]);
      const double se = std::sqrt((ours.sd * ours.sd + ref_sd * ref_sd) / matches);
      const char* what[] = {"player's score per turn", "opponent's score per turn", "player's cooperation rate"};
      EXPECT_LE(std::abs(ours.mean - ref_mean), 5 * se + 1e-12)
          << row[0] << " vs " << row[1] << ": " << what[q] << " detente " << ours.mean << " (sd " << ours.sd
          << "), axelrod " << ref_mean << " (sd " << ref_sd << ")";
    }
  }
}

}  // namespace
}  // namespace detente::games
