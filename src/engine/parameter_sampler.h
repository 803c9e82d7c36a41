// The parameter values of each run of an ensemble: every uncertain parameter drawn from its
// distribution, with the scenario's correlations applied through a Gaussian copula (Nelsen 2006,
// "An Introduction to Copulas", §2.9; Iman & Conover 1982 use the same idea on ranks): correlated
// standard normals z = L·e (L the Cholesky factor of the declared correlation matrix, e independent
// normals) are turned into uniforms Φ(z) and then into values by each parameter's quantile
// function, so every marginal distribution is kept exactly.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "scenario/scenario.h"

namespace detente::engine {

class ParameterSampler {
 public:
  explicit ParameterSampler(const scenario::Scenario& scenario);

  // The values of run `run`, from the run's parameter stream (seed, run_stream(run, 0)). Without
  // correlations these are one sample() per parameter, in table order, on that stream.
  void draw(std::uint64_t seed, std::uint64_t run, std::vector<double>& values) const;

  // Central values, with the uncertain parameters set from points u in (0, 1) through their quantile
  // functions (in `uncertain()` order), for designed experiments (Morris, Sobol). Correlations are
  // not applied here: those designs assume independent inputs.
  void from_unit(std::span<const double> u, std::vector<double>& values) const;

  // Indices of the parameters that are distributions, in table order.
  [[nodiscard]] const std::vector<std::size_t>& uncertain() const { return uncertain_; }

 private:
  const scenario::Scenario* scenario_;
  std::vector<double> central_;
  std::vector<std::size_t> uncertain_;
  std::vector<bool> correlated_;  // per parameter
  scenario::CorrelationFactor factor_;
};

}  // namespace detente::engine
