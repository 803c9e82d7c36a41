// detente compare --out and detente sensitivity --out as a user runs them: the database holds what
// the command printed, each arm of a comparison equals the ensemble of that arm alone (common
// random numbers: the same draws), and export reads every table back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace detente {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("detente-analysis-" + std::to_string(getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
};

nlohmann::json export_json(const std::string& db) {
  const auto out = testing::run_detente("export " + db + " --format json");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  return nlohmann::json::parse(out.out);
}

TEST(CompareDatabase, HoldsWhatWasPrintedAndEachArmEqualsItsOwnEnsemble) {
  const TempDir dir;
  const std::string db = dir.file("compare.db");
  const std::string common = kFlagship + " --runs 1500 --seed 5 --threads 2 --format json";
  const auto printed = testing::run_detente("compare " + common + " --policy engage --policy none --out " + db);
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const auto shown = nlohmann::json::parse(printed.out);
  const auto stored = export_json(db);
  EXPECT_EQ(stored["meta"]["kind"], "compare");
  EXPECT_EQ(stored["meta"]["runs"], "1500");

  // Every difference printed is a row of event_differences, to the last bit.
  const auto& differences = shown["differences"][0]["events"];
  ASSERT_EQ(stored["event_differences"].size(), differences.size());
  for (std::size_t e = 0; e < differences.size(); ++e) {
    const auto& row = stored["event_differences"][e];
    EXPECT_EQ(row["name"], differences[e]["name"]);
    EXPECT_EQ(row["first"], "engage");
    EXPECT_EQ(row["second"], "none");
    EXPECT_EQ(row["difference"].get<double>(), differences[e]["difference"].get<double>());
    EXPECT_EQ(row["lo95"].get<double>(), differences[e]["lo95"].get<double>());
    EXPECT_EQ(row["only_first"], differences[e]["only_first"]);
  }

  // Each arm's event counts equal an ensemble run with that arm's policies alone.
  for (const std::string arm : {"engage", "none"}) {
    const auto alone = testing::run_detente("run " + common + (arm == "none" ? "" : " --policy " + arm));
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    const auto events = nlohmann::json::parse(alone.out)["events"];
    std::size_t matched = 0;
    for (const auto& row : stored["events"]) {
      if (row["arm"] != arm) continue;
      const auto& e = events[matched++];
      EXPECT_EQ(row["name"], e["name"]);
      EXPECT_EQ(row["count"], e["count"]) << arm << " " << e["name"];
    }
    EXPECT_EQ(matched, events.size()) << arm;
  }
}

TEST(CompareDatabase, RefusesToOverwriteAndExportNamesTheTables) {
  const TempDir dir;
  const std::string db = dir.file("compare.db");
  const std::string command = "compare " + kFlagship + " --runs 200 --policy engage --out " + db;
  ASSERT_EQ(testing::run_detente(command).exit_code, 0);
  const auto again = testing::run_detente(command);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  const auto unknown = testing::run_detente("export " + db + " --table runs");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("event_differences"), std::string::npos) << unknown.err;
  const auto csv = testing::run_detente("export " + db + " --format csv --table quantity_differences");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("first,second,name,pairs,mean_difference,lo95,hi95,paired_t_p\n", 0), 0U) << csv.out;
}

// The temporary database the report is made from is removed. The child gets a private TMPDIR, so
// nothing else on the machine can leave or take files there.
TEST(CompareDatabase, ReportWithoutOutLeavesNoDatabase) {
  const TempDir dir;
  const std::string html = dir.file("compare.html");
  const char* previous = std::getenv("TMPDIR");
  const std::string saved = previous != nullptr ? previous : "";
  ::setenv("TMPDIR", dir.path.c_str(), 1);
  const auto made = testing::run_detente("compare " + kFlagship + " --runs 200 --policy engage --report " + html);
  if (previous != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_GT(std::filesystem::file_size(html), 10000U);
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path)) left.push_back(entry.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{"compare.html"});
}

TEST(SensitivityDatabase, HoldsTheRankingThatWasPrinted) {
  const TempDir dir;
  const std::string db = dir.file("morris.db");
  const auto printed =
      testing::run_detente("sensitivity " + kFlagship +
                           " --method morris --runs 6 --output agreement_by.2015-06-30 --policy engage --format json"
                           " --params trust.correlation,negotiation.concession,threat.growth --out " +
                           db);
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const auto shown = nlohmann::json::parse(printed.out);
  const auto stored = export_json(db);
  EXPECT_EQ(stored["meta"]["kind"], "sensitivity");
  EXPECT_EQ(stored["analysis"][0]["output"], "agreement_by.2015-06-30");
  EXPECT_EQ(stored["analysis"][0]["correlations_applied"], 0);
  ASSERT_EQ(stored["ranking"].size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(stored["ranking"][i]["rank"], i + 1);
    EXPECT_EQ(stored["ranking"][i]["parameter"], shown["ranking"][i]["parameter"]);
    EXPECT_EQ(stored["ranking"][i]["mu_star"].get<double>(), shown["ranking"][i]["mu_star"].get<double>());
  }
  const auto report = testing::run_detente("report " + db + " -o " + dir.file("s.html"));
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("detente export"), std::string::npos) << report.err;
}

}  // namespace
}  // namespace detente
