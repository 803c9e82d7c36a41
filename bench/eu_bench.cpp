// Time per round of the expected utility model (`--model eu`), and its
// win-probability table against the O(n^3) vote-by-vote reference.
// Figures and commands: bench/eu.md.
#include <benchmark/benchmark.h>

#include "core/rng.h"
#include "models/eu/eu.h"
#include "models/eu/eu_votes.h"

namespace {

using namespace detente;

// n synthetic actors on a 0-100 scale: positions, capabilities and saliences
// uniform, from a fixed seed.
Issue synthetic_issue(std::size_t n) {
  Rng rng(20110401, n);
  Issue issue{.name = "synthetic", .scale = Scale{0.0, 100.0}};
  for (std::size_t k = 0; k < n; ++k) {
    issue.stakes.push_back(Stake{.actor = k,
                                 .position = rng.uniform(0.0, 100.0),
                                 .salience = rng.uniform(),
                                 .capability = rng.uniform(0.01, 1.0)});
  }
  return issue;
}

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n; ++k) out.push_back("actor" + std::to_string(k));
  return out;
}

// One full round (risk exponents, both probability tables, every actor's
// offers) from the input positions, default (Scholz) settings, with the
// scratch memory reused from round to round as run_issue does.
void BM_EuRound(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Issue issue = synthetic_issue(n);
  const auto negotiation = eu::Negotiation::create(issue, names(n), eu::Settings{});
  std::vector<double> positions;
  for (const auto& stake : issue.stakes) positions.push_back(stake.position);
  eu::RoundScratch scratch;
  for (auto _ : state) benchmark::DoNotOptimize(negotiation->play(positions, 1, scratch));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_EuRound)->Arg(10)->Arg(30)->Arg(100)->Arg(300)->Arg(1000)->Unit(benchmark::kMillisecond)->Complexity();

// The all-pairs win-probability table alone: fast (prefix sums) and reference.
template <bool kFast>
void BM_WinProbabilities(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Issue issue = synthetic_issue(n);
  std::vector<double> x, w, r;
  Rng rng(7, n);
  for (const auto& stake : issue.stakes) {
    x.push_back(stake.position);
    w.push_back(stake.capability * stake.salience);
    r.push_back(rng.uniform(0.5, 2.0));
  }
  const eu::PositionIndex index = eu::index_positions(x);
  const eu::Voters voters{x, w, r};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        kFast ? eu::win_probabilities(index, voters, 100.0, eu::WinProbability::kAllPairs)
              : eu::win_probabilities_reference(index, voters, 100.0, eu::WinProbability::kAllPairs));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK_TEMPLATE(BM_WinProbabilities, true)
    ->Arg(10)
    ->Arg(30)
    ->Arg(100)
    ->Arg(300)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();
BENCHMARK_TEMPLATE(BM_WinProbabilities, false)->Arg(10)->Arg(30)->Arg(100)->Unit(benchmark::kMillisecond)->Complexity();

}  // namespace

BENCHMARK_MAIN();
