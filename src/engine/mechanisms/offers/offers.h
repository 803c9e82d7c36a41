// The alternating-offers protocol's bargaining game for one step of a run (docs/models.md
// §alternating offers): exposed so that tests can compare a run with the library's prediction.
#pragma once

#include "bargaining/alternating_offers.h"
#include "engine/mechanisms/offers/contract_line.h"
#include "engine/world.h"

namespace detente::engine {

struct OffersRound {
  ContractLine line;
  bargaining::AlternatingOffersGame game;  // round 1 is this step, round T the step of the next deadline
};

// Where the protocol's numbers are among a scenario's parameters (found once, read every step).
struct OffersParameters {
  explicit OffersParameters(const scenario::Scenario& s);
  std::vector<std::size_t> status_quo;                                                      // per issue
  std::array<std::size_t, 2> patience{}, outside{};                                         // per side
  std::array<std::vector<std::vector<std::size_t>>, 2> positions, saliences, capabilities;  // [side][issue][member]
};

// The game the side whose turn it is plays at `world.step`, from the run's parameters: the sides'
// ideals, the status quo, the outside options, each side's patience and the win-sets of the veto
// players able to block in this run.
[[nodiscard]] OffersRound offers_round(const OffersParameters& parameters, const World& world);

}  // namespace detente::engine
