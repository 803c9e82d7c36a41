// Scenario files: the flagship loads; mistakes are reported with file, line, field and fix.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine/engine.h"
#include "io/text.h"
#include "scenario/scenario.h"
#include "test_support.h"

namespace detente {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";

TEST(ScenarioLoader, FlagshipLoads) {
  const auto s = scenario::load_scenario(kFlagship);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->actors.size(), 8U);
  EXPECT_EQ(s->issues.size(), 2U);
  EXPECT_EQ(s->calendar.date_of(0), (Date{2014, 8, 28}));
  for (const char* policy : {"engage", "hesitate", "flip-flop"}) EXPECT_NE(s->policy(policy), nullptr) << policy;
}

TEST(ScenarioLoader, FlagshipRunsUnderEveryPolicyWithANarrative) {
  const auto s = scenario::load_scenario(kFlagship);
  ASSERT_TRUE(s.ok());
  const engine::Engine engine(*s);
  for (const auto& policy : s->policies) {
    const auto result = engine.run(engine::RunOptions{.seed = 3, .policies = {policy.id}, .narrate = true});
    ASSERT_TRUE(result.ok());
    ASSERT_FALSE(result->events.empty());
    bool mentions_policy = false;
    bool mentions_deadline = false;
    for (const auto& e : result->events) {
      mentions_policy = mentions_policy || e.text.find("policy '" + policy.id + "'") != std::string::npos;
      mentions_deadline = mentions_deadline || e.text.find("deadline") != std::string::npos || e.text.find("AGREEMENT") != std::string::npos;
    }
    EXPECT_TRUE(mentions_policy) << policy.id;
    EXPECT_TRUE(mentions_deadline) << policy.id;
  }
}

TEST(ScenarioLoader, ADeadlineSetAfterAsOfLoadsOnlyAsAHypothetical) {
  auto text = *io::read_file(kFlagship);
  const std::string later = "[[deadlines]]\ndate = 2015-06-30\nannounced = 2014-11-24\n";
  const auto at = text.find("[outside_options]");
  ASSERT_NE(at, std::string::npos);
  // Only the last deadline may be extendable: take extension_weeks off the first.
  const auto extension = text.find("extension_weeks = ");
  ASSERT_NE(extension, std::string::npos);
  text.replace(extension, text.find('\n', extension) - extension, "");
  auto known_later = text;
  known_later.insert(known_later.find("[outside_options]"), later);
  EXPECT_FALSE(scenario::parse_scenario(known_later, "flagship.toml").ok());
  auto hypothetical = text;
  hypothetical.insert(hypothetical.find("[outside_options]"), later + "hypothetical = true\n");
  const auto s = scenario::parse_scenario(hypothetical, "flagship.toml");
  ASSERT_TRUE(s.ok()) << s.error().message();
  ASSERT_EQ(s->deadlines.size(), 2U);
  EXPECT_TRUE(s->deadlines[1].hypothetical);
  EXPECT_FALSE(s->deadlines[0].hypothetical);
}

struct BadCase {
  std::string name;
  std::string find;      // text of the flagship to replace
  std::string replace;
  int line;              // expected line of the error (0: any)
  std::string field;     // expected in the message
  std::string at;        // when not empty, the error is on the line of this text (before the edit)
};

class ScenarioErrors : public ::testing::TestWithParam<BadCase> {};

