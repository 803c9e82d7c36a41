// The detente command line: a thin front end over the library.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "ensemble/ensemble.h"

int main(int argc, char** argv) {
  CLI::App app{
      "detente: model, simulate and forecast multi-actor negotiations.\n"
      "Run 'detente COMMAND --help' for a command's options and examples."};
  app.name("detente");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(DETENTE_VERSION));
  app.footer(
      "Examples:\n"
      "  detente forecast examples/ec10.csv                 every stakeholder model on a table\n"
      "  detente forecast examples/ec10.csv --model eu --format json\n"
      "  detente models                                     the models and their options\n"
      "  detente run examples/iran-west-2014.toml --runs 100000 --out results.db   an ensemble\n"
      "  detente compare examples/iran-west-2014.toml --policy engage --policy none --runs 20000\n"
      "Exit status: 0 success, 2 bad input or usage (the message names the file, line and field), 1 internal error.");

#ifdef DETENTE_WITH_MPI
  const auto transport = detente::ensemble::mpi_transport(argc, argv);   // detente-mpi: ranks split the runs
#else
  const auto transport = detente::ensemble::local_transport();
#endif
  int exit_code = detente::cli::kExitOk;
  detente::cli::add_forecast_command(app, exit_code);
  detente::cli::add_models_command(app, exit_code);
  detente::cli::add_scenario_commands(app, exit_code, *transport);
  detente::cli::add_ensemble_commands(app, exit_code, *transport);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return detente::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "detente: internal error: " << e.what() << "\n"
              << "This is a bug in detente; please report it with the command you ran.\n";
    return detente::cli::kExitFailure;
  }
  return exit_code;
}
