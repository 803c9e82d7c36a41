// --model smp as users meet it: threads, seeds, options, inputs the model
// cannot take, and the output contract (positions, probabilities, forecast).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "models/model.h"
#include "models/smp/smp_run.h"
#include "test_support.h"

namespace detente {
namespace {

Result<ForecastResult> smp(const StakeholderProblem& problem, std::map<std::string, std::string> options = {}) {
  return run_model("smp", problem, options);
}

void expect_identical(const ForecastResult& a, const ForecastResult& b) {
  ASSERT_EQ(a.issues.size(), b.issues.size());
  for (std::size_t d = 0; d < a.issues.size(); ++d) {
    ASSERT_EQ(a.issues[d].rounds.size(), b.issues[d].rounds.size());
    for (std::size_t t = 0; t < a.issues[d].rounds.size(); ++t) {
      EXPECT_EQ(a.issues[d].rounds[t].positions, b.issues[d].rounds[t].positions) << "round " << t;
      EXPECT_EQ(a.issues[d].rounds[t].probabilities, b.issues[d].rounds[t].probabilities) << "round " << t;
    }
    EXPECT_EQ(a.issues[d].forecast, b.issues[d].forecast);
  }
  EXPECT_EQ(a.notes, b.notes);
}

TEST(SmpModel, OneAndTwoThreadsGiveTheSameBits) {
  for (const char* file : {"smp/SOE-Pol-Comp.csv", "smp/dummyData_3Dim.csv", "smp/dummyData-a080.csv"}) {
    const auto problem = testing::load(file);
    const auto one = smp(problem, {{"threads", "1"}});
    const auto two = smp(problem, {{"threads", "2"}});
    const auto five = smp(problem, {{"threads", "5"}});
    ASSERT_TRUE(one.ok() && two.ok() && five.ok()) << file;
    expect_identical(*one, *two);
    expect_identical(*one, *five);
  }
}

TEST(SmpModel, StochasticTransitionsAreReproducibleBySeed) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  const auto a = smp(problem, {{"transitions", "Stochastic"}, {"seed", "17"}, {"threads", "1"}});
  const auto b = smp(problem, {{"transitions", "Stochastic"}, {"seed", "17"}, {"threads", "2"}});
  const auto c = smp(problem, {{"transitions", "Stochastic"}, {"seed", "18"}});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  expect_identical(*a, *b);
  bool differs = a->issues[0].rounds.size() != c->issues[0].rounds.size();
  for (std::size_t t = 1; !differs && t < a->issues[0].rounds.size(); ++t) {
    differs = a->issues[0].rounds[t].positions != c->issues[0].rounds[t].positions;
  }
  EXPECT_TRUE(differs) << "seeds 17 and 18 gave the same stochastic run";
}

// Every KTAB sub-model runs and keeps positions on the scale with
// probabilities summing to at least 1 per round (equal positions share).
TEST(SmpModel, EverySubModelRuns) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  const std::vector<std::pair<std::string, std::string>> variants = {{"victory_probability", "Square"},
                                                                     {"victory_probability", "Octic"},
                                                                     {"victory_probability", "Binary"},
                                                                     {"pce_model", "MarkovIncentive"},
                                                                     {"pce_model", "MarkovUniform"},
                                                                     {"voting_rule", "Binary"},
                                                                     {"voting_rule", "PropBin"},
                                                                     {"voting_rule", "PropCbc"},
                                                                     {"voting_rule", "Cubic"},
                                                                     {"voting_rule", "ASymProsp"},
                                                                     {"big_r_adjust", "None"},
                                                                     {"big_r_adjust", "Full"},
                                                                     {"big_r_range", "Min"},
                                                                     {"big_r_range", "Max"},
                                                                     {"third_party_commit", "NoCommit"},
                                                                     {"third_party_commit", "FullCommit"},
                                                                     {"bargain_interpolation", "S1P1"},
                                                                     {"bargain_interpolation", "S2PMax"},
                                                                     {"bargain_model", "InitRcvrInterp"},
                                                                     {"bargain_model", "PWCompInterp"},
                                                                     {"ktab_bargain_quirks", "false"}};
  for (const auto& [name, value] : variants) {
    std::map<std::string, std::string> options = {{name, value}, {"rounds", "12"}};
    if (name == "ktab_bargain_quirks") options["bargain_model"] = "PWCompInterp";
    const auto result = smp(problem, options);
    ASSERT_TRUE(result.ok()) << name << "=" << value << ": " << (result.ok() ? "" : result.error().message());
    for (const auto& issue : result->issues) {
      for (const auto& round : issue.rounds) {
        double total = 0.0;
        for (const double p : round.probabilities) total += p;
        EXPECT_GE(total, 1.0 - 1e-9) << name << "=" << value;
        for (const double x : round.positions) EXPECT_TRUE(issue.scale.contains(x)) << name << "=" << value;
      }
    }
  }
}

