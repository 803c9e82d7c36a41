// detente forecast FILE [--model NAME ...]: stakeholder bargaining models on a table, once or, with
// --runs N, as a Monte Carlo ensemble over perturbed copies of it (forecast_ensemble.cpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/fail.h"
#include "cli/forecast_ensemble.h"
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
  std::vector<std::string> options;  // name=value
  std::optional<long long> rounds;
  std::optional<double> tolerance;
  std::optional<unsigned long long> seed;
  bool trace = false;
  // Ensembles (--runs N).
  std::optional<std::uint64_t> runs;
  int threads = 0;
  std::vector<std::string> perturb;
  std::vector<std::string> thresholds;
  std::string out;
  bool per_run = false;
};

Result<std::map<std::string, std::string>> collect_options(const ForecastArgs& args) {
  std::map<std::string, std::string> given;
  for (const auto& option : args.options) {
    const auto eq = option.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error{.field = "--option",
                   .problem = "expected NAME=VALUE, got '" + option + "'",
                   .fix = "write for example --option compromise_choice=least_move"};
    }
    given[option.substr(0, eq)] = option.substr(eq + 1);
  }
  if (args.rounds) given["rounds"] = std::to_string(*args.rounds);
  if (args.tolerance)
    given["tolerance"] = fmt::format("{}", *args.tolerance);                // to_string would print 1e-9 as 0.000000
  if (args.seed && !args.runs) given["seed"] = std::to_string(*args.seed);  // with --runs: the ensemble's seed
  return given;
}

// With several models, an option belongs to whichever model declares it; one
// that no selected model knows is an error, not silently ignored (--rounds
// with only static models included).
Result<bool> check_options_known(const std::vector<std::string>& models,
                                 const std::map<std::string, std::string>& given) {
  static const std::vector<std::string> kOwnFlags = {"rounds", "tolerance", "seed"};
  for (const auto& [name, value] : given) {
    bool known = false;
    for (const auto& model : models) {
      const ModelInfo* info = ModelRegistry::instance().find(model);
      for (const auto& p : info->params) known = known || p.name == name;
    }
    if (!known) {
      const bool own_flag = std::find(kOwnFlags.begin(), kOwnFlags.end(), name) != kOwnFlags.end();
      std::string selected;
      for (const auto& model : models) selected += (selected.empty() ? "" : ", ") + model;
      return Error{.field = own_flag ? "--" + name : "--option " + name,
                   .problem = "none of the selected models (" + selected + ") has an option '" + name + "'",
                   .fix =
                       "choose a model that has it with --model, or drop the option; 'detente forecast --help' "
                       "lists each model's options"};
    }
  }
  return true;
}

// The options that only an ensemble reads, when --runs is absent.
Result<bool> check_single_run(const ForecastArgs& args) {
  const std::vector<std::pair<bool, std::string>> ensemble_only = {{!args.perturb.empty(), "--perturb"},
                                                                   {!args.thresholds.empty(), "--threshold"},
                                                                   {!args.out.empty(), "--out"},
                                                                   {args.per_run, "--per-run"},
                                                                   {args.threads != 0, "--threads"}};
  for (const auto& [given, name] : ensemble_only) {
    if (!given) continue;
    return Error{.field = name,
                 .problem = name + " applies to ensembles, and --runs was not given",
                 .fix = "add --runs N (for example --runs 1000) to run the table N times, or drop " + name};
  }
  return true;
}

int run_forecast(const ForecastArgs& args) {
  if (!args.runs) {
    if (auto single = check_single_run(args); !single) return fail(single.error());
  }
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

  if (args.runs) {
    std::vector<std::string> applicable;
    for (const auto& name : names) {
      const ModelInfo& info = *ModelRegistry::instance().find(name);
      if (all && problem->issues.size() < info.min_issues) continue;  // noted as for a single run, below
      applicable.push_back(name);
    }
    std::vector<std::string> notes;  // printed once the ensemble's options are found good
    for (const auto& name : names) {
      if (std::find(applicable.begin(), applicable.end(), name) == applicable.end()) {
        notes.push_back("model '" + name + "' skipped: it needs at least " +
                        std::to_string(ModelRegistry::instance().find(name)->min_issues) + " issues and " + args.file +
                        " has " + std::to_string(problem->issues.size()));
      }
    }
    const TableEnsembleArgs ensemble{.file = args.file,
                                     .input_format = args.input_format,
                                     .format = args.format,
                                     .runs = *args.runs,
                                     .seed = args.seed.value_or(1),
                                     .threads = args.threads,
                                     .perturb = args.perturb,
                                     .thresholds = args.thresholds,
                                     .out = args.out,
                                     .per_run = args.per_run,
                                     .notes = notes};
    return run_table_ensemble(ensemble, *problem, applicable, *given);
  }

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
    if (!args.trace) result->trace.clear();  // the step-by-step detail only when asked for
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

// Wraps `text` to `width` columns, every line after the first indented by `indent` spaces.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 100) {
  std::string out;
  std::size_t column = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}

