#include "games/tournament.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include <fmt/format.h>

namespace detente::games {
namespace {

struct Pair {
  int a;
  int b;
};

std::vector<Pair> round_robin(int n, bool self_play) {
  std::vector<Pair> pairs;
  for (int i = 0; i < n; ++i) {
    for (int j = self_play ? i : i + 1; j < n; ++j) pairs.push_back({i, j});
  }
  return pairs;
}

int thread_count(int requested, std::size_t jobs) {
  const int hardware = std::max(1U, std::thread::hardware_concurrency());
  const int wanted = requested > 0 ? requested : hardware;
  return std::max(1, std::min(wanted, static_cast<int>(jobs)));
}

// Without noise and with a fixed length, a match between two deterministic
// players is the same in every repetition: it is played once and copied (the
// Axelrod library's deterministic cache does the same).
bool repeats_exactly(std::span<const Player> players, const MatchOptions& match, const Pair& pair) {
  return match.noise == 0.0 && !match.continuation && !players[static_cast<std::size_t>(pair.a)].info().stochastic &&
         !players[static_cast<std::size_t>(pair.b)].info().stochastic;
}

// Plays every (pair, repetition) in `records` order; match m uses stream m.
void play_all(std::span<const Player> players, const StageGame& game, const TournamentOptions& options,
              std::span<const Pair> pairs, std::vector<MatchRecord>& records) {
  const auto reps = static_cast<std::size_t>(options.repetitions);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    MatchResult result;
    for (std::size_t m = next++; m < records.size(); m = next++) {
      const Pair pair = pairs[m / reps];
      if (m % reps != 0 && repeats_exactly(players, options.match, pair)) continue;
      Player a = players[static_cast<std::size_t>(pair.a)];
      Player b = players[static_cast<std::size_t>(pair.b)];
      MatchStreams streams(options.match.seed, m);
      play_match_into(a, b, game, options.match, streams, result);
      MatchRecord& r = records[m];
      r.a = pair.a;
      r.b = pair.b;
      r.repetition = static_cast<int>(m % reps);
      r.turns = result.turns();
      r.scores = result.scores;
      r.cooperations = result.cooperations;
      r.winner = result.winner();
      if (options.keep_moves) r.moves = result.moves;
    }
  };
  const int threads = thread_count(options.threads, records.size());
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  for (std::size_t m = 0; m < records.size(); ++m) {
    if (m % reps != 0 && repeats_exactly(players, options.match, pairs[m / reps])) {
      records[m] = records[m - m % reps];
      records[m].repetition = static_cast<int>(m % reps);
    }
  }
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double mean(const std::vector<double>& values) {
  return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double population_sd(const std::vector<double>& values) {
  const double m = mean(values);
  double sum = 0.0;
  for (const double v : values) sum += (v - m) * (v - m);
  return values.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(values.size()));
}

// Standings and payoff matrix from the match records (the Axelrod library's ResultSet definitions).
void summarise(const std::vector<MatchRecord>& records, std::size_t n, int repetitions, TournamentResult& out) {
  const auto reps = static_cast<std::size_t>(repetitions);
  std::vector<std::vector<std::vector<double>>> per_turn(n, std::vector<std::vector<double>>(n));
  std::vector<double> cooperations(n, 0.0);
  std::vector<double> turns(n, 0.0);
  out.standings.assign(n, Standing{});
  for (std::size_t i = 0; i < n; ++i) {
    Standing& s = out.standings[i];
    s.player = static_cast<int>(i);
    s.name = out.players[i];
    s.scores.assign(reps, 0.0);
    s.score_per_turn.assign(reps, 0.0);
    s.wins.assign(reps, 0);
  }
  for (const MatchRecord& r : records) {
    const auto rep = static_cast<std::size_t>(r.repetition);
    const std::array<std::size_t, 2> who = {static_cast<std::size_t>(r.a), static_cast<std::size_t>(r.b)};
    for (std::size_t seat = 0; seat < 2; ++seat) {
      const double ppt = r.turns > 0 ? r.scores[seat] / r.turns : 0.0;
      per_turn[who[seat]][who[1 - seat]].push_back(ppt);
      if (r.a == r.b) continue;
      Standing& s = out.standings[who[seat]];
      s.scores[rep] += r.scores[seat];
      s.score_per_turn[rep] += ppt;
      s.wins[rep] += r.winner == static_cast<int>(seat) ? 1 : 0;
      cooperations[who[seat]] += r.cooperations[seat];
      turns[who[seat]] += r.turns;
    }
  }
  out.payoff_matrix.assign(n, std::vector<double>(n, 0.0));
  out.payoff_stddev.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      // Self-play gives two values per repetition (one per copy): average them per repetition.
      std::vector<double> values = per_turn[i][j];
      if (i == j && values.size() == 2 * reps) {
        std::vector<double> paired;
        for (std::size_t k = 0; k < reps; ++k) paired.push_back((values[2 * k] + values[2 * k + 1]) / 2.0);
        values = paired;
      }
      out.payoff_matrix[i][j] = mean(values);
      out.payoff_stddev[i][j] = population_sd(values);
    }
    Standing& s = out.standings[i];
    const double opponents = static_cast<double>(n - 1);
    for (double& v : s.score_per_turn) v = n > 1 ? v / opponents : 0.0;
    s.median_score_per_turn = median(s.score_per_turn);
    s.mean_score_per_turn = mean(s.score_per_turn);
    s.total_wins = std::accumulate(s.wins.begin(), s.wins.end(), 0);
    s.cooperation = cooperations[i] / std::max(1.0, turns[i]);
  }
  out.ranking.resize(n);
  std::iota(out.ranking.begin(), out.ranking.end(), 0);
  std::stable_sort(out.ranking.begin(), out.ranking.end(), [&](int x, int y) {
    return out.standings[static_cast<std::size_t>(x)].median_score_per_turn >
           out.standings[static_cast<std::size_t>(y)].median_score_per_turn;
  });
  for (std::size_t k = 0; k < n; ++k)
    out.standings[static_cast<std::size_t>(out.ranking[k])].rank = static_cast<int>(k) + 1;
}

}  // namespace

Result<TournamentResult> run_tournament(std::span<const Player> players, const StageGame& game,
                                        const TournamentOptions& options) {
  auto match = validate(options.match);
  if (!match) return match.error();
  if (players.size() < 2) {
    return Error{.field = "players",
                 .problem = fmt::format("a tournament needs at least 2 players, got {}", players.size()),
                 .fix = "list two or more strategies, e.g. --players \"Tit For Tat,Defector\""};
  }
  if (options.repetitions < 1) {
    return Error{.field = "repetitions",
                 .problem = fmt::format("repetitions must be at least 1, got {}", options.repetitions),
                 .fix = "give --repetitions 1 or more"};
  }
  if (options.threads < 0) {
    return Error{
        .field = "threads", .problem = "the thread count cannot be negative", .fix = "give 0 for one per core"};
  }
  const std::vector<Pair> pairs = round_robin(static_cast<int>(players.size()), options.self_play);
  TournamentResult out;
  for (const Player& p : players) out.players.push_back(p.name());
  out.repetitions = options.repetitions;
  out.matches.resize(pairs.size() * static_cast<std::size_t>(options.repetitions));
  play_all(players, game, options, pairs, out.matches);
  summarise(out.matches, players.size(), options.repetitions, out);
  return out;
}

}  // namespace detente::games
