// Backtests: a scenario's ensemble forecasts held against what happened (issue #11;
// docs/backtest.md). The scenario must declare as_of, its information cut-off; the timeline's
// outcomes after it become binary questions ("agreement by D", "talks still open at D",
// "breakdown by D") and one ordered outcome (the agreement date), each answered by the share of
// runs in which it holds, and scored with the Brier, log and ranked probability scores against
// two baselines that use no model: uniform (every question 1/2, every category 1/K) and
// persistence (nothing changes after as_of).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backtest/timeline.h"
#include "core/error.h"
#include "scenario/scenario.h"
#include "scoring/scores.h"

namespace detente::ensemble {
class Transport;
}

namespace detente::backtest {

enum class QuestionKind {
  kAgreementBy,    // an agreement has been reached by the step containing `date`
  kTalksOpenAt,    // no agreement and no breakdown by the step containing `date`
  kBreakdownBy,    // the talks have broken down by the step containing `date`
  kCooperationBy,  // the two players of `arena` have cooperated together by the step containing `date`
};

struct Question {
  QuestionKind kind = QuestionKind::kAgreementBy;
  Date date;
  bool happened = false;
  std::string settled_by;  // the timeline entry that answers it, or the timeline's completeness
  std::size_t arena = 0;   // kCooperationBy: the scenario's arena
  std::string arena_id;
  int step = 0;  // the calendar step containing `date` (set by plan_backtest)
  [[nodiscard]] std::string label() const;
};

// A timeline entry the backtest lists without a score, and why.
struct Unscored {
  std::string id;
  Date date;
  EventKind kind = EventKind::kAgreement;
  std::string reason;
};

struct Plan {
  Date origin;  // the scenario's as_of
  std::vector<Question> questions;
  std::vector<Unscored> unscored;
  // The agreement date as an ordered outcome over categories "by checkpoints[0]", "after
  // checkpoints[0], by checkpoints[1]", ..., "not by the horizon" (checkpoints.size() + 1 of them).
  std::vector<Date> checkpoints;  // ascending; the last is the horizon
  std::optional<std::size_t> observed_category;
  std::vector<std::string> warnings;  // e.g. hypotheticals the scenario uses
  // Rolling origins: as_of, then month by month while the timeline says the talks were still open
  // (no agreement, no breakdown) and is complete; the forecast made at each conditions the runs on
  // that history (see Tally::rolling).
  std::vector<Date> origins;
  // The calendar steps containing the checkpoints and the origins, computed once by plan_backtest
  // so that counting a run does no date arithmetic.
  std::vector<int> checkpoint_steps;
  std::vector<int> origin_steps;
};

// Fails when the scenario has no as_of, or when nothing in the timeline falls after it.
[[nodiscard]] Result<Plan> plan_backtest(const scenario::Scenario& scenario, const Timeline& timeline);

// What the questions need of a run.
struct RunFacts {
  std::optional<int> agreement_step;
  std::optional<int> breakdown_step;
  std::vector<int> first_cooperation_step;  // per scenario arena, -1 none (only kCooperationBy reads it)
};
[[nodiscard]] bool holds(const Question& question, const RunFacts& run);
[[nodiscard]] std::size_t agreement_category(const RunFacts& run, const Plan& plan);

// Counts over an ensemble's runs.
struct Tally {
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> yes;         // per question
  std::vector<std::uint64_t> categories;  // per agreement-date category
  // Per rolling origin T: the runs whose talks were still open at T, as they really were (rejection
  // on the known history: the forecast made at T keeps only the runs consistent with what was known
  // then), and among them those agreeing by each checkpoint.
  std::vector<std::uint64_t> open_at_origin;
  std::vector<std::vector<std::uint64_t>> agreed_by;  // [origin][checkpoint]
  void add(const RunFacts& run, const Plan& plan);
};

struct ForecasterScore {
  std::string forecaster;  // "detente", "uniform", "persistence"
  double brier = 0.0;
  double log = 0.0;           // nats; infinite when a certainty was wrong
  std::optional<double> rps;  // the agreement date, when the timeline settles it
  double sharpness = 0.0;
};

struct Scored {
  Plan plan;
  Tally tally;
  std::vector<double> probability;  // the model's, per question
  std::vector<double> category_probability;
  std::vector<ForecasterScore> scores;               // detente first, then the baselines
  std::vector<scoring::ReliabilityBin> reliability;  // the model's binary questions, 5 bins
  // P(agreement by checkpoint | the history known at origin), [origin][checkpoint]; NaN when no
  // run is consistent with that history.
  std::vector<std::vector<double>> rolling;
};

[[nodiscard]] Result<Scored> score(Plan plan, Tally tally);

struct BacktestOptions {
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  std::vector<std::string> policies;  // the arm that best describes what was done (none by default)
  int threads = 1;
};

// Plans, runs the ensemble (through the ensemble runner: the same runs as `detente run --runs`)
// and scores it. On ranks other than the root the result is empty (the root holds it).
[[nodiscard]] Result<Scored> run_backtest(const scenario::Scenario& scenario, const Timeline& timeline,
                                          const BacktestOptions& options, ensemble::Transport& transport);

}  // namespace detente::backtest
