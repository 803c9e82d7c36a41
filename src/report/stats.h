// The few statistics a report computes from runs held in memory (until the ensemble library's
// aggregates are read from a results database instead): proportions with Wilson intervals,
// quantiles, and paired comparisons of two policies run on common random numbers.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace detente::report {

struct Proportion {
  std::size_t successes = 0;
  std::size_t trials = 0;
  double estimate = 0.0;
  double lo = 0.0;  // 95% interval
  double hi = 0.0;
};

// Wilson's score interval (Wilson 1927, JASA 22:209; Newcombe 1998, Stat Med 17:857, method 3).
[[nodiscard]] Proportion wilson(std::size_t successes, std::size_t trials, double z = 1.959963984540054);

// Linear interpolation between order statistics (Hyndman & Fan 1996, definition 7, as R's
// default and numpy's "linear"). `sorted` must be sorted and non-empty; q in [0, 1].
[[nodiscard]] double quantile(std::span<const double> sorted, double q);

struct PairedDifference {
  double a = 0.0;     // P(event) under arm a
  double b = 0.0;     // under arm b
  double diff = 0.0;  // b - a
  double lo = 0.0;    // 95% interval of the difference
  double hi = 0.0;
  std::size_t only_a = 0;  // pairs where the event happened under a only
  std::size_t only_b = 0;
  double p_value = 1.0;  // exact McNemar test of b - a = 0
};

// Paired difference of two proportions from the same runs (common random numbers). The interval
// is Newcombe's hybrid score interval for paired data (Newcombe 1998, Stat Med 17:2635, method
// 10); the test McNemar's (1947), exact binomial form.
[[nodiscard]] PairedDifference paired_difference(const std::vector<bool>& a, const std::vector<bool>& b);

// Two-sided exact McNemar p-value for the discordant counts.
[[nodiscard]] double mcnemar_exact(std::size_t only_a, std::size_t only_b);

}  // namespace detente::report
