#include "scoring/scores.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "core/rng.h"

namespace detente::scoring {
namespace {

// Three forecasts worked by hand: misses 0.2, 0.3, 0.5.
const std::vector<BinaryForecast> kHandCase = {{0.8, true}, {0.3, false}, {0.5, true}};

TEST(Scores, BrierMatchesHandComputation) {
  // (0.2² + 0.3² + 0.5²) / 3 = 0.38 / 3
  EXPECT_NEAR(*brier_score(kHandCase), 0.38 / 3.0, 1e-15);
}

TEST(Scores, LogScoreMatchesHandComputation) {
  // -(ln 0.8 + ln 0.7 + ln 0.5) / 3 with ln 0.8 = -0.2231436, ln 0.7 = -0.3566749, ln 0.5 = -0.6931472
  EXPECT_NEAR(*log_score(kHandCase), (0.2231436 + 0.3566749 + 0.6931472) / 3.0, 1e-7);
}

TEST(Scores, LogScoreOfAWrongCertaintyIsInfinite) {
  const std::vector<BinaryForecast> certain_and_wrong = {{0.0, true}};
  EXPECT_TRUE(std::isinf(*log_score(certain_and_wrong)));
  const std::vector<BinaryForecast> certain_and_right = {{1.0, true}, {0.0, false}};
  EXPECT_EQ(*log_score(certain_and_right), 0.0);
  EXPECT_EQ(*brier_score(certain_and_right), 0.0);
}

TEST(Scores, RankedProbabilityMatchesHandComputation) {
  // Cumulative forecast (0.2, 0.7). Observed last: ((0.2)² + (0.7)²)/2 = 0.265;
  // observed first: ((0.2-1)² + (0.7-1)²)/2 = 0.365.
  const std::vector<OrdinalForecast> forecasts = {{{0.2, 0.5, 0.3}, 2}, {{0.2, 0.5, 0.3}, 0}};
  EXPECT_NEAR(*ranked_probability_score(forecasts), (0.265 + 0.365) / 2.0, 1e-15);
}

TEST(Scores, RankedProbabilityWithTwoCategoriesIsTheBrierScore) {
  std::vector<OrdinalForecast> ordinal;
  for (const BinaryForecast& f : kHandCase) {
    // Category 0 = "did not happen", 1 = "happened".
    ordinal.push_back({{1.0 - f.probability, f.probability}, f.happened ? 1U : 0U});
  }
  EXPECT_NEAR(*ranked_probability_score(ordinal), *brier_score(kHandCase), 1e-15);
}

TEST(Scores, SharpnessIsMeanDistanceFromOneHalf) {
  // 2|p - 1/2| = 0, 1, 1, 0.5 → 2.5 / 4
  const std::vector<BinaryForecast> forecasts = {{0.5, true}, {1.0, false}, {0.0, true}, {0.75, true}};
  EXPECT_NEAR(*sharpness(forecasts), 0.625, 1e-15);
}

TEST(Scores, ReliabilityTableMatchesHandComputation) {
  const std::vector<BinaryForecast> forecasts = {{0.2, true}, {0.4, false}, {0.6, true}, {1.0, true}};
  const auto table = reliability_table(forecasts, 2);
  ASSERT_TRUE(table.ok()) << table.error().message();
  ASSERT_EQ(table->size(), 2U);
  const ReliabilityBin& low = (*table)[0];
  EXPECT_EQ(low.count, 2U);
  EXPECT_NEAR(low.mean_probability, 0.3, 1e-15);
  EXPECT_NEAR(low.observed_frequency, 0.5, 1e-15);
  EXPECT_NEAR(low.standard_error, 0.3240370, 1e-7);  // sqrt(0.3 · 0.7 / 2)
  const ReliabilityBin& high = (*table)[1];          // 1.0 falls in the last bin
  EXPECT_EQ(high.count, 2U);
  EXPECT_NEAR(high.mean_probability, 0.8, 1e-15);
  EXPECT_NEAR(high.observed_frequency, 1.0, 1e-15);
  EXPECT_NEAR(high.standard_error, 0.2828427, 1e-7);  // sqrt(0.8 · 0.2 / 2)
  EXPECT_EQ(high.lower, 0.5);
  EXPECT_EQ(high.upper, 1.0);
}

// A forecaster whose events happen with the stated probability (or its square,
// when `truth_is_square`), with probabilities uniform on [0, 1].
std::vector<BinaryForecast> synthetic_forecaster(std::size_t n, bool truth_is_square) {
  Rng rng(20131124);
  std::vector<BinaryForecast> forecasts;
  forecasts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double p = rng.uniform();
    forecasts.push_back({p, rng.bernoulli(truth_is_square ? p * p : p)});
  }
  return forecasts;
}

// Largest |observed - forecast| over the bins, in units of the bin's sampling error.
double worst_deviation_in_standard_errors(const std::vector<ReliabilityBin>& table) {
  double worst = 0.0;
  for (const ReliabilityBin& bin : table) {
    if (bin.count == 0) continue;
    worst = std::max(worst, std::abs(bin.observed_frequency - bin.mean_probability) / bin.standard_error);
  }
  return worst;
}

TEST(Scores, CalibratedForecasterLiesOnTheDiagonalWithinSamplingError) {
  const auto table = reliability_table(synthetic_forecaster(100000, false), 10);
  ASSERT_TRUE(table.ok()) << table.error().message();
  // Ten bins at four standard errors: a false alarm has probability about 6e-4.
  EXPECT_LT(worst_deviation_in_standard_errors(*table), 4.0);
}

TEST(Scores, CalibratedForecasterScoresAsTheorySays) {
  // With p ~ U(0, 1) and the event drawn with probability p: E[Brier] = E[p(1 - p)] = 1/6 with
  // per-forecast variance 1/15 - 1/36 = 7/180; E[log] = 2∫ -p ln p dp = 1/2 with variance
  // 2∫ p ln²p dp - 1/4 = 1/4. Tolerances are four standard errors of the mean over n forecasts.
  constexpr std::size_t n = 100000;
  const auto forecasts = synthetic_forecaster(n, false);
  const double root_n = std::sqrt(static_cast<double>(n));
  EXPECT_NEAR(*brier_score(forecasts), 1.0 / 6.0, 4.0 * std::sqrt(7.0 / 180.0) / root_n);
  EXPECT_NEAR(*log_score(forecasts), 0.5, 4.0 * 0.5 / root_n);
  // Sharpness 2|p - 1/2| of a uniform p is uniform on [0, 1]: mean 1/2, variance 1/12.
  EXPECT_NEAR(*sharpness(forecasts), 0.5, 4.0 * std::sqrt(1.0 / 12.0) / root_n);
}

TEST(Scores, MiscalibratedForecasterIsCaught) {
  // Truth p² against a stated p: in the bin around 0.5 the gap is 0.25, hundreds of errors wide.
  const auto table = reliability_table(synthetic_forecaster(100000, true), 10);
  ASSERT_TRUE(table.ok()) << table.error().message();
  EXPECT_GT(worst_deviation_in_standard_errors(*table), 4.0);
}

TEST(Scores, ProbabilityOutsideTheUnitIntervalNamesTheForecast) {
  const std::vector<BinaryForecast> forecasts = {{0.1, true}, {0.2, false}, {1.5, true}};
  const auto score = brier_score(forecasts);
  ASSERT_FALSE(score.ok());
  EXPECT_EQ(score.error().line, 3);
  EXPECT_EQ(score.error().field, "probability");
  EXPECT_NE(score.error().problem.find("outside [0, 1]"), std::string::npos);
  EXPECT_FALSE(score.error().fix.empty());
  EXPECT_FALSE(log_score(forecasts).ok());
  EXPECT_FALSE(sharpness(forecasts).ok());
  EXPECT_FALSE(reliability_table(forecasts, 10).ok());
}

TEST(Scores, EmptyInputAndZeroBinsAreErrors) {
  EXPECT_FALSE(brier_score({}).ok());
  EXPECT_FALSE(ranked_probability_score({}).ok());
  const auto table = reliability_table(kHandCase, 0);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().field, "bins");
}

TEST(Scores, OrdinalForecastsAreChecked) {
  const std::vector<OrdinalForecast> not_normalised = {{{0.2, 0.5, 0.2}, 0}};
  const auto unnormalised = ranked_probability_score(not_normalised);
  ASSERT_FALSE(unnormalised.ok());
  EXPECT_NE(unnormalised.error().problem.find("sum to"), std::string::npos);

  const std::vector<OrdinalForecast> bad_category = {{{0.5, 0.5}, 0}, {{0.5, 0.5}, 2}};
  const auto category = ranked_probability_score(bad_category);
  ASSERT_FALSE(category.ok());
  EXPECT_EQ(category.error().line, 2);
  EXPECT_EQ(category.error().field, "observed");

  const std::vector<OrdinalForecast> ragged = {{{0.5, 0.5}, 0}, {{0.2, 0.3, 0.5}, 0}};
  const auto sizes = ranked_probability_score(ragged);
  ASSERT_FALSE(sizes.ok());
  EXPECT_EQ(sizes.error().line, 2);
  EXPECT_EQ(sizes.error().field, "probabilities");
}

}  // namespace
}  // namespace detente::scoring
