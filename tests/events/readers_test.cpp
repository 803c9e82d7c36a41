// The event readers on the real samples (tests/data/events/, provenance in its README.md) and on
// hand-made files (make_handmade.py there), against aggregates computed independently.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/date.h"
#include "events/cameo.h"
#include "events/read.h"
#include "test_support.h"

namespace detente::events {
namespace {

using testing::data_path;

ReadOptions options_for(std::vector<std::string> actors, Period period = Period::kMonth) {
  ReadOptions o;
  o.actors = std::move(actors);
  o.period = period;
  return o;
}

EventsReport read_ok(const std::string& relative, const ReadOptions& options) {
  const std::vector<std::string> paths = {data_path("events/" + relative)};
  auto report = read_event_files(paths, options);
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message());
  return report.ok() ? std::move(report).value() : EventsReport{};
}

// "source>target@period" → the row, for lookups.
std::map<std::string, DyadStats> by_key(const EventsReport& report) {
  std::map<std::string, DyadStats> out;
  for (const auto& r : report.series) out[r.source + ">" + r.target + "@" + r.period] = r.stats;
  return out;
}

void expect_cell(const std::map<std::string, DyadStats>& cells, const std::string& key, std::uint64_t events,
                 double sum, std::array<std::uint64_t, 4> quad) {
  const auto at = cells.find(key);
  ASSERT_NE(at, cells.end()) << key;
  EXPECT_EQ(at->second.events, events) << key;
  EXPECT_NEAR(at->second.goldstein_sum(), sum, 1e-9) << key;
  EXPECT_EQ(at->second.quad, quad) << key;
}

// Independent aggregates: Python's csv module over the sample, resolving actors by name and then
// country as the default aliases say, summing the file's own Intensity column and taking the quad
// class from the root code (the script is in tests/data/events/README.md, "Independent aggregates").
TEST(EventReaders, IcewsSampleMatchesIndependentAggregates) {
  const auto report = read_ok("icews_events.2018.sample.tab", options_for({"Iran", "US", "China", "Russia"}));
  ASSERT_EQ(report.inputs.size(), 1u);
  EXPECT_EQ(report.inputs[0].format, Format::kIcews);
  EXPECT_EQ(report.inputs[0].table, GoldsteinTable::kIcews);
  EXPECT_EQ(report.inputs[0].rows, 3705u);
  EXPECT_EQ(report.inputs[0].counted, 136u);
  EXPECT_EQ(report.inputs[0].unmatched, 3517u);
  EXPECT_EQ(report.inputs[0].same_actor, 52u);
  EXPECT_EQ(report.series.size(), 10u);
  const auto cells = by_key(report);
  expect_cell(cells, "US>China@2018-06-01", 71, 90.6, {53, 2, 16, 0});
  expect_cell(cells, "China>US@2018-06-01", 30, 60.6, {27, 1, 2, 0});
  expect_cell(cells, "Russia>US@2018-06-01", 14, 27.6, {13, 0, 1, 0});
  expect_cell(cells, "US>Russia@2018-06-01", 6, 1.2, {4, 0, 1, 1});
  expect_cell(cells, "Iran>US@2018-06-01", 1, -2.0, {0, 0, 1, 0});
  expect_cell(cells, "Iran>Russia@2018-06-01", 2, 6.9, {2, 0, 0, 0});
  // Every unmatched event is counted by the names of its unmatched actors.
  std::uint64_t named = 0;
  for (const auto& n : report.unmatched_names) named += n.events;
  EXPECT_GE(named, report.inputs[0].unmatched);
  EXPECT_EQ(report.unmatched_other_names, 0u);
}

// The R export of GDELT 1.0: a header of 58 names, data rows with a leading row index, NA for
// missing and " IRN" with a space. Independent aggregates as above (actor code by longest prefix,
// else the country code; the file's GoldsteinScale).
TEST(EventReaders, GdeltRExportSampleMatchesIndependentAggregates) {
  const auto report =
      read_ok("gdelt1_sample_201305_georgia_filtered_IRN_rows.csv", options_for({"Iran", "US", "China", "Russia"}));
  ASSERT_EQ(report.inputs.size(), 1u);
  EXPECT_EQ(report.inputs[0].format, Format::kGdelt1);
  EXPECT_EQ(report.inputs[0].rows, 164u);
  EXPECT_EQ(report.inputs[0].counted, 7u);
  EXPECT_EQ(report.inputs[0].unmatched, 131u);
  EXPECT_EQ(report.inputs[0].same_actor, 26u);
  const auto cells = by_key(report);
  EXPECT_EQ(cells.size(), 3u);
  expect_cell(cells, "US>Iran@2013-05-01", 4, 0.4, {3, 0, 1, 0});
  expect_cell(cells, "Iran>US@2013-05-01", 2, -0.1, {1, 0, 1, 0});
  expect_cell(cells, "Iran>Russia@2013-05-01", 1, 7.0, {1, 0, 0, 0});
}

// Every row of the GDELT sample: the file's own GoldsteinScale equals GDELT's table, and its
// QuadClass equals the class of the root code (the test of quad_class against the dataset).
// Calls `check` on every data row of a sample, parsed as the reader parses it; the row count.
template <typename Check>
int for_each_row(const std::string& relative, Check check) {
  std::ifstream in(data_path("events/" + relative));
  std::string line;
  std::getline(in, line);
  auto parser = RowParser::detect(line, relative);
  EXPECT_TRUE(parser.ok());
  if (!parser.ok()) return 0;
  long number = 1;
  while (std::getline(in, line)) {
    auto row = parser->parse(line, ++number, relative);
    EXPECT_TRUE(row.ok()) << row.error().message();
    if (row.ok()) check(*row, number);
  }
  return static_cast<int>(number - 1);
}

// Every row of the GDELT sample: the file's own GoldsteinScale equals GDELT's table, and its
// QuadClass equals the class of the root code (the test of quad_class against the dataset).
TEST(EventReaders, GdeltSampleGoldsteinAndQuadClassAgreeWithTheTables) {
  std::map<int, int> rows_by_quad;
  const int rows = for_each_row("gdelt1_sample_201305_georgia_filtered_IRN_rows.csv", [&](const EventRow& row, long n) {
    ASSERT_TRUE(row.goldstein.has_value());
    EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, row.event_code), row.goldstein) << "line " << n;
    EXPECT_EQ(static_cast<int>(quad_class(row.event_code)), row.quad_class) << "line " << n;
    ++rows_by_quad[row.quad_class];
  });
  EXPECT_EQ(rows, 164);
  EXPECT_EQ(rows_by_quad.size(), 4u);  // the sample has rows of all four classes
}

