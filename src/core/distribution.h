// Uncertain inputs: a number in a scenario may be fixed or a distribution.
#pragma once

#include <string>
#include <vector>

#include "core/rng.h"

namespace detente {

struct Distribution {
  enum class Kind { kFixed, kUniform, kNormal, kTriangular, kBeta, kLognormal, kChoice };
  Kind kind = Kind::kFixed;
  // kFixed: a = value. kUniform: [a, b]. kNormal: mean a, sd b. kTriangular: min a, mode c, max b.
  // kBeta: alpha a, beta b, on [lo, hi] (default [0, 1]). kLognormal: log-mean a, log-sd b.
  // kChoice: `choices` with `weights` (equal when empty).
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
  double lo = -1e300;   // truncation (normal, lognormal) or support (beta)
  double hi = 1e300;
  std::vector<double> choices;
  std::vector<double> weights;

  static Distribution fixed(double value) { return Distribution{.kind = Kind::kFixed, .a = value}; }
  [[nodiscard]] bool is_fixed() const { return kind == Kind::kFixed; }
  // The value used when the scenario is run once without sampling: the
  // distribution's mean (the mode of a discrete choice's heaviest weight).
  [[nodiscard]] double central() const;
  [[nodiscard]] double sample(Rng& rng) const;
  // The inverse CDF at u in (0, 1): used for Latin hypercube and Sobol designs.
  [[nodiscard]] double quantile(double u) const;
  [[nodiscard]] std::string describe() const;
};

// The standard normal distribution function Φ(x).
[[nodiscard]] double normal_cdf(double x);

}  // namespace detente
