// The results database of an ensemble over a stakeholder table (detente forecast FILE --runs N
// --out results.db): SQLite, schema in docs/results.md, "Ensembles over a stakeholder table". A new
// file each time: what was run (the table's text and hash, detente's version, seed, runs, models,
// perturbations, thresholds), the per-run forecasts with --per-run (one transaction per chunk), and
// the summary per model and issue (one transaction at the end).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "ensemble/table_ensemble.h"
#include "ensemble/table_summary.h"
#include "results/database.h"

namespace detente::ensemble {

struct TableManifest {
  std::string table_file;
  std::string table_text;
  std::string input_format;
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;
  std::uint64_t chunk_size = 0;
  std::vector<std::string> models;
  std::vector<std::string> issues;
  std::vector<std::string> perturb;
  std::vector<std::string> companion_columns;
  std::vector<std::string> thresholds;  // as given
  bool per_run = false;
  std::string command;
};

class TableResultsDb {
 public:
  TableResultsDb(const TableResultsDb&) = delete;
  TableResultsDb& operator=(const TableResultsDb&) = delete;

  // Fails if the file exists.
  static Result<std::unique_ptr<TableResultsDb>> create(const std::string& path, const TableManifest& manifest);
  // The chunk's per-run forecasts (TableChunk::forecasts), in one transaction.
  Result<bool> append_runs(const TableChunk& chunk);
  // The summary tables and meta.complete = 1, in one transaction.
  Result<bool> write_summary(const TableEnsembleSummary& summary);

 private:
  TableResultsDb(results::Database db, std::vector<std::string> models, std::vector<std::string> issues)
      : db_(std::move(db)), models_(std::move(models)), issues_(std::move(issues)) {}
  [[nodiscard]] Error failure(const std::string& what) const;
  results::Database db_;
  std::vector<std::string> models_;
  std::vector<std::string> issues_;
};

}  // namespace detente::ensemble
