// The expected utility model against published values (Scholz, Calbert &
// Smith 2011, the EC example of Bueno de Mesquita 1994; tests/data/README.md),
// the variant table of the design note, runs of the public Python replication
// jmckib/bdm-scholz-expected-utility-model (commit 55f63e9, run with Python 3
// outside this repository; figures cited where used), and hand arithmetic.
#include "models/eu/eu.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "models/model.h"
#include "test_support.h"

namespace detente::eu {
namespace {

using ::testing::HasSubstr;

ForecastResult run_eu(const StakeholderProblem& problem, const std::map<std::string, std::string>& options = {}) {
  auto result = run_model("eu", problem, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
  return result.ok() ? *result : ForecastResult{};
}

IssueRun run_first_issue(const StakeholderProblem& problem, const Settings& settings) {
  const Issue& issue = problem.issues.at(0);
  std::vector<std::string> names;
  for (const auto& stake : issue.stakes) names.push_back(problem.actors[stake.actor]);
  auto run = run_issue(issue, names, settings);
  EXPECT_TRUE(run.ok());
  return run.ok() ? *run : IssueRun{};
}

// A one-issue problem from (name, capability, position, salience) rows.
struct Row {
  std::string name;
  double capability;
  double position;
  double salience;
};
StakeholderProblem make_problem(const std::vector<Row>& rows) {
  StakeholderProblem problem{.source = "hand-built"};
  Issue issue{.name = "issue"};
  double lo = rows.front().position;
  double hi = lo;
  for (const auto& row : rows) {
    issue.stakes.push_back(Stake{.actor = problem.actors.size(),
                                 .position = row.position,
                                 .salience = row.salience,
                                 .capability = row.capability});
    problem.actors.push_back(row.name);
    lo = std::min(lo, row.position);
    hi = std::max(hi, row.position);
  }
  issue.scale = Scale{lo, hi};
  problem.issues.push_back(issue);
  return problem;
}

// ---------------------------------------------------------------- EC example

TEST(EuEc10, RoundMeansEqualThePublishedTrajectory) {
  // Scholz et al. (2011), figure "mean position"; tests/data/README.md.
  const double published[] = {7.389956, 7.461314, 7.552501, 7.590145, 7.358131, 7.349174,
                              7.414878, 7.510457, 7.572447, 7.324989, 7.242131};
  const auto result = run_eu(testing::load("bargaining/ec10.csv"));
  const auto& rounds = result.issues.at(0).rounds;
  ASSERT_EQ(rounds.size(), 11U);
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    EXPECT_EQ(rounds[k].round, static_cast<int>(k));
    EXPECT_NEAR(rounds[k].mean, published[k], 1e-6) << "round " << k;
  }
}

TEST(EuEc10, RoundOneRiskExponents) {
  // tests/data/README.md, to the four decimals given.
  const std::map<std::string, double> published = {
      {"Netherlands", 1.4057}, {"Belgium", 0.7542}, {"Luxembourg", 0.5089}, {"Germany", 1.4057}, {"France", 1.0465},
      {"Italy", 1.0465},       {"UK", 1.9649},      {"Ireland", 0.5000},    {"Denmark", 2.0000}, {"Greece", 1.1121}};
  const IssueRun run = run_first_issue(testing::load("bargaining/ec10.csv"), Settings{});
  const RoundDetail& round1 = run.rounds.at(1);
  ASSERT_EQ(round1.risk_exponents.size(), run.actors.size());
  for (std::size_t a = 0; a < run.actors.size(); ++a) {
    EXPECT_NEAR(round1.risk_exponents[a], published.at(run.actors[a]), 5e-5) << run.actors[a];
  }
}

TEST(EuEc10, RoundOneMoves) {
  // Belgium compromises with France to 8.415932; Luxembourg loses a
  // confrontation to Belgium (to 7.0); Ireland loses one to Luxembourg (to 4.0);
  // nobody else moves (tests/data/README.md; jmckib's replication prints the same).
  const IssueRun run = run_first_issue(testing::load("bargaining/ec10.csv"), Settings{});
  const RoundDetail& round1 = run.rounds.at(1);
  std::map<std::string, std::optional<AcceptedOffer>> by_name;
  for (std::size_t a = 0; a < run.actors.size(); ++a) by_name[run.actors[a]] = round1.offers[a];

  const auto expect_move = [&](const std::string& who, OfferKind kind, const std::string& from, double to) {
    const auto& offer = by_name.at(who);
    ASSERT_TRUE(offer.has_value()) << who;
    EXPECT_EQ(offer->kind, kind) << who;
    EXPECT_EQ(run.actors[offer->from], from) << who;
    EXPECT_NEAR(offer->position, to, 1e-6) << who;
  };
  expect_move("Belgium", OfferKind::kCompromise, "France", 8.415932);
  expect_move("Luxembourg", OfferKind::kConfrontation, "Belgium", 7.0);
  expect_move("Ireland", OfferKind::kConfrontation, "Luxembourg", 4.0);
  for (const auto& [name, offer] : by_name) {
    if (name != "Belgium" && name != "Luxembourg" && name != "Ireland") {
      EXPECT_FALSE(offer.has_value()) << name;
    }
  }
  // A compromise moves the fraction |E_ij / E_ji| of the way (Scholz et al. 2011, section 6).
  const auto& belgium = *by_name.at("Belgium");
  EXPECT_NEAR(belgium.position, 7.0 + 3.0 * std::abs(belgium.eu_receiver / belgium.eu_proposer), 1e-12);
}

TEST(EuEc10, ForecastIsTheFinalRoundsWeightedMedian) {
  const auto result = run_eu(testing::load("bargaining/ec10.csv"));
  const auto& issue = result.issues.at(0);
  EXPECT_EQ(issue.forecast, issue.rounds.back().median);
  EXPECT_TRUE(result.notes.empty()) << "no cycle within 10 rounds";
}

TEST(EuEc10, ReversedInputGivesBitIdenticalRounds) {
  const StakeholderProblem problem = testing::load("bargaining/ec10.csv");
  StakeholderProblem reversed = problem;
  std::reverse(reversed.issues[0].stakes.begin(), reversed.issues[0].stakes.end());
  const IssueRun a = run_first_issue(problem, Settings{.rounds = 40});
  const IssueRun b = run_first_issue(reversed, Settings{.rounds = 40});
  const std::size_t n = a.actors.size();
  for (std::size_t k = 0; k < a.rounds.size(); ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(a.rounds[k].positions[i], b.rounds[k].positions[n - 1 - i]) << "round " << k;
      const auto& offer_a = a.rounds[k].offers.empty() ? std::nullopt : a.rounds[k].offers[i];
      const auto& offer_b = b.rounds[k].offers.empty() ? std::nullopt : b.rounds[k].offers[n - 1 - i];
      ASSERT_EQ(offer_a.has_value(), offer_b.has_value());
      if (offer_a) {
        EXPECT_EQ(a.actors[offer_a->from], b.actors[offer_b->from]);
      }
    }
  }
}

TEST(EuEc10, MasadsReadingReproducesHisFirstRound) {
  // dmasad/BDM_DecisionModel_Replication, Testing.ipynb (the notebook's stored
  // output): after one round the c*s mean is 7.444520171019051, Luxembourg
  // loses a confrontation to France, Ireland compromises with France, and
  // Luxembourg's E(U) of challenging France is 0.42842712474618994.
  const std::map<std::string, double> masad_r = {{"Netherlands", 1.1271980463013587}, {"Belgium", 0.7809178391316438},
                                                 {"Luxembourg", 0.5000000000000001},  {"Germany", 1.1271980463013587},
                                                 {"France", 1.0778922989239863},      {"Italy", 1.0778922989239863},
                                                 {"UK", 2.000000000000001},           {"Ireland", 0.5247821721738853},
                                                 {"Denmark", 1.4716965449819073},     {"Greece", 1.1404794480175189}};
  const auto problem = testing::load("bargaining/ec10.csv");
  const std::map<std::string, std::string> masad = {
      {"win_probability", "masad"}, {"risk_perspective", "own"}, {"offer_choice", "largest_proposer_eu"},
      {"capitulation", "intended"}, {"range", "scale"},          {"rounds", "1"}};
  const auto result = run_eu(problem, masad);
  EXPECT_NEAR(result.issues.at(0).rounds.at(1).mean, 7.444520171019051, 1e-12);

  const Settings settings{.rounds = 1,
                          .win_probability = WinProbability::kMasad,
                          .risk_perspective = RiskPerspective::kOwn,
                          .capitulation = Capitulation::kIntended,
                          .offer_choice = OfferChoice::kLargestProposerEu,
                          .range = RangeSource::kScale};
  const IssueRun run = run_first_issue(problem, settings);
  const RoundDetail& round = run.rounds.at(1);
  for (std::size_t a = 0; a < run.actors.size(); ++a) {
    EXPECT_NEAR(round.risk_exponents[a], masad_r.at(run.actors[a]), 1e-12) << run.actors[a];
    const auto& offer = round.offers[a];
    if (run.actors[a] == "Luxembourg") {
      ASSERT_TRUE(offer.has_value());
      EXPECT_EQ(offer->kind, OfferKind::kConfrontation);
      EXPECT_EQ(run.actors[offer->from], "France");
      EXPECT_NEAR(offer->eu_receiver, 0.42842712474618994, 1e-12);
    } else if (run.actors[a] == "Ireland") {
      ASSERT_TRUE(offer.has_value());
      EXPECT_EQ(offer->kind, OfferKind::kCompromise);
      EXPECT_EQ(run.actors[offer->from], "France");
    } else {
      EXPECT_FALSE(offer.has_value()) << run.actors[a];
    }
  }
}

// ---------------------------------------------------------------- variants and cycles

TEST(EuVariants, LeastMoveAndIntendedCapitulationEndAt75898AndCycle) {
  // Design note, variant B: Scholz probability + least-move compromise +
  // capitulation fixed: final c*s mean 7.5898 after 10 rounds, cycling.
  const auto problem = testing::load("bargaining/ec10.csv");
  const auto ten = run_eu(problem, {{"compromise_choice", "least_move"}, {"capitulation", "intended"}});
  EXPECT_NEAR(ten.issues.at(0).rounds.back().mean, 7.5898, 5e-5);

  // The exact repeat comes later; its round and period depend on rounding
  // (jmckib's code finds period 18 from round 31), so check that the one
  // reported is genuine rather than its numbers.
  const Settings b{
      .rounds = 80, .compromise_choice = CompromiseChoice::kLeastMove, .capitulation = Capitulation::kIntended};
  const IssueRun run = run_first_issue(problem, b);
  ASSERT_TRUE(run.cycle.has_value());
  EXPECT_GT(run.cycle->period, 1);
  const auto first = static_cast<std::size_t>(run.cycle->first);
  const auto repeat = first + static_cast<std::size_t>(run.cycle->period);
  EXPECT_EQ(run.rounds.at(first).positions, run.rounds.at(repeat).positions);
  for (std::size_t k = first + 1; k < repeat; ++k) EXPECT_NE(run.rounds[k].positions, run.rounds[first].positions);
  for (std::size_t k = repeat; k < run.rounds.size(); ++k) {
    EXPECT_EQ(run.rounds[k].positions, run.rounds[k - static_cast<std::size_t>(run.cycle->period)].positions);
  }
}

TEST(EuVariants, PairwiseProbabilityPutsEveryActorAt7ByRound3) {
  // Design note, variant C, and tests/data/README.md: with the probability as
  // printed, every actor reaches 7.0 by round 3.
  const auto result = run_eu(testing::load("bargaining/ec10.csv"), {{"win_probability", "pair"}});
  const auto& rounds = result.issues.at(0).rounds;
  ASSERT_EQ(rounds.size(), 11U);
  for (std::size_t k = 3; k < rounds.size(); ++k) {
    for (const double x : rounds[k].positions) EXPECT_EQ(x, 7.0) << "round " << k;
  }
  EXPECT_THAT(result.notes, ::testing::ElementsAre(HasSubstr("positions cycle with period 1 from round 3")));
}

TEST(EuCycles, FortyRoundsOfTheEcExampleFollowTheReplicationAndNeverRepeat) {
  // jmckib's code, 40 rounds (commit 55f63e9, Python 3): the c*s mean by round.
  const double replication[] = {7.389955687, 7.461314378, 7.552500866, 7.590144997, 7.358130531, 7.349173990,
                                7.414877545, 7.510457184, 7.572447098, 7.324989066, 7.242130958, 7.256187194,
                                7.283866289, 7.333436505, 7.407687107, 7.491948538, 7.559812126, 7.596009591,
                                7.367476169, 7.325108964, 7.396147159, 7.481110167, 7.552253537, 7.592981421,
                                7.361535214, 7.314599360, 7.381340465, 7.466357968, 7.541696818, 7.588371068,
                                7.352785366, 7.298727408, 7.357767723, 7.439179191, 7.519902259, 7.577181698,
                                7.332896680, 7.259818359, 7.292084989, 7.346886921, 7.425450337};
  const auto result = run_eu(testing::load("bargaining/ec10.csv"), {{"rounds", "40"}});
  const auto& rounds = result.issues.at(0).rounds;
  ASSERT_EQ(rounds.size(), 41U);
  for (std::size_t k = 0; k < rounds.size(); ++k) EXPECT_NEAR(rounds[k].mean, replication[k], 1e-6) << "round " << k;
  // The design note: the mean oscillates between 7.24 and 7.60 without
  // converging, but no round's positions repeat an earlier round's exactly
  // (the replication finds no repeat within 40 rounds either).
  EXPECT_TRUE(result.notes.empty());
  const auto [lo, hi] = std::minmax_element(rounds.begin() + 1, rounds.end(),
                                            [](const Round& a, const Round& b) { return a.mean < b.mean; });
  EXPECT_NEAR(lo->mean, 7.24, 0.005);
  EXPECT_NEAR(hi->mean, 7.60, 0.005);
}

TEST(EuCycles, TheEcExampleEventuallyRepeatsItself) {
  // Rounding differences of one bit grow to whole scale points after about
  // 150 rounds of this example, so where the path falls into a cycle depends
  // on the order of the sums: jmckib's code repeats with period 70 from round
  // 153, this implementation with period 70 from round 358. Neither number is
  // asserted (the period may change with the maths library too: variant B has
  // period 18 in jmckib's code and 19 here); that the cycle found is genuine is.
  const IssueRun run = run_first_issue(testing::load("bargaining/ec10.csv"), Settings{.rounds = 1000});
  ASSERT_TRUE(run.cycle.has_value());
  EXPECT_GT(run.cycle->first, 40);
  EXPECT_GT(run.cycle->period, 1);
  const auto first = static_cast<std::size_t>(run.cycle->first);
  const auto period = static_cast<std::size_t>(run.cycle->period);
  EXPECT_EQ(run.rounds.at(first).positions, run.rounds.at(first + period).positions);
  for (std::size_t k = 0; k < first + period; ++k) {
    for (std::size_t e = k + 1; e < first + period; ++e) {
      EXPECT_NE(run.rounds[k].positions, run.rounds[e].positions) << k << " " << e;
    }
  }
}

TEST(EuCycles, ThreeActorCycleOfPeriodThreeFromTheStart) {
  // Found by running jmckib's code on small random tables: A compromises with
  // B twice (0 -> 0.613596 -> 3.533166) and then loses a confrontation to C,
  // back to 0: round 3 repeats round 0.
  const auto problem = make_problem({{"A", 0.5, 0.0, 0.5}, {"B", 0.3, 4.0, 0.9}, {"C", 0.5, 0.0, 0.7}});
  const auto result = run_eu(problem);
  EXPECT_THAT(result.notes, ::testing::ElementsAre("positions cycle with period 3 from round 0: round 3 repeats "
                                                   "round 0 exactly"));
  const auto& rounds = result.issues.at(0).rounds;
  EXPECT_NEAR(rounds[1].positions[0], 0.613596, 1e-6);
  EXPECT_NEAR(rounds[2].positions[0], 3.533166, 1e-6);
  for (std::size_t k = 3; k < rounds.size(); ++k) EXPECT_EQ(rounds[k].positions, rounds[k - 3].positions);

  const IssueRun run = run_first_issue(problem, Settings{});
  ASSERT_TRUE(run.rounds[3].offers[0].has_value());
  EXPECT_EQ(run.rounds[3].offers[0]->kind, OfferKind::kConfrontation);
  EXPECT_EQ(run.actors[run.rounds[3].offers[0]->from], "C");
}

// ---------------------------------------------------------------- hand-derived two-actor case
//
// A: c = 0.4, s = 0.5, x = 0;  B: c = 0.2, s = 1.0, x = 10;  R = 10, Q = T = 1.
// Weights c*s: 0.2 and 0.2. Votes for A over B: v_A = 0.2 (1^r - 0^r) = 0.2,
// v_B = 0.2 (0 - 1) = -0.2. All-pairs denominator: each voter gives |0.2| to
// (A,B) and to (B,A): 0.8. So P_AB = P_BA = 0.2 / 0.8 = 1/4 for any exponents.
// With d = 1: U_s = 2 - 4 * 0^r = 2, U_f = 2 - 4 * 1^r = -2, U_sq = 2 - 4 * 0.5^r.
// Danger (r = 1, U_sq = 0): D_A = E(U_BA) = s_A [P U_s + (1-P) U_f] + (1-s_A) U_s
//   = 0.5 (0.5 - 1.5) + 0.5 * 2 = 0.5;   D_B = E(U_AB) = 1 * (0.5 - 1.5) = -1.
// R_A = (1 - 0.5 + 1) / 1.5 = 1 -> r_A = (2/3)/(4/3) = 0.5;  R_B = -1 -> r_B = 2.
// A's view (r = 0.5, U_sq = 2 - 2 sqrt 2):
//   E_AB = 1 * (0.5 - 1.5) + 0 - U_sq = 2 sqrt 2 - 3 = -0.171573
//   E_BA = 0.5 * (0.5 - 1.5) + 0.5 * 2 - U_sq = 2 sqrt 2 - 1.5 = 1.328427
//   E_BA > 0 > E_AB and E_BA > |E_AB|: a compromise, to 10 |E_AB / E_BA| = 1.291549.
// B's view (r = 2, U_sq = 1): E_BA = 0.5 (-1) + 1 - 1 = -0.5, E_AB = 1 (-1) - 1 = -2:
//   E_AB < 0, no offer.

const std::vector<Row> kTwoActors = {{"A", 0.4, 0.0, 0.5}, {"B", 0.2, 10.0, 1.0}};

RoundDetail first_round(const Settings& settings) {
  const auto problem = make_problem(kTwoActors);
  auto negotiation = Negotiation::create(problem.issues[0], problem.actors, settings);
  EXPECT_TRUE(negotiation.ok());
  const double start[] = {0.0, 10.0};
  return negotiation->play(start, 1);
}

TEST(EuHandDerived, TwoActorsScholzReading) {
  const double root2 = std::sqrt(2.0);
  const RoundDetail round = first_round(Settings{});
  EXPECT_DOUBLE_EQ(round.risk_exponents[0], 0.5);
  EXPECT_DOUBLE_EQ(round.risk_exponents[1], 2.0);
  ASSERT_TRUE(round.offers[0].has_value());
  EXPECT_EQ(round.offers[0]->kind, OfferKind::kCompromise);
  EXPECT_EQ(round.offers[0]->from, 1U);
  EXPECT_NEAR(round.offers[0]->eu_receiver, 2 * root2 - 3, 1e-12);
  EXPECT_NEAR(round.offers[0]->eu_proposer, 2 * root2 - 1.5, 1e-12);
  EXPECT_NEAR(round.positions[0], 10 * (3 - 2 * root2) / (2 * root2 - 1.5), 1e-12);
  EXPECT_NEAR(round.positions[0], 1.291549, 1e-6);
  EXPECT_FALSE(round.offers[1].has_value());
  EXPECT_EQ(round.positions[1], 10.0);
}

TEST(EuHandDerived, TwoActorsEachSideItsOwnExponent) {
  // With r_B = 2 in E(U_BA): 0.5 (-1) + 1 - (2 - 4 * 0.25) = -0.5 < 0: no offer.
  const RoundDetail round = first_round(Settings{.risk_perspective = RiskPerspective::kOwn});
  EXPECT_FALSE(round.offers[0].has_value());
  EXPECT_EQ(round.positions[0], 0.0);
}

TEST(EuHandDerived, TwoActorsPairwiseProbability) {
  // P_AB = 0.2 / (0.2 + 0.2) = 1/2. D_A = 0.5 * 0 + 1 = 1, D_B = 0: r_A = 0.5, r_B = 2.
  // A's view: E_AB = 0 - U_sq = 2 sqrt 2 - 2 > 0, E_BA = 0 + 1 - U_sq = 2 sqrt 2 - 1 > E_AB:
  // A loses a confrontation and moves to 10.
  const RoundDetail round = first_round(Settings{.win_probability = WinProbability::kPair});
  ASSERT_TRUE(round.offers[0].has_value());
  EXPECT_EQ(round.offers[0]->kind, OfferKind::kConfrontation);
  EXPECT_NEAR(round.offers[0]->eu_receiver, 2 * std::sqrt(2.0) - 2, 1e-12);
  EXPECT_NEAR(round.offers[0]->eu_proposer, 2 * std::sqrt(2.0) - 1, 1e-12);
  EXPECT_EQ(round.positions[0], 10.0);
  EXPECT_FALSE(round.offers[1].has_value());
}

TEST(EuHandDerived, TwoActorsMasadProbabilityAndTheCapitulationTest) {
  // P = max(0, 0.2 - 0.2) / 0.4 = 0 both ways. D_A = 0.5 (-2) + 1 = 0, D_B = -2:
  // r_A = 0.5. A's view: E_AB = -2 - U_sq = 2 sqrt 2 - 4 = -1.171573,
  // E_BA = -1 + 1 - U_sq = 2 sqrt 2 - 2 = 0.828427 < |E_AB|: a capitulation,
  // which only the intended test lets happen.
  const RoundDetail never = first_round(Settings{.win_probability = WinProbability::kMasad});
  EXPECT_FALSE(never.offers[0].has_value());
  const RoundDetail intended =
      first_round(Settings{.win_probability = WinProbability::kMasad, .capitulation = Capitulation::kIntended});
  ASSERT_TRUE(intended.offers[0].has_value());
  EXPECT_EQ(intended.offers[0]->kind, OfferKind::kCapitulation);
  EXPECT_NEAR(intended.offers[0]->eu_receiver, 2 * std::sqrt(2.0) - 4, 1e-12);
  EXPECT_NEAR(intended.offers[0]->eu_proposer, 2 * std::sqrt(2.0) - 2, 1e-12);
  EXPECT_EQ(intended.positions[0], 10.0);
}

TEST(EuHandDerived, BuildingBlocks) {
  // d = 0.5, |x_i - mu|/R = 0.25, r = 2:
  // U_s = 2 - 4 (0.25)^2 = 1.75, U_f = 2 - 4 (0.75)^2 = -0.25, U_sq = 2 - 4 (0.5)^2 = 1,
  // U_b = 2 - 4 (0.5 - 0.25 * 0.75)^2 = 1.609375, U_w = 2 - 4 (0.5 + 0.25 * 0.75)^2 = 0.109375.
  const BasicUtilities u = basic_utilities(0.5, 0.25, 2.0);
  EXPECT_DOUBLE_EQ(u.success, 1.75);
  EXPECT_DOUBLE_EQ(u.failure, -0.25);
  EXPECT_DOUBLE_EQ(u.status_quo, 1.0);
  EXPECT_DOUBLE_EQ(u.better, 1.609375);
  EXPECT_DOUBLE_EQ(u.worse, 0.109375);
  // P = 0.4, s_j = 0.6, Q = 0.5, T = 0.25:
  // 0.6 (0.4 * 1.75 + 0.6 * -0.25) + 0.4 * 1.75 - 0.5 * 1 - 0.5 (0.25 * 1.609375 + 0.75 * 0.109375)
  // = 0.33 + 0.7 - 0.5 - 0.2421875 = 0.2878125
  EXPECT_NEAR(expected_utility(u, 0.4, 0.6, 0.5, 0.25), 0.2878125, 1e-15);
  // R = +1, -1, 0 give r = 0.5, 2, 1; equal extremes give 1.
  EXPECT_DOUBLE_EQ(risk_exponent(3.0, -1.0, 3.0), 0.5);
  EXPECT_DOUBLE_EQ(risk_exponent(-1.0, -1.0, 3.0), 2.0);
  EXPECT_DOUBLE_EQ(risk_exponent(1.0, -1.0, 3.0), 1.0);
  EXPECT_DOUBLE_EQ(risk_exponent(2.0, 2.0, 2.0), 1.0);
}

// ---------------------------------------------------------------- stopping rule

TEST(EuTolerance, StopsWhenNoPositionMovesMoreThanTheTolerance) {
  // The two-actor case converges: A keeps compromising towards B in ever
  // smaller steps (jmckib's code puts A at 9.330252096576 after 12 rounds).
  const auto problem = make_problem(kTwoActors);
  const IssueRun full = run_first_issue(problem, Settings{.rounds = 12});
  EXPECT_NEAR(full.rounds.back().positions[0], 9.330252096576, 1e-9);
  EXPECT_FALSE(full.stopped_by_tolerance);

  const double tolerance = 0.02;
  const IssueRun stopped = run_first_issue(problem, Settings{.rounds = 12, .tolerance = tolerance});
  ASSERT_TRUE(stopped.stopped_by_tolerance);
  ASSERT_LT(stopped.rounds.size(), full.rounds.size());
  const auto move = [](const IssueRun& run, std::size_t k) {
    return std::abs(run.rounds[k].positions[0] - run.rounds[k - 1].positions[0]);
  };
  const std::size_t last = stopped.rounds.size() - 1;
  EXPECT_LE(move(stopped, last), tolerance);
  for (std::size_t k = 1; k < last; ++k) EXPECT_GT(move(stopped, k), tolerance) << "round " << k;
  for (std::size_t k = 0; k <= last; ++k) EXPECT_EQ(stopped.rounds[k].positions, full.rounds[k].positions);

  const auto result = run_eu(problem, {{"rounds", "12"}, {"tolerance", "0.02"}});
  EXPECT_EQ(result.issues.at(0).rounds.size(), stopped.rounds.size());
  EXPECT_THAT(result.notes, ::testing::ElementsAre(HasSubstr("no position moved by more than 0.02")));
}

// ---------------------------------------------------------------- options and issues

TEST(EuOptions, OutOfRangeValuesAreErrors) {
  const auto problem = testing::load("bargaining/ec10.csv");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"rounds", "-1"}, {"q", "1.5"}, {"t", "-0.1"}, {"tolerance", "-1"}, {"win_probability", "both"}}) {
    auto result = run_model("eu", problem, {{name, value}});
    ASSERT_FALSE(result.ok()) << name;
    EXPECT_THAT(result.error().message(), HasSubstr(name));
  }
}

