// The contract line of the alternating-offers protocol (docs/models.md §alternating offers; our
// form): the segment between the two sides' ideals in issue space, x(s) = to + s·(from − to), s = 1
// at the first side's ideal and 0 at the second's, with distances on each issue's scale width
// (engine/mechanisms/negotiation/winset.h). Each side values a point by how close it is to its
// ideal in units of the segment's length L, u(x) = 1 − ‖x − ideal‖/L: on the line u_0 = s and
// u_1 = 1 − s, the unit pie of Ståhl's game (bargaining/alternating_offers.h).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace detente::engine {

struct ContractLine {
  std::vector<double> from;    // the first side's ideal (s = 1)
  std::vector<double> to;      // the second side's ideal (s = 0)
  std::vector<double> widths;  // each issue's scale width

  [[nodiscard]] std::vector<double> point(double s) const;
  [[nodiscard]] double length() const;  // L, in scale widths
  // u(x) = 1 − ‖x − ideal of `side`‖ / L; for a point off the line too (the status quo).
  [[nodiscard]] double utility(int side, std::span<const double> x) const;
};

// The points s ∈ [0, 1] of the line inside veto player's win-set {x : ‖x − y‖ ≤ ‖q − y‖} (Putnam
// 1988 in the spatial form of winset.h): the line meets the ball around the ideal y in one
// interval, the roots of |Δ|²s² + 2s·Δ·(to − y) + |to − y|² − ‖q − y‖² = 0 with Δ = from − to.
// Nothing when they do not meet.
[[nodiscard]] std::optional<std::array<double, 2>> win_set_on_line(const ContractLine& line,
                                                                   std::span<const double> ideal,
                                                                   std::span<const double> status_quo);

}  // namespace detente::engine
