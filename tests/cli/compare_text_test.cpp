// The compare table names its arms and never prints a zero that is not one (issue #14): the
// columns carry the policy names, an exact zero difference prints as 0 and a difference at the
// level of rounding keeps its size instead of reading "-0.0000".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CompareText, TheColumnsCarryThePolicyNames) {
  const auto result = testing::run_detente("compare " + std::string(DETENTE_SOURCE_DIR) +
                                           "/examples/iran-west-2014.toml --policy engage --policy none --runs 200");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("engage versus none"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("event +engage +none +diff"));
  EXPECT_THAT(result.out, HasSubstr("outcome (engage - none)"));
  EXPECT_THAT(result.out, Not(HasSubstr("first")));
  EXPECT_THAT(result.out, Not(HasSubstr("-0.0000")));
  EXPECT_THAT(result.out, Not(HasSubstr("+0.0000")));
  // No run agrees by 24 Nov 2014 in either arm: the difference is exactly zero.
  EXPECT_THAT(result.out, ::testing::ContainsRegex("agreement by 2014-11-24 +0\\.0% +0\\.0% +0% "));
  // The terms are the same in both arms up to rounding: the difference keeps its size.
  EXPECT_THAT(result.out, ::testing::ContainsRegex("terms\\.restrictions +[0-9]+ +([-+][0-9]\\.[0-9]e-[0-9]+|0) "));
}

// In the flagship the campaign arena is observed by no [[linkage]] and the negotiation reads
// neither the threat nor the campaign: a policy that only delays the US campaign contribution
// cannot change the talks in any pair of runs (common random numbers), and compare says so and
// why; engagement plays the linked coordination arena, so its talks do differ.
TEST(CompareText, APolicyThatCannotReachTheTalksIsNamedWithTheReason) {
  const std::string flagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";
  const auto hesitate = testing::run_detente("compare " + flagship + " --policy hesitate --policy none --runs 300");
  ASSERT_EQ(hesitate.exit_code, 0) << hesitate.err;
  EXPECT_THAT(hesitate.out, HasSubstr("The talks ran identically under hesitate and none in all 300 pairs"));
  EXPECT_THAT(hesitate.out, HasSubstr("'hesitate' sets arenas.campaign.start.US (arena 'campaign', which no [[linkage]] observes"));
  const auto engage = testing::run_detente("compare " + flagship + " --policy engage --policy none --runs 300 --format json");
  ASSERT_EQ(engage.exit_code, 0) << engage.err;
  EXPECT_THAT(engage.out, HasSubstr("\"talks_unchanged\": false"));
  const auto flip = testing::run_detente("compare " + flagship + " --policy flip-flop --policy none --runs 300 --format json");
  EXPECT_THAT(flip.out, HasSubstr("\"talks_unchanged\": true"));
}

}  // namespace
}  // namespace detente