TEST(EuOptions, EveryOptionIsEchoedWithItsDefault) {
  const auto result = run_eu(testing::load("bargaining/ec10.csv"));
  const auto& options = result.options.all();
  for (const auto& spec : parameters()) {
    ASSERT_TRUE(options.count(spec.name)) << spec.name;
    EXPECT_EQ(options.at(spec.name), spec.default_value);
    EXPECT_FALSE(spec.help.empty());
  }
}

// The conformance suite runs the default reading; every other reading must
// keep its properties too: order and capability scale change nothing,
// positions stay in the scale.
TEST(EuOptions, EveryReadingKeepsTheConformanceProperties) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> choices = {
      {"win_probability", {"all_pairs", "pair", "masad"}},  {"risk_perspective", {"perceiver", "own"}},
      {"compromise_choice", {"scholz_code", "least_move"}}, {"capitulation", {"never", "intended"}},
      {"offer_choice", {"by_kind", "largest_proposer_eu"}}, {"q", {"1", "0.6"}}};
  for (const std::string file : {"bargaining/ec10.csv", "smp/SOE-Pol-Comp.csv"}) {
    const auto problem = testing::load(file);
    StakeholderProblem changed = problem;
    for (auto& issue : changed.issues) {
      std::reverse(issue.stakes.begin(), issue.stakes.end());
      for (auto& stake : issue.stakes) stake.capability *= 37.5;
    }
    std::size_t combinations = 1;
    for (const auto& choice : choices) combinations *= choice.second.size();
    for (std::size_t code = 0; code < combinations; ++code) {
      std::map<std::string, std::string> options = {{"t", "0.3"}};
      std::size_t rest = code;
      for (const auto& [name, values] : choices) {
        options[name] = values[rest % values.size()];
        rest /= values.size();
      }
      const auto a = run_eu(problem, options);
      const auto b = run_eu(changed, options);
      ASSERT_EQ(a.issues.size(), b.issues.size());
      for (std::size_t i = 0; i < a.issues.size(); ++i) {
        const auto& ia = a.issues[i];
        const auto& ib = b.issues[i];
        const std::size_t n = ia.actors.size();
        for (const auto& round : ia.rounds) {
          for (const double x : round.positions) EXPECT_TRUE(ia.scale.contains(x)) << file << " option set " << code;
        }
        ASSERT_EQ(ia.rounds.size(), ib.rounds.size());
        for (std::size_t s = 0; s < n; ++s) {
          EXPECT_NEAR(ia.rounds.back().positions[s], ib.rounds.back().positions[n - 1 - s], 1e-9)
              << file << " option set " << code << " " << ia.actors[s];
        }
      }
    }
  }
}

