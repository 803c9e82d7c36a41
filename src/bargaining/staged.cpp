#include "bargaining/staged.h"

#include <cstddef>

namespace detente::bargaining {
namespace {

double hazard_at(const Stage& stage, int step) {
  const auto k = static_cast<std::size_t>(step - 1);
  return step >= 1 && k < stage.hazard.size() ? stage.hazard[k] : 0.0;
}

}  // namespace

double probability_at(const Stage& stage, int step) {
  double survival = 1.0;
  for (int j = 1; j < step; ++j) survival *= 1.0 - hazard_at(stage, j);
  return survival * hazard_at(stage, step);
}

double probability_between(const Stage& stage, int first, int last) {
  double survival = 1.0;
  for (int j = first; j <= last; ++j) survival *= 1.0 - hazard_at(stage, j);
  return (1.0 - survival) * stage.ratification;
}

double probability_final_by(const Stage& framework, const Stage& final_deal, int by) {
  double total = 0.0;
  for (int k = 1; k < by; ++k) {
    total += probability_at(framework, k) * framework.ratification * probability_between(final_deal, k + 1, by);
  }
  return total;
}

}  // namespace detente::bargaining
