// Staged agreements: a framework (an interim deal such as the Joint Plan of Action of November 2013,
// or Lausanne's parameters of April 2015) and then a final deal, each reached in some step with a
// hazard and each with its own ratification. The probability of a final deal by a date follows
// from the parts by the law of total probability over the framework's step (our form):
//   P(final by D) = Σ_{k<D} P(framework ratified at k) · P(final ratified in k+1..D | framework at k),
//   P(framework at k) = h_k ∏_{j<k} (1 − h_j),   P(final in k+1..D) = 1 − ∏_{j=k+1..D} (1 − g_j),
// with h and g the stages' per-step hazards on the calendar (1-based steps; zero past a vector's
// end: the stage's deadline). When the final stage cannot conclude before the framework's deadline
// D₁ (g_j = 0 for j ≤ D₁), the sum factorises: P(final by D) = P(framework by D₁) · P(final by D |
// framework).
#pragma once

#include <vector>

namespace detente::bargaining {

struct Stage {
  std::vector<double> hazard;  // per calendar step from step 1: P(agreement in it | none before)
  double ratification = 1.0;   // P(the agreement reached is ratified)
};

// P(the stage's agreement is reached in `step`), from step 1 on (no earlier stage).
[[nodiscard]] double probability_at(const Stage& stage, int step);
// P(the stage's agreement is reached and ratified in some step of first..last), given it had not
// been reached before `first`.
[[nodiscard]] double probability_between(const Stage& stage, int first, int last);
// P(a ratified framework and then a ratified final deal by `by`).
[[nodiscard]] double probability_final_by(const Stage& framework, const Stage& final_deal, int by);

}  // namespace detente::bargaining
