#include "models/smp/smp_election.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/smp/parallel.h"
#include "models/smp/smp_kernel.h"

namespace detente::smp {
namespace {

// Four running totals (lane = voter index mod 4), combined in a fixed order.
struct LaneTotals {
  Pack low = splat(0.0);
  Pack high = splat(0.0);
  double tail[4] = {0.0, 0.0, 0.0, 0.0};
  [[nodiscard]] double sum() const {
    return ((low[0] + tail[0]) + (low[1] + tail[1])) + ((high[0] + tail[2]) + (high[1] + tail[3]));
  }
};

// Support for a over b and for b over a among all voters.
template <VotingRule kRule>
std::pair<double, double> pair_support(const double* u_a, const double* u_b, const double* w, std::size_t n,
                                       double min_c) {
  LaneTotals ab;
  LaneTotals ba;
  std::size_t m = 0;
  for (; m + 4 <= n; m += 4) {
    const Pack v_low = vote<kRule>(load(w + m), load(u_a + m), load(u_b + m));
    const Pack v_high = vote<kRule>(load(w + m + 2), load(u_a + m + 2), load(u_b + m + 2));
    if constexpr (antisymmetric_rule(kRule)) {
      ab.low += positive_part(v_low);
      ab.high += positive_part(v_high);
      ba.low -= negative_part(v_low);
      ba.high -= negative_part(v_high);
    } else {
      // ASymProsp: each direction is voted on in its own right.
      ab.low += positive_part(v_low);
      ab.high += positive_part(v_high);
      ba.low += positive_part(vote<kRule>(load(w + m), load(u_b + m), load(u_a + m)));
      ba.high += positive_part(vote<kRule>(load(w + m + 2), load(u_b + m + 2), load(u_a + m + 2)));
    }
  }
  for (std::size_t r = 0; m + r < n; ++r) {
    const double v = vote<kRule>(w[m + r], u_a[m + r], u_b[m + r]);
    ab.tail[r] += positive_part(v);
    if constexpr (antisymmetric_rule(kRule)) {
      ba.tail[r] -= negative_part(v);
    } else {
      ba.tail[r] += positive_part(vote<kRule>(w[m + r], u_b[m + r], u_a[m + r]));
    }
  }
  return {min_c + ab.sum(), min_c + ba.sum()};
}

template <VotingRule kRule>
void fill_coalitions(Matrix& c, const Matrix& u, std::span<const double> w, double min_c, Pool* pool) {
  parallel_for(pool, u.rows, 16, [&](std::size_t a) {
    c(a, a) = min_c;
    for (std::size_t b = 0; b < a; ++b) {
      const auto [ab, ba] = pair_support<kRule>(u.row(a), u.row(b), w.data(), w.size(), min_c);
      c(a, b) = ab;
      c(b, a) = ba;
    }
  });
}

// Conditional PCE (KTAB Model::condPCE): p_i proportional to the chance that
// i beats every alternative, prod_j P[i>j]. When the products underflow (many
// options) they are formed as sums of logarithms.
std::vector<double> normalise_products(std::vector<double> p, const std::vector<double>& log_p_if_needed) {
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  if (!(total > 1e-250)) {
    const double top = *std::max_element(log_p_if_needed.begin(), log_p_if_needed.end());
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = std::exp(log_p_if_needed[i] - top);
    const double retotal = std::accumulate(p.begin(), p.end(), 0.0);
    for (auto& x : p) x = x / retotal;
    return p;
  }
  for (auto& x : p) x = x / total;
  return p;
}

std::vector<double> conditional_pce(const Matrix& pv) {
  const std::size_t m = pv.rows;
  std::vector<double> p(m, 1.0);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < m; ++j) p[i] = p[i] * pv(i, j);
  }
  std::vector<double> log_p;
  if (!(std::accumulate(p.begin(), p.end(), 0.0) > 1e-250)) {
    log_p.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < m; ++j) log_p[i] += std::log(pv(i, j));
    }
  }
  return normalise_products(std::move(p), log_p);
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
  const auto incentive = [&](std::size_t i, std::size_t j) {
    return c(i, j) * pv(i, j) + (i == j ? 1e-10 * unit : 0.0);
  };
  Matrix challenge(m, m);
  for (std::size_t j = 0; j < m; ++j) {
    double column = 0.0;
    for (std::size_t k = 0; k < m; ++k) column = column + incentive(k, j);
    for (std::size_t i = 0; i < m; ++i) challenge(i, j) = incentive(i, j) / column;
  }
  std::vector<double> p(m, 1.0 / static_cast<double>(m));
  std::vector<double> q(m);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    double change = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      double qi = 0.0;
      for (std::size_t j = 0; j < m; ++j) qi = qi + pv(i, j) * (p[i] * challenge(j, i) + p[j] * challenge(i, j));
      q[i] = qi;
      change = std::max(change, std::fabs(q[i] - p[i]));
    }
    for (std::size_t i = 0; i < m; ++i) p[i] = (p[i] + q[i]) / 2.0;
    if (!(1e-8 < change)) break;
  }
  return p;
}

