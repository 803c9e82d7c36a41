// Ensembles of the flagship scenario: runs per second on 1 and 2 threads (bench/ensemble.md has
// the figures, the 2-rank MPI measurement and memory against N).
//   build/release/bench/ensemble_bench --benchmark_filter=Flagship
#include <benchmark/benchmark.h>

#include <string>

#include "engine/engine.h"
#include "ensemble/ensemble.h"
#include "scenario/scenario.h"

namespace {

const std::string kFlagship = std::string(DETENTE_TEST_DATA) + "/../../examples/iran-west-2014.toml";

const detente::scenario::Scenario& flagship() {
  static const auto s = detente::scenario::load_scenario(kFlagship);
  if (!s) throw std::runtime_error(s.error().message());
  return *s;
}

// One run of the engine with sampled inputs, nothing aggregated: the engine's own cost.
void BM_FlagshipSingleRun(benchmark::State& state) {
  const detente::engine::Engine engine(flagship());
  std::uint64_t run = 0;
  for (auto _ : state) {
    auto result = engine.run(detente::engine::RunOptions{.seed = 1, .run = run++, .sample = true});
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FlagshipSingleRun)->Unit(benchmark::kMicrosecond);

// A whole ensemble (sampling, runs, aggregates, ordered merging), on `threads` threads.
void BM_FlagshipEnsemble(benchmark::State& state) {
  const auto runs = static_cast<std::uint64_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  auto runner = detente::ensemble::EnsembleRunner::make(flagship(), {.runs = runs, .seed = 1});
  auto transport = detente::ensemble::local_transport();
  const std::atomic<bool> stop{false};
  std::vector<std::uint64_t> todo;
  for (std::uint64_t c = 0; c < (*runner)->chunks(); ++c) todo.push_back(c);
  for (auto _ : state) {
    auto merged = (*runner)->empty_result();
    detente::ensemble::compute_chunks(
        **runner, todo, threads, *transport, [&](detente::ensemble::ChunkResult&& r) { merged.merge(r); }, stop,
        nullptr);
    benchmark::DoNotOptimize(merged);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(runs));
}
BENCHMARK(BM_FlagshipEnsemble)
    ->Args({20000, 1})
    ->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
