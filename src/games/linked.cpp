#include "games/linked.h"

#include <fmt/format.h>

namespace detente::games {

Linkage Linkage::none(std::size_t arenas) { return Linkage(arenas, std::vector<bool>(arenas * arenas, false)); }
Linkage Linkage::full(std::size_t arenas) { return Linkage(arenas, std::vector<bool>(arenas * arenas, true)); }

Result<Linkage> Linkage::from_matrix(const std::vector<std::vector<bool>>& links) {
  const std::size_t n = links.size();
  std::vector<bool> flat;
  for (std::size_t k = 0; k < n; ++k) {
    if (links[k].size() != n) {
      return Error{.field = "linkage",
                   .problem = fmt::format("row {} of the linkage matrix has {} entries for {} arenas", k + 1,
                                          links[k].size(), n),
                   .fix = "give one row per arena with one entry per arena"};
    }
    flat.insert(flat.end(), links[k].begin(), links[k].end());
  }
  return Linkage(n, std::move(flat));
}

namespace {

// One player's view of every arena: its own moves and the opponent's moves as
// its linkage makes it read them.
struct View {
  std::vector<std::vector<Move>> own;
  std::vector<std::vector<Move>> seen;
  std::vector<int> own_cooperations;
  std::vector<int> seen_cooperations;
  explicit View(std::size_t arenas, std::size_t turns)
      : own(arenas), seen(arenas), own_cooperations(arenas, 0), seen_cooperations(arenas, 0) {
    for (auto& v : own) v.reserve(turns);
    for (auto& v : seen) v.reserve(turns);
  }
  void record(const Linkage& linkage, const std::vector<Move>& mine, const std::vector<Move>& theirs) {
    for (std::size_t l = 0; l < own.size(); ++l) {
      Move perceived = kC;
      for (std::size_t k = 0; k < own.size(); ++k) {
        if (theirs[k] == kD && linkage.links(k, l)) perceived = kD;
      }
      own[l].push_back(mine[l]);
      seen[l].push_back(perceived);
      own_cooperations[l] += mine[l] == kC ? 1 : 0;
      seen_cooperations[l] += perceived == kC ? 1 : 0;
    }
  }
};

Result<bool> check(const LinkedPlayer& p, std::size_t arenas, const char* who) {
  if (p.strategies.size() != arenas || p.linkage.size() != arenas) {
    return Error{.field = fmt::format("linked player {}", who),
                 .problem = fmt::format("{} strategies and a {}-arena linkage for {} arenas", p.strategies.size(),
                                        p.linkage.size(), arenas),
                 .fix = "give one strategy per arena and a linkage of the same size"};
  }
  return true;
}

}  // namespace

Result<LinkedResult> play_linked(const LinkedPlayer& a, const LinkedPlayer& b, std::span<const Arena> arenas,
                                 const LinkedOptions& options) {
  const std::size_t n = arenas.size();
  if (n == 0) return Error{.field = "arenas", .problem = "no arena given", .fix = "give at least one arena"};
  for (const auto* p : {&a, &b}) {
    if (auto ok = check(*p, n, p == &a ? "A" : "B"); !ok) return ok.error();
  }
  const MatchOptions as_match{.turns = options.turns,
                              .continuation = options.continuation,
                              .max_turns = options.max_turns,
                              .seed = options.seed,
                              .stream = options.stream};
  if (auto ok = validate(as_match); !ok) return ok.error();
  for (const Arena& arena : arenas) {
    if (!(arena.noise >= 0.0 && arena.noise <= 1.0)) {
      return Error{.field = "noise",
                   .problem = fmt::format("arena '{}': noise {} is not a probability", arena.name, arena.noise),
                   .fix = "give a noise in [0, 1]"};
    }
  }
  MatchStreams streams(options.seed, options.stream);
  const int length = draw_match_length(as_match, streams.chance);
  const int told = options.continuation || !options.tell_length ? -1 : length;
  std::array<std::vector<Player>, 2> players = {a.strategies, b.strategies};
  for (auto& side : players) {
    for (auto& p : side) p.reset();
  }
  std::array<View, 2> views = {View(n, static_cast<std::size_t>(length)), View(n, static_cast<std::size_t>(length))};
  LinkedResult out;
  out.matches.resize(n);
  for (std::size_t l = 0; l < n; ++l) {
    out.arenas.push_back(arenas[l].name);
    out.matches[l].players = {a.strategies[l].name(), b.strategies[l].name()};
  }
  std::array<std::vector<Move>, 2> moves = {std::vector<Move>(n), std::vector<Move>(n)};
  for (int t = 0; t < length; ++t) {
    for (std::size_t l = 0; l < n; ++l) {
      for (std::size_t s = 0; s < 2; ++s) {
        const View& v = views[s];
        moves[s][l] = players[s][l].next(History(v.own[l], v.seen[l], v.own_cooperations[l], v.seen_cooperations[l],
                                                 arenas[l].game, static_cast<int>(s), told),
                                         streams.players[s]);
      }
      for (std::size_t s = 0; s < 2; ++s) {
        if (arenas[l].noise > 0.0 && streams.chance.bernoulli(arenas[l].noise)) moves[s][l] = flip(moves[s][l]);
      }
      MatchResult& m = out.matches[l];
      const auto [pa, pb] = arenas[l].game.payoffs(moves[0][l], moves[1][l]);
      m.scores[0] += pa;
      m.scores[1] += pb;
      for (std::size_t s = 0; s < 2; ++s) {
        m.moves[s].push_back(moves[s][l]);
        m.cooperations[s] += moves[s][l] == kC ? 1 : 0;
      }
    }
    views[0].record(a.linkage, moves[0], moves[1]);
    views[1].record(b.linkage, moves[1], moves[0]);
  }
  for (const MatchResult& m : out.matches) {
    out.total_scores[0] += m.scores[0];
    out.total_scores[1] += m.scores[1];
  }
  return out;
}

}  // namespace detente::games
