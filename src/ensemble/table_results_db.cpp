#include "ensemble/table_results_db.h"

#include <sqlite3.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "results/sqlite_statement.h"

namespace detente::ensemble {
namespace {

constexpr int kSchemaVersion = 1;

using results::text_hash;
using results::sqlite::exec;
using results::sqlite::now_utc;
using results::sqlite::Statement;

constexpr const char* kSchema =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE stakeholder_table(file TEXT NOT NULL, hash TEXT NOT NULL, text TEXT NOT NULL);"
    "CREATE TABLE perturbations(idx INTEGER PRIMARY KEY, spec TEXT NOT NULL);"
    "CREATE TABLE summary(model TEXT NOT NULL, issue TEXT NOT NULL, runs INTEGER, base REAL, mean REAL, sd REAL, "
    "min REAL, q05 REAL, q25 REAL, q50 REAL, q75 REAL, q95 REAL, max REAL, PRIMARY KEY(model, issue));"
    "CREATE TABLE thresholds(model TEXT NOT NULL, issue TEXT NOT NULL, value REAL NOT NULL, side TEXT NOT NULL, "
    "runs INTEGER, count INTEGER, p REAL, lo95 REAL, hi95 REAL, PRIMARY KEY(model, issue, value, side));"
    "CREATE TABLE runs(run INTEGER NOT NULL, model TEXT NOT NULL, issue TEXT NOT NULL, forecast REAL, "
    "PRIMARY KEY(run, model, issue));";

}  // namespace

Error TableResultsDb::failure(const std::string& what) const {
  return db_.failure(what, "--out", "check that the directory is writable and the disk has room");
}

Result<std::unique_ptr<TableResultsDb>> TableResultsDb::create(const std::string& path, const TableManifest& m) {
  auto created = results::create_database(
      path, "--out", "an ensemble writes a new database each time: choose another path, or remove the file");
  if (!created) return created.error();
  sqlite3* const db = created->handle();
  std::unique_ptr<TableResultsDb> out(new TableResultsDb(std::move(*created), m.models, m.issues));
  if (!exec(db, kSchema) || !exec(db, "BEGIN")) return out->failure("cannot create the results database");
  const std::map<std::string, std::string> meta = {{"kind", "stakeholder_table_ensemble"},
                                                   {"schema_version", std::to_string(kSchemaVersion)},
                                                   {"detente_version", DETENTE_VERSION},
                                                   {"table_file", m.table_file},
                                                   {"table_hash", text_hash(m.table_text)},
                                                   {"input_format", m.input_format},
                                                   {"seed", std::to_string(m.seed)},
                                                   {"runs", std::to_string(m.runs)},
                                                   {"chunk_size", std::to_string(m.chunk_size)},
                                                   {"models", nlohmann::json(m.models).dump()},
                                                   {"perturb", nlohmann::json(m.perturb).dump()},
                                                   {"companion_columns", nlohmann::json(m.companion_columns).dump()},
                                                   {"thresholds", nlohmann::json(m.thresholds).dump()},
                                                   {"per_run", m.per_run ? "1" : "0"},
                                                   {"command", m.command},
                                                   {"created", now_utc()},
                                                   {"complete", "0"}};
  Statement insert_meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
  bool ok = insert_meta.ok();
  for (const auto& [key, value] : meta) {
    insert_meta.bind(1, key);
    insert_meta.bind(2, value);
    ok = ok && insert_meta.done();
  }
  Statement table(db, "INSERT INTO stakeholder_table(file, hash, text) VALUES(?, ?, ?)");
  table.bind(1, m.table_file);
  table.bind(2, text_hash(m.table_text));
  table.bind(3, m.table_text);
  ok = ok && table.ok() && table.done();
  Statement spec(db, "INSERT INTO perturbations(idx, spec) VALUES(?, ?)");
  for (std::size_t i = 0; i < m.perturb.size(); ++i) {
    spec.bind(1, static_cast<std::uint64_t>(i));
    spec.bind(2, m.perturb[i]);
    ok = ok && spec.done();
  }
  if (!ok || !exec(db, "COMMIT")) return out->failure("cannot write the results database");
  return out;
}

Result<bool> TableResultsDb::append_runs(const TableChunk& chunk) {
  if (!exec(db_.handle(), "BEGIN")) return failure("cannot write the per-run forecasts");
  Statement insert(db_.handle(), "INSERT INTO runs(run, model, issue, forecast) VALUES(?, ?, ?, ?)");
  bool ok = insert.ok();
  std::size_t k = 0;
  for (std::uint64_t r = 0; r < chunk.runs && ok; ++r) {
    for (const auto& model : models_) {
      for (const auto& issue : issues_) {
        insert.bind(1, chunk.first_run + r);
        insert.bind(2, model);
        insert.bind(3, issue);
        insert.bind(4, chunk.forecasts[k++]);
        ok = ok && insert.done();
      }
    }
  }
  if (!ok || !exec(db_.handle(), "COMMIT")) {
    const Error e = failure("cannot write the per-run forecasts");
    exec(db_.handle(), "ROLLBACK");
    return e;
  }
  return true;
}

Result<bool> TableResultsDb::write_summary(const TableEnsembleSummary& summary) {
  if (!exec(db_.handle(), "BEGIN")) return failure("cannot write the summary");
  Statement row(db_.handle(),
                "INSERT INTO summary(model, issue, runs, base, mean, sd, min, q05, q25, q50, q75, q95, max) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement side(db_.handle(),
                 "INSERT INTO thresholds(model, issue, value, side, runs, count, p, lo95, hi95) "
                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bool ok = row.ok() && side.ok();
  for (const auto& model : summary.models) {
    for (const auto& issue : model.issues) {
      row.bind(1, model.model);
      row.bind(2, issue.issue);
      row.bind(3, issue.runs);
      row.bind(4, issue.base);
      row.bind(5, issue.mean);
      row.bind(6, issue.sd);
      row.bind(7, issue.min);
      for (std::size_t q = 0; q < issue.quantiles.size(); ++q) row.bind(8 + static_cast<int>(q), issue.quantiles[q]);
      row.bind(13, issue.max);
      ok = ok && row.done();
      for (const auto& t : issue.thresholds) {
        for (const auto& [name, estimate] : {std::pair{"above", &t.above}, std::pair{"below", &t.below}}) {
          side.bind(1, model.model);
          side.bind(2, issue.issue);
          side.bind(3, t.value);
          side.bind(4, std::string(name));
          side.bind(5, estimate->runs);
          side.bind(6, estimate->count);
          side.bind(7, estimate->p);
          side.bind(8, estimate->lo95);
          side.bind(9, estimate->hi95);
          ok = ok && side.done();
        }
      }
    }
  }
  ok = ok && exec(db_.handle(), "UPDATE meta SET value = '1' WHERE key = 'complete'");
  if (!ok || !exec(db_.handle(), "COMMIT")) {
    const Error e = failure("cannot write the summary");
    exec(db_.handle(), "ROLLBACK");
    return e;
  }
  return true;
}

}  // namespace detente::ensemble
