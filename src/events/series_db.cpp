#include "events/series_db.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <optional>

#include "results/database.h"
#include "results/sqlite_statement.h"

namespace detente::events {
namespace {

using results::sqlite::exec;
using results::sqlite::Statement;

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE inputs (position INTEGER PRIMARY KEY, name TEXT NOT NULL, format TEXT NOT NULL,
  goldstein_table TEXT NOT NULL, rows INTEGER NOT NULL, counted INTEGER NOT NULL, skipped INTEGER NOT NULL,
  outside_dates INTEGER NOT NULL, unmatched INTEGER NOT NULL, same_actor INTEGER NOT NULL);
CREATE TABLE dyad_series (source TEXT NOT NULL, target TEXT NOT NULL, period_start TEXT NOT NULL,
  events INTEGER NOT NULL, goldstein_sum REAL NOT NULL, goldstein_mean REAL NOT NULL,
  verbal_cooperation INTEGER NOT NULL, material_cooperation INTEGER NOT NULL,
  verbal_conflict INTEGER NOT NULL, material_conflict INTEGER NOT NULL,
  PRIMARY KEY (source, target, period_start));
CREATE TABLE unmatched_actors (name TEXT PRIMARY KEY, events INTEGER NOT NULL);
CREATE TABLE skipped_rows (position INTEGER PRIMARY KEY, message TEXT NOT NULL);
)sql";

bool write_rows(sqlite3* db, const EventsReport& report, const std::map<std::string, std::string>& meta) {
  Statement m(db, "INSERT INTO meta VALUES (?, ?)");
  for (const auto& [key, value] : meta) {
    m.bind(1, key);
    m.bind(2, value);
    if (!m.done()) return false;
  }
  m.bind(1, std::string("schema_version"));
  m.bind(2, std::to_string(kSchemaVersion));
  if (!m.done()) return false;
  m.bind(1, std::string("kind"));
  m.bind(2, std::string("event_series"));
  if (!m.done()) return false;
  Statement in(db, "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::int64_t position = 0;
  for (const auto& i : report.inputs) {
    in.bind(1, ++position);
    in.bind(2, i.name);
    in.bind(3, std::string(format_name(i.format)));
    in.bind(4, std::string(table_name(i.table)));
    in.bind(5, i.rows);
    in.bind(6, i.counted);
    in.bind(7, i.skipped);
    in.bind(8, i.outside_dates);
    in.bind(9, i.unmatched);
    in.bind(10, i.same_actor);
    if (!in.done()) return false;
  }
  Statement s(db, "INSERT INTO dyad_series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& r : report.series) {
    s.bind(1, r.source);
    s.bind(2, r.target);
    s.bind(3, r.period);
    s.bind(4, r.stats.events);
    s.bind(5, r.stats.goldstein_sum());
    s.bind(6, r.stats.goldstein_mean());
    for (int q = 0; q < 4; ++q) s.bind(7 + q, r.stats.quad[static_cast<std::size_t>(q)]);
    if (!s.done()) return false;
  }
  Statement u(db, "INSERT INTO unmatched_actors VALUES (?, ?)");
  for (const auto& n : report.unmatched_names) {
    u.bind(1, n.name);
    u.bind(2, n.events);
    if (!u.done()) return false;
  }
  Statement k(db, "INSERT INTO skipped_rows VALUES (?, ?)");
  position = 0;
  for (const auto& message : report.skipped_messages) {
    k.bind(1, ++position);
    k.bind(2, message);
    if (!k.done()) return false;
  }
  return true;
}

}  // namespace

Result<bool> write_series_db(const std::string& path, const EventsReport& report,
                             const std::map<std::string, std::string>& meta) {
  std::optional<Error> failed;
  {
    auto created = results::create_database(path, "--out", "choose another path, or remove the file");
    if (!created) return created.error();
    sqlite3* const db = created->handle();
    if (!exec(db, "BEGIN") || !exec(db, kSchema) || !write_rows(db, report, meta) || !exec(db, "COMMIT")) {
      failed =
          created->failure("cannot write the database", "--out", "check that the directory exists and is writable");
    }
  }
  if (failed) {
    std::filesystem::remove(path);
    return *failed;
  }
  return true;
}

}  // namespace detente::events
