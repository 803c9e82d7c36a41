// detente forecast FILE --runs N through the real program: the JSON contract, the same output for
// any --threads, errors with exit status 2, the results database, and the companion column's note
// on a single run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string example(const std::string& name) { return std::string(DETENTE_SOURCE_DIR) + "/examples/" + name; }

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "forecast_ensemble_" + std::to_string(::getpid()) + "_" + name;
}

TEST(ForecastEnsembleCli, JsonGivesTheBaseForecastTheRunsAndTheThresholdProbabilities) {
  const auto single = testing::run_detente("forecast " + example("ec10.csv") + " --model compromise --format json");
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const double base = nlohmann::json::parse(single.out)["issues"][0]["forecast"].get<double>();

  const auto run = testing::run_detente("forecast " + example("ec10.csv") +
                                        " --model compromise --runs 500 --perturb 'position=normal(1)' --threshold 7 "
                                        "--format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["ensemble"]["runs"], 500);
  EXPECT_EQ(json["ensemble"]["seed"], 1);
  EXPECT_EQ(json["ensemble"]["perturb"][0], "position=normal(1)");
  const auto& issue = json["models"][0]["issues"][0];
  EXPECT_EQ(json["models"][0]["model"], "compromise");
  EXPECT_EQ(issue["base"].get<double>(), base);
  EXPECT_EQ(issue["runs"], 500);
  EXPECT_GT(issue["sd"].get<double>(), 0.0);
  const auto& threshold = issue["thresholds"][0];
  EXPECT_EQ(threshold["value"].get<double>(), 7.0);
  const auto above = threshold["above"]["count"].get<std::uint64_t>();
  const auto below = threshold["below"]["count"].get<std::uint64_t>();
  EXPECT_LE(above + below, 500U);
  EXPECT_NEAR(threshold["above"]["p"].get<double>(), static_cast<double>(above) / 500.0, 1e-12);
  EXPECT_LE(threshold["above"]["lo95"].get<double>(), threshold["above"]["p"].get<double>());
}

TEST(ForecastEnsembleCli, OutputIsTheSameForOneAndTwoThreads) {
  const std::string command = "forecast " + example("ec10.csv") +
                              " --model eu --model median --runs 120 --seed 8 --perturb 'salience=normal(10%)' "
                              "--perturb 'position.Germany=uniform(2)' --threshold 7 --format csv --threads ";
  const auto one = testing::run_detente(command + "1");
  const auto two = testing::run_detente(command + "2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_THAT(one.out, StartsWith("model,issue,statistic,threshold,value,lo95,hi95\n"));
  EXPECT_THAT(one.out, HasSubstr("\neu,issue,p_above,7,"));
  const auto table = testing::run_detente("forecast " + example("ec10.csv") +
                                          " --model eu --runs 50 --perturb 'position=normal(1)' --threshold 7");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Ensemble over"));
  EXPECT_THAT(table.out, HasSubstr("threshold 7: probability (Wilson 95% interval)"));
}

struct CliError {
  std::string args;
  std::string field;
  std::string phrase;
};

TEST(ForecastEnsembleCli, BadEnsembleOptionsExitWith2AndOneMessage) {
  const std::string ec10 = example("ec10.csv");
  const std::vector<CliError> cases = {
      {"--runs 10 --perturb 'position.Nobody=normal(1)'", "--perturb", "no actor named 'Nobody'"},
      {"--runs 10 --perturb 'position=normal(-3)'", "--perturb", "normal takes one number above 0"},
      {"--runs 10 --perturb 'weight=normal(1)'", "--perturb", "unknown field 'weight'"},
      {"--perturb 'position=normal(1)'", "--perturb", "--perturb applies to ensembles, and --runs was not given"},
      {"--threshold 7", "--threshold", "--runs was not given"},
      {"--runs 10 --threshold tax=7", "--threshold", "no issue named 'tax'"},
      {"--runs 10 --per-run", "--per-run", "add --out results.db"},
      {"--model smp --runs 10 -O threads=2", "--option threads", "every model run uses one thread"},
  };
  for (const auto& c : cases) {
    const auto run = testing::run_detente("forecast " + ec10 + " " + c.args);
    EXPECT_EQ(run.exit_code, 2) << c.args << "\n" << run.err;
    EXPECT_EQ(run.out, "") << c.args;
    EXPECT_THAT(run.err, StartsWith("detente: error: field '" + c.field + "': ")) << c.args;
    EXPECT_THAT(run.err, HasSubstr(c.phrase)) << c.args;
    EXPECT_THAT(run.err, HasSubstr(". Fix: ")) << c.args;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

TEST(ForecastEnsembleCli, OutWritesANewDatabaseWithEveryRun) {
  const std::string path = temp_path("results.db");
  std::filesystem::remove(path);
  const std::string command = "forecast " + example("ec10.csv") +
                              " --model compromise --runs 250 --perturb 'position=triangular(2)' --out " + path +
                              " --per-run";
  const auto run = testing::run_detente(command);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*), AVG(forecast) FROM runs", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(stmt, 0), 250);
  const double average = sqlite3_column_double(stmt, 1);
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT mean FROM summary WHERE model = 'compromise'", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_NEAR(sqlite3_column_double(stmt, 0), average, 1e-9);
  sqlite3_finalize(stmt);
  sqlite3_close(db);

  const auto again = testing::run_detente(command);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  std::filesystem::remove(path);
}

TEST(ForecastEnsembleCli, ASingleRunNotesThatTheUncertaintyColumnIsForEnsembles) {
  const std::string path = temp_path("sd.csv");
  std::ofstream(path) << "Actor,Capability,Position,Salience,Position_sd\nA,1,50,1,4\nB,1,0,1,0\nC,2,100,1,0\n";
  const auto single = testing::run_detente("forecast " + path + " --model compromise");
  ASSERT_EQ(single.exit_code, 0) << single.err;
  EXPECT_THAT(single.out, HasSubstr("used only by ensembles"));
  EXPECT_THAT(single.out, HasSubstr("62.5"));
  const auto ensemble = testing::run_detente("forecast " + path + " --model compromise --runs 100 --format json");
  ASSERT_EQ(ensemble.exit_code, 0) << ensemble.err;
  const auto json = nlohmann::json::parse(ensemble.out);
  EXPECT_EQ(json["ensemble"]["companion_columns"][0], "Position_sd");
  EXPECT_GT(json["models"][0]["issues"][0]["sd"].get<double>(), 0.0);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace detente
