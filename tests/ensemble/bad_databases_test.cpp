// A corpus of bad databases, each made by the test from a real one (or written beside it), run
// through the three commands that open an existing database: export, report and run --resume.
// Every one must stop with exit status 2 and a message naming the file and what is wrong, never
// export a partial table, never read the file as another format (issue #14).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";
const std::string kPlan = " --runs 300 --chunk 100 --seed 2 --per-run --threads 1";

struct Corpus {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("detente-bad-db-" + std::to_string(getpid()));
  Corpus() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Corpus() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  // A path in the corpus with nothing at it yet (a repeated test starts afresh).
  [[nodiscard]] std::string path(const std::string& name) const {
    const std::string p = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm", ".html"}) std::filesystem::remove(p + suffix);
    return p;
  }
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

// A real, complete ensemble database of the flagship, made once.
const std::string& good_database() {
  static const std::string path = [] {
    const std::string p = corpus().path("good.db");
    const auto made = testing::run_detente("run " + kFlagship + kPlan + " --out " + p + " --format json");
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return p;
  }();
  return path;
}

std::string copy_of_good(const std::string& name) {
  const std::string p = corpus().path(name);
  std::filesystem::copy_file(good_database(), p, std::filesystem::copy_options::overwrite_existing);
  return p;
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// SQLite's page size, from the file header (https://www.sqlite.org/fileformat2.html, 1.3.2).
std::uint32_t page_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[18] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  const std::uint32_t size = (header[16] << 8U) | header[17];
  return size == 1 ? 65536U : size;
}

struct Outcome {
  testing::CommandOutput exported, reported, resumed;
};

Outcome open_three_ways(const std::string& db) {
  return {testing::run_detente("export " + db + " --format csv"),
          testing::run_detente("report " + db + " -o " + db + ".html"),
          testing::run_detente("run " + kFlagship + kPlan + " --out " + db + " --resume")};
}

// Each command refused the file with exit 2 and a message that names it and says `what`.
void expect_refused(const Outcome& o, const std::string& db, const std::string& what) {
  for (const auto* run : {&o.exported, &o.reported, &o.resumed}) {
    EXPECT_EQ(run->exit_code, 2) << run->out << run->err;
    EXPECT_THAT(run->err, HasSubstr(db)) << "the message names the file";
    EXPECT_THAT(run->err, HasSubstr(what));
    EXPECT_THAT(run->err, HasSubstr("Fix: "));
  }
  EXPECT_TRUE(o.exported.out.empty()) << "nothing exported from a bad database: " << o.exported.out.substr(0, 200);
  EXPECT_FALSE(std::filesystem::exists(db + ".html"));
}

TEST(BadDatabases, ATruncatedFileIsRefusedAsTruncated) {
  const std::string db = copy_of_good("truncated.db");
  const auto size = std::filesystem::file_size(db);
  std::filesystem::resize_file(db, size / 2);
  const auto o = open_three_ways(db);
  expect_refused(o, db, "the file is truncated");
  EXPECT_THAT(o.exported.err, HasSubstr("the file has " + std::to_string(size / 2)));
}

TEST(BadDatabases, GarbageOverOnePageFailsTheIntegrityCheck) {
  const std::string db = copy_of_good("corrupted.db");
  const std::uint32_t page = page_size(db);
  const auto pages = std::filesystem::file_size(db) / page;
  ASSERT_GE(pages, 4U);
  // Overwrite the middle page (never page 1, the header) with a fixed pseudo-random pattern.
  std::fstream file(db, std::ios::binary | std::ios::in | std::ios::out);
  file.seekp(static_cast<std::streamoff>((pages / 2) * page));
  std::uint32_t x = 12345;
  for (std::uint32_t i = 0; i < page; ++i) {
    x = x * 1664525U + 1013904223U;  // Numerical Recipes' LCG: any garbage will do
    file.put(static_cast<char>(x >> 24U));
  }
  file.close();
  const auto o = open_three_ways(db);
  expect_refused(o, db, "the database is damaged: SQLite's integrity check (PRAGMA quick_check)");
}

TEST(BadDatabases, AForeignSqliteDatabaseIsNotReadAsDetentes) {
  const std::string db = corpus().path("foreign.db");
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES('Blue Moon')", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  const auto o = open_three_ways(db);
  expect_refused(o, db, "an SQLite database, but not one detente wrote (it has no meta table; its tables: songs)");
}

TEST(BadDatabases, ATextFileNamedDbIsNotParsedAsATable) {
  const std::string db = corpus().path("table.db");
  write_text(db, "Actor,Capability,Position,Salience\nA,1,2,3\nB,2,4,5\n");
  const auto o = open_three_ways(db);
  expect_refused(o, db, "not an SQLite database");
  EXPECT_THAT(o.reported.err, HasSubstr("this file starts with 'Actor,Capability'"));
}

TEST(BadDatabases, AnEmptyFileIsRefused) {
  const std::string db = corpus().path("empty.db");
  write_text(db, "");
  expect_refused(open_three_ways(db), db, "the file is empty");
}

TEST(BadDatabases, ATableEnsembleIsExportedButNeitherReportedNorResumed) {
  const std::string db = corpus().path("stakeholder.db");
  const auto made = testing::run_detente("forecast " + std::string(DETENTE_SOURCE_DIR) +
                                         "/examples/ec10.csv --model compromise --runs 50 --out " + db);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto o = open_three_ways(db);
  EXPECT_EQ(o.exported.exit_code, 0) << o.exported.err;  // any detente database exports
  EXPECT_THAT(testing::run_detente("export " + db + " --format csv --table summary").out,
              HasSubstr("model,issue,runs,base"));
  for (const auto* refused : {&o.reported, &o.resumed}) {
    EXPECT_EQ(refused->exit_code, 2) << refused->err;
    EXPECT_THAT(refused->err, HasSubstr("a stakeholder_table_ensemble database (made by 'detente forecast"));
  }
  EXPECT_THAT(o.resumed.err, HasSubstr("this needs ensemble database"));
  EXPECT_THAT(o.reported.err, HasSubstr("this needs ensemble or compare database"));
}

TEST(BadDatabases, AComparisonIsNotResumedAsAnEnsemble) {
  const std::string db = corpus().path("compare.db");
  const auto made =
      testing::run_detente("compare " + kFlagship + " --policy engage --runs 100 --threads 1 --out " + db);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto resumed = testing::run_detente("run " + kFlagship + kPlan + " --out " + db + " --resume");
  EXPECT_EQ(resumed.exit_code, 2);
  EXPECT_THAT(resumed.err, HasSubstr("a compare database (made by 'detente compare"));
}

std::string meta_value(const std::string& db, const std::string& key) {
  sqlite3* handle = nullptr;
  std::string value;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(handle, ("SELECT value FROM meta WHERE key = '" + key + "'").c_str(), -1, &statement, nullptr);
  if (sqlite3_step(statement) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return value;
}

TEST(BadDatabases, ADatabaseOfAnotherScenarioIsExportedButNotResumed) {
  const std::string changed = corpus().path("changed.toml");
  std::ifstream original(kFlagship, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(original)), std::istreambuf_iterator<char>());
  write_text(changed, text + "\n# a changed copy\n");
  const std::string db = corpus().path("other-scenario.db");
  ASSERT_EQ(testing::run_detente("run " + changed + kPlan + " --out " + db).exit_code, 0);
  const auto o = open_three_ways(db);
  EXPECT_EQ(o.exported.exit_code, 0) << o.exported.err;
  EXPECT_EQ(o.reported.exit_code, 0) << o.reported.err;
  EXPECT_EQ(o.resumed.exit_code, 2);
  // Both hashes, as the two databases store them, and both files.
  const std::string theirs = meta_value(db, "scenario_hash");
  const std::string ours = meta_value(good_database(), "scenario_hash");
  ASSERT_EQ(theirs.size(), 16U);
  ASSERT_NE(theirs, ours);
  EXPECT_THAT(o.resumed.err, HasSubstr("the database holds another ensemble: scenario_hash " + theirs + " (" + changed +
                                       ") in the database, " + ours + " (" + kFlagship + ") here"));
}

TEST(BadDatabases, ResumeNamesEveryDifferingFieldOfThePlan) {
  const std::string db = copy_of_good("plan.db");
  const auto resumed = testing::run_detente(
      "run " + kFlagship + " --runs 400 --chunk 100 --seed 9 --per-run --threads 1 --out " + db + " --resume");
  EXPECT_EQ(resumed.exit_code, 2);
  EXPECT_THAT(resumed.err, HasSubstr("seed 2 in the database, 9 here"));
  EXPECT_THAT(resumed.err, HasSubstr("runs 300 in the database, 400 here"));
  EXPECT_THAT(resumed.err, Not(HasSubstr("chunk_size")));
  EXPECT_THAT(resumed.err, Not(HasSubstr("scenario_hash")));
}

TEST(BadDatabases, TheSameScenarioTextUnderAnotherPathResumes) {
  const std::string db = copy_of_good("other-path.db");
  // The same file named another way: the path differs as text, the content is the same.
  const std::string other_path = std::string(DETENTE_SOURCE_DIR) + "/examples/./../examples/iran-west-2014.toml";
  const auto resumed = testing::run_detente("run " + other_path + kPlan + " --out " + db + " --resume --format json");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(testing::run_detente("export " + db + " --format csv --table events").out,
            testing::run_detente("export " + good_database() + " --format csv --table events").out);
}

}  // namespace
}  // namespace detente
