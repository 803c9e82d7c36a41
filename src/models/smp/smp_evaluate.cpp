// Evaluating a state (KTAB SMPState::setAllAUtil, pDist; Model::coalitions,
// probCE2, bigRfromProb): distances, risk attitudes re-estimated from a
// probabilistic Condorcet election among the positions, and the probability
// that each position prevails.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/smp/parallel.h"
#include "models/smp/smp_election.h"
#include "models/smp/smp_kernel.h"
#include "models/smp/smp_state.h"

namespace detente::smp {
namespace {

// Two positions closer than this (Euclidean, on [0,1]) count as one (KTAB SMPModel::posTol).
constexpr double kPositionTolerance = 1e-3;
// KTAB Model::coalitions' floor under every coalition, in capability units.
constexpr double kMinCoalition = 1e-8;

// Groups of actors whose positions are bitwise equal: they are the same
// option, so coalitions need be formed only once per group.
std::vector<std::size_t> exact_groups(const Actors& actors, const State& state, std::vector<std::size_t>& first) {
  const std::size_t n = actors.n;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  const auto less = [&](std::size_t a, std::size_t b) {
    const auto pa = state.at(a, actors.dims);
    const auto pb = state.at(b, actors.dims);
    if (std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end())) return true;
    if (std::lexicographical_compare(pb.begin(), pb.end(), pa.begin(), pa.end())) return false;
    return a < b;
  };
  std::sort(order.begin(), order.end(), less);
  std::vector<std::size_t> group(n);
  first.clear();
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t a = order[r];
    const bool same = r > 0 && std::equal(state.at(a, actors.dims).begin(), state.at(a, actors.dims).end(),
                                          state.at(order[r - 1], actors.dims).begin());
    if (!same) first.push_back(a);
    group[a] = first.size() - 1;
  }
  return group;
}

// Whether the one-dimensional shortcut for coalitions applies.
bool on_a_line(const Actors& actors, const Settings& settings) {
  return actors.dims == 1 && settings.voting_rule == VotingRule::kProportional && !settings.direct_sums;
}

// Coalition strengths among options at the positions of `options` (actor
// indices), each voter n judging with risk attitude risk[n] (KTAB: its own
// risk-aware utilities, or risk-neutral ones).
Matrix position_coalitions(const Actors& actors, const State& state, const Evaluation& ev, const Settings& settings,
                           const std::vector<std::size_t>& options, const std::vector<double>& risk) {
  const double min_c = kMinCoalition * actors.capability_unit;
  if (on_a_line(actors, settings)) {
    std::vector<double> x(options.size());
    for (std::size_t g = 0; g < options.size(); ++g) x[g] = state.position[options[g]];
    return coalitions_on_line(x, LineVoters{.ideal = state.ideal, .risk = risk, .weight = actors.capability}, min_c,
                              settings.pool);
  }
  Matrix u(options.size(), actors.n);
  for (std::size_t g = 0; g < options.size(); ++g) {
    for (std::size_t k = 0; k < actors.n; ++k) u(g, k) = utility(ev.distance(k, options[g]), risk[k]);
  }
  return coalitions(u, actors.capability, settings.voting_rule, min_c, settings.pool);
}

// KTAB SMPState::setAllAUtil: a PCE among every actor's position, with
// risk-neutral utilities, ranks the positions; the most likely is held by
// the most risk-averse actor (Model::bigRfromProb).
std::vector<double> risk_attitudes(const Actors& actors, const State& state, const Evaluation& ev,
                                   const Settings& settings, bool& degenerate) {
  const std::size_t n = actors.n;
  std::vector<std::size_t> representative;
  const auto group = exact_groups(actors, state, representative);
  const Matrix grouped = position_coalitions(actors, state, ev, settings, representative, std::vector<double>(n, 0.0));
  std::vector<double> p;
  if (settings.pce == PceModel::kConditional) {
    p = conditional_over_groups(victory_matrix(grouped, settings.victory, settings.pool), group);
  } else {
    // The Markov chains run over every actor's position, duplicates included, as KTAB's do.
    const double min_c = kMinCoalition * actors.capability_unit;
    Matrix c(n, n);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) c(a, b) = group[a] == group[b] ? min_c : grouped(group[a], group[b]);
    }
    p = condorcet_probabilities(c, settings.victory, settings.pce, actors.capability_unit, settings.pool);
  }
  double p_min = 1.0;
  double p_max = 0.0;
  for (const double pi : p) {
    p_min = std::min(p_min, pi);
    p_max = std::max(p_max, pi);
  }
  std::vector<double> risk(n, 0.0);
  degenerate = !(p_max > p_min);
  if (degenerate) return risk;  // KTAB divides by p_max - p_min = 0 and stops with an error
  for (std::size_t i = 0; i < n; ++i) risk[i] = risk_from_probability(p[i], p_min, p_max, settings.risk_range);
  return risk;
}

