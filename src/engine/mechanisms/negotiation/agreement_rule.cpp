#include "engine/mechanisms/negotiation/agreement_rule.h"

#include <fmt/format.h>

#include "engine/mechanisms/negotiation/winset.h"

namespace detente::engine {

std::uint32_t trust_and_ratification_gates(const World& world, std::span<const double> status_quo,
                                           std::span<const double> widths, double trust_threshold,
                                           const std::array<std::size_t, 2>& leads) {
  std::uint32_t closed = 0;
  for (int side = 0; side < 2; ++side) {
    const std::size_t self = leads[static_cast<std::size_t>(side)];
    const std::size_t other = leads[static_cast<std::size_t>(1 - side)];
    if (world.belief(self, other).trustworthy(0) < trust_threshold) closed |= Gates::trust(side);
  }
  for (std::size_t v = 0; v < world.veto_ideals.size(); ++v) {
    if (world.veto_can_block[v] && !accepts(world.proposal, status_quo, world.veto_ideals[v], widths)) {
      closed |= Gates::veto(v);
    }
  }
  return closed;
}

std::string proposal_terms(const World& world) {
  std::string out;
  for (std::size_t d = 0; d < world.proposal.size(); ++d) {
    out += fmt::format("{}{} {:.1f}", out.empty() ? "" : ", ", world.scenario->issues[d].id, world.proposal[d]);
  }
  return out;
}

}  // namespace detente::engine
