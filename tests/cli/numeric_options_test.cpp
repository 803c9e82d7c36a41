// Numbers and options on the command line are taken as written or refused: CLI11 alone wraps "-5" into
// 2^64 - 5 runs and clamps a 23-digit seed to 2^64 - 1 (issue #14). Every refusal exits 2 with
// detente's "error: ... fix: ..." form and runs nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;
using testing::run_detente;

struct BadNumber {
  const char* args;
  const char* message;
};

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";

TEST(NumericOptions, NegativeAndOverlongNumbersAreRefusedWithTheOptionNamed) {
  const BadNumber cases[] = {
      {"run FLAGSHIP --runs -5", "--runs: expected a whole number (0, 1, 2, ...), got '-5'"},
      {"compare FLAGSHIP --policy engage --runs -1", "--runs: expected a whole number (0, 1, 2, ...), got '-1'"},
      {"run FLAGSHIP --seed -1", "--seed: expected a whole number (0, 1, 2, ...), got '-1'"},
      {"run FLAGSHIP --seed 99999999999999999999999",
       "--seed: '99999999999999999999999' is larger than the largest allowed, 18446744073709551615"},
      {"report FLAGSHIP --runs 1e3 -o /dev/null", "--runs: expected a whole number (0, 1, 2, ...), got '1e3'"},
      {"sensitivity FLAGSHIP --runs +7", "--runs: expected a whole number (0, 1, 2, ...), got '+7'"},
  };
  for (const auto& c : cases) {
    std::string args = c.args;
    args.replace(args.find("FLAGSHIP"), 8, kFlagship);
    const auto result = run_detente(args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_THAT(result.err, HasSubstr(std::string("detente: error: ") + c.message)) << c.args;
    EXPECT_THAT(result.err, HasSubstr("fix: run 'detente " + args.substr(0, args.find(' ')) + " --help'")) << c.args;
    EXPECT_EQ(result.out, "") << c.args;
  }
}

TEST(NumericOptions, TheLargestSeedIsTakenAsWritten) {
  const auto result = run_detente("run " + kFlagship + " --seed 18446744073709551615 --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"seed\": 18446744073709551615"));
}

TEST(NumericOptions, CLI11sOwnMessagesAreRewrittenIntoDetentesForm) {
  const auto result = run_detente("run " + kFlagship + " 1 --threads");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("detente: error: "));
  EXPECT_THAT(result.err, HasSubstr("fix: run 'detente run --help'"));
}

// `run` without --runs tells one story; --runs 0 and the ensemble's options are refused rather
// than dropped in silence.
TEST(NumericOptions, ASingleRunRefusesWhatOnlyAnEnsembleCanUse) {
  const BadNumber cases[] = {
      {"--runs 0", "field '--runs': expected at least 1 run, got 0"},
      {"--resume", "field '--resume': applies to an ensemble"},
      {"--out never-written.db", "field '--out': applies to an ensemble"},
      {"--per-run", "field '--per-run': applies to an ensemble"},
      {"--threads 2", "field '--threads': applies to an ensemble"},
  };
  for (const auto& c : cases) {
    const auto result = run_detente("run " + kFlagship + " " + c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_THAT(result.err, HasSubstr(c.message)) << c.args;
    EXPECT_EQ(result.out, "") << c.args;
  }
}

// Sensitivity indices need the output in every run: an outcome some runs lack is refused with
// the reason, not analysed over the runs that happen to have it; an unknown one is named as such.
TEST(NumericOptions, SensitivityRefusesOutputsSomeRunsLack) {
  for (const char* output : {"agreement_step", "position_gap.2014-11-24", "terms.relief"}) {
    const auto result = run_detente("sensitivity " + kFlagship + " --runs 20 --output " + output);
    EXPECT_EQ(result.exit_code, 2) << output;
    EXPECT_THAT(result.err, HasSubstr(std::string("'") + output + "' is undefined in the runs that have none"))
        << output;
  }
  const auto unknown = run_detente("sensitivity " + kFlagship + " --runs 20 --output agreement_by.2016-01-01");
  EXPECT_THAT(unknown.err, HasSubstr("unknown output 'agreement_by.2016-01-01'"));
  EXPECT_THAT(unknown.err, HasSubstr("closed.2014-11-24.positions"));  // the diagnostics can be analysed
}

}  // namespace
}  // namespace detente
