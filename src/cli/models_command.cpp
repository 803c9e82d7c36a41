// detente models: the registered stakeholder models, their citations and options.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "models/model.h"

namespace detente::cli {

void add_models_command(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("models", "List the stakeholder models, their sources and options");
  cmd->callback([&exit_code] {
    for (const auto& [name, info] : ModelRegistry::instance().all()) {
      fmt::print("{}\n  {}\n  source: {}\n", name, info.title, info.citation);
      for (const auto& p : info.params) {
        std::string choices;
        for (const auto& c : p.choices) choices += (choices.empty() ? "" : "|") + c;
        fmt::print("    --option {}={:<14} {}{}\n", p.name, p.default_value, p.help,
                   choices.empty() ? "" : " [" + choices + "]");
      }
      fmt::print("\n");
    }
    exit_code = kExitOk;
  });
}

}  // namespace detente::cli
