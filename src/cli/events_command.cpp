// detente events FILE... --actors A,B --by day|week|month: event data (ICEWS, GDELT 1.0/2.0,
// Phoenix; plain, .gz or .zip) read into directed dyad series: per source, target and period the
// event count, the sum and mean Goldstein score and the count per quad class (docs/events.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/fail.h"
#include "core/date.h"
#include "events/read.h"
#include "events/series_db.h"
#include "io/text.h"

namespace detente::cli {
namespace {

struct EventsArgs {
  std::vector<std::string> files;
  std::vector<std::string> actors;
  std::string aliases;  // empty: the default file
  std::string by;
  std::string from;
  std::string to;
  std::string format = "table";
  std::string out;
  std::string goldstein;  // empty: each dataset's own table
  bool skip_bad = false;
  std::uint64_t top = 10;
};

Result<long> day_option(const std::string& text, const std::string& option) {
  const auto d = parse_date(text);
  if (!d || !is_valid(*d)) {
    return Error{.field = option,
                 .problem = "expected a date YYYY-MM-DD, got " + io::in_quotes(text),
                 .fix = "write the date as e.g. 2014-08-01"};
  }
  return days_from_civil(*d);
}

Result<events::ReadOptions> read_options(const EventsArgs& args) {
  events::ReadOptions options;
  options.actors = args.actors;
  options.period = *events::parse_period_name(args.by);  // CLI11 checked the name
  options.skip_bad = args.skip_bad;
  if (!args.goldstein.empty()) options.goldstein = events::parse_table_name(args.goldstein);
  if (!args.aliases.empty()) {
    auto text = io::read_file(args.aliases);
    if (!text) return text.error();
    auto aliases = events::ActorAliases::parse(*text, args.aliases);
    if (!aliases) return aliases.error();
    options.aliases = std::move(aliases).value();
  }
  if (!args.from.empty()) {
    auto day = day_option(args.from, "--from");
    if (!day) return day.error();
    options.from_day = *day;
  }
  if (!args.to.empty()) {
    auto day = day_option(args.to, "--to");
    if (!day) return day.error();
    options.to_day = *day;
  }
  if (options.from_day && options.to_day && *options.from_day > *options.to_day) {
    return Error{.field = "--from",
                 .problem = "--from " + args.from + " is after --to " + args.to,
                 .fix = "give --from a date on or before --to"};
  }
  return options;
}

std::string number(double value) { return fmt::format("{}", value); }

void print_csv(const events::EventsReport& report) {
  std::cout << "source,target,period_start,events,goldstein_sum,goldstein_mean,verbal_cooperation,"
               "material_cooperation,verbal_conflict,material_conflict\n";
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  for (const auto& r : report.series) {
    const auto& s = r.stats;
    std::cout << quoted(r.source) << ',' << quoted(r.target) << ',' << r.period << ',' << s.events << ','
              << number(s.goldstein_sum()) << ',' << number(s.goldstein_mean()) << ',' << s.quad[0] << ',' << s.quad[1]
              << ',' << s.quad[2] << ',' << s.quad[3] << '\n';
  }
}

void print_table(const events::EventsReport& report) {
  std::size_t width = 6;
  for (const auto& r : report.series) width = std::max({width, r.source.size(), r.target.size()});
  std::cout << fmt::format("{:<{}}  {:<{}}  {:<10}  {:>7}  {:>9}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}\n", "source", width,
                           "target", width, "period", "events", "goldstein", "mean", "v.coop", "m.coop", "v.conf",
                           "m.conf");
  for (const auto& r : report.series) {
    const auto& s = r.stats;
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<10}  {:>7}  {:>9.1f}  {:>7.3f}  {:>7}  {:>7}  {:>7}  {:>7}\n",
                             r.source, width, r.target, width, r.period, s.events, s.goldstein_sum(),
                             s.goldstein_mean(), s.quad[0], s.quad[1], s.quad[2], s.quad[3]);
  }
  if (report.series.empty()) std::cout << "(no event between the requested actors)\n";
}

