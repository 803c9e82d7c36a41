// A match: two players repeat a stage game, each move flipped by noise with
// some probability, for a fixed number of turns or until a turn ends it with
// probability 1 - w (continuation probability w). Semantics follow the Axelrod
// library's Match: noise flips the move actually played, and both players see
// the flipped moves; with a fixed length the players are told the length.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/rng.h"
#include "games/stage_game.h"
#include "games/strategy.h"

namespace detente::games {

struct MatchOptions {
  int turns = 200;                     // the length of a fixed-length match
  std::optional<double> continuation;  // w in [0, 1): the match lasts 1 + Geometric turns; players are not told
  int max_turns = 1'000'000;           // a cap on a match with a continuation probability
  double noise = 0.0;                  // probability that each move is flipped
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;  // tournaments give each match its own stream
  bool tell_length = true;   // tell the players a fixed length (the Axelrod library does)
};

// A checked copy of the options: an Error names the field and the fix.
[[nodiscard]] Result<MatchOptions> validate(const MatchOptions& options);

struct MatchResult {
  std::array<std::string, 2> players;
  std::array<std::vector<Move>, 2> moves;  // moves[i][t]: player i's move at turn t (after noise)
  std::array<double, 2> scores{0.0, 0.0};
  std::array<int, 2> cooperations{0, 0};

  [[nodiscard]] int turns() const { return static_cast<int>(moves[0].size()); }
  [[nodiscard]] double score_per_turn(int player) const;
  [[nodiscard]] double cooperation_rate(int player) const;
  // 0 or 1 for the player with the higher score, -1 on a tie.
  [[nodiscard]] int winner() const;
  // "CD DD CC ...": each turn's pair of moves, player 0 first.
  [[nodiscard]] std::string moves_string() const;
};

// Plays a match between copies of `a` and `b` (reset first; the arguments are
// not changed).
[[nodiscard]] Result<MatchResult> play_match(const Player& a, const Player& b, const StageGame& game,
                                             const MatchOptions& options);

// The random streams of a match: every match is reproducible from (seed,
// stream) alone, whatever else runs before or beside it.
struct MatchStreams {
  Rng chance;  // the match length and the noise
  std::array<Rng, 2> players;
  MatchStreams(std::uint64_t seed, std::uint64_t stream)
      : chance(seed, 3 * stream), players{Rng(seed, 3 * stream + 1), Rng(seed, 3 * stream + 2)} {}
};

// The number of turns a match lasts: options.turns, or with a continuation
// probability w the inverse-CDF draw ceil(log(1 - u) / log(w)) of the Axelrod
// library (at least 1, at most max_turns).
[[nodiscard]] int draw_match_length(const MatchOptions& options, Rng& chance);

// The engine behind play_match, for callers that manage players and streams
// themselves (tournaments, Moran processes): plays `a` against `b` in place,
// after resetting both, into `out` (whose vectors are reused).
void play_match_into(Player& a, Player& b, const StageGame& game, const MatchOptions& options, MatchStreams& streams,
                     MatchResult& out);

}  // namespace detente::games
