#include "games/stage_game.h"

#include "games/kydd.h"

#include <cmath>

#include <fmt/format.h>

namespace detente::games {
namespace {

StageGame::Matrix symmetric_row(const SymmetricPayoffs& p) { return {{{p.R, p.S}, {p.T, p.P}}}; }
StageGame::Matrix transpose(const StageGame::Matrix& m) { return {{{m[0][0], m[1][0]}, {m[0][1], m[1][1]}}}; }

bool all_finite(const StageGame::Matrix& m) {
  for (const auto& row : m) {
    for (const double x : row) {
      if (!std::isfinite(x)) return false;
    }
  }
  return true;
}

std::string describe(const SymmetricPayoffs& p) {
  return fmt::format("(R, S, T, P) = ({}, {}, {}, {})", p.R, p.S, p.T, p.P);
}

Error ordering_error(const std::string& game, const SymmetricPayoffs& p, const std::string& condition) {
  return Error{.field = "payoffs",
               .problem = fmt::format("a {} needs {}, got {}", game, condition, describe(p)),
               .fix = "choose payoffs that satisfy " + condition + ", or use a general symmetric or bimatrix game"};
}

}  // namespace

double kydd_trust_threshold(const KyddType& type) { return trust_threshold(type.c, type.t); }

StageGame::StageGame()
    : StageGame(symmetric_row(kAxelrodPayoffs), transpose(symmetric_row(kAxelrodPayoffs)), "prisoner's dilemma") {}

StageGame::StageGame(const Matrix& row, const Matrix& column, std::string name)
    : row_(row), column_(column), name_(std::move(name)) {}

Result<StageGame> StageGame::bimatrix(const Matrix& row, const Matrix& column, std::string name) {
  if (!all_finite(row) || !all_finite(column)) {
    return Error{.field = "payoffs",
                 .problem = "a payoff is not a finite number",
                 .fix = "give every payoff as a finite number"};
  }
  return StageGame(row, column, std::move(name));
}

Result<StageGame> StageGame::symmetric(const SymmetricPayoffs& p, std::string name) {
  const Matrix row = symmetric_row(p);
  return bimatrix(row, transpose(row), std::move(name));
}

Result<StageGame> StageGame::prisoners_dilemma(const SymmetricPayoffs& p) {
  if (!(p.T > p.R && p.R > p.P && p.P > p.S)) return ordering_error("prisoner's dilemma", p, "T > R > P > S");
  return symmetric(p, "prisoner's dilemma");
}

Result<StageGame> StageGame::stag_hunt(const SymmetricPayoffs& p) {
  if (!(p.R > p.T && p.T >= p.P && p.P > p.S)) return ordering_error("stag hunt", p, "R > T >= P > S");
  return symmetric(p, "stag hunt");
}

Result<StageGame> StageGame::chicken(const SymmetricPayoffs& p) {
  if (!(p.T > p.R && p.R > p.S && p.S > p.P)) return ordering_error("game of chicken", p, "T > R > S > P");
  return symmetric(p, "chicken");
}

Result<StageGame> StageGame::harmony(const SymmetricPayoffs& p) {
  if (!(p.R > p.T && p.S > p.P)) return ordering_error("harmony game", p, "R > T and S > P");
  return symmetric(p, "harmony");
}

// Kydd (2000, 2005): CC pays (1, 1), DD (0, 0); the cooperator facing a
// defector gets -c, the defector t.
Result<StageGame> StageGame::security_dilemma(const KyddType& row, const KyddType& column) {
  for (const KyddType* type : {&row, &column}) {
    if (!(std::isfinite(type->t) && std::isfinite(type->c) && type->c > 0.0 && type->t > 0.0)) {
      return Error{
          .field = "t, c",
          .problem = fmt::format("Kydd's security dilemma needs greed t > 0 and fear c > 0, got t = {}, c = {}",
                                 type->t, type->c),
          .fix = "give each player a positive t (below 1 for a trustworthy type) and a positive c"};
    }
  }
  const Matrix row_payoffs{{{1.0, -row.c}, {row.t, 0.0}}};
  const Matrix column_payoffs{{{1.0, column.t}, {-column.c, 0.0}}};
  return StageGame(row_payoffs, column_payoffs, "security dilemma");
}

SymmetricPayoffs StageGame::payoffs_for(int seat) const {
  return {.R = payoff(seat, kC, kC), .S = payoff(seat, kC, kD), .T = payoff(seat, kD, kC), .P = payoff(seat, kD, kD)};
}

bool StageGame::is_symmetric() const { return column_ == transpose(row_); }

}  // namespace detente::games
