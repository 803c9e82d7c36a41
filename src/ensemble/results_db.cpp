#include "ensemble/results_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "ensemble/sqlite_statement.h"

namespace detente::ensemble {
namespace {

using sqlite::column_text;
using sqlite::exec;
using sqlite::now_utc;
using sqlite::quote;
using sqlite::Statement;

constexpr int kSchemaVersion = 1;

Error db_error(const std::string& path, const std::string& what, sqlite3* db) {
  return Error{.file = path,
               .problem = what + (db ? std::string(": ") + sqlite3_errmsg(db) : std::string()),
               .fix = "check that the path is writable and the file is a detente results database"};
}

std::map<std::string, std::string> manifest_meta(const RunManifest& m) {
  return {{"schema_version", std::to_string(kSchemaVersion)},
          {"detente_version", DETENTE_VERSION},
          {"scenario_file", m.scenario_file},
          {"scenario_hash", text_hash(m.scenario_text)},
          {"seed", std::to_string(m.seed)},
          {"runs", std::to_string(m.runs)},
          {"chunk_size", std::to_string(m.chunk_size)},
          {"policies", nlohmann::json(m.policies).dump()},
          {"per_run", m.per_run ? "1" : "0"},
          {"command", m.command}};
}

Result<sqlite3*> open_db(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const Error e = db_error(path, "cannot open the results database", db);
    sqlite3_close(db);
    return e;
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

std::map<std::string, std::string> read_meta(sqlite3* db) {
  std::map<std::string, std::string> meta;
  Statement select(db, "SELECT key, value FROM meta");
  if (!select.ok()) return meta;
  while (select.step() == SQLITE_ROW) meta[column_text(select.get(), 0)] = column_text(select.get(), 1);
  return meta;
}

}  // namespace

std::string text_hash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

ResultsDb::~ResultsDb() { sqlite3_close(db_); }

Result<std::unique_ptr<ResultsDb>> ResultsDb::create(const std::string& path, const RunManifest& m) {
  if (std::filesystem::exists(path)) {
    return Error{.file = path,
                 .field = "--out",
                 .problem = "the results database already exists",
                 .fix = "add --resume to continue that ensemble, or choose another path (or remove the file)"};
  }
  auto opened = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!opened) return opened.error();
  std::unique_ptr<ResultsDb> out(new ResultsDb(*opened));
  sqlite3* db = out->db_;
  std::string runs_columns = "run INTEGER PRIMARY KEY";
  for (const auto& e : m.layout.events) runs_columns += ", " + quote(e) + " INTEGER";
  for (const auto& q : m.layout.quantities) runs_columns += ", " + quote(q) + " REAL";
  runs_columns += ", inputs BLOB";
  const std::string schema =
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE scenario(hash TEXT NOT NULL, text TEXT NOT NULL);"
      "CREATE TABLE parameters(idx INTEGER PRIMARY KEY, path TEXT NOT NULL, distribution TEXT NOT NULL);"
      "CREATE TABLE outcomes(kind TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(kind, idx));"
      "CREATE TABLE chunks(chunk INTEGER PRIMARY KEY, first_run INTEGER NOT NULL, runs INTEGER NOT NULL, finished TEXT "
      "NOT NULL);"
      "CREATE TABLE progress(id INTEGER PRIMARY KEY CHECK (id = 0), next_chunk INTEGER NOT NULL, runs_done INTEGER NOT "
      "NULL, summary BLOB);"
      "CREATE TABLE runs(" +
      runs_columns +
      ");"
      "CREATE TABLE events(name TEXT PRIMARY KEY, runs INTEGER, count INTEGER, p REAL, lo95 REAL, hi95 REAL);"
      "CREATE TABLE quantities(name TEXT PRIMARY KEY, n INTEGER, mean REAL, sd REAL, min REAL, q05 REAL, q25 REAL, q50 "
      "REAL, q75 REAL, q95 REAL, max REAL);"
      "CREATE TABLE bands(series TEXT NOT NULL, step INTEGER NOT NULL, date TEXT NOT NULL, q05 REAL, q25 REAL, q50 "
      "REAL, q75 REAL, q95 REAL, PRIMARY KEY(series, step));";
  if (!exec(db, schema) || !exec(db, "BEGIN")) return db_error(path, "cannot create the results database", db);
  Statement meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
  auto values = manifest_meta(m);
  values["created"] = now_utc();
  values["complete"] = "0";
  for (const auto& [key, value] : values) {
    meta.bind(1, key);
    meta.bind(2, value);
    meta.step();
    meta.reset();
  }
  Statement scenario(db, "INSERT INTO scenario(hash, text) VALUES(?, ?)");
  scenario.bind(1, text_hash(m.scenario_text));
  scenario.bind(2, m.scenario_text);
  scenario.step();
  Statement param(db, "INSERT INTO parameters(idx, path, distribution) VALUES(?, ?, ?)");
  for (std::size_t i = 0; i < m.parameter_paths.size(); ++i) {
    param.bind(1, static_cast<std::int64_t>(i));
    param.bind(2, m.parameter_paths[i]);
    param.bind(3, m.parameter_distributions[i]);
    param.step();
    param.reset();
  }
  Statement outcome(db, "INSERT INTO outcomes(kind, idx, name) VALUES(?, ?, ?)");
  for (const auto& [kind, names] :
       {std::pair{"event", &m.layout.events}, {"quantity", &m.layout.quantities}, {"series", &m.layout.series}}) {
    for (std::size_t i = 0; i < names->size(); ++i) {
      outcome.bind(1, std::string(kind));
      outcome.bind(2, static_cast<std::int64_t>(i));
      outcome.bind(3, (*names)[i]);
      outcome.step();
      outcome.reset();
    }
  }
  if (!exec(db, "INSERT INTO progress(id, next_chunk, runs_done, summary) VALUES(0, 0, 0, NULL)") ||
      !exec(db, "COMMIT")) {
    return db_error(path, "cannot write the results database", db);
  }
  return out;
}

Result<std::unique_ptr<ResultsDb>> ResultsDb::resume(const std::string& path, const RunManifest& m, ChunkResult& merged,
                                                     std::uint64_t& next_chunk) {
  if (!std::filesystem::exists(path)) {
    return Error{.file = path,
                 .field = "--resume",
                 .problem = "there is no results database to resume",
                 .fix = "drop --resume to start a new ensemble"};
  }
  auto opened = open_db(path, SQLITE_OPEN_READWRITE);
  if (!opened) return opened.error();
  std::unique_ptr<ResultsDb> out(new ResultsDb(*opened));
  const auto stored = read_meta(out->db_);
  for (const auto& [key, value] : manifest_meta(m)) {
    if (key == "command" || key == "detente_version") continue;
    const auto found = stored.find(key);
    if (found == stored.end() || found->second != value) {
      return Error{.file = path,
                   .field = key,
                   .problem = "the database was made with " + key + " = " +
                              (found == stored.end() ? "(missing)" : found->second) + ", this command has " + value,
                   .fix =
                       "resume with the same scenario file, --runs, --seed, --chunk, --policy and --per-run as the "
                       "interrupted run"};
    }
  }
  Statement progress(out->db_, "SELECT next_chunk, summary FROM progress WHERE id = 0");
  if (!progress.ok() || progress.step() != SQLITE_ROW)
    return db_error(path, "the database has no progress row", out->db_);
  next_chunk = static_cast<std::uint64_t>(sqlite3_column_int64(progress.get(), 0));
  const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(progress.get(), 1));
  const int size = sqlite3_column_bytes(progress.get(), 1);
  if (next_chunk > 0) {
    ChunkResult parsed;
    if (blob == nullptr ||
        !ChunkResult::parse(std::span<const std::uint8_t>(blob, static_cast<std::size_t>(size)), parsed)) {
      return db_error(path, "the stored summary is unreadable", nullptr);
    }
    merged = std::move(parsed);
  }
  return out;
}

