// Helpers shared by the tests: paths to the reference data, and running the
// detente program as a user would.
#pragma once

#include <string>

#include "core/stakeholders.h"

namespace detente::testing {

inline std::string data_path(const std::string& relative) { return std::string(DETENTE_TEST_DATA) + "/" + relative; }

// Reads a stakeholder file from tests/data; fails the test if it does not parse.
StakeholderProblem load(const std::string& relative);

struct CommandOutput {
  int exit_code = -1;
  std::string out;   // standard output
  std::string err;   // standard error
};

// Runs `detente ARGS` (ARGS passed to the shell as written).
CommandOutput run_detente(const std::string& args);

}  // namespace detente::testing
