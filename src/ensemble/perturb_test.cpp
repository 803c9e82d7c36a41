// --perturb specs and the perturbation plan: parsing and its errors, which spec applies where, the
// companion columns, and truncation (every draw inside its range, with the truncated distribution's
// own moments, not a point mass on the bound).
#include "ensemble/perturb.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "ensemble/statistics.h"
#include "io/stakeholder_reader.h"

namespace detente::ensemble {
namespace {

using ::testing::HasSubstr;

StakeholderProblem table(const std::string& csv) {
  auto problem = io::parse_stakeholder_csv(csv, "t.csv");
  EXPECT_TRUE(problem.ok()) << (problem.ok() ? "" : problem.error().message());
  return problem.ok() ? *problem : StakeholderProblem{};
}

// Two issues; "U.S." has dots in its name.
const char* kTwoIssues =
    "Actor,Issue,Capability,Position,Salience\n"
    "A,tax,1,0,1\nU.S.,tax,2,50,0.5\nC,tax,1,100,0.2\n"
    "A,trade,1,10,0.4\nU.S.,trade,2,20,1\nC,trade,1,30,0\n";

std::size_t stake_index(const StakeholderProblem& p, std::size_t issue, const std::string& actor) {
  const auto& stakes = p.issues[issue].stakes;
  for (std::size_t s = 0; s < stakes.size(); ++s) {
    if (p.actors[stakes[s].actor] == actor) return s;
  }
  ADD_FAILURE() << actor;
  return 0;
}

const PerturbedValue* find_value(const Perturbation& plan, std::size_t issue, std::size_t stake, PerturbField field) {
  for (const auto& v : plan.values()) {
    if (v.issue == issue && v.stake == stake && v.field == field) return &v;
  }
  return nullptr;
}

TEST(PerturbSpec, ParsesFieldActorIssueAndDistribution) {
  const auto p = table(kTwoIssues);
  auto all = parse_perturb_spec("position=normal(5)", p);
  ASSERT_TRUE(all.ok()) << all.error().message();
  EXPECT_EQ(all->field, PerturbField::kPosition);
  EXPECT_FALSE(all->actor);
  EXPECT_FALSE(all->issue);
  EXPECT_EQ(all->noise.kind, Noise::Kind::kNormal);
  EXPECT_EQ(all->noise.size, 5.0);

  auto dotted = parse_perturb_spec("Salience.U.S..trade=uniform(10%)", p);
  ASSERT_TRUE(dotted.ok()) << dotted.error().message();
  EXPECT_EQ(dotted->field, PerturbField::kSalience);
  EXPECT_EQ(p.actors[*dotted->actor], "U.S.");
  EXPECT_EQ(p.issues[*dotted->issue].name, "trade");
  EXPECT_TRUE(dotted->noise.percent);
  EXPECT_EQ(dotted->noise.describe(), "uniform(10%)");

  auto any_actor = parse_perturb_spec("position.*.tax=triangular(3)", p);
  ASSERT_TRUE(any_actor.ok()) << any_actor.error().message();
  EXPECT_FALSE(any_actor->actor);
  EXPECT_EQ(p.issues[*any_actor->issue].name, "tax");

  auto capability = parse_perturb_spec("capability.A=lognormal(0.2)", p);
  ASSERT_TRUE(capability.ok()) << capability.error().message();
  EXPECT_EQ(capability->noise.kind, Noise::Kind::kLognormal);
  auto off = parse_perturb_spec("position.C=none", p);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->noise.kind, Noise::Kind::kNone);
}

struct BadSpec {
  std::string spec;
  std::string phrase;
};

TEST(PerturbSpec, BadSpecsAreErrorsNamingThePerturbOptionTheSpecAndAFix) {
  const auto p = table(kTwoIssues);
  const std::vector<BadSpec> cases = {
      {"position", "found no '='"},
      {"place=normal(5)", "unknown field 'place'; expected position, salience or capability"},
      {"position.Zed=normal(5)", "no actor named 'Zed' in t.csv"},
      {"position.A.health=normal(5)", "no issue named 'health' in t.csv"},
      {"position=normal(-1)", "normal takes one number above 0"},
      {"position=normal(0)", "normal takes one number above 0"},
      {"position=normal(abc)", "found 'abc'"},
      {"position=normal(nan)", "found 'nan'"},
      {"position=normal(5", "is not understood"},
      {"position=gauss(5)", "unknown distribution 'gauss'"},
      {"position=lognormal(0.2)", "lognormal is multiplicative"},
      {"capability=normal(5%)", "a percentage applies to positions and saliences"},
      {"capability.A.tax=normal(1)", "capability belongs to the actor"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_perturb_spec(c.spec, p);
    ASSERT_FALSE(parsed.ok()) << c.spec << " was accepted";
    EXPECT_EQ(parsed.error().field, "--perturb") << c.spec;
    EXPECT_THAT(parsed.error().problem, HasSubstr("'" + c.spec + "'"));
    EXPECT_THAT(parsed.error().message(), HasSubstr(c.phrase)) << c.spec;
    EXPECT_FALSE(parsed.error().fix.empty()) << c.spec;
  }
}

std::vector<PerturbSpec> specs(const StakeholderProblem& p, const std::vector<std::string>& texts) {
  std::vector<PerturbSpec> out;
  for (const auto& text : texts) {
    auto spec = parse_perturb_spec(text, p);
    EXPECT_TRUE(spec.ok()) << text;
    if (spec.ok()) out.push_back(*spec);
  }
  return out;
}

TEST(PerturbPlan, TheMostSpecificSpecWinsAndAmongEqualsTheLater) {
  const auto p = table(kTwoIssues);
  const std::size_t a = stake_index(p, 0, "A");
  const std::size_t us = stake_index(p, 0, "U.S.");
  const std::size_t c = stake_index(p, 0, "C");
  // The actor's spec wins over the general one although it comes first; C is held fixed.
  const auto plan = Perturbation::plan(
      p, specs(p, {"position.A=uniform(2)", "position=normal(5)", "position.C=none", "position=normal(7)"}));
  const auto* va = find_value(plan, 0, a, PerturbField::kPosition);
  const auto* vus = find_value(plan, 0, us, PerturbField::kPosition);
  ASSERT_NE(va, nullptr);
  ASSERT_NE(vus, nullptr);
  EXPECT_EQ(va->distribution.kind, Distribution::Kind::kUniform);
  EXPECT_EQ(vus->distribution.kind, Distribution::Kind::kNormal);
  EXPECT_EQ(vus->distribution.b, 7.0);  // the later of the two general specs
  EXPECT_EQ(find_value(plan, 0, c, PerturbField::kPosition), nullptr);
  // Actor and issue beats actor alone.
  const auto both = Perturbation::plan(p, specs(p, {"position.A.tax=normal(1)", "position.A=normal(9)"}));
  EXPECT_EQ(find_value(both, 0, a, PerturbField::kPosition)->distribution.b, 1.0);
  EXPECT_EQ(find_value(both, 1, stake_index(p, 1, "A"), PerturbField::kPosition)->distribution.b, 9.0);
  // A percentage of the scale: tax spans 0-100, trade 10-30.
  const auto percent = Perturbation::plan(p, specs(p, {"position=normal(10%)"}));
  EXPECT_DOUBLE_EQ(find_value(percent, 0, a, PerturbField::kPosition)->distribution.b, 10.0);
  EXPECT_DOUBLE_EQ(find_value(percent, 1, stake_index(p, 1, "A"), PerturbField::kPosition)->distribution.b, 2.0);
}

TEST(PerturbPlan, AnActorsCapabilityUsesOneDrawOnEveryIssue) {
  const auto p = table(kTwoIssues);
  const auto plan = Perturbation::plan(p, specs(p, {"capability=lognormal(0.3)"}));
  ASSERT_EQ(plan.values().size(), 6U);
  EXPECT_EQ(plan.draws(), 3U);  // one per actor
  StakeholderProblem copy = p;
  std::vector<double> scratch;
  for (std::uint64_t run = 0; run < 50; ++run) {
    Rng rng(7, run);
    plan.apply(rng, copy, scratch);
    for (std::size_t s = 0; s < 3; ++s) {
      const auto& tax = copy.issues[0].stakes[s];
      const auto& trade = copy.issues[1].stakes[stake_index(p, 1, p.actors[tax.actor])];
      EXPECT_EQ(tax.capability, trade.capability) << "run " << run;
    }
  }
}

TEST(PerturbPlan, CompanionColumnsApplyWhereNoSpecDoes) {
  const auto p = table(
      "Actor,Capability,Position,Salience,Position_sd,Salience_sd\n"
      "A,1,0,40,3,10\nB,1,100,50,0,0\nC,2,50,60,2.5,5\n");
  EXPECT_EQ(companion_columns(p), (std::vector<std::string>{"Position_sd", "Salience_sd"}));
  const std::size_t a = stake_index(p, 0, "A");
  const std::size_t b = stake_index(p, 0, "B");
  const std::size_t c = stake_index(p, 0, "C");
  EXPECT_EQ(p.issues[0].stakes[a].position_sd, 3.0);
  EXPECT_DOUBLE_EQ(p.issues[0].stakes[a].salience_sd, 0.10);  // the salience column is on 0-100
  const auto plan = Perturbation::plan(p, {});
  EXPECT_EQ(find_value(plan, 0, a, PerturbField::kPosition)->distribution.b, 3.0);
  EXPECT_DOUBLE_EQ(find_value(plan, 0, a, PerturbField::kSalience)->distribution.b, 0.10);
  EXPECT_EQ(find_value(plan, 0, b, PerturbField::kPosition), nullptr);  // sd 0: held as written
  EXPECT_EQ(find_value(plan, 0, c, PerturbField::kPosition)->distribution.b, 2.5);
  // A spec replaces the column for the stakes it names.
  const auto overridden = Perturbation::plan(p, specs(p, {"position.C=uniform(1)"}));
  EXPECT_EQ(find_value(overridden, 0, c, PerturbField::kPosition)->distribution.kind, Distribution::Kind::kUniform);
  EXPECT_EQ(find_value(overridden, 0, a, PerturbField::kPosition)->distribution.b, 3.0);
}

// An actor on the lower end of the scale [0, 100], with noise much wider than the room it has.
// The truncated distributions' means, derived by hand:
//   normal(50) truncated to [0, 100] at 0:  50 (φ(0) − φ(2)) / (Φ(2) − Φ(0))
//                                          = 50 × (0.398942 − 0.053991) / (0.977250 − 0.5) = 36.140
//   uniform(30) truncated at 0: uniform on [0, 30], mean 15
//   triangular(30) at 0, truncated: density ∝ 30 − x on [0, 30], mean 10
// Clamping instead would put about half the draws exactly on 0 and give means 19.9, 7.5 and 3.75.
TEST(PerturbPlan, TruncationKeepsEveryDrawInsideTheRangeWithTheTruncatedDistribution) {
  struct Case {
    std::string dist;
    double mean;
  };
  for (const auto& c : {Case{"normal(50)", 36.140}, Case{"uniform(30)", 15.0}, Case{"triangular(30)", 10.0}}) {
    const auto p = table("Actor,Capability,Position,Salience\nLow,1,0,0.95\nHigh,1,100,0.02\nMid,0,40,0.5\n");
    const auto plan = Perturbation::plan(p, specs(p, {"position=" + c.dist, "salience=normal(0.5)",
                                                      "capability=normal(3)", "salience.Mid=lognormal(2)"}));
    StakeholderProblem copy = p;
    std::vector<double> scratch;
    Moments low;
    std::uint64_t on_bound = 0;
    constexpr int kRuns = 20000;
    for (std::uint64_t run = 0; run < kRuns; ++run) {
      Rng rng(11, run);
      plan.apply(rng, copy, scratch);
      for (const auto& stake : copy.issues[0].stakes) {
        ASSERT_TRUE(p.issues[0].scale.contains(stake.position, 0.0)) << c.dist << ": " << stake.position;
        ASSERT_GE(stake.salience, 0.0);
        ASSERT_LE(stake.salience, 1.0);
        ASSERT_GE(stake.capability, 0.0);
        on_bound += stake.position == 0.0 || stake.position == 100.0 ? 1 : 0;
      }
      low.add(copy.issues[0].stakes[0].position);
    }
    EXPECT_EQ(on_bound, 0U) << c.dist << ": draws piled on a bound";
    const double se = low.sd() / std::sqrt(static_cast<double>(kRuns));
    EXPECT_NEAR(low.mean, c.mean, 4 * se) << c.dist;
  }
}

TEST(PerturbPlan, ALogNormalFactorHasMedianOne) {
  const auto p = table("Actor,Capability,Position,Salience\nA,2,0,1\nB,1,10,0.5\n");
  const auto plan = Perturbation::plan(p, specs(p, {"capability.A=lognormal(0.5)"}));
  StakeholderProblem copy = p;
  std::vector<double> scratch;
  int below = 0;
  constexpr int kRuns = 10000;
  for (std::uint64_t run = 0; run < kRuns; ++run) {
    Rng rng(3, run);
    plan.apply(rng, copy, scratch);
    below += copy.issues[0].stakes[0].capability < 2.0 ? 1 : 0;
    EXPECT_EQ(copy.issues[0].stakes[1].capability, 1.0);
  }
  // P(below the median) = 1/2; 4 binomial standard errors = 4 × 0.005.
  EXPECT_NEAR(below / static_cast<double>(kRuns), 0.5, 0.02);
}

}  // namespace
}  // namespace detente::ensemble
