// The statistics of ensembles against hand-derived values, published tables and simulation.
#include "ensemble/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rng.h"

namespace detente::ensemble {
namespace {

TEST(Statistics, WilsonIntervalMatchesTheClosedForm) {
  // k = 0, n = 10, z = 1.959964: centre z²/2/(n + z²), half-width z/(n + z²)·√(z²/4): the interval is
  // [0, z²/(n + z²)] = [0, 0.27753].
  const Interval none = wilson_interval(0, 10);
  EXPECT_NEAR(none.lo, 0.0, 1e-12);
  EXPECT_NEAR(none.hi, 0.277533, 1e-5);
  // k = 5, n = 10: centre 1/2 by symmetry; half-width z/(10 + z²)·√(2.5 + z²/4) = 0.263407 (by hand).
  const Interval half = wilson_interval(5, 10);
  EXPECT_NEAR(half.lo, 0.5 - 0.263407, 1e-5);
  EXPECT_NEAR(half.hi, 0.5 + 0.263407, 1e-5);
  // n = 100, k = 20: centre 21.92/103.84 = 0.21111, half-width 1.96/103.84·√(16 + 0.96) = 0.07773.
  const Interval twenty = wilson_interval(20, 100);
  EXPECT_NEAR(twenty.lo, 0.1333, 1e-4);
  EXPECT_NEAR(twenty.hi, 0.2888, 1e-4);
}

TEST(Statistics, WilsonIntervalCoversAKnownProbabilityAtTheNominalRate) {
  // 4,000 binomial experiments of n = 200 with p = 0.3: the share of intervals that contain p should
  // be near 95% (the Wilson interval is close to nominal at np(1−p) = 42; Brown, Cai & DasGupta 2001).
  Rng rng(2024, 1);
  constexpr int kExperiments = 4000;
  int covered = 0;
  for (int e = 0; e < kExperiments; ++e) {
    std::uint64_t k = 0;
    for (int i = 0; i < 200; ++i) k += rng.bernoulli(0.3) ? 1 : 0;
    const Interval w = wilson_interval(k, 200);
    covered += (w.lo <= 0.3 && 0.3 <= w.hi) ? 1 : 0;
  }
  const double coverage = static_cast<double>(covered) / kExperiments;
  // sd of the coverage estimate: √(0.95·0.05/4000) = 0.0034; the exact coverage at these n, p lies
  // within about a point of 95%.
  EXPECT_NEAR(coverage, 0.95, 0.02);
}

TEST(Statistics, NewcombePairedIntervalCoversAKnownDifference) {
  // Paired binaries with P(first) = 0.4, P(second) = 0.3 and strong dependence: draw u and set
  // first = u < 0.4, second = u < 0.3 except that 5% of units are redrawn independently.
  Rng rng(7, 3);
  constexpr int kExperiments = 2000;
  constexpr int kPairs = 300;
  int covered = 0;
  double p1 = 0.0;
  double p2 = 0.0;
  for (int e = 0; e < kExperiments; ++e) {
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    for (int i = 0; i < kPairs; ++i) {
      const double u = rng.uniform();
      const bool redraw = rng.bernoulli(0.05);
      const bool first = u < 0.4;
      const bool second = redraw ? rng.uniform() < 0.3 : u < 0.3;
      (first ? (second ? a : b) : (second ? c : d)) += 1;
    }
    p1 += static_cast<double>(a + b) / kPairs;
    p2 += static_cast<double>(a + c) / kPairs;
    // The true difference: 0.4 − (0.95·0.3 + 0.05·0.3) = 0.1.
    const Interval i = newcombe_paired_interval(a, b, c, d);
    EXPECT_LE(i.lo, static_cast<double>(b) / kPairs - static_cast<double>(c) / kPairs + 1e-12);
    EXPECT_GE(i.hi, static_cast<double>(b) / kPairs - static_cast<double>(c) / kPairs - 1e-12);
    covered += (i.lo <= 0.1 && 0.1 <= i.hi) ? 1 : 0;
  }
  EXPECT_NEAR(p1 / kExperiments, 0.4, 0.005);
  EXPECT_NEAR(p2 / kExperiments, 0.3, 0.005);
  // Newcombe reports method 10 close to nominal; allow the simulation's sd (0.005) and the method's bias.
  EXPECT_NEAR(static_cast<double>(covered) / kExperiments, 0.95, 0.025);
}

TEST(Statistics, McNemarExactPValueIsTheBinomialTail) {
  // b = 1, c = 9: 2·P(X <= 1), X ~ Bin(10, 1/2) = 2·(1 + 10)/1024.
  EXPECT_NEAR(mcnemar_exact_p(1, 9), 22.0 / 1024.0, 1e-12);
  EXPECT_NEAR(mcnemar_exact_p(9, 1), 22.0 / 1024.0, 1e-12);
  // b = c: no evidence either way.
  EXPECT_DOUBLE_EQ(mcnemar_exact_p(5, 5), 1.0);
  EXPECT_DOUBLE_EQ(mcnemar_exact_p(0, 0), 1.0);
  // b = 0, c = 5: 2/32.
  EXPECT_NEAR(mcnemar_exact_p(0, 5), 2.0 / 32.0, 1e-12);
}

TEST(Statistics, StudentTMatchesThePublishedTable) {
  // Two-sided 5% critical values (any statistics table): df 1 → 12.706, df 10 → 2.228, df 30 → 2.042.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.042, 1e-3);
  EXPECT_NEAR(student_t_two_sided_p(2.228, 10), 0.05, 1e-4);
  EXPECT_NEAR(student_t_two_sided_p(0.0, 10), 1.0, 1e-12);
}

TEST(Statistics, MomentsMergeLikeOnePass) {
  Rng rng(5, 5);
  std::vector<double> x(1001);
  for (auto& v : x) v = rng.normal(3.0, 2.0);
  Moments all;
  Moments left;
  Moments right;
  for (std::size_t i = 0; i < x.size(); ++i) {
    all.add(x[i]);
    (i < 400 ? left : right).add(x[i]);
  }
  left.merge(right);
  EXPECT_EQ(left.n, all.n);
  EXPECT_NEAR(left.mean, all.mean, 1e-12);
  EXPECT_NEAR(left.variance(), all.variance(), 1e-10);
  double sum = 0.0;
  for (const double v : x) sum += v;
  EXPECT_NEAR(all.mean, sum / static_cast<double>(x.size()), 1e-12);
}

TEST(Statistics, SketchQuantilesAreWithinTheirRelativeAccuracy) {
  // Values 1..10,000 in a scrambled order: the lower-rank q-quantile is floor(q·9999) + 1.
  QuantileSketch sketch;
  std::vector<double> values;
  for (int i = 1; i <= 10000; ++i) values.push_back(i);
  Rng rng(11, 0);
  for (std::size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[rng.below(i)]);
  for (const double v : values) sketch.add(v);
  for (const double q : {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0}) {
    const double exact = std::floor(q * 9999.0) + 1.0;
    EXPECT_NEAR(sketch.quantile(q), exact, QuantileSketch::kRelativeAccuracy * exact + 1e-9) << q;
  }
  // Negative and zero values keep their order.
  QuantileSketch mixed;
  for (const double v : {-5.0, -1.0, 0.0, 0.0, 2.0}) mixed.add(v);
  EXPECT_NEAR(mixed.quantile(0.0), -5.0, 0.03);
  EXPECT_NEAR(mixed.quantile(0.25), -1.0, 0.006);
  EXPECT_EQ(mixed.quantile(0.5), 0.0);
  EXPECT_NEAR(mixed.quantile(1.0), 2.0, 1e-12);
}

TEST(Statistics, SketchMergeIsExactAndOrderFree) {
  QuantileSketch whole;
  QuantileSketch a;
  QuantileSketch b;
  Rng rng(3, 3);
  for (int i = 0; i < 5000; ++i) {
    const double v = rng.normal(0.0, 10.0);
    whole.add(v);
    (i % 3 == 0 ? a : b).add(v);
  }
  QuantileSketch ab = a;
  ab.merge(b);
  QuantileSketch ba = b;
  ba.merge(a);
  std::vector<std::uint8_t> bytes_whole, bytes_ab, bytes_ba;
  whole.write(bytes_whole);
  ab.write(bytes_ab);
  ba.write(bytes_ba);
  EXPECT_EQ(bytes_ab, bytes_ba);
  EXPECT_EQ(bytes_ab, bytes_whole);
  QuantileSketch read;
  std::span<const std::uint8_t> in(bytes_ab);
  ASSERT_TRUE(read.read(in));
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(read.quantile(0.37), whole.quantile(0.37));
}

}  // namespace
}  // namespace detente::ensemble