Result<bool> ResultsDb::append(const ChunkResult& chunk, const ChunkResult& merged) {
  if (!exec(db_, "BEGIN IMMEDIATE")) return db_error("results database", "cannot start a transaction", db_);
  if (!chunk.records.empty()) {
    const std::size_t events = chunk.records.front().events.size();
    const std::size_t quantities = chunk.records.front().quantities.size();
    std::string sql = "INSERT INTO runs VALUES(?";
    for (std::size_t i = 0; i < events + quantities + 1; ++i) sql += ", ?";
    Statement insert(db_, sql + ")");
    for (const auto& r : chunk.records) {
      int column = 1;
      insert.bind(column++, static_cast<std::int64_t>(r.run));
      for (const auto e : r.events) insert.bind(column++, static_cast<std::int64_t>(e));
      for (const double q : r.quantities) insert.bind(column++, q);
      std::vector<std::uint8_t> inputs;
      for (const double x : r.inputs) put_f64(inputs, x);
      insert.bind_blob(column, inputs);
      if (insert.step() != SQLITE_DONE) {
        exec(db_, "ROLLBACK");
        return db_error("results database", "cannot store run " + std::to_string(r.run), db_);
      }
      insert.reset();
    }
  }
  Statement row(db_, "INSERT INTO chunks(chunk, first_run, runs, finished) VALUES(?, ?, ?, ?)");
  row.bind(1, static_cast<std::int64_t>(chunk.chunk));
  row.bind(2, static_cast<std::int64_t>(chunk.first_run));
  row.bind(3, static_cast<std::int64_t>(chunk.runs));
  row.bind(4, now_utc());
  Statement progress(db_, "UPDATE progress SET next_chunk = ?, runs_done = ?, summary = ? WHERE id = 0");
  progress.bind(1, static_cast<std::int64_t>(chunk.chunk + 1));
  progress.bind(2, static_cast<std::int64_t>(merged.runs));
  progress.bind_blob(3, merged.serialize());
  if (row.step() != SQLITE_DONE || progress.step() != SQLITE_DONE || !exec(db_, "COMMIT")) {
    exec(db_, "ROLLBACK");
    return db_error("results database", "cannot store chunk " + std::to_string(chunk.chunk), db_);
  }
  return true;
}

