// The Moran process as in the Axelrod library's MoranProcess (birth-death on
// a complete graph): each step every pair of the population plays a match;
// fitness is a player's total score; one player is chosen to reproduce with
// probability proportional to fitness, and its copy replaces a player chosen
// uniformly (possibly the parent). With mutation the copy becomes, with
// probability `mutation_rate`, one of the other initial types chosen
// uniformly. Without mutation the process stops when one type remains.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "games/match.h"

namespace detente::games {

struct MoranOptions {
  MatchOptions match;  // turns or continuation, noise (seed and stream come from below)
  double mutation_rate = 0.0;
  int max_steps = 100'000;  // a bound on births; with mutation the process only stops here
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;  // independent runs use different streams
};

struct MoranResult {
  std::vector<std::string> types;             // distinct names in the initial population, first appearance order
  std::vector<std::vector<int>> populations;  // populations[step][type]: count; step 0 is the start
  std::optional<int> fixated;                 // the surviving type, if one took over
  int steps = 0;                              // births performed
};

[[nodiscard]] Result<MoranResult> run_moran(std::span<const Player> population, const StageGame& game,
                                            const MoranOptions& options);

// The fixation probability of a single mutant in a resident population of
// size n under this birth-death process with frequency-dependent fitness,
// f_j = (j-1) a_mm + (n-j) a_mr for a mutant and g_j = j a_rm + (n-j-1) a_rr
// for a resident when there are j mutants (a_xy: x's match score against y):
// rho = 1 / (1 + sum_{k=1}^{n-1} prod_{j=1}^{k} g_j / f_j) (Nowak, Sasaki,
// Taylor & Fudenberg 2004, Nature 428; Taylor et al. 2004, Bull. Math. Biol. 66).
[[nodiscard]] double moran_fixation_probability(double a_mm, double a_mr, double a_rm, double a_rr, int n);

}  // namespace detente::games
