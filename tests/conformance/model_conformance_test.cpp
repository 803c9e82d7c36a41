// One suite run over every registered stakeholder model (the OpenSpiel
// "basic tests" idea): properties any bargaining model must have, whatever
// its theory.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>

#include "models/model.h"
#include "test_support.h"

namespace detente {
namespace {

struct Case {
  std::string model;
  std::string file;
};

// Shown in test names and failure messages instead of the struct's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.model << " on " << c.file; }

std::vector<Case> all_cases() {
  const std::vector<std::string> files = {"bargaining/ec10.csv", "bargaining/greece2015.csv",
                                          "bargaining/decide-sample.tsv", "smp/SOE-Pol-Comp.csv"};
  std::vector<Case> cases;
  for (const auto& name : ModelRegistry::instance().names()) {
    for (const auto& file : files) cases.push_back({name, file});
  }
  return cases;
}

class ModelConformance : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    problem_ = testing::load(GetParam().file);
    info_ = ModelRegistry::instance().find(GetParam().model);
    ASSERT_NE(info_, nullptr);
    if (problem_.issues.size() < info_->min_issues) GTEST_SKIP() << "model needs more issues";
  }
  ForecastResult run(const StakeholderProblem& problem, std::uint64_t seed = 7) const {
    auto result = run_model(GetParam().model, problem, {{"seed", std::to_string(seed)}}, /*ignore_unknown=*/true);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
    return result.ok() ? *result : ForecastResult{};
  }
  StakeholderProblem problem_;
  const ModelInfo* info_ = nullptr;
};

// Final position of each actor by name, per issue: comparable across actor orders.
std::map<std::string, std::map<std::string, double>> final_positions(const ForecastResult& result) {
  std::map<std::string, std::map<std::string, double>> out;
  for (const auto& issue : result.issues) {
    for (std::size_t a = 0; a < issue.actors.size(); ++a) {
      out[issue.issue][issue.actors[a]] = issue.rounds.back().positions[a];
    }
  }
  return out;
}

void expect_same_outcome(const ForecastResult& a, const ForecastResult& b, double tolerance) {
  ASSERT_EQ(a.issues.size(), b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    EXPECT_EQ(a.issues[i].issue, b.issues[i].issue);
    EXPECT_EQ(a.issues[i].rounds.size(), b.issues[i].rounds.size()) << a.issues[i].issue;
    EXPECT_NEAR(a.issues[i].forecast, b.issues[i].forecast, tolerance) << a.issues[i].issue;
  }
  const auto pa = final_positions(a);
  const auto pb = final_positions(b);
  for (const auto& [issue, actors] : pa) {
    for (const auto& [actor, x] : actors) EXPECT_NEAR(x, pb.at(issue).at(actor), tolerance) << issue << " " << actor;
  }
}

TEST_P(ModelConformance, SameInputAndSeedGiveTheSameResult) {
  const auto first = run(problem_);
  const auto second = run(problem_);
  expect_same_outcome(first, second, 0.0);
}

TEST_P(ModelConformance, ActorOrderInTheFileChangesNothing) {
  StakeholderProblem reversed = problem_;
  std::reverse(reversed.actors.begin(), reversed.actors.end());
  const std::size_t n = reversed.actors.size();
  for (auto& issue : reversed.issues) {
    std::reverse(issue.stakes.begin(), issue.stakes.end());
    for (auto& stake : issue.stakes) stake.actor = n - 1 - stake.actor;
  }
  expect_same_outcome(run(problem_), run(reversed), 1e-9);
}

TEST_P(ModelConformance, ScalingEveryCapabilityChangesNothing) {
  StakeholderProblem scaled = problem_;
  for (auto& issue : scaled.issues) {
    for (auto& stake : issue.stakes) stake.capability *= 37.5;
  }
  expect_same_outcome(run(problem_), run(scaled), 1e-9);
}

TEST_P(ModelConformance, PositionsStayInsideTheScale) {
  const auto result = run(problem_);
  for (const auto& issue : result.issues) {
    EXPECT_TRUE(issue.scale.contains(issue.forecast)) << issue.issue << " forecast " << issue.forecast;
    for (const auto& round : issue.rounds) {
      for (const double x : round.positions) {
        EXPECT_TRUE(issue.scale.contains(x)) << issue.issue << " round " << round.round << " position " << x;
      }
    }
  }
}

TEST_P(ModelConformance, RoundZeroHoldsTheInputPositions) {
  const auto result = run(problem_);
  ASSERT_EQ(result.issues.size(), problem_.issues.size());
  for (std::size_t i = 0; i < problem_.issues.size(); ++i) {
    const auto& stakes = problem_.issues[i].stakes;
    const auto& round0 = result.issues[i].rounds.at(0);
    ASSERT_EQ(round0.positions.size(), stakes.size());
    for (std::size_t s = 0; s < stakes.size(); ++s) EXPECT_EQ(round0.positions[s], stakes[s].position);
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.model + "_" + info.param.file;
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryModel, ModelConformance, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace detente
