// Global sensitivity analysis on the unit hypercube: which inputs drive an output.
//  - Morris (1991), "Factorial sampling plans for preliminary computational experiments",
//    Technometrics 33(2): r one-at-a-time trajectories on a p-level grid; each gives one elementary
//    effect per input, EE_i = (f(x + Δe_i) − f(x))/Δ. Reported: mu* = mean |EE_i| (Campolongo,
//    Cariboni & Saltelli 2007, Environ. Model. Softw. 22(10)), mu = mean EE_i, sigma = sd EE_i.
//    Grid points are mapped to the midpoints of p equal-probability strata, u' = (u(p−1) + ½)/p,
//    so an effect is per unit of the input's probability scale (EE of a linear term c·x with
//    x ~ U(0, 1) is c(p−1)/p).
//  - Sobol' (1993) indices by the estimators of Saltelli et al. (2010), "Variance based sensitivity
//    analysis of model output", Comput. Phys. Commun. 181(2), Table 2: first order
//    V_i = (1/N) Σ f(B)_j (f(A_B^i)_j − f(A)_j) (their eq. b) and total effect
//    V_Ti = (1/2N) Σ (f(A)_j − f(A_B^i)_j)² (Jansen 1999, their eq. f), over two independent
//    samples A and B of N points and the k matrices A_B^i (A with column i from B); V is the
//    variance of f over A and B. Intervals: bootstrap percentiles over the N rows (Archer,
//    Saltelli & Sobol' 1997, J. Stat. Comput. Simul. 58(2)).
// A stochastic model gets its own random stream per point: `stream` below. For Sobol the streams
// can be made one more input ("the run's own randomness"), so its share of the variance is shown.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace detente::ensemble {

struct DesignPoint {
  std::vector<double> u;  // in (0, 1)^k
  std::uint64_t stream = 0;
};
// Evaluates f at every point (in any order or in parallel); values[i] = f(points[i]).
using Evaluate = std::function<void(std::span<const DesignPoint> points, std::span<double> values)>;

struct MorrisResult {
  std::vector<double> mu, mu_star, sigma;
  std::size_t evaluations = 0;
};
[[nodiscard]] MorrisResult morris(std::size_t inputs, std::size_t trajectories, int levels, std::uint64_t seed,
                                  const Evaluate& f);

struct SobolResult {
  std::vector<double> first, total;                            // per input (and the run's randomness last, if asked)
  std::vector<double> first_lo, first_hi, total_lo, total_hi;  // 95% bootstrap percentiles
  double variance = 0.0;
  double mean = 0.0;
  std::size_t evaluations = 0;
};
// `stream_as_input`: append the point's random stream as input k (A rows use streams 2j, B rows 2j + 1).
[[nodiscard]] SobolResult sobol(std::size_t inputs, std::size_t n, std::uint64_t seed, bool stream_as_input,
                                const Evaluate& f, std::size_t bootstrap = 200);

}  // namespace detente::ensemble
