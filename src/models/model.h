// The one interface every stakeholder bargaining model implements, and the
// registry through which the command line, the tests and the Python module
// find a model by its name.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/stakeholders.h"

namespace detente {

// One parameter a model accepts, with its default and, for an enumerated
// parameter, the values allowed.
struct ParamSpec {
  std::string name;
  std::string default_value;
  std::string help;
  std::vector<std::string> choices;  // empty: any value of the right kind
  enum class Kind { kInteger, kReal, kChoice, kBool } kind = Kind::kReal;
};

// A model's resolved options: every declared parameter, with its value as text.
class ModelOptions {
 public:
  ModelOptions() = default;
  explicit ModelOptions(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  [[nodiscard]] const std::string& text(const std::string& name) const;
  [[nodiscard]] double real(const std::string& name) const;
  [[nodiscard]] long long integer(const std::string& name) const;
  [[nodiscard]] bool flag(const std::string& name) const;
  [[nodiscard]] std::uint64_t seed() const;  // the "seed" parameter, 0 when absent
  [[nodiscard]] const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// Positions of every stake of an issue after one round, aligned with Issue::stakes.
struct Round {
  int round = 0;
  std::vector<double> positions;
  double mean = 0.0;    // capability × salience weighted
  double median = 0.0;  // capability × salience weighted
  // Optional per-actor probability (SMP's winning probability), aligned with stakes.
  std::vector<double> probabilities;
};

struct IssueResult {
  std::string issue;
  Scale scale;
  std::vector<std::string> actors;  // the stakes' actor names, in stake order
  std::vector<Round> rounds;        // rounds[0] holds the input positions
  double forecast = 0.0;
  // The most likely outcome's position on this issue, for models that name one (SMP).
  std::optional<double> most_likely;
};

// The cluster of final positions most likely to prevail, for models that name one (SMP).
struct MostLikelyOutcome {
  double probability = 0.0;
  std::vector<std::string> actors;  // the actors whose final positions form the cluster
};

struct ForecastResult {
  std::string model;
  ModelOptions options;  // the options actually used
  std::vector<IssueResult> issues;
  std::optional<MostLikelyOutcome> most_likely;
  std::vector<std::string> notes;  // e.g. "cycle of length 4 detected at round 9"
  std::vector<std::string> trace;  // model-specific detail for --trace
};

using ModelFunction = std::function<Result<ForecastResult>(const StakeholderProblem&, const ModelOptions&)>;

struct ModelInfo {
  std::string name;      // the string users type: "eu", "median", ...
  std::string title;     // one line for --help
  std::string citation;  // the publication the model follows
  std::vector<ParamSpec> params;
  ModelFunction run;
  // Whether the model uses randomness, so that conformance tests vary seeds.
  bool stochastic = false;
  // Models that link issues (exchange) need several; others run issue by issue.
  std::size_t min_issues = 1;
};

// The registry is filled during static initialisation by DETENTE_REGISTER_MODEL
// and read-only afterwards.
class ModelRegistry {
 public:
  static const ModelRegistry& instance();
  [[nodiscard]] const ModelInfo* find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;  // sorted
  [[nodiscard]] const std::map<std::string, ModelInfo>& all() const { return models_; }

  // Used only by the registration macro.
  static bool add(ModelInfo info);

 private:
  static ModelRegistry& mutable_instance();
  std::map<std::string, ModelInfo> models_;
};

// Resolves user-given option values against a model's parameters: fills the
// defaults, checks kinds and choices. Unknown names are an error unless
// `ignore_unknown` (used when one option set feeds several models).
[[nodiscard]] Result<ModelOptions> resolve_options(const ModelInfo& info,
                                                   const std::map<std::string, std::string>& given,
                                                   bool ignore_unknown);

// Runs a model by name with user options; the common entry point of every front end.
[[nodiscard]] Result<ForecastResult> run_model(const std::string& name, const StakeholderProblem& problem,
                                               const std::map<std::string, std::string>& given,
                                               bool ignore_unknown = false);

// Builds a Round from positions, filling the weighted mean and median from the issue's stakes.
[[nodiscard]] Round summarise_round(const Issue& issue, int round, std::vector<double> positions);

// The result skeleton for one issue with round 0 (the input positions) filled.
[[nodiscard]] IssueResult start_issue_result(const StakeholderProblem& problem, const Issue& issue);

}  // namespace detente

#ifndef DETENTE_CONCAT
#define DETENTE_CONCAT_INNER(a, b) a##b
#define DETENTE_CONCAT(a, b) DETENTE_CONCAT_INNER(a, b)
#endif
// Registers a model; use once at namespace scope in the model's .cpp file.
#define DETENTE_REGISTER_MODEL(make_info)                                                            \
  namespace {                                                                                        \
  [[maybe_unused]] const bool DETENTE_CONCAT(registered_model_,                                      \
                                             __LINE__) = ::detente::ModelRegistry::add(make_info()); \
  }