TEST(SmpModel, ForecastIsTheProbabilityWeightedPosition) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  const auto result = smp(problem);
  ASSERT_TRUE(result.ok());
  // The distinct final positions (KTAB's groups within 0.1) and their probabilities.
  smp::Settings settings;
  auto prepared = smp::prepare(problem, settings);
  ASSERT_TRUE(prepared.ok());
  const auto trajectory =
      smp::simulate(prepared->actors, prepared->initial, settings, std::vector<std::string>(problem.actors.size()));
  const auto& last = trajectory.turns.back();
  double total = 0.0;
  for (const double p : last.unique_probability) total += p;
  EXPECT_NEAR(total, 1.0, 1e-12);
  for (std::size_t d = 0; d < result->issues.size(); ++d) {
    double expected = 0.0;
    for (std::size_t g = 0; g < last.unique.size(); ++g) {
      expected += last.unique_probability[g] * 100.0 * last.state.position[last.unique[g] * 2 + d];
    }
    EXPECT_NEAR(result->issues[d].forecast, expected, 1e-9) << result->issues[d].issue;
  }
  bool cluster = false;
  for (const auto& note : result->notes) cluster = cluster || note.rfind("most likely outcome", 0) == 0;
  EXPECT_TRUE(cluster);
}

TEST(SmpModel, MostLikelyOutcomeIsTheHeaviestClusterOfFinalPositions) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  // A radius spanning the whole scale makes one cluster: every actor, probability 1,
  // and its probability-weighted centre is the forecast itself.
  const auto whole = smp(problem, {{"cluster_radius", "1"}});
  ASSERT_TRUE(whole.ok());
  ASSERT_TRUE(whole->most_likely.has_value());
  EXPECT_NEAR(whole->most_likely->probability, 1.0, 1e-12);
  EXPECT_EQ(whole->most_likely->actors.size(), problem.actors.size());
  for (const auto& issue : whole->issues) {
    ASSERT_TRUE(issue.most_likely.has_value());
    EXPECT_NEAR(*issue.most_likely, issue.forecast, 1e-9) << issue.issue;
  }
  // With the default 5% radius the cluster is a proper subset; it weighs at least as much as
  // any single final position, and its members sit within the chained radius of its centre.
  const auto result = smp(problem);
  ASSERT_TRUE(result.ok());
  ASSERT_TRUE(result->most_likely.has_value());
  const auto& outcome = *result->most_likely;
  EXPECT_LT(outcome.actors.size(), problem.actors.size());
  double largest = 0.0;
  for (const double p : result->issues[0].rounds.back().probabilities) largest = std::max(largest, p);
  EXPECT_GE(outcome.probability, largest - 1e-12);
  EXPECT_LE(outcome.probability, 1.0 + 1e-12);
  for (const auto& issue : result->issues) {
    const auto& last = issue.rounds.back();
    for (std::size_t a = 0; a < issue.actors.size(); ++a) {
      const bool member =
          std::find(outcome.actors.begin(), outcome.actors.end(), issue.actors[a]) != outcome.actors.end();
      const double chained_radius = 5.0 * static_cast<double>(outcome.actors.size());
      if (member) {
        EXPECT_NEAR(last.positions[a], *issue.most_likely, chained_radius) << issue.actors[a];
      }
    }
  }
}

