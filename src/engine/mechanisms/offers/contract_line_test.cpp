// The contract line's utilities and the veto players' win-sets on it, derived by hand.
#include "engine/mechanisms/offers/contract_line.h"

#include <gtest/gtest.h>

#include <cmath>

namespace detente::engine {
namespace {

TEST(ContractLine, UtilitiesOnTheLineAreTheUnitPie) {
  const ContractLine line{.from = {100.0, 20.0}, .to = {0.0, 80.0}, .widths = {100.0, 100.0}};
  for (const double s : {0.0, 0.25, 0.5, 1.0}) {
    const auto x = line.point(s);
    EXPECT_NEAR(line.utility(0, x), s, 1e-12);
    EXPECT_NEAR(line.utility(1, x), 1.0 - s, 1e-12);
  }
  // Off the line: the point (100, 80) is 0.6 scale widths from the first ideal; L = √(1 + 0.36).
  const std::vector<double> corner = {100.0, 80.0};
  EXPECT_NEAR(line.utility(0, corner), 1.0 - 0.6 / std::sqrt(1.36), 1e-12);
}

TEST(ContractLine, OnOneIssueAWinSetIsTheSideOfTheStatusQuoNearerTheRatifier) {
  // Ideal 0, status quo 50: it accepts x ≤ 50, s ≤ 0.5; ideal 95: |x − 95| ≤ 45, s ≥ 0.5.
  const ContractLine line{.from = {100.0}, .to = {0.0}, .widths = {100.0}};
  const std::vector<double> q = {50.0};
  const auto low = win_set_on_line(line, std::vector<double>{0.0}, q);
  ASSERT_TRUE(low);
  EXPECT_NEAR((*low)[0], 0.0, 1e-12);
  EXPECT_NEAR((*low)[1], 0.5, 1e-12);
  const auto high = win_set_on_line(line, std::vector<double>{95.0}, q);
  ASSERT_TRUE(high);
  EXPECT_NEAR((*high)[0], 0.5, 1e-12);
  EXPECT_NEAR((*high)[1], 1.0, 1e-12);
}

TEST(ContractLine, OnTwoIssuesTheLineCutsTheRatifiersBallOrMissesIt) {
  // Line (s, 0); ratifier at (0.5, 0.4). Status quo (0.5, 0.9), radius 0.5: (s − 0.5)² + 0.16 ≤ 0.25,
  // s ∈ [0.2, 0.8]. Status quo (0.5, 0.7), radius 0.3 < 0.4: the line misses the win-set.
  const ContractLine line{.from = {1.0, 0.0}, .to = {0.0, 0.0}, .widths = {1.0, 1.0}};
  const std::vector<double> ideal = {0.5, 0.4};
  const auto cut = win_set_on_line(line, ideal, std::vector<double>{0.5, 0.9});
  ASSERT_TRUE(cut);
  EXPECT_NEAR((*cut)[0], 0.2, 1e-12);
  EXPECT_NEAR((*cut)[1], 0.8, 1e-12);
  EXPECT_FALSE(win_set_on_line(line, ideal, std::vector<double>{0.5, 0.7}));
}

}  // namespace
}  // namespace detente::engine
