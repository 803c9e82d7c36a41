// Backtests: which questions a timeline asks of a scenario, the answers counted over runs, and
// the scores worked by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "backtest/backtest.h"
#include "engine/engine.h"
#include "ensemble/ensemble.h"

namespace detente::backtest {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";
const std::string kTimeline = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.timeline.toml";

scenario::Scenario flagship() {
  auto s = scenario::load_scenario(kFlagship);
  EXPECT_TRUE(s.ok()) << s.error().message();
  return s.ok() ? *s : scenario::Scenario{};
}

std::string entry(const std::string& id, const std::string& date, const std::string& kind) {
  return "[[events]]\nid = \"" + id + "\"\ndate = " + date + "\nkind = \"" + kind +
         "\"\ndescription = \"d\"\nsource = \"s\"\n";
}

Timeline timeline(const std::string& head, const std::string& events) {
  auto t = parse_timeline("[timeline]\nname = \"t\"\n" + head + events, "t.toml");
  EXPECT_TRUE(t.ok()) << t.error().message();
  return t.ok() ? *t : Timeline{};
}

TEST(Backtest, EveryEntryAfterAsOfIsAskedAndEveryOtherSaysWhyNot) {
  // The flagship: as_of 2014-08-28, horizon 2015-12-31.
  const auto t = timeline("complete_through = 2016-01-16\n",
                          entry("old", "2014-07-19", "extension") + entry("nov", "2014-11-24", "extension") +
                              entry("frame", "2015-04-02", "framework") + entry("deal", "2015-07-14", "agreement") +
                              entry("done", "2016-01-16", "implementation"));
  const auto plan = plan_backtest(flagship(), t);
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  ASSERT_EQ(plan->checkpoints.size(), 4U);  // 2014-11-24, 2015-04-02, 2015-07-14 and the horizon
  EXPECT_EQ(to_string(plan->checkpoints[1]), "2015-04-02");
  EXPECT_EQ(to_string(plan->checkpoints[3]), "2015-12-31");
  std::vector<std::string> asked;
  std::vector<bool> happened;
  for (const auto& q : plan->questions) {
    asked.push_back(q.label());
    happened.push_back(q.happened);
  }
  const std::vector<std::string> expected = {
      "talks still open at 2014-11-24",  "agreement by 2014-11-24",         "agreement by 2015-04-02",
      "agreement by 2015-07-14",         "agreement by 2015-12-31",         "talks broken down by 2014-11-24",
      "talks broken down by 2015-04-02", "talks broken down by 2015-07-14", "talks broken down by 2015-12-31"};
  EXPECT_EQ(asked, expected);
  // No breakdown is listed and the timeline is complete past the horizon: every breakdown answer is no.
  EXPECT_EQ(happened, (std::vector<bool>{true, false, false, true, true, false, false, false, false}));
  ASSERT_TRUE(plan->observed_category.has_value());
  EXPECT_EQ(*plan->observed_category, 2U);  // after 2015-04-02, by 2015-07-14
  ASSERT_EQ(plan->unscored.size(), 3U);
  EXPECT_NE(plan->unscored[0].reason.find("known at the origin"), std::string::npos);
  EXPECT_NE(plan->unscored[1].reason.find("issue #12"), std::string::npos);
  EXPECT_NE(plan->unscored[2].reason.find("after the scenario's horizon"), std::string::npos);
}

TEST(Backtest, CooperationIsAskedOfTheArenaBetweenItsParties) {
  const std::string none =
      "[[events]]\nid = \"none\"\ndate = 2015-12-31\nkind = \"cooperation\"\nhappened = false\n"
      "description = \"d\"\nsource = \"s\"\n";
  const auto asked = plan_backtest(flagship(), timeline("", none + "parties = [\"Iran\", \"US\"]\n"));
  ASSERT_TRUE(asked.ok()) << asked.error().message();
  ASSERT_EQ(asked->questions.size(), 1U);
  EXPECT_EQ(asked->questions[0].label(), "mutual cooperation in coordination by 2015-12-31");
  EXPECT_FALSE(asked->questions[0].happened);
  const RunFacts cooperated{.first_cooperation_step = {-1, 3}};  // arenas: campaign, coordination
  EXPECT_TRUE(holds(asked->questions[0], cooperated));
  EXPECT_FALSE(holds(asked->questions[0], RunFacts{.first_cooperation_step = {-1, -1}}));
  // Parties the scenario has no two-player arena for, or none at all: listed with the reason.
  const auto other = plan_backtest(
      flagship(), timeline("", entry("nov", "2014-11-24", "extension") + none + "parties = [\"Iran\", \"China\"]\n"));
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->unscored.size(), 1U);
  EXPECT_NE(other->unscored[0].reason.find("no coordination or repeated-game arena between Iran and China"),
            std::string::npos);
  const auto unnamed = plan_backtest(flagship(), timeline("", entry("nov", "2014-11-24", "extension") + none));
  ASSERT_TRUE(unnamed.ok());
  EXPECT_NE(unnamed->unscored[0].reason.find("names no parties"), std::string::npos);
}

