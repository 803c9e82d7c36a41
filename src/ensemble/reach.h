// Reachability of "agreement by D": a directed search over the ends of every uncertain input's
// range for the run that brings the positions closest to agreement by D (the gap of the
// negotiation's positions gate at the step containing D). When even the best corner leaves the
// positions apart, agreement by D is out of reach of the scenario's structure, not a matter of
// sampling; the search says which inputs it moved. It is repeated with the random draws of the
// first eight runs, since types and hard deadlines are drawn, not inputs. Coordinate descent over the range ends: exact
// when the gap is monotone in each input (as concession speed, deadline pressure and acceptance
// width are in the drift negotiation), a search otherwise (docs/models.md §diagnostics).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "engine/engine.h"

namespace detente::ensemble {

struct Reachability {
  bool agreed = false;  // the best run found agrees by the date
  double position_gap =
      0.0;  // its positions gate's gap at the date (> 0: apart; +inf: talks ended before; 0 if agreed)
  std::vector<std::string> closed;                       // the gates closed in it at the date
  std::vector<std::pair<std::string, double>> settings;  // inputs moved off their central values
  std::uint64_t run = 0;  // whose random draws (types, hard deadlines, trembles) the best run used
  int evaluations = 0;
};

[[nodiscard]] Result<Reachability> search_reachability(const engine::Engine& engine, std::size_t date_index,
                                                       const std::vector<std::string>& policies, std::uint64_t seed);

}  // namespace detente::ensemble
