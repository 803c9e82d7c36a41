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

// The programs of this build. Only test_support.cpp knows the build directory, so every other test
// file compiles to the same object in the release and the sanitizer builds (the compiler cache
// shares them; see tests/CMakeLists.txt).
std::string detente_program();
// detente-mpi and mpiexec, or empty strings when the build has no MPI.
std::string detente_mpi_program();
std::string mpiexec_program();

}  // namespace detente::testing