TEST(Backtest, AnIncompleteTimelineAsksNothingItCannotSettle) {
  const auto plan = plan_backtest(flagship(), timeline("", entry("nov", "2014-11-24", "extension")));
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  ASSERT_EQ(plan->questions.size(), 1U);  // only the extension: no agreement or breakdown is settled
  EXPECT_FALSE(plan->observed_category.has_value());
  EXPECT_EQ(plan->warnings.size(), 2U);
}

TEST(Backtest, AScenarioWithoutAsOfIsRefused) {
  auto s = flagship();
  s.as_of.reset();
  const auto plan = plan_backtest(s, timeline("", entry("nov", "2014-11-24", "extension")));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().field, "scenario.as_of");
}

TEST(Backtest, ARunAnswersByTheStepContainingEachDate) {
  const auto s = flagship();
  const auto t = timeline("complete_through = 2016-01-16\n",
                          entry("jun", "2015-06-30", "extension") + entry("deal", "2015-07-14", "agreement"));
  const auto plan = plan_backtest(s, t);
  ASSERT_TRUE(plan.ok());
  const int deal_step = s.calendar.step_of(Date{2015, 7, 14});
  const RunFacts agreed{.agreement_step = deal_step};
  const RunFacts broke{.breakdown_step = s.calendar.step_of(Date{2015, 6, 30})};
  for (const auto& q : plan->questions) {
    const bool by_deal = q.date >= Date{2015, 7, 14};
    if (q.kind == QuestionKind::kAgreementBy) {
      EXPECT_EQ(holds(q, agreed), by_deal) << q.label();
    }
    if (q.kind == QuestionKind::kTalksOpenAt) {
      EXPECT_TRUE(holds(q, agreed)) << q.label();  // open until the deal
      EXPECT_FALSE(holds(q, broke)) << q.label();  // broke down at that deadline
    }
  }
  EXPECT_EQ(agreement_category(agreed, *plan), 1U);  // after 2015-06-30, by 2015-07-14
  EXPECT_EQ(agreement_category(broke, *plan), plan->checkpoints.size());
}

TEST(Backtest, ScoresEqualTheirHandComputedValues) {
  Plan plan;
  plan.questions = {Question{.kind = QuestionKind::kAgreementBy, .happened = true},
                    Question{.kind = QuestionKind::kTalksOpenAt, .happened = false}};
  plan.checkpoints = {Date{2015, 1, 1}, Date{2015, 6, 1}};
  plan.observed_category = 1;
  Tally tally{.runs = 4, .yes = {1, 2}, .categories = {1, 1, 2}};
  const auto r = score(plan, tally);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->scores.size(), 3U);
  const auto& model = r->scores[0];
  // p = (0.25, 0.5), outcomes (1, 0): Brier ((0.75)² + 0.5²)/2; log (−ln 0.25 − ln 0.5)/2;
  // sharpness (2·0.25 + 0)/2; RPS: F = (0.25, 0.5), O = (0, 1): (0.25² + 0.5²)/2.
  EXPECT_DOUBLE_EQ(model.brier, (0.5625 + 0.25) / 2);
  EXPECT_NEAR(model.log, (std::log(4.0) + std::log(2.0)) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(model.sharpness, 0.25);
  ASSERT_TRUE(model.rps.has_value());
  EXPECT_DOUBLE_EQ(*model.rps, (0.0625 + 0.25) / 2);
  const auto& uniform = r->scores[1];  // 1/2 each; categories 1/3 each: F = (1/3, 2/3)
  EXPECT_DOUBLE_EQ(uniform.brier, 0.25);
  EXPECT_NEAR(uniform.log, std::log(2.0), 1e-12);
  EXPECT_NEAR(*uniform.rps, (1.0 / 9 + 1.0 / 9) / 2, 1e-12);
  const auto& persistence = r->scores[2];  // agreement 0, talks open 1: both wrong with certainty
  EXPECT_DOUBLE_EQ(persistence.brier, 1.0);
  EXPECT_TRUE(std::isinf(persistence.log));
  EXPECT_DOUBLE_EQ(*persistence.rps, 0.5);  // all on "not by the horizon": F = (0, 0), O = (0, 1)
  EXPECT_DOUBLE_EQ(persistence.sharpness, 1.0);
}

