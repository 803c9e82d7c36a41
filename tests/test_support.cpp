#include "test_support.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/stakeholder_reader.h"

namespace detente::testing {

StakeholderProblem load(const std::string& relative) {
  auto problem = io::read_stakeholders(data_path(relative));
  if (!problem) {
    ADD_FAILURE() << problem.error().message();
    return {};
  }
  return *problem;
}

std::string detente_program() { return DETENTE_BINARY; }

#ifdef DETENTE_MPI_BINARY
std::string detente_mpi_program() { return DETENTE_MPI_BINARY; }
std::string mpiexec_program() { return DETENTE_MPIEXEC; }
#else
std::string detente_mpi_program() { return {}; }
std::string mpiexec_program() { return {}; }
#endif

CommandOutput run_detente(const std::string& args) {
  static int counter = 0;
  // The process id keeps test processes that ctest runs in parallel from sharing a file.
  const std::string err_path = ::testing::TempDir() + "detente_stderr_" + std::to_string(getpid()) + "_" +
                               std::to_string(++counter) + ".txt";
  const std::string command = detente_program() + " " + args + " 2>" + err_path;
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  result.err = ss.str();
  err.close();
  std::remove(err_path.c_str());
  return result;
}

}  // namespace detente::testing
