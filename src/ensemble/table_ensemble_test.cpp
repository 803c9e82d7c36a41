// Ensembles over a stakeholder table: a hand-derived case (the compromise model is linear in the
// positions), thresholds, determinism across threads and seeds, the companion column, and the
// results database read back with SQLite.
#include "ensemble/table_ensemble.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>

#include "ensemble/results_db.h"
#include "ensemble/table_results_db.h"
#include "io/stakeholder_reader.h"
#include "test_support.h"

namespace detente::ensemble {
namespace {

using ::testing::HasSubstr;

StakeholderProblem table(const std::string& csv) {
  auto problem = io::parse_stakeholder_csv(csv, "t.csv");
  EXPECT_TRUE(problem.ok()) << (problem.ok() ? "" : problem.error().message());
  return problem.ok() ? *problem : StakeholderProblem{};
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

TableEnsembleSummary run(const StakeholderProblem& p, TableEnsembleSpec spec,
                         const std::function<Result<bool>(const TableChunk&)>& on_chunk = {}) {
  auto ensemble = TableEnsemble::make(p, std::move(spec));
  EXPECT_TRUE(ensemble.ok()) << ensemble.error().message();
  if (!ensemble.ok()) return {};
  auto summary = (*ensemble)->run(on_chunk);
  EXPECT_TRUE(summary.ok()) << summary.error().message();
  return summary.ok() ? *summary : TableEnsembleSummary{};
}

// Weights capability × salience: A 1, B 1, C 2 (total 4). The compromise forecast is the weighted
// mean (Achen 2006) (1·50 + 1·0 + 2·100)/4 = 62.5, and it is linear in A's position with slope
// w_A = 1/4. With A's position x_A + e, e ~ N(0, 4²), the forecast is 62.5 + e/4: normal with mean
// 62.5 and sd 4/4 = 1. A sits 12.5 sd from either end of the scale [0, 100], so truncation changes
// nothing measurable (mass beyond: about 1e-35). Over N runs the sample mean has standard error
// 1/√N and the sample sd about 1/√(2(N − 1)); P(forecast > 63.5) = 1 − Φ(1) = 0.158655.
const char* kCompromiseTable = "Actor,Capability,Position,Salience\nA,1,50,1\nB,1,0,1\nC,2,100,1\n";

TEST(TableEnsemble, CompromiseForecastMovesByTheActorsWeightShareTimesItsNoise) {
  const auto p = table(kCompromiseTable);
  constexpr std::uint64_t kRuns = 20000;
  const auto summary = run(p, TableEnsembleSpec{.runs = kRuns,
                                                .seed = 5,
                                                .threads = 2,
                                                .models = {"compromise"},
                                                .perturb = specs(p, {"position.A=normal(4)"}),
                                                .thresholds = {{.issue = 0, .value = 63.5}}});
  ASSERT_EQ(summary.models.size(), 1U);
  const IssueSummary& s = summary.models[0].issues[0];
  EXPECT_DOUBLE_EQ(s.base, 62.5);
  EXPECT_EQ(s.runs, kRuns);
  const double n = static_cast<double>(kRuns);
  EXPECT_NEAR(s.mean, 62.5, 4.0 / std::sqrt(n));
  EXPECT_NEAR(s.sd, 1.0, 4.0 / std::sqrt(2.0 * (n - 1)));
  // Quantiles of N(62.5, 1): sampling error (about 0.03 at 5%) plus the sketch's 0.5% relative.
  const std::array<double, 5> z = {-1.644854, -0.674490, 0.0, 0.674490, 1.644854};
  for (std::size_t q = 0; q < z.size(); ++q) {
    const double expected = 62.5 + z[q];
    EXPECT_NEAR(s.quantiles[q], expected, 0.005 * expected + 0.06) << kForecastQuantileNames[q];
  }
  EXPECT_LE(s.min, s.quantiles[0]);
  EXPECT_GE(s.max, s.quantiles[4]);
  ASSERT_EQ(s.thresholds.size(), 1U);
  const auto& t = s.thresholds[0];
  const double p_above = 0.158655;
  EXPECT_NEAR(t.above.p, p_above, 4 * std::sqrt(p_above * (1 - p_above) / n));
  EXPECT_EQ(t.above.count + t.below.count, kRuns);  // a tie has probability 0
  EXPECT_LT(t.above.lo95, t.above.p);
  EXPECT_GT(t.above.hi95, t.above.p);
}

TEST(TableEnsemble, CompanionColumnIsUsedByTheEnsemble) {
  // The same table with A's uncertainty written in a Position_sd column instead of --perturb.
  const auto p = table("Actor,Capability,Position,Salience,Position_sd\nA,1,50,1,4\nB,1,0,1,0\nC,2,100,1,0\n");
  constexpr std::uint64_t kRuns = 20000;
  const auto summary = run(p, TableEnsembleSpec{.runs = kRuns, .seed = 9, .threads = 2, .models = {"compromise"}});
  const IssueSummary& s = summary.models[0].issues[0];
  EXPECT_EQ(summary.companion_columns, std::vector<std::string>{"Position_sd"});
  const double n = static_cast<double>(kRuns);
  EXPECT_NEAR(s.mean, 62.5, 4.0 / std::sqrt(n));
  EXPECT_NEAR(s.sd, 1.0, 4.0 / std::sqrt(2.0 * (n - 1)));
  // --perturb position.A=none overrides the column: every run is the table as written.
  const auto held = run(
      p, TableEnsembleSpec{.runs = 50, .seed = 9, .models = {"compromise"}, .perturb = specs(p, {"position.A=none"})});
  EXPECT_EQ(held.models[0].issues[0].sd, 0.0);
  EXPECT_EQ(held.models[0].issues[0].mean, 62.5);
}

std::vector<double> collect_runs(const StakeholderProblem& p, TableEnsembleSpec spec, TableEnsembleSummary& summary) {
  std::vector<double> forecasts;
  spec.keep_runs = true;
  summary = run(p, std::move(spec), [&forecasts](const TableChunk& chunk) -> Result<bool> {
    forecasts.insert(forecasts.end(), chunk.forecasts.begin(), chunk.forecasts.end());
    return true;
  });
  return forecasts;
}

void expect_same(const TableEnsembleSummary& a, const TableEnsembleSummary& b) {
  ASSERT_EQ(a.models.size(), b.models.size());
  for (std::size_t m = 0; m < a.models.size(); ++m) {
    for (std::size_t i = 0; i < a.models[m].issues.size(); ++i) {
      const auto& x = a.models[m].issues[i];
      const auto& y = b.models[m].issues[i];
      EXPECT_EQ(x.mean, y.mean);
      EXPECT_EQ(x.sd, y.sd);
      EXPECT_EQ(x.quantiles, y.quantiles);
      EXPECT_EQ(x.min, y.min);
      EXPECT_EQ(x.max, y.max);
      ASSERT_EQ(x.thresholds.size(), y.thresholds.size());
      for (std::size_t t = 0; t < x.thresholds.size(); ++t)
        EXPECT_EQ(x.thresholds[t].above.count, y.thresholds[t].above.count);
    }
  }
}

TEST(TableEnsemble, OneAndTwoThreadsGiveTheSameBitsAndTheSeedDecides) {
  const auto p = testing::load("../../examples/ec10.csv");
  TableEnsembleSpec spec{.runs = 240,
                         .seed = 3,
                         .threads = 1,
                         .models = {"eu", "median"},
                         .perturb = specs(p, {"position=normal(1)", "salience=uniform(0.1)"}),
                         .thresholds = {{.issue = 0, .value = 7}}};
  TableEnsembleSummary one;
  TableEnsembleSummary two;
  TableEnsembleSummary other_seed;
  const auto runs_one = collect_runs(p, spec, one);
  spec.threads = 2;
  const auto runs_two = collect_runs(p, spec, two);
  EXPECT_EQ(runs_one.size(), 240U * 2U);
  EXPECT_EQ(runs_one, runs_two);
  expect_same(one, two);
  TableEnsembleSummary again;
  EXPECT_EQ(collect_runs(p, spec, again), runs_one);  // same seed, same numbers
  spec.seed = 4;
  const auto runs_other = collect_runs(p, spec, other_seed);
  EXPECT_NE(runs_other, runs_one);
  EXPECT_NE(other_seed.models[0].issues[0].mean, one.models[0].issues[0].mean);
}

TEST(TableEnsemble, SmpRunsOneThreadPerRunAndAFreshModelSeedEachRun) {
  const auto p = testing::load("smp/SOE-Pol-Comp.csv");
  auto ensemble = TableEnsemble::make(
      p, TableEnsembleSpec{
             .runs = 20, .seed = 1, .threads = 2, .models = {"smp"}, .perturb = specs(p, {"position=normal(2)"})});
  ASSERT_TRUE(ensemble.ok()) << ensemble.error().message();
  auto summary = (*ensemble)->run();
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_EQ(summary->models[0].options.at("threads"), "1");
  EXPECT_EQ(summary->models[0].issues.size(), 2U);
  EXPECT_GT(summary->models[0].issues[0].sd, 0.0);
}

TEST(TableEnsemble, ThresholdsParseAgainstTheTable) {
  const auto p = table(kCompromiseTable);
  auto bare = parse_threshold("50", p);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->value, 50.0);
  auto named = parse_threshold("issue=12.5", p);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->value, 12.5);
  auto unknown = parse_threshold("tax=5", p);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "--threshold");
  EXPECT_THAT(unknown.error().message(), HasSubstr("no issue named 'tax'"));
  auto not_number = parse_threshold("issue=high", p);
  ASSERT_FALSE(not_number.ok());
  EXPECT_THAT(not_number.error().message(), HasSubstr("expected a number after '=', found 'high'"));
}