TEST(Backtest, RollingOriginsKeepTheRunsConsistentWithTheHistoryKnownAtEach) {
  const auto s = flagship();
  const auto t = timeline("complete_through = 2016-01-16\n", entry("deal", "2015-07-14", "agreement"));
  const auto plan = plan_backtest(s, t);
  ASSERT_TRUE(plan.ok());
  // Monthly from as_of while the talks were open: 28 Aug 2014 to 28 Jun 2015 (the deal came on 14 Jul).
  ASSERT_EQ(plan->origins.size(), 11U);
  EXPECT_EQ(to_string(plan->origins.back()), "2015-06-28");
  // Three runs: one agrees in the step of 1 Mar 2015, one breaks down in that of 1 Dec 2014, one
  // stays open to the horizon. From the origin of 28 Dec 2014 on, the breakdown is known not to
  // have happened; from 28 Mar 2015, neither has the March agreement.
  Tally tally;
  tally.add(RunFacts{.agreement_step = s.calendar.step_of(Date{2015, 3, 1})}, *plan);
  tally.add(RunFacts{.breakdown_step = s.calendar.step_of(Date{2014, 12, 1})}, *plan);
  tally.add(RunFacts{}, *plan);
  EXPECT_EQ(tally.open_at_origin, (std::vector<std::uint64_t>{3, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1}));
  const auto r = score(*plan, tally);
  ASSERT_TRUE(r.ok()) << r.error().message();
  const std::size_t horizon = plan->checkpoints.size() - 1;
  EXPECT_DOUBLE_EQ(r->rolling[0][horizon], 1.0 / 3);  // 28 Aug 2014: one of three agrees
  EXPECT_DOUBLE_EQ(r->rolling[4][horizon], 1.0 / 2);  // 28 Dec 2014: one of the two still open
  EXPECT_DOUBLE_EQ(r->rolling[7][horizon], 0.0);      // 28 Mar 2015: only the run that never agrees
}

// The ensemble's answers are those of the same runs made one by one through the engine, for any
// number of threads.
TEST(Backtest, TheEnsemblesAnswersAreThoseOfTheRunsOneByOne) {
  const auto s = flagship();
  const auto t = load_timeline(kTimeline);
  ASSERT_TRUE(t.ok()) << t.error().message();
  const auto plan = plan_backtest(s, *t);
  ASSERT_TRUE(plan.ok());
  constexpr std::uint64_t kRuns = 300;
  const engine::Engine engine(s);
  Tally by_hand;
  for (std::uint64_t i = 0; i < kRuns; ++i) {
    // With engagement, so that the US-Iran coordination arena is played and its cooperation counted.
    const auto run = engine.run(engine::RunOptions{.seed = 11, .run = i, .policies = {"engage"}, .sample = true});
    ASSERT_TRUE(run.ok());
    const auto& o = run->outcome;
    by_hand.add(RunFacts{.agreement_step = o.agreed ? std::optional<int>(o.agreement_step) : std::nullopt,
                         .breakdown_step = o.broken_down ? std::optional<int>(o.breakdown_step) : std::nullopt,
                         .first_cooperation_step = o.first_cooperation_step},
                *plan);
  }
  for (const int threads : {1, 2}) {
    auto transport = ensemble::local_transport();
    const auto r = run_backtest(
        s, *t, BacktestOptions{.runs = kRuns, .seed = 11, .policies = {"engage"}, .threads = threads}, *transport);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->tally.runs, kRuns);
    EXPECT_EQ(r->tally.yes, by_hand.yes) << threads;
    EXPECT_EQ(r->tally.categories, by_hand.categories) << threads;
  }
}

}  // namespace
}  // namespace detente::backtest
