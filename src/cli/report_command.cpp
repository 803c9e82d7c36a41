// detente report INPUT -o report.html: one self-contained HTML page (charts drawn with Vega-Lite,
// inlined) from a results database, a forecast JSON, a scenario (run here as an ensemble) or a
// stakeholder table.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "report/report.h"

namespace detente::cli {
namespace {

struct ReportArgs {
  std::string input;
  std::string output = "report.html";
  report::EnsembleRequest ensemble;
};

int run_report(const ReportArgs& args) {
  auto written = report::write_report(args.input, args.output, args.ensemble);
  if (!written) {
    std::cerr << "detente: error: " << written.error().message() << "\n";
    return kExitBadInput;
  }
  std::cerr << "detente: wrote " << args.output << "\n";
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd =
      app.add_subcommand("report", "Write a self-contained HTML report with charts (opens with no network)");
  cmd->add_option(
         "INPUT", args->input,
         "A results database, a forecast JSON ('detente forecast FILE --format json'), a scenario (.toml) or a "
         "stakeholder table")
      ->required();
  cmd->add_option("-o,--output", args->output, "The HTML file to write")->capture_default_str();
  cmd->add_option("--runs", args->ensemble.runs, "Scenario input: runs per policy arm")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", args->ensemble.seed, "Scenario input: run i uses the random stream (seed, i) in every arm")
      ->capture_default_str();
  cmd->add_option("-p,--policy", args->ensemble.arms,
                  "Scenario input: a policy arm, 'none' for no policy, 'A+B' for two at once (repeatable; the first is "
                  "the reference of the comparison; default: none)");
  cmd->add_option("--params", args->ensemble.params,
                  "Scenario input: an input for the tornado, PATH or PATH=LO:HI (repeatable; default: every uncertain "
                  "input at its 5% and 95% quantiles; paths from 'detente check SCENARIO --params')");
  cmd->add_option("--tornado-arm", args->ensemble.tornado_arm,
                  "The policy arm whose runs the tornado varies (default: the first arm with a policy). For a results "
                  "database the tornado re-runs the stored scenario: --runs runs from the database's seed");
  cmd->add_option("--vary-fraction", args->ensemble.vary_fraction,
                  "Scenario input: range of a fixed input named without LO:HI, as a share of its value")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->footer(
      "Examples:\n"
      "  detente forecast examples/ec10.csv --format json > ec10.json && detente report ec10.json -o ec10.html\n"
      "  detente report examples/ec10.csv -o ec10.html                 (forecasts with every model first)\n"
      "  detente report examples/iran-west-2014.toml --runs 500 --policy none --policy engage \\\n"
      "      --params trust.correlation=0:0.9 --params threat.growth -o flagship.html\n"
      "\n"
      "The page holds its data, the charting library (Vega-Lite) and its script: it loads nothing and\n"
      "opens the same without a network. The document it draws is described in docs/report.md.");
  cmd->callback([args, &exit_code] { exit_code = run_report(*args); });
}

}  // namespace detente::cli
