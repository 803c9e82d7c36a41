// detente events through the real program: output formats, the database, --skip-bad, and every
// message of the malformed corpus (tests/data/events/malformed/cases.tsv).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace detente {
namespace {

using testing::data_path;
using ::testing::HasSubstr;
using testing::run_detente;

std::string events_file(const std::string& name) { return data_path("events/" + name); }

// The series of make_handmade.py's GDELT file, worked by hand in tests/events/readers_test.cpp.
constexpr const char* kHandmadeCsv =
    "source,target,period_start,events,goldstein_sum,goldstein_mean,verbal_cooperation,material_cooperation,"
    "verbal_conflict,material_conflict\n"
    "Iran,US,2014-08-04,2,5.9,2.95,2,0,0,0\n"
    "Iran,US,2014-09-01,1,9,9,0,1,0,0\n"
    "US,Iran,2014-08-11,2,-10,-5,0,0,1,1\n";

TEST(EventsCommand, CsvOfTheHandmadeFileIsTheHandWorkedSeries) {
  for (const char* file : {"handmade.gdelt1.tsv", "handmade.gdelt1.tsv.gz", "handmade.gdelt1.zip"}) {
    const auto result = run_detente("events " + events_file(file) + " --actors Iran,US --by week --format csv");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, kHandmadeCsv) << file;
    EXPECT_THAT(result.err, HasSubstr("5 events counted; not counted: 2 with an actor outside the requested ones, 1 "
                                      "within one actor, 0 outside the dates, 0 malformed rows skipped"));
    EXPECT_THAT(result.err, HasSubstr("1  SYR"));
    EXPECT_THAT(result.err, HasSubstr("1  UK (not requested)"));
  }
}

TEST(EventsCommand, WorksFromAnyDirectory) {
  // The CAMEO tables and default aliases are inside the program.
  const std::string command = "cd / && " + testing::detente_program() + " events " +
                              events_file("handmade.gdelt1.tsv") +
                              " --actors Iran,US --by week --format csv 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0);
  EXPECT_EQ(out, kHandmadeCsv);
}

TEST(EventsCommand, JsonCarriesTheSeriesAndWhatWasLeftOut) {
  const auto result =
      run_detente("events " + events_file("handmade.gdelt1.tsv") + " --actors Iran,US --by month --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  ASSERT_EQ(doc["series"].size(), 3u);
  EXPECT_EQ(doc["series"][0]["source"], "Iran");
  EXPECT_EQ(doc["series"][0]["period_start"], "2014-08-01");
  EXPECT_EQ(doc["series"][0]["events"], 2);
  EXPECT_DOUBLE_EQ(doc["series"][0]["goldstein_sum"].get<double>(), 5.9);
  EXPECT_EQ(doc["not_counted"]["unmatched"], 2);
  EXPECT_EQ(doc["not_counted"]["same_actor"], 1);
  EXPECT_EQ(doc["inputs"][0]["format"], "gdelt1");
  EXPECT_EQ(doc["unmatched_names"][0]["name"], "SYR");
}

TEST(EventsCommand, TheDatabaseHoldsTheSeries) {
  const std::string db = ::testing::TempDir() + "events_command_test_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(db);
  const auto result =
      run_detente("events " + events_file("handmade.gdelt1.tsv") + " --actors Iran,US --by week --out " + db);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return value;
  };
  EXPECT_EQ(scalar("SELECT count(*) FROM dyad_series"), "3");
  EXPECT_EQ(scalar("SELECT goldstein_sum FROM dyad_series WHERE source='US' AND period_start='2014-08-11'"), "-10.0");
  EXPECT_EQ(scalar("SELECT material_conflict FROM dyad_series WHERE source='US'"), "1");
  EXPECT_EQ(scalar("SELECT unmatched || ',' || same_actor || ',' || format FROM inputs"), "2,1,gdelt1");
  EXPECT_EQ(scalar("SELECT events FROM unmatched_actors WHERE name='SYR'"), "1");
  EXPECT_EQ(scalar("SELECT value FROM meta WHERE key='period'"), "week");
  sqlite3_close(handle);
  // An existing database is never overwritten.
  const auto again =
      run_detente("events " + events_file("handmade.gdelt1.tsv") + " --actors Iran,US --by week --out " + db);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("the database already exists"));
  std::filesystem::remove(db);
}

TEST(EventsCommand, EveryBadRowOfTheMalformedCorpusGetsItsMessage) {
  std::ifstream cases(data_path("events/malformed/cases.tsv"));
  std::string line;
  int checked = 0;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const std::string file = line.substr(0, tab);
    const std::string path = data_path("events/malformed/" + file);
    const auto result = run_detente("events " + path + " --actors Iran,US --by month");
    EXPECT_EQ(result.exit_code, 2) << file;
    EXPECT_EQ(result.err, "detente: error: " + data_path("events/malformed/") + line.substr(tab + 1) + "\n") << file;
    EXPECT_EQ(result.out, "") << file;
    ++checked;
  }
  EXPECT_EQ(checked, 14);
}

TEST(EventsCommand, SkipBadGoesOnAndCountsTheSkippedRows) {
  const auto result = run_detente("events " + data_path("events/malformed/gdelt_bad_code.tsv") +
                                  " --actors Iran,US --by month --skip-bad --format csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Iran,US,2014-08-01,2,8,4,2,0,0,0\n"));  // the two good rows: 036, +4.0 each
  EXPECT_THAT(result.err, HasSubstr("1 malformed rows skipped"));
  EXPECT_THAT(result.err,
              HasSubstr("skipped: " + data_path("events/malformed/gdelt_bad_code.tsv") + ":3: field 'EventCode'"));
}

TEST(EventsCommand, BadOptionsAreRefusedWithTheFix) {
  const std::string file = events_file("handmade.gdelt1.tsv") + " ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--actors Iran,Atlantis --by month", "field '--actors': the alias file has no actor 'Atlantis'"},
      {"--actors Iran,US --by month --from 2014-09-01 --to 2014-08-01", "--from 2014-09-01 is after --to 2014-08-01"},
      {"--actors Iran,US --by month --from 2014-02-30", "field '--from': expected a date YYYY-MM-DD"},
      {"--actors Iran,US --by year", "fix: run 'detente events --help'"},
      {"--actors Iran,US --by month --top -1", "expected a whole number"},
      {"--actors Iran,Iran --by month", "'Iran' is requested twice"},
      {"--actors Iran,US --by month --aliases " + events_file("handmade.icews.tab"),
       "expected the header 'actor,match,value,sectors'"},
  };
  for (const auto& [options, message] : cases) {
    const auto result = run_detente("events " + file + options);
    EXPECT_EQ(result.exit_code, 2) << options;
    EXPECT_THAT(result.err, HasSubstr(message)) << options;
  }
}

}  // namespace
}  // namespace detente
