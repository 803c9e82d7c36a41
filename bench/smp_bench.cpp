// Speed and memory of the Spatial Model of Politics (--model smp) on KTAB's
// own inputs and on synthetic problems of any size; figures in bench/smp.md.
//
//   smp_bench --case NAME [--threads T] [--rounds R]
//                                          one run in this process: wall time,
//                                          CPU time and peak memory (getrusage)
//   smp_bench --write-csv N FILE          a synthetic N-actor, 1-dimension
//                                          problem in KTAB's CSV format
//   smp_bench [Google Benchmark flags]     the registered benchmarks
//
// NAME: SOE-Pol-Comp, dummyData_3Dim, a080, a160 (KTAB's files), or
// synthetic-N for N synthetic actors in one dimension.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

#include "core/rng.h"
#include "io/stakeholder_reader.h"
#include "models/model.h"

namespace {

using detente::StakeholderProblem;

// Synthetic actors drawn like KTAB's dummyData files (dummyData-a160.csv:
// capability 0.1-5.2, position mean 65 sd 12, salience mean 41 sd 19), with
// values rounded to two decimals as in those files.
StakeholderProblem synthetic(std::size_t n, std::uint64_t seed = 2024) {
  detente::Rng rng(seed, 0);
  const auto two_decimals = [](double x) { return std::round(x * 100.0) / 100.0; };
  StakeholderProblem p;
  p.source = "synthetic-" + std::to_string(n);
  p.issues.push_back(detente::Issue{.name = "XYZ", .scale = {0.0, 100.0}});
  for (std::size_t a = 0; a < n; ++a) {
    char name[32];
    std::snprintf(name, sizeof name, "Act-%05zu", a + 1);
    p.actors.emplace_back(name);
    const double capability = two_decimals(std::clamp(std::exp(rng.normal(0.3, 0.7)), 0.1, 6.0));
    const double position = two_decimals(std::clamp(rng.normal(65.0, 12.0), 0.0, 100.0));
    const double salience = two_decimals(std::clamp(rng.normal(41.0, 19.0), 5.0, 99.0));
    p.issues[0].stakes.push_back(
        detente::Stake{.actor = a, .position = position, .salience = salience / 100.0, .capability = capability});
  }
  return p;
}

StakeholderProblem load_case(const std::string& name) {
  if (name.rfind("synthetic-", 0) == 0) return synthetic(std::stoul(name.substr(10)));
  const std::string file = name == "a080"   ? "dummyData-a080.csv"
                           : name == "a160" ? "dummyData-a160.csv"
                                            : name + ".csv";
  auto problem = detente::io::read_stakeholders(std::string(DETENTE_TEST_DATA) + "/smp/" + file);
  if (!problem) {
    std::cerr << problem.error().message() << "\n";
    std::exit(2);
  }
  return *problem;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

int run_case(const std::string& name, const std::string& threads, const std::string& rounds) {
  const StakeholderProblem problem = load_case(name);
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  auto result = detente::run_model("smp", problem, {{"threads", threads}, {"rounds", rounds}});
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  if (!result) {
    std::cerr << result.error().message() << "\n";
    return 2;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "case %s: %zu actors x %zu dimensions, %zu turns, threads %s: wall %.3f s, cpu %.3f s, peak RSS %.1f MB\n",
      name.c_str(), problem.actors.size(), problem.issues.size(), result->issues[0].rounds.size() - 1, threads.c_str(),
      wall, cpu, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

int write_csv(std::size_t n, const std::string& path) {
  const StakeholderProblem p = synthetic(n);
  std::ofstream out(path);
  out << "Synthetic-" << n << ",KTAB-like synthetic actors (detente bench/smp_bench.cpp)," << n << ",1,\n";
  out << "Actor,Description,Influence,XYZ Position,XYZ Salience\n";
  for (const auto& s : p.issues[0].stakes) {
    out << p.actors[s.actor] << ",synthetic," << s.capability << "," << s.position << "," << s.salience * 100.0 << "\n";
  }
  return out ? 0 : 2;
}

void bm_smp(benchmark::State& state, const std::string& name) {
  const StakeholderProblem problem = load_case(name);
  const std::string threads = std::to_string(state.range(0));
  std::size_t turns = 0;
  for (auto _ : state) {
    auto result = detente::run_model("smp", problem, {{"threads", threads}});
    if (!result) {
      state.SkipWithError(result.error().message().c_str());
      return;
    }
    turns = result->issues[0].rounds.size() - 1;
  }
  state.counters["turns"] = static_cast<double>(turns);
  state.counters["actors"] = static_cast<double>(problem.actors.size());
}

}  // namespace

BENCHMARK_CAPTURE(bm_smp, SOE_Pol_Comp, std::string("SOE-Pol-Comp"))->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_smp, a080, std::string("a080"))->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(bm_smp, a160, std::string("a160"))->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(bm_smp, synthetic_1000, std::string("synthetic-1000"))
    ->Arg(2)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

int main(int argc, char** argv) {
  const std::string first = argc > 1 ? argv[1] : "";
  if (first == "--case" && argc >= 3) {
    std::string threads = "0";
    std::string rounds = "100";
    for (int a = 3; a + 1 < argc; a += 2) {
      const std::string flag = argv[a];
      if (flag == "--threads") threads = argv[a + 1];
      if (flag == "--rounds") rounds = argv[a + 1];
    }
    return run_case(argv[2], threads, rounds);
  }
  if (first == "--write-csv" && argc == 4) return write_csv(std::stoul(argv[2]), argv[3]);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
