// The extend-or-walk comparison made when a deadline passes (our form; see deadlines.cpp).
#pragma once

namespace detente::engine {

// trust × gain − missed_cost: the value of keeping the talks going.
[[nodiscard]] double value_of_extending(double trust, double gain, double missed_cost);
[[nodiscard]] bool extends(double trust, double gain, double missed_cost, double outside_option);

}  // namespace detente::engine