// What was read and what was left out, for people (the table's footer, or stderr beside csv).
void print_summary(const events::EventsReport& report, const EventsArgs& args, std::ostream& out) {
  using S = events::InputSummary;
  for (const auto& i : report.inputs) {
    out << fmt::format("{}: {} ({} Goldstein table), {} rows\n", i.name, events::format_name(i.format),
                       events::table_name(i.table), i.rows);
  }
  out << fmt::format(
      "{} events counted; not counted: {} with an actor outside the requested ones, {} within one actor, {} outside "
      "the dates, {} malformed rows skipped\n",
      report.total(&S::counted), report.total(&S::unmatched), report.total(&S::same_actor),
      report.total(&S::outside_dates), report.total(&S::skipped));
  if (!report.unmatched_names.empty()) {
    const std::size_t shown = std::min<std::size_t>(args.top, report.unmatched_names.size());
    out << fmt::format("actors outside the requested ones, most frequent first ({} of {} names):\n", shown,
                       report.unmatched_names.size());
    for (std::size_t k = 0; k < shown; ++k)
      out << fmt::format("  {:>8}  {}\n", report.unmatched_names[k].events, report.unmatched_names[k].name);
  }
  if (report.unmatched_other_names > 0)
    out << fmt::format("  {:>8}  (names beyond the first 100000 distinct ones)\n", report.unmatched_other_names);
  for (const auto& message : report.skipped_messages) out << "skipped: " << message << "\n";
  if (report.total(&S::skipped) > report.skipped_messages.size())
    out << fmt::format("skipped: ... and {} more\n", report.total(&S::skipped) - report.skipped_messages.size());
}

nlohmann::ordered_json to_json(const events::EventsReport& report, const EventsArgs& args) {
  using nlohmann::ordered_json;
  using S = events::InputSummary;
  ordered_json inputs = ordered_json::array();
  for (const auto& i : report.inputs) {
    inputs.push_back({{"name", i.name},
                      {"format", events::format_name(i.format)},
                      {"goldstein_table", events::table_name(i.table)},
                      {"rows", i.rows},
                      {"counted", i.counted},
                      {"unmatched", i.unmatched},
                      {"same_actor", i.same_actor},
                      {"outside_dates", i.outside_dates},
                      {"skipped", i.skipped}});
  }
  ordered_json series = ordered_json::array();
  for (const auto& r : report.series) {
    const auto& s = r.stats;
    series.push_back({{"source", r.source},
                      {"target", r.target},
                      {"period_start", r.period},
                      {"events", s.events},
                      {"goldstein_sum", s.goldstein_sum()},
                      {"goldstein_mean", s.goldstein_mean()},
                      {"verbal_cooperation", s.quad[0]},
                      {"material_cooperation", s.quad[1]},
                      {"verbal_conflict", s.quad[2]},
                      {"material_conflict", s.quad[3]}});
  }
  ordered_json names = ordered_json::array();
  for (std::size_t k = 0; k < std::min<std::size_t>(args.top, report.unmatched_names.size()); ++k)
    names.push_back({{"name", report.unmatched_names[k].name}, {"events", report.unmatched_names[k].events}});
  return ordered_json{{"period", args.by},
                      {"actors", args.actors},
                      {"inputs", inputs},
                      {"series", series},
                      {"not_counted",
                       {{"unmatched", report.total(&S::unmatched)},
                        {"same_actor", report.total(&S::same_actor)},
                        {"outside_dates", report.total(&S::outside_dates)},
                        {"skipped", report.total(&S::skipped)}}},
                      {"unmatched_names", names},
                      {"unmatched_distinct_names", report.unmatched_names.size()},
                      {"skipped_messages", report.skipped_messages}};
}

