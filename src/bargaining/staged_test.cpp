// Staged agreements: the probability of a final deal by a date from its parts, derived by hand.
#include "bargaining/staged.h"

#include <gtest/gtest.h>

namespace detente::bargaining {
namespace {

TEST(StagedAgreement, FinalByDateSumsOverTheFrameworksStep) {
  // Framework hazard 1/2 in steps 1 and 2 (its deadline), final hazard 1/2 from step 2 on.
  // Framework at 1 (1/2): final in step 2 or 3, 1 − 1/4 = 3/4. Framework at 2 (1/4): final in step 3,
  // 1/2. P(final by 3) = 3/8 + 1/8 = 1/2; with ratification 0.8 and 0.9: 0.5 · 0.72 = 0.36.
  Stage framework{.hazard = {0.5, 0.5}};
  Stage final_deal{.hazard = {0.5, 0.5, 0.5, 0.5}};
  EXPECT_DOUBLE_EQ(probability_final_by(framework, final_deal, 3), 0.5);
  framework.ratification = 0.8;
  final_deal.ratification = 0.9;
  EXPECT_NEAR(probability_final_by(framework, final_deal, 3), 0.36, 1e-15);
  // No final deal can come in the framework's own step: by step 1 it is impossible.
  EXPECT_DOUBLE_EQ(probability_final_by(framework, final_deal, 1), 0.0);
}

TEST(StagedAgreement, FactorisesWhenTheFinalCannotPrecedeTheFrameworkDeadline) {
  // The framework by D1 = 3 with hazard 0.3 a step: 1 − 0.7³ = 0.657, ratified 0.9; the final only
  // from step 4, hazard 0.4 over steps 4..6: 1 − 0.6³ = 0.784, ratified 0.75. P(final by 6) is the
  // product of the parts, 0.657·0.9 · 0.784·0.75.
  const Stage framework{.hazard = {0.3, 0.3, 0.3}, .ratification = 0.9};
  const Stage final_deal{.hazard = {0.0, 0.0, 0.0, 0.4, 0.4, 0.4}, .ratification = 0.75};
  const double framework_by = probability_between(framework, 1, 3);
  const double final_given_framework = probability_between(final_deal, 4, 6);
  EXPECT_NEAR(framework_by, 0.657 * 0.9, 1e-15);
  EXPECT_NEAR(final_given_framework, 0.784 * 0.75, 1e-15);
  EXPECT_NEAR(probability_final_by(framework, final_deal, 6), framework_by * final_given_framework, 1e-15);
}

TEST(StagedAgreement, StepProbabilitiesOfAStageSumToItsProbabilityByADate) {
  const Stage stage{.hazard = {0.1, 0.2, 0.3, 0.4}};
  double sum = 0.0;
  for (int k = 1; k <= 6; ++k) sum += probability_at(stage, k);
  EXPECT_NEAR(sum, 1.0 - 0.9 * 0.8 * 0.7 * 0.6, 1e-15);  // none after its deadline, step 4
  EXPECT_NEAR(probability_between(stage, 1, 6), sum, 1e-15);
}

}  // namespace
}  // namespace detente::bargaining
