// The alternating-offers protocol in the engine, on a two-actor scenario whose agreement step and
// terms are derived by hand and by the bargaining library. Left (A) wants 100, right (B) 0 on a
// 0–100 scale: the contract line is x = 100·s with length L = 1, the status quo 50 is worth 0.5 to
// each side, and an outside option of −0.5 makes each side's payoff at the deadline 0: the unit pie
// of Ståhl's game, with one round per weekly step up to the deadline's step.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "bargaining/alternating_offers.h"
#include "engine/engine.h"
#include "scenario/scenario.h"

namespace detente {
namespace {

struct Edits {
  std::string negotiation = "patience = { left = 0.9, right = 0.8 }";
  std::string trust = "default_prior = { nuclear = 1.0, threat = 1.0 }";
  std::string deadline = "2020-02-05";  // step 5 of the weekly calendar from 2020-01-01
  std::string outside = "left = -0.5\nright = -0.5";
  std::string extra;  // veto players, policies
};

std::string scenario_text(const Edits& e) {
  std::string text = R"([scenario]
name = "offers"
[calendar]
start = 2020-01-01
horizon = 2020-03-31
[[actors]]
id = "A"
capabilities = { air = 0.5 }
threat_cost = 0.0
[[actors]]
id = "B"
capabilities = { air = 0.5 }
threat_cost = 0.0
[negotiation]
sides = { left = ["A"], right = ["B"] }
protocol = "alternating_offers"
)" + e.negotiation + R"(
[[issues]]
id = "deal"
scale = [0, 100]
status_quo = 50
positions = { A = 100, B = 0 }
salience = { A = 1, B = 1 }
capability = { A = 1, B = 1 }
[trust]
compliance_untrustworthy = 1.0
)" + e.trust + R"(
[threat]
initial = 0.1
growth = 0.0
[[deadlines]]
date = )" + e.deadline +
                     R"(
hard_probability = 1.0
[outside_options]
)" + e.outside + "\n" +
                     e.extra + "\n";
  return text;
}

scenario::Scenario load(const Edits& edits) {
  auto s = scenario::parse_scenario(scenario_text(edits), "offers.toml");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  return s.ok() ? *s : scenario::Scenario{};
}

engine::RunOutcome outcome(const scenario::Scenario& s, engine::RunOptions options = {}) {
  const engine::Engine engine(s);
  options.narrate = true;
  auto result = engine.run(options);
  EXPECT_TRUE(result.ok());
  return result.ok() ? result->outcome : engine::RunOutcome{};
}

// The unit-pie game of the library: the prediction the runs are checked against.
double spe_terms(double left, double right, int rounds, int first = 0, double hi = 1.0) {
  const auto u = bargaining::unit_pie();
  return 100.0 * bargaining::solve(
                     {.players = {bargaining::Bargainer{u[0], left, 0.0}, bargaining::Bargainer{u[1], right, 0.0}},
                      .rounds = rounds,
                      .first_proposer = first,
                      .hi = hi})
                     .terms;
}

TEST(OffersProtocol, AgreementComesAtOnceOnTheSubgamePerfectTermsOfTheGameToTheDeadline) {
  // Full trust, no ratifiers: left proposes in step 1 with five rounds (steps 1..5) to the deadline;
  // x_5 = x* + (δ1δ2)²(1 − x*) with x* = (1 − δ2)/(1 − δ1δ2) = 0.2/0.28.
  const auto out = outcome(load({}));
  ASSERT_TRUE(out.agreed);
  EXPECT_EQ(out.agreement_step, 1);
  const double limit = 0.2 / 0.28;
  EXPECT_NEAR(out.terms.at(0), 100.0 * (limit + 0.72 * 0.72 * (1.0 - limit)), 1e-9);
  EXPECT_NEAR(out.terms.at(0), spe_terms(0.9, 0.8, 5), 1e-9);
}

TEST(OffersProtocol, TheFirstProposerIsTheSideNamed) {
  Edits edits;
  edits.negotiation += "\nfirst_proposer = \"right\"";
  const auto out = outcome(load(edits));
  ASSERT_TRUE(out.agreed);
  EXPECT_NEAR(out.terms.at(0), spe_terms(0.9, 0.8, 5, 1), 1e-9);
  EXPECT_LT(out.terms.at(0), spe_terms(0.9, 0.8, 5, 0));  // proposing first is an advantage
}