Result<bool> ResultsDb::write_summary(const OutcomeLayout& layout, const Summary& s) {
  if (!exec(db_, "BEGIN IMMEDIATE; DELETE FROM events; DELETE FROM quantities; DELETE FROM bands;")) {
    return db_error("results database", "cannot write the summary", db_);
  }
  Statement event(db_, "INSERT INTO events VALUES(?, ?, ?, ?, ?, ?)");
  for (const auto& e : s.events) {
    event.bind(1, e.name);
    event.bind(2, static_cast<std::int64_t>(e.runs));
    event.bind(3, static_cast<std::int64_t>(e.count));
    event.bind(4, e.p);
    event.bind(5, e.wilson.lo);
    event.bind(6, e.wilson.hi);
    event.step();
    event.reset();
  }
  Statement quantity(db_, "INSERT INTO quantities VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& q : s.quantities) {
    quantity.bind(1, q.name);
    quantity.bind(2, static_cast<std::int64_t>(q.n));
    const bool any = q.n > 0;
    const double nan = std::nan("");
    quantity.bind(3, any ? q.mean : nan);
    quantity.bind(4, any ? q.sd : nan);
    quantity.bind(5, any ? q.min : nan);
    for (int i = 0; i < 5; ++i) quantity.bind(6 + i, any ? q.q[static_cast<std::size_t>(i)] : nan);
    quantity.bind(11, any ? q.max : nan);
    quantity.step();
    quantity.reset();
  }
  Statement band(db_, "INSERT INTO bands VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& b : s.bands) {
    for (std::size_t t = 0; t < b.steps.size(); ++t) {
      band.bind(1, b.series);
      band.bind(2, static_cast<std::int64_t>(t));
      band.bind(3, t < layout.dates.size() ? layout.dates[t] : std::string());
      for (int i = 0; i < 5; ++i) band.bind(4 + i, b.steps[t][static_cast<std::size_t>(i)]);
      band.step();
      band.reset();
    }
  }
  if (!exec(db_, "UPDATE meta SET value = '1' WHERE key = 'complete'; COMMIT")) {
    exec(db_, "ROLLBACK");
    return db_error("results database", "cannot write the summary", db_);
  }
  return true;
}

// ---- comparisons and sensitivity analyses

