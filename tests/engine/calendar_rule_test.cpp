// One rule for dates (docs/scenario.md, [calendar]): a date means the step that contains it, so a
// deadline and "agreement by D" fall on the same step. Expectations are counted by hand on a calendar.
#include <gtest/gtest.h>

#include "scenario/scenario.h"

namespace detente::scenario {
namespace {

// Thursday 2014-08-28, weekly: step k is dated 28 Aug + 7k days. 24 Nov is day 88, inside
// (day 84, day 91] = step 13 (27 Nov); 30 Jun 2015 is day 306, inside (301, 308] = step 44 (2 Jul).
const Calendar kWeekly{.start = {2014, 8, 28}, .unit = StepUnit::kWeek, .horizon = {2015, 12, 31}};

TEST(CalendarRule, WeeklyDateFallsInTheStepThatContainsIt) {
  EXPECT_EQ(kWeekly.step_of({2014, 11, 24}), 13);
  EXPECT_EQ(kWeekly.date_of(13), (Date{2014, 11, 27}));
  EXPECT_EQ(kWeekly.step_of({2015, 6, 30}), 44);
  EXPECT_EQ(kWeekly.date_of(44), (Date{2015, 7, 2}));
  // A step's own date belongs to it, the next day to the next step.
  EXPECT_EQ(kWeekly.step_of({2014, 11, 27}), 13);
  EXPECT_EQ(kWeekly.step_of({2014, 11, 28}), 14);
}

TEST(CalendarRule, AgreementInTheDeadlineStepCountsAsByTheDeadline) {
  // Agreement in the step dated 2 Jul is by 30 Jun (same step as the 30 Jun deadline); a week later is not.
  EXPECT_TRUE(kWeekly.is_by(44, {2015, 6, 30}));
  EXPECT_FALSE(kWeekly.is_by(45, {2015, 6, 30}));
  EXPECT_TRUE(kWeekly.is_by(13, {2014, 11, 24}));
  EXPECT_FALSE(kWeekly.is_by(14, {2014, 11, 24}));
  EXPECT_TRUE(kWeekly.is_by(0, {2014, 8, 28}));
}

TEST(CalendarRule, DailyStepsContainExactlyTheirDate) {
  const Calendar daily{.start = {2015, 6, 1}, .unit = StepUnit::kDay, .horizon = {2015, 7, 31}};
  EXPECT_EQ(daily.step_of({2015, 6, 30}), 29);
  EXPECT_TRUE(daily.is_by(29, {2015, 6, 30}));
  EXPECT_FALSE(daily.is_by(30, {2015, 6, 30}));
}

TEST(CalendarRule, MonthlyStepsCoverTheDaysUpToTheirDate) {
  // Steps dated 15 Jan, 15 Feb, 15 Mar, ...: 20 Feb lies in (15 Feb, 15 Mar] = step 2; 15 Feb in step 1.
  const Calendar monthly{.start = {2015, 1, 15}, .unit = StepUnit::kMonth, .horizon = {2015, 12, 15}};
  EXPECT_EQ(monthly.step_of({2015, 2, 20}), 2);
  EXPECT_EQ(monthly.step_of({2015, 2, 15}), 1);
  EXPECT_TRUE(monthly.is_by(2, {2015, 2, 20}));
  EXPECT_FALSE(monthly.is_by(2, {2015, 2, 15}));
}

}  // namespace
}  // namespace detente::scenario
