// Win-sets of domestic ratifiers (Putnam, "Diplomacy and Domestic Politics: The Logic of Two-Level
// Games", International Organization 42(3), 1988; Tsebelis, "Veto Players", 2002). Spatial form
// (our form): veto player v with ideal y accepts an agreement x over the status quo q iff
// ‖x − y‖ ≤ ‖q − y‖, distances measured on each issue's scale width.
#pragma once

#include <span>
#include <vector>

namespace detente::engine {

// Normalised Euclidean distance: each coordinate divided by its scale width.
[[nodiscard]] double scaled_distance(std::span<const double> a, std::span<const double> b, std::span<const double> widths);

[[nodiscard]] bool accepts(std::span<const double> agreement, std::span<const double> status_quo, std::span<const double> ideal,
                           std::span<const double> widths);

enum class RatificationRule { kUnanimity, kQuota };

// Whether the agreement is ratified by the veto players: every one of them (unanimity), or at
// least `quota` of them (a pivot rule: e.g. 2 of 3 chambers, a veto-proof majority).
[[nodiscard]] bool ratified(std::span<const double> agreement, std::span<const double> status_quo,
                            const std::vector<std::vector<double>>& ideals, std::span<const double> widths,
                            RatificationRule rule, std::size_t quota = 0);

}  // namespace detente::engine
