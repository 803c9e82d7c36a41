// Proper scores for probability forecasts of dated outcomes (issue #11): the
// Brier, logarithmic and ranked probability scores, sharpness, and a
// reliability table whose bins carry their binomial sampling error.
// Every function checks its input and returns an Error naming the forecast
// (by 1-based index, in `line`) and the field at fault; nothing is clamped.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/error.h"

namespace detente::scoring {

// One binary forecast: the probability given to the event and whether it happened.
struct BinaryForecast {
  double probability = 0.0;
  bool happened = false;
};

// Brier (1950), eq. 1 for two classes written as one: mean of (p - o)^2, in [0, 1];
// 0 is perfect, lower is better.
[[nodiscard]] Result<double> brier_score(std::span<const BinaryForecast> forecasts);

// Logarithmic score (Good 1952) as a loss: mean of -ln(probability given to what
// happened), in nats; 0 is perfect, infinite when a certainty turns out wrong.
[[nodiscard]] Result<double> log_score(std::span<const BinaryForecast> forecasts);

// A forecast over K ordered categories and the category (0-based) that occurred.
struct OrdinalForecast {
  std::vector<double> probabilities;  // sum to 1 (within 1e-9)
  std::size_t observed = 0;
};

// Ranked probability score (Epstein 1969; Murphy 1971, eq. 3):
// RPS = 1/(K-1) Σ_{k=1}^{K-1} (F_k - O_k)^2 with F, O the cumulative forecast and
// observation; mean over forecasts, in [0, 1]. K = 2 gives the Brier score.
[[nodiscard]] Result<double> ranked_probability_score(std::span<const OrdinalForecast> forecasts);

// Sharpness (Gneiting, Balabdaoui & Raftery 2007, sect. 3): how concentrated the
// forecasts are, independent of the outcomes. Reported as the mean distance
// 2|p - 1/2| from the uninformative 1/2, in [0, 1]: 0 always 1/2, 1 always certain.
[[nodiscard]] Result<double> sharpness(std::span<const BinaryForecast> forecasts);

// One bin of a reliability diagram (Murphy & Winkler 1977).
struct ReliabilityBin {
  double lower = 0.0;  // bin [lower, upper); the last bin includes 1
  double upper = 0.0;
  std::size_t count = 0;
  double mean_probability = 0.0;    // mean forecast in the bin (0 when empty)
  double observed_frequency = 0.0;  // share of the bin's events that happened (0 when empty)
  // Binomial standard error of the observed frequency if the forecaster were
  // calibrated: sqrt(p̄ (1 - p̄) / n) with p̄ the bin's mean forecast (Bröcker &
  // Smith 2007 use the same null for their consistency bars). 0 when empty.
  double standard_error = 0.0;
};

// Equal-width bins over [0, 1]; `bins` must be at least 1.
[[nodiscard]] Result<std::vector<ReliabilityBin>> reliability_table(std::span<const BinaryForecast> forecasts,
                                                                    std::size_t bins);

}  // namespace detente::scoring
