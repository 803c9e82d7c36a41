// The rounds of Stokman's exchange model as Decide plays them: build every
// candidate exchange, carry out the most profitable one, bring the others up
// to date, repeat; then the voting positions, the outcome, and the start of
// the next round.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

#include "core/rng.h"
#include "models/exchange/equal_gain.h"
#include "models/exchange/exchange.h"

namespace detente::exchange {
namespace {

using detail::Board;
using detail::Candidate;
using detail::Holding;
using detail::Real;
using detail::Side;

constexpr Real kTieTolerance = 1e-9L;                    // relative, between gains
constexpr std::uint64_t kTieStream = 0x45584348414eULL;  // "EXCHAN": this model's random stream

// Internally actors and issues are indexed in name order, so that nothing
// (sums, candidate order, ties) depends on the order of the input file.
struct Canonical {
  std::vector<std::size_t> actors;  // rank → index in StakeholderProblem::actors
  std::vector<std::size_t> issues;  // rank → index in StakeholderProblem::issues
  std::vector<std::size_t> actor_rank;
  std::vector<std::size_t> issue_rank;
};

template <typename Names>
std::vector<std::size_t> name_order(const Names& names) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&names](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  return order;
}

std::vector<std::size_t> invert(const std::vector<std::size_t>& order) {
  std::vector<std::size_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  return rank;
}

Canonical canonical_order(const StakeholderProblem& problem) {
  std::vector<std::string> issue_names;
  for (const auto& issue : problem.issues) issue_names.push_back(issue.name);
  Canonical c{.actors = name_order(problem.actors), .issues = name_order(issue_names)};
  c.actor_rank = invert(c.actors);
  c.issue_rank = invert(c.issues);
  return c;
}

// An input number as the decimal it was written as (the shortest decimal that
// reads back to the same double), in extended precision: Decide reads 0.95 as
// the decimal 0.95, not as the nearest binary double 0.94999999999999995559.
Real as_written(double x) {
  std::array<char, 64> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), x);
  Real value = x;
  if (written.ec == std::errc()) std::from_chars(text.data(), written.ptr, value);
  return value;
}

// Decide maps every issue linearly onto 0–100 (Issue::normalize).
Real normalise(double x, const Scale& scale) {
  const Real width = as_written(scale.hi) - as_written(scale.lo);
  return width > 0.0L ? (as_written(x) - as_written(scale.lo)) * (100.0L / width) : 0.0L;
}
double denormalise(Real x, const Scale& scale) {
  const Real width = as_written(scale.hi) - as_written(scale.lo);
  return static_cast<double>(width > 0.0L ? x / (100.0L / width) + as_written(scale.lo) : as_written(scale.lo));
}

Board initial_board(const StakeholderProblem& problem, const Canonical& canon) {
  Board board;
  for (const std::size_t issue_index : canon.issues) {
    const Issue& issue = problem.issues[issue_index];
    std::vector<std::optional<Holding>> row(problem.actors.size());
    for (const auto& stake : issue.stakes) {
      row[canon.actor_rank[stake.actor]] = Holding{.position = normalise(stake.position, issue.scale),
                                                   .salience = as_written(stake.salience),
                                                   .capability = as_written(stake.capability)};
    }
    Real total = 0.0L;
    for (const auto& holding : row) total += holding ? holding->weight() : 0.0L;
    board.holdings.push_back(std::move(row));
    board.total_weight.push_back(total);
  }
  return board;
}

// Decide's groups for the issue pair (p, q): by side of the outcome on p and
// on q ("left" includes the outcome itself). Left-left actors trade with
// right-right ones (Stokman's A–D), left-right with right-left (B–C).
std::vector<Candidate> candidates_for_pair(const Board& board, std::size_t p, std::size_t q) {
  const Real outcome_p = board.outcome(p);
  const Real outcome_q = board.outcome(q);
  std::vector<std::size_t> group[4];
  for (std::size_t actor = 0; actor < board.holdings[p].size(); ++actor) {
    if (!board.holdings[p][actor] || !board.holdings[q][actor]) continue;
    const bool left_p = board.at(p, actor).position <= outcome_p + detail::kPositionTolerance;
    const bool left_q = board.at(q, actor).position <= outcome_q + detail::kPositionTolerance;
    group[(left_p ? 1 : 0) + (left_q ? 2 : 0)].push_back(actor);
  }
  std::vector<Candidate> out;
  for (const auto& [from, to] : {std::pair{0, 3}, std::pair{1, 2}}) {
    for (const std::size_t a : group[from]) {
      for (const std::size_t b : group[to]) out.push_back(detail::make_candidate(board, a, b, p, q));
    }
  }
  return out;
}

