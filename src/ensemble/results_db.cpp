#include "ensemble/results_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "results/sqlite_statement.h"

namespace detente::ensemble {
namespace {

using results::sqlite::column_text;
using results::sqlite::exec;
using results::sqlite::now_utc;
using results::sqlite::quote;
using results::sqlite::Statement;

constexpr int kSchemaVersion = 1;
constexpr const char* kWriteFix = "check that the folder is writable and the disk has room";

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

std::string schema_sql(const OutcomeLayout& layout) {
  std::string runs_columns = "run INTEGER PRIMARY KEY";
  for (const auto& e : layout.events) runs_columns += ", " + quote(e) + " INTEGER";
  for (const auto& q : layout.quantities) runs_columns += ", " + quote(q) + " REAL";
  runs_columns += ", inputs BLOB";
  return "PRAGMA journal_mode=WAL;"
         "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
         "CREATE TABLE scenario(hash TEXT NOT NULL, text TEXT NOT NULL);"
         "CREATE TABLE parameters(idx INTEGER PRIMARY KEY, path TEXT NOT NULL, distribution TEXT NOT NULL);"
         "CREATE TABLE outcomes(kind TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(kind, idx));"
         "CREATE TABLE chunks(chunk INTEGER PRIMARY KEY, first_run INTEGER NOT NULL, runs INTEGER NOT NULL, finished "
         "TEXT NOT NULL);"
         "CREATE TABLE progress(id INTEGER PRIMARY KEY CHECK (id = 0), next_chunk INTEGER NOT NULL, runs_done INTEGER "
         "NOT NULL, summary BLOB);"
         "CREATE TABLE runs(" +
         runs_columns +
         ");"
         "CREATE TABLE events(name TEXT PRIMARY KEY, runs INTEGER, count INTEGER, p REAL, lo95 REAL, hi95 REAL);"
         "CREATE TABLE quantities(name TEXT PRIMARY KEY, n INTEGER, mean REAL, sd REAL, min REAL, q05 REAL, q25 REAL, "
         "q50 REAL, q75 REAL, q95 REAL, max REAL);"
         "CREATE TABLE bands(series TEXT NOT NULL, step INTEGER NOT NULL, date TEXT NOT NULL, q05 REAL, q25 REAL, q50 "
         "REAL, q75 REAL, q95 REAL, PRIMARY KEY(series, step));";
}

// The manifest's rows of meta, scenario, parameters, outcomes and progress (inside a transaction).
bool write_manifest(sqlite3* db, const RunManifest& m) {
  Statement meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
  auto values = manifest_meta(m);
  values["created"] = now_utc();
  values["complete"] = "0";
  bool ok = meta.ok();
  for (const auto& [key, value] : values) {
    meta.bind(1, key);
    meta.bind(2, value);
    ok = ok && meta.done();
  }
  Statement scenario(db, "INSERT INTO scenario(hash, text) VALUES(?, ?)");
  scenario.bind(1, text_hash(m.scenario_text));
  scenario.bind(2, m.scenario_text);
  ok = ok && scenario.done();
  Statement param(db, "INSERT INTO parameters(idx, path, distribution) VALUES(?, ?, ?)");
  for (std::size_t i = 0; i < m.parameter_paths.size(); ++i) {
    param.bind(1, static_cast<std::int64_t>(i));
    param.bind(2, m.parameter_paths[i]);
    param.bind(3, m.parameter_distributions[i]);
    ok = ok && param.done();
  }
  Statement outcome(db, "INSERT INTO outcomes(kind, idx, name) VALUES(?, ?, ?)");
  for (const auto& [kind, names] :
       {std::pair{"event", &m.layout.events}, {"quantity", &m.layout.quantities}, {"series", &m.layout.series}}) {
    for (std::size_t i = 0; i < names->size(); ++i) {
      outcome.bind(1, std::string(kind));
      outcome.bind(2, static_cast<std::int64_t>(i));
      outcome.bind(3, (*names)[i]);
      ok = ok && outcome.done();
    }
  }
  return ok && exec(db, "INSERT INTO progress(id, next_chunk, runs_done, summary) VALUES(0, 0, 0, NULL)");
}

// The fields of the run plan that differ between the database and this command, each with both
// values. The scenario is compared by the hash of its text, so any path to the same text resumes.
std::vector<std::string> plan_differences(const std::map<std::string, std::string>& stored, const RunManifest& m) {
  const auto wanted = manifest_meta(m);
  std::vector<std::string> differences;
  for (const char* key : {"scenario_hash", "seed", "runs", "chunk_size", "policies", "per_run"}) {
    const auto found = stored.find(key);
    const std::string there = found == stored.end() ? "(missing)" : found->second;
    if (there == wanted.at(key)) continue;
    const bool scenario = std::string(key) == "scenario_hash";
    const auto file = stored.find("scenario_file");
    differences.push_back(key + std::string(" ") + there +
                          (scenario && file != stored.end() ? " (" + file->second + ")" : "") + " in the database, " +
                          wanted.at(key) + (scenario ? " (" + m.scenario_file + ")" : "") + " here");
  }
  return differences;
}

}  // namespace

Result<std::unique_ptr<ResultsDb>> ResultsDb::create(const std::string& path, const RunManifest& m) {
  auto created = results::create_database(
      path, "--out", "add --resume to continue that ensemble, or choose another path (or remove the file)");
  if (!created) return created.error();
  std::unique_ptr<ResultsDb> out(new ResultsDb(std::move(*created)));
  if (auto locked = out->db_.lock(m.command); !locked) return locked.error();
  sqlite3* db = out->db_.handle();
  if (!exec(db, schema_sql(m.layout)) || !exec(db, "BEGIN") || !write_manifest(db, m) || !exec(db, "COMMIT")) {
    return out->db_.failure("cannot create the results database", "--out", kWriteFix);
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
  auto opened = results::open_database(
      path, results::Access::kReadWrite,
      {.kinds = {results::kEnsembleKind},
       .field = "--resume",
       .fix = "give --out a database written by 'detente run SCENARIO --runs N --out FILE', or drop --resume to start "
              "a new ensemble in a new file"});
  if (!opened) return opened.error();
  std::unique_ptr<ResultsDb> out(new ResultsDb(std::move(*opened)));
  if (auto locked = out->db_.lock(m.command); !locked) return locked.error();
  if (const auto differences = plan_differences(out->db_.meta(), m); !differences.empty()) {
    std::string listed;
    for (const auto& d : differences) listed += (listed.empty() ? "" : "; ") + d;
    const auto command = out->db_.meta().find("command");
    return Error{.file = path,
                 .field = "--resume",
                 .problem = "the database holds another ensemble: " + listed,
                 .fix =
                     "resume with the same scenario text, --runs, --seed, --chunk, --policy and --per-run as the "
                     "interrupted run" +
                     (command == out->db_.meta().end() ? "" : " ('" + command->second + "')") +
                     ", or use another --out"};
  }
  sqlite3* db = out->db_.handle();
  Statement progress(db, "SELECT next_chunk, summary FROM progress WHERE id = 0");
  if (!progress.ok() || progress.step() != SQLITE_ROW) {
    return out->db_.failure("the database has no progress row", "--resume", "rerun the ensemble with a new --out");
  }
  next_chunk = static_cast<std::uint64_t>(sqlite3_column_int64(progress.get(), 0));
  const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(progress.get(), 1));
  const int size = sqlite3_column_bytes(progress.get(), 1);
  if (next_chunk > 0) {
    ChunkResult parsed;
    if (blob == nullptr ||
        !ChunkResult::parse(std::span<const std::uint8_t>(blob, static_cast<std::size_t>(size)), parsed)) {
      return Error{.file = path,
                   .field = "progress.summary",
                   .problem = "the stored summary is unreadable",
                   .fix = "rerun the ensemble with a new --out"};
    }
    merged = std::move(parsed);
  }
  return out;
}

Result<bool> ResultsDb::append(const ChunkResult& chunk, const ChunkResult& merged) {
  sqlite3* db = db_.handle();
  if (!exec(db, "BEGIN IMMEDIATE")) return db_.failure("cannot start a transaction", "--out", kWriteFix);
  if (!chunk.records.empty()) {
    const std::size_t events = chunk.records.front().events.size();
    const std::size_t quantities = chunk.records.front().quantities.size();
    std::string sql = "INSERT INTO runs VALUES(?";
    for (std::size_t i = 0; i < events + quantities + 1; ++i) sql += ", ?";
    Statement insert(db, sql + ")");
    for (const auto& r : chunk.records) {
      int column = 1;
      insert.bind(column++, static_cast<std::int64_t>(r.run));
      for (const auto e : r.events) insert.bind(column++, static_cast<std::int64_t>(e));
      for (const double q : r.quantities) insert.bind(column++, q);
      std::vector<std::uint8_t> inputs;
      for (const double x : r.inputs) put_f64(inputs, x);
      insert.bind_blob(column, inputs);
      if (insert.step() != SQLITE_DONE) {
        const Error e = db_.failure("cannot store run " + std::to_string(r.run), "--out", kWriteFix);
        exec(db, "ROLLBACK");
        return e;
      }
      insert.reset();
    }
  }
  Statement row(db, "INSERT INTO chunks(chunk, first_run, runs, finished) VALUES(?, ?, ?, ?)");
  row.bind(1, static_cast<std::int64_t>(chunk.chunk));
  row.bind(2, static_cast<std::int64_t>(chunk.first_run));
  row.bind(3, static_cast<std::int64_t>(chunk.runs));
  row.bind(4, now_utc());
  Statement progress(db, "UPDATE progress SET next_chunk = ?, runs_done = ?, summary = ? WHERE id = 0");
  progress.bind(1, static_cast<std::int64_t>(chunk.chunk + 1));
  progress.bind(2, static_cast<std::int64_t>(merged.runs));
  progress.bind_blob(3, merged.serialize());
  if (row.step() != SQLITE_DONE || progress.step() != SQLITE_DONE || !exec(db, "COMMIT")) {
    const Error e = db_.failure("cannot store chunk " + std::to_string(chunk.chunk), "--out", kWriteFix);
    exec(db, "ROLLBACK");
    return e;
  }
  return true;
}

Result<bool> ResultsDb::write_summary(const OutcomeLayout& layout, const Summary& s) {
  sqlite3* db = db_.handle();
  if (!exec(db, "BEGIN IMMEDIATE; DELETE FROM events; DELETE FROM quantities; DELETE FROM bands;")) {
    return db_.failure("cannot write the summary", "--out", kWriteFix);
  }
  Statement event(db, "INSERT INTO events VALUES(?, ?, ?, ?, ?, ?)");
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
  Statement quantity(db, "INSERT INTO quantities VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
  Statement band(db, "INSERT INTO bands VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
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
  if (!exec(db, "UPDATE meta SET value = '1' WHERE key = 'complete'; COMMIT")) {
    const Error e = db_.failure("cannot write the summary", "--out", kWriteFix);
    exec(db, "ROLLBACK");
    return e;
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
  auto created = results::create_database(path, "--out", "choose another path, or remove the file");
  if (!created) return created.error();
  sqlite3* const db = created->handle();
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
  bool ok = exec(db,
                 "BEGIN;"
                 "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                 "CREATE TABLE scenario(hash TEXT NOT NULL, text TEXT NOT NULL);");
  Statement insert_meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
  for (const auto& [key, value] : meta) {
    insert_meta.bind(1, key);
    insert_meta.bind(2, value);
    ok = ok && insert_meta.step() == SQLITE_DONE;
    insert_meta.reset();
  }
  Statement scenario(db, "INSERT INTO scenario(hash, text) VALUES(?, ?)");
  scenario.bind(1, text_hash(record.scenario_text));
  scenario.bind(2, record.scenario_text);
  ok = ok && scenario.step() == SQLITE_DONE;
  for (const auto& [name, rows] : record.tables) ok = ok && write_table(db, name, rows);
  if (!ok || !exec(db, "COMMIT")) {
    const Error e = created->failure("cannot write the results database", "--out", kWriteFix);
    exec(db, "ROLLBACK");
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

// The uncertain parameters' paths, or nothing when the table cannot be read to its end.
std::optional<std::vector<std::string>> parameter_paths(sqlite3* db) {
  std::vector<std::string> paths;
  Statement select(db, "SELECT path FROM parameters ORDER BY idx");
  int rc = SQLITE_ROW;
  while (select.ok() && (rc = select.step()) == SQLITE_ROW) paths.push_back(column_text(select.get(), 0));
  if (!select.ok() || rc != SQLITE_DONE) return std::nullopt;
  return paths;
}

// Visits each row of a table as (column names, values as JSON); the runs table's inputs blob is
// expanded into one column per uncertain parameter.
template <typename Visit>
bool each_row(sqlite3* db, const std::string& table, Visit visit) {
  const std::string order = table == "runs" ? " ORDER BY run" : table == "bands" ? " ORDER BY series, step" : "";
  Statement select(db, "SELECT * FROM " + quote(table) + order);
  if (!select.ok()) return false;
  const auto read_inputs = table == "runs" ? parameter_paths(db) : std::vector<std::string>{};
  if (!read_inputs) return false;
  const auto& inputs = *read_inputs;
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
  int rc = SQLITE_ROW;
  while ((rc = select.step()) == SQLITE_ROW) {
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
  return rc == SQLITE_DONE;
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
  auto opened = results::open_database(
      path, results::Access::kReadOnly,
      {.field = "DATABASE", .fix = "give a file written by detente run, compare, sensitivity or forecast with --out"});
  if (!opened) return opened.error();
  sqlite3* const db = opened->handle();
  const auto& meta = opened->meta();
  const auto unreadable = [&](const std::string& name) {
    return opened->failure("cannot read the table " + name, "--table",
                           "restore the file from a copy, or rerun the command that made it with a new --out");
  };
  const bool ensemble = opened->kind() == results::kEnsembleKind;
  const std::vector<std::string> tables =
      ensemble ? std::vector<std::string>{"runs", "events", "quantities", "bands", "parameters", "meta", "chunks"}
               : table_names(db);
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
        .problem = "unknown table '" + table + "'" + (ensemble ? "" : " in this " + opened->kind() + " database"),
        .fix = "use one of: " + known};
  }
  if (format == "csv") {
    bool header = false;
    const bool read =
        each_row(db, table, [&](const std::vector<std::string>& names, const std::vector<nlohmann::ordered_json>& row) {
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
    if (!read) return unreadable(table);
    return true;
  }
  nlohmann::ordered_json doc;
  doc["meta"] = nlohmann::ordered_json::object();
  for (const auto& [key, value] : meta) doc["meta"][key] = value;
  std::string failed;
  const auto rows = [&](const std::string& name) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    const bool read =
        each_row(db, name, [&](const std::vector<std::string>& names, const std::vector<nlohmann::ordered_json>& row) {
          nlohmann::ordered_json object;
          for (std::size_t i = 0; i < names.size(); ++i) object[names[i]] = row[i];
          array.push_back(std::move(object));
        });
    if (!read && failed.empty()) failed = name;
    return array;
  };
  if (!ensemble) {
    for (const auto& name : tables) {
      if (name != "meta") doc[name] = rows(name);
    }
    if (!failed.empty()) return unreadable(failed);
    out << doc.dump(2) << "\n";
    return true;
  }
  for (const char* name : {"parameters", "events", "quantities", "bands", "chunks"}) doc[name] = rows(name);
  if (table == "runs") doc["runs"] = rows("runs");
  if (!failed.empty()) return unreadable(failed);
  out << doc.dump(2) << "\n";
  return true;
}

}  // namespace detente::ensemble
