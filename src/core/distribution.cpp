#include "core/distribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace detente {
namespace {

// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3).
double gamma_sample(double shape, Rng& rng) {
  if (shape < 1.0) return gamma_sample(shape + 1.0, rng) * std::pow(rng.uniform() + 1e-300, 1.0 / shape);
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9),
// refined by one Halley step.
double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  double x = 0.0;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

// Regularised incomplete beta by bisection on its continued fraction would be heavy; the beta
// quantile is found by bisection on a numerically integrated CDF (Simpson, 2,000 panels).
double beta_cdf(double x, double alpha, double beta) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const auto density = [&](double t) {
    if (t <= 0 || t >= 1) return 0.0;
    return std::exp((alpha - 1) * std::log(t) + (beta - 1) * std::log(1 - t));
  };
  const auto integrate = [&](double from, double to) {
    constexpr int kPanels = 2000;
    const double h = (to - from) / kPanels;
    double sum = density(from + 1e-12) + density(to - 1e-12);
    for (int i = 1; i < kPanels; ++i) sum += density(from + i * h) * (i % 2 == 1 ? 4 : 2);
    return sum * h / 3;
  };
  return integrate(0, x) / integrate(0, 1);
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double Distribution::central() const {
  switch (kind) {
    case Kind::kFixed: return a;
    case Kind::kUniform: return 0.5 * (a + b);
    case Kind::kNormal: return std::clamp(a, lo, hi);
    case Kind::kTriangular: return (a + b + c) / 3.0;
    case Kind::kBeta: return lo + (hi - lo) * a / (a + b);
    case Kind::kLognormal: return std::clamp(std::exp(a + 0.5 * b * b), lo, hi);
    case Kind::kChoice: {
      if (weights.empty()) return choices.front();
      const auto heaviest = std::max_element(weights.begin(), weights.end()) - weights.begin();
      return choices[static_cast<std::size_t>(heaviest)];
    }
  }
  return a;
}

double Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::kFixed: return a;
    case Kind::kUniform: return rng.uniform(a, b);
    case Kind::kNormal:
    case Kind::kLognormal: {
      // Truncation by rejection; the loader checks that the interval holds real mass.
      for (int tries = 0; tries < 100000; ++tries) {
        const double z = rng.normal(a, b);
        const double x = kind == Kind::kNormal ? z : std::exp(z);
        if (x >= lo && x <= hi) return x;
      }
      return central();
    }
    case Kind::kTriangular: return quantile(rng.uniform());
    case Kind::kBeta: {
      const double x = gamma_sample(a, rng);
      const double y = gamma_sample(b, rng);
      return lo + (hi - lo) * x / (x + y);
    }
    case Kind::kChoice: {
      if (weights.empty()) return choices[rng.below(choices.size())];
      const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
      double u = rng.uniform() * total;
      for (std::size_t i = 0; i < choices.size(); ++i) {
        u -= weights[i];
        if (u < 0) return choices[i];
      }
      return choices.back();
    }
  }
  return a;
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, 1e-12, 1 - 1e-12);
  switch (kind) {
    case Kind::kFixed: return a;
    case Kind::kUniform: return a + (b - a) * u;
    case Kind::kNormal:
    case Kind::kLognormal: {
      const double z_lo = lo <= -1e300 ? 0.0 : normal_cdf(((kind == Kind::kNormal ? lo : std::log(std::max(lo, 1e-300))) - a) / b);
      const double z_hi = hi >= 1e300 ? 1.0 : normal_cdf(((kind == Kind::kNormal ? hi : std::log(hi)) - a) / b);
      const double z = a + b * normal_quantile(z_lo + u * (z_hi - z_lo));
      return kind == Kind::kNormal ? z : std::exp(z);
    }
    case Kind::kTriangular: {
      const double split = (c - a) / (b - a);
      return u < split ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case Kind::kBeta: {
      double left = 0.0;
      double right = 1.0;
      for (int i = 0; i < 50; ++i) {
        const double mid = 0.5 * (left + right);
        (beta_cdf(mid, a, b) < u ? left : right) = mid;
      }
      return lo + (hi - lo) * 0.5 * (left + right);
    }
    case Kind::kChoice: {
      const std::size_t n = choices.size();
      if (weights.empty()) return choices[std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
      const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
      double acc = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        acc += weights[i] / total;
        if (u < acc) return choices[i];
      }
      return choices.back();
    }
  }
  return a;
}

std::string Distribution::describe() const {
  const auto num = [](double x) {
    std::string s = std::to_string(x);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  switch (kind) {
    case Kind::kFixed: return num(a);
    case Kind::kUniform: return "uniform(" + num(a) + ", " + num(b) + ")";
    case Kind::kNormal: return "normal(" + num(a) + ", " + num(b) + ")";
    case Kind::kTriangular: return "triangular(" + num(a) + ", " + num(c) + ", " + num(b) + ")";
    case Kind::kBeta: return "beta(" + num(a) + ", " + num(b) + ")";
    case Kind::kLognormal: return "lognormal(" + num(a) + ", " + num(b) + ")";
    case Kind::kChoice: return "choice of " + std::to_string(choices.size());
  }
  return "";
}

}  // namespace detente
