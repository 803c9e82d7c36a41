// The result of an ensemble over a stakeholder table, as plain numbers: per model and issue, the
// forecast on the table as written, the distribution of the forecast over the runs, and the
// probability of each side of every threshold. The writers (output/table_ensemble_writer.h) and the
// results database read it; computing it is ensemble/table_ensemble.h's job.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/stakeholders.h"

namespace detente::ensemble {

inline constexpr std::array<double, 5> kForecastQuantiles = {0.05, 0.25, 0.50, 0.75, 0.95};
inline constexpr std::array<const char*, 5> kForecastQuantileNames = {"q05", "q25", "q50", "q75", "q95"};

// count of runs out of runs, with the Wilson (1927) 95% interval.
struct ProbabilityEstimate {
  std::uint64_t count = 0;
  std::uint64_t runs = 0;
  double p = 0.0;
  double lo95 = 0.0;
  double hi95 = 0.0;
};

// The forecast above the value (strictly) and below it (strictly); a run that lands exactly on the
// value counts in neither.
struct ThresholdSummary {
  double value = 0.0;
  ProbabilityEstimate above;
  ProbabilityEstimate below;
};

struct IssueSummary {
  std::string issue;
  Scale scale;
  double base = 0.0;  // the forecast on the table as written
  std::uint64_t runs = 0;
  double mean = 0.0;
  double sd = 0.0;
  double min = 0.0;
  double max = 0.0;
  std::array<double, 5> quantiles{};  // at kForecastQuantiles
  std::vector<ThresholdSummary> thresholds;
};

struct ModelSummary {
  std::string model;
  std::map<std::string, std::string> options;  // as used in every run (seed: of the run on the table as written)
  std::vector<IssueSummary> issues;
};

struct TableEnsembleSummary {
  std::string file;
  std::uint64_t runs = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> perturb;            // the --perturb specs as given
  std::vector<std::string> companion_columns;  // Position_sd, ... when the table has them
  std::vector<std::string> input_notes;        // what the reader assumed
  std::vector<ModelSummary> models;
};

}  // namespace detente::ensemble
