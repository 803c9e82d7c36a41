// The results database and the ensemble commands as a user runs them: a real process killed with
// SIGKILL (and one stopped with SIGINT) resumes without losing or repeating a run and ends with the
// same results as an uninterrupted run; exports; 2 MPI ranks give the same results as 1 process.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace detente {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";

// A directory of this test process's databases, removed when the process ends.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("detente-ensemble-" + std::to_string(getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::string temp_path(const std::string& name) {
  static const TempDir dir;
  const auto path = dir.path / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  return path.string();
}

// Starts `detente ARGS` with its standard output and error sent to files.
pid_t spawn_logged(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

pid_t spawn(const std::vector<std::string>& args) { return spawn_logged(args, "/dev/null", "/dev/null"); }

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text + " ") {
    if (c != ' ') {
      word += c;
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// The number of committed chunks, read as another process would (WAL allows a reader beside the writer).
long committed_chunks(const std::string& db_path) {
  sqlite3* db = nullptr;
  long next = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT next_chunk FROM progress WHERE id = 0", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      next = static_cast<long>(sqlite3_column_int64(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return next;
}

// Starts the ensemble, waits until `chunks` chunks are committed, and sends `signal`.
int interrupt_midway(const std::string& args, const std::string& db, long chunks, int signal) {
  const pid_t pid = spawn(words(testing::detente_program() + " " + args));
  EXPECT_GT(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (std::chrono::steady_clock::now() < deadline && committed_chunks(db) < chunks) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, signal);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

std::string flagship_args(const std::string& db) {
  return kFlagship + " --runs 6000 --chunk 100 --seed 4 --threads 1 --per-run --policy engage --out " + db;
}

TEST(ResultsDb, KillNineMidwayThenResumeGivesTheUninterruptedResults) {
  const std::string whole = temp_path("whole.db");
  const std::string killed = temp_path("killed.db");
  const auto reference = testing::run_detente("run " + flagship_args(whole) + " --format json");
  ASSERT_EQ(reference.exit_code, 0) << reference.err;

  const int status = interrupt_midway("run " + flagship_args(killed), killed, 5, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the process ended before it could be killed";
  const long saved = committed_chunks(killed);
  EXPECT_GE(saved, 5);
  EXPECT_LT(saved, 60) << "the kill came too late to test resuming";

  const auto resumed = testing::run_detente("run " + flagship_args(killed) + " --resume --format json");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, reference.out);  // the same probabilities, quantiles and bands, to the bit
  // Every run once: the exported per-run rows are the same as the uninterrupted run's.
  const auto rows_whole = testing::run_detente("export " + whole + " --format csv --table runs");
  const auto rows_killed = testing::run_detente("export " + killed + " --format csv --table runs");
  ASSERT_EQ(rows_whole.exit_code, 0) << rows_whole.err;
  EXPECT_EQ(std::count(rows_killed.out.begin(), rows_killed.out.end(), '\n'), 6001);
  EXPECT_EQ(rows_killed.out, rows_whole.out);
  for (const char* table : {"events", "quantities", "bands", "parameters"}) {
    EXPECT_EQ(testing::run_detente("export " + killed + " --format csv --table " + table).out,
              testing::run_detente("export " + whole + " --format csv --table " + table).out)
        << table;
  }
}

TEST(ResultsDb, InterruptSavesTheChunksDoneAndResumeFinishes) {
  const std::string whole = temp_path("whole-int.db");
  const std::string stopped = temp_path("stopped.db");
  const auto reference = testing::run_detente("run " + flagship_args(whole) + " --format json");
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  const int status = interrupt_midway("run " + flagship_args(stopped), stopped, 3, SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << "SIGINT should end the run cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const auto resumed = testing::run_detente("run " + flagship_args(stopped) + " --resume --format json");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, reference.out);
}

TEST(ResultsDb, RefusesToOverwriteOrToResumeADifferentEnsemble) {
  const std::string db = temp_path("guard.db");
  ASSERT_EQ(testing::run_detente("run " + kFlagship + " --runs 200 --out " + db).exit_code, 0);
  const auto again = testing::run_detente("run " + kFlagship + " --runs 200 --out " + db);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  const auto other_seed = testing::run_detente("run " + kFlagship + " --runs 200 --seed 9 --resume --out " + db);
  EXPECT_EQ(other_seed.exit_code, 2);
  EXPECT_NE(other_seed.err.find("seed"), std::string::npos) << other_seed.err;
}

// Two --resume on one database launched together (real processes): one takes the write lock and
// finishes; the other is refused before it computes anything, while the first still runs, with the
// message; the database ends with every run once, as an uninterrupted run with the same seed.
TEST(ResultsDb, TwoResumesAtOnceOneProceedsTheOtherIsRefusedAndNothingIsLost) {
  const std::string whole = temp_path("whole-lock.db");
  const std::string shared = temp_path("shared.db");
  const std::string args = kFlagship + " --runs 30000 --chunk 100 --seed 6 --threads 1 --per-run --policy engage";
  const auto reference = testing::run_detente("run " + args + " --out " + whole + " --format json");
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  const int status = interrupt_midway("run " + args + " --out " + shared, shared, 3, SIGINT);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << "the first run should stop midway";

  auto argv = words(testing::detente_program() + " run " + args + " --out " + shared + " --resume --format json");
  const std::vector<std::string> out = {temp_path("a.out"), temp_path("b.out")};
  const std::vector<std::string> err = {temp_path("a.err"), temp_path("b.err")};
  const std::vector<pid_t> pids = {spawn_logged(argv, out[0], err[0]), spawn_logged(argv, out[1], err[1])};
  ASSERT_GT(pids[0], 0);
  ASSERT_GT(pids[1], 0);
  std::vector<int> codes = {-1, -1};
  std::vector<int> finished;  // the order in which they ended
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (finished.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    for (int i = 0; i < 2; ++i) {
      int s = 0;
      if (codes[static_cast<std::size_t>(i)] == -1 && waitpid(pids[static_cast<std::size_t>(i)], &s, WNOHANG) > 0) {
        codes[static_cast<std::size_t>(i)] = WIFEXITED(s) ? WEXITSTATUS(s) : 128 + WTERMSIG(s);
        finished.push_back(i);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(finished.size(), 2U) << "both processes should end";
  ASSERT_EQ(std::count(codes.begin(), codes.end(), 0), 1) << file_text(err[0]) << file_text(err[1]);
  const std::size_t winner = codes[0] == 0 ? 0 : 1;
  const std::size_t loser = 1 - winner;
  EXPECT_EQ(codes[loser], 2);
  const std::string refused = file_text(err[loser]);
  EXPECT_NE(
      refused.find(shared + ": is in use by another detente process (pid " + std::to_string(pids[winner]) + " on "),
      std::string::npos)
      << refused;
  EXPECT_NE(refused.find("Fix: wait for it or use another --out"), std::string::npos) << refused;
  EXPECT_EQ(static_cast<std::size_t>(finished.front()), loser) << "refused at once, while the other still ran";
  EXPECT_TRUE(file_text(out[loser]).empty());

  EXPECT_EQ(file_text(out[winner]), reference.out);  // the same summary, to the bit
  const auto rows = testing::run_detente("export " + shared + " --format csv --table runs");
  ASSERT_EQ(rows.exit_code, 0) << rows.err;
  EXPECT_EQ(std::count(rows.out.begin(), rows.out.end(), '\n'), 30001);  // every run once
  EXPECT_EQ(rows.out, testing::run_detente("export " + whole + " --format csv --table runs").out);
  EXPECT_EQ(testing::run_detente("export " + shared + " --format csv --table chunks").exit_code, 0);
  EXPECT_EQ(committed_chunks(shared), 300);
}

TEST(ResultsDb, ExportsJsonWithTheSummaryAndTheScenarioHash) {
  const std::string db = temp_path("export.db");
  const auto run = testing::run_detente("run " + kFlagship + " --runs 300 --per-run --out " + db + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto exported = testing::run_detente("export " + db + " --format json --table runs");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto doc = nlohmann::json::parse(exported.out);
  const auto printed = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["meta"]["runs"], "300");
  EXPECT_EQ(doc["meta"]["complete"], "1");
  EXPECT_EQ(doc["meta"]["scenario_hash"].get<std::string>().size(), 16U);
  EXPECT_EQ(doc["runs"].size(), 300U);
  EXPECT_EQ(doc["parameters"].size(), 23U);  // the flagship's uncertain inputs
  ASSERT_EQ(doc["events"].size(), printed["events"].size());
  for (std::size_t i = 0; i < doc["events"].size(); ++i) {
    EXPECT_EQ(doc["events"][i]["count"], printed["events"][i]["count"]);
    EXPECT_DOUBLE_EQ(doc["events"][i]["lo95"].get<double>(), printed["events"][i]["lo95"].get<double>());
  }
  // The per-run rows add up to the summary's counts.
  int agreed = 0;
  for (const auto& r : doc["runs"]) agreed += r["agreement"].get<int>();
  EXPECT_EQ(agreed, printed["events"][0]["count"].get<int>());
  // Every sampled input lies in its distribution's support: trust.correlation ~ U(0.1, 0.9).
  for (const auto& r : doc["runs"]) {
    const double rho = r["trust.correlation"].get<double>();
    EXPECT_GE(rho, 0.1);
    EXPECT_LE(rho, 0.9);
  }
}

TEST(EnsembleCommand, OneAndTwoThreadsPrintTheSameResults) {
  const std::string args = "run " + kFlagship + " --runs 2000 --chunk 100 --seed 8 --format json";
  const auto one = testing::run_detente(args + " --threads 1");
  const auto two = testing::run_detente(args + " --threads 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_TRUE(one.err.empty()) << "no progress bar when stderr is not a terminal: " << one.err;
}

TEST(EnsembleCommand, TwoMpiRanksPrintWhatOneProcessPrints) {
  if (testing::detente_mpi_program().empty()) {
    GTEST_SKIP() << "built without MPI (install libopenmpi-dev openmpi-bin: scripts/install-deps.sh mpi)";
  }
  const std::string args =
      " run " + kFlagship + " --runs 2000 --chunk 100 --seed 8 --threads 1 --policy engage --format json";
  const auto one = testing::run_detente(args.substr(1));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  // Run as root in CI: Open MPI needs --allow-run-as-root; --oversubscribe lets 2 ranks share fewer cores.
  // Sanitizer builds: Open MPI's own allocations are not ours to report.
  const std::string out = temp_path("mpi.json");
  const std::string command = "ASAN_OPTIONS=detect_leaks=0 OMPI_MCA_rmaps_base_oversubscribe=1 " +
                              testing::mpiexec_program() + " --allow-run-as-root --oversubscribe -np 2 " +
                              testing::detente_mpi_program() + args + " > " + out + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(out);
  const std::string two_ranks((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(two_ranks, one.out);
  // And with a results database written by rank 0.
  const std::string db = temp_path("mpi.db");
  const std::string with_db = "ASAN_OPTIONS=detect_leaks=0 " + testing::mpiexec_program() +
                              " --allow-run-as-root --oversubscribe -np 2 " + testing::detente_mpi_program() + args +
                              " --out " + db + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(with_db.c_str()), 0);
  const auto events = testing::run_detente("export " + db + " --format json");
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_EQ(nlohmann::json::parse(events.out)["events"][0]["count"],
            nlohmann::json::parse(one.out)["events"][0]["count"]);
}

}  // namespace
}  // namespace detente
