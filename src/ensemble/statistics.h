// Statistics an ensemble needs, each mergeable so that chunks of runs computed on any thread or
// MPI rank combine into the same numbers: interval estimates of probabilities, running moments,
// a quantile sketch with a stated accuracy, and the tests of the paired comparisons.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/distribution.h"

namespace detente::ensemble {

struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

// The standard normal quantile z at 1 - (1 - level)/2: 1.959964 for 95%.
[[nodiscard]] double two_sided_z(double level);
using detente::normal_cdf;  // core/distribution.h

// Wilson (1927) score interval for a binomial proportion, JASA 22(158): centre
// (k + z²/2)/(n + z²), half-width z/(n + z²)·√(k(n−k)/n + z²/4). Empty n gives [0, 1].
[[nodiscard]] Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double level = 0.95);

// Newcombe (1998) method 10: the interval for the difference p1 − p2 of two proportions measured
// on the same units (Statistics in Medicine 17, 2635–2650), from the paired table: a both, b only
// the first, c only the second, d neither.
[[nodiscard]] Interval newcombe_paired_interval(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d,
                                                double level = 0.95);

// McNemar's (1947) test of p1 = p2 on paired binary data, exact form: two-sided binomial p-value
// of the discordant counts b and c under Bin(b + c, 1/2).
[[nodiscard]] double mcnemar_exact_p(std::uint64_t b, std::uint64_t c);

// Two-sided p-value of Student's t with `df` degrees of freedom, through the regularised
// incomplete beta function (Press et al., Numerical Recipes 3rd ed., §6.4 and §6.14).
[[nodiscard]] double student_t_two_sided_p(double t, double df);
[[nodiscard]] double student_t_quantile(double p, double df);  // by bisection on the CDF

// Running mean and variance: Welford (1962); two summaries merge by Chan, Golub & LeVeque (1979).
// Merging in a fixed order gives the same bits whatever the thread count.
struct Moments {
  std::uint64_t n = 0;
  double mean = 0.0;
  double m2 = 0.0;
  void add(double x) {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
  void merge(const Moments& other);
  [[nodiscard]] double variance() const { return n > 1 ? m2 / static_cast<double>(n - 1) : 0.0; }
  [[nodiscard]] double sd() const;
};

// Quantiles in bounded memory: the DDSketch of Masson, Rim & Lee (2019), "DDSketch: a fast and
// fully-mergeable quantile sketch with relative-error guarantees", PVLDB 12(12). A value x ≠ 0
// falls in bucket ceil(log_γ |x|) with γ = (1 + α)/(1 − α); a quantile is answered by the bucket
// holding that rank, as 2γ^i/(γ + 1), which is within relative error α of the sample value of that
// rank. Counts are integers, so merging is exact and order-free. |x| below 1e-12 counts as zero.
// Memory: one counter per bucket between the smallest and largest magnitude seen
// (log(max/min)/log γ; about 1,400 for six decades at α = 0.5%), whatever the number of values.
class QuantileSketch {
 public:
  static constexpr double kRelativeAccuracy = 0.005;
  void add(double x);
  void merge(const QuantileSketch& other);
  // The q-quantile (0 <= q <= 1) by the lower rank floor(q (n − 1)), clamped to [min, max].
  [[nodiscard]] double quantile(double q) const;
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] double min() const { return min_; }
  [[nodiscard]] double max() const { return max_; }

  void write(std::vector<std::uint8_t>& out) const;
  bool read(std::span<const std::uint8_t>& in);

 private:
  struct Store {
    int offset = 0;
    std::vector<std::uint64_t> counts;
    void add(int index, std::uint64_t n);
    [[nodiscard]] std::uint64_t total() const;
  };
  Store positive_;
  Store negative_;
  std::uint64_t zero_ = 0;
  std::uint64_t count_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
};

// Little-endian byte encoding for chunk summaries (results database, MPI messages).
void put_u64(std::vector<std::uint8_t>& out, std::uint64_t v);
void put_f64(std::vector<std::uint8_t>& out, double v);
bool get_u64(std::span<const std::uint8_t>& in, std::uint64_t& v);
bool get_f64(std::span<const std::uint8_t>& in, double& v);
void put_moments(std::vector<std::uint8_t>& out, const Moments& m);
bool get_moments(std::span<const std::uint8_t>& in, Moments& m);

}  // namespace detente::ensemble
