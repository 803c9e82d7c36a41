// The timeline reader: the flagship's timeline loads as written, and every malformed entry is
// refused with the file, the line, the field and a fix.
#include <gtest/gtest.h>

#include <string>

#include "backtest/timeline.h"

namespace detente::backtest {
namespace {

const std::string kTimeline = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.timeline.toml";

TEST(Timeline, TheFlagshipsTimelineLoadsInDateOrderWithASourceForEveryEntry) {
  const auto t = load_timeline(kTimeline);
  ASSERT_TRUE(t.ok()) << t.error().message();
  ASSERT_GE(t->events.size(), 10U);
  for (std::size_t i = 1; i < t->events.size(); ++i) EXPECT_LE(t->events[i - 1].date, t->events[i].date);
  for (const auto& e : t->events) EXPECT_FALSE(e.source.empty()) << e.id;
  const TimelineEvent* deal = t->first(EventKind::kAgreement);
  ASSERT_NE(deal, nullptr);
  EXPECT_EQ(to_string(deal->date), "2015-07-14");
  ASSERT_TRUE(t->complete_through.has_value());
  EXPECT_EQ(to_string(*t->complete_through), "2016-01-16");
  EXPECT_EQ(t->first(EventKind::kBreakdown), nullptr);
  EXPECT_EQ(t->first(EventKind::kCooperation), nullptr);  // listed, as an absence (happened = false)
}

const std::string kHead = "[timeline]\nname = \"t\"\ncomplete_through = 2015-12-31\n";
const std::string kEvent =
    "[[events]]\nid = \"deal\"\ndate = 2015-07-14\nkind = \"agreement\"\ndescription = \"d\"\nsource = \"s\"\n";

struct BadTimeline {
  std::string name;
  std::string text;
  int line;
  std::string expected;  // in the message
};

class TimelineErrors : public ::testing::TestWithParam<BadTimeline> {};

TEST_P(TimelineErrors, NameTheLineTheFieldAndTheFix) {
  const auto& c = GetParam();
  const auto t = parse_timeline(c.text, "t.toml");
  ASSERT_FALSE(t.ok()) << c.name;
  const std::string message = t.error().message();
  EXPECT_NE(message.find("t.toml:" + std::to_string(c.line) + ":"), std::string::npos) << message;
  EXPECT_NE(message.find(c.expected), std::string::npos) << message;
  EXPECT_NE(message.find("Fix:"), std::string::npos) << message;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TimelineErrors,
    ::testing::Values(
        BadTimeline{"no_events", kHead, 1, "the timeline lists no [[events]]"},
        BadTimeline{"unknown_kind", kHead + replaced(kEvent, "\"agreement\"", "\"deal\""), 7, "unknown kind 'deal'"},
        BadTimeline{"missing_source", kHead + replaced(kEvent, "source = \"s\"\n", ""), 4, "events.source"},
        BadTimeline{"empty_source", kHead + replaced(kEvent, "source = \"s\"", "source = \"\""), 9, "events.source"},
        BadTimeline{"not_a_date", kHead + replaced(kEvent, "2015-07-14", "\"July 2015\""), 6, "expected a date"},
        BadTimeline{"unknown_field", kHead + replaced(kEvent, "source", "sauce"), 9, "unknown field 'sauce'"},
        BadTimeline{"out_of_order",
                    kHead + kEvent + replaced(replaced(kEvent, "deal", "earlier"), "2015-07-14", "2015-01-01"), 10,
                    "not in date order"},
        BadTimeline{"duplicate_id", kHead + kEvent + kEvent, 10, "the id 'deal' is used twice (first at line 4)"},
        BadTimeline{"absence_after_complete_through",
                    kHead + replaced(replaced(kEvent, "2015-07-14", "2016-03-01"), "kind", "happened = false\nkind"), 4,
                    "lies after complete_through 2015-12-31"},
        BadTimeline{"happened_not_boolean", kHead + replaced(kEvent, "kind", "happened = \"no\"\nkind"), 7,
                    "events.happened"},
        BadTimeline{"parties_not_two_names", kHead + replaced(kEvent, "kind", "parties = [\"US\"]\nkind"), 7,
                    "expected the two parties"},
        BadTimeline{"toml_syntax", kHead + replaced(kEvent, "id = ", "id = = "), 5, ""}),
    [](const ::testing::TestParamInfo<BadTimeline>& param_info) { return param_info.param.name; });

TEST(Timeline, AMissingFileNamesThePath) {
  const auto t = load_timeline("/nonexistent/timeline.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message().find("/nonexistent/timeline.toml"), std::string::npos);
}

}  // namespace
}  // namespace detente::backtest
