#include "ensemble/table_ensemble.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "ensemble/ensemble.h"
#include "models/model.h"

namespace detente::ensemble {
namespace {

std::optional<double> parse_value(const std::string& text) {
  if (text.empty() || text.find_first_of("xXnN") != std::string::npos) return std::nullopt;  // no hex, nan, inf
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool declares(const std::string& model, const std::string& option) {
  const ModelInfo* info = ModelRegistry::instance().find(model);
  return info != nullptr && std::any_of(info->params.begin(), info->params.end(),
                                        [&option](const ParamSpec& p) { return p.name == option; });
}

}  // namespace

Result<Threshold> parse_threshold(const std::string& text, const StakeholderProblem& problem) {
  std::string issues;
  for (const auto& issue : problem.issues) issues += (issues.empty() ? "" : ", ") + issue.name;
  const auto eq = text.rfind('=');
  const std::string value_text = eq == std::string::npos ? text : text.substr(eq + 1);
  Threshold out;
  if (eq == std::string::npos) {
    if (problem.issues.size() != 1) {
      return Error{.field = "--threshold",
                   .problem = "'" + text + "' names no issue, and " + problem.source + " has " +
                              std::to_string(problem.issues.size()) + " issues",
                   .fix = "write ISSUE=VALUE with one of: " + issues};
    }
  } else {
    const std::string name = text.substr(0, eq);
    const auto it = std::find_if(problem.issues.begin(), problem.issues.end(),
                                 [&name](const Issue& issue) { return issue.name == name; });
    if (it == problem.issues.end()) {
      return Error{.field = "--threshold",
                   .problem = "in '" + text + "': no issue named '" + name + "' in " + problem.source,
                   .fix = "write ISSUE=VALUE with one of: " + issues};
    }
    out.issue = static_cast<std::size_t>(it - problem.issues.begin());
  }
  const auto value = parse_value(value_text);
  if (!value) {
    return Error{.field = "--threshold",
                 .problem = "in '" + text + "': expected a number after '=', found '" + value_text + "'",
                 .fix = "write ISSUE=VALUE with VALUE a point of the issue's scale, e.g. --threshold " +
                        problem.issues[out.issue].name + "=50"};
  }
  out.value = *value;
  return out;
}

std::uint64_t table_chunk_size(std::uint64_t runs) { return std::clamp<std::uint64_t>((runs + 99) / 100, 10, 1000); }

void ForecastStats::add(double forecast, const std::vector<double>& thresholds) {
  moments.add(forecast);
  sketch.add(forecast);
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    above[t] += forecast > thresholds[t] ? 1 : 0;
    below[t] += forecast < thresholds[t] ? 1 : 0;
  }
}

void ForecastStats::merge(const ForecastStats& other) {
  moments.merge(other.moments);
  sketch.merge(other.sketch);
  for (std::size_t t = 0; t < above.size(); ++t) {
    above[t] += other.above[t];
    below[t] += other.below[t];
  }
}

TableEnsemble::TableEnsemble(const StakeholderProblem& problem, TableEnsembleSpec spec)
    : problem_(&problem), spec_(std::move(spec)) {
  if (spec_.chunk_size == 0) spec_.chunk_size = table_chunk_size(spec_.runs);
  perturbation_ = Perturbation::plan(problem, spec_.perturb);
  issue_thresholds_.resize(problem.issues.size());
  for (const auto& t : spec_.thresholds) issue_thresholds_[t.issue].push_back(t.value);
}

Result<std::unique_ptr<TableEnsemble>> TableEnsemble::make(const StakeholderProblem& problem, TableEnsembleSpec spec) {
  std::unique_ptr<TableEnsemble> out(new TableEnsemble(problem, std::move(spec)));
  for (const auto& model : out->spec_.models) {
    auto result = run_model(model, problem, out->run_options(model, 0, /*base=*/true), /*ignore_unknown=*/true);
    if (!result) return result.error();
    ModelSummary summary{.model = model, .options = result->options.all()};
    for (const auto& issue : problem.issues) {
      const auto it = std::find_if(result->issues.begin(), result->issues.end(),
                                   [&issue](const IssueResult& r) { return r.issue == issue.name; });
      summary.issues.push_back(IssueSummary{
          .issue = issue.name, .scale = issue.scale, .base = it == result->issues.end() ? NAN : it->forecast});
    }
    out->base_.push_back(std::move(summary));
  }
  return out;
}

std::map<std::string, std::string> TableEnsemble::run_options(const std::string& model, std::uint64_t model_seed,
                                                              bool base) const {
  std::map<std::string, std::string> options = spec_.options;
  if (declares(model, "threads")) options["threads"] = "1";  // parallel across runs, not within one
  if (!base && declares(model, "seed")) options["seed"] = std::to_string(model_seed);
  return options;
}

std::uint64_t TableEnsemble::chunks() const { return (spec_.runs + spec_.chunk_size - 1) / spec_.chunk_size; }

TableChunk TableEnsemble::empty_chunk() const {
  TableChunk out;
  for (std::size_t m = 0; m < spec_.models.size(); ++m) {
    for (const auto& thresholds : issue_thresholds_) {
      out.stats.push_back(ForecastStats{.above = std::vector<std::uint64_t>(thresholds.size(), 0),
                                        .below = std::vector<std::uint64_t>(thresholds.size(), 0)});
    }
  }
  return out;
}

Result<TableChunk> TableEnsemble::compute(std::uint64_t chunk, std::atomic<std::uint64_t>* runs_done) const {
  TableChunk out = empty_chunk();
  out.chunk = chunk;
  out.first_run = chunk * spec_.chunk_size;
  out.runs = std::min(spec_.chunk_size, spec_.runs - out.first_run);
  const std::size_t issues = problem_->issues.size();
  if (spec_.keep_runs) out.forecasts.reserve(out.runs * spec_.models.size() * issues);
  StakeholderProblem table = *problem_;  // values not perturbed stay as written
  std::vector<double> scratch;
  for (std::uint64_t run = out.first_run; run < out.first_run + out.runs; ++run) {
    Rng rng(spec_.seed, run);
    const std::uint64_t model_seed = rng.next_u64() >> 33U;
    perturbation_.apply(rng, table, scratch);
    for (std::size_t m = 0; m < spec_.models.size(); ++m) {
      const std::string& model = spec_.models[m];
      auto result = run_model(model, table, run_options(model, model_seed, false), true);
      if (!result) {
        Error error = result.error();
        error.problem = "model '" + model + "' failed in run " + std::to_string(run) + " (seed " +
                        std::to_string(spec_.seed) + "): " + error.problem;
        return error;
      }
      for (std::size_t i = 0; i < issues; ++i) {
        const auto& name = problem_->issues[i].name;
        const auto it = i < result->issues.size() && result->issues[i].issue == name
                            ? result->issues.begin() + static_cast<std::ptrdiff_t>(i)
                            : std::find_if(result->issues.begin(), result->issues.end(),
                                           [&name](const IssueResult& r) { return r.issue == name; });
        const double forecast = it == result->issues.end() ? NAN : it->forecast;
        if (!std::isnan(forecast)) out.stats[m * issues + i].add(forecast, issue_thresholds_[i]);
        if (spec_.keep_runs) out.forecasts.push_back(forecast);
      }
    }
    if (runs_done != nullptr) runs_done->fetch_add(1, std::memory_order_relaxed);
  }
  return out;
}

TableEnsembleSummary TableEnsemble::summarise(const TableChunk& merged) const {
  TableEnsembleSummary out{.file = problem_->source,
                           .runs = spec_.runs,
                           .seed = spec_.seed,
                           .companion_columns = companion_columns(*problem_),
                           .input_notes = problem_->notes};
  for (const auto& spec : spec_.perturb) out.perturb.push_back(spec.text);
  const std::size_t issues = problem_->issues.size();
  for (std::size_t m = 0; m < base_.size(); ++m) {
    ModelSummary model = base_[m];
    for (std::size_t i = 0; i < issues; ++i) {
      const ForecastStats& stats = merged.stats[m * issues + i];
      IssueSummary& issue = model.issues[i];
      issue.runs = stats.moments.n;
      issue.mean = stats.moments.mean;
      issue.sd = stats.moments.sd();
      issue.min = stats.sketch.min();
      issue.max = stats.sketch.max();
      for (std::size_t q = 0; q < kForecastQuantiles.size(); ++q) {
        issue.quantiles[q] = stats.sketch.quantile(kForecastQuantiles[q]);
      }
      for (std::size_t t = 0; t < issue_thresholds_[i].size(); ++t) {
        const auto estimate = [&](std::uint64_t count) {
          const Interval ci = wilson_interval(count, issue.runs);
          return ProbabilityEstimate{
              .count = count,
              .runs = issue.runs,
              .p = issue.runs == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(issue.runs),
              .lo95 = ci.lo,
              .hi95 = ci.hi};
        };
        issue.thresholds.push_back(ThresholdSummary{
            .value = issue_thresholds_[i][t], .above = estimate(stats.above[t]), .below = estimate(stats.below[t])});
      }
    }
    out.models.push_back(std::move(model));
  }
  return out;
}

Result<TableEnsembleSummary> TableEnsemble::run(const std::function<Result<bool>(const TableChunk&)>& on_chunk,
                                                std::atomic<std::uint64_t>* runs_done) const {
  TableChunk merged = empty_chunk();
  std::optional<Error> failure;
  std::atomic<bool> stop{false};
  const std::function<Result<TableChunk>(std::size_t)> compute_one = [&](std::size_t chunk) {
    return compute(chunk, runs_done);
  };
  const std::function<void(Result<TableChunk> &&)> deliver = [&](Result<TableChunk>&& chunk) {
    if (failure) return;
    if (!chunk) {
      failure = chunk.error();
      stop = true;
      return;
    }
    if (on_chunk) {
      if (auto kept = on_chunk(*chunk); !kept) {
        failure = kept.error();
        stop = true;
        return;
      }
    }
    for (std::size_t k = 0; k < merged.stats.size(); ++k) merged.stats[k].merge(chunk->stats[k]);
  };
  ordered_parallel<Result<TableChunk>>(chunks(), std::max(1, spec_.threads), compute_one, deliver, stop);
  if (failure) return *failure;
  return summarise(merged);
}

}  // namespace detente::ensemble