TEST(OffersProtocol, AClosedTrustGateDelaysAgreementToTheStepItOpensOnThatStepsTerms) {
  // Priors 0.5 below the threshold 2/3 (fear 1, greed 0.5); compliance reports pool. A policy sets
  // fear 0 from 2020-01-22, step 3 (threshold 0): left proposes then with three rounds left,
  // 1 − δ2 + δ1δ2 = 0.92 of the way to its ideal.
  Edits edits;
  edits.trust = "default_prior = { nuclear = 0.5, threat = 0.5 }";
  edits.extra =
      "[[policies]]\nid = \"reassure\"\nstart = 2020-01-22\nset = { \"negotiation.deal_fear\" = 0.0 }\n"
      "[outcomes]\nagreement_by = [2020-01-15]";
  const auto s = load(edits);
  const auto delayed = outcome(s, {.policies = {"reassure"}});
  ASSERT_TRUE(delayed.agreed);
  EXPECT_EQ(delayed.agreement_step, 3);
  EXPECT_NEAR(delayed.terms.at(0), 92.0, 1e-9);
  EXPECT_NEAR(delayed.terms.at(0), spe_terms(0.9, 0.8, 3), 1e-9);
  const auto never = outcome(s);
  EXPECT_FALSE(never.agreed);
  // The diagnostics: at 2020-01-15 (step 2) the offer was acceptable and only trust stood in the way.
  ASSERT_EQ(never.closed_by.size(), 1U);
  EXPECT_EQ(never.closed_by[0], engine::Gates::trust(0) | engine::Gates::trust(1));
  EXPECT_TRUE(never.broken_down);
  EXPECT_EQ(never.breakdown_step, 5);  // the hard deadline
}

TEST(OffersProtocol, ARatifiersWinSetTiesTheRespondersHands) {
  // Two rounds (deadline 2020-01-15, step 2), δ2 = 0.4: unconstrained, left keeps 1 − δ2 = 60. Right's
  // ratifier with ideal 0 accepts only x ≤ 50 (no further from 0 than the status quo): left offers 50.
  Edits edits;
  edits.deadline = "2020-01-15";
  edits.negotiation = "patience = { left = 0.9, right = 0.4 }";
  EXPECT_NEAR(outcome(load(edits)).terms.at(0), 60.0, 1e-9);
  edits.extra = "[[veto_players]]\nid = \"Senate\"\nside = \"right\"\nideal = { deal = 0 }";
  const auto tied = outcome(load(edits));
  ASSERT_TRUE(tied.agreed);
  EXPECT_NEAR(tied.terms.at(0), 50.0, 1e-9);
  EXPECT_NEAR(tied.terms.at(0), spe_terms(0.9, 0.4, 2, 0, 0.5), 1e-9);
}

TEST(OffersProtocol, WinSetsThatMeetOnlyAtTheStatusQuoBindBothSidesToIt) {
  // Left's ratifier (ideal 95) accepts |x − 95| ≤ 45, x ≥ 50; right's (ideal 0) x ≤ 50: only the
  // status quo 50 is ratifiable, worth 0.5 to each. One round (deadline in step 1): with the
  // deadline worth 0 to left, it offers 50 and right accepts; with left's outside option 0.1 the
  // deadline is worth 0.6 > 0.5 to left, which makes no acceptable offer, and the talks end.
  Edits edits;
  edits.deadline = "2020-01-08";
  edits.extra =
      "[[veto_players]]\nid = \"Majlis\"\nside = \"left\"\nideal = { deal = 95 }\n"
      "[[veto_players]]\nid = \"Senate\"\nside = \"right\"\nideal = { deal = 0 }";
  const auto at_status_quo = outcome(load(edits));
  ASSERT_TRUE(at_status_quo.agreed);
  EXPECT_NEAR(at_status_quo.terms.at(0), 50.0, 1e-9);
  edits.outside = "left = 0.1\nright = -0.5";
  edits.extra += "\n[outcomes]\nagreement_by = [2020-01-08]";
  const auto out = outcome(load(edits));
  EXPECT_FALSE(out.agreed);
  EXPECT_EQ(out.breakdown_step, 1);
  // The diagnostics name the bargaining itself, not trust or a ratifier: no acceptable offer was
  // made, 0.6 − 0.5 = 0.1 of the line short of what left needs.
  ASSERT_EQ(out.closed_by.size(), 1U);
  EXPECT_EQ(out.closed_by[0], engine::Gates::kPositions);
  EXPECT_NEAR(out.position_gap_by.at(0), 0.1, 1e-12);
}

// Twenty sampled runs: each agrees on the terms `expected` gives for the parameters it drew, and
// no two agree on the same terms.
template <typename Expected>
void expect_terms_of_each_draw(const scenario::Scenario& s, std::uint64_t seed, Expected expected) {
  const engine::Engine engine(s);
  std::set<double> terms;
  for (std::uint64_t run = 0; run < 20; ++run) {
    const auto result = engine.run({.seed = seed, .run = run, .sample = true});
    ASSERT_TRUE(result.ok());
    ASSERT_TRUE(result->outcome.agreed);
    EXPECT_NEAR(result->outcome.terms.at(0), expected(result->parameters), 1e-9) << run;
    terms.insert(result->outcome.terms.at(0));
  }
  EXPECT_EQ(terms.size(), 20U);
}

