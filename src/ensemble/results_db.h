// The results database (SQLite; schema in docs/results.md): what was run (scenario text and hash,
// detente's version, seed, runs, chunk size, policies, the uncertain parameters), one row per
// finished chunk, the running merged summary, per-run rows when asked for, and the final summary
// tables. Each chunk is written in one transaction with the summary it brings the run to, so a run
// killed at any point resumes from its last committed chunk and neither loses nor repeats a run.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "ensemble/aggregate.h"
#include "ensemble/ensemble.h"
#include "results/database.h"

namespace detente::ensemble {

struct RunManifest {
  std::string scenario_file;
  std::string scenario_text;
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;
  std::uint64_t chunk_size = 0;
  std::vector<std::string> policies;
  bool per_run = false;
  std::vector<std::string> parameter_paths;  // the uncertain parameters, in the order of runs.inputs
  std::vector<std::string> parameter_distributions;
  OutcomeLayout layout;
  std::string command;
};

using results::text_hash;

class ResultsDb {
 public:
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  // A new database, write-locked; fails if the file exists (use resume, or remove it).
  static Result<std::unique_ptr<ResultsDb>> create(const std::string& path, const RunManifest& manifest);
  // An existing, intact scenario-ensemble database, write-locked before anything is computed (a
  // second process is refused at once), of the same ensemble: the same scenario text (by its hash,
  // whatever the path), seed, runs, chunk size, policies and per-run choice; a mismatch names every
  // differing field with both values. `merged` receives the summary of the chunks already done and
  // `next_chunk` the first chunk still to compute.
  static Result<std::unique_ptr<ResultsDb>> resume(const std::string& path, const RunManifest& manifest,
                                                   ChunkResult& merged, std::uint64_t& next_chunk);

  // Commits one chunk: its per-run rows, its chunk row and the merged summary up to it.
  Result<bool> append(const ChunkResult& chunk, const ChunkResult& merged);
  // Replaces the summary tables (events, quantities, bands) and marks the ensemble complete.
  Result<bool> write_summary(const OutcomeLayout& layout, const Summary& summary);

 private:
  explicit ResultsDb(results::Database db) : db_(std::move(db)) {}
  results::Database db_;
};

// What detente compare and detente sensitivity keep with --out: the command's result as tables of
// flat rows (each a JSON object of numbers and strings; the first row fixes the columns), with the
// scenario text and hash, detente's version, the seed and the command. Written in one transaction
// to a new file (an error if it exists).
struct AnalysisRecord {
  std::string kind;  // "compare" or "sensitivity"
  std::string scenario_file;
  std::string scenario_text;
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;
  std::string command;
  std::vector<std::pair<std::string, nlohmann::ordered_json>> tables;  // name, array of rows
};
[[nodiscard]] Result<bool> write_analysis(const std::string& path, const AnalysisRecord& record);

// detente export: a table of the database as CSV, or the whole summary (and runs) as JSON.
// For an ensemble (detente run --out) table is runs, events, quantities, bands, parameters, meta or
// chunks (CSV); for JSON, "runs" adds the per-run rows to the summary. For a comparison or a
// sensitivity analysis, any of its tables (CSV), or all of them (JSON).
[[nodiscard]] Result<bool> export_results(const std::string& path, const std::string& format, const std::string& table,
                                          std::ostream& out);

}  // namespace detente::ensemble
