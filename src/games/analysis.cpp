#include "games/analysis.h"

#include <algorithm>
#include <cmath>

namespace detente::games {

std::vector<double> payoffs_by_turn(const MatchResult& match, const StageGame& game, int player) {
  std::vector<double> u;
  u.reserve(match.moves[0].size());
  const auto& own = match.moves[static_cast<std::size_t>(player)];
  const auto& other = match.moves[static_cast<std::size_t>(1 - player)];
  for (std::size_t t = 0; t < own.size(); ++t) u.push_back(game.payoff(player, own[t], other[t]));
  return u;
}

double discounted_sum(std::span<const double> per_turn, double w) {
  double sum = 0.0;
  double weight = 1.0;
  for (const double x : per_turn) {
    sum += weight * x;
    weight *= w;
  }
  return sum;
}

double tit_for_tat_threshold(const SymmetricPayoffs& g) {
  return std::max((g.T - g.R) / (g.T - g.P), (g.T - g.R) / (g.R - g.S));
}

double generous_forgiveness(const SymmetricPayoffs& g) {
  return std::min(1 - (g.T - g.R) / (g.R - g.S), (g.R - g.P) / (g.T - g.P));
}

double enforcement_slack(const SymmetricPayoffs& g, double w) { return w / (1 - w) * (g.R - g.P) - (g.T - g.R); }

namespace {

using Matrix4 = std::array<std::array<double, 4>, 4>;
using Vector4 = std::array<double, 4>;

double executed(double p, double noise) { return p * (1 - noise) + (1 - p) * noise; }

// Solves (I - w M^T) x = d for x = sum_t w^t (M^T)^t d, by Gaussian elimination with partial pivoting.
Vector4 discounted_occupancy(const Matrix4& m, const Vector4& d, double w) {
  Matrix4 a{};
  Vector4 b = d;
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) a[i][j] = (i == j ? 1.0 : 0.0) - w * m[j][i];
  }
  for (std::size_t col = 0; col < 4; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < 4; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (std::size_t r = col + 1; r < 4; ++r) {
      const double f = a[r][col] / a[col][col];
      for (std::size_t c = col; c < 4; ++c) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  Vector4 x{};
  for (std::size_t i = 4; i-- > 0;) {
    double s = b[i];
    for (std::size_t c = i + 1; c < 4; ++c) s -= a[i][c] * x[c];
    x[i] = s / a[i][i];
  }
  return x;
}

}  // namespace

std::array<double, 2> memory_one_payoffs(const MemoryOneRule& a, const MemoryOneRule& b, const StageGame& game,
                                         double w, double noise) {
  // States are last-round outcomes (a's move, b's move): CC, CD, DC, DD.
  const auto joint = [](double pa, double pb) {
    return Vector4{pa * pb, pa * (1 - pb), (1 - pa) * pb, (1 - pa) * (1 - pb)};
  };
  Matrix4 m{};
  for (std::size_t s = 0; s < 4; ++s) {
    const std::size_t own_a = s / 2;
    const std::size_t own_b = s % 2;
    const double pa = executed(a.after[2 * own_a + own_b], noise);
    const double pb = executed(b.after[2 * own_b + own_a], noise);
    m[s] = joint(pa, pb);
  }
  const Vector4 start = joint(executed(a.first, noise), executed(b.first, noise));
  const Vector4 occupancy = discounted_occupancy(m, start, w);
  std::array<double, 2> v{0.0, 0.0};
  for (std::size_t s = 0; s < 4; ++s) {
    const Move ma = s / 2 == 0 ? kC : kD;
    const Move mb = s % 2 == 0 ? kC : kD;
    const auto [ua, ub] = game.payoffs(ma, mb);
    v[0] += (1 - w) * occupancy[s] * ua;
    v[1] += (1 - w) * occupancy[s] * ub;
  }
  return v;
}

std::vector<MemoryOneRule> deterministic_memory_one_rules() {
  std::vector<MemoryOneRule> rules;
  for (int first = 0; first < 2; ++first) {
    for (int bits = 0; bits < 16; ++bits) {
      MemoryOneRule r{static_cast<double>(first), {}};
      for (std::size_t k = 0; k < 4; ++k) r.after[k] = (bits >> k) & 1 ? 1.0 : 0.0;
      rules.push_back(r);
    }
  }
  return rules;
}

bool resists_invasion(const MemoryOneRule& resident, const StageGame& game, double w, double tolerance) {
  const double home = memory_one_payoffs(resident, resident, game, w)[0];
  for (const MemoryOneRule& mutant : deterministic_memory_one_rules()) {
    if (memory_one_payoffs(mutant, resident, game, w)[0] > home + tolerance) return false;
  }
  return true;
}

double invasion_threshold(const MemoryOneRule& resident, const StageGame& game) {
  double lo = 0.0;         // invaded
  double hi = 1.0 - 1e-9;  // resists (assumed; checked by the caller's tests)
  for (int i = 0; i < 80 && hi - lo > 1e-13; ++i) {
    const double mid = (lo + hi) / 2;
    (resists_invasion(resident, game, mid) ? hi : lo) = mid;
  }
  return hi;
}

double largest_stable_forgiveness(const StageGame& game) {
  double lo = 0.0;  // resists
  double hi = 1.0;  // invaded (Generous Tit For Tat with q = 1 is Cooperator)
  for (int i = 0; i < 80 && hi - lo > 1e-13; ++i) {
    const double mid = (lo + hi) / 2;
    (resists_invasion(generous_tit_for_tat_rule(mid), game, kLongRun, 1e-9) ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace detente::games
