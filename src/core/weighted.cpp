#include "core/weighted.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace detente {

double weighted_mean(std::span<const double> x, std::span<const double> w) {
  double sum_w = 0.0;
  double sum_wx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sum_w += w[i];
    sum_wx += w[i] * x[i];
  }
  if (sum_w <= 0.0) {
    return x.empty() ? 0.0 : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  }
  return sum_wx / sum_w;
}

double weighted_median(std::span<const double> x, std::span<const double> w) {
  if (x.empty()) return 0.0;
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  if (total <= 0.0) return x[order[(order.size() - 1) / 2]];
  // Relative slack so that exact halves ("reaches half") are not lost to rounding.
  const double half = 0.5 * total * (1.0 - 1e-12);
  double cumulative = 0.0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    cumulative += w[order[k]];
    const bool last_of_position = k + 1 == order.size() || x[order[k + 1]] != x[order[k]];
    if (last_of_position && cumulative >= half) return x[order[k]];
  }
  return x[order.back()];
}

}  // namespace detente
