#include "scoring/scores.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>

namespace detente::scoring {
namespace {

// Forecasts are numbered from 1 in errors, like lines of a file; line 0 means the input as a whole.
[[nodiscard]] Error scoring_error(int line, std::string field, std::string problem, std::string fix) {
  return Error{
      .file = "", .line = line, .field = std::move(field), .problem = std::move(problem), .fix = std::move(fix)};
}

[[nodiscard]] Error forecast_error(std::size_t index, std::string field, std::string problem, std::string fix) {
  return scoring_error(static_cast<int>(index + 1), std::move(field), std::move(problem), std::move(fix));
}

[[nodiscard]] Error no_forecasts() {
  return scoring_error(0, "", "no forecasts to score", "pass at least one forecast");
}

[[nodiscard]] std::optional<Error> check_binary(std::span<const BinaryForecast> forecasts) {
  if (forecasts.empty()) {
    return no_forecasts();
  }
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    const double p = forecasts[i].probability;
    if (!std::isfinite(p) || p < 0.0 || p > 1.0) {
      return forecast_error(i, "probability", "is " + std::to_string(p) + ", outside [0, 1]",
                            "give a probability between 0 and 1");
    }
  }
  return std::nullopt;
}

[[nodiscard]] double probability_of_outcome(const BinaryForecast& forecast) {
  return forecast.happened ? forecast.probability : 1.0 - forecast.probability;
}

template <typename Term>
[[nodiscard]] double mean_of(std::span<const BinaryForecast> forecasts, Term term) {
  double total = 0.0;
  for (const BinaryForecast& forecast : forecasts) total += term(forecast);
  return total / static_cast<double>(forecasts.size());
}

[[nodiscard]] std::optional<Error> check_ordinal(std::span<const OrdinalForecast> forecasts) {
  if (forecasts.empty()) {
    return no_forecasts();
  }
  const std::size_t categories = forecasts.front().probabilities.size();
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    const OrdinalForecast& forecast = forecasts[i];
    if (forecast.probabilities.size() < 2 || forecast.probabilities.size() != categories) {
      return forecast_error(i, "probabilities",
                            "has " + std::to_string(forecast.probabilities.size()) + " categories, expected " +
                                std::to_string(categories) + " (at least 2)",
                            "give every forecast the same ordered categories");
    }
    for (const double p : forecast.probabilities) {
      if (!std::isfinite(p) || p < 0.0 || p > 1.0) {
        return forecast_error(i, "probabilities", "holds " + std::to_string(p) + ", outside [0, 1]",
                              "give probabilities between 0 and 1");
      }
    }
    const double sum = std::accumulate(forecast.probabilities.begin(), forecast.probabilities.end(), 0.0);
    if (std::abs(sum - 1.0) > 1e-9) {
      return forecast_error(i, "probabilities", "sum to " + std::to_string(sum) + ", not 1",
                            "normalise the forecast so its probabilities sum to 1");
    }
    if (forecast.observed >= categories) {
      return forecast_error(i, "observed",
                            "is category " + std::to_string(forecast.observed) + " of " + std::to_string(categories),
                            "give the 0-based index of the category that occurred");
    }
  }
  return std::nullopt;
}

[[nodiscard]] double ranked_probability(const OrdinalForecast& forecast) {
  const std::size_t categories = forecast.probabilities.size();
  double cumulative_forecast = 0.0;
  double total = 0.0;
  for (std::size_t k = 0; k + 1 < categories; ++k) {
    cumulative_forecast += forecast.probabilities[k];
    const double cumulative_observed = forecast.observed <= k ? 1.0 : 0.0;
    total += (cumulative_forecast - cumulative_observed) * (cumulative_forecast - cumulative_observed);
  }
  return total / static_cast<double>(categories - 1);
}

}  // namespace

Result<double> brier_score(std::span<const BinaryForecast> forecasts) {
  if (auto error = check_binary(forecasts)) return *error;
  return mean_of(forecasts, [](const BinaryForecast& f) {
    const double miss = 1.0 - probability_of_outcome(f);
    return miss * miss;
  });
}

Result<double> log_score(std::span<const BinaryForecast> forecasts) {
  if (auto error = check_binary(forecasts)) return *error;
  return mean_of(forecasts, [](const BinaryForecast& f) {
    const double p = probability_of_outcome(f);
    return p > 0.0 ? -std::log(p) : std::numeric_limits<double>::infinity();
  });
}

Result<double> ranked_probability_score(std::span<const OrdinalForecast> forecasts) {
  if (auto error = check_ordinal(forecasts)) return *error;
  double total = 0.0;
  for (const OrdinalForecast& forecast : forecasts) total += ranked_probability(forecast);
  return total / static_cast<double>(forecasts.size());
}

Result<double> sharpness(std::span<const BinaryForecast> forecasts) {
  if (auto error = check_binary(forecasts)) return *error;
  return mean_of(forecasts, [](const BinaryForecast& f) { return 2.0 * std::abs(f.probability - 0.5); });
}

Result<std::vector<ReliabilityBin>> reliability_table(std::span<const BinaryForecast> forecasts, std::size_t bins) {
  if (auto error = check_binary(forecasts)) return *error;
  if (bins == 0) {
    return scoring_error(0, "bins", "is 0", "ask for at least one bin");
  }
  std::vector<ReliabilityBin> table(bins);
  std::vector<double> probability_sum(bins, 0.0);
  std::vector<std::size_t> happened(bins, 0);
  const double width = 1.0 / static_cast<double>(bins);
  for (const BinaryForecast& forecast : forecasts) {
    const auto bin = std::min(bins - 1, static_cast<std::size_t>(forecast.probability * static_cast<double>(bins)));
    ++table[bin].count;
    probability_sum[bin] += forecast.probability;
    happened[bin] += forecast.happened ? 1U : 0U;
  }
  for (std::size_t b = 0; b < bins; ++b) {
    ReliabilityBin& row = table[b];
    row.lower = static_cast<double>(b) * width;
    row.upper = b + 1 == bins ? 1.0 : static_cast<double>(b + 1) * width;
    if (row.count == 0) continue;
    const auto n = static_cast<double>(row.count);
    row.mean_probability = probability_sum[b] / n;
    row.observed_frequency = static_cast<double>(happened[b]) / n;
    row.standard_error = std::sqrt(row.mean_probability * (1.0 - row.mean_probability) / n);
  }
  return table;
}

}  // namespace detente::scoring