// Running sums over voters sorted by ideal point, for coalitions_on_line.
struct Prefix {
  std::vector<double> ideal;           // sorted
  std::vector<double> w, wr, wy, wry;  // sums of the first k voters (k = 0..n)
  [[nodiscard]] std::size_t at_most(double x) const {
    return static_cast<std::size_t>(std::upper_bound(ideal.begin(), ideal.end(), x) - ideal.begin());
  }
  [[nodiscard]] std::size_t below(double x) const {
    return static_cast<std::size_t>(std::lower_bound(ideal.begin(), ideal.end(), x) - ideal.begin());
  }
};

Prefix prefix_sums(const LineVoters& voters) {
  const std::size_t n = voters.ideal.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return voters.ideal[a] != voters.ideal[b] ? voters.ideal[a] < voters.ideal[b] : a < b;
  });
  Prefix p;
  p.ideal.resize(n);
  p.w.assign(n + 1, 0.0);
  p.wr.assign(n + 1, 0.0);
  p.wy.assign(n + 1, 0.0);
  p.wry.assign(n + 1, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t v = order[k];
    const double y = voters.ideal[v];
    const double w = voters.weight[v];
    const double r = voters.risk[v];
    p.ideal[k] = y;
    p.w[k + 1] = p.w[k] + w;
    p.wr[k + 1] = p.wr[k] + w * r;
    p.wy[k + 1] = p.wy[k] + w * y;
    p.wry[k + 1] = p.wry[k] + w * r * y;
  }
  return p;
}

}  // namespace

Matrix coalitions(const Matrix& utilities, std::span<const double> weights, VotingRule rule, double min_c, Pool* pool) {
  Matrix c(utilities.rows, utilities.rows);
  switch (rule) {
    case VotingRule::kBinary:
      fill_coalitions<VotingRule::kBinary>(c, utilities, weights, min_c, pool);
      break;
    case VotingRule::kPropBin:
      fill_coalitions<VotingRule::kPropBin>(c, utilities, weights, min_c, pool);
      break;
    case VotingRule::kProportional:
      fill_coalitions<VotingRule::kProportional>(c, utilities, weights, min_c, pool);
      break;
    case VotingRule::kPropCbc:
      fill_coalitions<VotingRule::kPropCbc>(c, utilities, weights, min_c, pool);
      break;
    case VotingRule::kCubic:
      fill_coalitions<VotingRule::kCubic>(c, utilities, weights, min_c, pool);
      break;
    case VotingRule::kASymProsp:
      fill_coalitions<VotingRule::kASymProsp>(c, utilities, weights, min_c, pool);
      break;
  }
  return c;
}

