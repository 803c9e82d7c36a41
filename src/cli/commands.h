// Each command of the detente program adds itself to the CLI11 app. A
// command's callback stores its exit status in `exit_code`:
// 0 success, 1 internal failure, 2 bad input or usage.
#pragma once

namespace CLI {
class App;
}
namespace detente::ensemble {
class Transport;
}

namespace detente::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

void add_forecast_command(CLI::App& app, int& exit_code);
void add_models_command(CLI::App& app, int& exit_code);
void add_scenario_commands(CLI::App& app, int& exit_code, ensemble::Transport& transport);
void add_ensemble_commands(CLI::App& app, int& exit_code, ensemble::Transport& transport);  // ensemble_commands.cpp
void add_games_commands(CLI::App& app, int& exit_code);  // match, tournament, moran, strategies
void add_report_command(CLI::App& app, int& exit_code);
void add_backtest_command(CLI::App& app, int& exit_code, ensemble::Transport& transport);
void add_events_command(CLI::App& app, int& exit_code);  // events_command.cpp

}  // namespace detente::cli
