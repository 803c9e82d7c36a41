// Reports: the statistics they print, the document they draw, the page that holds it, and the
// command. The page's rendering in a browser is tested by tests/report/check_reports.mjs.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.h"
#include "io/stakeholder_reader.h"
#include "models/model.h"
#include "report/assets.h"
#include "report/document.h"
#include "report/html.h"
#include "report/report.h"
#include "report/scenario_report.h"
#include "report/stats.h"
#include "scenario/scenario.h"
#include "test_support.h"

namespace detente::report {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";
const std::string kEc10 = std::string(DETENTE_SOURCE_DIR) + "/examples/ec10.csv";

// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857,
// Table II, method 3 (Wilson score, no continuity correction), to the 4 decimals published.
TEST(ReportStats, WilsonMatchesNewcombesPublishedIntervals) {
  struct Case {
    std::size_t k, n;
    double lo, hi;
  };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0, 0.1611},
                       Case{1, 29, 0.0061, 0.1718}}) {
    const Proportion p = wilson(c.k, c.n);
    EXPECT_NEAR(p.lo, c.lo, 5e-5) << c.k << "/" << c.n;
    EXPECT_NEAR(p.hi, c.hi, 5e-5) << c.k << "/" << c.n;
    EXPECT_DOUBLE_EQ(p.estimate, static_cast<double>(c.k) / static_cast<double>(c.n));
  }
}

