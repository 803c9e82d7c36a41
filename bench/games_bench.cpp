// Repeated games: the 15-player, 200-turn, 5-repetition tournament of the
// Axelrod library's reconstruction of Axelrod's first tournament, and its
// all-deterministic counterpart; figures and the comparison with the Axelrod
// library are in bench/games.md (bench/compare_games.sh measures both).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "games/match.h"
#include "games/moran.h"
#include "games/registry.h"
#include "games/tournament.h"

namespace {

using namespace detente::games;

const std::vector<std::string> kFirstTournament = {"Tit For Tat",
                                                   "First by Tideman and Chieruzzi",
                                                   "First by Nydegger",
                                                   "First by Grofman",
                                                   "First by Shubik",
                                                   "First by Stein and Rapoport",
                                                   "Grudger",
                                                   "First by Davis",
                                                   "First by Graaskamp",
                                                   "First by Downing",
                                                   "First by Feld",
                                                   "First by Joss",
                                                   "First by Tullock",
                                                   "First by Anonymous",
                                                   "Random"};

const std::vector<std::string> kClassicDeterministic = {"Tit For Tat",
                                                        "Tit For 2 Tats",
                                                        "Two Tits For Tat",
                                                        "Suspicious Tit For Tat",
                                                        "Grudger",
                                                        "Win-Stay Lose-Shift",
                                                        "Alternator",
                                                        "Cooperator",
                                                        "Defector",
                                                        "Prober",
                                                        "Bully",
                                                        "Soft Go By Majority",
                                                        "Cycler DC",
                                                        "Hard Tit For Tat",
                                                        "Anti Tit For Tat"};

void tournament(benchmark::State& state, const std::vector<std::string>& names) {
  const auto players = make_strategies(names);
  const TournamentOptions options{
      .match = {.turns = 200, .seed = 1}, .repetitions = 5, .threads = static_cast<int>(state.range(0))};
  for (auto _ : state) {
    auto result = run_tournament(*players, StageGame(), options);
    benchmark::DoNotOptimize(result);
  }
  state.counters["matches"] = static_cast<double>(15 * 16 / 2 * 5);
}

void BM_FirstTournament(benchmark::State& state) { tournament(state, kFirstTournament); }
void BM_ClassicDeterministicTournament(benchmark::State& state) { tournament(state, kClassicDeterministic); }
BENCHMARK(BM_FirstTournament)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ClassicDeterministicTournament)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// One noisy 200-turn match of Tit For Tat against itself.
void BM_NoisyMatch(benchmark::State& state) {
  const auto tft = make_strategy("Tit For Tat");
  std::uint64_t stream = 0;
  for (auto _ : state) {
    auto m = play_match(*tft, *tft, StageGame(), {.turns = 200, .noise = 0.01, .seed = 1, .stream = stream++});
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_NoisyMatch)->Unit(benchmark::kMicrosecond);

// A Moran process of 10 players (5 Tit For Tat, 5 Random), 200-turn matches, to fixation.
void BM_Moran(benchmark::State& state) {
  std::vector<Player> population;
  for (int k = 0; k < 5; ++k) population.push_back(*make_strategy("Tit For Tat"));
  for (int k = 0; k < 5; ++k) population.push_back(*make_strategy("Random"));
  std::uint64_t stream = 0;
  for (auto _ : state) {
    auto r = run_moran(population, StageGame(), {.match = {.turns = 200}, .seed = 1, .stream = stream++});
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Moran)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
