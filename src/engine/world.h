// The state of one run of a scenario: what every mechanism reads and writes. Mechanisms talk to
// each other only through this value, in the order of their phases (engine.h).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "games/kydd.h"
#include "games/strategy.h"
#include "scenario/scenario.h"

namespace detente::engine {

using games::bayes_update;
using games::cooperation_threshold;
using games::JointBelief;
using games::observed_cooperation;
using games::trust_threshold;

// What one player did in an arena this step, and how likely each of its types was to do it
// (used by observers' Bayesian updates: equal likelihoods reveal nothing).
struct ArenaMove {
  bool played = false;        // false while the arena is inactive or the player has not started
  bool cooperated = false;
  double cooperate_if_trustworthy = 0.5;
  double cooperate_if_untrustworthy = 0.5;
};

// A repeated-game arena's state in one run: each seat's strategy for each of its types (both are
// fed the same history, so the move the other type would have made is known), and the moves.
struct RepeatedPlay {
  std::array<std::vector<games::Player>, 2> strategies;   // per seat: [trustworthy, untrustworthy]
  std::array<std::vector<games::Move>, 2> moves;
  std::array<int, 2> cooperations{};
};

struct Event {
  int step = 0;
  std::string text;
};

// The gates of the agreement rule that were closed at a step (docs/models.md §negotiation): the
// diagnostics that say why the talks had not ended in agreement by a date.
struct Gates {
  static constexpr std::uint32_t kPositions = 1U;   // a negotiator finds the proposal too far from its position
  [[nodiscard]] static constexpr std::uint32_t trust(int side) { return 2U << side; }   // the side's lead distrusts the other
  [[nodiscard]] static constexpr std::uint32_t veto(std::size_t v) { return 8U << v; }  // veto player v would not ratify
  static_assert(scenario::kMaxVetoPlayers <= 29, "one bit per veto player after the first three");

  int step = -1;   // the step they were last evaluated at (the talks were open at its start)
  std::uint32_t closed = 0;
  // The largest negotiator's distance to the proposal minus the acceptance width, as a share of
  // the scales: > 0 means the positions gate is closed, by that much.
  double position_gap = 0.0;
};

// What observers of a linked arena could learn from its moves in one run: a move separates the
// types when a trustworthy and an untrustworthy player would have played it with different
// probabilities, and pools them when not (then Bayes' rule leaves beliefs where they were).
struct SignalTally {
  int separating = 0;
  int pooling = 0;
  double trust_shift = 0.0;   // the change these observations made to trust on the first dimension, summed over observers
};

struct World {
  const scenario::Scenario* scenario = nullptr;
  std::vector<double> p;   // every scenario parameter's value in this run; policies change them
  int step = 0;
  bool narrate = false;
  std::vector<Event> events;

  // Private types (Kydd): per actor, trustworthy on each of the two trust dimensions.
  std::vector<std::array<bool, 2>> trustworthy;
  // beliefs[i * n + j]: actor i's joint belief about actor j's two types.
  std::vector<JointBelief> beliefs;
  std::vector<JointBelief> prior_beliefs;

  double threat = 0.0;
  double threat_peak = 0.0;
  std::vector<double> threat_cost;           // per actor, accumulated
  double reduction_rate = 0.0;               // this step's threat reduction (set by the arenas)

  std::vector<std::vector<ArenaMove>> moves;           // per arena, per player, this step
  std::vector<std::vector<ArenaMove>> previous_moves;  // last step's
  std::vector<int> mutual_cooperation_steps;           // per arena, cumulative
  std::vector<RepeatedPlay> repeated;                   // per arena (used by repeated-game arenas)
  std::vector<SignalTally> signals;                     // per arena (counted for linked arenas)

  // Negotiation, over the scenario's issues; positions per negotiator (scenario.negotiators order).
  std::vector<std::vector<double>> positions;
  std::vector<double> proposal;
  std::vector<std::vector<double>> veto_ideals;        // per veto player, per issue
  std::vector<bool> veto_can_block;
  bool agreed = false;
  int agreement_step = -1;
  std::vector<double> terms;
  Gates gates;                                         // this step's, while the talks are open
  bool broken_down = false;
  int breakdown_step = -1;
  int missed_deadlines = 0;
  double missed_cost = 0.0;                            // accumulated audience cost
  std::size_t next_deadline = 0;                       // the next [[deadlines]] entry not yet reached
  std::vector<bool> hard_deadline;                     // drawn per run
  int extended_deadline_step = -1;                     // set by extending an extendable deadline; -1 none

  // The step of the deadline the talks face next (-1 when none is pending): the next listed one,
  // or after the last, the one its latest extension set.
  [[nodiscard]] int next_deadline_step() const {
    if (next_deadline < scenario->deadlines.size()) return scenario->deadlines[next_deadline].step;
    return extended_deadline_step;
  }

  [[nodiscard]] bool talks_open() const { return !agreed && !broken_down; }
  [[nodiscard]] std::size_t actors() const { return trustworthy.size(); }
  [[nodiscard]] JointBelief& belief(std::size_t observer, std::size_t target) { return beliefs[observer * actors() + target]; }
  [[nodiscard]] const JointBelief& belief(std::size_t observer, std::size_t target) const {
    return beliefs[observer * actors() + target];
  }
  void note(std::string text) {
    if (narrate) events.push_back(Event{step, std::move(text)});
  }
  // Notes `text()` only the first time `key` is seen in this run (and only when narrating).
  template <typename Text>
  void note_once(const std::string& key, Text text) {
    if (!narrate || std::find(noted_.begin(), noted_.end(), key) != noted_.end()) return;
    noted_.push_back(key);
    note(text());
  }

 private:
  std::vector<std::string> noted_;

 public:
};

}  // namespace detente::engine