bool equivalent(const Actors& actors, const State& state, std::size_t a, std::size_t b) {
  const double* pa = state.position.data() + a * actors.dims;
  const double* pb = state.position.data() + b * actors.dims;
  // The distance is at least the gap on the first dimension: a quick no.
  if (std::fabs(pa[0] - pb[0]) > kPositionTolerance * (1.0 + 1e-9)) return false;
  double s = 0.0;
  for (std::size_t k = 0; k < actors.dims; ++k) {
    const double d = pa[k] - pb[k];
    s = s + d * d;
  }
  return std::sqrt(s) < kPositionTolerance;
}

// Greedy grouping of positions within the tolerance (KTAB KBase::ueIndices):
// each actor, met in the grouping order, joins the first group whose
// representative is close, or starts a group of its own.
std::vector<std::size_t> unique_positions(const Actors& actors, const State& state) {
  std::vector<std::size_t> unique;
  for (std::size_t r = 0; r < actors.n; ++r) {
    const std::size_t i = actors.grouping_order.empty() ? r : actors.grouping_order[r];
    const bool found =
        std::any_of(unique.begin(), unique.end(), [&](std::size_t u) { return equivalent(actors, state, i, u); });
    if (!found) unique.push_back(i);
  }
  return unique;
}

// KTAB SMPState::pDist(-1) and State::posProb: a PCE among the distinct
// positions, each actor judging by its own risk-aware utilities.
void position_probabilities(const Actors& actors, const State& state, const Settings& settings, Evaluation& ev) {
  const std::size_t n = actors.n;
  ev.unique = unique_positions(actors, state);
  std::vector<double> own_risk(n);
  for (std::size_t k = 0; k < n; ++k) own_risk[k] = estimated_risk(ev.risk[k], ev.risk[k], settings.risk_adjust);
  const Matrix c = position_coalitions(actors, state, ev, settings, ev.unique, own_risk);
  ev.unique_probability =
      condorcet_probabilities(c, settings.victory, settings.pce, actors.capability_unit, settings.pool);
  ev.actor_probability.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t g = 0; g < ev.unique.size(); ++g) {
      if (equivalent(actors, state, i, ev.unique[g])) ev.actor_probability[i] = ev.unique_probability[g];
    }
  }
}

}  // namespace

double Evaluation::utility(std::size_t h, std::size_t i, std::size_t j, RiskAdjust adjust) const {
  return smp::utility(distance(i, j), estimated_risk(risk[h], risk[i], adjust));
}

Evaluation evaluate(const Actors& actors, const State& state, const Settings& settings) {
  Evaluation ev;
  evaluate(actors, state, settings, ev);
  return ev;
}

void evaluate(const Actors& actors, const State& state, const Settings& settings, Evaluation& ev) {
  const std::size_t n = actors.n;
  const std::size_t dims = actors.dims;
  ev.distance.reshape(n, n);
  ev.distance_t.reshape(n, n);
  parallel_for(settings.pool, n, 32, [&](std::size_t i) {
    for (std::size_t j = 0; j < n; ++j) {
      ev.distance(i, j) =
          distance(state.ideal_of(i, dims), state.at(j, dims), actors.saliences(i), actors.salience_squares[i]);
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) ev.distance_t(j, i) = ev.distance(i, j);
  }
  ev.risk = risk_attitudes(actors, state, ev, settings, ev.risk_degenerate);
  position_probabilities(actors, state, settings, ev);
}

}  // namespace detente::smp