namespace {

// A column's declared type from its first value; NULL declares none, so any later value fits.
const char* column_type(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "";
  if (value.is_number_integer() || value.is_boolean()) return "INTEGER";
  if (value.is_string()) return "TEXT";
  return "REAL";
}

void bind_json(Statement& statement, int i, const nlohmann::ordered_json& value) {
  if (value.is_number_integer() || value.is_boolean()) {
    statement.bind(i, value.is_boolean() ? std::int64_t{value.get<bool>()} : value.get<std::int64_t>());
  } else if (value.is_number()) {
    statement.bind(i, value.get<double>());
  } else if (value.is_string()) {
    statement.bind(i, value.get<std::string>());
  } else if (value.is_null()) {
    statement.bind_null(i);
  } else {
    statement.bind(i, value.dump());
  }
}

bool write_table(sqlite3* db, const std::string& name, const nlohmann::ordered_json& rows) {
  if (!rows.is_array() || rows.empty()) return true;
  std::string columns;
  std::string placeholders;
  for (const auto& [column, value] : rows.front().items()) {
    columns += (columns.empty() ? "" : ", ") + quote(column) + " " + column_type(value);
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  if (!exec(db, "CREATE TABLE " + quote(name) + "(" + columns + ")")) return false;
  Statement insert(db, "INSERT INTO " + quote(name) + " VALUES(" + placeholders + ")");
  for (const auto& row : rows) {
    int i = 1;
    for (const auto& [column, first_value] : rows.front().items()) {
      bind_json(insert, i++, row.contains(column) ? row.at(column) : nlohmann::ordered_json());
    }
    if (insert.step() != SQLITE_DONE) return false;
    insert.reset();
  }
  return true;
}

}  // namespace

Result<bool> write_analysis(const std::string& path, const AnalysisRecord& record) {
  if (std::filesystem::exists(path)) {
    return Error{.file = path,
                 .field = "--out",
                 .problem = "the results database already exists",
                 .fix = "choose another path, or remove the file"};
  }
  auto opened = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!opened) return opened.error();
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(*opened, sqlite3_close);
  const std::map<std::string, std::string> meta = {{"schema_version", std::to_string(kSchemaVersion)},
                                                   {"detente_version", DETENTE_VERSION},
                                                   {"kind", record.kind},
                                                   {"scenario_file", record.scenario_file},
                                                   {"scenario_hash", text_hash(record.scenario_text)},
                                                   {"seed", std::to_string(record.seed)},
                                                   {"runs", std::to_string(record.runs)},
                                                   {"command", record.command},
                                                   {"created", now_utc()},
                                                   {"complete", "1"}};
  bool ok = exec(db.get(),
                 "BEGIN;"
                 "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                 "CREATE TABLE scenario(hash TEXT NOT NULL, text TEXT NOT NULL);");
  Statement insert_meta(db.get(), "INSERT INTO meta(key, value) VALUES(?, ?)");
  for (const auto& [key, value] : meta) {
    insert_meta.bind(1, key);
    insert_meta.bind(2, value);
    ok = ok && insert_meta.step() == SQLITE_DONE;
    insert_meta.reset();
  }
  Statement scenario(db.get(), "INSERT INTO scenario(hash, text) VALUES(?, ?)");
  scenario.bind(1, text_hash(record.scenario_text));
  scenario.bind(2, record.scenario_text);
  ok = ok && scenario.step() == SQLITE_DONE;
  for (const auto& [name, rows] : record.tables) ok = ok && write_table(db.get(), name, rows);
  if (!ok || !exec(db.get(), "COMMIT")) {
    const Error e = db_error(path, "cannot write the results database", db.get());
    exec(db.get(), "ROLLBACK");
    return e;
  }
  return true;
}

// ---- export

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::ordered_json value_json(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return sqlite3_column_int64(stmt, i);
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    default:
      return column_text(stmt, i);
  }
}

std::vector<std::string> parameter_paths(sqlite3* db) {
  std::vector<std::string> paths;
  Statement select(db, "SELECT path FROM parameters ORDER BY idx");
  while (select.ok() && select.step() == SQLITE_ROW) paths.push_back(column_text(select.get(), 0));
  return paths;
}

// Visits each row of a table as (column names, values as JSON); the runs table's inputs blob is
// expanded into one column per uncertain parameter.
template <typename Visit>
bool each_row(sqlite3* db, const std::string& table, Visit visit) {
  const std::string order = table == "runs" ? " ORDER BY run" : table == "bands" ? " ORDER BY series, step" : "";
  Statement select(db, "SELECT * FROM " + quote(table) + order);
  if (!select.ok()) return false;
  const auto inputs = table == "runs" ? parameter_paths(db) : std::vector<std::string>{};
  std::vector<std::string> names;
  const int columns = sqlite3_column_count(select.get());
  for (int i = 0; i < columns; ++i) {
    const std::string name = sqlite3_column_name(select.get(), i);
    if (table == "runs" && name == "inputs") {
      for (const auto& p : inputs) names.push_back(p);
    } else if (table != "progress" || name != "summary") {
      names.push_back(name);
    }
  }
  std::vector<nlohmann::ordered_json> row;
  while (select.step() == SQLITE_ROW) {
    row.clear();
    for (int i = 0; i < columns; ++i) {
      const std::string name = sqlite3_column_name(select.get(), i);
      if (table == "runs" && name == "inputs") {
        const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(select.get(), i));
        std::span<const std::uint8_t> bytes(blob,
                                            blob ? static_cast<std::size_t>(sqlite3_column_bytes(select.get(), i)) : 0);
        for (std::size_t k = 0; k < inputs.size(); ++k) {
          double x = 0.0;
          row.push_back(get_f64(bytes, x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr));
        }
      } else {
        row.push_back(value_json(select.get(), i));
      }
    }
    visit(names, row);
  }
  return true;
}

