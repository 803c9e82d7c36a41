// Linked games: the same two players meet in several arenas (issues) at once,
// each with its own stage game, strategy and noise. A player may link the
// arenas: with links[k][l] set, a defection it observes in arena k counts, for
// its strategy in arena l, as a defection there too, so punishment spreads
// from one issue to another. Linkage pools the enforcement slack of the
// issues (Bernheim & Whinston, RAND J. Economics 21(1), 1990; Spagnolo 1999)
// and, under noise, spreads breakdowns across them (Lohmann, J. Conflict
// Resolution 41(1), 1997).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "games/match.h"

namespace detente::games {

struct Arena {
  std::string name;
  StageGame game;
  double noise = 0.0;  // probability that each move in this arena is flipped
};

// links(k, l): a defection observed in arena k also counts as one in arena l.
class Linkage {
 public:
  // No linkage: each arena is read on its own.
  static Linkage none(std::size_t arenas);
  // Full linkage: a defection anywhere counts everywhere.
  static Linkage full(std::size_t arenas);
  // From a square matrix; the diagonal is always linked.
  static Result<Linkage> from_matrix(const std::vector<std::vector<bool>>& links);

  [[nodiscard]] bool links(std::size_t from, std::size_t to) const { return from == to || links_[from * n_ + to]; }
  [[nodiscard]] std::size_t size() const { return n_; }

 private:
  Linkage(std::size_t n, std::vector<bool> links) : n_(n), links_(std::move(links)) {}
  std::size_t n_ = 0;
  std::vector<bool> links_;
};

// One strategy per arena and the player's way of reading the other's defections.
struct LinkedPlayer {
  std::vector<Player> strategies;
  Linkage linkage = Linkage::none(0);
};

struct LinkedOptions {
  int turns = 200;
  std::optional<double> continuation;  // as in MatchOptions; one length for all arenas
  int max_turns = 1'000'000;
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;
  bool tell_length = true;
};

struct LinkedResult {
  std::vector<std::string> arenas;
  std::vector<MatchResult> matches;  // one per arena: the moves actually played, scores, cooperation
  std::array<double, 2> total_scores{0.0, 0.0};
};

[[nodiscard]] Result<LinkedResult> play_linked(const LinkedPlayer& a, const LinkedPlayer& b,
                                               std::span<const Arena> arenas, const LinkedOptions& options);

}  // namespace detente::games
