// The scenario engine on small scenarios whose outcomes are derived by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "engine/engine.h"
#include "engine/mechanisms/deadlines/deadlines.h"
#include "engine/mechanisms/threat/threat.h"
#include "ensemble/aggregate.h"
#include "ensemble/reach.h"
#include "scenario/scenario.h"

namespace detente {
namespace {

// A two-actor scenario; `parts` replaces the named sections.
std::string small_scenario(std::map<std::string, std::string> parts) {
  const auto part = [&](const std::string& key, const std::string& fallback) {
    return parts.contains(key) ? parts[key] : fallback;
  };
  return "[scenario]\nname = \"test\"\n"
         "[calendar]\nstart = 2020-01-01\nstep = \"week\"\nhorizon = " + part("horizon", "2020-12-31") + "\n"
         "[[actors]]\nid = \"A\"\ncapabilities = { air = 0.5 }\nthreat_cost = 1.0\n"
         "[[actors]]\nid = \"B\"\ncapabilities = { air = 0.5 }\nthreat_cost = 1.0\n"
         "[negotiation]\nsides = { left = [\"A\"], right = [\"B\"] }\nconcession = 0.5\nacceptance = 0.05\n" +
         part("negotiation", "") + "\n"
         "[[issues]]\nid = \"deal\"\nscale = [0, 100]\nstatus_quo = " + part("status_quo", "50") + "\n"
         "positions = " + part("positions", "{ A = 50, B = 50 }") + "\n"
         "salience = { A = 1, B = 1 }\ncapability = { A = 1, B = 1 }\n"
         "[trust]\n" + part("trust", "default_prior = { nuclear = 1.0, threat = 1.0 }") + "\n"
         "[threat]\n" + part("threat", "initial = 0.2\ngrowth = 0.05\ncapacity = 1.0") + "\n" +
         part("arenas", "") + "\n" + part("veto", "") + "\n" + part("deadlines", "") + "\n" +
         "[outside_options]\n" + part("outside", "left = -1\nright = -1") + "\n" +
         "[outcomes]\nseries = [\"threat\"]\n" + part("agreement_by", "") + "\n";
}

scenario::Scenario parse(const std::string& text) {
  auto s = scenario::parse_scenario(text, "test.toml");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  return s.ok() ? *s : scenario::Scenario{};
}

engine::RunResult run(const scenario::Scenario& s, std::uint64_t seed = 1, std::vector<std::string> policies = {}) {
  const engine::Engine engine(s);
  auto result = engine.run(engine::RunOptions{.seed = seed, .policies = std::move(policies), .narrate = true});
  EXPECT_TRUE(result.ok());
  return result.ok() ? *result : engine::RunResult{};
}

TEST(ScenarioEngine, ThreatWithoutContributionsFollowsItsClosedForm) {
  const auto s = parse(small_scenario({}));
  const auto result = run(s);
  ASSERT_EQ(result.series.size(), 1U);
  for (std::size_t t = 0; t < result.series[0].size(); ++t) {
    EXPECT_NEAR(result.series[0][t], engine::logistic(0.2, 0.05, 1.0, static_cast<double>(t)), 1e-12) << t;
  }
}

TEST(ScenarioEngine, FullTrustAndEqualPositionsAgreeInTheFirstWeek) {
  const auto result = run(parse(small_scenario({})));
  EXPECT_TRUE(result.outcome.agreed);
  EXPECT_EQ(result.outcome.agreement_step, 1);
  EXPECT_NEAR(result.outcome.terms.at(0), 50.0, 1e-12);
}

TEST(ScenarioEngine, DisjointWinSetsMeanNoAgreement) {
  // q = 50; left's veto player (ideal 20) accepts only x <= 50, right's (ideal 90) only x >= 50.
  // The proposal is 60 (positions 40 and 80 meet at their mean), which left's ratifier rejects.
  const std::string veto =
      "[[veto_players]]\nid = \"VL\"\nside = \"left\"\nideal = { deal = 20 }\n"
      "[[veto_players]]\nid = \"VR\"\nside = \"right\"\nideal = { deal = 90 }\n";
  const auto blocked = run(parse(small_scenario({{"positions", "{ A = 40, B = 80 }"}, {"veto", veto}})));
  EXPECT_FALSE(blocked.outcome.agreed);
  // Move the left ratifier's ideal to 70: it accepts [30, 70] ∩ right's [50, 130] ∋ 60.
  std::string overlapping = veto;
  overlapping.replace(overlapping.find("deal = 20"), 9, "deal = 70");
  const auto ratified = run(parse(small_scenario({{"positions", "{ A = 40, B = 80 }"}, {"veto", overlapping}})));
  EXPECT_TRUE(ratified.outcome.agreed);
  EXPECT_NEAR(ratified.outcome.terms.at(0), 60.0, 1e-9);
}

TEST(ScenarioEngine, DiagnosticsNameEveryGateClosedAtEachDate) {
  // As above, positions 40 and 80 meet at 60 and each moves half way a week: after week 1 (8 Jan)
  // each is 10 points from 60, a gap of 0.10 − 0.05 acceptance = +0.05 of the scale; after week 2
  // the gap is 0.05, exactly the acceptance width, so from then on only left's ratifier (who takes
  // x ≤ 50) stands in the way. Trust is certain (priors 1), so no trust gate ever closes.
  const std::string veto =
      "[[veto_players]]\nid = \"VL\"\nside = \"left\"\nideal = { deal = 20 }\n"
      "[[veto_players]]\nid = \"VR\"\nside = \"right\"\nideal = { deal = 90 }\n";
  const auto s = parse(small_scenario(
      {{"positions", "{ A = 40, B = 80 }"}, {"veto", veto}, {"agreement_by", "agreement_by = [2020-01-08, 2020-02-01]"}}));
  const auto result = run(s);
  ASSERT_FALSE(result.outcome.agreed);
  EXPECT_EQ(ensemble::closed_gates(s, result.outcome, 0), (std::vector<std::string>{"positions", "ratification.VL"}));
  EXPECT_NEAR(result.outcome.position_gap_by[0], 0.05, 1e-12);
  EXPECT_EQ(ensemble::closed_gates(s, result.outcome, 1), (std::vector<std::string>{"ratification.VL"}));
  EXPECT_LE(result.outcome.position_gap_by[1], 0.0);
}

TEST(ScenarioEngine, DiagnosticsSayTheTalksHadEndedBeforeADate) {
  // A hard deadline on 15 Jan ends the talks (the ratifier blocks): by 1 Feb nothing is evaluated.
  const std::string veto = "[[veto_players]]\nid = \"VL\"\nside = \"left\"\nideal = { deal = 20 }\n";
  const auto s = parse(small_scenario({{"positions", "{ A = 40, B = 80 }"},
                                       {"veto", veto},
                                       {"deadlines", "[[deadlines]]\ndate = 2020-01-15\nhard_probability = 1.0\n"},
                                       {"agreement_by", "agreement_by = [2020-02-01]"}}));
  const auto result = run(s);
  ASSERT_TRUE(result.outcome.broken_down);
  EXPECT_TRUE(ensemble::closed_gates(s, result.outcome, 0).empty());
  EXPECT_TRUE(std::isnan(result.outcome.position_gap_by[0]));
}

// Positions 0 and 100 meet at 50; each moves the share c of its distance a week (no deadline, so
// no urgency), so after two weeks (15 Jan) each is 50·(1 − c)² from 50, a gap of 0.5·(1 − c)² − a.
std::string drifting(const std::string& concession, const std::string& acceptance) {
  std::string text = small_scenario({{"positions", "{ A = 0, B = 100 }"}, {"agreement_by", "agreement_by = [2020-01-15]"}});
  text.replace(text.find("concession = 0.5"), 16, "concession = " + concession);
  text.replace(text.find("acceptance = 0.05"), 17, "acceptance = " + acceptance);
  return text;
}

TEST(Reachability, NoCornerOfTheRangesMeetsInTwoWeeks) {
  // The fastest concession in range, 0.02, leaves 0.5·0.98² − 0.05 = 0.43020 of the scale.
  const auto s = parse(drifting("{ dist = \"uniform\", min = 0.01, max = 0.02 }", "0.05"));
  const engine::Engine engine(s);
  const auto reach = ensemble::search_reachability(engine, 0, {}, 1);
  ASSERT_TRUE(reach.ok());
  EXPECT_FALSE(reach->agreed);
  EXPECT_NEAR(reach->position_gap, 0.5 * 0.98 * 0.98 - 0.05, 1e-12);
  ASSERT_EQ(reach->settings.size(), 1U);
  EXPECT_EQ(reach->settings[0].first, "negotiation.concession");
  EXPECT_NEAR(reach->settings[0].second, 0.02, 1e-15);
  EXPECT_EQ(reach->closed, (std::vector<std::string>{"positions"}));
}

TEST(Reachability, TheFastestCornerAgreesWhereTheCentreDoesNot) {
  // Central values (c = 0.305, a = 0.075) leave 0.5·0.695² − 0.075 = +0.166; at c = 0.6 and
  // a = 0.10 the gap is 0.5·0.4² − 0.10 = −0.02: agreement by 15 Jan (trust is certain).
  const auto s = parse(drifting("{ dist = \"uniform\", min = 0.01, max = 0.6 }", "{ dist = \"uniform\", min = 0.05, max = 0.10 }"));
  const engine::Engine engine(s);
  const auto central = engine.run(engine::RunOptions{});
  ASSERT_TRUE(central.ok());
  EXPECT_NEAR(central->outcome.position_gap_by[0], 0.5 * 0.695 * 0.695 - 0.075, 1e-12);
  const auto reach = ensemble::search_reachability(engine, 0, {}, 1);
  ASSERT_TRUE(reach.ok());
  EXPECT_TRUE(reach->agreed);
  ASSERT_EQ(reach->settings.size(), 2U);
  EXPECT_EQ(reach->settings[0].first, "negotiation.concession");
  EXPECT_NEAR(reach->settings[0].second, 0.6, 1e-15);
  EXPECT_EQ(reach->settings[1].first, "negotiation.acceptance");
  EXPECT_NEAR(reach->settings[1].second, 0.10, 1e-15);
}

TEST(ScenarioEngine, ExtendOrWalkFollowsTheStatedComparison) {
  EXPECT_TRUE(engine::extends(0.8, 0.5, 0.1, 0.2));    // 0.8·0.5 − 0.1 = 0.3 >= 0.2
  EXPECT_FALSE(engine::extends(0.8, 0.5, 0.1, 0.35));  // 0.3 < 0.35
  // In a run: positions too far apart to agree by the deadline (concession 0, so they never move).
  // At the deadline trust is 1; left's lead sits at 0 where q = 50 lies 0.5 away and the proposal
  // (the mean, 50) too: gain 0. Value of extending = 1·0 − 0.1 = −0.1.
  const std::string deadlines = "[[deadlines]]\ndate = 2020-03-01\nmissed_cost = 0.1\n";
  const std::map<std::string, std::string> base = {{"positions", "{ A = 0, B = 100 }"},
                                                   {"negotiation", "deadline_pressure = 0"},
                                                   {"deadlines", deadlines}};
  auto walks = base;
  walks["outside"] = "left = 0\nright = -1";   // −0.1 < 0: left walks away
  auto walk_text = small_scenario(walks);
  walk_text.replace(walk_text.find("concession = 0.5"), 16, "concession = 0.0");
  const auto walked = run(parse(walk_text));
  EXPECT_TRUE(walked.outcome.broken_down);
  EXPECT_EQ(walked.outcome.breakdown_date, "2020-03-04");
  auto stays = base;
  stays["outside"] = "left = -0.2\nright = -1";   // −0.1 >= −0.2: both extend
  auto stay_text = small_scenario(stays);
  stay_text.replace(stay_text.find("concession = 0.5"), 16, "concession = 0.0");
  const auto extended = run(parse(stay_text));
  EXPECT_FALSE(extended.outcome.broken_down);
  EXPECT_EQ(extended.outcome.extensions, 1);
}

TEST(ScenarioEngine, AnExtendableDeadlineSetsTheNextOneItsWeeksLater) {
  // As above (gain 0, so extending is worth −missed_cost), with extension_weeks = 8: the deadline
  // of 1 Mar 2020 falls in step 9 (4 Mar); each extension sets the next 8 steps on: 17, 25, ...
  // missed_cost after the k-th missed deadline is 0.1·(1 + 2 + ... + k): 0.1, 0.3, 0.6, ...
  const std::string deadlines = "[[deadlines]]\ndate = 2020-03-01\nmissed_cost = 0.1\nextension_weeks = 8\n";
  const auto scenario_with = [&](const std::string& outside) {
    auto text = small_scenario({{"positions", "{ A = 0, B = 100 }"},
                                {"negotiation", "deadline_pressure = 0"},
                                {"deadlines", deadlines},
                                {"outside", outside}});
    text.replace(text.find("concession = 0.5"), 16, "concession = 0.0");
    return parse(text);
  };
  // Outside option −0.2: extend at the first (−0.1 >= −0.2), walk at the second (−0.3 < −0.2).
  const auto walked = run(scenario_with("left = -0.2\nright = -10"));
  EXPECT_TRUE(walked.outcome.broken_down);
  EXPECT_EQ(walked.outcome.breakdown_date, "2020-04-29");  // step 17
  EXPECT_EQ(walked.outcome.extensions, 1);
  bool told = false;
  for (const auto& e : walked.events) told = told || e.text.find("new deadline, 2020-04-29") != std::string::npos;
  EXPECT_TRUE(told);
  // Outside options far below: extended at steps 9, 17, 25, 33, 41 and 49; the next (57) would
  // fall after the horizon (step 53, 6 Jan 2021, the step containing 31 Dec 2020).
  const auto kept = run(scenario_with("left = -10\nright = -10"));
  EXPECT_FALSE(kept.outcome.broken_down);
  EXPECT_EQ(kept.outcome.extensions, 6);
}

// Two cases of linkage, derived by hand. Both actors' priors are 0.5 on both type dimensions, the
// types perfectly correlated (rho = 1), the deal needs trust 2/3, and nothing else informs trust
// (compliance reports are uninformative: an untrustworthy type also complies). Without linkage
// beliefs stay at 0.5 < 2/3 and there is never an agreement.
std::string linkage_scenario(double threat, bool linked) {
  const std::string trust =
      "default_prior = { nuclear = 0.5, threat = 0.5 }\ncorrelation = 1.0\nfear = 0.2\n"
      "greed_trustworthy = 0.5\ngreed_untrustworthy = 1.6\ncompliance_untrustworthy = 1.0";
  const std::string arenas =
      "[[arenas]]\nid = \"together\"\nkind = \"coordination\"\nplayers = [\"A\", \"B\"]\nthreat_value = 2.0\n" +
      std::string(linked ? "[[linkage]]\nfrom = \"together\"\nupdates = \"threat\"\n" : "");
  const std::string threat_section = "initial = " + std::to_string(threat) + "\ngrowth = 0.0\ncapacity = 1.0";
  return small_scenario(
      {{"trust", trust}, {"arenas", arenas}, {"threat", threat_section}, {"agreement_by", "agreement_by = [2020-03-01]"}});
}

TEST(ScenarioEngine, LinkageRaisesAgreementWhenCooperationSeparatesTypes) {
  // Threat 0: mutual cooperation pays R = 1. Trustworthy type (greed 0.5): threshold
  // 0.2 / (1 − 0.5 + 0.2) = 0.286 <= 0.5, so it cooperates; untrustworthy (greed 1.6 > R) defects.
  // One noiseless observation reveals each type; rho = 1 carries it to the deal. So with linkage an
  // agreement happens exactly when both are trustworthy (probability 1/4), and never without.
  int agreed = 0;
  constexpr int kRuns = 400;
  const auto linked = parse(linkage_scenario(0.0, true));
  const auto unlinked = parse(linkage_scenario(0.0, false));
  for (int seed = 1; seed <= kRuns; ++seed) {
    const auto with = run(linked, static_cast<std::uint64_t>(seed));
    const bool both_trustworthy = with.trustworthy[0][0] && with.trustworthy[1][0];
    EXPECT_EQ(with.outcome.agreed, both_trustworthy) << "seed " << seed;
    agreed += with.outcome.agreed ? 1 : 0;
    // The diagnostics: week 1's two moves separate the types, and a side that learns the other is
    // untrustworthy (trust 0) keeps the trust gate closed on 1 March.
    const auto& tally = with.outcome.signals.at(0);
    EXPECT_GE(tally.separating, 2) << "seed " << seed;
    EXPECT_EQ(tally.trust_shift > 0.0, both_trustworthy) << "seed " << seed;
    if (!both_trustworthy) {
      std::vector<std::string> distrust;
      if (!with.trustworthy[1][0]) distrust.emplace_back("trust.A");
      if (!with.trustworthy[0][0]) distrust.emplace_back("trust.B");
      EXPECT_EQ(ensemble::closed_gates(linked, with.outcome, 0), distrust) << "seed " << seed;
    }
    EXPECT_FALSE(run(unlinked, static_cast<std::uint64_t>(seed)).outcome.agreed) << "seed " << seed;
  }
  // 1/4 of 400 with binomial sd √(400·3/16) ≈ 8.7: within 4 sd.
  EXPECT_NEAR(agreed, kRuns / 4, 35);
}

TEST(ScenarioEngine, LinkageAddsNothingWhenBothTypesFightTheThreatAnyway) {
  // Threat 1: R = 1 + 2 = 3 > greed 1.6, and the untrustworthy type's threshold
  // 0.2 / (3 − 1.6 + 0.2) = 0.125 <= 0.5: both types cooperate. The move is pooling, beliefs stay
  // at 0.5, and linkage cannot produce an agreement.
  const auto linked = parse(linkage_scenario(1.0, true));
  for (int seed = 1; seed <= 100; ++seed) {
    const auto result = run(linked, static_cast<std::uint64_t>(seed));
    EXPECT_FALSE(result.outcome.agreed) << "seed " << seed;
    EXPECT_NEAR(result.outcome.final_trust[0], 0.5, 1e-12) << "seed " << seed;
    EXPECT_NEAR(result.outcome.final_trust[1], 0.5, 1e-12) << "seed " << seed;
    // The diagnostics say why: every move pooled, trust never moved, and on 1 March both trust
    // gates were closed (0.5 below the deal's threshold) while the positions were acceptable.
    const auto& tally = result.outcome.signals.at(0);
    EXPECT_EQ(tally.separating, 0) << "seed " << seed;
    EXPECT_GT(tally.pooling, 0) << "seed " << seed;
    EXPECT_EQ(tally.trust_shift, 0.0) << "seed " << seed;
    EXPECT_EQ(ensemble::closed_gates(linked, result.outcome, 0), (std::vector<std::string>{"trust.A", "trust.B"}));
    EXPECT_LT(result.outcome.position_gap_by[0], 0.0);
  }
}

TEST(ScenarioEngine, SameSeedSameRun) {
  const auto s = parse(linkage_scenario(0.0, true));
  const auto a = run(s, 42);
  const auto b = run(s, 42);
  EXPECT_EQ(a.outcome.agreement_step, b.outcome.agreement_step);
  EXPECT_EQ(a.series, b.series);
}

}  // namespace
}  // namespace detente