std::string command_line(const EventsArgs& args) {
  std::string out = "detente events";
  for (const auto& f : args.files) out += " " + f;
  std::string actors;
  for (const auto& a : args.actors) actors += (actors.empty() ? "" : ",") + a;
  out += " --actors '" + actors + "' --by " + args.by;
  if (!args.aliases.empty()) out += " --aliases " + args.aliases;
  if (!args.from.empty()) out += " --from " + args.from;
  if (!args.to.empty()) out += " --to " + args.to;
  if (!args.goldstein.empty()) out += " --goldstein " + args.goldstein;
  if (args.skip_bad) out += " --skip-bad";
  return out;
}

int run_events(const EventsArgs& args) {
  auto options = read_options(args);
  if (!options) return fail(options.error());
  auto report = events::read_event_files(args.files, *options);
  if (!report) return fail(report.error());
  if (!args.out.empty()) {
    std::string actors;
    for (const auto& a : args.actors) actors += (actors.empty() ? "" : ",") + a;
    const std::map<std::string, std::string> meta = {
        {"detente_version", DETENTE_VERSION},
        {"command", command_line(args)},
        {"period", args.by},
        {"actors", actors},
        {"from", args.from},
        {"to", args.to},
        {"goldstein", args.goldstein.empty() ? "dataset" : args.goldstein}};
    if (auto written = events::write_series_db(args.out, *report, meta); !written) return fail(written.error());
  }
  if (args.format == "json") {
    std::cout << to_json(*report, args).dump(2) << "\n";
  } else if (args.format == "csv") {
    print_csv(*report);
    print_summary(*report, args, std::cerr);
  } else {
    print_table(*report);
    std::cout << "\n";
    print_summary(*report, args, std::cout);
  }
  return kExitOk;
}

}  // namespace

void add_events_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<EventsArgs>();
  CLI::App* cmd = app.add_subcommand("events", "Read event data (ICEWS, GDELT, Phoenix) into directed dyad series");
  cmd->add_option("FILE", args->files, "Event files: ICEWS, GDELT 1.0/2.0 or Phoenix; plain, .gz or .zip")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--actors", args->actors, "The actors, ids of the alias file, comma-separated (e.g. Iran,US)")
      ->required()
      ->delimiter(',');
  cmd->add_option("--aliases", args->aliases,
                  "Alias file (CSV actor,match,value[,sectors]; docs/events.md); default: the flagship's 8 actors");
  cmd->add_option("--by", args->by, "Period of the series: day, week (ISO, from Monday) or month")
      ->required()
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--from", args->from, "First day counted, YYYY-MM-DD");
  cmd->add_option("--to", args->to, "Last day counted, YYYY-MM-DD");
  cmd->add_option("-f,--format", args->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", args->out, "Also write the series to this SQLite database (docs/events.md)");
  cmd->add_option("--goldstein", args->goldstein,
                  "Goldstein table: gdelt or icews (default: each dataset's own; they differ on 016, 022, 164, 165)")
      ->check(CLI::IsMember({"gdelt", "icews"}));
  cmd->add_flag("--skip-bad", args->skip_bad, "Skip malformed rows, count them and show the first messages");
  cmd->add_option("--top", args->top, "Names of actors outside the requested ones shown (default 10)");
  cmd->footer(
      "Formats are detected from the content: ICEWS (Dataverse .tab), GDELT 1.0 (57/58 fields) and 2.0 (61),\n"
      "Phoenix (26 fields, CSV or tab). Each event's CAMEO code gives its Goldstein score and quad class\n"
      "(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).\n"
      "An event is counted when both actors resolve, through the aliases, to different requested actors;\n"
      "the others are counted by reason, and the names of the actors outside the requested ones are listed.\n"
      "A malformed row stops the read with its file, line and field (exit status 2) unless --skip-bad.\n"
      "\n"
      "Examples:\n"
      "  detente events 20140801.export.CSV.zip --actors Iran,US --by week\n"
      "  detente events icews.2014.tab.gz --actors Iran,US,UK --by month --from 2014-01-01 --format csv\n"
      "  detente events *.zip --actors Iran,US --by day --out events.db --skip-bad");
  cmd->callback([args, &exit_code] { exit_code = run_events(*args); });
}

}  // namespace detente::cli