// The tables of a comparison or sensitivity database, in the order they were written.
std::vector<std::string> table_names(sqlite3* db) {
  std::vector<std::string> names;
  Statement select(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid");
  while (select.ok() && select.step() == SQLITE_ROW) names.push_back(column_text(select.get(), 0));
  return names;
}

}  // namespace

Result<bool> export_results(const std::string& path, const std::string& format, const std::string& given_table,
                            std::ostream& out) {
  if (!std::filesystem::exists(path))
    return Error{.file = path, .problem = "no such results database", .fix = "check the path"};
  auto opened = open_db(path, SQLITE_OPEN_READONLY);
  if (!opened) return opened.error();
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(*opened, sqlite3_close);
  const auto meta = read_meta(db.get());
  if (!meta.contains("schema_version")) {
    return Error{.file = path,
                 .problem = "not a detente results database (no meta table)",
                 .fix = "give a file written by detente run --out"};
  }
  const bool ensemble = !meta.contains("kind");
  const std::vector<std::string> tables =
      ensemble ? std::vector<std::string>{"runs", "events", "quantities", "bands", "parameters", "meta", "chunks"}
               : table_names(db.get());
  // Default: the runs (CSV) or the summary (JSON) of an ensemble; the first result table (CSV) or
  // every table (JSON) of a comparison or sensitivity analysis.
  std::string table = given_table;
  if (table.empty()) {
    if (ensemble) table = format == "csv" ? "runs" : "events";
    if (!ensemble && format == "csv" && tables.size() > 2) table = tables[2];
  }
  if (!(table.empty() && !ensemble) && std::find(tables.begin(), tables.end(), table) == tables.end()) {
    std::string known;
    for (const auto& t : tables) known += (known.empty() ? "" : ", ") + t;
    return Error{
        .file = path,
        .field = "--table",
        .problem = "unknown table '" + table + "'" + (ensemble ? "" : " in this " + meta.at("kind") + " database"),
        .fix = "use one of: " + known};
  }
  if (format == "csv") {
    bool header = false;
    each_row(db.get(), table,
             [&](const std::vector<std::string>& names, const std::vector<nlohmann::ordered_json>& row) {
               if (!header) {
                 for (std::size_t i = 0; i < names.size(); ++i) out << (i ? "," : "") << csv_field(names[i]);
                 out << "\n";
                 header = true;
               }
               for (std::size_t i = 0; i < row.size(); ++i) {
                 std::string text;
                 if (row[i].is_string())
                   text = row[i].get<std::string>();
                 else if (row[i].is_number_float()) {
                   char buffer[32];
                   std::snprintf(buffer, sizeof buffer, "%.17g", row[i].get<double>());
                   text = buffer;
                 } else if (!row[i].is_null())
                   text = row[i].dump();
                 out << (i ? "," : "") << csv_field(text);
               }
               out << "\n";
             });
    return true;
  }
  nlohmann::ordered_json doc;
  doc["meta"] = nlohmann::ordered_json::object();
  for (const auto& [key, value] : meta) doc["meta"][key] = value;
  const auto rows = [&](const std::string& name) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    each_row(db.get(), name,
             [&](const std::vector<std::string>& names, const std::vector<nlohmann::ordered_json>& row) {
               nlohmann::ordered_json object;
               for (std::size_t i = 0; i < names.size(); ++i) object[names[i]] = row[i];
               array.push_back(std::move(object));
             });
    return array;
  };
  if (!ensemble) {
    for (const auto& name : tables) {
      if (name != "meta") doc[name] = rows(name);
    }
    out << doc.dump(2) << "\n";
    return true;
  }
  for (const char* name : {"parameters", "events", "quantities", "bands", "chunks"}) doc[name] = rows(name);
  if (table == "runs") doc["runs"] = rows("runs");
  out << doc.dump(2) << "\n";
  return true;
}

}  // namespace detente::ensemble