// The ICEWS sample's Intensity equals the ICEWS table on every row.
TEST(EventReaders, IcewsSampleIntensityEqualsTheIcewsTable) {
  const int rows = for_each_row("icews_events.2018.sample.tab", [](const EventRow& row, long n) {
    EXPECT_EQ(goldstein(GoldsteinTable::kIcews, row.event_code), row.goldstein) << "line " << n;
  });
  EXPECT_EQ(rows, 3705);
}

// The four codes where the public tables differ (docs/events.md), and 1213, ICEWS's alone.
TEST(EventReaders, GoldsteinTablesDifferOnFourCodes) {
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "016"), -2.0);
  EXPECT_EQ(goldstein(GoldsteinTable::kIcews, "016"), -5.0);
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "022"), 3.2);
  EXPECT_EQ(goldstein(GoldsteinTable::kIcews, "022"), 3.4);
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "164"), -7.0);
  EXPECT_EQ(goldstein(GoldsteinTable::kIcews, "164"), -6.5);
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "165"), -6.5);
  EXPECT_EQ(goldstein(GoldsteinTable::kIcews, "165"), -7.0);
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "1213"), std::nullopt);
  EXPECT_EQ(goldstein(GoldsteinTable::kIcews, "1213"), -4.0);
  // Leading zeros matter: 01 is a root code, 010 its child; 16 and 160 are different codes.
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "16"), -4.0);
  EXPECT_EQ(goldstein(GoldsteinTable::kGdelt, "99"), std::nullopt);
  int same = 0;
  for (const char* code : {"010", "036", "042", "057", "0871", "112", "141", "163", "190", "204"})
    same += goldstein(GoldsteinTable::kGdelt, code) == goldstein(GoldsteinTable::kIcews, code) ? 1 : 0;
  EXPECT_EQ(same, 10);
}