TEST(EuIssues, EachIssueRunsOnItsOwn) {
  const auto problem = testing::load("bargaining/decide-sample.tsv");
  ASSERT_GT(problem.issues.size(), 1U);
  const auto together = run_eu(problem);
  for (std::size_t i = 0; i < problem.issues.size(); ++i) {
    StakeholderProblem alone = problem;
    alone.issues = {problem.issues[i]};
    const auto single = run_eu(alone);
    ASSERT_EQ(single.issues.size(), 1U);
    const auto& a = together.issues.at(i).rounds;
    const auto& b = single.issues[0].rounds;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].positions, b[k].positions) << problem.issues[i].name;
  }
}

TEST(EuCommandLine, JsonAndTrace) {
  const auto json =
      testing::run_detente("forecast " + testing::data_path("bargaining/ec10.csv") + " --model eu --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto out = nlohmann::json::parse(json.out);
  EXPECT_EQ(out["model"], "eu");
  EXPECT_EQ(out["options"]["win_probability"], "all_pairs");
  EXPECT_EQ(out["issues"][0]["rounds"].size(), 11U);
  EXPECT_NEAR(out["issues"][0]["rounds"][10]["mean"].get<double>(), 7.242131, 1e-6);

  const auto trace =
      testing::run_detente("forecast " + testing::data_path("bargaining/ec10.csv") + " --model eu --trace");
  ASSERT_EQ(trace.exit_code, 0) << trace.err;
  EXPECT_THAT(trace.out, HasSubstr("round 1: Belgium compromises with France: 7 -> 8.415932"));
  EXPECT_THAT(trace.out, HasSubstr("round 1: risk exponents Netherlands 1.4057, Belgium 0.7542"));
}

}  // namespace
}  // namespace detente::eu
