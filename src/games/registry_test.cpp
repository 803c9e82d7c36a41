#include "games/registry.h"

#include <gtest/gtest.h>

#include <set>

namespace detente::games {
namespace {

// The strategies issue 4 names, by the Axelrod library's names.
TEST(Registry, HasTheRequiredStrategiesAndAtLeastThirty) {
  const auto& catalogue = strategy_catalogue();
  EXPECT_GE(catalogue.size(), 30U);
  std::set<std::string> names;
  for (const auto& s : catalogue) EXPECT_TRUE(names.insert(s.name).second) << "duplicate " << s.name;
  for (const std::string required : {"Tit For Tat",
                                     "GTFT",
                                     "Suspicious Tit For Tat",
                                     "Tit For 2 Tats",
                                     "Two Tits For Tat",
                                     "Hard Tit For Tat",
                                     "Grudger",
                                     "Win-Stay Lose-Shift",
                                     "Alternator",
                                     "Cooperator",
                                     "Defector",
                                     "Random",
                                     "Prober",
                                     "Anti Tit For Tat",
                                     "Bully",
                                     "Soft Go By Majority",
                                     "Cycler DC",
                                     "First by Joss",
                                     "First by Davis",
                                     "First by Downing",
                                     "First by Feld",
                                     "First by Graaskamp",
                                     "First by Grofman",
                                     "First by Nydegger",
                                     "First by Shubik",
                                     "First by Stein and Rapoport",
                                     "First by Tideman and Chieruzzi",
                                     "First by Tullock",
                                     "First by Anonymous",
                                     "Kydd Trust"}) {
    EXPECT_TRUE(names.count(required)) << required;
  }
}

TEST(Registry, EveryCatalogueNameMakesThatPlayer) {
  for (const auto& info : strategy_catalogue()) {
    const auto p = make_strategy(info.name);
    ASSERT_TRUE(p.ok()) << info.name;
    EXPECT_EQ(p->name(), info.name);
    EXPECT_FALSE(p->info().citation.empty()) << info.name;
    EXPECT_FALSE(p->info().description.empty()) << info.name;
  }
}

TEST(Registry, NamesIgnoreCaseAndAliasesResolve) {
  EXPECT_EQ(make_strategy("tit for tat")->name(), "Tit For Tat");
  EXPECT_EQ(make_strategy("Joss")->name(), "First by Joss");
  EXPECT_EQ(make_strategy("Generous Tit For Tat")->name(), "GTFT");
  EXPECT_EQ(make_strategy("Tit For Two Tats")->name(), "Tit For 2 Tats");
}

TEST(Registry, UnknownNamesSuggestCloseNames) {
  const auto p = make_strategy("Tit For Tatt");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().problem.find("'Tit For Tatt'"), std::string::npos);
  EXPECT_NE(p.error().fix.find("'Tit For Tat'"), std::string::npos);
  EXPECT_EQ(suggest_strategy_names("grudge").front(), "Grudger");
  EXPECT_EQ(suggest_strategy_names("Win Stay Lose Shift").front(), "Win-Stay Lose-Shift");
  EXPECT_EQ(suggest_strategy_names("Tideman").front(), "First by Tideman and Chieruzzi");
}

TEST(Registry, ParameterisedNamesFollowTheLibrarysSpelling) {
  const auto cycler = make_strategy("Cycler: CDDC");
  ASSERT_TRUE(cycler.ok());
  EXPECT_EQ(cycler->info().memory_depth, 3);
  const auto random = make_strategy("Random: 0.25");
  ASSERT_TRUE(random.ok());
  EXPECT_TRUE(random->info().stochastic);
  EXPECT_FALSE(make_strategy("Random: 1")->info().stochastic);
  EXPECT_EQ(make_strategy("GTFT: 0.1")->info().memory_depth, 1);
}

TEST(Registry, BadParametersAreErrors) {
  EXPECT_FALSE(make_strategy("Cycler: CXD").ok());
  EXPECT_FALSE(make_strategy("Cycler: ").ok());
  EXPECT_FALSE(make_strategy("Random: 1.5").ok());
  EXPECT_FALSE(make_strategy("GTFT: x").ok());
  EXPECT_FALSE(make_memory_one("m", 1.0, {1.0, 0.5, 2.0, 0.0}).ok());
  const auto error = make_strategy("Random: -1").error();
  EXPECT_NE(error.problem.find("between 0 and 1"), std::string::npos);
}

TEST(Registry, MemoryOneFromNumbers) {
  const auto wsls = make_memory_one("my WSLS", 1.0, {1, 0, 0, 1});
  ASSERT_TRUE(wsls.ok());
  EXPECT_FALSE(wsls->info().stochastic);
  const auto batch = make_strategies(std::vector<std::string>{"Defector", "nonsense"});
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.error().problem.find("nonsense"), std::string::npos);
}

}  // namespace
}  // namespace detente::games
