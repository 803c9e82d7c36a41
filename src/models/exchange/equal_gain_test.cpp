// Hand-derived cases of the Equal Gain exchange (Stokman & Van Oosten 1994 as
// Decide computes it) on two issues and two or three actors; the arithmetic is
// written out beside each case.
#include <gtest/gtest.h>

#include <set>

#include "models/exchange/equal_gain.h"
#include "models/exchange/exchange.h"
#include "models/model.h"

namespace detente::exchange {
namespace {

struct Row {
  std::string actor;
  double xp, sp, cp;  // position, salience, capability on issue P
  double xq, sq, cq;  // ... on issue Q
};

StakeholderProblem two_issues(const std::vector<Row>& rows, Scale p_scale = {0, 100}, Scale q_scale = {0, 100}) {
  StakeholderProblem problem{.source = "hand case"};
  problem.issues = {Issue{.name = "P", .scale = p_scale}, Issue{.name = "Q", .scale = q_scale}};
  for (const auto& row : rows) {
    const std::size_t a = problem.actors.size();
    problem.actors.push_back(row.actor);
    problem.issues[0].stakes.push_back({.actor = a, .position = row.xp, .salience = row.sp, .capability = row.cp});
    problem.issues[1].stakes.push_back({.actor = a, .position = row.xq, .salience = row.sq, .capability = row.cq});
  }
  return problem;
}

RoundReport one_round(const StakeholderProblem& problem, Parameters parameters = {}) {
  parameters.rounds = 1;
  auto result = run(problem, parameters);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
  return result.ok() ? result->rounds.at(0) : RoundReport{};
}

// A and B on opposite sides of the outcome on both issues. P: A 0 (s .8, c 1),
// B 100 (s .4, c 1), Σcs = 1.2, O_P = 33.3. Q: A 0 (s .4, c 1), B 100 (s .6,
// c 2), Σcs = 1.6, O_Q = 75. s_P/s_Q is 2 for A and 2/3 for B: A demands P.
// B moving all the way (100 → 0) shifts O_P by 100·.4/1.2 = 33.3; equal gain
// needs ΔO_Q = 33.3·(.8+.4)/(.4+.6) = 40, i.e. A moving 40·1.6/.4 = 160 > 100:
// overshoot, so A moves all the way instead: ΔO_Q = 100·.4/1.6 = 25,
// ΔO_P = 25·(.4+.6)/(.8+.4) = 20.83, B moves 20.83·1.2/.4 = 62.5 (to 37.5).
// Gain: A 20.83·.8 − 25·.4 = 6.667 = B 25·.6 − 20.83·.4.
TEST(EqualGain, OvershootReversesWhoMovesAllTheWay) {
  const auto problem = two_issues({{"A", 0, .8, 1, 0, .4, 1}, {"B", 100, .4, 1, 100, .6, 2}});
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.candidates.size(), 1U);
  ASSERT_EQ(round.executed.size(), 1U);
  const Exchange& e = round.executed[0];
  EXPECT_NEAR(e.gain, 20.0 / 3.0, 1e-12);
  EXPECT_EQ(e.first.actor, 0U);         // A
  EXPECT_EQ(e.first.supply_issue, 1U);  // A moves on Q
  EXPECT_DOUBLE_EQ(e.first.to, 100.0);
  EXPECT_EQ(e.second.supply_issue, 0U);  // B moves on P
  EXPECT_NEAR(e.second.to, 37.5, 1e-12);
  EXPECT_NEAR(round.outcomes[0], 37.5 * 0.4 / 1.2, 1e-12);
  EXPECT_NEAR(round.outcomes[1], 100.0, 1e-12);
  // Next start x' = (1 − w)x + w·y, w = .4(1 − s) + .1: both w = .34 here.
  EXPECT_NEAR(round.next_positions[1][0], 0.34 * 100.0, 1e-12);
  EXPECT_NEAR(round.next_positions[0][1], 0.66 * 100.0 + 0.34 * 37.5, 1e-12);
  // Actors that did not move keep their position.
  EXPECT_DOUBLE_EQ(round.next_positions[0][0], 0.0);
  EXPECT_DOUBLE_EQ(round.next_positions[1][1], 100.0);
}

// Three actors. P: A 0 (s 1, c 1), B 100 (s .2, c 1), C 0 (s .5, c 1):
// Σcs = 1.7, O_P = 11.76. Q: A 0 (s .5, c 2), B 60 (s .5, c 1), C 100 (s .5,
// c 1): Σcs = 2, O_Q = 40. A is left of both outcomes, B right of both, C left
// on P and right on Q with no partner: one candidate, A–B; A demands P.
// B moves 100 → 0: ΔO_P = 100·.2/1.7 = 11.76, ΔO_Q = 11.76·(1+.2)/(.5+.5) =
// 14.12, A moves 14.12·2/1 = 28.24 (< 60, no overshoot); O_Q reaches 54.1,
// short of B's 60, so no clip. Gain = 11.76·1 − 14.12·.5 = 80/17.
TEST(EqualGain, SupplierOnTheDemandersIssueMovesAllTheWay) {
  const auto problem =
      two_issues({{"A", 0, 1, 1, 0, .5, 2}, {"B", 100, .2, 1, 60, .5, 1}, {"C", 0, .5, 1, 100, .5, 1}});
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.candidates.size(), 1U);
  ASSERT_EQ(round.executed.size(), 1U);
  const Exchange& e = round.executed[0];
  EXPECT_NEAR(e.gain, 80.0 / 17.0, 1e-12);
  EXPECT_NEAR(e.first.to, 480.0 / 17.0, 1e-12);  // A on Q
  EXPECT_DOUBLE_EQ(e.second.to, 0.0);            // B on P
  EXPECT_NEAR(round.outcomes[0], 0.0, 1e-12);
  EXPECT_NEAR(round.outcomes[1], (480.0 / 17.0 + 30.0 + 50.0) / 2.0, 1e-12);
}