TEST(ReportStats, QuantileInterpolatesLinearlyBetweenOrderStatistics) {
  const std::vector<double> xs = {1.0, 2.0, 3.0, 4.0};
  // Hyndman & Fan definition 7: h = (n - 1) q; x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
  EXPECT_DOUBLE_EQ(quantile(xs, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile(xs, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile(xs, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(xs, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(quantile(std::vector<double>{7.0}, 0.95), 7.0);
}

TEST(ReportStats, ExactMcNemarIsTheTwoSidedBinomialTail) {
  EXPECT_DOUBLE_EQ(mcnemar_exact(0, 0), 1.0);
  EXPECT_NEAR(mcnemar_exact(0, 5), 2.0 / 32.0, 1e-12);           // 2 * (1/2)^5
  EXPECT_NEAR(mcnemar_exact(9, 1), 2.0 * 11.0 / 1024.0, 1e-12);  // 2 * (C(10,0) + C(10,1)) / 2^10
  EXPECT_DOUBLE_EQ(mcnemar_exact(3, 3), 1.0);
}

// Newcombe (1998b) method 10, derived by hand. With no event in either arm the table's margins
// are empty (phi = 0), both proportions are 0 with Wilson upper bound z^2/(n+z^2), so the
// interval is -u .. +u.
TEST(ReportStats, PairedDifferenceWithoutEventsSpansTheWilsonUpperBoundBothWays) {
  const std::vector<bool> none(20, false);
  const PairedDifference d = paired_difference(none, none);
  const double u = 1.959963984540054 * 1.959963984540054 / (20.0 + 1.959963984540054 * 1.959963984540054);
  EXPECT_DOUBLE_EQ(d.diff, 0.0);
  EXPECT_NEAR(d.lo, -u, 1e-12);
  EXPECT_NEAR(d.hi, u, 1e-12);
  EXPECT_NEAR(u, 0.1611, 5e-5);  // Newcombe's 0/20 upper bound
  EXPECT_DOUBLE_EQ(d.p_value, 1.0);
}

// Event in every run of b and in none of a (n = 10): p1 = 1 with Wilson lower l1 = n/(n+z^2),
// p2 = 0 with upper u2 = 1 - l1, phi = 0, so delta = sqrt((1-l1)^2 + u2^2) = sqrt(2) (1 - l1)
// and epsilon = 0.
TEST(ReportStats, PairedDifferenceOfCertainAgainstImpossibleEvent) {
  const PairedDifference d = paired_difference(std::vector<bool>(10, false), std::vector<bool>(10, true));
  const double l1 = 10.0 / (10.0 + 1.959963984540054 * 1.959963984540054);
  EXPECT_DOUBLE_EQ(d.diff, 1.0);
  EXPECT_EQ(d.only_b, 10u);
  EXPECT_EQ(d.only_a, 0u);
  EXPECT_NEAR(d.lo, 1.0 - std::sqrt(2.0) * (1.0 - l1), 1e-12);
  EXPECT_DOUBLE_EQ(d.hi, 1.0);
  EXPECT_NEAR(d.p_value, 2.0 / 1024.0, 1e-15);
}

TEST(ReportHtml, DocumentTextCannotCloseItsScriptElement) {
  Document doc = new_document("forecast", "a </script><script>alert(1)</script> <!-- title", "x");
  const std::string json = script_safe_json(doc);
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_EQ(nlohmann::ordered_json::parse(json), doc);
}

TEST(ReportHtml, PageHoldsItsDataAndLibraryAndFetchesNothing) {
  if (!report_assets().available) GTEST_SKIP() << "built without node/npm: no charting library";
  Document doc = new_document("forecast", "T & <b>", "in");
  doc["settings"].push_back({{"name", "n"}, {"value", "</script>"}});
  const auto html = render_html(doc);
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<title>T &amp; &lt;b&gt;</title>"), std::string::npos);
  EXPECT_NE(html->find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html->find("<script src"), std::string::npos);
  EXPECT_EQ(html->find("<link"), std::string::npos);
  // The data element's text is the document.
  const std::string open = "<script type=\"application/json\" id=\"detente-data\">";
  const auto start = html->find(open) + open.size();
  const auto end = html->find("</script>", start);
  EXPECT_EQ(nlohmann::ordered_json::parse(html->substr(start, end - start)), doc);
  // Every <script> is closed by its own </script>: data, vega, vega-lite, render.js.
  std::size_t opens = 0, closes = 0;
  for (auto at = html->find("<script"); at != std::string::npos; at = html->find("<script", at + 1)) ++opens;
  for (auto at = html->find("</script"); at != std::string::npos; at = html->find("</script", at + 1)) ++closes;
  EXPECT_EQ(opens, 4u);
  EXPECT_EQ(closes, 4u);
}

TEST(ReportDocument, ForecastDocumentKeepsEveryModelsForecastAndPositions) {
  const auto cli = testing::run_detente("forecast " + kEc10 + " --model compromise --model median --format json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const auto json = nlohmann::json::parse(cli.out);
  auto doc = forecast_document(json, "ec10.json");
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  const auto& f = (*doc)["forecast"];
  EXPECT_EQ(f["models"], Document({"compromise", "median"}));
  ASSERT_EQ(f["forecasts"].size(), 2u);
  EXPECT_NEAR(f["forecasts"][0]["forecast"].get<double>(), 7.389956, 1e-6);  // published compromise for ec10
  EXPECT_DOUBLE_EQ(f["forecasts"][1]["forecast"].get<double>(), 7.0);        // published median
  EXPECT_EQ(f["positions"].size(), 20u);                                     // 10 actors, round 0, two models
  // In memory, through the same contract, the same document.
  auto problem = io::read_stakeholders(kEc10);
  ASSERT_TRUE(problem.ok());
  std::vector<ForecastResult> results;
  for (const std::string name : {"compromise", "median"}) results.push_back(*run_model(name, *problem, {}));
  auto direct = forecast_document(*problem, results);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ((*direct)["forecast"], f);
}

TEST(ReportDocument, MalformedForecastJsonNamesTheField) {
  auto missing = forecast_document(nlohmann::json::parse(R"({"model": "eu"})"), "bad.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().file, "bad.json");
  EXPECT_EQ(missing.error().field, "[0].issues");
  auto round = forecast_document(
      nlohmann::json::parse(
          R"([{"model": "eu", "issues": [{"issue": "i", "scale": [0, 1], "forecast": 1, "rounds": [{"round": 0}]}]}])"),
      "bad.json");
  ASSERT_FALSE(round.ok());
  EXPECT_EQ(round.error().field, "[0].issues.rounds");
}

class ReportFlagship : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = scenario::load_scenario(kFlagship);
    ASSERT_TRUE(s.ok()) << s.error().message();
    scenario_ = std::make_unique<scenario::Scenario>(std::move(*s));
  }
  std::unique_ptr<scenario::Scenario> scenario_;
};

// The aggregates against the same runs made here one by one through the engine.
TEST_F(ReportFlagship, EnsembleAggregatesEqualTheRunsTheyComeFrom) {
  const EnsembleRequest request{.seed = 7, .runs = 24, .arms = {"none", "engage"}};
  auto doc = ensemble_report(*scenario_, request);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  const engine::Engine engine(*scenario_);
  std::vector<std::vector<bool>> agreed_by(2);  // per arm, first agreement_by date
  std::vector<std::size_t> agreed(2, 0);
  for (std::size_t arm = 0; arm < 2; ++arm) {
    for (std::size_t i = 0; i < request.runs; ++i) {
      const std::vector<std::string> policies =
          arm == 0 ? std::vector<std::string>{} : std::vector<std::string>{"engage"};
      auto run = engine.run(engine::RunOptions{.seed = 7, .run = i, .policies = policies, .sample = true});
      ASSERT_TRUE(run.ok());
      agreed_by[arm].push_back(run->outcome.agreement_by[1]);
      agreed[arm] += run->outcome.agreed ? 1 : 0;
    }
  }
  const std::string second = "agreement by " + to_string(scenario_->agreement_by[1]);
  for (const auto& row : (*doc)["outcomes"]) {
    const std::size_t arm = row["arm"] == "none" ? 0 : 1;
    if (row["event"] == second) {
      EXPECT_EQ(row["successes"].get<std::size_t>(),
                static_cast<std::size_t>(std::count(agreed_by[arm].begin(), agreed_by[arm].end(), true)));
    }
  }
  // The agreement curve ends at P(agreement by the horizon).
  const auto& curve = (*doc)["agreement_curve"];
  for (const auto& point : curve) {
    if (point["date"] == to_string(scenario_->calendar.date_of(scenario_->calendar.steps()))) {
      const std::size_t arm = point["arm"] == "none" ? 0 : 1;
      EXPECT_DOUBLE_EQ(point["p"].get<double>(), static_cast<double>(agreed[arm]) / 24.0);
    }
  }
  // The comparison's arms are the outcomes' probabilities, and its difference theirs.
  for (const auto& row : (*doc)["comparison"]) {
    if (row["event"] != second) continue;
    EXPECT_DOUBLE_EQ(row["p_a"].get<double>(),
                     static_cast<double>(std::count(agreed_by[0].begin(), agreed_by[0].end(), true)) / 24.0);
    EXPECT_DOUBLE_EQ(row["diff"].get<double>(), row["p_b"].get<double>() - row["p_a"].get<double>());
    EXPECT_LE(row["lo"].get<double>(), row["diff"].get<double>());
    EXPECT_GE(row["hi"].get<double>(), row["diff"].get<double>());
  }
  // Same request, same document.
  auto again = ensemble_report(*scenario_, request);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *doc);
}

// A tornado end is the ensemble rerun with that one input moved: checked against runs made here.
TEST_F(ReportFlagship, TornadoEndsAreTheRunsWithThatInputMoved) {
  const EnsembleRequest request{
      .seed = 3, .runs = 16, .arms = {"none"}, .params = {"trust.prior.Iran.nuclear=0.2:0.8"}};
  auto doc = ensemble_report(*scenario_, request);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  const engine::Engine engine(*scenario_);
  const std::size_t index = scenario_->params.index("trust.prior.Iran.nuclear");
  std::vector<double> shares;  // low end, high end: P(agreement by the second date)
  for (const double value : {0.2, 0.8}) {
    std::size_t agreed = 0;
    for (std::size_t i = 0; i < request.runs; ++i) {
      std::vector<double> params;
      engine.sampler().draw(3, i, params);  // run i's own draws, with the one input moved
      params[index] = value;
      auto run = engine.run(engine::RunOptions{.seed = 3, .run = i, .sample = true}, params);
      ASSERT_TRUE(run.ok());
      agreed += run->outcome.agreement_by[1] ? 1 : 0;
    }
    shares.push_back(static_cast<double>(agreed) / 16.0);
  }
  bool found = false;
  for (const auto& row : (*doc)["sensitivity"]["rows"]) {
    if (row["outcome"] != "agreement by " + to_string(scenario_->agreement_by[1])) continue;
    found = true;
    EXPECT_EQ(row["parameter"], "trust.prior.Iran.nuclear");
    EXPECT_DOUBLE_EQ(row["low"].get<double>(), shares[0]);
    EXPECT_DOUBLE_EQ(row["high"].get<double>(), shares[1]);
    EXPECT_DOUBLE_EQ(row["swing"].get<double>(), std::abs(shares[1] - shares[0]));
  }
  EXPECT_TRUE(found);
}

// With a policy arm the tornado varies that arm's runs (the arm the analysis is about): each end
// is the arm's run i with its own draws and one input moved, policies switched on.
TEST_F(ReportFlagship, TornadoVariesTheFirstArmWithAPolicy) {
  const EnsembleRequest request{
      .seed = 5, .runs = 20, .arms = {"none", "engage"}, .params = {"trust.correlation=0:0.9"}};
  auto doc = ensemble_report(*scenario_, request);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  EXPECT_EQ((*doc)["sensitivity"]["arm"], "engage");
  const engine::Engine engine(*scenario_);
  const std::size_t index = scenario_->params.index("trust.correlation");
  const std::vector<std::string> engage = {"engage"};
  std::vector<double> shares;  // low end, high end: P(agreement by the second date)
  for (const double value : {0.0, 0.9}) {
    std::size_t agreed = 0;
    for (std::size_t i = 0; i < request.runs; ++i) {
      auto drawn = engine.run(engine::RunOptions{.seed = 5, .run = i, .policies = engage, .sample = true});
      ASSERT_TRUE(drawn.ok());
      std::vector<double> params = drawn->parameters;
      params[index] = value;
      auto run = engine.run(engine::RunOptions{.seed = 5, .run = i, .policies = engage, .sample = true}, params);
      ASSERT_TRUE(run.ok());
      agreed += run->outcome.agreement_by[1] ? 1 : 0;
    }
    shares.push_back(static_cast<double>(agreed) / static_cast<double>(request.runs));
  }
  bool found = false;
  for (const auto& row : (*doc)["sensitivity"]["rows"]) {
    if (row["outcome"] != "agreement by " + to_string(scenario_->agreement_by[1])) continue;
    found = true;
    EXPECT_DOUBLE_EQ(row["low"].get<double>(), shares[0]);
    EXPECT_DOUBLE_EQ(row["high"].get<double>(), shares[1]);
  }
  EXPECT_TRUE(found);
  // Asked for, the reference arm instead.
  auto on_none = ensemble_report(*scenario_, EnsembleRequest{.seed = 5,
                                                             .runs = 4,
                                                             .arms = {"none", "engage"},
                                                             .params = {"trust.correlation=0:0.9"},
                                                             .tornado_arm = "none"});
  ASSERT_TRUE(on_none.ok());
  EXPECT_EQ((*on_none)["sensitivity"]["arm"], "none");
}

TEST_F(ReportFlagship, UnknownParameterOrPolicyIsAnErrorNamingTheOption) {
  auto unknown = ensemble_report(*scenario_, EnsembleRequest{.runs = 2, .params = {"trust.nothing"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "--params");
  EXPECT_NE(unknown.error().fix.find("--params"), std::string::npos);
  auto range = ensemble_report(*scenario_, EnsembleRequest{.runs = 2, .params = {"threat.growth=0.5:0.1"}});
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.error().problem.find("LO < HI"), std::string::npos);
  auto policy = ensemble_report(*scenario_, EnsembleRequest{.runs = 2, .arms = {"none", "engage+nothing"}});
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.error().field, "--policy");
}

TEST_F(ReportFlagship, SingleRunReportHoldsTheRunsSeriesAndNarrative) {
  const engine::Engine engine(*scenario_);
  const engine::RunOptions options{.seed = 4, .policies = {"engage"}, .narrate = true};
  auto run = engine.run(options);
  ASSERT_TRUE(run.ok());
  const Document doc = single_run_report(*scenario_, options, *run);
  EXPECT_EQ(doc["runs"], 1);
  EXPECT_EQ(doc["events"].size(), run->events.size());
  std::size_t t = 0;
  for (const auto& row : doc["bands"]) {
    if (row["series"] != "threat") continue;
    EXPECT_DOUBLE_EQ(row["q50"].get<double>(), run->series[0][t]);
    EXPECT_DOUBLE_EQ(row["q05"].get<double>(), run->series[0][t]);
    ++t;
  }
  EXPECT_EQ(t, run->series[0].size());
}

TEST(ReportInput, KindIsDetectedFromTheContent) {
  EXPECT_EQ(*detect_input(kEc10), InputKind::kStakeholderTable);
  EXPECT_EQ(*detect_input(kFlagship), InputKind::kScenario);
  const auto dir = std::filesystem::temp_directory_path();
  const auto json = (dir / "detente_report_input.json").string();
  std::ofstream(json) << "  [{\"model\": \"x\"}]";
  EXPECT_EQ(*detect_input(json), InputKind::kForecastJson);
  const auto db = (dir / "detente_report_input.db").string();
  std::ofstream(db, std::ios::binary) << std::string("SQLite format 3\0", 16) << "rest";
  EXPECT_EQ(*detect_input(db), InputKind::kResultsDatabase);
  auto missing = detect_input((dir / "no_such_file_here.csv").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().problem.find("cannot open"), std::string::npos);
}

TEST(ReportCommand, WritesAPageOrExplainsWhyNot) {
  if (!report_assets().available) GTEST_SKIP() << "built without node/npm: no charting library";
  const auto out = (std::filesystem::temp_directory_path() / "detente_report_command.html").string();
  std::filesystem::remove(out);
  const auto ok = testing::run_detente("report " + kEc10 + " -o " + out);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(std::filesystem::exists(out));
  const auto bad = testing::run_detente("report " + kFlagship + " --runs 2 --params no.such.path -o " + out);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("no parameter 'no.such.path'"), std::string::npos) << bad.err;
  const auto json = testing::run_detente("report " + std::string(DETENTE_SOURCE_DIR) + "/CMakePresets.json -o " + out);
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_NE(json.err.find("'model'"), std::string::npos) << json.err;
  const auto run = testing::run_detente("run " + kFlagship + " --seed 2 --report " + out);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

}  // namespace
}  // namespace detente::report

namespace detente::report {
namespace {

// A results database written here by hand in the schema of docs/results.md (version 1), with
// known contents: the reader must carry them into the document unchanged.
TEST(ReportResultsDatabase, DocumentCarriesTheDatabasesAggregates) {
  const auto path = (std::filesystem::temp_directory_path() / "detente_report_results.db").string();
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::ifstream flagship(kFlagship);
  std::stringstream scenario_text;
  scenario_text << flagship.rdbuf();
  const std::string sql =
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE scenario(hash TEXT NOT NULL, text TEXT NOT NULL);"
      "CREATE TABLE runs(run INTEGER PRIMARY KEY, agreement INTEGER, agreement_step REAL, inputs BLOB);"
      "CREATE TABLE events(name TEXT PRIMARY KEY, runs INTEGER, count INTEGER, p REAL, lo95 REAL, hi95 REAL);"
      "CREATE TABLE quantities(name TEXT PRIMARY KEY, n INTEGER, mean REAL, sd REAL, min REAL, q05 REAL, q25 REAL, "
      "q50 REAL, q75 REAL, q95 REAL, max REAL);"
      "CREATE TABLE bands(series TEXT NOT NULL, step INTEGER NOT NULL, date TEXT NOT NULL, q05 REAL, q25 REAL, q50 "
      "REAL, "
      "q75 REAL, q95 REAL, PRIMARY KEY(series, step));"
      "INSERT INTO meta VALUES ('schema_version','1'),('scenario_file','examples/iran-west-2014.toml'),('seed','5'),"
      "('runs','4'),('policies','[\"engage\"]'),('complete','1');"
      "INSERT INTO events VALUES ('agreement_by.2015-06-30', 4, 1, 0.25, 0.0456, 0.6994),('agreement', 4, 2, 0.5, "
      "0.15, 0.85);"
      "INSERT INTO quantities VALUES ('extensions', 4, 1.25, 0.5, 1, 1, 1, 1, 1.25, 1.85, 2);"
      "INSERT INTO bands VALUES ('threat', 0, '2014-08-28', 0.35, 0.35, 0.35, 0.35, 0.35),"
      "('threat', 1, '2014-09-04', 0.30, 0.32, 0.34, 0.345, 0.349),('threat', 2, '2014-09-11', 0.2, 0.3, 0.33, 0.34, "
      "0.35);"
      "INSERT INTO runs VALUES (0, 1, 1, NULL), (1, 1, 2, NULL), (2, 0, NULL, NULL), (3, 0, NULL, NULL);";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO scenario VALUES ('h', ?)", -1, &insert, nullptr), SQLITE_OK);
  const std::string text = scenario_text.str();
  sqlite3_bind_text(insert, 1, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
  sqlite3_finalize(insert);
  sqlite3_close(db);

  ASSERT_EQ(*detect_input(path), InputKind::kResultsDatabase);
  auto doc = load_document(path);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  EXPECT_EQ((*doc)["title"], "Iran-West 2014: nuclear talks and the campaign against IS");
  EXPECT_EQ((*doc)["arms"][0]["arm"], "engage");
  ASSERT_EQ((*doc)["outcomes"].size(), 2u);
  EXPECT_EQ((*doc)["outcomes"][0]["event"], "agreement by 2015-06-30");
  EXPECT_DOUBLE_EQ((*doc)["outcomes"][0]["lo"].get<double>(), 0.0456);
  EXPECT_EQ((*doc)["outcomes"][1]["event"], "agreement by the horizon (2015-12-31)");
  EXPECT_DOUBLE_EQ((*doc)["quantities"][0]["q95"].get<double>(), 1.85);
  ASSERT_EQ((*doc)["bands"].size(), 3u);
  EXPECT_DOUBLE_EQ((*doc)["bands"][1]["q25"].get<double>(), 0.32);
  // The curve from the per-run agreement steps: 0 of 4 at step 0, 1 at step 1, 2 from step 2.
  const auto& curve = (*doc)["agreement_curve"];
  ASSERT_EQ(curve.size(), 3u);
  EXPECT_DOUBLE_EQ(curve[0]["p"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(curve[1]["p"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(curve[2]["p"].get<double>(), 0.5);
  EXPECT_EQ(curve[2]["date"], "2014-09-11");
}

TEST(ReportResultsDatabase, AnotherSqliteFileIsRefusedWithTheReason) {
  const auto path = (std::filesystem::temp_directory_path() / "detente_report_other.db").string();
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto doc = load_document(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().file, path);
  EXPECT_EQ(doc.error().problem, "an SQLite database, but not one detente wrote (it has no meta table; its tables: t)")
      << doc.error().message();
}

}  // namespace
}  // namespace detente::report
