// One turn of the Spatial Model of Politics (KTAB SMPState::doBCN,
// SMPActor::interpolateBrgn, SMPState::updateBestBrgnPositions, newIdeals):
// challenges, bargains, and the election each actor holds over the bargains
// that concern it.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "core/rng.h"
#include "models/smp/parallel.h"
#include "models/smp/smp_challenge.h"
#include "models/smp/smp_election.h"
#include "models/smp/smp_kernel.h"
#include "models/smp/smp_state.h"

namespace detente::smp {
namespace {

constexpr double kMinCoalition = 1e-8;  // KTAB Model::coalitions
constexpr double kMinWeight = 1e-6;     // KTAB interpolation weight floor

// Both coordinates of one dimension of a bargain between i (at t_i, salience
// s_i, probability p_i) and j (KTAB interpBrgnSnPm and interpBrgnS2PMax).
std::pair<double, double> interpolate_dimension(Interpolation rule, double t_i, double s_i, double p_i, double t_j,
                                                double s_j, double p_j) {
  if (rule == Interpolation::kS2PMax) {
    // Each side concedes in proportion to how far the other is ahead.
    const double gap_i = (p_j > p_i) ? (p_j - p_i) : 0;
    const double gap_j = (p_i > p_j) ? (p_i - p_j) : 0;
    const double s_i2 = s_i * s_i;
    const double s_j2 = s_j * s_j;
    const double d_i = (gap_i * s_j2) / ((gap_i * s_j2) + kMinWeight + ((1 - gap_i) * s_i2));
    const double d_j = (gap_j * s_i2) / ((gap_j * s_i2) + kMinWeight + ((1 - gap_j) * s_j2));
    return {t_i + d_i * (t_j - t_i), t_j + d_j * (t_i - t_j)};
  }
  // Both move to the point weighted by salience^n probability^m; the small
  // floor keeps 0/0 away and leaves each at its own position when neither cares.
  const double power = rule == Interpolation::kS1P1 ? 1.0 : 2.0;
  const double w_i = std::pow(s_i, power) * std::pow(p_i, power);
  const double w_j = std::pow(s_j, power) * std::pow(p_j, power);
  const double b_i = round4(((w_i + kMinWeight) * t_i + w_j * t_j) / (w_i + kMinWeight + w_j));
  const double b_j = round4((w_i * t_i + (kMinWeight + w_j) * t_j) / (w_i + kMinWeight + w_j));
  return {b_i, b_j};
}

Bargain interpolate(const Actors& actors, const State& state, std::size_t i, std::size_t j, double p_i, double p_j,
                    Interpolation rule) {
  const std::size_t dims = actors.dims;
  Bargain b{.initiator = i,
            .receiver = j,
            .initiator_position = std::vector<double>(dims),
            .receiver_position = std::vector<double>(dims)};
  for (std::size_t k = 0; k < dims; ++k) {
    const auto [b_i, b_j] =
        interpolate_dimension(rule, state.position[i * dims + k], actors.salience[i * dims + k], p_i,
                              state.position[j * dims + k], actors.salience[j * dims + k], p_j);
    b.initiator_position[k] = b_i;
    b.receiver_position[k] = b_j;
  }
  return b;
}

// The bargains initiator i proposes to its target (KTAB doBCN(i)).
std::vector<Bargain> propose(const Actors& actors, const State& state, const Evaluation& ev, const Settings& settings,
                             const Challenge& challenge) {
  const std::size_t i = challenge.initiator;
  const std::size_t j = challenge.target;
  const double p = challenge.probability;
  Bargain own = interpolate(actors, state, i, j, p, 1 - p, settings.interpolation);
  if (settings.bargain == BargainModel::kInitOnly) return {std::move(own)};
  // The receiver's view of the contest. KTAB's code reads the second member
  // of its estimate, the receiver's estimate of the initiator's expected gain,
  // where the probability of winning is meant; `ktab_bargain_quirks` keeps it.
  const ContestEstimate receiver_view = estimate_contest(actors, ev, settings, j, i, i, j);
  const double q = settings.ktab_bargain_quirks ? receiver_view.gain : receiver_view.probability;
  Bargain theirs = interpolate(actors, state, i, j, q, 1 - q, settings.interpolation);
  if (settings.bargain == BargainModel::kInitRcvr) return {std::move(own), std::move(theirs)};
  // Power-weighted compromise of the two. KTAB weighs the receiver's bargain
  // with the initiator's capability times the receiver's salience.
  const double w_i = actors.capability[i] * actors.salience_sum[i];
  const double w_j =
      (settings.ktab_bargain_quirks ? actors.capability[i] : actors.capability[j]) * actors.salience_sum[j];
  Bargain mixed = own;
  for (std::size_t k = 0; k < actors.dims; ++k) {
    mixed.initiator_position[k] = (w_i * own.initiator_position[k] + w_j * theirs.initiator_position[k]) / (w_i + w_j);
    mixed.receiver_position[k] = (w_i * own.receiver_position[k] + w_j * theirs.receiver_position[k]) / (w_i + w_j);
  }
  return {std::move(mixed)};
}

// Voters who judge every bargain alike: same ideal point, same risk
// attitude and (in several dimensions) same saliences. Late in a run many
// actors share a position; their votes are then cast once, with their
// capabilities summed (every voting rule is weight x f(utility difference)).
struct VoterClasses {
  std::vector<std::size_t> representative;  // one actor per class
  std::vector<double> weight;               // summed capabilities
};

VoterClasses voter_classes(const Actors& actors, const State& state, const std::vector<double>& own_risk,
                           bool one_per_actor) {
  const std::size_t n = actors.n;
  if (one_per_actor) {
    VoterClasses classes;
    classes.representative.resize(n);
    std::iota(classes.representative.begin(), classes.representative.end(), 0);
    classes.weight = actors.capability;
    return classes;
  }
  const std::size_t dims = actors.dims;
  const auto key_less = [&](std::size_t a, std::size_t b) {
    const auto ia = state.ideal_of(a, dims);
    const auto ib = state.ideal_of(b, dims);
    if (!std::equal(ia.begin(), ia.end(), ib.begin())) {
      return std::lexicographical_compare(ia.begin(), ia.end(), ib.begin(), ib.end());
    }
    if (own_risk[a] != own_risk[b]) return own_risk[a] < own_risk[b];
    if (dims > 1) {  // in one dimension the distance does not depend on the salience
      const auto sa = actors.saliences(a);
      const auto sb = actors.saliences(b);
      if (!std::equal(sa.begin(), sa.end(), sb.begin())) {
        return std::lexicographical_compare(sa.begin(), sa.end(), sb.begin(), sb.end());
      }
    }
    return false;
  };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), key_less);
  VoterClasses classes;
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t a = order[r];
    if (r == 0 || key_less(order[r - 1], a)) {
      classes.representative.push_back(a);
      classes.weight.push_back(0.0);
    }
    classes.weight.back() += actors.capability[a];
  }
  return classes;
}

