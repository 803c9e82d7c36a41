// Registers Stokman's exchange model (Equal Gain, as in Decide) as "exchange"
// and turns its record into the common ForecastResult and --trace lines.
#include <fmt/format.h>

#include <algorithm>

#include "models/exchange/exchange.h"
#include "models/model.h"

namespace detente::exchange {
namespace {

constexpr std::size_t kTracedGains = 5;

Parameters parameters_from(const ModelOptions& options) {
  return Parameters{.rounds = static_cast<int>(std::clamp(options.integer("rounds"), -1LL, 1'000'000LL)),
                    .tie_break = options.text("tie_break") == "random" ? TieBreak::kRandom : TieBreak::kOrdered,
                    .seed = options.seed(),
                    .salience_weight = options.real("salience_weight"),
                    .fixed_weight = options.real("fixed_weight")};
}

std::string describe(const ExchangeSide& side, const StakeholderProblem& problem) {
  return fmt::format("{} moves on '{}' from {:.10g} to {:.10g}", problem.actors[side.actor],
                     problem.issues[side.supply_issue].name, side.from, side.to);
}

void trace_round(const RoundReport& report, const StakeholderProblem& problem, std::vector<std::string>& trace) {
  std::vector<double> gains;
  std::size_t valid = 0;
  for (const auto& c : report.candidates) {
    gains.push_back(c.gain);
    valid += c.valid ? 1 : 0;
  }
  std::sort(gains.begin(), gains.end(), std::greater<>());
  std::string top;
  for (std::size_t k = 0; k < std::min(kTracedGains, gains.size()); ++k) {
    top += fmt::format("{}{:.16g}", k == 0 ? "" : ", ", gains[k]);
  }
  trace.push_back(fmt::format("round {}: {} candidate exchanges ({} valid); highest gains: {}", report.round,
                              report.candidates.size(), valid, top.empty() ? "none" : top));
  for (std::size_t k = 0; k < report.executed.size(); ++k) {
    const Exchange& e = report.executed[k];
    trace.push_back(fmt::format("round {} exchange {} (gain {:.16g}): {}; {}", report.round, k + 1, e.gain,
                                describe(e.first, problem), describe(e.second, problem)));
  }
  std::string outcomes;
  for (std::size_t issue = 0; issue < problem.issues.size(); ++issue) {
    outcomes += fmt::format("{}{} {:.10g}", issue == 0 ? "" : ", ", problem.issues[issue].name, report.outcomes[issue]);
  }
  trace.push_back(fmt::format(
      "round {}: {} exchanges carried out{}; outcome on the voting positions: {}", report.round, report.executed.size(),
      report.ties > 0 ? fmt::format(" ({} ties between equal gains broken)", report.ties) : "", outcomes));
}

Result<ForecastResult> run_exchange(const StakeholderProblem& problem, const ModelOptions& options) {
  const Parameters parameters = parameters_from(options);
  auto record = run(problem, parameters);
  if (!record) return record.error();

  ForecastResult result;
  int ties = 0;
  for (std::size_t index = 0; index < problem.issues.size(); ++index) {
    const Issue& issue = problem.issues[index];
    IssueResult issue_result = start_issue_result(problem, issue);
    issue_result.forecast = issue_result.rounds.front().mean;  // no rounds: the outcome of the input
    for (const auto& report : record->rounds) {
      issue_result.rounds.push_back(summarise_round(issue, report.round, report.voting_positions[index]));
      issue_result.forecast = report.outcomes[index];
    }
    result.issues.push_back(std::move(issue_result));
  }
  for (const auto& report : record->rounds) {
    trace_round(report, problem, result.trace);
    ties += report.ties;
  }
  if (ties > 0) {
    result.notes.push_back(fmt::format("{} choices between exchanges of equal gain were broken {}", ties,
                                       parameters.tie_break == TieBreak::kRandom
                                           ? "at random (seed " + std::to_string(parameters.seed) + ")"
                                           : "in name order (actors, then issues)"));
  }
  return result;
}

ModelInfo exchange_info() {
  using Kind = ParamSpec::Kind;
  return ModelInfo{
      .name = "exchange",
      .title = "Stokman's exchange model (Equal Gain, as in Decide): actors trade voting positions across issue pairs",
      .citation =
          "Stokman & Van Oosten (1994), in Bueno de Mesquita & Stokman (eds.), European Community Decision "
          "Making; Decide (Dijkstra, Van Assen, Stokman et al.)",
      .params = {{.name = "rounds",
                  .default_value = "10",
                  .help = "Rounds of exchanges (Decide's default: 10)",
                  .kind = Kind::kInteger},
                 {.name = "tie_break",
                  .default_value = "ordered",
                  .help = "Between exchanges of equal gain: 'ordered' takes them in name order (actors, then "
                          "issues), 'random' draws one using --seed",
                  .choices = {"ordered", "random"},
                  .kind = Kind::kChoice},
                 {.name = "seed", .default_value = "0", .help = "Seed for tie_break=random", .kind = Kind::kInteger},
                 {.name = "salience_weight",
                  .default_value = "0.4",
                  .help = "Next round starts at x + w(y - x), w = salience_weight*(1 - salience) + fixed_weight",
                  .kind = Kind::kReal},
                 {.name = "fixed_weight", .default_value = "0.1", .help = "See salience_weight", .kind = Kind::kReal}},
      .run = run_exchange,
      .stochastic = true,
      .min_issues = 2,
  };
}

}  // namespace
}  // namespace detente::exchange

DETENTE_REGISTER_MODEL(detente::exchange::exchange_info)