// As above with B's salience on P .5: Σcs_P = 2, O_P = 25, A still demands P
// (ratio 2 against 1). B all the way would need A to move 75 > 60 on Q, so A
// moves all the way to B's 60 and B 80 (to 20). But then O_Q = 40 + 60·1/2 = 70
// passes B's own position 60 (Decide's check_nbs): A moves only until O_Q = 60,
// i.e. 20·2/1 = 40; ΔO_Q = 20, ΔO_P = 20·(.5+.5)/(1+.5) = 13.33, B moves
// 13.33·2/.5 = 53.3 (to 46.67). Gain = 13.33·1 − 20·.5 = 10/3.
TEST(EqualGain, OutcomeIsClippedAtTheDemandersPosition) {
  const auto problem =
      two_issues({{"A", 0, 1, 1, 0, .5, 2}, {"B", 100, .5, 1, 60, .5, 1}, {"C", 0, .5, 1, 100, .5, 1}});
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.executed.size(), 1U);
  const Exchange& e = round.executed[0];
  EXPECT_NEAR(e.gain, 10.0 / 3.0, 1e-12);
  EXPECT_NEAR(e.first.to, 40.0, 1e-12);
  EXPECT_NEAR(e.second.to, 140.0 / 3.0, 1e-12);
  EXPECT_NEAR(round.outcomes[1], 60.0, 1e-12);  // exactly B's position
  EXPECT_NEAR(round.outcomes[0], (140.0 / 3.0) * 0.5 / 2.0, 1e-12);
}

// The gains are in Decide's normalised units: the same case with P on a 0–10
// scale gives the same gain and the same moves, rescaled.
TEST(EqualGain, IssueScalesAreNormalisedAsDecideDoes) {
  const auto problem = two_issues({{"A", 0, .8, 1, 0, .4, 1}, {"B", 10, .4, 1, 100, .6, 2}}, Scale{0, 10});
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.executed.size(), 1U);
  EXPECT_NEAR(round.executed[0].gain, 20.0 / 3.0, 1e-12);
  EXPECT_NEAR(round.executed[0].second.to, 3.75, 1e-12);
  EXPECT_NEAR(round.next_positions[0][1], 0.66 * 10.0 + 0.34 * 3.75, 1e-12);
}

