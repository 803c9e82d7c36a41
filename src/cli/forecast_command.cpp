// detente forecast FILE [--model NAME ...]: stakeholder bargaining models on a table.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "io/stakeholder_reader.h"
#include "models/model.h"
#include "output/forecast_writer.h"

namespace detente::cli {
namespace {

struct ForecastArgs {
  std::string file;
  std::vector<std::string> models;
  std::string input_format = "auto";
  std::string format = "table";
  std::vector<std::string> options;   // name=value
  std::optional<long long> rounds;
  std::optional<double> tolerance;
  std::optional<unsigned long long> seed;
  bool trace = false;
};

int fail(const Error& error) {
  std::cerr << "detente: error: " << error.message() << "\n";
  return kExitBadInput;
}

Result<std::map<std::string, std::string>> collect_options(const ForecastArgs& args) {
  std::map<std::string, std::string> given;
  for (const auto& option : args.options) {
    const auto eq = option.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error{.field = "--option", .problem = "expected NAME=VALUE, got '" + option + "'",
                   .fix = "write for example --option compromise_choice=least_move"};
    }
    given[option.substr(0, eq)] = option.substr(eq + 1);
  }
  if (args.rounds) given["rounds"] = std::to_string(*args.rounds);
  if (args.tolerance) given["tolerance"] = std::to_string(*args.tolerance);
  if (args.seed) given["seed"] = std::to_string(*args.seed);
  return given;
}

// With several models, an --option belongs to whichever model declares it; one
// that no selected model knows is an error.
Result<bool> check_options_known(const std::vector<std::string>& models, const std::map<std::string, std::string>& given) {
  static const std::vector<std::string> kShared = {"rounds", "tolerance", "seed"};
  for (const auto& [name, value] : given) {
    if (std::find(kShared.begin(), kShared.end(), name) != kShared.end()) continue;
    bool known = false;
    for (const auto& model : models) {
      const ModelInfo* info = ModelRegistry::instance().find(model);
      for (const auto& p : info->params) known = known || p.name == name;
    }
    if (!known) {
      return Error{.field = "--option " + name, .problem = "none of the selected models has an option '" + name + "'",
                   .fix = "run 'detente models' to see each model's options"};
    }
  }
  return true;
}

int run_forecast(const ForecastArgs& args) {
  auto format = io::parse_input_format(args.input_format);
  if (!format) return fail(format.error());
  auto problem = io::read_stakeholders(args.file, *format);
  if (!problem) return fail(problem.error());
  auto given = collect_options(args);
  if (!given) return fail(given.error());

  const bool all = args.models.empty() || (args.models.size() == 1 && args.models.front() == "all");
  std::vector<std::string> names = all ? ModelRegistry::instance().names() : args.models;
  for (const auto& name : names) {
    if (ModelRegistry::instance().find(name) == nullptr) {
      std::string known;
      for (const auto& n : ModelRegistry::instance().names()) known += (known.empty() ? "" : ", ") + n;
      return fail(Error{.field = "--model", .problem = "no model named '" + name + "'", .fix = "use one of: " + known});
    }
  }
  if (auto known = check_options_known(names, *given); !known) return fail(known.error());

  std::vector<ForecastResult> results;
  for (const auto& name : names) {
    const ModelInfo& info = *ModelRegistry::instance().find(name);
    if (all && problem->issues.size() < info.min_issues) {
      std::cerr << "detente: note: model '" << name << "' skipped: it needs at least " << info.min_issues
                << " issues and " << args.file << " has " << problem->issues.size() << "\n";
      continue;
    }
    auto result = run_model(name, *problem, *given, /*ignore_unknown=*/true);
    if (!result) return fail(result.error());
    results.push_back(std::move(*result));
  }
  if (args.format == "json") {
    output::write_forecast_json(std::cout, *problem, results);
  } else if (args.format == "csv") {
    output::write_forecast_csv(std::cout, results);
  } else {
    output::write_forecast_table(std::cout, *problem, results, args.trace);
  }
  return kExitOk;
}

}  // namespace

void add_forecast_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ForecastArgs>();
  CLI::App* cmd = app.add_subcommand("forecast", "Forecast the outcome of each issue of a stakeholder table with bargaining models");
  cmd->add_option("FILE", args->file, "Stakeholder table: detente CSV, Decide (.tsv), KTAB CSV or KTAB XML")->required();
  cmd->add_option("-m,--model", args->models,
                  "Model to run (repeatable; default: every model that applies). Run 'detente models' for the list");
  cmd->add_option("--input-format", args->input_format, "Input format; detected from the content by default")
      ->check(CLI::IsMember({"auto", "csv", "decide", "ktab", "ktab-xml"}));
  cmd->add_option("-f,--format", args->format, "Output: table for people, json (the documented contract), or tidy csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--rounds", args->rounds, "Rounds for dynamic models (eu, exchange, smp: each has its own default)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tolerance", args->tolerance,
                  "Stop a dynamic model early when no position moves by more than this")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", args->seed, "Seed for models with random choices (e.g. exchange tie-breaking)");
  cmd->add_option("-O,--option", args->options, "A model option as NAME=VALUE (repeatable); see 'detente models'");
  cmd->add_flag("--trace", args->trace, "Print each model's step-by-step detail");
  cmd->footer(
      "Input formats (detected from the content; override with --input-format):\n"
      "  csv     a header row with Actor (or Stakeholder, Name), Capability (or Clout, Influence,\n"
      "          Power, Resources), Position, Salience, and optionally Issue; one row per actor\n"
      "          (per actor and issue). Salience on 0-1, or on 0-100 if any value is above 1.\n"
      "          Each issue's scale is the range of its positions.\n"
      "  decide  Stokman's Decide format: tab-separated '#A', '#P', '#M', '#D' rows.\n"
      "  ktab    KTAB's Spatial Model of Politics CSV; each dimension is an issue on 0-100.\n"
      "  ktab-xml  KTAB's XML scenario (smpSchema.xsd); its ModelParameters set smp's options.\n"
      "\n"
      "Examples:\n"
      "  detente forecast examples/ec10.csv\n"
      "  detente forecast examples/ec10.csv --model eu --rounds 20 --format json\n"
      "  detente forecast examples/ec10.csv --model eu -O compromise_choice=least_move\n"
      "  detente forecast examples/decide-sample.tsv --model exchange --trace\n"
      "\n"
      "The JSON output is documented in docs/output.md. Bad input stops with exit status 2 and a\n"
      "message naming the file, line and field, what was expected and how to fix it.");
  cmd->callback([args, &exit_code] { exit_code = run_forecast(*args); });
}

}  // namespace detente::cli
