// Inputs that look malformed but are valid (tests/data/malformed/valid/): a
// byte-order mark, CRLF line endings, quoted separators, semicolon and tab
// separators, salience on 0-100, aliases and extra columns, comments, Decide
// with semicolons and comment rows, KTAB with quotes. Each must parse to the
// values written in the file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/stakeholder_reader.h"
#include "test_support.h"

namespace detente {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

StakeholderProblem read_valid(const std::string& relative, io::InputFormat format) {
  auto problem = io::read_stakeholders(testing::data_path("malformed/valid/" + relative), format);
  if (!problem) {
    ADD_FAILURE() << problem.error().message();
    return {};
  }
  return *problem;
}

struct Expected {
  std::string actor;
  double capability;
  double position;
  double salience;  // on 0-1, as the readers store it
};

void expect_issue(const StakeholderProblem& problem, std::size_t i, const std::string& name, Scale scale,
                  const std::vector<Expected>& stakes) {
  ASSERT_LT(i, problem.issues.size());
  const Issue& issue = problem.issues[i];
  EXPECT_EQ(issue.name, name);
  EXPECT_EQ(issue.scale, scale) << name;
  ASSERT_EQ(issue.stakes.size(), stakes.size()) << name;
  for (std::size_t s = 0; s < stakes.size(); ++s) {
    EXPECT_EQ(problem.actors.at(issue.stakes[s].actor), stakes[s].actor);
    EXPECT_DOUBLE_EQ(issue.stakes[s].capability, stakes[s].capability) << stakes[s].actor;
    EXPECT_DOUBLE_EQ(issue.stakes[s].position, stakes[s].position) << stakes[s].actor;
    EXPECT_DOUBLE_EQ(issue.stakes[s].salience, stakes[s].salience) << stakes[s].actor;
  }
}

const std::vector<Expected> kGermanyFrance = {{"Germany", 0.16, 4, 0.8}, {"France", 0.16, 10, 0.6}};

TEST(UnusualInputs, ByteOrderMarkIsSkipped) {
  const auto problem = read_valid("csv/bom.csv", io::InputFormat::kAuto);
  EXPECT_THAT(problem.actors, ElementsAre("Germany", "France"));
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
}

TEST(UnusualInputs, CrlfLineEndingsLeaveNoCarriageReturn) {
  const auto problem = read_valid("csv/crlf.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
}

TEST(UnusualInputs, LoneCarriageReturnsEndLines) {
  const auto problem = read_valid("csv/cr-only.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
}

TEST(UnusualInputs, QuotedFieldsKeepSeparatorsAndDoubledQuotes) {
  const auto problem = read_valid("csv/quoted-separators.csv", io::InputFormat::kCsv);
  expect_issue(problem, 0, "issue", {4, 10},
               {{"Smith, John", 0.5, 4, 0.3}, {"The \"Hawks\"", 0.25, 7, 0.4}, {"Lee; Kim", 1, 10, 0.1}});
}

TEST(UnusualInputs, SemicolonSeparatorLeavesCommasInNames) {
  const auto problem = read_valid("csv/semicolon.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, {{"Germany", 0.16, 4, 0.8}, {"Smith, John", 0.5, 10, 0.6}});
}

TEST(UnusualInputs, TabSeparator) {
  const auto problem = read_valid("csv/tab.tsv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
}

TEST(UnusualInputs, SalienceAbove1MeansTheWholeFileIsOn0To100) {
  const auto problem = read_valid("csv/salience-0-100.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10},
               {{"Germany", 0.16, 4, 0.8}, {"France", 0.16, 10, 0.6}, {"Italy", 0.1, 7, 0.0}});
  EXPECT_THAT(problem.notes,
              ::testing::Contains(HasSubstr("salience read on a 0-100 scale (a value above 1: 80 on line 2)")));
}

TEST(UnusualInputs, SalienceOf1StaysOn0To1) {
  const auto problem = read_valid("csv/salience-at-most-1.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, {{"Germany", 0.16, 4, 1.0}, {"France", 0.16, 10, 0.5}});
  EXPECT_THAT(problem.notes, ::testing::Contains(HasSubstr("salience read on a 0-1 scale")));
}

TEST(UnusualInputs, AliasesAnyOrderAnyCaseAndUnreadColumnsNoted) {
  const auto problem = read_valid("csv/aliases-order-extra-columns.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
  EXPECT_THAT(problem.notes, ::testing::Contains("columns not read: 'Notes'"));
}

TEST(UnusualInputs, IssueColumnMakesOneIssueEach) {
  const auto problem = read_valid("csv/issues.csv", io::InputFormat::kAuto);
  EXPECT_THAT(problem.actors, ElementsAre("Germany", "France"));
  ASSERT_EQ(problem.issues.size(), 2U);
  expect_issue(problem, 0, "tax", {4, 10}, kGermanyFrance);
  expect_issue(problem, 1, "trade", {60, 60}, {{"Germany", 0.16, 60, 0.5}});
}

TEST(UnusualInputs, CommentsBlankLinesSpacesSignsExponentsAndTrailingSeparators) {
  const auto problem = read_valid("csv/comments-blank-lines-trailing-separators.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "issue", {4, 10}, kGermanyFrance);
}

TEST(UnusualInputs, DecideWithSemicolonsCommentRowsAndCrlf) {
  const auto problem = read_valid("decide/semicolon-comments-crlf.txt", io::InputFormat::kAuto);
  EXPECT_THAT(problem.actors, ElementsAre("A1", "A2"));
  expect_issue(problem, 0, "tax", {0, 10}, {{"A1", 0.6, 2, 0.5}, {"A2", 0.4, 8, 0.7}});
  EXPECT_THAT(problem.notes, ::testing::Contains("actor 'A3' (line 4) has no '#D' rows and takes no part"));
}

TEST(UnusualInputs, DecideWithoutScalePointsUsesDecidesDefault0To100) {
  const auto problem = read_valid("decide/no-scale-points.tsv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "tax", {0, 100}, {{"A1", 0.6, 20, 0.5}, {"A2", 0.4, 80, 0.7}});
  EXPECT_THAT(problem.notes, ::testing::Contains("issue 'tax' has no '#M' rows: its scale is Decide's default 0-100"));
}

TEST(UnusualInputs, KtabWithBomCrlfAndQuotedCommas) {
  const auto problem = read_valid("ktab/bom-crlf-quoted.csv", io::InputFormat::kAuto);
  expect_issue(problem, 0, "XYZ", {0, 100}, {{"A1", 100, 30, 0.4}, {"A2", 60, 45.5, 1.0}});
}

// The command line takes every one of them (exit 0, a forecast on standard output, nothing on standard error).
TEST(UnusualInputs, CommandLineAcceptsEach) {
  for (const char* file :
       {"csv/bom.csv", "csv/crlf.csv", "csv/cr-only.csv", "csv/quoted-separators.csv", "csv/semicolon.csv",
        "csv/tab.tsv", "csv/salience-0-100.csv", "csv/salience-at-most-1.csv", "csv/aliases-order-extra-columns.csv",
        "csv/issues.csv", "csv/comments-blank-lines-trailing-separators.csv", "decide/semicolon-comments-crlf.txt",
        "decide/no-scale-points.tsv", "ktab/bom-crlf-quoted.csv"}) {
    const auto run = testing::run_detente("forecast '" + testing::data_path(std::string("malformed/valid/") + file) +
                                          "' --model compromise");
    EXPECT_EQ(run.exit_code, 0) << file << ": " << run.err;
    EXPECT_THAT(run.out, HasSubstr("compromise")) << file;
    EXPECT_EQ(run.err, "") << file;
  }
}

}  // namespace
}  // namespace detente
