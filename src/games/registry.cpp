#include "games/registry.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "games/strategies/common.h"

namespace detente::games {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Registered {
  std::shared_ptr<const StrategyInfo> info;
  strategies::Factory make;
};

class Catalogue {
 public:
  Catalogue() {
    using namespace strategies;
    for (auto family : {basic_family, tit_for_tat_family, grudger_family, memory_one_family, prober_family,
                        first_tournament_family, trust_family}) {
      for (auto& entry : family()) {
        infos_.push_back(entry.info);
        const std::string key = lower(entry.info.name);
        by_name_[key] = {std::make_shared<const StrategyInfo>(std::move(entry.info)), std::move(entry.make)};
      }
    }
    for (const auto& [alias, name] : std::map<std::string, std::string>{{"joss", "first by joss"},
                                                                        {"generous tit for tat", "gtft"},
                                                                        {"tit for two tats", "tit for 2 tats"},
                                                                        {"two tits for tats", "two tits for tat"},
                                                                        {"pavlov", "win-stay lose-shift"}}) {
      by_name_[alias] = by_name_.at(name);
    }
  }
  [[nodiscard]] const Registered* find(std::string_view name) const {
    const auto it = by_name_.find(lower(name));
    return it == by_name_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const std::vector<StrategyInfo>& infos() const { return infos_; }

 private:
  std::vector<StrategyInfo> infos_;
  std::map<std::string, Registered> by_name_;
};

const Catalogue& catalogue() {
  static const Catalogue instance;
  return instance;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<double> parse_probability(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0.0 && value <= 1.0)) return std::nullopt;
  return value;
}

Error probability_error(std::string_view name, std::string_view kind, std::string_view example) {
  return Error{.field = "strategy",
               .problem = fmt::format("'{}': {} must be a probability between 0 and 1", name, kind),
               .fix = fmt::format("give a number in [0, 1], for example {}", example)};
}

// "Cycler: CCD", "Random: 0.3", "GTFT: 0.25": the Axelrod library's spelling of parameterised players.
std::optional<Result<Player>> make_parameterised(std::string_view name) {
  const auto colon = name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string head = lower(name.substr(0, colon));
  std::string_view argument = name.substr(colon + 1);
  while (!argument.empty() && argument.front() == ' ') argument.remove_prefix(1);
  if (head == "cycler") return make_cycler(argument);
  if (head == "random") {
    const auto p = parse_probability(argument);
    if (!p) return Result<Player>(probability_error(name, "cooperation probability", "'Random: 0.3'"));
    return make_random(*p);
  }
  if (head == "gtft") {
    const auto p = parse_probability(argument);
    if (!p) return Result<Player>(probability_error(name, "forgiveness", "'GTFT: 0.25'"));
    return make_gtft(*p);
  }
  return std::nullopt;
}

Player with_info(StrategyInfo info, std::unique_ptr<Strategy> strategy) {
  return Player(std::make_shared<const StrategyInfo>(std::move(info)), std::move(strategy));
}

}  // namespace

Result<Player> make_strategy(std::string_view name) {
  if (const Registered* r = catalogue().find(name)) return Player(r->info, r->make());
  if (auto parameterised = make_parameterised(name)) return std::move(*parameterised);
  std::string suggestions;
  for (const auto& s : suggest_strategy_names(name)) suggestions += (suggestions.empty() ? "'" : ", '") + s + "'";
  return Error{.field = "strategy",
               .problem = fmt::format("no strategy named '{}'", name),
               .fix = fmt::format("did you mean {}? Run 'detente strategies' for the full list", suggestions)};
}

Result<std::vector<Player>> make_strategies(std::span<const std::string> names) {
  std::vector<Player> players;
  players.reserve(names.size());
  for (const auto& name : names) {
    auto player = make_strategy(name);
    if (!player) return player.error();
    players.push_back(std::move(*player));
  }
  return players;
}

const std::vector<StrategyInfo>& strategy_catalogue() { return catalogue().infos(); }