TEST(SmpModel, StopsAtTheRoundLimit) {
  const auto result = smp(testing::load("smp/SOE-Pol-Comp.csv"), {{"rounds", "5"}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->issues[0].rounds.size(), 6U);
  EXPECT_NE(result->notes[0].find("maximum of 5 turns"), std::string::npos) << result->notes[0];
}

StakeholderProblem two_issues() {
  StakeholderProblem p;
  p.source = "inline.csv";
  p.actors = {"A", "B", "C"};
  p.issues = {Issue{.name = "x", .scale = {0, 10}}, Issue{.name = "y", .scale = {0, 10}}};
  for (std::size_t a = 0; a < 3; ++a) {
    const double x = static_cast<double>(a);
    p.issues[0].stakes.push_back(Stake{.actor = a, .position = 2.0 * x, .salience = 0.4, .capability = 1.0 + x});
    p.issues[1].stakes.push_back(Stake{.actor = a, .position = 9.0 - x, .salience = 0.3, .capability = 1.0 + x});
  }
  return p;
}

TEST(SmpModel, RejectsWhatItCannotModel) {
  const auto message = [](const StakeholderProblem& p, std::map<std::string, std::string> o = {}) {
    const auto r = smp(p, std::move(o));
    return r.ok() ? std::string("accepted") : r.error().message();
  };
  auto missing = two_issues();
  missing.issues[1].stakes.pop_back();
  EXPECT_NE(message(missing).find("C has no stake in issue 'y'"), std::string::npos) << message(missing);

  auto capabilities = two_issues();
  capabilities.issues[1].stakes[0].capability = 5.0;
  EXPECT_NE(message(capabilities).find("one capability across all issues"), std::string::npos);

  auto powerless = two_issues();
  for (auto& issue : powerless.issues) issue.stakes[1].capability = 0.0;
  EXPECT_NE(message(powerless).find("B has capability 0"), std::string::npos);

  auto indifferent = two_issues();
  for (auto& issue : indifferent.issues) issue.stakes[2].salience = 0.0;
  EXPECT_NE(message(indifferent).find("C has salience 0 on every issue"), std::string::npos);

  auto lonely = two_issues();
  lonely.actors.resize(1);
  for (auto& issue : lonely.issues) issue.stakes.resize(1);
  EXPECT_NE(message(lonely).find("at least 2 actors"), std::string::npos);

  auto attentive = two_issues();
  for (auto& issue : attentive.issues) issue.stakes[0].salience = 0.8;
  EXPECT_NE(message(attentive, {{"salience_total", "reject"}}).find("A's saliences sum to 1.6"), std::string::npos);
  const auto rescaled = smp(attentive);
  ASSERT_TRUE(rescaled.ok());
  EXPECT_NE(rescaled->notes[0].find("divided by their sum"), std::string::npos);
  EXPECT_NE(rescaled->notes[0].find("A"), std::string::npos);
}

TEST(SmpModel, RejectsBadOptions) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  EXPECT_FALSE(smp(problem, {{"rounds", "0"}}).ok());
  EXPECT_FALSE(smp(problem, {{"voting_rule", "Prop"}}).ok());
  EXPECT_FALSE(smp(problem, {{"cluster_radius", "2"}}).ok());
  EXPECT_FALSE(smp(problem, {{"threads", "-1"}}).ok());
}

// The model's options set in a KTAB XML scenario apply; the command line wins.
TEST(SmpModel, OptionsFromTheFileApplyUnlessOverridden) {
  auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  problem.options = {{"pce_model", "MarkovUniform"}, {"seed", "99"}, {"no_such_option", "x"}};
  const auto from_file = smp(problem);
  ASSERT_TRUE(from_file.ok());
  EXPECT_EQ(from_file->options.text("pce_model"), "MarkovUniform");
  EXPECT_EQ(from_file->options.text("seed"), "99");
  const auto overridden = smp(problem, {{"pce_model", "Conditional"}});
  ASSERT_TRUE(overridden.ok());
  EXPECT_EQ(overridden->options.text("pce_model"), "Conditional");
}

TEST(SmpModel, CommandLineTableAndJson) {
  const std::string file = testing::data_path("smp/SOE-Pol-Comp.csv");
  const auto table = testing::run_detente("forecast " + file + " --model smp");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("smp"), std::string::npos);
  EXPECT_NE(table.out.find("most likely outcome"), std::string::npos);
  const auto json = testing::run_detente("forecast " + file + " --model smp --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["model"], "smp");
  ASSERT_EQ(doc["issues"].size(), 2U);
  EXPECT_EQ(doc["issues"][0]["issue"], "Policy");
  EXPECT_EQ(doc["issues"][0]["rounds"].size(), 28U);
  EXPECT_DOUBLE_EQ(doc["issues"][0]["rounds"][0]["positions"]["XJ"].get<double>(), 30.0);
  EXPECT_TRUE(doc["issues"][0]["rounds"][27]["probabilities"].contains("WY"));
  EXPECT_EQ(doc["options"]["voting_rule"], "Proportional");
}

}  // namespace
}  // namespace detente
