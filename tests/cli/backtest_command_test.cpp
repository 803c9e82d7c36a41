// detente backtest through the program, as a user runs it: its answers equal those of
// `detente run --runs` on the same seed, and bad input exits 2 naming the field and the fix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;
using testing::run_detente;

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";
const std::string kTimeline = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.timeline.toml";

TEST(BacktestCommand, AnswersEqualTheEnsemblesOwnProbabilitiesOnTheSameSeed) {
  const auto backtest =
      run_detente("backtest " + kFlagship + " --timeline " + kTimeline + " --runs 400 --seed 5 --format json");
  ASSERT_EQ(backtest.exit_code, 0) << backtest.err;
  const auto ensemble = run_detente("run " + kFlagship + " --runs 400 --seed 5 --format json");
  ASSERT_EQ(ensemble.exit_code, 0) << ensemble.err;
  const auto scored = nlohmann::json::parse(backtest.out);
  const auto summary = nlohmann::json::parse(ensemble.out);
  std::map<std::string, double> by_date;  // the ensemble's agreement_by.DATE and agreement (by the horizon)
  for (const auto& e : summary["events"]) by_date[e["name"].get<std::string>()] = e["p"].get<double>();
  int compared = 0;
  for (const auto& q : scored["questions"]) {
    const std::string label = q["question"];
    const std::string date = q["date"];
    if (label.rfind("agreement by ", 0) != 0) continue;
    const std::string name = date == "2015-12-31" ? "agreement" : "agreement_by." + date;
    if (!by_date.contains(name)) continue;
    EXPECT_DOUBLE_EQ(q["probability"].get<double>(), by_date[name]) << label;
    ++compared;
  }
  EXPECT_EQ(compared, 4);  // 2014-11-24, 2015-06-30, 2015-07-14 and the horizon
  ASSERT_EQ(scored["scores"].size(), 3U);
  EXPECT_EQ(scored["scores"][0]["forecaster"], "detente");
  EXPECT_EQ(scored["scores"][2]["log"], "inf");  // persistence is certain and wrong about the deal
}

TEST(BacktestCommand, TheTextNamesTheOriginTheScoresAndWhatWasNotScored) {
  const auto r = run_detente("backtest " + kFlagship + " --timeline " + kTimeline + " --runs 200");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("forecast origin (as_of) 2014-08-28"));
  EXPECT_THAT(r.out, HasSubstr("Brier, mean over"));
  EXPECT_THAT(r.out, HasSubstr("lausanne (framework): the talks have no interim or framework stage yet"));
}

TEST(BacktestCommand, AScenarioWithoutAsOfIsRefusedWithTheFix) {
  std::ifstream in(kFlagship);
  std::stringstream text;
  text << in.rdbuf();
  std::string scenario = text.str();
  scenario.erase(scenario.find("as_of = 2014-08-28"), std::string("as_of = 2014-08-28").size());
  const auto path = std::filesystem::temp_directory_path() / "detente-backtest-no-as-of.toml";
  std::ofstream(path) << scenario;
  const auto r = run_detente("backtest " + path.string() + " --timeline " + kTimeline + " --runs 10");
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("scenario.as_of"));
  EXPECT_THAT(r.err, HasSubstr("add as_of = YYYY-MM-DD"));
  EXPECT_EQ(r.out, "");
}

TEST(BacktestCommand, AMissingTimelineIsRefused) {
  const auto r = run_detente("backtest " + kFlagship + " --timeline /nonexistent.toml --runs 10");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent.toml"));
}

}  // namespace
}  // namespace detente