// Each voter class's average utility over the positions a bargain would
// leave (KTAB updateBestBrgnPositions' brgnUtil): row 0 the status quo, then
// one row per bargain; columns are the voter classes.
Matrix bargain_values(const Actors& actors, const State& state, const Evaluation& ev, const Settings& settings,
                      const std::vector<Bargain>& bargains, const VoterClasses& classes,
                      const std::vector<double>& own_risk) {
  const std::size_t n = actors.n;
  const std::size_t dims = actors.dims;
  const std::size_t voters = classes.representative.size();
  const auto own_view = [&](std::size_t voter, std::size_t j) {
    return utility(ev.distance(voter, j), own_risk[voter]);
  };
  std::vector<double> total(voters, 0.0);
  parallel_for(settings.pool, voters, 64, [&](std::size_t c) {
    const std::size_t voter = classes.representative[c];
    double sum = 0.0;
    for (std::size_t j = 0; j < n; ++j) sum = sum + own_view(voter, j);
    total[c] = sum;
  });
  Matrix values(bargains.size() + 1, voters);
  const double count = static_cast<double>(n);
  for (std::size_t c = 0; c < voters; ++c) values(0, c) = total[c] / count;
  parallel_for(settings.pool, bargains.size(), 16, [&](std::size_t m) {
    const Bargain& b = bargains[m];
    for (std::size_t c = 0; c < voters; ++c) {
      const std::size_t voter = classes.representative[c];
      const auto ideal = state.ideal_of(voter, dims);
      const auto sal = actors.saliences(voter);
      const double sq = actors.salience_squares[voter];
      const double r = ev.risk[voter];
      const double at_init = utility(distance(ideal, b.initiator_position, sal, sq), r);
      const double at_rcvr = utility(distance(ideal, b.receiver_position, sal, sq), r);
      const double others = total[c] - own_view(voter, b.initiator) - own_view(voter, b.receiver);
      values(m + 1, c) = (at_init + at_rcvr + others) / count;
    }
  });
  return values;
}

