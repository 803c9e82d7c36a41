#include "engine/parameter_sampler.h"

#include "core/distribution.h"
#include "core/rng.h"
#include "engine/engine.h"

namespace detente::engine {

ParameterSampler::ParameterSampler(const scenario::Scenario& scenario)
    : scenario_(&scenario), central_(scenario.params.central_values()), correlated_(scenario.params.size(), false) {
  const auto& params = scenario.params.all();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!params[i].value.is_fixed()) uncertain_.push_back(i);
  }
  if (auto factor = scenario::correlation_factor(scenario.correlations))
    factor_ = std::move(*factor);  // validated by the loader
  for (const std::size_t p : factor_.parameters) correlated_[p] = true;
}

void ParameterSampler::draw(std::uint64_t seed, std::uint64_t run, std::vector<double>& values) const {
  const auto& params = scenario_->params.all();
  values.resize(params.size());
  Rng rng(seed, run_stream(run, 0));
  // Uncorrelated parameters first, in table order (one sample() each) ...
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!correlated_[i]) values[i] = params[i].value.sample(rng);
  }
  // ... then the correlated group from the same stream, through the copula.
  const std::size_t n = factor_.parameters.size();
  if (n == 0) return;
  std::vector<double> e(n);
  for (auto& x : e) x = rng.normal();
  for (std::size_t i = 0; i < n; ++i) {
    double z = 0.0;
    for (std::size_t k = 0; k <= i; ++k) z += factor_.lower[i * n + k] * e[k];
    const std::size_t p = factor_.parameters[i];
    values[p] = params[p].value.quantile(normal_cdf(z));
  }
}

void ParameterSampler::from_unit(std::span<const double> u, std::vector<double>& values) const {
  const auto& params = scenario_->params.all();
  values = central_;
  for (std::size_t k = 0; k < uncertain_.size() && k < u.size(); ++k)
    values[uncertain_[k]] = params[uncertain_[k]].value.quantile(u[k]);
}

}  // namespace detente::engine