std::vector<std::string> suggest_strategy_names(std::string_view name, std::size_t count) {
  const std::string query = lower(name);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& info : strategy_catalogue()) {
    const std::string candidate = lower(info.name);
    // A name that contains the query, or is contained in it, comes first.
    const bool overlap =
        !query.empty() && (candidate.find(query) != std::string::npos || query.find(candidate) != std::string::npos);
    scored.emplace_back(overlap ? 0 : 1 + edit_distance(query, candidate), info.name);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (std::size_t i = 0; i < std::min(count, scored.size()); ++i) names.push_back(scored[i].second);
  return names;
}

Result<Player> make_cycler(std::string_view pattern) {
  std::vector<Move> cycle;
  for (const char c : pattern) {
    const auto move = move_from_char(c);
    if (!move) {
      return Error{.field = "strategy",
                   .problem = fmt::format("'Cycler: {}': a cycle is a sequence of C and D, found '{}'", pattern, c),
                   .fix = "write for example 'Cycler: CCD'"};
    }
    cycle.push_back(*move);
  }
  if (cycle.empty()) {
    return Error{
        .field = "strategy", .problem = "a Cycler needs at least one move", .fix = "write for example 'Cycler: CCD'"};
  }
  const std::string text = to_string(cycle);
  const int depth = static_cast<int>(cycle.size()) - 1;
  return with_info({.name = "Cycler: " + text,
                    .memory_depth = depth,
                    .family = "cycler",
                    .citation = strategies::kAxelrodLibrary,
                    .description = "repeats the sequence " + text},
                   strategies::make_cycler_strategy(std::move(cycle)));
}

Result<Player> make_random(double p) {
  if (!(p >= 0.0 && p <= 1.0)) return probability_error(fmt::format("Random: {}", p), "cooperation probability", "0.3");
  return with_info({.name = fmt::format("Random: {}", p),
                    .memory_depth = 0,
                    .stochastic = p > 0.0 && p < 1.0,
                    .family = "unconditional",
                    .citation = strategies::kAxelrod1980,
                    .description = fmt::format("cooperates with probability {}", p)},
                   strategies::make_random_strategy(p));
}

Result<Player> make_gtft(std::optional<double> forgiveness) {
  if (!forgiveness) return make_strategy("GTFT");
  if (!(*forgiveness >= 0.0 && *forgiveness <= 1.0))
    return probability_error(fmt::format("GTFT: {}", *forgiveness), "forgiveness", "0.25");
  return with_info({.name = fmt::format("GTFT: {}", *forgiveness),
                    .memory_depth = 1,
                    .stochastic = *forgiveness > 0.0 && *forgiveness < 1.0,
                    .family = "memory one",
                    .citation = "Nowak & Sigmund (1992), Nature 355",
                    .description = fmt::format("Generous Tit For Tat forgiving with probability {}", *forgiveness)},
                   strategies::make_gtft_strategy(forgiveness));
}

Result<Player> make_memory_one(std::string name, double first_cooperation, const std::array<double, 4>& after) {
  for (const double p : after) {
    if (!(p >= 0.0 && p <= 1.0)) return probability_error(name, "each cooperation probability", "0.9");
  }
  if (!(first_cooperation >= 0.0 && first_cooperation <= 1.0)) {
    return probability_error(name, "the first cooperation probability", "1 to open with C");
  }
  const auto uncertain = [](double p) { return p > 0.0 && p < 1.0; };
  const bool stochastic = uncertain(first_cooperation) || std::any_of(after.begin(), after.end(), uncertain);
  return with_info({.name = std::move(name),
                    .memory_depth = 1,
                    .stochastic = stochastic,
                    .family = "memory one",
                    .citation = "Nowak & Sigmund (1990), Acta Applicandae Mathematicae 20",
                    .description = fmt::format("memory-one ({}, {}, {}, {})", after[0], after[1], after[2], after[3])},
                   std::make_unique<strategies::MemoryOneStrategy>(first_cooperation, after));
}

}  // namespace detente::games
