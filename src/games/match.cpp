#include "games/match.h"

#include <cmath>

#include <fmt/format.h>

namespace detente::games {

Result<MatchOptions> validate(const MatchOptions& options) {
  constexpr int kLongest = 10'000'000;
  if (!options.continuation && (options.turns < 0 || options.turns > kLongest)) {
    return Error{.field = "turns",
                 .problem = fmt::format("a match needs between 0 and {} turns, got {}", kLongest, options.turns),
                 .fix = "give for example --turns 200"};
  }
  if (options.continuation && !(*options.continuation >= 0.0 && *options.continuation < 1.0)) {
    return Error{
        .field = "continuation",
        .problem = fmt::format("the continuation probability must be in [0, 1), got {}", *options.continuation),
        .fix = "give a probability below 1, for example 0.99 for matches of 100 turns on average"};
  }
  if (options.max_turns < 1 || options.max_turns > kLongest) {
    return Error{.field = "max_turns",
                 .problem = fmt::format("the cap on a match's length must be between 1 and {}, got {}", kLongest,
                                        options.max_turns),
                 .fix = "give for example 100000"};
  }
  if (!(options.noise >= 0.0 && options.noise <= 1.0)) {
    return Error{.field = "noise",
                 .problem = fmt::format("noise is a probability in [0, 1], got {}", options.noise),
                 .fix = "give for example --noise 0.01"};
  }
  return options;
}

double MatchResult::score_per_turn(int player) const {
  return turns() == 0 ? 0.0 : scores[static_cast<std::size_t>(player)] / turns();
}

double MatchResult::cooperation_rate(int player) const {
  return turns() == 0 ? 0.0 : static_cast<double>(cooperations[static_cast<std::size_t>(player)]) / turns();
}

int MatchResult::winner() const {
  if (scores[0] == scores[1]) return -1;
  return scores[0] > scores[1] ? 0 : 1;
}

std::string MatchResult::moves_string() const {
  std::string s;
  s.reserve(3 * moves[0].size());
  for (std::size_t t = 0; t < moves[0].size(); ++t) {
    if (t > 0) s.push_back(' ');
    s.push_back(to_char(moves[0][t]));
    s.push_back(to_char(moves[1][t]));
  }
  return s;
}

int draw_match_length(const MatchOptions& options, Rng& chance) {
  if (!options.continuation) return options.turns;
  const double w = *options.continuation;
  if (w <= 0.0) return 1;
  const double u = chance.uniform();
  const double turns = std::ceil(std::log(1.0 - u) / std::log(w));
  return static_cast<int>(std::clamp(turns, 1.0, static_cast<double>(options.max_turns)));
}

void play_match_into(Player& a, Player& b, const StageGame& game, const MatchOptions& options, MatchStreams& streams,
                     MatchResult& out) {
  const int length = draw_match_length(options, streams.chance);
  const int told = options.continuation || !options.tell_length ? -1 : length;
  out.players = {a.name(), b.name()};
  out.scores = {0.0, 0.0};
  out.cooperations = {0, 0};
  auto& ma = out.moves[0];
  auto& mb = out.moves[1];
  ma.clear();
  mb.clear();
  ma.reserve(static_cast<std::size_t>(length));
  mb.reserve(static_cast<std::size_t>(length));
  a.reset();
  b.reset();
  const bool noisy = options.noise > 0.0;
  for (int t = 0; t < length; ++t) {
    Move x = a.next(History(ma, mb, out.cooperations[0], out.cooperations[1], game, 0, told), streams.players[0]);
    Move y = b.next(History(mb, ma, out.cooperations[1], out.cooperations[0], game, 1, told), streams.players[1]);
    if (noisy) {
      if (streams.chance.bernoulli(options.noise)) x = flip(x);
      if (streams.chance.bernoulli(options.noise)) y = flip(y);
    }
    ma.push_back(x);
    mb.push_back(y);
    out.cooperations[0] += x == kC ? 1 : 0;
    out.cooperations[1] += y == kC ? 1 : 0;
    const auto [pa, pb] = game.payoffs(x, y);
    out.scores[0] += pa;
    out.scores[1] += pb;
  }
}

Result<MatchResult> play_match(const Player& a, const Player& b, const StageGame& game, const MatchOptions& options) {
  auto checked = validate(options);
  if (!checked) return checked.error();
  Player first = a;
  Player second = b;
  MatchStreams streams(options.seed, options.stream);
  MatchResult result;
  play_match_into(first, second, game, *checked, streams, result);
  return result;
}

}  // namespace detente::games
