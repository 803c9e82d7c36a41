// Strategies by name: the Axelrod library's names (Knight et al.,
// Axelrod-Python 4.13.0) for the rules it has, detente's own for the rest.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "games/strategy.h"

namespace detente::games {

// A new player by name. Besides the fixed names listed by strategy_catalogue(),
// these parameterised names are understood (the Axelrod library's spelling):
//   "Cycler: CCD"       repeats the given sequence of C and D
//   "Random: 0.3"       cooperates with the given probability
//   "GTFT: 0.25"        Generous Tit For Tat with the given forgiveness
// and a few aliases ("Joss" for "First by Joss", "Generous Tit For Tat" for
// "GTFT", "Tit For Two Tats" for "Tit For 2 Tats"). Matching ignores case. An
// unknown name is an error that suggests the closest names.
[[nodiscard]] Result<Player> make_strategy(std::string_view name);

// Several players at once; the first unknown name is the error.
[[nodiscard]] Result<std::vector<Player>> make_strategies(std::span<const std::string> names);

// Every registered strategy's metadata, in registration order (by family).
[[nodiscard]] const std::vector<StrategyInfo>& strategy_catalogue();

// Up to `count` registered names closest to `name` (edit distance, ignoring case).
[[nodiscard]] std::vector<std::string> suggest_strategy_names(std::string_view name, std::size_t count = 3);

// Parameterised strategies for callers that build them from numbers.
[[nodiscard]] Result<Player> make_cycler(std::string_view pattern);
[[nodiscard]] Result<Player> make_random(double cooperation_probability);
// Generous Tit For Tat; without a forgiveness probability it uses Nowak &
// Sigmund's (1992) q* = min(1 - (T-R)/(R-S), (R-P)/(T-P)) for the game played.
[[nodiscard]] Result<Player> make_gtft(std::optional<double> forgiveness = std::nullopt);
// A memory-one strategy: cooperation probability on the first move and after
// each last-round outcome (own move, opponent's move) = CC, CD, DC, DD.
[[nodiscard]] Result<Player> make_memory_one(std::string name, double first_cooperation,
                                             const std::array<double, 4>& after);

}  // namespace detente::games
