// Weighted mean and median of positions, used by every model's per-round summary.
#pragma once

#include <span>

namespace detente {

// Σ w_i x_i / Σ w_i. Returns the plain mean when every weight is zero.
[[nodiscard]] double weighted_mean(std::span<const double> x, std::span<const double> w);

// The smallest position at which the cumulative weight, after sorting by
// position, reaches half of the total: in one dimension with linear loss the
// pairwise Condorcet winner (Black 1948). Ties in position are pooled.
[[nodiscard]] double weighted_median(std::span<const double> x, std::span<const double> w);

}  // namespace detente
