// The correlation matrix of a scenario's correlated parameters and its Cholesky factor, used by
// the Gaussian copula of the ensemble sampler (docs/uncertainty.md).
#include <algorithm>
#include <cmath>

#include "scenario/scenario.h"

namespace detente::scenario {

std::optional<CorrelationFactor> correlation_factor(const std::vector<Correlation>& correlations) {
  CorrelationFactor factor;
  for (const auto& c : correlations) {
    for (const std::size_t p : {c.a, c.b}) {
      if (std::find(factor.parameters.begin(), factor.parameters.end(), p) == factor.parameters.end())
        factor.parameters.push_back(p);
    }
  }
  std::sort(factor.parameters.begin(), factor.parameters.end());
  const std::size_t n = factor.parameters.size();
  const auto position = [&](std::size_t p) {
    return static_cast<std::size_t>(std::find(factor.parameters.begin(), factor.parameters.end(), p) -
                                    factor.parameters.begin());
  };
  std::vector<double> matrix(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) matrix[i * n + i] = 1.0;
  for (const auto& c : correlations) {
    const std::size_t i = position(c.a);
    const std::size_t j = position(c.b);
    matrix[i * n + j] = matrix[j * n + i] = c.rho;
  }
  // Cholesky–Banachiewicz: matrix = L Lᵀ.
  factor.lower.assign(n * n, 0.0);
  auto& l = factor.lower;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = matrix[i * n + j];
      for (std::size_t k = 0; k < j; ++k) sum -= l[i * n + k] * l[j * n + k];
      if (i == j) {
        if (sum <= 1e-12) return std::nullopt;
        l[i * n + i] = std::sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return factor;
}

}  // namespace detente::scenario