// The root-code ranges of GDELT's QuadClass, at every boundary.
TEST(EventReaders, QuadClassFollowsTheRootCodeRanges) {
  EXPECT_EQ(quad_class("010"), QuadClass::kVerbalCooperation);
  EXPECT_EQ(quad_class("057"), QuadClass::kVerbalCooperation);
  EXPECT_EQ(quad_class("06"), QuadClass::kMaterialCooperation);
  EXPECT_EQ(quad_class("0874"), QuadClass::kMaterialCooperation);
  EXPECT_EQ(quad_class("094"), QuadClass::kMaterialCooperation);
  EXPECT_EQ(quad_class("100"), QuadClass::kVerbalConflict);
  EXPECT_EQ(quad_class("145"), QuadClass::kVerbalConflict);
  EXPECT_EQ(quad_class("150"), QuadClass::kMaterialConflict);
  EXPECT_EQ(quad_class("204"), QuadClass::kMaterialConflict);
  EXPECT_EQ(quad_class("00"), QuadClass::kNone);
  EXPECT_EQ(quad_class("21"), QuadClass::kNone);
  EXPECT_EQ(quad_class("1"), QuadClass::kNone);
}

// The hand-made GDELT file (make_handmade.py), worked by hand with actors Iran and US, by week:
//   week of Mon 2014-08-04: IRNGOV>USAGOV 036 (+4.0, q1), IRN>USA 042 (+1.9, q1)  → Iran>US 2, 5.9
//   week of Mon 2014-08-11: USAGOV>IRNGOV 163 (-8.0, q4), USA>IRN 112 (-2.0, q3)  → US>Iran 2, -10.0
//   GBR>IRN (UK not requested) and SYR>IRN: unmatched; IRN>IRNMIL: within one actor;
//   week of Mon 2014-09-01: IRNGOV>(empty code, country USA) 0871 (+9.0, q2)      → Iran>US 1, 9.0
void expect_handmade(const EventsReport& report) {
  const auto cells = by_key(report);
  ASSERT_EQ(cells.size(), 3u);
  expect_cell(cells, "Iran>US@2014-08-04", 2, 5.9, {2, 0, 0, 0});
  expect_cell(cells, "US>Iran@2014-08-11", 2, -10.0, {0, 0, 1, 1});
  expect_cell(cells, "Iran>US@2014-09-01", 1, 9.0, {0, 1, 0, 0});
  ASSERT_EQ(report.inputs.size(), 1u);
  EXPECT_EQ(report.inputs[0].rows, 8u);
  EXPECT_EQ(report.inputs[0].unmatched, 2u);
  EXPECT_EQ(report.inputs[0].same_actor, 1u);
  ASSERT_EQ(report.unmatched_names.size(), 2u);
  EXPECT_EQ(report.unmatched_names[0].name, "SYR");
  EXPECT_EQ(report.unmatched_names[1].name, "UK (not requested)");
}