std::vector<Candidate> all_candidates(const Board& board) {
  std::vector<Candidate> out;
  for (std::size_t p = 0; p < board.holdings.size(); ++p) {
    for (std::size_t q = p + 1; q < board.holdings.size(); ++q) {
      auto pair = candidates_for_pair(board, p, q);
      std::move(pair.begin(), pair.end(), std::back_inserter(out));
    }
  }
  return out;
}

// The name order of an exchange: its two actors, then their supply issues.
auto order_key(const Candidate& c) {
  const Side& first = c.i.actor < c.j.actor ? c.i : c.j;
  const Side& second = c.i.actor < c.j.actor ? c.j : c.i;
  return std::tuple{first.actor, second.actor, first.supply, second.supply};
}

// The index in `pool` of the exchange to carry out next: the highest gain,
// ties broken as the parameters say.
std::size_t choose(const std::vector<Candidate>& pool, const Parameters& parameters, Rng& rng, int& ties) {
  Real best = 0.0L;
  for (const auto& c : pool) best = std::max(best, c.gain);
  std::vector<std::size_t> tied;
  for (std::size_t k = 0; k < pool.size(); ++k) {
    if (pool[k].gain >= best - kTieTolerance * best) tied.push_back(k);
  }
  if (tied.size() == 1) return tied.front();
  ++ties;
  std::sort(tied.begin(), tied.end(),
            [&pool](std::size_t a, std::size_t b) { return order_key(pool[a]) < order_key(pool[b]); });
  return parameters.tie_break == TieBreak::kRandom ? tied[rng.below(tied.size())] : tied.front();
}

ExchangeSide public_side(const Side& side, const StakeholderProblem& problem, const Canonical& canon) {
  const Scale& scale = problem.issues[canon.issues[side.supply]].scale;
  return ExchangeSide{.actor = canon.actors[side.actor],
                      .supply_issue = canon.issues[side.supply],
                      .demand_issue = canon.issues[side.demand],
                      .from = denormalise(side.position, scale),
                      .to = denormalise(side.y, scale)};
}

Exchange public_exchange(const Candidate& c, const StakeholderProblem& problem, const Canonical& canon) {
  const bool i_first = c.i.actor < c.j.actor;
  return Exchange{.first = public_side(i_first ? c.i : c.j, problem, canon),
                  .second = public_side(i_first ? c.j : c.i, problem, canon),
                  .gain = static_cast<double>(c.gain),
                  .valid = c.valid};
}

