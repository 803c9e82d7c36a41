// The compromise model: the capability × salience weighted mean of positions,
// Achen's simplified Nash bargaining solution as used in Thomson, Stokman,
// Achen & König (eds.), "The European Union Decides" (2006), ch. 4.
#include "models/model.h"

namespace detente {
namespace {

Result<ForecastResult> run_compromise(const StakeholderProblem& problem, const ModelOptions& /*options*/) {
  ForecastResult result;
  for (const auto& issue : problem.issues) {
    IssueResult issue_result = start_issue_result(problem, issue);
    issue_result.forecast = issue_result.rounds.front().mean;
    result.issues.push_back(std::move(issue_result));
  }
  return result;
}

ModelInfo compromise_info() {
  return ModelInfo{
      .name = "compromise",
      .title = "Compromise model: capability x salience weighted mean position per issue",
      .citation = "Achen (2006), in Thomson, Stokman, Achen & Koenig (eds.), The European Union Decides",
      .params = {},
      .run = run_compromise,
  };
}

}  // namespace
}  // namespace detente

DETENTE_REGISTER_MODEL(detente::compromise_info)
