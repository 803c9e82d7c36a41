// Sensitivity analysis against analytic results: Sobol' indices of the Ishigami function and
// Morris elementary effects of a linear function.
#include "ensemble/sensitivity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/rng.h"

namespace detente::ensemble {
namespace {

// Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π), a = 7, b = 0.1.
// Analytic variances (e.g. Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", §4.9):
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
// VT1 = V1 + 8b²π⁸/225, VT2 = V2, VT3 = 8b²π⁸/225.
struct Ishigami {
  static constexpr double a = 7.0;
  static constexpr double b = 0.1;
  static double f(double x1, double x2, double x3) {
    return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
  }
};

TEST(Sensitivity, SobolIndicesOfIshigamiMatchTheAnalyticValues) {
  const double pi = std::numbers::pi;
  const double pi4 = std::pow(pi, 4);
  const double pi8 = std::pow(pi, 8);
  const double a = Ishigami::a;
  const double b = Ishigami::b;
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2);
  const double v2 = a * a / 8;
  const double vt3 = 8 * b * b * pi8 / 225;
  const double first[] = {v1 / v, v2 / v, 0.0};
  const double total[] = {(v1 + vt3) / v, v2 / v, vt3 / v};
  // The analytic values in the literature: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
  EXPECT_NEAR(first[0], 0.3139, 1e-4);
  EXPECT_NEAR(total[2], 0.2437, 1e-4);

  const Evaluate evaluate = [](std::span<const DesignPoint> points, std::span<double> values) {
    const double pi_ = std::numbers::pi;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto& u = points[i].u;
      values[i] = Ishigami::f(-pi_ + 2 * pi_ * u[0], -pi_ + 2 * pi_ * u[1], -pi_ + 2 * pi_ * u[2]);
    }
  };
  const auto r = sobol(3, 1 << 15, 42, false, evaluate, 100);
  EXPECT_EQ(r.evaluations, (1U << 15) * 5);
  EXPECT_NEAR(r.variance, v, 0.05 * v);
  for (int i = 0; i < 3; ++i) {
    // Monte Carlo error of these estimators at N = 32,768 is about 0.01 (Saltelli et al. 2010, Fig. 2).
    EXPECT_NEAR(r.first[i], first[i], 0.03) << "S" << i + 1;
    EXPECT_NEAR(r.total[i], total[i], 0.03) << "ST" << i + 1;
    EXPECT_LE(r.first_lo[i], r.first_hi[i]);
    EXPECT_LE(r.total_lo[i], r.total[i] + 1e-12);
    EXPECT_GE(r.total_hi[i], r.total[i] - 1e-12);
  }
}

TEST(Sensitivity, SobolSeesANoisyModelsOwnRandomness) {
  // f = u0 + noise, noise ~ U(0, 1) from the point's stream: half the variance is the input's, half
  // the randomness's; the two are additive, so first-order = total for each.
  const Evaluate evaluate = [](std::span<const DesignPoint> points, std::span<double> values) {
    for (std::size_t i = 0; i < points.size(); ++i) {
      Rng rng(99, points[i].stream);  // as the engine does: the stream number picks the draws
      const double noise = rng.uniform();
      values[i] = points[i].u[0] + noise;
    }
  };
  const auto r = sobol(1, 1 << 16, 3, true, evaluate, 0);  // estimator sd about 0.006 at this N
  ASSERT_EQ(r.first.size(), 2U);
  EXPECT_NEAR(r.first[0], 0.5, 0.03);
  EXPECT_NEAR(r.total[0], 0.5, 0.03);
  EXPECT_NEAR(r.first[1], 0.5, 0.03);
  EXPECT_NEAR(r.total[1], 0.5, 0.03);
}

TEST(Sensitivity, MorrisEffectsOfALinearFunctionAreItsScaledCoefficients) {
  // f = Σ c_i x_i with x_i = u_i: a move of Δ on the grid moves x by Δ(p − 1)/p, so every
  // elementary effect of input i is c_i (p − 1)/p exactly: mu = c_i·3/4 at p = 4, mu* = |mu|, sigma = 0.
  const double c[] = {2.0, -1.0, 0.5, 0.0};
  const Evaluate evaluate = [&c](std::span<const DesignPoint> points, std::span<double> values) {
    for (std::size_t i = 0; i < points.size(); ++i) {
      double sum = 0.0;
      for (std::size_t k = 0; k < 4; ++k) sum += c[k] * points[i].u[k];
      values[i] = sum;
    }
  };
  const auto r = morris(4, 30, 4, 7, evaluate);
  EXPECT_EQ(r.evaluations, 30U * 5U);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(r.mu[k], 0.75 * c[k], 1e-12) << k;
    EXPECT_NEAR(r.mu_star[k], 0.75 * std::abs(c[k]), 1e-12) << k;
    EXPECT_NEAR(r.sigma[k], 0.0, 1e-12) << k;
  }
}

TEST(Sensitivity, MorrisSigmaFlagsAnInteraction) {
  // f = u0·u1: the effect of u0 depends on u1, so sigma > 0 for both; u2 does nothing.
  const Evaluate evaluate = [](std::span<const DesignPoint> points, std::span<double> values) {
    for (std::size_t i = 0; i < points.size(); ++i) values[i] = points[i].u[0] * points[i].u[1];
  };
  const auto r = morris(3, 40, 4, 1, evaluate);
  EXPECT_GT(r.sigma[0], 0.05);
  EXPECT_GT(r.sigma[1], 0.05);
  EXPECT_EQ(r.mu_star[2], 0.0);
  EXPECT_GT(r.mu_star[0], r.mu_star[2]);
}

}  // namespace
}  // namespace detente::ensemble
