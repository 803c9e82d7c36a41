#include "core/weighted.h"

#include <gtest/gtest.h>

#include <vector>

namespace detente {
namespace {

TEST(WeightedMean, HandComputed) {
  const std::vector<double> x = {0, 10};
  const std::vector<double> w = {1, 3};
  EXPECT_DOUBLE_EQ(weighted_mean(x, w), 7.5);
}

TEST(WeightedMean, ZeroWeightsFallBackToPlainMean) {
  const std::vector<double> x = {2, 4};
  const std::vector<double> w = {0, 0};
  EXPECT_DOUBLE_EQ(weighted_mean(x, w), 3.0);
}

TEST(WeightedMedian, FirstPositionReachingHalfTheWeight) {
  // Sorted: 1 (w 1), 5 (w 1), 9 (w 3); half of 5 is 2.5, reached at 9.
  const std::vector<double> x = {9, 1, 5};
  const std::vector<double> w = {3, 1, 1};
  EXPECT_DOUBLE_EQ(weighted_median(x, w), 9.0);
}

TEST(WeightedMedian, ExactHalfStopsAtTheLowerPosition) {
  const std::vector<double> x = {1, 2};
  const std::vector<double> w = {0.5, 0.5};
  EXPECT_DOUBLE_EQ(weighted_median(x, w), 1.0);
}

TEST(WeightedMedian, TiedPositionsArePooled) {
  const std::vector<double> x = {3, 3, 8};
  const std::vector<double> w = {1, 1, 1.5};
  EXPECT_DOUBLE_EQ(weighted_median(x, w), 3.0);
}

}  // namespace
}  // namespace detente
