#include "backtest/backtest.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "ensemble/ensemble.h"

namespace detente::backtest {
namespace {

// Why an entry of this kind cannot be asked of the runs (empty when it can).
std::string not_asked(EventKind kind) {
  switch (kind) {
    case EventKind::kAgreement:
    case EventKind::kExtension:
    case EventKind::kBreakdown:
      return "";
    case EventKind::kInterim:
    case EventKind::kFramework:
      return "the talks have no interim or framework stage yet (staged agreements: issue #12)";
    case EventKind::kReview:
    case EventKind::kRatification:
      return "an agreement in the runs already includes every veto player's ratification; it is scored through the "
             "agreement questions";
    case EventKind::kImplementation:
      return "the runs end at agreement; implementation and reversal are not modelled yet (issue #12)";
    case EventKind::kCooperation:
      return "";
  }
  return "";
}

// Every question date: each timeline date after the origin within the horizon, and the horizon.
std::vector<Date> checkpoints(const scenario::Scenario& s, const Timeline& timeline, Date origin) {
  std::vector<Date> out;
  for (const auto& e : timeline.events) {
    if (e.date > origin && e.date <= s.calendar.horizon) out.push_back(e.date);
  }
  out.push_back(s.calendar.horizon);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Questions "KIND by each checkpoint" for an outcome that happens once (agreement, breakdown),
// when the timeline settles them: by the entry's date, or by the timeline being complete.
void ask_by_each_checkpoint(Plan& plan, QuestionKind kind, EventKind entry, const Timeline& timeline,
                            const scenario::Scenario& s) {
  const TimelineEvent* happened = timeline.first(entry);
  if (happened != nullptr && happened->date <= plan.origin) {
    plan.warnings.push_back("the timeline's " + std::string(kind_name(entry)) + " '" + happened->id + "' (" +
                            to_string(happened->date) + ") came before as_of: nothing is left to forecast about it");
    return;
  }
  const bool complete = timeline.complete_through && *timeline.complete_through >= s.calendar.horizon;
  if (happened == nullptr && !complete) {
    plan.warnings.push_back("no " + std::string(kind_name(entry)) +
                            " is listed and the timeline is not complete through the "
                            "horizon (complete_through), so questions about it are not asked");
    return;
  }
  for (const Date& by : plan.checkpoints) {
    plan.questions.push_back(Question{.kind = kind,
                                      .date = by,
                                      .happened = happened != nullptr && happened->date <= by,
                                      .settled_by = happened != nullptr ? happened->id : "complete_through"});
  }
}

// The scenario's two-player arena between exactly these parties, if it has one.
std::optional<std::size_t> arena_between(const scenario::Scenario& s, const std::vector<std::string>& parties) {
  if (parties.size() != 2) return std::nullopt;
  for (std::size_t a = 0; a < s.arenas.size(); ++a) {
    const auto& arena = s.arenas[a];
    if (!arena.records_cooperation() || arena.players.size() != 2) continue;
    const std::string& first = s.actors[arena.players[0]];
    const std::string& second = s.actors[arena.players[1]];
    if ((first == parties[0] && second == parties[1]) || (first == parties[1] && second == parties[0])) return a;
  }
  return std::nullopt;
}

std::string cooperation_not_asked(const std::vector<std::string>& parties) {
  if (parties.size() != 2) return "the entry names no parties (parties = [\"A\", \"B\"])";
  return "the scenario has no coordination or repeated-game arena between " + parties[0] + " and " + parties[1];
}

// The origin, then the same day of each later month while the timeline knows the talks were still
// open (before the agreement or the breakdown it lists, and within complete_through) and the horizon.
std::vector<Date> rolling_origins(const scenario::Scenario& s, const Timeline& timeline, Date origin) {
  Date end = s.calendar.horizon;
  if (!timeline.complete_through) return {origin};
  end = std::min(end, *timeline.complete_through);
  for (const EventKind kind : {EventKind::kAgreement, EventKind::kBreakdown}) {
    if (const TimelineEvent* e = timeline.first(kind)) end = std::min(end, e->date);
  }
  std::vector<Date> out;
  for (int month = 0;; ++month) {
    const Date d = add_months(origin, month);
    if (d >= end && month > 0) break;
    out.push_back(d);
    if (d >= end) break;
  }
  return out;
}

}  // namespace

std::string Question::label() const {
  switch (kind) {
    case QuestionKind::kAgreementBy:
      return "agreement by " + to_string(date);
    case QuestionKind::kTalksOpenAt:
      return "talks still open at " + to_string(date);
    case QuestionKind::kBreakdownBy:
      return "talks broken down by " + to_string(date);
    case QuestionKind::kCooperationBy:
      return "mutual cooperation in " + arena_id + " by " + to_string(date);
  }
  return "";
}

Result<Plan> plan_backtest(const scenario::Scenario& s, const Timeline& timeline) {
  if (!s.as_of) {
    return Error{.file = s.file,
                 .field = "scenario.as_of",
                 .problem = "a backtest needs the date the scenario's information stops, and the scenario has none",
                 .fix = "add as_of = YYYY-MM-DD to [scenario] (docs/scenario.md, \"What was known when\")"};
  }
  Plan plan{.origin = *s.as_of};
  plan.checkpoints = checkpoints(s, timeline, plan.origin);
  for (const auto& e : timeline.events) {
    std::string reason;
    if (e.date <= plan.origin) {
      reason = "known at the origin (as_of " + to_string(plan.origin) + ")";
    } else if (e.date > s.calendar.horizon) {
      reason = "after the scenario's horizon (" + to_string(s.calendar.horizon) + ")";
    } else {
      reason = not_asked(e.kind);
    }
    std::optional<std::size_t> arena;
    if (reason.empty() && e.kind == EventKind::kCooperation) {
      arena = arena_between(s, e.parties);
      if (!arena) reason = cooperation_not_asked(e.parties);
    }
    if (!reason.empty()) {
      plan.unscored.push_back(Unscored{.id = e.id, .date = e.date, .kind = e.kind, .reason = reason});
    } else if (arena) {
      plan.questions.push_back(Question{.kind = QuestionKind::kCooperationBy,
                                        .date = e.date,
                                        .happened = e.happened,
                                        .settled_by = e.id,
                                        .arena = *arena,
                                        .arena_id = s.arenas[*arena].id});
    } else if (e.kind == EventKind::kExtension) {
      plan.questions.push_back(
          Question{.kind = QuestionKind::kTalksOpenAt, .date = e.date, .happened = e.happened, .settled_by = e.id});
    }
  }
  ask_by_each_checkpoint(plan, QuestionKind::kAgreementBy, EventKind::kAgreement, timeline, s);
  ask_by_each_checkpoint(plan, QuestionKind::kBreakdownBy, EventKind::kBreakdown, timeline, s);
  if (const TimelineEvent* agreement = timeline.first(EventKind::kAgreement);
      agreement && agreement->date > plan.origin) {
    const auto by =
        std::find_if(plan.checkpoints.begin(), plan.checkpoints.end(), [&](Date c) { return agreement->date <= c; });
    plan.observed_category = static_cast<std::size_t>(by - plan.checkpoints.begin());
  } else if (!agreement && timeline.complete_through && *timeline.complete_through >= s.calendar.horizon) {
    plan.observed_category = plan.checkpoints.size();
  }
  plan.origins = rolling_origins(s, timeline, plan.origin);
  for (auto& q : plan.questions) q.step = s.calendar.step_of(q.date);
  for (const Date& d : plan.checkpoints) plan.checkpoint_steps.push_back(s.calendar.step_of(d));
  for (const Date& d : plan.origins) plan.origin_steps.push_back(s.calendar.step_of(d));
  for (const auto& d : s.deadlines) {
    if (d.hypothetical) {
      plan.warnings.push_back("the scenario uses the hypothetical deadline " + to_string(d.date) +
                              ", not known at as_of: these scores are not a clean forecast");
    }
  }
  if (plan.questions.empty()) {
    return Error{.file = timeline.file,
                 .field = "events",
                 .problem = "no entry of the timeline can be asked of the runs after as_of " + to_string(plan.origin) +
                            " and by the horizon " + to_string(s.calendar.horizon),
                 .fix = "list an agreement, extension or breakdown in that window, or set complete_through"};
  }
  return plan;
}

bool holds(const Question& q, const RunFacts& run) {
  const int by = q.step;
  const bool agreed = run.agreement_step && *run.agreement_step <= by;
  const bool broken = run.breakdown_step && *run.breakdown_step <= by;
  switch (q.kind) {
    case QuestionKind::kAgreementBy:
      return agreed;
    case QuestionKind::kTalksOpenAt:
      return !agreed && !broken;
    case QuestionKind::kBreakdownBy:
      return broken;
    case QuestionKind::kCooperationBy: {
      const int first = q.arena < run.first_cooperation_step.size() ? run.first_cooperation_step[q.arena] : -1;
      return first >= 0 && first <= by;
    }
  }
  return false;
}

std::size_t agreement_category(const RunFacts& run, const Plan& plan) {
  if (!run.agreement_step) return plan.checkpoints.size();
  for (std::size_t k = 0; k < plan.checkpoints.size(); ++k) {
    if (*run.agreement_step <= plan.checkpoint_steps[k]) return k;
  }
  return plan.checkpoints.size();
}

void Tally::add(const RunFacts& run, const Plan& plan) {
  if (yes.empty()) {
    yes.assign(plan.questions.size(), 0);
    categories.assign(plan.checkpoints.size() + 1, 0);
    open_at_origin.assign(plan.origins.size(), 0);
    agreed_by.assign(plan.origins.size(), std::vector<std::uint64_t>(plan.checkpoints.size(), 0));
  }
  ++runs;
  for (std::size_t q = 0; q < plan.questions.size(); ++q) yes[q] += holds(plan.questions[q], run) ? 1 : 0;
  const std::size_t category = agreement_category(run, plan);
  ++categories[category];
  for (std::size_t o = 0; o < plan.origins.size(); ++o) {
    // The talks were open in the step containing the origin (an agreement or breakdown in that
    // very step is not yet known on the day).
    const int at = plan.origin_steps[o] - 1;
    const bool open =
        !(run.agreement_step && *run.agreement_step <= at) && !(run.breakdown_step && *run.breakdown_step <= at);
    if (!open) continue;
    ++open_at_origin[o];
    for (std::size_t k = category; k < plan.checkpoints.size(); ++k) ++agreed_by[o][k];
  }
}

namespace {

Result<ForecasterScore> score_one(std::string name, const std::vector<Question>& questions,
                                  const std::vector<double>& probability, std::optional<std::size_t> observed,
                                  const std::vector<double>& categories) {
  std::vector<scoring::BinaryForecast> forecasts;
  for (std::size_t q = 0; q < questions.size(); ++q) forecasts.push_back({probability[q], questions[q].happened});
  ForecasterScore out{.forecaster = std::move(name)};
  auto brier = scoring::brier_score(forecasts);
  if (!brier) return brier.error();
  out.brier = *brier;
  auto log = scoring::log_score(forecasts);
  if (!log) return log.error();
  out.log = *log;
  auto sharp = scoring::sharpness(forecasts);
  if (!sharp) return sharp.error();
  out.sharpness = *sharp;
  if (observed) {
    const std::vector<scoring::OrdinalForecast> ordinal = {{categories, *observed}};
    auto rps = scoring::ranked_probability_score(ordinal);
    if (!rps) return rps.error();
    out.rps = *rps;
  }
  return out;
}

// Persistence: the state at as_of (talks open, no agreement, no breakdown, no cooperation) lasts.
double persistence(const Question& q) { return q.kind == QuestionKind::kTalksOpenAt ? 1.0 : 0.0; }

}  // namespace

Result<Scored> score(Plan plan, Tally tally) {
  if (tally.runs == 0)
    return Error{.field = "--runs", .problem = "no runs to score", .fix = "give --runs of at least 1"};
  Scored out{.plan = std::move(plan), .tally = std::move(tally)};
  const auto& questions = out.plan.questions;
  const double runs = static_cast<double>(out.tally.runs);
  for (const auto yes : out.tally.yes) out.probability.push_back(static_cast<double>(yes) / runs);
  for (const auto n : out.tally.categories) out.category_probability.push_back(static_cast<double>(n) / runs);
  const std::size_t k = out.category_probability.size();
  std::vector<double> half(questions.size(), 0.5);
  std::vector<double> still(questions.size());
  std::transform(questions.begin(), questions.end(), still.begin(), persistence);
  std::vector<double> last(k, 0.0);
  last.back() = 1.0;
  const auto observed = out.plan.observed_category;
  for (auto& [name, p, categories] : std::vector<std::tuple<std::string, std::vector<double>, std::vector<double>>>{
           {"detente", out.probability, out.category_probability},
           {"uniform", half, std::vector<double>(k, 1.0 / static_cast<double>(k))},
           {"persistence", still, last}}) {
    auto scored = score_one(name, questions, p, observed, categories);
    if (!scored) return scored.error();
    out.scores.push_back(*scored);
  }
  std::vector<scoring::BinaryForecast> forecasts;
  for (std::size_t q = 0; q < questions.size(); ++q) forecasts.push_back({out.probability[q], questions[q].happened});
  auto table = scoring::reliability_table(forecasts, 5);
  if (!table) return table.error();
  out.reliability = std::move(*table);
  for (std::size_t o = 0; o < out.tally.open_at_origin.size(); ++o) {
    const double open = static_cast<double>(out.tally.open_at_origin[o]);
    std::vector<double> p;
    for (const auto n : out.tally.agreed_by[o]) {
      p.push_back(open > 0 ? static_cast<double>(n) / open : std::numeric_limits<double>::quiet_NaN());
    }
    out.rolling.push_back(std::move(p));
  }
  return out;
}

Result<Scored> run_backtest(const scenario::Scenario& s, const Timeline& timeline, const BacktestOptions& options,
                            ensemble::Transport& transport) {
  auto plan = plan_backtest(s, timeline);
  if (!plan) return plan.error();
  auto made = ensemble::EnsembleRunner::make(
      s, ensemble::EnsembleSpec{
             .runs = options.runs, .seed = options.seed, .arms = {options.policies}, .keep_runs = true});
  if (!made) return made.error();
  const auto& runner = **made;
  const auto& names = runner.layout().quantities;
  const auto agreement =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), "agreement_step") - names.begin());
  const auto breakdown =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), "breakdown_step") - names.begin());
  const auto step = [](double x) { return std::isnan(x) ? std::nullopt : std::optional<int>(static_cast<int>(x)); };
  std::vector<std::pair<std::size_t, std::size_t>> cooperation;  // (arena, quantity index)
  for (std::size_t a = 0; a < s.arenas.size(); ++a) {
    const auto at = std::find(names.begin(), names.end(), "cooperation_step." + s.arenas[a].id);
    if (at != names.end()) cooperation.emplace_back(a, static_cast<std::size_t>(at - names.begin()));
  }
  Tally tally;
  std::vector<std::uint64_t> todo(runner.chunks());
  for (std::uint64_t c = 0; c < todo.size(); ++c) todo[c] = c;
  const std::atomic<bool> never{false};
  ensemble::compute_chunks(
      runner, todo, options.threads, transport,
      [&](ensemble::ChunkResult&& chunk) {
        RunFacts facts;
        facts.first_cooperation_step.assign(s.arenas.size(), -1);
        for (const auto& record : chunk.records) {
          facts.agreement_step = step(record.quantities[agreement]);
          facts.breakdown_step = step(record.quantities[breakdown]);
          for (const auto& [arena, q] : cooperation) {
            facts.first_cooperation_step[arena] = step(record.quantities[q]).value_or(-1);
          }
          tally.add(facts, *plan);
        }
      },
      never, nullptr);
  if (transport.rank() != 0) return Scored{};
  return score(std::move(*plan), std::move(tally));
}

}  // namespace detente::backtest
