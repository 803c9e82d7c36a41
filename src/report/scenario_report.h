// The report document of a scenario, computed from runs held in memory: one run (detente run
// --report), or an ensemble of paired runs per policy arm with a one-at-a-time sensitivity
// analysis (detente report SCENARIO). The results database of the ensemble branch is read by
// results_db.h into the same document shape (docs/report.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/engine.h"
#include "report/document.h"
#include "scenario/scenario.h"

namespace detente::report {

struct EnsembleRequest {
  std::uint64_t seed = 1;
  std::size_t runs = 200;
  // Each arm is a set of policies run together, written "A" or "A+B"; "none" is no policy. The
  // first arm is the reference of the policy comparison. Empty: "none" alone.
  std::vector<std::string> arms;
  bool sample = true;  // draw uncertain inputs from their distributions
  // Parameters for the tornado: "PATH" (uncertain inputs: their 5% and 95% quantiles; fixed
  // ones: ±vary_fraction of the value) or "PATH=LO:HI". Empty: every uncertain input.
  std::vector<std::string> params;
  double vary_fraction = 0.2;
  // The arm whose runs the tornado varies; empty: the first arm with a policy (the one the
  // analysis is about), else "none".
  std::string tornado_arm;
};

// Runs run index 0..runs-1 of each arm from (seed, run index): arms share their random numbers.
[[nodiscard]] Result<Document> ensemble_report(const scenario::Scenario& scenario, const EnsembleRequest& request);

// The tornado alone: `request.runs` runs of the arm `arm` ("none", "A" or "A+B"), each input of
// request.params (or every uncertain one) moved to the low and high end of its range. Reports of
// results databases use it with the scenario stored in the database.
[[nodiscard]] Result<Document> tornado_report(const scenario::Scenario& scenario, const EnsembleRequest& request,
                                              const std::string& arm);

// One run, as `detente run` tells it.
[[nodiscard]] Document single_run_report(const scenario::Scenario& scenario, const engine::RunOptions& options,
                                         const engine::RunResult& result);

}  // namespace detente::report
