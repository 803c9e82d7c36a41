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

}  // namespace
}  // namespace detente
