#include "engine/mechanisms/negotiation/winset.h"

#include <cmath>

namespace detente::engine {

double scaled_distance(std::span<const double> a, std::span<const double> b, std::span<const double> widths) {
  double sum = 0.0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    const double gap = (a[d] - b[d]) / widths[d];
    sum += gap * gap;
  }
  return std::sqrt(sum);
}

bool accepts(std::span<const double> agreement, std::span<const double> status_quo, std::span<const double> ideal,
             std::span<const double> widths) {
  return scaled_distance(agreement, ideal, widths) <= scaled_distance(status_quo, ideal, widths) + 1e-12;
}

bool ratified(std::span<const double> agreement, std::span<const double> status_quo,
              const std::vector<std::vector<double>>& ideals, std::span<const double> widths, RatificationRule rule,
              std::size_t quota) {
  std::size_t yes = 0;
  for (const auto& ideal : ideals) yes += accepts(agreement, status_quo, ideal, widths) ? 1 : 0;
  return rule == RatificationRule::kUnanimity ? yes == ideals.size() : yes >= quota;
}

}  // namespace detente::engine
