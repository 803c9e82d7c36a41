// Win-sets (Putnam 1988; Tsebelis 2002): hand-computed cases.
#include "engine/mechanisms/negotiation/winset.h"

#include <gtest/gtest.h>

#include <vector>

namespace detente::engine {
namespace {

const std::vector<double> kWidths = {100.0, 100.0};

TEST(WinSet, AcceptsWhatIsCloserThanTheStatusQuo) {
  const std::vector<double> q = {50, 50};
  const std::vector<double> ideal = {80, 50};   // ‖q − y‖ = 0.3
  EXPECT_TRUE(accepts(std::vector<double>{70, 60}, q, ideal, kWidths));    // ‖x − y‖ = √(0.01 + 0.01) ≈ 0.141
  EXPECT_FALSE(accepts(std::vector<double>{50, 80}, q, ideal, kWidths));   // √(0.09 + 0.09) ≈ 0.424
  EXPECT_TRUE(accepts(std::vector<double>{80, 80}, q, ideal, kWidths));    // exactly 0.3: on the boundary
}

TEST(WinSet, IntersectingWinSetsRatifyUnanimously) {
  // One dimension, q = 50: ideal 70 accepts [50, 90]; ideal 60 accepts [50, 70]; both accept 65.
  const std::vector<double> q = {50};
  const std::vector<double> widths = {100};
  const std::vector<std::vector<double>> ideals = {{70}, {60}};
  EXPECT_TRUE(ratified(std::vector<double>{65}, q, ideals, widths, RatificationRule::kUnanimity));
  EXPECT_FALSE(ratified(std::vector<double>{80}, q, ideals, widths, RatificationRule::kUnanimity));
}

TEST(WinSet, DisjointWinSetsRatifyNothing) {
  // q = 50: ideal 20 accepts [20 − 30, 50] = [−10, 50]; ideal 90 accepts [50, 130]. Only 50 itself
  // is in both; any move away from the status quo fails one of them.
  const std::vector<double> q = {50};
  const std::vector<double> widths = {100};
  const std::vector<std::vector<double>> ideals = {{20}, {90}};
  for (double x = 0; x <= 100; x += 0.5) {
    if (x == 50) continue;
    EXPECT_FALSE(ratified(std::vector<double>{x}, q, ideals, widths, RatificationRule::kUnanimity)) << x;
  }
}

TEST(WinSet, PivotRuleNeedsOnlyTheQuota) {
  // Three chambers, two needed: ideals 60, 70 accept 65 (q = 50); ideal 10 does not.
  const std::vector<double> q = {50};
  const std::vector<double> widths = {100};
  const std::vector<std::vector<double>> ideals = {{60}, {70}, {10}};
  EXPECT_FALSE(ratified(std::vector<double>{65}, q, ideals, widths, RatificationRule::kUnanimity));
  EXPECT_TRUE(ratified(std::vector<double>{65}, q, ideals, widths, RatificationRule::kQuota, 2));
  EXPECT_FALSE(ratified(std::vector<double>{65}, q, ideals, widths, RatificationRule::kQuota, 3));
}

}  // namespace
}  // namespace detente::engine
