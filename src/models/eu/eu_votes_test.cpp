// The fast win-probability table against the vote-by-vote reference, on
// random rounds with shared positions and mixed exponents.
#include "models/eu/eu_votes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/rng.h"

namespace detente::eu {
namespace {

struct RandomRound {
  std::vector<double> position, weight, exponent;
};

RandomRound random_round(Rng& rng, std::size_t n) {
  RandomRound r;
  for (std::size_t k = 0; k < n; ++k) {
    // Positions on a coarse grid half the time, so several actors share one.
    r.position.push_back(rng.bernoulli(0.5) ? static_cast<double>(rng.below(5)) : rng.uniform(0.0, 4.0));
    r.weight.push_back(rng.uniform() * rng.uniform());
    r.exponent.push_back(rng.bernoulli(0.3) ? 1.0 : rng.uniform(0.5, 2.0));
  }
  return r;
}

TEST(EuVotes, FastTableEqualsTheVoteByVoteReference) {
  Rng rng(2011, 4);
  for (const auto rule : {WinProbability::kAllPairs, WinProbability::kPair, WinProbability::kMasad}) {
    for (int trial = 0; trial < 40; ++trial) {
      const std::size_t n = 2 + rng.below(30);
      const RandomRound r = random_round(rng, n);
      const PositionIndex index = index_positions(r.position);
      const Voters voters{r.position, r.weight, r.exponent};
      const double range = index.values.back() - index.values.front();
      if (!(range > 0.0)) continue;
      const auto fast = win_probabilities(index, voters, range, rule);
      const auto slow = win_probabilities_reference(index, voters, range, rule);
      ASSERT_EQ(fast.size(), slow.size());
      for (std::size_t a = 0; a < fast.size(); ++a) {
        for (std::size_t b = 0; b < fast.size(); ++b) {
          const double expected = slow.beats(a, b);
          EXPECT_NEAR(fast.beats(a, b), expected, 1e-12 + 1e-9 * expected) << "trial " << trial << " " << a << "," << b;
          EXPECT_EQ(fast.cell(b, a).lose, fast.beats(a, b));
        }
      }
    }
  }
}

TEST(EuVotes, PairwiseProbabilitiesAreComplementary) {
  Rng rng(2011, 5);
  const RandomRound r = random_round(rng, 25);
  const PositionIndex index = index_positions(r.position);
  const auto p = win_probabilities(index, {r.position, r.weight, r.exponent}, 4.0, WinProbability::kPair);
  for (std::size_t a = 0; a < p.size(); ++a) {
    EXPECT_EQ(p.beats(a, a), 0.0);
    for (std::size_t b = a + 1; b < p.size(); ++b) EXPECT_NEAR(p.beats(a, b) + p.beats(b, a), 1.0, 1e-12);
  }
}

TEST(EuVotes, IndexGroupsEqualPositions) {
  const double x[] = {7.0, 4.0, 7.0, 10.0, 4.0, 4.0};
  const PositionIndex index = index_positions(x);
  EXPECT_EQ(index.values, (std::vector<double>{4.0, 7.0, 10.0}));
  EXPECT_EQ(index.count, (std::vector<std::size_t>{3, 2, 1}));
  EXPECT_EQ(index.of_actor, (std::vector<std::size_t>{1, 0, 1, 2, 0, 0}));
}

}  // namespace
}  // namespace detente::eu