TEST(OffersProtocol, TermsVaryAcrossRunsWithPatienceAndEachRunIsTheGameItDrew) {
  Edits edits;
  edits.negotiation = "patience = { left = 0.9, right = { dist = \"uniform\", min = 0.5, max = 0.95 } }";
  const auto s = load(edits);
  const std::size_t right = s.params.index("negotiation.patience.right");
  expect_terms_of_each_draw(s, 7, [&](const std::vector<double>& p) { return spe_terms(0.9, p[right], 5); });
}

TEST(OffersProtocol, TermsVaryAcrossRunsWithTheOutsideOption) {
  // One round (deadline in step 1): right accepts the share worth its payoff at the deadline,
  // 0.5 + o, so left's terms are 100·(1 − 0.5 − o) = 100·(0.5 − o).
  Edits edits;
  edits.deadline = "2020-01-08";
  edits.outside = "left = -0.5\nright = { dist = \"uniform\", min = -0.5, max = -0.1 }";
  const auto s = load(edits);
  const std::size_t option = s.params.index("outside_options.right");
  expect_terms_of_each_draw(s, 3, [&](const std::vector<double>& p) { return 100.0 * (0.5 - p[option]); });
}

TEST(OffersProtocol, TheExampleScenarioAgreesOnTheLineBetweenTheSidesIdealsOnTermsThatVary) {
  // examples/alternating-offers.toml: East's ideal is (10, 95); West's side is the salience ×
  // capability mean of West and Ally: limits (90·1 + 70·0.3)/1.3, relief (20·0.6 + 40·0.25)/0.85.
  auto s = scenario::load_scenario(std::string(DETENTE_SOURCE_DIR) + "/examples/alternating-offers.toml");
  ASSERT_TRUE(s.ok()) << s.error().message();
  const engine::Engine engine(*s);
  const double east[] = {10.0, 95.0};
  const double west[] = {111.0 / 1.3, 22.0 / 0.85};
  std::set<double> limits;
  for (std::uint64_t run = 0; run < 200; ++run) {
    const auto result = engine.run({.seed = 1, .run = run, .sample = true});
    ASSERT_TRUE(result.ok());
    if (!result->outcome.agreed) continue;
    const auto& x = result->outcome.terms;
    const double cross = (x[0] - east[0]) * (west[1] - east[1]) - (x[1] - east[1]) * (west[0] - east[0]);
    EXPECT_NEAR(cross, 0.0, 1e-8) << run;
    EXPECT_GE(x[0], east[0] - 1e-9);
    EXPECT_LE(x[0], west[0] + 1e-9);
    limits.insert(x[0]);
  }
  EXPECT_GT(limits.size(), 50U);
}

struct BadOffers {
  std::string name;
  Edits edits;
  std::string field;
  std::string says;  // a phrase the message must contain
};

class OffersProtocolErrors : public ::testing::TestWithParam<BadOffers> {};

TEST_P(OffersProtocolErrors, NameTheLineTheFieldAndTheFix) {
  const auto& c = GetParam();
  const auto s = scenario::parse_scenario(scenario_text(c.edits), "offers.toml");
  ASSERT_FALSE(s.ok()) << c.name;
  const std::string message = s.error().message();
  EXPECT_NE(message.find("offers.toml:"), std::string::npos) << message;
  EXPECT_GT(s.error().line, 0) << message;
  EXPECT_NE(message.find(c.field), std::string::npos) << message;
  EXPECT_NE(message.find(c.says), std::string::npos) << message;
  EXPECT_NE(message.find("Fix:"), std::string::npos) << message;
}

Edits with_negotiation(std::string text) {
  Edits e;
  e.negotiation = std::move(text);
  return e;
}

INSTANTIATE_TEST_SUITE_P(
    Loader, OffersProtocolErrors,
    ::testing::Values(BadOffers{"patience_missing", with_negotiation(""), "negotiation.patience", "left = 0.98"},
                      BadOffers{"patience_above_one", with_negotiation("patience = { left = 1.2, right = 0.9 }"),
                                "negotiation.patience.left", "discount factor"},
                      BadOffers{"patience_unknown_side", with_negotiation("patience = { left = 0.9, rihgt = 0.9 }"),
                                "rihgt", "left, right"},
                      BadOffers{"first_proposer_unknown",
                                with_negotiation("patience = { left = 0.9, right = 0.9 }\nfirst_proposer = \"up\""),
                                "negotiation.first_proposer", "unknown side"},
                      BadOffers{"drift_key_under_offers",
                                with_negotiation("patience = { left = 0.9, right = 0.9 }\nconcession = 0.1"),
                                "negotiation.concession", "read only by the protocol \"drift\""}),
    [](const ::testing::TestParamInfo<BadOffers>& param_info) { return param_info.param.name; });

TEST(OffersProtocolErrors, AnUnknownProtocolListsTheKnownOnes) {
  std::string text = scenario_text({});
  text.replace(text.find("alternating_offers"), 18, "rubinstein");
  const auto s = scenario::parse_scenario(text, "offers.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("\"drift\", \"alternating_offers\""), std::string::npos) << s.error().message();
  EXPECT_EQ(s.error().field, "negotiation.protocol");
}

}  // namespace
}  // namespace detente
