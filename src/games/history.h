// What a strategy sees when it chooses a move: the moves played so far by
// itself and by its opponent (after noise, as both players observed them),
// the game and, when the match has a fixed length, that length.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>

#include "games/move.h"
#include "games/stage_game.h"

namespace detente::games {

class History {
 public:
  // `self` and `opponent` have equal length; `known_length` < 0 means the
  // players are not told how long the match lasts.
  History(std::span<const Move> self, std::span<const Move> opponent, int self_cooperations, int opponent_cooperations,
          const StageGame& game, int seat, int known_length)
      : self_(self),
        opponent_(opponent),
        self_cooperations_(self_cooperations),
        opponent_cooperations_(opponent_cooperations),
        game_(&game),
        seat_(seat),
        known_length_(known_length) {}

  // Turns completed so far.
  [[nodiscard]] int turns() const { return static_cast<int>(self_.size()); }
  [[nodiscard]] bool empty() const { return self_.empty(); }
  [[nodiscard]] std::span<const Move> self() const { return self_; }
  [[nodiscard]] std::span<const Move> opponent() const { return opponent_; }
  // Moves counted from the end: self_back(1) is the last move. Needs turns() >= k.
  [[nodiscard]] Move self_back(int k) const { return self_[self_.size() - static_cast<std::size_t>(k)]; }
  [[nodiscard]] Move opponent_back(int k) const { return opponent_[opponent_.size() - static_cast<std::size_t>(k)]; }

  [[nodiscard]] int self_cooperations() const { return self_cooperations_; }
  [[nodiscard]] int self_defections() const { return turns() - self_cooperations_; }
  [[nodiscard]] int opponent_cooperations() const { return opponent_cooperations_; }
  [[nodiscard]] int opponent_defections() const { return turns() - opponent_cooperations_; }

  // The opponent's last `n` moves (fewer at the start of a match).
  [[nodiscard]] std::span<const Move> opponent_last(int n) const { return last(opponent_, n); }
  [[nodiscard]] std::span<const Move> self_last(int n) const { return last(self_, n); }
  // How often `m` occurs among the opponent's last `n` moves.
  [[nodiscard]] int opponent_count_last(int n, Move m) const {
    const auto tail = opponent_last(n);
    return static_cast<int>(std::count(tail.begin(), tail.end(), m));
  }

  // The length the players were told, if the match has a fixed length.
  [[nodiscard]] std::optional<int> known_length() const {
    return known_length_ < 0 ? std::nullopt : std::optional<int>(known_length_);
  }
  [[nodiscard]] const StageGame& game() const { return *game_; }
  // R, S, T, P from this player's side of the game.
  [[nodiscard]] SymmetricPayoffs payoffs() const { return game_->payoffs_for(seat_); }
  [[nodiscard]] double own_payoff(Move own, Move other) const { return game_->payoff(seat_, own, other); }
  [[nodiscard]] double opponent_payoff(Move own, Move other) const { return game_->payoff(1 - seat_, other, own); }

 private:
  static std::span<const Move> last(std::span<const Move> moves, int n) {
    const std::size_t k = std::min(moves.size(), static_cast<std::size_t>(std::max(n, 0)));
    return moves.subspan(moves.size() - k);
  }

  std::span<const Move> self_;
  std::span<const Move> opponent_;
  int self_cooperations_;
  int opponent_cooperations_;
  const StageGame* game_;
  int seat_;
  int known_length_;
};

}  // namespace detente::games
