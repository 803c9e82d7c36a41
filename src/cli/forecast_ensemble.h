// detente forecast FILE --runs N: the ensemble over a stakeholder table (forecast_command.cpp
// declares the options; this runs it and writes the result).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/stakeholders.h"

namespace detente::cli {

struct TableEnsembleArgs {
  std::string file;
  std::string input_format;
  std::string format = "table";
  std::uint64_t runs = 0;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: the machine's cores
  std::vector<std::string> perturb;
  std::vector<std::string> thresholds;
  std::string out;
  bool per_run = false;
  std::vector<std::string> notes;  // for standard error, once the options are checked
};

// Runs the ensemble and returns the exit status (errors are written to standard error).
int run_table_ensemble(const TableEnsembleArgs& args, const StakeholderProblem& problem,
                       const std::vector<std::string>& models, const std::map<std::string, std::string>& options);

}  // namespace detente::cli
