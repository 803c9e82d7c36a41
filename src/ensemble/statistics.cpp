#include "ensemble/statistics.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/distribution.h"

namespace detente::ensemble {
namespace {

// Continued fraction of the incomplete beta function by the modified Lentz method
// (Press et al., Numerical Recipes 3rd ed., §6.4, betacf).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < kEps) break;
  }
  return h;
}

// The regularised incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double two_sided_z(double level) {
  const Distribution standard_normal{.kind = Distribution::Kind::kNormal, .a = 0.0, .b = 1.0};
  return standard_normal.quantile(1.0 - (1.0 - level) / 2.0);
}

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double level) {
  if (trials == 0) return {0.0, 1.0};
  const double z = two_sided_z(level);
  const double n = static_cast<double>(trials);
  const double k = static_cast<double>(successes);
  const double z2 = z * z;
  const double centre = (k + z2 / 2.0) / (n + z2);
  const double half = z / (n + z2) * std::sqrt(k * (n - k) / n + z2 / 4.0);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval newcombe_paired_interval(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d, double level) {
  const std::uint64_t n = a + b + c + d;
  if (n == 0) return {-1.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p1 = static_cast<double>(a + b) / nn;
  const double p2 = static_cast<double>(a + c) / nn;
  const Interval w1 = wilson_interval(a + b, n, level);
  const Interval w2 = wilson_interval(a + c, n, level);
  // φ: the correlation of the paired table (0 when a margin is empty).
  const double ab = static_cast<double>(a + b);
  const double cd = static_cast<double>(c + d);
  const double ac = static_cast<double>(a + c);
  const double bd = static_cast<double>(b + d);
  const double denominator = std::sqrt(ab * cd * ac * bd);
  const double phi =
      denominator > 0.0
          ? (static_cast<double>(a) * static_cast<double>(d) - static_cast<double>(b) * static_cast<double>(c)) /
                denominator
          : 0.0;
  const double dl1 = p1 - w1.lo;
  const double du1 = w1.hi - p1;
  const double dl2 = p2 - w2.lo;
  const double du2 = w2.hi - p2;
  const double delta = std::sqrt(std::max(0.0, dl1 * dl1 - 2.0 * phi * dl1 * du2 + du2 * du2));
  const double epsilon = std::sqrt(std::max(0.0, du1 * du1 - 2.0 * phi * du1 * dl2 + dl2 * dl2));
  const double diff = p1 - p2;
  return {std::max(-1.0, diff - delta), std::min(1.0, diff + epsilon)};
}

double mcnemar_exact_p(std::uint64_t b, std::uint64_t c) {
  const std::uint64_t n = b + c;
  if (n == 0) return 1.0;
  const std::uint64_t k = std::min(b, c);
  if (k == n - k) return 1.0;
  // P(X <= k) for X ~ Bin(n, 1/2) = I_{1/2}(n − k, k + 1).
  const double tail = incomplete_beta(static_cast<double>(n - k), static_cast<double>(k) + 1.0, 0.5);
  return std::min(1.0, 2.0 * tail);
}

double student_t_two_sided_p(double t, double df) {
  if (!std::isfinite(t)) return 0.0;
  return incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

double student_t_quantile(double p, double df) {
  // CDF(t) = 1 − p_two_sided(t)/2 for t >= 0; bisection on [0, 1e3].
  const double target = p >= 0.5 ? p : 1.0 - p;
  double lo = 0.0;
  double hi = 1e3;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (1.0 - student_t_two_sided_p(mid, df) / 2.0 < target ? lo : hi) = mid;
  }
  const double t = 0.5 * (lo + hi);
  return p >= 0.5 ? t : -t;
}

void Moments::merge(const Moments& other) {
  if (other.n == 0) return;
  if (n == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n);
  const double nb = static_cast<double>(other.n);
  const double total = na + nb;
  const double delta = other.mean - mean;
  mean += delta * nb / total;
  m2 += other.m2 + delta * delta * na * nb / total;
  n += other.n;
}

double Moments::sd() const { return std::sqrt(variance()); }

// ---- DDSketch

namespace {
const double kGamma = (1.0 + QuantileSketch::kRelativeAccuracy) / (1.0 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
constexpr double kZeroThreshold = 1e-12;
int bucket_of(double magnitude) { return static_cast<int>(std::ceil(std::log(magnitude) / kLogGamma)); }
double value_of(int bucket) { return 2.0 * std::exp(bucket * kLogGamma) / (kGamma + 1.0); }
}  // namespace

void QuantileSketch::Store::add(int index, std::uint64_t n) {
  if (counts.empty()) {
    offset = index;
    counts.assign(1, 0);
  } else if (index < offset) {
    counts.insert(counts.begin(), static_cast<std::size_t>(offset - index), 0);
    offset = index;
  } else if (index >= offset + static_cast<int>(counts.size())) {
    counts.resize(static_cast<std::size_t>(index - offset + 1), 0);
  }
  counts[static_cast<std::size_t>(index - offset)] += n;
}

std::uint64_t QuantileSketch::Store::total() const {
  std::uint64_t sum = 0;
  for (const auto c : counts) sum += c;
  return sum;
}

void QuantileSketch::add(double x) {
  if (std::isnan(x)) return;
  if (count_ == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  ++count_;
  if (x > kZeroThreshold)
    positive_.add(bucket_of(x), 1);
  else if (x < -kZeroThreshold)
    negative_.add(bucket_of(-x), 1);
  else
    ++zero_;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  zero_ += other.zero_;
  for (std::size_t i = 0; i < other.positive_.counts.size(); ++i) {
    if (other.positive_.counts[i] != 0)
      positive_.add(other.positive_.offset + static_cast<int>(i), other.positive_.counts[i]);
  }
  for (std::size_t i = 0; i < other.negative_.counts.size(); ++i) {
    if (other.negative_.counts[i] != 0)
      negative_.add(other.negative_.offset + static_cast<int>(i), other.negative_.counts[i]);
  }
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::uint64_t>(std::floor(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_ - 1)));
  std::uint64_t seen = 0;
  double value = 0.0;
  bool found = false;
  // Negative values, most negative first (largest magnitude bucket first).
  for (std::size_t i = negative_.counts.size(); i-- > 0 && !found;) {
    seen += negative_.counts[i];
    if (seen > rank) {
      value = -value_of(negative_.offset + static_cast<int>(i));
      found = true;
    }
  }
  if (!found) {
    seen += zero_;
    if (seen > rank) found = true, value = 0.0;
  }
  for (std::size_t i = 0; i < positive_.counts.size() && !found; ++i) {
    seen += positive_.counts[i];
    if (seen > rank) {
      value = value_of(positive_.offset + static_cast<int>(i));
      found = true;
    }
  }
  return std::clamp(value, min_, max_);
}

void put_u64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_f64(std::vector<std::uint8_t>& out, double v) { put_u64(out, std::bit_cast<std::uint64_t>(v)); }
bool get_u64(std::span<const std::uint8_t>& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(in[static_cast<std::size_t>(i)]) << (8 * i);
  in = in.subspan(8);
  return true;
}
bool get_f64(std::span<const std::uint8_t>& in, double& v) {
  std::uint64_t bits = 0;
  if (!get_u64(in, bits)) return false;
  v = std::bit_cast<double>(bits);
  return true;
}
void put_moments(std::vector<std::uint8_t>& out, const Moments& m) {
  put_u64(out, m.n);
  put_f64(out, m.mean);
  put_f64(out, m.m2);
}
bool get_moments(std::span<const std::uint8_t>& in, Moments& m) {
  return get_u64(in, m.n) && get_f64(in, m.mean) && get_f64(in, m.m2);
}

namespace {
// Bucket counts as LEB128 varints: most are small, so a sketch takes a byte or two per bucket.
void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80U));
    v >>= 7U;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}
bool get_varint(std::span<const std::uint8_t>& in, std::uint64_t& v) {
  v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    const std::uint8_t byte = in.front();
    in = in.subspan(1);
    v |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
    if ((byte & 0x80U) == 0) return true;
  }
  return false;
}
void put_store(std::vector<std::uint8_t>& out, int offset, const std::vector<std::uint64_t>& counts) {
  put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(offset)));
  put_u64(out, counts.size());
  for (const auto c : counts) put_varint(out, c);
}
bool get_store(std::span<const std::uint8_t>& in, int& offset, std::vector<std::uint64_t>& counts) {
  std::uint64_t raw = 0;
  std::uint64_t size = 0;
  if (!get_u64(in, raw) || !get_u64(in, size) || size > in.size()) return false;
  offset = static_cast<int>(static_cast<std::int64_t>(raw));
  counts.resize(size);
  for (auto& c : counts) {
    if (!get_varint(in, c)) return false;
  }
  return true;
}
}  // namespace

void QuantileSketch::write(std::vector<std::uint8_t>& out) const {
  put_u64(out, count_);
  put_u64(out, zero_);
  put_f64(out, min_);
  put_f64(out, max_);
  put_store(out, positive_.offset, positive_.counts);
  put_store(out, negative_.offset, negative_.counts);
}

bool QuantileSketch::read(std::span<const std::uint8_t>& in) {
  return get_u64(in, count_) && get_u64(in, zero_) && get_f64(in, min_) && get_f64(in, max_) &&
         get_store(in, positive_.offset, positive_.counts) && get_store(in, negative_.offset, negative_.counts);
}

}  // namespace detente::ensemble
