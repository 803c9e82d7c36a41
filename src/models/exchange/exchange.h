// Stokman's exchange model of collective decision making, in the "Equal Gain"
// form run by the Decide program (Stokman & Van Oosten 1994, "The exchange of
// voting positions: an object-oriented model of policy networks", in Bueno de
// Mesquita & Stokman (eds.), European Community Decision Making; Stokman,
// Van Assen, Van der Knoop & Van Oosten 2000, "Strategic decision making",
// Advances in Group Processes 17; Decide: Dijkstra, Van Assen, Stokman et al.,
// as published in foarsitter/decide-exchange-model).
//
// Per round, for every pair of issues (p, q), actors on opposite sides of the
// predicted outcome O (the capability × salience weighted mean, "NBS") on both
// issues may exchange voting positions: each moves on the issue it finds
// relatively less salient, so that both gain the same expected utility. The
// most profitable exchange is carried out first, the others are recalculated
// or dropped, and so on until none is left. The round's outcome is O on the
// voting positions; actors start the next round partly moved towards them.
//
// This header is the library API: the full record of every round (candidate
// exchanges, the executed sequence, voting positions, outcomes). The model is
// also registered as "exchange" for the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/stakeholders.h"

namespace detente::exchange {

// How to choose between candidate exchanges whose gains are equal (within a
// relative 1e-9). kOrdered takes the first by name: the alphabetically smaller
// actor, then the other actor, then the smaller actor's supply issue, then the
// other's: independent of the order of the input file.
// kRandom draws uniformly among the tied exchanges from the seed.
enum class TieBreak { kOrdered, kRandom };

struct Parameters {
  int rounds = 10;  // Decide's command line default (--iterations 10)
  TieBreak tie_break = TieBreak::kOrdered;
  std::uint64_t seed = 0;
  // Next round's start x' = (1 − w)x + w·y with w = salience_weight·(1 − s) + fixed_weight,
  // s the actor's salience on the issue (Decide: SALIENCE_WEIGHT = 0.4, FIXED_WEIGHT = 0.1).
  double salience_weight = 0.4;
  double fixed_weight = 0.1;
};

// One actor's part in an exchange: it moves ("supplies") on supply_issue from
// `from` to `to` and in return gains on demand_issue. Positions are in the
// issue's own scale (Issue::scale).
struct ExchangeSide {
  std::size_t actor = 0;         // index into StakeholderProblem::actors
  std::size_t supply_issue = 0;  // index into StakeholderProblem::issues
  std::size_t demand_issue = 0;
  double from = 0.0;
  double to = 0.0;
};

struct Exchange {
  ExchangeSide first;  // the side whose actor name sorts first
  ExchangeSide second;
  // The equal utility gain of both actors: the shift of the outcome on the
  // demand issue times the demand salience, less the shift on the supply issue
  // times the supply salience, with positions on Decide's 0–100 normalised scale.
  double gain = 0.0;
  // False when Decide would never carry it out: no gain (< 1e-10), a move of
  // (almost) nothing, beyond the scale, or against an earlier move this round.
  bool valid = false;
};

struct RoundReport {
  int round = 0;                     // 1-based
  std::vector<Exchange> candidates;  // every A–D and B–C pair at the start of the round, as first computed
  std::vector<Exchange> executed;    // in the order carried out, as last recalculated
  int ties = 0;                      // choices made between exchanges of equal gain
  // Indexed [issue][stake], aligned with Issue::stakes, in the issue's scale.
  std::vector<std::vector<double>> voting_positions;  // after this round's exchanges
  std::vector<std::vector<double>> next_positions;    // the next round's start x'
  std::vector<double> outcomes;                       // per issue: the c·s weighted mean of the voting positions
};

struct Run {
  std::vector<RoundReport> rounds;
};

// Runs the model. Errors: fewer than two issues, a negative number of rounds,
// or weights that would carry positions outside [x, y].
[[nodiscard]] Result<Run> run(const StakeholderProblem& problem, const Parameters& parameters);

}  // namespace detente::exchange
