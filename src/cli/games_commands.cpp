// detente match | tournament | moran | strategies: the repeated-game engine
// (src/games/) on the command line.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/fail.h"
#include "games/match.h"
#include "games/moran.h"
#include "games/registry.h"
#include "games/tournament.h"

namespace detente::cli {
namespace {

using nlohmann::ordered_json;
using namespace detente::games;

// Whole numbers print as integers ("199", not "199.0").
ordered_json number(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 9e15) return static_cast<long long>(x);
  return x;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!trim(item).empty()) names.push_back(trim(item));
  }
  return names;
}

// The options every game command shares.
struct GameArgs {
  std::string game = "pd";
  std::string payoffs;  // "R,S,T,P"
  int turns = 200;
  std::optional<double> continuation;
  double noise = 0.0;
  std::uint64_t seed = 0;
  std::string format = "table";
};

void add_game_options(CLI::App* cmd, GameArgs& args, const std::string& formats) {
  cmd->add_option("--turns", args.turns, "Turns per match (default 200)");
  cmd->add_option("--continuation", args.continuation,
                  "Instead of a fixed length: probability w that another turn follows (mean length 1/(1-w)); "
                  "players are not told the length");
  cmd->add_option("--noise", args.noise, "Probability that each move is flipped (default 0)");
  cmd->add_option("--seed", args.seed, "Seed for noise and stochastic strategies (default 0)");
  cmd->add_option("--game", args.game, "Stage game: pd (default), stag-hunt, chicken, harmony, symmetric")
      ->check(CLI::IsMember({"pd", "stag-hunt", "chicken", "harmony", "symmetric"}));
  cmd->add_option("--payoffs", args.payoffs, "R,S,T,P for the stage game (default: Axelrod's 3,0,5,1 for pd)");
  std::vector<std::string> choices;
  std::stringstream ss(formats);
  std::string f;
  while (std::getline(ss, f, '|')) choices.push_back(f);
  cmd->add_option("-f,--format", args.format, "Output: " + formats)->check(CLI::IsMember(choices));
}

Result<StageGame> make_game(const GameArgs& args) {
  std::optional<SymmetricPayoffs> p;
  if (!args.payoffs.empty()) {
    std::vector<double> values;
    for (const auto& item : split_names(args.payoffs)) {
      char* end = nullptr;
      const double v = std::strtod(item.c_str(), &end);
      if (end != item.c_str() + item.size()) {
        return Error{.field = "--payoffs",
                     .problem = "'" + item + "' is not a number",
                     .fix = "write for example --payoffs 3,0,5,1"};
      }
      values.push_back(v);
    }
    if (values.size() != 4) {
      return Error{.field = "--payoffs",
                   .problem = fmt::format("expected 4 numbers R,S,T,P, got {}", values.size()),
                   .fix = "write for example --payoffs 3,0,5,1"};
    }
    p = SymmetricPayoffs{values[0], values[1], values[2], values[3]};
  }
  if (args.game == "stag-hunt") return p ? StageGame::stag_hunt(*p) : StageGame::stag_hunt();
  if (args.game == "chicken") return p ? StageGame::chicken(*p) : StageGame::chicken();
  if (args.game == "harmony") return p ? StageGame::harmony(*p) : StageGame::harmony();
  if (args.game == "symmetric") return StageGame::symmetric(p.value_or(kAxelrodPayoffs));
  return p ? StageGame::prisoners_dilemma(*p) : StageGame::prisoners_dilemma();
}

MatchOptions match_options(const GameArgs& args) {
  return {.turns = args.turns, .continuation = args.continuation, .noise = args.noise, .seed = args.seed};
}

ordered_json game_json(const StageGame& game) {
  const SymmetricPayoffs p = game.payoffs_for(0);
  return {{"name", game.name()}, {"R", number(p.R)}, {"S", number(p.S)}, {"T", number(p.T)}, {"P", number(p.P)}};
}

ordered_json options_json(const GameArgs& args, const StageGame& game) {
  ordered_json o = {{"turns", args.turns}};
  if (args.continuation) o = {{"continuation", *args.continuation}};
  o["noise"] = args.noise;
  o["seed"] = args.seed;
  o["game"] = game_json(game);
  return o;
}