std::string query_text(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return out;
}

double query_number(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  double out = NAN;
  if (sqlite3_step(stmt) == SQLITE_ROW) out = sqlite3_column_double(stmt, 0);
  sqlite3_finalize(stmt);
  return out;
}

TEST(TableResultsDb, WritesTheTableTheSummaryAndEveryRunAndRefusesAnExistingFile) {
  const auto p = table(kCompromiseTable);
  const std::string path = ::testing::TempDir() + "table_ensemble_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(path);
  auto ensemble = TableEnsemble::make(p, TableEnsembleSpec{.runs = 300,
                                                           .seed = 2,
                                                           .threads = 2,
                                                           .models = {"compromise", "median"},
                                                           .perturb = specs(p, {"position.A=normal(4)"}),
                                                           .thresholds = {{.issue = 0, .value = 62.5}},
                                                           .keep_runs = true});
  ASSERT_TRUE(ensemble.ok());
  const TableManifest manifest{.table_file = "t.csv",
                               .table_text = kCompromiseTable,
                               .input_format = "csv",
                               .seed = 2,
                               .runs = 300,
                               .chunk_size = (*ensemble)->spec().chunk_size,
                               .models = {"compromise", "median"},
                               .issues = {"issue"},
                               .perturb = {"position.A=normal(4)"},
                               .thresholds = {"62.5"},
                               .per_run = true};
  {
    auto db = TableResultsDb::create(path, manifest);
    ASSERT_TRUE(db.ok()) << db.error().message();
    auto summary = (*ensemble)->run([&db](const TableChunk& chunk) { return (*db)->append_runs(chunk); });
    ASSERT_TRUE(summary.ok());
    ASSERT_TRUE((*db)->write_summary(*summary).ok());
  }
  auto again = TableResultsDb::create(path, manifest);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().field, "--out");
  EXPECT_THAT(again.error().problem, HasSubstr("already exists"));

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(query_text(db, "SELECT text FROM stakeholder_table"), kCompromiseTable);
  EXPECT_EQ(query_text(db, "SELECT hash FROM stakeholder_table"), text_hash(kCompromiseTable));
  EXPECT_EQ(query_text(db, "SELECT value FROM meta WHERE key = 'seed'"), "2");
  EXPECT_EQ(query_text(db, "SELECT value FROM meta WHERE key = 'runs'"), "300");
  EXPECT_EQ(query_text(db, "SELECT value FROM meta WHERE key = 'complete'"), "1");
  EXPECT_EQ(query_text(db, "SELECT value FROM meta WHERE key = 'detente_version'"), DETENTE_VERSION);
  EXPECT_EQ(query_text(db, "SELECT spec FROM perturbations WHERE idx = 0"), "position.A=normal(4)");
  EXPECT_EQ(query_number(db, "SELECT COUNT(*) FROM runs"), 600.0);
  EXPECT_EQ(query_number(db, "SELECT COUNT(DISTINCT run) FROM runs"), 300.0);
  // The summary agrees with the per-run rows it summarises.
  const double mean_of_runs = query_number(db, "SELECT AVG(forecast) FROM runs WHERE model = 'compromise'");
  EXPECT_NEAR(query_number(db, "SELECT mean FROM summary WHERE model = 'compromise'"), mean_of_runs, 1e-9);
  EXPECT_EQ(query_number(db, "SELECT base FROM summary WHERE model = 'compromise'"), 62.5);
  const double above = query_number(db, "SELECT COUNT(*) FROM runs WHERE model = 'compromise' AND forecast > 62.5");
  EXPECT_EQ(query_number(db, "SELECT count FROM thresholds WHERE model = 'compromise' AND side = 'above'"), above);
  EXPECT_EQ(query_number(db, "SELECT COUNT(*) FROM thresholds"), 4.0);  // 2 models × above, below
  sqlite3_close(db);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace detente::ensemble