// The models and their options, from the registry, so that the help lists every model there is.
std::string models_help() {
  std::string out = "Models (--model NAME, repeatable; default: every model the file has enough issues for):\n";
  std::size_t name_width = 0;
  for (const auto& [name, info] : ModelRegistry::instance().all()) name_width = std::max(name_width, name.size());
  for (const auto& [name, info] : ModelRegistry::instance().all()) {
    out += "  " + fmt::format("{:<{}}", name, name_width + 2) + wrap(info.title, name_width + 4) + "\n";
    for (const auto& p : info.params) {
      std::string choices;
      for (const auto& c : p.choices) choices += (choices.empty() ? "" : "|") + c;
      out += "      -O " + p.name + "=" + p.default_value + "  " +
             wrap(p.help + (choices.empty() ? "" : " [" + choices + "]"), 10) + "\n";
    }
  }
  return out + "  'detente models' adds each model's publication.\n";
}

std::string forecast_footer() {
  return "What it does:\n"
         "  Reads a table of stakeholders (who they are, their capability, the position each wants on\n"
         "  each issue and how much they care about it: the salience) and predicts the outcome of every\n"
         "  issue with bargaining models. A static model (compromise, median) computes the forecast\n"
         "  directly; a dynamic model simulates rounds of bargaining from the positions in the file.\n"
         "\n"
         "Input formats (detected from the content; force one with --input-format):\n"
         "  csv     detente's stakeholder CSV: a header row, then one row per actor (per actor and\n"
         "          issue when there is an Issue column):\n"
         "              Actor,Capability,Position,Salience\n"
         "              Germany,0.16,4,0.8\n"
         "              France,0.16,10,0.6\n"
         "          Columns in any order and any case: Actor (or Stakeholder, Name), Capability (or\n"
         "          Clout, Influence, Power, Resources), Position, Salience, and optionally Issue; other\n"
         "          columns are not read (a note lists them). The separator is a comma, a semicolon or a\n"
         "          tab, whichever the header uses; a value that contains it goes in double quotes.\n"
         "          Decimals take a point (0.5, not 0,5). Lines starting with # are comments.\n"
         "          Optional uncertainty columns, read only by ensembles (--runs): Position_sd, Salience_sd\n"
         "          and Capability_sd, each stake's standard deviation in its column's units (0 for none);\n"
         "          each run then draws that value from a normal truncated to its range.\n"
         "          Capability: 0 or more, on any scale. Position: any number; an issue's scale is the\n"
         "          range of its positions. Salience: 0-1, or 0-100 if any value is above 1 (a note\n"
         "          says which was assumed).\n"
         "  decide  Stokman's Decide format: one row per line, fields separated by tabs (or\n"
         "          semicolons), optionally in single quotes:\n"
         "              '#A' 'id' 'name' 'comment'                     an actor\n"
         "              '#P' 'id' 'name' 'description'                 an issue\n"
         "              '#M' 'issue' value 'meaning'                   a point of the issue's scale\n"
         "              '#D' 'actor' 'issue' position salience power   an actor's stake in an issue\n"
         "          Declare actors and issues before their '#D' rows. An issue's scale spans its '#M'\n"
         "          points (0-100 without any). '#/' rows are comments; '#O' rows are skipped.\n"
         "  ktab    KTAB's Spatial Model of Politics CSV: row 1 = scenario name, description, number\n"
         "          of actors, number of dimensions; row 2 = header; then one row per actor: name,\n"
         "          description, capability, and a position and a salience per dimension, each on\n"
         "          0-100, an actor's saliences summing to at most 100. Each dimension is an issue on\n"
         "          the scale 0-100.\n"
         "  ktab-xml  KTAB's XML scenario (KTAB's smpSchema.xsd): Actors, Dimensions and an\n"
         "          actor-by-dimension position and salience matrix; its ModelParameters set smp's\n"
         "          options (an -O option given here wins).\n"
         "  Every format is UTF-8 text; a byte-order mark and CRLF line endings are fine.\n"
         "\n" +
         models_help() +
         "\n"
         "Output (--format):\n"
         "  table   for people (the default): per issue, each model's forecast, its number of rounds,\n"
         "          and the capability x salience weighted mean and median of the final positions;\n"
         "          then, for dynamic models, every actor's position round by round.\n"
         "  csv     tidy long form, one value per row: model,issue,round,kind,actor,value, where kind\n"
         "          is position, probability, mean, median or forecast.\n"
         "  json    one object per model (an array for several models): the model, every option it\n"
         "          used, and per issue its scale, rounds (round 0 holds the input positions, round k\n"
         "          the positions after round k, each with the weighted mean and median) and the\n"
         "          forecast; input.notes records what the reader assumed; trace, the model's detail\n"
         "          when it records any. See docs/output.md.\n"
         "\n"
         "Ensembles (--runs N):\n"
         "  Every selected model runs N times, run i on a copy of the table perturbed with the random\n"
         "  stream (seed, i): the same numbers for any --threads. --perturb SPEC (repeatable) says what\n"
         "  moves; the uncertainty columns of a CSV apply where no spec does. SPEC is\n"
         "  FIELD[.ACTOR[.ISSUE]]=DIST:\n"
         "    FIELD   position, salience or capability; ACTOR an actor of the table or * for all;\n"
         "            ISSUE an issue (not for capability, which moves together on every issue). A spec\n"
         "            that names more wins over one that names less; among equals, the later one.\n"
         "    DIST    normal(SD)       additive noise, standard deviation SD\n"
         "            uniform(H)       additive, uniform within +-H\n"
         "            triangular(H)    additive, within +-H, peaked at 0\n"
         "            lognormal(S)     multiplies by exp(N(0, S^2)), median 1 (salience, capability)\n"
         "            none             no noise (e.g. to hold one actor fixed)\n"
         "            SD and H in the field's units, or in percent of the range: normal(5%) is 5% of\n"
         "            the issue's scale (positions) or of 0-1 (saliences).\n"
         "  Positions stay on their issue's scale, saliences in 0-1 and capabilities at 0 or more:\n"
         "  each distribution is truncated to that range (drawn by its inverse CDF between the bounds),\n"
         "  never clamped onto a bound. In a CSV an issue's scale is the range of its positions, so the\n"
         "  actors at its ends can only move inward. Reported per model and issue: the forecast on the\n"
         "  table as written, the mean, sd and 5/25/50/75/95% quantiles of the forecast over the runs,\n"
         "  and with --threshold ISSUE=VALUE (VALUE alone for a one-issue table) the probability, with\n"
         "  its Wilson 95% interval, that the forecast lands above and below VALUE. --out results.db\n"
         "  writes a new SQLite database (docs/results.md); --per-run adds every run's forecasts.\n"
         "  Memory does not grow with N. All models of a run share its table; models with a seed get\n"
         "  a fresh one each run. --format table, csv or json: see docs/output.md.\n"
         "\n"
         "Examples:\n"
         "  detente forecast examples/ec10.csv                         every model, as a table\n"
         "  detente forecast examples/ec10.csv --model median --format json\n"
         "  detente forecast examples/ec10.csv --model eu --rounds 20 --format csv > rounds.csv\n"
         "  detente forecast examples/decide-sample.tsv --model exchange --trace\n"
         "  detente forecast examples/SOE-Pol-Comp.csv --input-format ktab\n"
         "  detente forecast examples/ec10.csv --model compromise --runs 2000 --perturb 'position=normal(1)' "
         "--threshold 7\n"
         "  detente forecast examples/ec10.csv --model eu --runs 200 --perturb 'salience=normal(10%)' --format json\n"
         "\n"
         "Exit status: 0 success; 2 bad input or usage: one message on standard error names the file,\n"
         "line and field, what was found and expected, and how to fix it, and nothing is written to\n"
         "standard output; 1 internal error (a bug in detente: please report it).";
}

}  // namespace

