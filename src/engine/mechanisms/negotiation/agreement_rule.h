// The gates every negotiation protocol shares (docs/models.md §negotiation, §diagnostics): the
// deal's trust gate (Kydd 2005: each side's lead trusts the other's at least
// fear / (1 + fear − greed)) and ratification by every veto player able to block this run (Putnam
// 1988), for the proposal on the table. The positions gate is each protocol's own.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "engine/world.h"

namespace detente::engine {

// Gates bits of the trust and ratification gates closed for world.proposal; `status_quo` and
// `widths` per issue, `leads` the two sides' leads.
[[nodiscard]] std::uint32_t trust_and_ratification_gates(const World& world, std::span<const double> status_quo,
                                                         std::span<const double> widths, double trust_threshold,
                                                         const std::array<std::size_t, 2>& leads);

// The proposal on the table in words: "restrictions 61.1, relief 62.5".
[[nodiscard]] std::string proposal_terms(const World& world);

}  // namespace detente::engine