// ---- match ----------------------------------------------------------------

struct MatchArgs {
  std::string a;
  std::string b;
  GameArgs game;
};

int run_match(const MatchArgs& args) {
  auto a = make_strategy(args.a);
  if (!a) return fail(a.error());
  auto b = make_strategy(args.b);
  if (!b) return fail(b.error());
  auto game = make_game(args.game);
  if (!game) return fail(game.error());
  auto m = play_match(*a, *b, *game, match_options(args.game));
  if (!m) return fail(m.error());
  if (args.game.format == "json") {
    ordered_json out = {{"players", {m->players[0], m->players[1]}},
                        {"scores", {number(m->scores[0]), number(m->scores[1])}},
                        {"cooperation", {m->cooperation_rate(0), m->cooperation_rate(1)}},
                        {"moves", m->moves_string()},
                        {"turns", m->turns()},
                        {"options", options_json(args.game, *game)}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  fmt::print("{} turns of the {}, noise {}, seed {}\n\n", m->turns(), game->name(), args.game.noise, args.game.seed);
  fmt::print("{:<32} {:>10} {:>10} {:>12}\n", "player", "score", "per turn", "cooperation");
  for (int i = 0; i < 2; ++i) {
    fmt::print("{:<32} {:>10} {:>10.4f} {:>12.4f}\n", m->players[static_cast<std::size_t>(i)],
               number(m->scores[static_cast<std::size_t>(i)]).dump(), m->score_per_turn(i), m->cooperation_rate(i));
  }
  fmt::print("\nmoves (first player first):\n{}\n", m->moves_string());
  return kExitOk;
}

// ---- tournament -----------------------------------------------------------

struct TournamentArgs {
  std::string players;
  int repetitions = 5;
  int threads = 0;
  GameArgs game;
};

int run_tournament_command(const TournamentArgs& args) {
  auto players = make_strategies(split_names(args.players));
  if (!players) return fail(players.error());
  auto game = make_game(args.game);
  if (!game) return fail(game.error());
  const TournamentOptions options{
      .match = match_options(args.game), .repetitions = args.repetitions, .threads = args.threads};
  auto result = run_tournament(*players, *game, options);
  if (!result) return fail(result.error());
  if (args.game.format == "json") {
    ordered_json ranking = ordered_json::array();
    for (const int i : result->ranking) {
      const Standing& s = result->standings[static_cast<std::size_t>(i)];
      ordered_json scores = ordered_json::array();
      for (const double x : s.scores) scores.push_back(number(x));
      ranking.push_back({{"rank", s.rank},
                         {"name", s.name},
                         {"median_score_per_turn", s.median_score_per_turn},
                         {"mean_score_per_turn", s.mean_score_per_turn},
                         {"wins", s.total_wins},
                         {"cooperation", s.cooperation},
                         {"scores", scores}});
    }
    ordered_json out = {{"players", result->players},
                        {"repetitions", result->repetitions},
                        {"options", options_json(args.game, *game)},
                        {"ranking", ranking},
                        {"payoff_matrix", result->payoff_matrix}};
    std::cout << out.dump(2) << "\n";
  } else if (args.game.format == "csv") {
    fmt::print("rank,name,median_score_per_turn,mean_score_per_turn,wins,cooperation\n");
    for (const int i : result->ranking) {
      const Standing& s = result->standings[static_cast<std::size_t>(i)];
      const bool quote = s.name.find_first_of(",\"") != std::string::npos;
      fmt::print("{},{},{},{},{},{}\n", s.rank, quote ? "\"" + s.name + "\"" : s.name, s.median_score_per_turn,
                 s.mean_score_per_turn, s.total_wins, s.cooperation);
    }
  } else {
    fmt::print("Round robin of {} players, {} repetitions, the {}, noise {}, seed {}\n", result->players.size(),
               result->repetitions, game->name(), args.game.noise, args.game.seed);
    fmt::print("Ranked by the median over repetitions of the mean score per turn against the others.\n\n");
    fmt::print("{:>4}  {:<34} {:>10} {:>10} {:>6} {:>12}\n", "rank", "player", "median", "mean", "wins", "cooperation");
    for (const int i : result->ranking) {
      const Standing& s = result->standings[static_cast<std::size_t>(i)];
      fmt::print("{:>4}  {:<34} {:>10.4f} {:>10.4f} {:>6} {:>12.4f}\n", s.rank, s.name, s.median_score_per_turn,
                 s.mean_score_per_turn, s.total_wins, s.cooperation);
    }
  }
  return kExitOk;
}

// ---- moran ----------------------------------------------------------------

struct MoranArgs {
  std::string players;  // "Name=count,..."
  double mutation_rate = 0.0;
  int max_steps = 100000;
  int runs = 1;
  GameArgs game;
};

Result<std::vector<Player>> make_population(const std::string& list) {
  std::vector<Player> population;
  for (const auto& item : split_names(list)) {
    std::string name = item;
    int count = 1;
    if (const auto eq = item.rfind('='); eq != std::string::npos) {
      name = trim(item.substr(0, eq));
      const std::string text = trim(item.substr(eq + 1));
      char* end = nullptr;
      const long v = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || end != text.c_str() + text.size() || v < 1 || v > 10000) {
        return Error{.field = "--players",
                     .problem = fmt::format("'{}': the count after '=' must be a whole number from 1 to 10000", item),
                     .fix = "write for example --players \"Tit For Tat=3,Defector=1\""};
      }
      count = static_cast<int>(v);
    }
    auto player = make_strategy(name);
    if (!player) return player.error();
    for (int k = 0; k < count; ++k) population.push_back(*player);
  }
  return population;
}

int run_moran_command(const MoranArgs& args) {
  auto population = make_population(args.players);
  if (!population) return fail(population.error());
  auto game = make_game(args.game);
  if (!game) return fail(game.error());
  if (args.runs < 1)
    return fail(Error{.field = "--runs", .problem = "at least one run is needed", .fix = "give --runs 1 or more"});
  std::vector<MoranResult> results;
  for (int r = 0; r < args.runs; ++r) {
    const MoranOptions options{.match = match_options(args.game),
                               .mutation_rate = args.mutation_rate,
                               .max_steps = args.max_steps,
                               .seed = args.game.seed,
                               .stream = static_cast<std::uint64_t>(r)};
    auto result = run_moran(*population, *game, options);
    if (!result) return fail(result.error());
    results.push_back(std::move(*result));
  }
  const auto& types = results.front().types;
  std::map<std::string, int> fixations;
  int unfinished = 0;
  double steps = 0.0;
  for (const auto& r : results) {
    if (r.fixated) {
      ++fixations[types[static_cast<std::size_t>(*r.fixated)]];
    } else {
      ++unfinished;
    }
    steps += r.steps;
  }
  ordered_json start = ordered_json::object();
  for (std::size_t t = 0; t < types.size(); ++t) start[types[t]] = results.front().populations.front()[t];
  if (args.game.format == "json") {
    ordered_json fixed = ordered_json::object();
    for (const auto& t : types) fixed[t] = fixations[t];
    ordered_json out = {{"population", start},
                        {"runs", args.runs},
                        {"mutation_rate", args.mutation_rate},
                        {"options", options_json(args.game, *game)},
                        {"fixations", fixed},
                        {"unfinished", unfinished},
                        {"mean_steps", steps / args.runs}};
    if (args.runs == 1) {
      out["winner"] = results.front().fixated ? ordered_json(types[static_cast<std::size_t>(*results.front().fixated)])
                                              : ordered_json(nullptr);
      out["trajectory"] = results.front().populations;
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  fmt::print("Moran process (birth-death), population of {}, {} run(s), mutation rate {}, the {}\n\n",
             population->size(), args.runs, args.mutation_rate, game->name());
  fmt::print("{:<34} {:>8} {:>10}\n", "type", "start", "fixations");
  for (std::size_t t = 0; t < types.size(); ++t) {
    fmt::print("{:<34} {:>8} {:>10}\n", types[t], results.front().populations.front()[t], fixations[types[t]]);
  }
  fmt::print("\nruns that did not fixate within {} steps: {}; mean steps {:.1f}\n", args.max_steps, unfinished,
             steps / args.runs);
  return kExitOk;
}

// ---- strategies -----------------------------------------------------------

int run_strategies(const std::string& format) {
  const auto& catalogue = strategy_catalogue();
  const auto depth = [](int d) { return d == kUnboundedMemory ? std::string("inf") : std::to_string(d); };
  if (format == "json") {
    ordered_json out = ordered_json::array();
    for (const auto& s : catalogue) {
      out.push_back(
          {{"name", s.name},
           {"memory_depth", s.memory_depth == kUnboundedMemory ? ordered_json(nullptr) : ordered_json(s.memory_depth)},
           {"stochastic", s.stochastic},
           {"uses_length", s.uses_length},
           {"uses_game", s.uses_game},
           {"family", s.family},
           {"description", s.description},
           {"citation", s.citation}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  fmt::print(
      "{} strategies (names as in the Axelrod library; 'Cycler: CCD', 'Random: 0.3', 'GTFT: 0.25' also work)\n\n",
      catalogue.size());
  fmt::print("{:<32} {:>6} {:>10}  {}\n", "name", "memory", "stochastic", "description");
  for (const auto& s : catalogue) {
    fmt::print("{:<32} {:>6} {:>10}  {}\n", s.name, depth(s.memory_depth), s.stochastic ? "yes" : "no", s.description);
  }
  return kExitOk;
}

}  // namespace

void add_games_commands(CLI::App& app, int& exit_code) {
  auto match = std::make_shared<MatchArgs>();
  CLI::App* m = app.add_subcommand("match", "Play a repeated game between two strategies");
  m->add_option("PLAYER_A", match->a, "First strategy, e.g. \"Tit For Tat\" (see 'detente strategies')")->required();
  m->add_option("PLAYER_B", match->b, "Second strategy")->required();
  add_game_options(m, match->game, "table|json");
  m->footer(
      "Examples:\n  detente match \"Tit For Tat\" \"Defector\" --turns 200 --format json\n"
      "  detente match \"Tit For Tat\" \"Tit For Tat\" --noise 0.01 --seed 3\n"
      "JSON: {\"players\": [A, B], \"scores\": [a, b], \"cooperation\": [rate A, rate B], \"moves\": \"CD DD ...\", "
      "...}");
  m->callback([match, &exit_code] { exit_code = run_match(*match); });

  auto tournament = std::make_shared<TournamentArgs>();
  CLI::App* t =
      app.add_subcommand("tournament", "Round-robin tournament with repetitions, ranked as the Axelrod library ranks");
  t->add_option("--players", tournament->players, "Comma-separated strategy names")->required();
  t->add_option("--repetitions", tournament->repetitions, "Repetitions of the round robin (default 5)");
  t->add_option("--threads", tournament->threads, "Threads (default: all cores; results do not depend on it)");
  add_game_options(t, tournament->game, "table|json|csv");
  t->footer(
      "Example:\n  detente tournament --players \"Tit For Tat,Grudger,Defector,Random\" --turns 200 --repetitions 5 "
      "--seed 1");
  t->callback([tournament, &exit_code] { exit_code = run_tournament_command(*tournament); });

  auto moran = std::make_shared<MoranArgs>();
  CLI::App* mo =
      app.add_subcommand("moran", "Moran process: a population evolves by fitness-proportional reproduction");
  mo->add_option("--players", moran->players, "Population as comma-separated NAME or NAME=COUNT")->required();
  mo->add_option("--mutation-rate", moran->mutation_rate,
                 "Probability that an offspring mutates to another type (default 0)");
  mo->add_option("--max-steps", moran->max_steps, "Stop after this many births (default 100000)");
  mo->add_option("--runs", moran->runs, "Independent runs, reported as fixation counts (default 1)");
  add_game_options(mo, moran->game, "table|json");
  mo->footer("Example:\n  detente moran --players \"Tit For Tat=3,Defector=1\" --turns 50 --runs 100 --seed 1");
  mo->callback([moran, &exit_code] { exit_code = run_moran_command(*moran); });

  auto format = std::make_shared<std::string>("table");
  CLI::App* s = app.add_subcommand("strategies", "List the repeated-game strategies with their metadata");
  s->add_option("-f,--format", *format, "Output: table or json")->check(CLI::IsMember({"table", "json"}));
  s->callback([format, &exit_code] { exit_code = run_strategies(*format); });
}

}  // namespace detente::cli
