// Evaluating a state (KTAB SMPState::setAllAUtil, pDist; Model::coalitions,
// probCE2, bigRfromProb): distances, risk attitudes re-estimated from a
// probabilistic Condorcet election among the positions, and the probability
// that each position prevails.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/smp/parallel.h"
#include "models/smp/smp_kernel.h"
#include "models/smp/smp_state.h"

namespace detente::smp {
namespace {

// Two positions closer than this (Euclidean, on [0,1]) count as one (KTAB SMPModel::posTol).
constexpr double kPositionTolerance = 1e-3;
// KTAB Model::coalitions' floor under every coalition, in capability units.
constexpr double kMinCoalition = 1e-8;

template <VotingRule kRule>
std::pair<double, double> pair_support(const double* u_a, const double* u_b, std::span<const double> w,
                                       double min_c, bool symmetric) {
  double ab = min_c;
  double ba = min_c;
  for (std::size_t n = 0; n < w.size(); ++n) {
    const double v = vote<kRule>(w[n], u_a[n], u_b[n]);
    if (symmetric) {
      if (v > 0) ab = ab + v;
      if (v < 0) ba = ba - v;
    } else {
      // ASymProsp: each direction is voted on in its own right.
      if (v > 0) ab = ab + v;
      const double reverse = vote<kRule>(w[n], u_b[n], u_a[n]);
      if (reverse > 0) ba = ba + reverse;
    }
  }
  return {ab, ba};
}

template <VotingRule kRule>
void fill_coalitions(Matrix& c, const Matrix& u, std::span<const double> w, double min_c, unsigned threads) {
  const bool symmetric = antisymmetric(kRule);
  parallel_for(u.rows, threads, 8, [&](std::size_t a) {
    c(a, a) = min_c;
    for (std::size_t b = 0; b < a; ++b) {
      const auto [ab, ba] = pair_support<kRule>(u.row(a), u.row(b), w, min_c, symmetric);
      c(a, b) = ab;
      c(b, a) = ba;
    }
  });
}

Matrix victory_matrix(const Matrix& c, VictoryModel victory) {
  Matrix p(c.rows, c.rows);
  for (std::size_t i = 0; i < c.rows; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [pij, pji] = victory_pair(victory, c(i, j), c(j, i));
      p(i, j) = pij;
      p(j, i) = pji;
    }
    p(i, i) = 0.5;
  }
  return p;
}

// Conditional PCE (KTAB Model::condPCE): p_i proportional to the chance that
// i beats every alternative, prod_j P[i>j]. With many options the products
// underflow; they are then formed as sums of logarithms.
std::vector<double> conditional_pce(const Matrix& pv) {
  const std::size_t m = pv.rows;
  std::vector<double> p(m, 1.0);
  double largest = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < m; ++j) p[i] = p[i] * pv(i, j);
    largest = std::max(largest, p[i]);
  }
  if (largest < 1e-200) {
    std::vector<double> log_p(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < m; ++j) log_p[i] += std::log(pv(i, j));
    }
    const double top = *std::max_element(log_p.begin(), log_p.end());
    for (std::size_t i = 0; i < m; ++i) p[i] = std::exp(log_p[i] - top);
  }
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  for (auto& x : p) x = x / total;
  return p;
}

// Markov PCE with uniform challenges (KTAB Model::markovUniformPCE): the fixed
// point of p_i = sum_j P[i>j] (p_i + p_j) / m.
std::vector<double> markov_uniform_pce(const Matrix& pv) {
  const std::size_t m = pv.rows;
  std::vector<double> p(m, 1.0 / static_cast<double>(m));
  std::vector<double> q(m);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    double change = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      double pi = 0.0;
      for (std::size_t j = 0; j < m; ++j) pi = pi + pv(i, j) * (p[i] + p[j]);
      q[i] = pi / static_cast<double>(m);
      change = std::max(change, std::fabs(q[i] - p[i]));
    }
    for (std::size_t i = 0; i < m; ++i) p[i] = (p[i] + q[i]) / 2.0;
    if (!(1e-6 < change)) break;
  }
  return p;
}

// Markov PCE with incentive-weighted challenges (KTAB Model::markovIncentivePCE,
// after B. P. Wise, "markov-incentives", KTAB kmodel/doc): option j is
// challenged by i with probability proportional to c_ij P[i>j].
std::vector<double> markov_incentive_pce(const Matrix& c, const Matrix& pv, double unit) {
  const std::size_t m = c.rows;
  Matrix challenge(m, m);
  for (std::size_t j = 0; j < m; ++j) {
    double column = 0.0;
    for (std::size_t k = 0; k < m; ++k) column = column + (c(k, j) * pv(k, j) + (k == j ? 1e-10 * unit : 0.0));
    for (std::size_t i = 0; i < m; ++i) challenge(i, j) = (c(i, j) * pv(i, j) + (i == j ? 1e-10 * unit : 0.0)) / column;
  }
  std::vector<double> p(m, 1.0 / static_cast<double>(m));
  std::vector<double> q(m);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    double change = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      double qi = 0.0;
      for (std::size_t j = 0; j < m; ++j) {
        const double flow = p[i] * challenge(j, i) + p[j] * challenge(i, j);
        qi = qi + pv(i, j) * flow;
      }
      q[i] = qi;
      change = std::max(change, std::fabs(q[i] - p[i]));
    }
    for (std::size_t i = 0; i < m; ++i) p[i] = (p[i] + q[i]) / 2.0;
    if (!(1e-8 < change)) break;
  }
  return p;
}

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

