// Linked games: Bernheim & Whinston's (1990) pooling of enforcement slack,
// checked by playing out every deviation, and the reverse case under noise,
// where linkage carries a breakdown from one issue into the other (Lohmann 1997).
#include "games/linked.h"

#include <gtest/gtest.h>

#include "games/analysis.h"
#include "games/games_test_support.h"

namespace detente::games {
namespace {

constexpr double kW = 0.5;  // continuation probability
// Issue 1: (R, S, T, P) = (3, 0, 6, 1), slack 1 x 2 - 3 = -1: not self-enforcing alone.
// Issue 2: (3, -1, 4, 0), slack 1 x 3 - 1 = 2: self-enforcing, with slack to spare.
const SymmetricPayoffs kIssue1{3, 0, 6, 1};
const SymmetricPayoffs kIssue2{3, -1, 4, 0};

std::vector<Arena> issues(double noise1 = 0.0, double noise2 = 0.0) {
  return {{"issue 1", *StageGame::prisoners_dilemma(kIssue1), noise1},
          {"issue 2", *StageGame::prisoners_dilemma(kIssue2), noise2}};
}

LinkedPlayer linked_player(const std::vector<std::string>& strategies, bool linked) {
  LinkedPlayer p{.linkage = linked ? Linkage::full(strategies.size()) : Linkage::none(strategies.size())};
  for (const auto& s : strategies) p.strategies.push_back(testing::player(s));
  return p;
}

// The deviator's expected total (sum_t w^t u_t) over both issues when it plays
// `plan` against a grim-trigger partner who links (or not) the issues. The
// play is deterministic, so 80 turns (w^80 ~ 1e-24) give the expectation of a
// match with continuation probability w.
double deviator_value(const std::vector<std::string>& plan, bool partner_links) {
  const auto arenas = issues();
  const auto r = play_linked(linked_player(plan, false), linked_player({"Grudger", "Grudger"}, partner_links), arenas,
                             {.turns = 80});
  EXPECT_TRUE(r.ok());
  double total = 0.0;
  for (std::size_t k = 0; k < arenas.size(); ++k) {
    total += discounted_sum(payoffs_by_turn(r->matches[k], arenas[k].game, 0), kW);
  }
  return total;
}

const std::vector<std::vector<std::string>> kDeviations = {
    {"Defector", "Grudger"}, {"Grudger", "Defector"}, {"Defector", "Defector"}};

TEST(Linked, SlacksOfTheTwoIssues) {
  EXPECT_DOUBLE_EQ(enforcement_slack(kIssue1, kW), -1.0);
  EXPECT_DOUBLE_EQ(enforcement_slack(kIssue2, kW), 2.0);
}

TEST(Linked, UnlinkedTheFirstIssueIsNotSelfEnforcingAndTheSecondIs) {
  const double conform = deviator_value({"Grudger", "Grudger"}, false);
  const double defect_on_1 = deviator_value({"Defector", "Grudger"}, false);
  const double defect_on_2 = deviator_value({"Grudger", "Defector"}, false);
  // Each issue's deviation gain is minus its slack.
  EXPECT_NEAR(defect_on_1 - conform, -enforcement_slack(kIssue1, kW), 1e-12);
  EXPECT_NEAR(defect_on_2 - conform, -enforcement_slack(kIssue2, kW), 1e-12);
  EXPECT_GT(defect_on_1, conform);
  EXPECT_LT(defect_on_2, conform);
}

TEST(Linked, LinkedThePairIsSelfEnforcing) {
  const double conform = deviator_value({"Grudger", "Grudger"}, true);
  for (const auto& plan : kDeviations) {
    EXPECT_LT(deviator_value(plan, true), conform) << plan[0] << " / " << plan[1];
  }
  // The best deviation, defecting on both at once, loses the pooled slack.
  EXPECT_NEAR(deviator_value({"Defector", "Defector"}, true) - conform,
              -(enforcement_slack(kIssue1, kW) + enforcement_slack(kIssue2, kW)), 1e-12);
}

// With linkage the partner also punishes on issue 2 after a defection on
// issue 1, one turn later: the deviator's issue-2 Grudger is exploited once
// and then locked into mutual defection.
TEST(Linked, PunishmentSpreadsToTheLinkedIssue) {
  const auto r = play_linked(linked_player({"Defector", "Grudger"}, false), linked_player({"Grudger", "Grudger"}, true),
                             issues(), {.turns = 4});
  EXPECT_EQ(r->matches[0].moves_string(), "DC DD DD DD");
  EXPECT_EQ(r->matches[1].moves_string(), "CC CD DD DD");
  const auto unlinked = play_linked(linked_player({"Defector", "Grudger"}, false),
                                    linked_player({"Grudger", "Grudger"}, false), issues(), {.turns = 4});
  EXPECT_EQ(unlinked->matches[1].moves_string(), "CC CC CC CC");
}

// The reverse case: under noise on issue 1 alone, Tit For Tat players keep
// issue 2 fully cooperative when they do not link, but linkage imports issue
// 1's noise-driven retaliation into issue 2 (breakdowns spread).
TEST(Linked, UnderNoiseLinkageSpreadsBreakdownsToTheQuietIssue) {
  const auto arenas = issues(0.05, 0.0);
  double cooperation[2] = {0.0, 0.0};  // issue 2, unlinked and linked
  double payoff[2] = {0.0, 0.0};
  constexpr int kMatches = 200;
  for (int linked = 0; linked < 2; ++linked) {
    for (int k = 0; k < kMatches; ++k) {
      const auto r = play_linked(linked_player({"Tit For Tat", "Tit For Tat"}, linked == 1),
                                 linked_player({"Tit For Tat", "Tit For Tat"}, linked == 1), arenas,
                                 {.turns = 200, .seed = 3, .stream = static_cast<std::uint64_t>(k)});
      cooperation[linked] += r->matches[1].cooperations[0] + r->matches[1].cooperations[1];
      payoff[linked] += r->matches[1].scores[0];
    }
    cooperation[linked] /= 2.0 * 200 * kMatches;
    payoff[linked] /= 200.0 * kMatches;
  }
  EXPECT_DOUBLE_EQ(cooperation[0], 1.0);
  EXPECT_DOUBLE_EQ(payoff[0], 3.0);
  EXPECT_LT(cooperation[1], 0.8);
  EXPECT_LT(payoff[1], 2.7);
}

TEST(Linked, BadSetupsAreErrors) {
  const auto arenas = issues();
  const auto short_player = linked_player({"Grudger"}, false);
  EXPECT_FALSE(play_linked(short_player, linked_player({"Grudger", "Grudger"}, false), arenas, {}).ok());
  EXPECT_FALSE(Linkage::from_matrix({{true, false}, {true}}).ok());
  const auto custom = Linkage::from_matrix({{false, true}, {false, false}});
  ASSERT_TRUE(custom.ok());
  EXPECT_TRUE(custom->links(0, 1));
  EXPECT_FALSE(custom->links(1, 0));
  EXPECT_TRUE(custom->links(1, 1));
}

}  // namespace
}  // namespace detente::games
