#include "results/database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace detente::results {
namespace {

using ::testing::HasSubstr;

std::string fresh_path(const std::string& name) {
  const auto path =
      std::filesystem::temp_directory_path() / ("detente-results-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove(path);
  return path.string();
}

// The test vectors of the FNV-1a 64-bit hash published with it (Fowler, Noll and Vo,
// http://www.isthe.com/chongo/tech/comp/fnv/, "FNV-1a 64 bit test vectors").
TEST(TextHash, MatchesThePublishedFnv1aVectors) {
  EXPECT_EQ(text_hash(""), "cbf29ce484222325");
  EXPECT_EQ(text_hash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(text_hash("foobar"), "85944171f73967e8");
}

TEST(Database, CreateRefusesAnExistingFile) {
  const std::string path = fresh_path("exists.db");
  { ASSERT_TRUE(create_database(path, "--out", "choose another path").ok()); }
  auto again = create_database(path, "--out", "choose another path");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message(), path + ": field '--out': the database already exists. Fix: choose another path");
  std::filesystem::remove(path);
}

// A database with a detente meta table of the given kind ("" for an ensemble's, which has none).
std::string detente_database(const std::string& name, const std::string& kind) {
  const std::string path = fresh_path(name);
  auto db = create_database(path, "--out", "");
  EXPECT_TRUE(db.ok());
  std::string sql =
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema_version', '1');";
  if (!kind.empty()) sql += "INSERT INTO meta VALUES('kind', '" + kind + "');";
  EXPECT_EQ(sqlite3_exec(db->handle(), sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  return path;
}

TEST(Database, OpensTheKindsAskedForAndNamesAnyOther) {
  const std::string ensemble = detente_database("ensemble.db", "");
  const std::string compare = detente_database("compare.db", "compare");
  const Expectation wants_ensemble{.kinds = {kEnsembleKind}, .field = "--resume", .fix = "give an ensemble"};
  auto opened = open_database(ensemble, Access::kReadOnly, wants_ensemble);
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  EXPECT_EQ(opened->kind(), "ensemble");
  auto wrong = open_database(compare, Access::kReadOnly, wants_ensemble);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message(),
            compare + ": field '--resume': a compare database; this needs ensemble database. Fix: give an ensemble");
  EXPECT_TRUE(open_database(compare, Access::kReadOnly, {}).ok()) << "no kinds asked for: any detente database";
  std::filesystem::remove(ensemble);
  std::filesystem::remove(compare);
}

TEST(Database, RefusesAnotherSchemaVersion) {
  const std::string path = detente_database("v2.db", "");
  {
    auto db = open_database(path, Access::kReadWrite, {});
    ASSERT_TRUE(db.ok());
    sqlite3_exec(db->handle(), "UPDATE meta SET value = '2' WHERE key = 'schema_version'", nullptr, nullptr, nullptr);
  }
  auto reopened = open_database(path, Access::kReadOnly, {});
  ASSERT_FALSE(reopened.ok());
  EXPECT_THAT(reopened.error().problem, HasSubstr("schema version '2'"));
  std::filesystem::remove(path);
}

void write_lock_row(const std::string& path, long pid, const std::string& host) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const std::string sql =
      "CREATE TABLE IF NOT EXISTS lock(id INTEGER PRIMARY KEY, pid INTEGER, host TEXT, command TEXT, since TEXT);"
      "INSERT OR REPLACE INTO lock VALUES(0, " +
      std::to_string(pid) + ", '" + host + "', 'detente run x', '2026-01-01T00:00:00Z')";
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

std::string this_host() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

TEST(Database, TakesOverTheLockOfAProcessThatDiedAndReleasesItsOwn) {
  const std::string path = detente_database("stale.db", "");
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);  // a pid that no longer runs
  write_lock_row(path, child, this_host());
  {
    auto db = open_database(path, Access::kReadWrite, {});
    ASSERT_TRUE(db.ok());
    EXPECT_TRUE(db->lock("detente run y").ok());
  }
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(raw, "SELECT count(*) FROM lock", -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 0) << "released when the database closed";
  sqlite3_finalize(count);
  sqlite3_close(raw);
  std::filesystem::remove(path);
}

TEST(Database, ALockFromAnotherHostCountsAsHeld) {
  const std::string path = detente_database("remote.db", "");
  write_lock_row(path, 4242, "another-host.example");
  auto db = open_database(path, Access::kReadWrite, {});
  ASSERT_TRUE(db.ok());
  auto locked = db->lock("detente run y");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().message(),
            path +
                ": is in use by another detente process (pid 4242 on another-host.example, since "
                "2026-01-01T00:00:00Z: detente run x). Fix: wait for it or use another --out");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace detente::results