namespace detente {
namespace {

// A repeated prisoner's dilemma from the repeated-games module as the linked arena. Each player's
// strategy depends on its type; the deal needs trust 2/3 from priors of 0.5 with rho = 1.
std::string repeated_scenario(const std::string& a_strategies, const std::string& b_strategies) {
  const std::string trust =
      "default_prior = { nuclear = 0.5, threat = 0.5 }\ncorrelation = 1.0\ncompliance_untrustworthy = 1.0";
  const std::string arenas = "[[arenas]]\nid = \"pd\"\nkind = \"repeated\"\nplayers = [\"A\", \"B\"]\n"
                             "strategies = { A = " + a_strategies + ", B = " + b_strategies + " }\n"
                             "[[linkage]]\nfrom = \"pd\"\nupdates = \"threat\"\n";
  return small_scenario({{"trust", trust}, {"arenas", arenas}});
}

TEST(ScenarioEngine, RepeatedGameMovesThatDifferByTypeRevealTheTypes) {
  // Week 1: Tit For Tat opens with C, Defector with D; Cooperator plays C, Defector D. Each first
  // move reveals its player's type (no noise), rho = 1 carries it to the deal: agreement exactly
  // when both are trustworthy.
  const auto s = parse(repeated_scenario("{ trustworthy = \"Tit For Tat\", untrustworthy = \"Defector\" }",
                                         "{ trustworthy = \"Cooperator\", untrustworthy = \"Defector\" }"));
  int agreed = 0;
  for (int seed = 1; seed <= 200; ++seed) {
    const auto result = run(s, static_cast<std::uint64_t>(seed));
    EXPECT_EQ(result.outcome.agreed, result.trustworthy[0][0] && result.trustworthy[1][0]) << "seed " << seed;
    agreed += result.outcome.agreed ? 1 : 0;
  }
  EXPECT_GT(agreed, 20);
}

TEST(ScenarioEngine, RepeatedGameMovesThatBothTypesMakeRevealNothing) {
  // Both types of both players play Tit For Tat: every move is pooling, trust stays at 0.5.
  const auto s = parse(repeated_scenario("\"Tit For Tat\"", "\"Tit For Tat\""));
  for (int seed = 1; seed <= 50; ++seed) {
    const auto result = run(s, static_cast<std::uint64_t>(seed));
    EXPECT_FALSE(result.outcome.agreed);
    EXPECT_NEAR(result.outcome.final_trust[0], 0.5, 1e-12);
  }
}

TEST(ScenarioEngine, UnknownStrategyIsReportedWithSuggestions) {
  auto s = scenario::parse_scenario(repeated_scenario("\"Tit For Tatt\"", "\"Grudger\""), "t.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("Tit For Tat"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("t.toml:"), std::string::npos) << s.error().message();
}

}  // namespace
}  // namespace detente