// KTAB ndxMaxAbs: the first option with the largest probability.
std::size_t most_likely(const std::vector<double>& p) {
  std::size_t best = 0;
  double top = -1.0;
  for (std::size_t m = 0; m < p.size(); ++m) {
    if (top < std::fabs(p[m])) {
      top = std::fabs(p[m]);
      best = m;
    }
  }
  return best;
}

// KTAB PRNG::probSel: the first option whose cumulative probability reaches a uniform draw.
std::size_t draw(const std::vector<double>& p, Rng& rng) {
  const double u = rng.uniform();
  double sum = 0.0;
  for (std::size_t m = 0; m < p.size(); ++m) {
    sum = sum + p[m];
    if (u <= sum) return m;
  }
  return p.size() - 1;
}

// Actor k's election over its queue: the status quo and every bargain that moves it.
// Actor k's election over its queue: the status quo and every bargain that
// moves it. Bargains every voter values alike (late in a run many initiators
// at one position propose the same) are one option counted several times:
// their coalitions are formed once, and the PCE counts each copy, as KTAB's.
int choose_bargain(const Actors& actors, const Matrix& values, const std::vector<double>& weights,
                   const std::vector<std::size_t>& queue, const Settings& settings, int turn, std::size_t k,
                   Pool* pool) {
  if (queue.empty()) return -1;
  const std::size_t voters = values.cols;
  const std::size_t count = queue.size() + 1;
  const auto row_of = [&](std::size_t option) { return values.row(option == 0 ? 0 : queue[option - 1] + 1); };
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  const auto row_less = [&](std::size_t a, std::size_t b) {
    return std::lexicographical_compare(row_of(a), row_of(a) + voters, row_of(b), row_of(b) + voters);
  };
  std::stable_sort(order.begin(), order.end(), row_less);
  std::vector<std::size_t> group(count);
  std::vector<std::size_t> first;  // each distinct row's first option
  for (std::size_t r = 0; r < count; ++r) {
    if (r == 0 || row_less(order[r - 1], order[r])) first.push_back(order[r]);
    group[order[r]] = first.size() - 1;
  }
  Matrix distinct(first.size(), voters);
  for (std::size_t g = 0; g < first.size(); ++g)
    std::copy(row_of(first[g]), row_of(first[g]) + voters, distinct.row(g));
  const double min_c = kMinCoalition * actors.capability_unit;
  const Matrix grouped = coalitions(distinct, weights, settings.voting_rule, min_c, pool);
  std::vector<double> p;
  if (settings.pce == PceModel::kConditional) {
    p = conditional_over_groups(victory_matrix(grouped, settings.victory), group);
  } else {
    Matrix c(count, count);
    for (std::size_t a = 0; a < count; ++a) {
      for (std::size_t b = 0; b < count; ++b) c(a, b) = group[a] == group[b] ? min_c : grouped(group[a], group[b]);
    }
    p = condorcet_probabilities(c, settings.victory, settings.pce, actors.capability_unit);
  }
  std::size_t chosen = 0;
  if (settings.transitions == Transitions::kDeterministic) {
    chosen = most_likely(p);
  } else {
    Rng rng(settings.seed, (static_cast<std::uint64_t>(turn) << 32U) | static_cast<std::uint64_t>(k));
    chosen = draw(p, rng);
  }
  return chosen == 0 ? -1 : static_cast<int>(queue[chosen - 1]);
}

