// The median voter model: the capability × salience weighted median position,
// the pairwise Condorcet winner in one dimension under linear loss (Black 1948;
// as used in Thomson, Stokman, Achen & König (eds.), "The European Union Decides", 2006).
#include "models/model.h"

namespace detente {
namespace {

Result<ForecastResult> run_median(const StakeholderProblem& problem, const ModelOptions& /*options*/) {
  ForecastResult result;
  for (const auto& issue : problem.issues) {
    IssueResult issue_result = start_issue_result(problem, issue);
    issue_result.forecast = issue_result.rounds.front().median;
    result.issues.push_back(std::move(issue_result));
  }
  return result;
}

ModelInfo median_info() {
  return ModelInfo{
      .name = "median",
      .title = "Median voter model: capability x salience weighted median position per issue",
      .citation = "Black (1948), J. Political Economy 56(1); Thomson et al. (eds.), The European Union Decides (2006)",
      .params = {},
      .run = run_median,
  };
}

}  // namespace
}  // namespace detente

DETENTE_REGISTER_MODEL(detente::median_info)
