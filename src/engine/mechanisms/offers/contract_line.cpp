#include "engine/mechanisms/offers/contract_line.h"

#include <algorithm>
#include <cmath>

#include "engine/mechanisms/negotiation/winset.h"

namespace detente::engine {

std::vector<double> ContractLine::point(double s) const {
  std::vector<double> x(from.size());
  for (std::size_t d = 0; d < x.size(); ++d) x[d] = to[d] + s * (from[d] - to[d]);
  return x;
}

double ContractLine::length() const { return scaled_distance(from, to, widths); }

double ContractLine::utility(int side, std::span<const double> x) const {
  const double gap = scaled_distance(x, side == 0 ? from : to, widths);
  const double span = length();
  return span > 0.0 ? 1.0 - gap / span : (gap > 0.0 ? -INFINITY : 1.0);
}

std::optional<std::array<double, 2>> win_set_on_line(const ContractLine& line, std::span<const double> ideal,
                                                     std::span<const double> status_quo) {
  const double radius = scaled_distance(status_quo, ideal, line.widths);
  double a = 0.0, b = 0.0, c = -radius * radius;
  for (std::size_t d = 0; d < ideal.size(); ++d) {
    const double delta = (line.from[d] - line.to[d]) / line.widths[d];
    const double offset = (line.to[d] - ideal[d]) / line.widths[d];
    a += delta * delta;
    b += 2.0 * delta * offset;
    c += offset * offset;
  }
  double lo = 0.0, hi = 1.0;
  if (a == 0.0) {  // the two ideals coincide: the line is one point
    if (c > 1e-12) return std::nullopt;
  } else {
    const double discriminant = b * b - 4.0 * a * c;
    if (discriminant < 0.0) return std::nullopt;
    const double root = std::sqrt(discriminant);
    lo = std::max(lo, (-b - root) / (2.0 * a));
    hi = std::min(hi, (-b + root) / (2.0 * a));
  }
  if (lo > hi) return std::nullopt;
  return std::array<double, 2>{lo, hi};
}

}  // namespace detente::engine