void add_forecast_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ForecastArgs>();
  CLI::App* cmd = app.add_subcommand(
      "forecast", "Forecast the outcome of each issue of a stakeholder table with bargaining models");
  cmd->add_option("FILE", args->file, "The stakeholder table: csv, decide, ktab or ktab-xml (see Input formats below)")
      ->required();
  cmd->add_option("-m,--model", args->models, "A model to run (repeatable; default: all that apply); listed below")
      ->type_name("NAME");
  cmd->add_option("--input-format", args->input_format, "How to read FILE; default auto: detected from the content")
      ->check(CLI::IsMember({"auto", "csv", "decide", "ktab", "ktab-xml"}));
  cmd->add_option("-f,--format", args->format, "Output: table (default, for people), csv (tidy) or json; see below")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--rounds", args->rounds, "Rounds for dynamic models (each has its own default)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tolerance", args->tolerance, "Stop a dynamic model once no position moves by more than this")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", args->seed,
                  "Seed for models with random choices (same seed, same result); with --runs, the ensemble's "
                  "seed (default 1)");
  cmd->add_option("-O,--option", args->options, "A model option (repeatable); the options are listed below")
      ->type_name("NAME=VALUE");
  cmd->add_flag("--trace", args->trace, "Show each model's step-by-step detail in the table");
  cmd->add_option("--runs", args->runs, "Run an ensemble: each model N times on perturbed copies of the table")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  cmd->add_option("--perturb", args->perturb,
                  "What moves in each run (repeatable): FIELD[.ACTOR[.ISSUE]]=DIST, e.g. position=normal(5); "
                  "see Ensembles below")
      ->type_name("SPEC");
  cmd->add_option("--threshold", args->thresholds,
                  "With --runs: report the probability that the forecast is above and below VALUE (repeatable)")
      ->type_name("ISSUE=VALUE");
  cmd->add_option("--threads", args->threads, "With --runs: runs computed at once (default: the cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--out", args->out, "With --runs: write the ensemble to this new SQLite database")
      ->type_name("FILE.db");
  cmd->add_flag("--per-run", args->per_run, "With --out: also keep every run's forecasts");
  cmd->footer(forecast_footer());
  cmd->callback([args, &exit_code] { exit_code = run_forecast(*args); });
}

}  // namespace detente::cli
