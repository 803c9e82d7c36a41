// Two-player stage games with two actions (cooperate, defect): the general
// bimatrix and the named symmetric games of the literature.
#pragma once

#include <array>
#include <string>
#include <utility>

#include "core/error.h"
#include "games/move.h"

namespace detente::games {

// A symmetric game's payoffs to one player: R mutual cooperation, S cooperating
// against a defector (sucker), T defecting against a cooperator (temptation),
// P mutual defection (punishment).
struct SymmetricPayoffs {
  double R = 3.0;
  double S = 0.0;
  double T = 5.0;
  double P = 1.0;
  friend bool operator==(const SymmetricPayoffs&, const SymmetricPayoffs&) = default;
};

// Axelrod's payoffs (Axelrod 1980, 1984), the default everywhere.
inline constexpr SymmetricPayoffs kAxelrodPayoffs{3.0, 0.0, 5.0, 1.0};

// One player's private type in Kydd's security dilemma game (Kydd, "Trust,
// Reassurance, and Cooperation", IO 54(2), 2000; Trust and Mistrust in
// International Relations, 2005): mutual cooperation pays 1, mutual defection
// 0, being exploited -c (fear), exploiting t (greed).
struct KyddType {
  double t = 0.5;  // greed; t < 1: trustworthy (assurance game), t > 1: untrustworthy (PD)
  double c = 1.0;  // fear, > 0
};

// Kydd's minimum trust threshold: a trustworthy player cooperates iff its belief
// that the other is trustworthy is at least tau = c / (1 + c - t).
[[nodiscard]] double kydd_trust_threshold(const KyddType& type);
[[nodiscard]] inline bool is_trustworthy(const KyddType& type) { return type.t < 1.0; }

class StageGame {
 public:
  // payoff[row move][column move], Move::kCooperate = 0.
  using Matrix = std::array<std::array<double, 2>, 2>;

  // Axelrod's prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1).
  StageGame();

  // Any finite bimatrix game.
  [[nodiscard]] static Result<StageGame> bimatrix(const Matrix& row, const Matrix& column,
                                                  std::string name = "bimatrix");
  // A symmetric game with the given payoffs and no ordering condition.
  [[nodiscard]] static Result<StageGame> symmetric(const SymmetricPayoffs& p, std::string name = "symmetric");
  // T > R > P > S.
  [[nodiscard]] static Result<StageGame> prisoners_dilemma(const SymmetricPayoffs& p = kAxelrodPayoffs);
  // R > T >= P > S (Skyrms 2004): mutual cooperation is the best outcome but risky.
  [[nodiscard]] static Result<StageGame> stag_hunt(const SymmetricPayoffs& p = {4.0, 0.0, 3.0, 1.0});
  // T > R > S > P: mutual defection is the worst outcome.
  [[nodiscard]] static Result<StageGame> chicken(const SymmetricPayoffs& p = {3.0, 1.0, 5.0, 0.0});
  // R > T and S > P: cooperating is dominant, no dilemma.
  [[nodiscard]] static Result<StageGame> harmony(const SymmetricPayoffs& p = {4.0, 2.0, 3.0, 1.0});
  // Kydd's security dilemma game, each player with its own (t, c).
  [[nodiscard]] static Result<StageGame> security_dilemma(const KyddType& row, const KyddType& column);

  // The payoff to the player in `seat` (0 row, 1 column) playing `own` against `other`.
  [[nodiscard]] double payoff(int seat, Move own, Move other) const {
    return seat == 0 ? row_[index(own)][index(other)] : column_[index(other)][index(own)];
  }
  [[nodiscard]] std::pair<double, double> payoffs(Move row, Move column) const {
    return {row_[index(row)][index(column)], column_[index(row)][index(column)]};
  }
  // R, S, T, P as seen by the player in `seat`.
  [[nodiscard]] SymmetricPayoffs payoffs_for(int seat) const;
  [[nodiscard]] bool is_symmetric() const;
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const Matrix& row_matrix() const { return row_; }
  [[nodiscard]] const Matrix& column_matrix() const { return column_; }

 private:
  StageGame(const Matrix& row, const Matrix& column, std::string name);
  Matrix row_{};
  Matrix column_{};
  std::string name_;
};

}  // namespace detente::games