int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return at == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST_P(ScenarioErrors, NameTheLineTheFieldAndTheFix) {
  const auto& c = GetParam();
  auto text = *io::read_file(kFlagship);
  const auto at = text.find(c.find);
  ASSERT_NE(at, std::string::npos) << c.find;
  const int expected_line = line_of(text, c.at.empty() ? c.find : c.at);
  text.replace(at, c.find.size(), c.replace);
  const auto s = scenario::parse_scenario(text, "flagship.toml");
  ASSERT_FALSE(s.ok()) << c.name;
  const std::string message = s.error().message();
  EXPECT_NE(message.find("flagship.toml:" + std::to_string(c.line ? c.line : expected_line) + ":"), std::string::npos) << message;
  EXPECT_NE(message.find(c.field), std::string::npos) << message;
  EXPECT_NE(message.find("Fix:"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Flagship, ScenarioErrors,
    ::testing::Values(
        BadCase{"unknown_actor", "Iran = 20, US = 85", "Iram = 20, US = 85", 0, "issues.restrictions.positions.Iram"},
        BadCase{"probability_out_of_range", "hard_probability = { dist = \"uniform\", min = 0.05, max = 0.15 }",
                "hard_probability = 1.1", 0, "hard_probability"},
        BadCase{"typo_in_field", "growth = { dist", "grwoth = { dist", 0, "grwoth"},
        BadCase{"bad_step", "step = \"week\"", "step = \"fortnight\"", 0, "calendar.step"},
        BadCase{"position_outside_scale", "Iran = 20, US = 85", "Iran = 120, US = 85", 0, "positions.Iran"},
        BadCase{"unknown_model", "model = \"compromise\"         # the focal", "model = \"compromize\"  # the focal", 0,
                "model"},
        BadCase{"unknown_policy_parameter", "\"arenas.coordination.active\" = 1 }\n\n[[policies]]\nid = \"hesitate\"",
                "\"arenas.coordinaton.active\" = 1 }\n\n[[policies]]\nid = \"hesitate\"", 0,
                "arenas.coordinaton.active"},
        BadCase{"toml_syntax", "initial = { dist", "initial = = { dist", 0, ""},
        BadCase{"normal_without_bounds_for_probability", "correlation = { dist = \"uniform\", min = 0.1, max = 0.9 }",
                "correlation = { dist = \"normal\", mean = 0.5, sd = 0.2 }", 0, "trust.correlation"},
        // Dates a run cannot answer for (issue #14): once taken in silence.
        BadCase{"agreement_by_after_the_horizon", "agreement_by = [2014-11-24, 2015-06-30, 2015-07-14]",
                "agreement_by = [2014-11-24, 2015-06-30, 2016-07-14]", 0, "is after the horizon 2015-12-31"},
        BadCase{"agreement_by_twice", "agreement_by = [2014-11-24, 2015-06-30, 2015-07-14]",
                "agreement_by = [2014-11-24, 2015-06-30, 2014-11-24]", 0, "the date 2014-11-24 is listed twice"},
        // Numbers TOML takes and a model cannot (issue #14): once a raw toml++ message or a wrong one.
        BadCase{"number_beyond_a_double", "missed_cost = 0.05 ", "missed_cost = 1e309 ", 0,
                "a number on this line is beyond the range of a double (about ±1.8e308): missed_cost = 1e309",
                "missed_cost = 0.05 "},
        BadCase{
            "key_given_twice", "set = { \"arenas.coordination.active\" = 1 }",
            "set = { \"arenas.coordination.active\" = 1, \"arenas.coordination.active\" = 0 }", 0,
            "a key is given twice (TOML allows each key once in a table): set = { \"arenas.coordination.active\" = 1,",
            "set = { \"arenas.coordination.active\" = 1 }"},
        BadCase{"nan_bound", "hard_probability = { dist = \"uniform\", min = 0.05",
                "hard_probability = { dist = \"uniform\", min = nan", 0,
                "deadlines.2014-11-24.hard_probability.min': expected a finite number, found nan"},
        BadCase{"nan_value", "Iran = { dist = \"uniform\", min = -0.4, max = -0.2 }", "Iran = nan", 0,
                "outside_options.Iran': expected a finite number, found nan"},
        BadCase{"infinite_policy_value", "set = { \"arenas.coordination.active\" = 1 }",
                "set = { \"arenas.coordination.active\" = inf }", 0, "expected a finite number, found an infinity"},
        BadCase{"agreement_by_at_the_start", "agreement_by = [2014-11-24, 2015-06-30, 2015-07-14]",
                "agreement_by = [2014-08-28, 2015-06-30, 2015-07-14]", 0, "is not after the start 2014-08-28"},
        BadCase{"policy_after_the_horizon", "start = 2015-01-01", "start = 2016-01-01", 0,
                "after the horizon 2015-12-31, so it never acts"},
        // What was known when (issue #11): a deadline set after as_of is hindsight.
        BadCase{"as_of_outside_the_calendar", "as_of = 2014-08-28", "as_of = 2014-08-01", 0,
                "as_of 2014-08-01 lies outside the calendar"},
        BadCase{"deadline_announced_after_as_of", "announced = 2014-07-19", "announced = 2014-11-24", 0,
                "was set on 2014-11-24, after as_of 2014-08-28: it was not known then"},
        BadCase{"deadline_without_announced", "announced = 2014-07-19", "", 0, "does not say when it was set",
                "date = 2014-11-24"},
        BadCase{"deadline_announced_after_itself", "announced = 2014-07-19", "announced = 2014-12-01", 0,
                "is after the deadline itself"},
        BadCase{"extension_weeks_not_on_the_last_deadline",
                "extension_weeks = { dist = \"uniform\", min = 17, max = 30 }\n",
                "extension_weeks = 20\n[[deadlines]]\ndate = 2015-06-30\nhypothetical = true\n", 0,
                "only the last deadline may have extension_weeks"},
        BadCase{"unknown_protocol", "deal_fear = 1.0", "protocol = \"alternating\"", 0, "negotiation.protocol"},
        BadCase{"patience_without_alternating_offers", "deal_fear = 1.0", "patience = { Iran = 0.9, P5plus1 = 0.9 }", 0,
                "negotiation.patience"},
        BadCase{"hypothetical_not_a_boolean", "announced = 2014-07-19", "hypothetical = \"yes\"", 0,
                "deadlines.hypothetical"}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace detente
