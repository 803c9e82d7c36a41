// Alternating offers with a deadline: Ståhl's finite-horizon bargaining game (I. Ståhl, "Bargaining
// Theory", Stockholm School of Economics, 1972), whose limit as the deadline recedes is Rubinstein's
// infinite-horizon game ("Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 1982);
// presented as in Osborne & Rubinstein, "Bargaining and Markets" (1990), ch. 3. Solved by backward
// induction; pure functions, depending only on core/.
//
// The agreements are the points s ∈ [0, 1] of a contract line; each player's utility is linear on
// it, u_i(s) = at_zero + slope·s (the unit pie is u_1(s) = s, u_2(s) = 1 − s). Offers are made in
// rounds 1..T, the proposers alternating; an agreement in round t is worth δ_i^(t−1)·u_i(s) to i in
// round-1 units. When the offer of round T is rejected the deadline has come and each player gets
// its disagreement (outside-option) payoff d_i, in round-T units (no further delay).
//
// Two constraints of the field are parts of the game, not of the solver:
// - tying hands (Putnam 1988, "Diplomacy and Domestic Politics: The Logic of Two-Level Games",
//   International Organization 42(3); Schelling, "The Strategy of Conflict", 1960, ch. 2): only the
//   points [lo, hi] that every ratifier accepts can be agreed;
// - reversible terms (Fearon 1995, "Rationalist Explanations for War", International Organization
//   49(3); Powell 2006, "War as a Commitment Problem", International Organization 60(1)): a term the
//   other side can take back with probability r is worth (1 − r) of its face value (`reversible`).
#pragma once

#include <array>
#include <vector>

namespace detente::bargaining {

// u(s) = at_zero + slope·s on the contract line s ∈ [0, 1].
struct LinearUtility {
  double at_zero = 0.0;
  double slope = 1.0;
  [[nodiscard]] double operator()(double s) const { return at_zero + slope * s; }
};

// The unit pie: player 0 gets s, player 1 gets 1 − s.
[[nodiscard]] constexpr std::array<LinearUtility, 2> unit_pie() {
  return {LinearUtility{0.0, 1.0}, LinearUtility{1.0, -1.0}};
}

// A utility whose terms can be taken back with probability `reversal` is worth (1 − reversal) of its
// face value (Fearon 1995; Powell 2006: the other side cannot commit not to renege).
[[nodiscard]] LinearUtility reversible(LinearUtility face, double reversal);

struct Bargainer {
  LinearUtility utility;
  double discount = 1.0;      // δ_i per round, in (0, 1]
  double disagreement = 0.0;  // d_i: the payoff when the deadline passes without agreement
};

struct AlternatingOffersGame {
  std::array<Bargainer, 2> players;
  int rounds = 1;          // T ≥ 1 offers before the deadline
  int first_proposer = 0;  // proposes in rounds 1, 3, 5, ...
  double lo = 0.0;         // the ratifiable agreements [lo, hi] ⊆ [0, 1] (tying hands)
  double hi = 1.0;
};

// The subgame-perfect play of one round, given play in the later rounds.
struct RoundPlay {
  int proposer = 0;
  bool agreement = false;         // the proposer's offer is accepted in this round's subgame
  double offer = 0.0;             // the proposer's best acceptable offer (meaningful when `acceptable`)
  bool acceptable = false;        // some ratifiable offer meets the responder's reservation
  double reservation = 0.0;       // the least utility the responder accepts (its continuation)
  std::array<double, 2> value{};  // each player's value of the subgame starting here, this round's units
};

struct Solution {
  std::vector<RoundPlay> rounds;    // rounds[0] is round 1
  bool agreement = false;           // agreement on the equilibrium path (always in round 1 when it comes)
  int agreement_round = 0;          // 1-based; 0 without agreement
  double terms = 0.0;               // the agreed point s
  std::array<double, 2> payoffs{};  // round-1 units
};

// Backward induction over rounds T..1 (Ståhl 1972; Osborne & Rubinstein 1990, ch. 3).
// In round t the responder R accepts a ratifiable s iff u_R(s) ≥ r_R, its reservation: d_R in round
// T, δ_R·V_R(t + 1) before; the proposer offers the ratifiable s that maximises its utility subject
// to that, and does so iff it is worth at least its own continuation r_P (otherwise no offer it
// could make is accepted and play passes to the next round). Ties go to agreement.
[[nodiscard]] Solution solve(const AlternatingOffersGame& game);

// The responder's equilibrium acceptance rule in `round` (1-based) for an arbitrary offer s.
[[nodiscard]] bool accepts(const AlternatingOffersGame& game, const Solution& solution, int round, double offer);

// Rubinstein's (1982) first-proposer share of a unit pie: (1 − δ_2)/(1 − δ_1·δ_2).
[[nodiscard]] double rubinstein_share(double proposer_discount, double responder_discount);

}  // namespace detente::bargaining
