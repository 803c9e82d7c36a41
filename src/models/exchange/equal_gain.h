// The arithmetic of one candidate exchange in Stokman's Equal Gain model, as
// the Decide program computes it: the equal-gain moves (Stokman & Van Oosten
// 1994), the reversal when a move would overshoot, the clip that keeps the
// outcome from passing the demander's position, and the recalculation after
// another exchange has been carried out. Internal to the exchange model.
//
// Everything here works on Decide's normalised scale: each issue's positions
// mapped linearly onto 0–100. Actors and issues are indexed in name order (see
// Board), so that no result depends on the order of the input file.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <vector>

namespace detente::exchange::detail {

// The internal arithmetic is in extended precision (64-bit significands on
// x86-64), so that gains and positions come out correctly rounded to double
// in nearly every case, as Decide's 28-digit decimals are.
using Real = long double;

// Positions equal within this distance (on the 0–100 scale) are treated as
// equal: Decide computes in 28-digit decimals, where such comparisons are
// exact; in binary they would flip on rounding noise.
inline constexpr Real kPositionTolerance = 1e-9L;

struct Holding {
  Real position = 0.0;  // normalised, 0–100
  Real salience = 0.0;
  Real capability = 0.0;
  [[nodiscard]] Real weight() const { return salience * capability; }
};

// The state at the start of a round: holdings[issue][actor], absent when the
// actor has no stake in the issue.
struct Board {
  std::vector<std::vector<std::optional<Holding>>> holdings;
  std::vector<Real> total_weight;  // Σ c·s per issue (Decide's NBS denominator)

  [[nodiscard]] const Holding& at(std::size_t issue, std::size_t actor) const { return *holdings[issue][actor]; }
  // The c·s weighted mean position (Achen's compromise, Decide's "NBS"), with
  // some actors' positions replaced by `overrides`.
  [[nodiscard]] Real outcome(std::size_t issue, const std::map<std::size_t, Real>& overrides = {}) const;
};

// One actor's side of a candidate exchange.
struct Side {
  std::size_t actor = 0;
  std::size_t supply = 0;      // the issue this actor moves on
  std::size_t demand = 0;      // the issue on which the other actor moves towards it
  Real start = 0.0;            // position on the supply issue at the start of the round
  Real position = 0.0;         // current position on the supply issue (moved by executed exchanges)
  Real demand_position = 0.0;  // position on the demand issue at the start of the round (Decide keeps it)
  Real supply_salience = 0.0;
  Real supply_weight = 0.0;  // c·s on the supply issue
  Real demand_salience = 0.0;
  Real move = 0.0;  // signed
  Real y = 0.0;     // voting position on the supply issue: position + move
  // Decide's move history for this side: the direction and size checks look
  // at all of it (see move_is_valid).
  std::vector<Real> moves;
};

struct Candidate {
  Side i;  // demands issue p, supplies q
  Side j;  // supplies p, demands q
  Real gain = 0.0;
  bool valid = true;
  // Positions of other actors on an issue that executed exchanges moved and
  // that this exchange takes into account (Decide's `updates`), [issue][actor].
  std::map<std::size_t, std::map<std::size_t, Real>> updates;
};

// Sets up the exchange between actors a and b over issues p and q (both must
// hold stakes in both) and computes it. The actor with the higher ratio of
// salience on p to salience on q demands p (Stokman & Van Oosten 1994).
[[nodiscard]] Candidate make_candidate(const Board& board, std::size_t a, std::size_t b, std::size_t p, std::size_t q);

// (Re)computes moves, voting positions, gain and validity from the sides'
// current positions.
void compute(Candidate& c, const Board& board);

// Decide's validity test for a side's move: not (almost) zero, inside 0–100,
// the moves this round summing to at most 100 and all in one direction.
[[nodiscard]] bool move_is_valid(const Side& side);

// After `executed` has been carried out, brings `c` up to date: a side that
// supplies on the same issue as an executed side starts from its new position;
// an executed move on the issue one of c's actors demands is recorded in
// c.updates. Recomputes c when it was affected; returns whether it was.
bool follow(Candidate& c, const Candidate& executed, const Board& board);

}  // namespace detente::exchange::detail