// Equal salience ratios: whatever the moves, one actor's gain is the other's
// loss, so the equal gain is 0 and Decide drops the exchange.
TEST(EqualGain, EqualSalienceRatiosGiveNoExchange) {
  const auto problem = two_issues({{"A", 0, .6, 1, 0, .3, 1}, {"B", 100, .4, 1, 100, .2, 1}});
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.candidates.size(), 1U);
  EXPECT_FALSE(round.candidates[0].valid);
  EXPECT_NEAR(round.candidates[0].gain, 0.0, 1e-12);
  EXPECT_TRUE(round.executed.empty());
  EXPECT_EQ(round.voting_positions[0], (std::vector<double>{0, 100}));
}

// Decide's validity test of one side's moves this round.
TEST(EqualGain, MoveValidity) {
  detail::Side side{.position = 50.0};
  auto valid_with = [&side](detail::Real move, std::vector<detail::Real> moves) {
    side.move = move;
    side.moves = std::move(moves);
    return detail::move_is_valid(side);
  };
  EXPECT_TRUE(valid_with(10, {10}));
  EXPECT_TRUE(valid_with(-10, {-5, -10}));
  EXPECT_FALSE(valid_with(10, {-5, 10})) << "against an earlier move this round";
  EXPECT_FALSE(valid_with(1e-11, {1e-11})) << "no move";
  EXPECT_FALSE(valid_with(60, {60})) << "beyond 100";
  EXPECT_FALSE(valid_with(-60, {-60})) << "below 0";
  side.position = 0.0;
  EXPECT_FALSE(valid_with(40, {40, 40, 30})) << "moves this round add up to more than 100";
}

// A and B hold the same stakes, so A–C and B–C have equal gains.
StakeholderProblem tied() {
  return two_issues({{"B", 0, .8, 1, 0, .2, 1}, {"A", 0, .8, 1, 0, .2, 1}, {"C", 100, .2, 1, 100, .8, 1}});
}

std::set<std::string> first_pair(const StakeholderProblem& problem, const RoundReport& round) {
  const Exchange& e = round.executed.at(0);
  return {problem.actors[e.first.actor], problem.actors[e.second.actor]};
}

TEST(EqualGain, OrderedTieBreakTakesNamesInOrderWhateverTheFileOrder) {
  const auto problem = tied();
  const RoundReport round = one_round(problem);
  ASSERT_EQ(round.candidates.size(), 2U);
  EXPECT_EQ(round.candidates[0].gain, round.candidates[1].gain);
  EXPECT_EQ(first_pair(problem, round), (std::set<std::string>{"A", "C"}));
  EXPECT_GE(round.ties, 1);
}

TEST(EqualGain, RandomTieBreakDependsOnTheSeedOnly) {
  const auto problem = tied();
  std::set<std::set<std::string>> seen;
  for (std::uint64_t seed = 1; seed <= 32; ++seed) {
    const Parameters parameters{.tie_break = TieBreak::kRandom, .seed = seed};
    const RoundReport a = one_round(problem, parameters);
    const RoundReport b = one_round(problem, parameters);
    EXPECT_EQ(first_pair(problem, a), first_pair(problem, b));
    EXPECT_EQ(a.voting_positions, b.voting_positions);
    seen.insert(first_pair(problem, a));
  }
  EXPECT_EQ(seen.size(), 2U) << "both tied exchanges should come first for some seed";
}

TEST(EqualGain, RejectsWhatItCannotRun) {
  StakeholderProblem one = two_issues({{"A", 0, .8, 1, 0, .4, 1}, {"B", 100, .4, 1, 100, .6, 2}});
  one.issues.pop_back();
  auto single = run(one, {});
  ASSERT_FALSE(single.ok());
  EXPECT_NE(single.error().message().find("at least two issues"), std::string::npos) << single.error().message();
  EXPECT_FALSE(run(tied(), Parameters{.rounds = -1}).ok());
  EXPECT_FALSE(run(tied(), Parameters{.salience_weight = 0.8, .fixed_weight = 0.3}).ok());
  EXPECT_FALSE(run_model("exchange", tied(), {{"tie_break", "coin"}}).ok());
}

}  // namespace
}  // namespace detente::exchange
