// The repeated-game commands as a user runs them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace detente {
namespace {

using testing::run_detente;

TEST(GamesCli, MatchJsonHasTheDocumentedShape) {
  const auto r = run_detente("match \"Tit For Tat\" \"Defector\" --turns 200 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["players"], nlohmann::json({"Tit For Tat", "Defector"}));
  EXPECT_EQ(j["scores"], nlohmann::json({199, 204}));
  EXPECT_DOUBLE_EQ(j["cooperation"][0].get<double>(), 1.0 / 200);
  EXPECT_DOUBLE_EQ(j["cooperation"][1].get<double>(), 0.0);
  const std::string moves = j["moves"];
  EXPECT_EQ(moves.substr(0, 8), "CD DD DD");
  EXPECT_EQ(moves.size(), 200U * 3 - 1);
}

TEST(GamesCli, MatchWithNoiseIsReproducibleFromTheSeed) {
  const auto a = run_detente("match \"Tit For Tat\" \"Tit For Tat\" --noise 0.05 --seed 4 --format json");
  const auto b = run_detente("match \"Tit For Tat\" \"Tit For Tat\" --noise 0.05 --seed 4 --format json");
  const auto c = run_detente("match \"Tit For Tat\" \"Tit For Tat\" --noise 0.05 --seed 5 --format json");
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(nlohmann::json::parse(a.out)["moves"], nlohmann::json::parse(c.out)["moves"]);
}

TEST(GamesCli, UnknownStrategySuggestsCloseNames) {
  const auto r = run_detente("match \"Tit For Tatt\" Defector");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no strategy named 'Tit For Tatt'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'Tit For Tat'"), std::string::npos) << r.err;
}

TEST(GamesCli, BadNumbersAreUsageErrors) {
  EXPECT_EQ(run_detente("match Cooperator Defector --noise 2").exit_code, 2);
  EXPECT_EQ(run_detente("match Cooperator Defector --payoffs 3,0,5").exit_code, 2);
  EXPECT_EQ(run_detente("match Cooperator Defector --game stag-hunt --payoffs 3,0,5,1").exit_code, 2);
  EXPECT_EQ(run_detente("tournament --players \"Tit For Tat\"").exit_code, 2);
  EXPECT_EQ(run_detente("moran --players \"Defector=0,Cooperator\"").exit_code, 2);
}

TEST(GamesCli, TournamentRanksPlayersInEveryFormat) {
  const std::string players =
      "--players \"Tit For Tat,Grudger,Defector,Alternator\" --turns 200 --repetitions 5 --seed 1";
  const auto json = run_detente("tournament " + players + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["ranking"].size(), 4U);
  EXPECT_EQ(j["ranking"][0]["rank"], 1);
  for (std::size_t k = 1; k < 4; ++k) {
    EXPECT_GE(j["ranking"][k - 1]["median_score_per_turn"].get<double>(),
              j["ranking"][k]["median_score_per_turn"].get<double>());
  }
  // Defector beats Tit For Tat, Grudger and Alternator in each of 5 repetitions.
  for (const auto& s : j["ranking"]) {
    if (s["name"] == "Defector") {
      EXPECT_EQ(s["wins"], 15);
    }
  }
  const auto csv = run_detente("tournament " + players + " --format csv");
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "rank,name,median_score_per_turn,mean_score_per_turn,wins,cooperation");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);
  const auto table = run_detente("tournament " + players);
  EXPECT_NE(table.out.find("Grudger"), std::string::npos);
  // The thread count does not change the result.
  EXPECT_EQ(run_detente("tournament " + players + " --noise 0.1 --threads 1 --format json").out,
            run_detente("tournament " + players + " --noise 0.1 --threads 2 --format json").out);
}

TEST(GamesCli, MoranReportsFixations) {
  const auto r =
      run_detente("moran --players \"Tit For Tat=3,Defector=1\" --turns 20 --runs 50 --seed 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["population"]["Tit For Tat"], 3);
  EXPECT_EQ(j["fixations"]["Tit For Tat"].get<int>() + j["fixations"]["Defector"].get<int>(), 50);
  const auto one =
      nlohmann::json::parse(run_detente("moran --players \"Cooperator=2,Defector\" --turns 10 --format json").out);
  EXPECT_EQ(one["trajectory"][0], nlohmann::json({2, 1}));
  const auto& last = one["trajectory"].back();
  EXPECT_EQ(last[0].get<int>() + last[1].get<int>(), 3);
  EXPECT_TRUE(one["winner"] == "Defector" || one["winner"] == "Cooperator");
}

TEST(GamesCli, StrategiesListsNamesWithMetadata) {
  const auto r = run_detente("strategies --format json");
  ASSERT_EQ(r.exit_code, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j.size(), 30U);
  bool found = false;
  for (const auto& s : j) {
    if (s["name"] == "Tit For Tat") {
      found = true;
      EXPECT_EQ(s["memory_depth"], 1);
      EXPECT_EQ(s["stochastic"], false);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_NE(run_detente("strategies").out.find("First by Tideman and Chieruzzi"), std::string::npos);
}

}  // namespace
}  // namespace detente
