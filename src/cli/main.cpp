// The detente command line: a thin front end over the library.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "ensemble/ensemble.h"

namespace {

// CLI11 reads "-5" into an unsigned option as 2^64 - 5 and clamps "99999999999999999999999" to
// 2^64 - 1; an unsigned option takes the digits of a number that fits, or is refused.
std::string whole_number(std::string& text) {
  const bool digits =
      !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!digits) return "expected a whole number (0, 1, 2, ...), got '" + text + "'";
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size())
    return "'" + text + "' is larger than the largest allowed, 18446744073709551615";
  return {};
}

void require_whole_numbers(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_type_name().starts_with("UINT")) option->check(CLI::Validator(whole_number, "", "whole number"));
  }
  for (CLI::App* command : app.get_subcommands({})) require_whole_numbers(*command);
}

// CLI11's messages, in detente's form: what is wrong, then how to fix it.
int usage_error(const CLI::App& app, const CLI::ParseError& error) {
  const auto used = app.get_subcommands();
  const std::string command = used.empty() ? "detente" : "detente " + used.front()->get_name();
  std::cerr << "detente: error: " << error.what() << "\n"
            << "  fix: run '" << command << " --help' for the inputs and options it takes\n";
  return detente::cli::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "detente: model, simulate and forecast multi-actor negotiations.\n"
      "Run 'detente COMMAND --help' for a command's inputs, options and examples."};
  app.name("detente");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(DETENTE_VERSION));
#ifdef DETENTE_WITH_MPI
  const auto transport = detente::ensemble::mpi_transport(argc, argv);  // detente-mpi: ranks split the runs
#else
  const auto transport = detente::ensemble::local_transport();
#endif
  int exit_code = detente::cli::kExitOk;
  detente::cli::add_forecast_command(app, exit_code);
  detente::cli::add_models_command(app, exit_code);
  detente::cli::add_scenario_commands(app, exit_code, *transport);
  detente::cli::add_ensemble_commands(app, exit_code, *transport);
  detente::cli::add_games_commands(app, exit_code);
  detente::cli::add_report_command(app, exit_code);
  detente::cli::add_backtest_command(app, exit_code, *transport);
  detente::cli::add_events_command(app, exit_code);
  // After the commands, so that they do not inherit it.
  app.footer(
      "Getting started:\n"
      "  detente forecast examples/ec10.csv              every model on the EC example, as a table\n"
      "  detente forecast examples/ec10.csv --model median --format json\n"
      "  detente forecast --help                         input formats, models, options and output\n"
      "  detente models                                  the models, their sources and options\n"
      "  detente report examples/ec10.csv -o ec10.html   an HTML report with charts\n"
      "  detente check examples/iran-west-2014.toml      validate a scenario file\n"
      "  detente run examples/iran-west-2014.toml        one run of the flagship scenario, told as a story\n"
      "  detente run examples/iran-west-2014.toml --runs 100000 --out results.db   an ensemble\n"
      "  detente compare examples/iran-west-2014.toml --policy engage --policy none --runs 20000\n"
      "  detente match \"Tit For Tat\" \"Defector\"        a repeated game (also: tournament, moran, strategies)\n"
      "\n"
      "Input: a table of stakeholders: each actor's capability, and on each issue the position it\n"
      "wants and how much it cares (salience). Three formats, detected from the content:\n"
      "  csv     detente's CSV: a header Actor,Capability,Position,Salience[,Issue], a row per actor\n"
      "  decide  Stokman's Decide format: '#A', '#P', '#M' and '#D' rows\n"
      "  ktab    KTAB's Spatial Model of Politics CSV\n"
      "Output (--format): table (for people, the default), csv (tidy, one value per row) or json\n"
      "(the documented contract, docs/output.md).\n"
      "\n"
      "Exit status: 0 success; 2 bad input or usage (one message names the file, line and field,\n"
      "what was expected and how to fix it); 1 internal error (a bug: please report it).");

  require_whole_numbers(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(app, e);
  } catch (const std::exception& e) {
    std::cerr << "detente: internal error: " << e.what() << "\n"
              << "This is a bug in detente; please report it with the command you ran.\n";
    return detente::cli::kExitFailure;
  }
  return exit_code;
}
