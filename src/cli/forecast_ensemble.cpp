#include "cli/forecast_ensemble.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/fail.h"
#include "ensemble/progress.h"
#include "ensemble/table_ensemble.h"
#include "ensemble/table_results_db.h"
#include "io/text.h"
#include "output/table_ensemble_writer.h"

namespace detente::cli {
namespace {

Result<std::vector<ensemble::Threshold>> parse_thresholds(const std::vector<std::string>& texts,
                                                          const StakeholderProblem& problem) {
  std::vector<ensemble::Threshold> out;
  for (const auto& text : texts) {
    auto threshold = ensemble::parse_threshold(text, problem);
    if (!threshold) return threshold.error();
    const bool repeated = std::any_of(out.begin(), out.end(), [&](const ensemble::Threshold& t) {
      return t.issue == threshold->issue && t.value == threshold->value;
    });
    if (repeated) {
      return Error{.field = "--threshold",
                   .problem = "'" + text + "' is given twice",
                   .fix = "give each issue's threshold once"};
    }
    out.push_back(*threshold);
  }
  return out;
}

std::string command_line(const TableEnsembleArgs& args, const std::vector<std::string>& models) {
  std::string out = "detente forecast " + args.file;
  for (const auto& model : models) out += " --model " + model;
  out += " --runs " + std::to_string(args.runs) + " --seed " + std::to_string(args.seed);
  for (const auto& spec : args.perturb) out += " --perturb '" + spec + "'";
  for (const auto& t : args.thresholds) out += " --threshold '" + t + "'";
  out += " --out " + args.out;
  if (args.per_run) out += " --per-run";
  return out;
}

}  // namespace

int run_table_ensemble(const TableEnsembleArgs& args, const StakeholderProblem& problem,
                       const std::vector<std::string>& models, const std::map<std::string, std::string>& options) {
  if (args.per_run && args.out.empty()) {
    return fail(Error{.field = "--per-run",
                      .problem = "per-run forecasts are written to the results database, and none was given",
                      .fix = "add --out results.db"});
  }
  if (options.contains("threads")) {
    return fail(Error{.field = "--option threads",
                      .problem = "inside an ensemble every model run uses one thread (runs go in parallel)",
                      .fix = "drop -O threads; --threads T runs T runs at once"});
  }
  std::vector<ensemble::PerturbSpec> specs;
  for (const auto& text : args.perturb) {
    auto spec = ensemble::parse_perturb_spec(text, problem);
    if (!spec) return fail(spec.error());
    specs.push_back(*spec);
  }
  auto thresholds = parse_thresholds(args.thresholds, problem);
  if (!thresholds) return fail(thresholds.error());

  const int threads =
      args.threads > 0 ? args.threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  auto runner = ensemble::TableEnsemble::make(problem, ensemble::TableEnsembleSpec{.runs = args.runs,
                                                                                   .seed = args.seed,
                                                                                   .threads = threads,
                                                                                   .models = models,
                                                                                   .options = options,
                                                                                   .perturb = specs,
                                                                                   .thresholds = *thresholds,
                                                                                   .keep_runs = args.per_run});
  if (!runner) return fail(runner.error());
  for (const auto& note : args.notes) std::cerr << "detente: note: " << note << "\n";
  if ((*runner)->perturbation().empty()) {
    std::cerr << "detente: note: nothing is perturbed (no --perturb and no Position_sd, Salience_sd or Capability_sd "
                 "column above 0): every run is the table as written\n";
  }

  std::unique_ptr<ensemble::TableResultsDb> db;
  if (!args.out.empty()) {
    auto text = io::read_file(args.file);
    if (!text) return fail(text.error());
    std::vector<std::string> issues;
    for (const auto& issue : problem.issues) issues.push_back(issue.name);
    auto created = ensemble::TableResultsDb::create(
        args.out, ensemble::TableManifest{.table_file = args.file,
                                          .table_text = *text,
                                          .input_format = args.input_format,
                                          .seed = args.seed,
                                          .runs = args.runs,
                                          .chunk_size = (*runner)->spec().chunk_size,
                                          .models = models,
                                          .issues = issues,
                                          .perturb = args.perturb,
                                          .companion_columns = ensemble::companion_columns(problem),
                                          .thresholds = args.thresholds,
                                          .per_run = args.per_run,
                                          .command = command_line(args, models)});
    if (!created) return fail(created.error());
    db = std::move(*created);
  }

  std::atomic<std::uint64_t> done{0};
  Result<ensemble::TableEnsembleSummary> summary = Error{};
  {
    const ensemble::ProgressBar bar(args.runs, done, true);
    const auto on_chunk = [&db, per_run = args.per_run](const ensemble::TableChunk& chunk) -> Result<bool> {
      if (db && per_run) return db->append_runs(chunk);
      return true;
    };
    summary = (*runner)->run(on_chunk, &done);
  }
  if (!summary) return fail(summary.error());
  if (db) {
    if (auto written = db->write_summary(*summary); !written) return fail(written.error());
  }
  if (args.format == "json") {
    output::write_table_ensemble_json(std::cout, *summary);
  } else if (args.format == "csv") {
    output::write_table_ensemble_csv(std::cout, *summary);
  } else {
    output::write_table_ensemble_table(std::cout, *summary);
  }
  return kExitOk;
}

}  // namespace detente::cli
