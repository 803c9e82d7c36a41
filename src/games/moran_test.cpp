#include "games/moran.h"

#include <gtest/gtest.h>

#include <cmath>

#include "games/games_test_support.h"

namespace detente::games {
namespace {

std::vector<Player> population(const std::string& mutant, const std::string& resident, int n) {
  std::vector<Player> p{testing::player(mutant)};
  for (int k = 1; k < n; ++k) p.push_back(testing::player(resident));
  return p;
}

// The simulated fixation probability of one mutant matches the
// frequency-dependent Moran formula (Nowak et al. 2004), fed with the match
// scores the engine itself plays.
TEST(Moran, FixationOfOneDefectorAmongTitForTatsMatchesTheFormula) {
  constexpr int kN = 4;
  constexpr int kTurns = 20;
  const auto score = [](const std::string& a, const std::string& b) {
    return testing::play(a, b, {.turns = kTurns}).scores[0];
  };
  const double rho =
      moran_fixation_probability(score("Defector", "Defector"), score("Defector", "Tit For Tat"),
                                 score("Tit For Tat", "Defector"), score("Tit For Tat", "Tit For Tat"), kN);
  constexpr int kRuns = 4000;
  int fixed = 0;
  const auto start = population("Defector", "Tit For Tat", kN);
  for (int r = 0; r < kRuns; ++r) {
    const auto result = run_moran(start, StageGame(),
                                  {.match = {.turns = kTurns}, .seed = 17, .stream = static_cast<std::uint64_t>(r)});
    ASSERT_TRUE(result->fixated.has_value());
    fixed += result->types[static_cast<std::size_t>(*result->fixated)] == "Defector" ? 1 : 0;
  }
  const double observed = static_cast<double>(fixed) / kRuns;
  EXPECT_NEAR(observed, rho, 4 * std::sqrt(rho * (1 - rho) / kRuns)) << "formula " << rho;
  EXPECT_LT(rho, 1.0 / kN);  // Tit For Tat resists: a defector fixes less often than a neutral mutant
}

// Cooperator and Tit For Tat are indistinguishable against each other, so a
// single Tit For Tat drifts neutrally: it fixes with probability 1/N.
TEST(Moran, NeutralMutantFixesWithProbabilityOneOverN) {
  constexpr int kN = 5;
  constexpr int kRuns = 4000;
  EXPECT_NEAR(moran_fixation_probability(3, 3, 3, 3, kN), 1.0 / kN, 1e-15);
  int fixed = 0;
  const auto start = population("Tit For Tat", "Cooperator", kN);
  for (int r = 0; r < kRuns; ++r) {
    const auto result =
        run_moran(start, StageGame(), {.match = {.turns = 5}, .seed = 2, .stream = static_cast<std::uint64_t>(r)});
    fixed += *result->fixated == 0 ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(fixed) / kRuns, 1.0 / kN, 4 * std::sqrt(0.2 * 0.8 / kRuns));
}

TEST(Moran, TrajectoryKeepsThePopulationSizeAndStopsAtFixation) {
  const auto start = population("Defector", "Cooperator", 6);
  const auto r = run_moran(start, StageGame(), {.match = {.turns = 10}, .seed = 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->types, (std::vector<std::string>{"Defector", "Cooperator"}));
  EXPECT_EQ(r->populations.front(), (std::vector<int>{1, 5}));
  EXPECT_EQ(r->populations.size(), static_cast<std::size_t>(r->steps) + 1);
  for (const auto& counts : r->populations) EXPECT_EQ(counts[0] + counts[1], 6);
  ASSERT_TRUE(r->fixated.has_value());
  EXPECT_EQ(r->populations.back()[static_cast<std::size_t>(*r->fixated)], 6);
}

TEST(Moran, MutationKeepsAllTypesInPlayUntilTheStepLimit) {
  const auto start = population("Defector", "Tit For Tat", 4);
  const auto r =
      run_moran(start, StageGame(), {.match = {.turns = 10}, .mutation_rate = 0.2, .max_steps = 300, .seed = 4});
  EXPECT_FALSE(r->fixated.has_value());
  EXPECT_EQ(r->steps, 300);
  bool both_seen_late = false;
  for (std::size_t s = 150; s < r->populations.size(); ++s)
    both_seen_late |= r->populations[s][0] > 0 && r->populations[s][1] > 0;
  EXPECT_TRUE(both_seen_late);
}

TEST(Moran, SameSeedSameRunWithNoise) {
  const auto start = population("Random", "Tit For Tat", 5);
  const MoranOptions options{.match = {.turns = 20, .noise = 0.05}, .seed = 8, .stream = 2};
  EXPECT_EQ(run_moran(start, StageGame(), options)->populations, run_moran(start, StageGame(), options)->populations);
}

TEST(Moran, BadOptionsAreErrors) {
  const auto start = population("Defector", "Tit For Tat", 3);
  EXPECT_EQ(run_moran(start, StageGame(), {.mutation_rate = 2.0}).error().field, "mutation_rate");
  EXPECT_EQ(run_moran(std::span<const Player>(start.data(), 1), StageGame(), {}).error().field, "players");
}

}  // namespace
}  // namespace detente::games