// KTAB SMPState::newIdeals: ideal_i <- sum_j a_ij pos_j + (1 - sum_j a_ij) ideal_i.
std::vector<double> adjust_ideals(const Actors& actors, const State& old_state, const std::vector<double>& position) {
  if (actors.adjustment.empty()) return position;
  const std::size_t dims = actors.dims;
  std::vector<double> ideal(position.size(), 0.0);
  for (std::size_t i = 0; i < actors.n; ++i) {
    double total = 0.0;
    for (const auto& [j, a] : actors.adjustment[i]) {
      total = total + a;
      for (std::size_t k = 0; k < dims; ++k) ideal[i * dims + k] = ideal[i * dims + k] + a * position[j * dims + k];
    }
    const double lag = 1.0 - std::min(total, 1.0);
    for (std::size_t k = 0; k < dims; ++k) {
      ideal[i * dims + k] = ideal[i * dims + k] + lag * old_state.ideal[i * dims + k];
    }
  }
  return ideal;
}

}  // namespace

TurnResult step(const Actors& actors, const State& state, const Evaluation& ev, const Settings& settings, int turn) {
  const std::size_t n = actors.n;
  const std::size_t dims = actors.dims;
  TurnResult result;

  // 1. Every actor picks its most valuable challenge, and proposes its bargains.
  std::vector<std::optional<Challenge>> picks(n);
  std::vector<std::vector<Bargain>> proposals(n);
  parallel_for(settings.pool, n, 1, [&](std::size_t i) {
    picks[i] = best_challenge(actors, ev, settings, i);
    if (picks[i]) proposals[i] = propose(actors, state, ev, settings, *picks[i]);
  });
  std::vector<std::vector<std::size_t>> queue(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!picks[i]) continue;
    result.challenges.push_back(*picks[i]);
    for (auto& b : proposals[i]) {
      const std::size_t m = result.bargains.size();
      queue[b.initiator].push_back(m);
      queue[b.receiver].push_back(m);
      result.bargains.push_back(std::move(b));
    }
  }
  // The initiator's and the receiver's queues hold bargains in the order of
  // their initiators (KTAB's depends on thread timing).
  for (auto& q : queue) std::sort(q.begin(), q.end());

  // 2. Every actor holds an election over its queue and adopts the winner.
  std::vector<double> own_risk(n);
  for (std::size_t k = 0; k < n; ++k) own_risk[k] = estimated_risk(ev.risk[k], ev.risk[k], settings.risk_adjust);
  const VoterClasses classes = voter_classes(actors, state, own_risk, settings.direct_sums);
  const Matrix values = bargain_values(actors, state, ev, settings, result.bargains, classes, own_risk);
  result.adopted.assign(n, -1);
  // A few actors may hold most bargains (late in a run everyone challenges the
  // same few): their elections use every thread; the rest run side by side.
  constexpr std::size_t kLargeQueue = 96;
  std::vector<std::size_t> small;
  for (std::size_t k = 0; k < n; ++k) {
    if (queue[k].size() >= kLargeQueue) {
      result.adopted[k] = choose_bargain(actors, values, classes.weight, queue[k], settings, turn, k, settings.pool);
    } else {
      small.push_back(k);
    }
  }
  parallel_for(settings.pool, small.size(), 4, [&](std::size_t s_index) {
    const std::size_t k = small[s_index];
    result.adopted[k] = choose_bargain(actors, values, classes.weight, queue[k], settings, turn, k, nullptr);
  });

  result.next.position = state.position;
  for (std::size_t k = 0; k < n; ++k) {
    if (result.adopted[k] < 0) continue;
    const Bargain& b = result.bargains[static_cast<std::size_t>(result.adopted[k])];
    const auto& side = b.initiator == k ? b.initiator_position : b.receiver_position;
    std::copy(side.begin(), side.end(), result.next.position.begin() + static_cast<std::ptrdiff_t>(k * dims));
  }
  // 3. Ideals follow (KTAB: identity accommodation, so ideal = position).
  result.next.ideal = adjust_ideals(actors, state, result.next.position);
  return result;
}

}  // namespace detente::smp