// positions[issue][actor] on the normalised scale, mapped to [issue][stake] in the issues' scales.
std::vector<std::vector<double>> per_stake(const std::vector<std::vector<Real>>& positions,
                                           const StakeholderProblem& problem, const Canonical& canon) {
  std::vector<std::vector<double>> out;
  for (std::size_t index = 0; index < problem.issues.size(); ++index) {
    const Issue& issue = problem.issues[index];
    std::vector<double> row;
    for (const auto& stake : issue.stakes) {
      row.push_back(denormalise(positions[canon.issue_rank[index]][canon.actor_rank[stake.actor]], issue.scale));
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::vector<Real>> positions_of(const Board& board) {
  std::vector<std::vector<Real>> out;
  for (const auto& row : board.holdings) {
    std::vector<Real> positions;
    for (const auto& holding : row) positions.push_back(holding ? holding->position : 0.0L);
    out.push_back(std::move(positions));
  }
  return out;
}

// Carries out exchanges, best first, until none is left; returns them in order.
std::vector<Candidate> trade(std::vector<Candidate> pool, const Board& board, const Parameters& parameters, Rng& rng,
                             int& ties) {
  std::erase_if(pool, [](const Candidate& c) { return !c.valid; });
  std::vector<Candidate> executed;
  while (!pool.empty()) {
    const std::size_t best = choose(pool, parameters, rng, ties);
    executed.push_back(std::move(pool[best]));
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
    const Candidate& done = executed.back();
    for (auto& c : pool) detail::follow(c, done, board);
    std::erase_if(pool, [](const Candidate& c) { return !c.valid; });
  }
  return executed;
}

RoundReport play_round(Board& board, int round, const Parameters& parameters, Rng& rng,
                       const StakeholderProblem& problem, const Canonical& canon) {
  RoundReport report{.round = round};
  std::vector<Candidate> candidates = all_candidates(board);
  for (const auto& c : candidates) report.candidates.push_back(public_exchange(c, problem, canon));
  const std::vector<Candidate> executed = trade(std::move(candidates), board, parameters, rng, report.ties);

  // A later exchange on the same actor and issue started where the earlier
  // one ended, so the last one carried out holds the voting position.
  auto voting = positions_of(board);
  auto next = voting;
  for (const auto& done : executed) {
    report.executed.push_back(public_exchange(done, problem, canon));
    for (const Side* side : {&done.i, &done.j}) {
      voting[side->supply][side->actor] = side->y;
      // Decide takes these weights as binary doubles (Decimal(0.4)), not as the decimals 0.4 and 0.1.
      const Real w = Real{parameters.salience_weight} * (1.0L - side->supply_salience) + Real{parameters.fixed_weight};
      next[side->supply][side->actor] = (1.0L - w) * side->start + w * side->y;
    }
  }
  std::vector<Real> outcomes;  // in name order of the issues
  for (std::size_t issue = 0; issue < board.holdings.size(); ++issue) {
    std::map<std::size_t, Real> overrides;
    for (std::size_t actor = 0; actor < voting[issue].size(); ++actor) overrides[actor] = voting[issue][actor];
    outcomes.push_back(board.outcome(issue, overrides));
    for (std::size_t actor = 0; actor < next[issue].size(); ++actor) {
      if (board.holdings[issue][actor]) board.holdings[issue][actor]->position = next[issue][actor];
    }
  }
  for (std::size_t index = 0; index < problem.issues.size(); ++index) {
    report.outcomes.push_back(denormalise(outcomes[canon.issue_rank[index]], problem.issues[index].scale));
  }
  report.voting_positions = per_stake(voting, problem, canon);
  report.next_positions = per_stake(next, problem, canon);
  return report;
}

std::optional<Error> check(const StakeholderProblem& problem, const Parameters& parameters) {
  if (problem.issues.size() < 2) {
    return Error{.file = problem.source,
                 .field = "--model exchange",
                 .problem = "the exchange model trades positions between pairs of issues; this input has " +
                            std::to_string(problem.issues.size()) + " issue",
                 .fix = "give at least two issues (an Issue column, or Decide '#P' rows), or use another model"};
  }
  if (parameters.rounds < 0) {
    return Error{.field = "--rounds",
                 .problem = "the number of rounds must be 0 or more, got " + std::to_string(parameters.rounds),
                 .fix = "give --rounds 10 (Decide's default) or another whole number"};
  }
  const double sw = parameters.salience_weight;
  const double fw = parameters.fixed_weight;
  if (!(sw >= 0.0 && fw >= 0.0 && sw + fw <= 1.0)) {
    return Error{.field = "--option salience_weight / fixed_weight",
                 .problem = "the weights of the voting position must be 0 or more and sum to at most 1 (got " +
                            std::to_string(sw) + " and " + std::to_string(fw) + ")",
                 .fix = "use Decide's salience_weight=0.4 fixed_weight=0.1, or other values with that property"};
  }
  return std::nullopt;
}

}  // namespace

Result<Run> run(const StakeholderProblem& problem, const Parameters& parameters) {
  if (auto error = check(problem, parameters)) return *error;
  const Canonical canon = canonical_order(problem);
  Board board = initial_board(problem, canon);
  Rng rng(parameters.seed, kTieStream);
  Run out;
  for (int round = 1; round <= parameters.rounds; ++round) {
    out.rounds.push_back(play_round(board, round, parameters, rng, problem, canon));
  }
  return out;
}

}  // namespace detente::exchange