TEST(EventReaders, HandmadeFilesInEveryFormatAndCompressionGiveTheHandWorkedSeries) {
  const auto options = options_for({"Iran", "US"}, Period::kWeek);
  const std::map<std::string, Format> files = {
      {"handmade.gdelt1.tsv", Format::kGdelt1},           {"handmade.gdelt1-57.tsv", Format::kGdelt1},
      {"handmade.gdelt1.tsv.gz", Format::kGdelt1},        {"handmade.gdelt1.zip", Format::kGdelt1},
      {"handmade.gdelt2.tsv", Format::kGdelt2},           {"handmade.phoenix.csv", Format::kPhoenix},
      {"handmade.phoenix-noheader.tsv", Format::kPhoenix}};
  std::vector<DyadRow> first;
  for (const auto& [file, format] : files) {
    SCOPED_TRACE(file);
    const auto report = read_ok(file, options);
    expect_handmade(report);
    ASSERT_FALSE(report.inputs.empty());
    EXPECT_EQ(report.inputs[0].format, format);
    if (first.empty()) first = report.series;
    ASSERT_EQ(report.series.size(), first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {  // identical, to the last bit
      EXPECT_EQ(report.series[i].stats.goldstein_sum(), first[i].stats.goldstein_sum());
      EXPECT_EQ(report.series[i].stats.events, first[i].stats.events);
    }
  }
}

TEST(EventReaders, DatesOutsideTheWindowAreCountedNotKept) {
  auto options = options_for({"Iran", "US"}, Period::kMonth);
  options.from_day = days_from_civil(Date{2014, 8, 5});
  options.to_day = days_from_civil(Date{2014, 8, 31});
  const auto report = read_ok("handmade.gdelt1.tsv", options);
  // Left out: 08-04 (before) and 09-01, 09-02 (after).
  EXPECT_EQ(report.inputs[0].outside_dates, 3u);
  const auto cells = by_key(report);
  ASSERT_EQ(cells.size(), 2u);
  expect_cell(cells, "Iran>US@2014-08-01", 1, 1.9, {1, 0, 0, 0});
  expect_cell(cells, "US>Iran@2014-08-01", 2, -10.0, {0, 0, 1, 1});
}

// The hand-made ICEWS file, by month. Default aliases: Iran>US 040 (+1) and the Iranian foreign
// ministry's 016 (ICEWS -5; root 01, verbal cooperation however negative) → 2 events, -4; US citizens' 141 (-6.5) and
// Obama's 1213 (-4) → US>Iran 2, -10.5; India>Iran unmatched. With the test aliases, US citizens are their own actor.
TEST(EventReaders, IcewsNamesCountriesAndSectorsResolveThroughTheAliases) {
  const auto report = read_ok("handmade.icews.tab", options_for({"Iran", "US"}));
  auto cells = by_key(report);
  ASSERT_EQ(cells.size(), 2u);
  expect_cell(cells, "Iran>US@2014-08-01", 2, -4.0, {2, 0, 0, 0});
  expect_cell(cells, "US>Iran@2014-08-01", 2, -10.5, {0, 0, 2, 0});
  ASSERT_EQ(report.unmatched_names.size(), 1u);
  EXPECT_EQ(report.unmatched_names[0].name, "India");

  std::ifstream in(data_path("events/handmade.aliases.csv"));
  std::stringstream text;
  text << in.rdbuf();
  auto aliases = ActorAliases::parse(text.str(), "handmade.aliases.csv");
  ASSERT_TRUE(aliases.ok()) << aliases.error().message();
  auto options = options_for({"Iran", "US", "US public"});
  options.aliases = *aliases;
  const auto split = read_ok("handmade.icews.tab", options);
  cells = by_key(split);
  ASSERT_EQ(cells.size(), 3u);
  expect_cell(cells, "US public>Iran@2014-08-01", 1, -6.5, {0, 0, 1, 0});
  expect_cell(cells, "US>Iran@2014-08-01", 1, -4.0, {0, 0, 1, 0});
  // On codes the longest prefix wins: USAGOV is "US gov", USA is "US".
  EXPECT_EQ(aliases->actors()[static_cast<std::size_t>(aliases->resolve_code("USAGOV", "USA"))], "US gov");
  EXPECT_EQ(aliases->actors()[static_cast<std::size_t>(aliases->resolve_code("USAMIL", "USA"))], "US");
  EXPECT_EQ(aliases->resolve_code("SYR", "SYR"), kNoActor);
}

// --goldstein icews on a GDELT file takes the ICEWS values: 016 scores -5, not -2.
TEST(EventReaders, TheGoldsteinTableCanBeChosen) {
  const std::string row =
      "1\t20140804\t201408\t2014\t2014.5\tIRN\t\tIRN\t\t\t\t\t\t\t\tUSA\t\tUSA\t\t\t\t\t\t\t\t1\t016\t016\t01\t1\t-2"
      "\t1\t1\t1\t0\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t20140804\turl\n";
  auto options = options_for({"Iran", "US"});
  for (const auto& [table, expected] :
       {std::pair{GoldsteinTable::kGdelt, -2.0}, std::pair{GoldsteinTable::kIcews, -5.0}}) {
    options.goldstein = table;
    auto source = LineSource::open_memory(row, "row.tsv");
    ASSERT_TRUE(source.ok());
    LineSource* sources[] = {source->get()};
    auto report = read_event_sources(sources, options);
    ASSERT_TRUE(report.ok()) << report.error().message();
    ASSERT_EQ(report->series.size(), 1u);
    EXPECT_EQ(report->series[0].stats.goldstein_sum(), expected);
  }
}

TEST(EventReaders, PeriodsStartOnTheDayTheMondayOrTheFirstOfTheMonth) {
  const long sunday = days_from_civil(Date{2014, 8, 10});
  EXPECT_EQ(period_start(Period::kDay, sunday), sunday);
  EXPECT_EQ(civil_from_days(period_start(Period::kWeek, sunday)), (Date{2014, 8, 4}));
  EXPECT_EQ(civil_from_days(period_start(Period::kWeek, days_from_civil(Date{2014, 8, 11}))), (Date{2014, 8, 11}));
  EXPECT_EQ(civil_from_days(period_start(Period::kWeek, days_from_civil(Date{1969, 12, 31}))), (Date{1969, 12, 29}));
  EXPECT_EQ(civil_from_days(period_start(Period::kMonth, sunday)), (Date{2014, 8, 1}));
}

TEST(EventReaders, TheDefaultAliasesNameTheFlagshipsActors) {
  const auto aliases = ActorAliases::defaults();
  EXPECT_EQ(aliases.actors(),
            (std::vector<std::string>{"Iran", "US", "UK", "France", "Germany", "Russia", "China", "Saudi Arabia"}));
  EXPECT_EQ(aliases.resolve_icews("Foreign Affairs (Russia)", "Government", "Russian Federation"),
            aliases.find_actor("Russia"));
  EXPECT_EQ(aliases.resolve_code("IRNGOV", ""), aliases.find_actor("Iran"));
}

TEST(EventReaders, BadAliasFilesAreRefusedWithTheLine) {
  const auto bad_match = ActorAliases::parse("actor,match,value\nIran,iso,IRN\n", "a.csv");
  ASSERT_FALSE(bad_match.ok());
  EXPECT_EQ(bad_match.error().message(),
            "a.csv:2: field 'match': unknown match 'iso'. Fix: use name (an ICEWS actor name), country (an ICEWS "
            "country) or code (a CAMEO actor code)");
  const auto clash = ActorAliases::parse("actor,match,value\nIran,code,IRN\nUS,code,IRN\n", "a.csv");
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().line, 3);
  const auto no_header = ActorAliases::parse("Iran,code,IRN\n", "a.csv");
  ASSERT_FALSE(no_header.ok());
  EXPECT_EQ(no_header.error().line, 1);
  const auto sectors_on_code = ActorAliases::parse("actor,match,value,sectors\nIran,code,IRN,Government\n", "a.csv");
  ASSERT_FALSE(sectors_on_code.ok());
  EXPECT_EQ(sectors_on_code.error().field, "sectors");
}

}  // namespace
}  // namespace detente::events