// With u_n(x) = 1 + d (r_n - 1) - r_n d^2, d = |x - y_n|, and options
// x_lo < x_hi (spread D = x_hi - x_lo, sum S = x_lo + x_hi), voter n's vote
// w_n (u_n(x_lo) - u_n(x_hi)) is, by where its ideal y lies:
//   y <= x_lo:          w D (1 - r + r S - 2 r y)
//   x_lo < y < S/2:     w (2y - S)(r (1 - D) - 1)          (both > 0: backs x_lo)
//   S/2 < y < x_hi:     the negative of the line above       (backs x_hi)
//   y >= x_hi:          -w D (1 - r + 2 r y - r S)          (backs x_hi)
// so each coalition is a sum over ranges of sorted voters of w, w r, w y, w r y.
Matrix coalitions_on_line(std::span<const double> options, const LineVoters& voters, double min_c, Pool* pool) {
  const std::size_t m = options.size();
  const Prefix p = prefix_sums(voters);
  const std::size_t n = p.ideal.size();
  const auto range = [](const std::vector<double>& sum, std::size_t lo, std::size_t hi) {
    return hi > lo ? sum[hi] - sum[lo] : 0.0;
  };
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return options[a] != options[b] ? options[a] < options[b] : a < b; });
  std::vector<std::size_t> at_most(m);
  std::vector<std::size_t> below(m);
  for (std::size_t a = 0; a < m; ++a) {
    at_most[a] = p.at_most(options[a]);
    below[a] = p.below(options[a]);
  }
  Matrix c(m, m);
  // Row r pairs option order[r] with every option above it; the midpoint
  // rises with the upper option, so two cursors sweep the voters once.
  parallel_for(pool, m, 32, [&](std::size_t r) {
    const std::size_t lo = order[r];
    const double x_lo = options[lo];
    c(lo, lo) = min_c;
    const std::size_t left_end = at_most[lo];
    std::size_t before_mid = left_end;   // voters with ideal < midpoint
    std::size_t through_mid = left_end;  // voters with ideal <= midpoint
    for (std::size_t q = r + 1; q < m; ++q) {
      const std::size_t hi = order[q];
      const double x_hi = options[hi];
      if (x_hi == x_lo) {
        c(lo, hi) = c(hi, lo) = min_c;
        continue;
      }
      const double spread = x_hi - x_lo;
      const double sum = x_lo + x_hi;
      const double mid = 0.5 * sum;
      while (before_mid < n && p.ideal[before_mid] < mid) ++before_mid;
      through_mid = std::max(through_mid, before_mid);
      while (through_mid < n && p.ideal[through_mid] <= mid) ++through_mid;
      const std::size_t right_start = below[hi];
      const std::size_t near_hi_start = std::min(right_start, through_mid);
      const auto middle = [&](std::size_t from, std::size_t to) {
        return 2.0 * (1.0 - spread) * range(p.wry, from, to) - 2.0 * range(p.wy, from, to) -
               sum * (1.0 - spread) * range(p.wr, from, to) + sum * range(p.w, from, to);
      };
      const double left = spread * (range(p.w, 0, left_end) - range(p.wr, 0, left_end) +
                                    sum * range(p.wr, 0, left_end) - 2.0 * range(p.wry, 0, left_end));
      const double right = spread * (range(p.w, right_start, n) - range(p.wr, right_start, n) +
                                     2.0 * range(p.wry, right_start, n) - sum * range(p.wr, right_start, n));
      c(lo, hi) = min_c + (left + middle(left_end, before_mid));
      c(hi, lo) = min_c + (right - middle(near_hi_start, right_start));
    }
  });
  return c;
}

Matrix victory_matrix(const Matrix& c, VictoryModel victory, Pool* pool) {
  Matrix p(c.rows, c.rows);
  parallel_for(pool, c.rows, 128, [&](std::size_t i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [pij, pji] = victory_pair(victory, c(i, j), c(j, i));
      p(i, j) = pij;
      p(j, i) = pji;
    }
    p(i, i) = 0.5;
  });
  return p;
}

std::vector<double> condorcet_probabilities(const Matrix& c, VictoryModel victory, PceModel pce, double unit,
                                            Pool* pool) {
  const Matrix pv = victory_matrix(c, victory, pool);
  switch (pce) {
    case PceModel::kConditional:
      return conditional_pce(pv);
    case PceModel::kMarkovUniform:
      return markov_uniform_pce(pv);
    case PceModel::kMarkovIncentive:
      return markov_incentive_pce(c, pv, unit);
  }
  return conditional_pce(pv);
}

std::vector<double> conditional_over_groups(const Matrix& victory, std::span<const std::size_t> group) {
  const std::size_t groups = victory.rows;
  std::vector<double> per_group(groups, 1.0);
  for (std::size_t g = 0; g < groups; ++g) {
    for (const std::size_t h : group) per_group[g] = per_group[g] * victory(g, h);
  }
  std::vector<double> p(group.size());
  for (std::size_t a = 0; a < group.size(); ++a) p[a] = per_group[group[a]];
  std::vector<double> log_p;
  if (!(std::accumulate(p.begin(), p.end(), 0.0) > 1e-250)) {
    std::vector<double> log_group(groups, 0.0);
    for (std::size_t g = 0; g < groups; ++g) {
      for (const std::size_t h : group) log_group[g] += std::log(victory(g, h));
    }
    log_p.resize(group.size());
    for (std::size_t a = 0; a < group.size(); ++a) log_p[a] = log_group[group[a]];
  }
  return normalise_products(std::move(p), log_p);
}

}  // namespace detente::smp
