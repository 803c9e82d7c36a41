// --model smp against KTAB's own reference runs (tests/data/smp/*.reference-log.txt,
// KTAB examples/smp/doc/20170530_ref-*.txt, default parameters): the number of
// turns, every actor's position every turn at the logs' printed precision,
// every turn's challenges, and the winning probabilities to 1e-4.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "models/model.h"
#include "models/smp/smp_challenge.h"
#include "models/smp/smp_run.h"
#include "test_support.h"

namespace detente::smp {
namespace {

// What a KTAB reference log says, by actor name; turns start at 0 (the input).
struct KtabLog {
  std::vector<std::string> actors;                                    // in the file's order
  std::map<std::string, std::vector<std::vector<double>>> positions;  // actor -> dimension -> turn
  std::map<std::string, std::vector<double>> probabilities;           // actor -> turn
  // turn t (from 1) -> initiator index -> {target index, P, gain}; KTAB's "In turn t-1".
  std::map<int, std::map<int, std::tuple<int, double, double>>> challenges;
  std::map<int, std::vector<int>> no_target;  // turn -> initiators
  std::size_t states = 0;
};

std::vector<double> numbers(const std::string& text) {
  std::istringstream s(text);
  std::vector<double> out;
  for (double x = 0; s >> x;) out.push_back(x);
  return out;
}

// The integer after `key` in `line`, or -1.
int integer_after(const std::string& line, const std::string& key) {
  const auto at = line.find(key);
  if (at == std::string::npos) return -1;
  return std::stoi(line.substr(at + key.size()));
}

KtabLog read_log(const std::string& relative) {
  std::ifstream in(testing::data_path(relative));
  EXPECT_TRUE(in) << relative;
  KtabLog log;
  std::string line;
  bool in_history = false;
  int pending_turn = -1;
  int pending_initiator = -1;
  int pending_target = -1;
  while (std::getline(in, line)) {
    if (line.rfind("History of actor positions", 0) == 0) in_history = true;
    if (line.rfind("In turn ", 0) == 0 && line.find(" has most advantageous target ") != std::string::npos) {
      pending_turn = integer_after(line, "In turn ") + 1;
      pending_initiator = integer_after(line, " actor ");
      pending_target = integer_after(line, " target ");
    } else if (line.rfind("In turn ", 0) == 0 && line.find("has no advantageous targets") != std::string::npos) {
      log.no_target[integer_after(line, "In turn ") + 1].push_back(integer_after(line, " Actor "));
    } else if (pending_turn > 0 && line.rfind("Est by ", 0) == 0) {
      // "Est by  i of prob P that [ i>j], with expected gain to  i of G": the initiator's own view.
      const double p = std::stod(line.substr(line.find(" of prob ") + 9));
      const double gain = std::stod(line.substr(line.rfind(" of ") + 4));
      log.challenges[pending_turn][pending_initiator] = {pending_target, p, gain};
      pending_turn = -1;
    }
    if (!in_history) continue;
    const auto comma = line.find(", ");
    const auto colon = line.find(':');
    if (comma == std::string::npos || colon == std::string::npos || colon < comma) continue;
    const std::string actor = line.substr(0, comma);
    const std::string label = line.substr(comma + 2, colon - comma - 2);
    const auto values = numbers(line.substr(colon + 1));
    if (values.empty() || actor.find(' ') != std::string::npos) continue;
    if (label == "prob ") {
      log.probabilities[actor] = values;
      log.states = values.size();
    } else {
      if (log.positions.count(actor) == 0) log.actors.push_back(actor);
      log.positions[actor].push_back(values);
    }
  }
  return log;
}

std::string one_decimal(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", x);
  return buffer;
}

ForecastResult run(const StakeholderProblem& problem, std::map<std::string, std::string> options) {
  auto result = run_model("smp", problem, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
  return result.ok() ? *result : ForecastResult{};
}

void expect_positions_match(const ForecastResult& result, const KtabLog& log) {
  ASSERT_FALSE(result.issues.empty());
  EXPECT_EQ(result.issues[0].rounds.size(), log.states) << "number of turns differs from KTAB's";
  for (std::size_t d = 0; d < result.issues.size(); ++d) {
    const IssueResult& issue = result.issues[d];
    for (std::size_t t = 0; t < issue.rounds.size() && t < log.states; ++t) {
      for (std::size_t a = 0; a < issue.actors.size(); ++a) {
        const double logged = log.positions.at(issue.actors[a]).at(d).at(t);
        EXPECT_EQ(one_decimal(issue.rounds[t].positions[a]), one_decimal(logged))
            << issue.actors[a] << " on " << issue.issue << ", turn " << t;
      }
    }
  }
}

void expect_probabilities_match(const ForecastResult& result, const KtabLog& log) {
  const IssueResult& issue = result.issues.at(0);
  for (std::size_t t = 0; t < issue.rounds.size() && t < log.states; ++t) {
    ASSERT_EQ(issue.rounds[t].probabilities.size(), issue.actors.size());
    for (std::size_t a = 0; a < issue.actors.size(); ++a) {
      EXPECT_NEAR(issue.rounds[t].probabilities[a], log.probabilities.at(issue.actors[a]).at(t), 1e-4)
          << issue.actors[a] << ", turn " << t;
    }
  }
}

struct Reference {
  const char* input;
  const char* log;
};

class SmpReference : public ::testing::TestWithParam<Reference> {};

// KTAB groups positions within its tolerance in the file's order; with
// position_groups=file_order detente does the same, and every figure matches.
TEST_P(SmpReference, PositionsTurnsAndProbabilitiesMatchKtab) {
  const auto problem = testing::load(GetParam().input);
  const auto log = read_log(GetParam().log);
  ASSERT_GT(log.states, 1U);
  ASSERT_EQ(log.actors.size(), problem.actors.size());
  const auto result = run(problem, {{"position_groups", "file_order"}});
  expect_positions_match(result, log);
  expect_probabilities_match(result, log);
}

// The positions do not depend on how positions are grouped: the default
// (grouping by capability) gives KTAB's positions too.
TEST_P(SmpReference, DefaultSettingsGiveKtabsPositions) {
  const auto problem = testing::load(GetParam().input);
  expect_positions_match(run(problem, {}), read_log(GetParam().log));
}

// Every turn, every actor's chosen target, its estimate of winning and its
// expected gain, as KTAB logged them ("In turn t actor i has most
// advantageous target j", "Est by i of prob P ... gain G"), to 4 decimals.
TEST_P(SmpReference, EveryChallengeMatchesKtab) {
  const auto problem = testing::load(GetParam().input);
  const auto log = read_log(GetParam().log);
  Settings settings;
  settings.threads = 1;
  auto prepared = prepare(problem, settings);
  ASSERT_TRUE(prepared.ok());
  std::vector<std::string> names;
  for (const std::size_t a : prepared->input_index) names.push_back(problem.actors[a]);
  const auto trajectory = simulate(prepared->actors, prepared->initial, settings, names);
  ASSERT_EQ(trajectory.turns.size(), log.states);
  std::size_t checked = 0;
  for (std::size_t t = 1; t < trajectory.turns.size(); ++t) {
    std::map<std::size_t, Challenge> ours;
    for (const Challenge& c : trajectory.turns[t].challenges) ours[prepared->input_index[c.initiator]] = c;
    const auto& logged = log.challenges.count(static_cast<int>(t)) != 0
                             ? log.challenges.at(static_cast<int>(t))
                             : std::map<int, std::tuple<int, double, double>>{};
    EXPECT_EQ(ours.size(), logged.size()) << "turn " << t;
    for (const auto& [initiator, expected] : logged) {
      const auto found = ours.find(static_cast<std::size_t>(initiator));
      ASSERT_NE(found, ours.end()) << "turn " << t << ": KTAB's actor " << initiator << " challenges, ours does not";
      EXPECT_EQ(prepared->input_index[found->second.target], static_cast<std::size_t>(std::get<0>(expected)))
          << "turn " << t << ", initiator " << problem.actors[static_cast<std::size_t>(initiator)];
      EXPECT_NEAR(found->second.probability, std::get<1>(expected), 5e-5 + 1e-9) << "turn " << t;
      EXPECT_NEAR(found->second.gain, std::get<2>(expected), 5e-5 + 1e-9) << "turn " << t;
      ++checked;
    }
  }
  EXPECT_GT(checked, 2 * log.states);
}

INSTANTIATE_TEST_SUITE_P(KtabLogs, SmpReference,
                         ::testing::Values(Reference{"smp/SOE-Pol-Comp.csv", "smp/SOE-Pol-Comp.reference-log.txt"},
                                           Reference{"smp/dummyData_3Dim.csv", "smp/dummyData_3Dim.reference-log.txt"}),
                         [](const auto& param) { return param.index == 0 ? "SOE_Pol_Comp" : "dummyData_3Dim"; });

// Risk attitudes inferred in the first turn, as KTAB printed them ("Inferred
// risk attitudes", 3 decimals, file order).
TEST(SmpReferenceDetail, FirstTurnRiskAttitudesMatchKtab) {
  const std::vector<double> ktab = {+1.000, -0.498, -0.452, +0.362, -0.500, -0.500, -0.497,
                                    -0.499, -0.452, +0.643, -0.383, -0.196, -0.500};
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  Settings settings;
  auto prepared = prepare(problem, settings);
  ASSERT_TRUE(prepared.ok());
  const Evaluation ev = evaluate(prepared->actors, prepared->initial, settings);
  for (std::size_t a = 0; a < ktab.size(); ++a) {
    EXPECT_NEAR(ev.risk[prepared->canonical[a]], ktab[a], 5e-4 + 1e-9) << problem.actors[a];
  }
}

// The receiver's view of the first turn's first challenge: "Est by 10 of prob
// 0.8775 that [ 0>10], with expected gain to 0 of +0.2065" and "... to 10 of
// -0.2565" (XJ challenges SHX).
TEST(SmpReferenceDetail, ReceiversEstimatesMatchKtab) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  Settings settings;
  auto prepared = prepare(problem, settings);
  ASSERT_TRUE(prepared.ok());
  const Evaluation ev = evaluate(prepared->actors, prepared->initial, settings);
  const std::size_t xj = prepared->canonical[0];
  const std::size_t shx = prepared->canonical[10];
  const auto for_xj = estimate_contest(prepared->actors, ev, settings, shx, xj, xj, shx);
  const auto for_shx = estimate_contest(prepared->actors, ev, settings, shx, shx, xj, shx);
  EXPECT_NEAR(for_xj.probability, 0.8775, 5e-5 + 1e-9);
  EXPECT_NEAR(for_xj.gain, 0.2065, 5e-5 + 1e-9);
  EXPECT_NEAR(for_shx.probability, 0.8775, 5e-5 + 1e-9);
  EXPECT_NEAR(for_shx.gain, -0.2565, 5e-5 + 1e-9);
}

// KTAB's winning probabilities depend on the order of the actors in its file:
// positions closer than its tolerance (0.1 on 0-100) count as one, and the
// first actor met stands for the group. Reversing SOE-Pol-Comp.csv leaves every
// position unchanged but, under KTAB's rule, changes winning probabilities by
// more than 1e-3 (in turn 8, for instance, XJ at 40.06/28.01 and LH at
// 39.98/27.97 form one group; which of the two stands for it depends on the order).
StakeholderProblem reversed(StakeholderProblem p) {
  std::reverse(p.actors.begin(), p.actors.end());
  const std::size_t n = p.actors.size();
  for (auto& issue : p.issues) {
    std::reverse(issue.stakes.begin(), issue.stakes.end());
    for (auto& stake : issue.stakes) stake.actor = n - 1 - stake.actor;
  }
  return p;
}

TEST(SmpReferenceDetail, KtabsProbabilitiesDependOnTheFilesOrder) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  const auto log = read_log("smp/SOE-Pol-Comp.reference-log.txt");
  const auto result = run(reversed(problem), {{"position_groups", "file_order"}});
  expect_positions_match(result, log);
  double largest = 0.0;
  const IssueResult& issue = result.issues.at(0);
  for (std::size_t t = 0; t < issue.rounds.size(); ++t) {
    for (std::size_t a = 0; a < issue.actors.size(); ++a) {
      largest =
          std::max(largest, std::fabs(issue.rounds[t].probabilities[a] - log.probabilities.at(issue.actors[a]).at(t)));
    }
  }
  EXPECT_GT(largest, 1e-3);
}

// The default meets the actors by capability (then name), whatever the file's
// order: exactly what KTAB gives on the same file with its actors listed so.
TEST(SmpReferenceDetail, DefaultGroupingIsKtabsOnTheFileSortedByCapability) {
  const auto problem = testing::load("smp/SOE-Pol-Comp.csv");
  StakeholderProblem sorted = problem;
  std::vector<std::size_t> order(problem.actors.size());
  std::iota(order.begin(), order.end(), 0);
  const auto capability = [&](std::size_t a) {
    for (const auto& s : problem.issues[0].stakes) {
      if (s.actor == a) return s.capability;
    }
    return 0.0;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return capability(a) != capability(b) ? capability(a) > capability(b) : problem.actors[a] < problem.actors[b];
  });
  std::vector<std::size_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  for (std::size_t r = 0; r < order.size(); ++r) sorted.actors[r] = problem.actors[order[r]];
  for (auto& issue : sorted.issues) {
    for (auto& stake : issue.stakes) stake.actor = rank[stake.actor];
  }
  const auto by_default = run(problem, {});
  const auto ktab_on_sorted = run(sorted, {{"position_groups", "file_order"}});
  ASSERT_EQ(by_default.issues[0].rounds.size(), ktab_on_sorted.issues[0].rounds.size());
  for (std::size_t t = 0; t < by_default.issues[0].rounds.size(); ++t) {
    std::map<std::string, double> a;
    std::map<std::string, double> b;
    for (std::size_t k = 0; k < problem.actors.size(); ++k) {
      a[by_default.issues[0].actors[k]] = by_default.issues[0].rounds[t].probabilities[k];
      b[ktab_on_sorted.issues[0].actors[k]] = ktab_on_sorted.issues[0].rounds[t].probabilities[k];
    }
    EXPECT_EQ(a, b) << "turn " << t;
  }
}

}  // namespace
}  // namespace detente::smp
