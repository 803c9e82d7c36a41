// Monte Carlo ensembles over a stakeholder table (detente forecast FILE --runs N): every selected
// model runs N times, run i on a copy of the table perturbed with the uniforms of Rng(seed, i)
// (ensemble/perturb.h). Runs are grouped in chunks whose size depends on N alone; each chunk is
// summarised on its own (Welford moments, a DDSketch, threshold counts) and the summaries are
// merged in chunk order, so the result is the same bits for any number of threads and memory does
// not grow with N (per-run forecasts are handed out chunk by chunk, never kept).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/stakeholders.h"
#include "ensemble/perturb.h"
#include "ensemble/statistics.h"
#include "ensemble/table_summary.h"

namespace detente::ensemble {

// --threshold ISSUE=VALUE (or VALUE alone when the table has one issue).
struct Threshold {
  std::size_t issue = 0;
  double value = 0.0;
};
[[nodiscard]] Result<Threshold> parse_threshold(const std::string& text, const StakeholderProblem& problem);

struct TableEnsembleSpec {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  int threads = 1;
  std::vector<std::string> models;             // registered model names
  std::map<std::string, std::string> options;  // the user's model options (checked by the caller)
  std::vector<PerturbSpec> perturb;
  std::vector<Threshold> thresholds;
  bool keep_runs = false;        // hand out every run's forecasts chunk by chunk
  std::uint64_t chunk_size = 0;  // 0: table_chunk_size(runs)
};

// About a hundred chunks, each of 10 to 1,000 runs.
[[nodiscard]] std::uint64_t table_chunk_size(std::uint64_t runs);

// The running summary of one model's forecast of one issue.
struct ForecastStats {
  Moments moments;
  QuantileSketch sketch;
  std::vector<std::uint64_t> above;  // per threshold of the issue
  std::vector<std::uint64_t> below;
  void add(double forecast, const std::vector<double>& thresholds);
  void merge(const ForecastStats& other);
};

struct TableChunk {
  std::uint64_t chunk = 0;
  std::uint64_t first_run = 0;
  std::uint64_t runs = 0;
  std::vector<ForecastStats> stats;  // [model × issues + issue]
  std::vector<double> forecasts;     // with keep_runs: [run − first_run][model][issue]
};

class TableEnsemble {
 public:
  // Checks the models and options by running each once on the table as written (the base forecast).
  static Result<std::unique_ptr<TableEnsemble>> make(const StakeholderProblem& problem, TableEnsembleSpec spec);

  [[nodiscard]] Result<TableChunk> compute(std::uint64_t chunk, std::atomic<std::uint64_t>* runs_done = nullptr) const;
  [[nodiscard]] std::uint64_t chunks() const;
  [[nodiscard]] const TableEnsembleSpec& spec() const { return spec_; }
  [[nodiscard]] const Perturbation& perturbation() const { return perturbation_; }
  [[nodiscard]] TableChunk empty_chunk() const;
  [[nodiscard]] TableEnsembleSummary summarise(const TableChunk& merged) const;

  // Runs every chunk on spec().threads threads; `on_chunk` sees each chunk in order (the per-run
  // forecasts, for the results database) before it is merged.
  [[nodiscard]] Result<TableEnsembleSummary> run(const std::function<Result<bool>(const TableChunk&)>& on_chunk = {},
                                                 std::atomic<std::uint64_t>* runs_done = nullptr) const;

 private:
  TableEnsemble(const StakeholderProblem& problem, TableEnsembleSpec spec);
  [[nodiscard]] std::map<std::string, std::string> run_options(const std::string& model, std::uint64_t model_seed,
                                                               bool base) const;

  const StakeholderProblem* problem_;
  TableEnsembleSpec spec_;
  Perturbation perturbation_;
  std::vector<std::vector<double>> issue_thresholds_;  // [issue] → values
  std::vector<ModelSummary> base_;                     // the model, options and base forecast per issue
};

}  // namespace detente::ensemble
