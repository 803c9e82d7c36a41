// A round-robin tournament with repetitions, ranked as the Axelrod library
// ranks one (Knight et al. 2016): every pair meets once per repetition (each
// player also meets a copy of itself, which counts for no standing), and the
// players are ranked by the median over repetitions of their mean score per
// turn against the others. Matches run in parallel; each match draws its
// randomness from (seed, match index) only, so results are identical for any
// number of threads.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "games/match.h"

namespace detente::games {

struct TournamentOptions {
  MatchOptions match;  // turns or continuation, noise, seed (streams are assigned per match)
  int repetitions = 10;
  int threads = 0;          // 0: one per hardware thread
  bool self_play = true;    // play each player against a copy of itself (the Axelrod library does)
  bool keep_moves = false;  // keep every match's moves in the result
};

struct MatchRecord {
  int a = 0;  // player indices
  int b = 0;
  int repetition = 0;
  int turns = 0;
  std::array<double, 2> scores{0.0, 0.0};
  std::array<int, 2> cooperations{0, 0};
  int winner = -1;                         // 0 (a), 1 (b) or -1 (tie)
  std::array<std::vector<Move>, 2> moves;  // only with keep_moves
};

struct Standing {
  int player = 0;  // index in the input
  std::string name;
  int rank = 0;                        // 1 = best
  double median_score_per_turn = 0.0;  // the ranking key
  double mean_score_per_turn = 0.0;
  std::vector<double> scores;          // per repetition: total score against the others
  std::vector<double> score_per_turn;  // per repetition: mean score per turn against the others
  std::vector<int> wins;               // per repetition: matches won against the others
  int total_wins = 0;
  double cooperation = 0.0;  // share of its moves against the others that cooperated
};

struct TournamentResult {
  std::vector<std::string> players;
  int repetitions = 0;
  std::vector<int> ranking;         // player indices, best first
  std::vector<Standing> standings;  // in input order
  // [i][j]: player i's score per turn against j, mean and standard deviation
  // over repetitions (the diagonal averages both copies in self-play).
  std::vector<std::vector<double>> payoff_matrix;
  std::vector<std::vector<double>> payoff_stddev;
  std::vector<MatchRecord> matches;  // by (pair, repetition), pairs in order (0,0), (0,1), ..., (1,1), ...
};

[[nodiscard]] Result<TournamentResult> run_tournament(std::span<const Player> players, const StageGame& game,
                                                      const TournamentOptions& options);

}  // namespace detente::games
