// Random streams. Every random quantity in detente comes from an Rng built
// from (seed, stream): the same pair gives the same numbers on any machine,
// whatever the thread or process count. The distributions are written out
// here rather than taken from <random>, whose algorithms differ by library.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

#include <pcg_random.hpp>

namespace detente {

class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) : engine_(mix(seed), mix(stream ^ 0x9e3779b97f4a7c15ULL)) {}

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11U) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  bool bernoulli(double p) { return uniform() < p; }

  // Uniform integer in [0, n), unbiased (Lemire's rejection method).
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t r = engine_();
      if (r >= threshold) return r % n;
    }
  }

  // Standard normal by the Box–Muller transform (no cached second value, so a
  // stream's draws do not depend on how many normals were asked for before).
  double normal() {
    const double u1 = 1.0 - uniform();  // in (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }

  std::uint64_t next_u64() { return engine_(); }

 private:
  // SplitMix64 finaliser: spreads nearby seeds (0, 1, 2, ...) over the state space.
  static std::uint64_t mix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  pcg64 engine_;
};

}  // namespace detente
