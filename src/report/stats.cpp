#include "report/stats.h"

#include <algorithm>
#include <cmath>

namespace detente::report {

Proportion wilson(std::size_t successes, std::size_t trials, double z) {
  Proportion out{.successes = successes, .trials = trials};
  if (trials == 0) {
    out.hi = 1.0;
    return out;
  }
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  out.estimate = p;
  out.lo = std::max(0.0, centre - half);
  out.hi = std::min(1.0, centre + half);
  return out;
}

double quantile(std::span<const double> sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

double mcnemar_exact(std::size_t only_a, std::size_t only_b) {
  const std::size_t m = only_a + only_b;
  if (m == 0) return 1.0;
  const std::size_t k = std::min(only_a, only_b);
  const double md = static_cast<double>(m);
  double tail = 0.0;  // P(X <= k), X ~ Binomial(m, 1/2)
  for (std::size_t i = 0; i <= k; ++i) {
    const double id = static_cast<double>(i);
    tail += std::exp(std::lgamma(md + 1.0) - std::lgamma(id + 1.0) - std::lgamma(md - id + 1.0) - md * std::log(2.0));
  }
  return std::min(1.0, 2.0 * tail);
}

PairedDifference paired_difference(const std::vector<bool>& a, const std::vector<bool>& b) {
  PairedDifference out;
  const std::size_t n = std::min(a.size(), b.size());
  if (n == 0) return out;
  // Newcombe's 2x2 table with the policy arm b first: both, b only, a only, neither.
  std::size_t both = 0, neither = 0;
  for (std::size_t i = 0; i < n; ++i) {
    both += (a[i] && b[i]) ? 1 : 0;
    neither += (!a[i] && !b[i]) ? 1 : 0;
    out.only_a += (a[i] && !b[i]) ? 1 : 0;
    out.only_b += (!a[i] && b[i]) ? 1 : 0;
  }
  const Proportion p1 = wilson(both + out.only_b, n);  // arm b
  const Proportion p2 = wilson(both + out.only_a, n);  // arm a
  out.b = p1.estimate;
  out.a = p2.estimate;
  out.diff = p1.estimate - p2.estimate;
  // Newcombe (1998) method 10: phi is the correlation of the 2x2 table, 0 when a margin is empty.
  const auto d = [](std::size_t x) { return static_cast<double>(x); };
  const double margins =
      d(both + out.only_b) * d(out.only_a + neither) * d(both + out.only_a) * d(out.only_b + neither);
  const double phi = margins > 0.0 ? (d(both) * d(neither) - d(out.only_b) * d(out.only_a)) / std::sqrt(margins) : 0.0;
  const double dl1 = p1.estimate - p1.lo, du1 = p1.hi - p1.estimate;
  const double dl2 = p2.estimate - p2.lo, du2 = p2.hi - p2.estimate;
  const double delta = std::sqrt(std::max(0.0, dl1 * dl1 - 2.0 * phi * dl1 * du2 + du2 * du2));
  const double epsilon = std::sqrt(std::max(0.0, du1 * du1 - 2.0 * phi * du1 * dl2 + dl2 * dl2));
  out.lo = std::max(-1.0, out.diff - delta);
  out.hi = std::min(1.0, out.diff + epsilon);
  out.p_value = mcnemar_exact(out.only_a, out.only_b);
  return out;
}

}  // namespace detente::report