std::vector<double> risk_attitudes(const Actors& actors, const State& state, const Evaluation& ev,
                                   const Settings& settings, bool& degenerate) {
  const std::size_t n = actors.n;
  // Risk-neutral utilities (r = 0) of each distinct position to every actor.
  std::vector<std::size_t> representative;
  const auto group = exact_groups(actors, state, representative);
  Matrix u(representative.size(), n);
  for (std::size_t g = 0; g < representative.size(); ++g) {
    for (std::size_t k = 0; k < n; ++k) u(g, k) = utility(ev.distance(k, representative[g]), 0.0);
  }
  const double min_c = kMinCoalition * actors.capability_unit;
  const Matrix grouped = coalitions(u, actors.capability, settings.voting_rule, min_c, settings.threads);
  Matrix c(n, n);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) c(a, b) = group[a] == group[b] ? min_c : grouped(group[a], group[b]);
  }
  const auto p = condorcet_probabilities(c, settings.victory, settings.pce, actors.capability_unit);
  double p_min = 1.0;
  double p_max = 0.0;
  for (const double pi : p) {
    p_min = std::min(p_min, pi);
    p_max = std::max(p_max, pi);
  }
  std::vector<double> risk(n, 0.0);
  degenerate = !(p_max > p_min);
  if (degenerate) return risk;   // KTAB divides by p_max - p_min = 0 and stops with an error
  for (std::size_t i = 0; i < n; ++i) risk[i] = risk_from_probability(p[i], p_min, p_max, settings.risk_range);
  return risk;
}

bool equivalent(const Actors& actors, const State& state, std::size_t a, std::size_t b) {
  double s = 0.0;
  for (std::size_t k = 0; k < actors.dims; ++k) {
    const double d = state.position[a * actors.dims + k] - state.position[b * actors.dims + k];
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
  Matrix u(ev.unique.size(), n);
  for (std::size_t g = 0; g < ev.unique.size(); ++g) {
    for (std::size_t k = 0; k < n; ++k) u(g, k) = ev.utility(k, k, ev.unique[g], settings.risk_adjust);
  }
  const double min_c = kMinCoalition * actors.capability_unit;
  const Matrix c = coalitions(u, actors.capability, settings.voting_rule, min_c, settings.threads);
  ev.unique_probability = condorcet_probabilities(c, settings.victory, settings.pce, actors.capability_unit);
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

Matrix coalitions(const Matrix& utilities, std::span<const double> weights, VotingRule rule, double min_c,
                  unsigned threads) {
  Matrix c(utilities.rows, utilities.rows);
  switch (rule) {
    case VotingRule::kBinary: fill_coalitions<VotingRule::kBinary>(c, utilities, weights, min_c, threads); break;
    case VotingRule::kPropBin: fill_coalitions<VotingRule::kPropBin>(c, utilities, weights, min_c, threads); break;
    case VotingRule::kProportional:
      fill_coalitions<VotingRule::kProportional>(c, utilities, weights, min_c, threads);
      break;
    case VotingRule::kPropCbc: fill_coalitions<VotingRule::kPropCbc>(c, utilities, weights, min_c, threads); break;
    case VotingRule::kCubic: fill_coalitions<VotingRule::kCubic>(c, utilities, weights, min_c, threads); break;
    case VotingRule::kASymProsp: fill_coalitions<VotingRule::kASymProsp>(c, utilities, weights, min_c, threads); break;
  }
  return c;
}

std::vector<double> condorcet_probabilities(const Matrix& c, VictoryModel victory, PceModel pce, double unit) {
  const Matrix pv = victory_matrix(c, victory);
  switch (pce) {
    case PceModel::kConditional: return conditional_pce(pv);
    case PceModel::kMarkovUniform: return markov_uniform_pce(pv);
    case PceModel::kMarkovIncentive: return markov_incentive_pce(c, pv, unit);
  }
  return conditional_pce(pv);
}

Evaluation evaluate(const Actors& actors, const State& state, const Settings& settings) {
  const std::size_t n = actors.n;
  const std::size_t dims = actors.dims;
  Evaluation ev;
  ev.distance = Matrix(n, n);
  ev.distance_t = Matrix(n, n);
  parallel_for(n, settings.threads, 32, [&](std::size_t i) {
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
  return ev;
}

}  // namespace detente::smp
