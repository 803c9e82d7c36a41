#include "ensemble/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/rng.h"
#include "ensemble/statistics.h"

namespace detente::ensemble {
namespace {

void shuffle(std::vector<std::size_t>& order, Rng& rng) {
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
}

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(values.size() - 1, below + 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace

MorrisResult morris(std::size_t k, std::size_t trajectories, int levels, std::uint64_t seed, const Evaluate& f) {
  const double p = levels;
  const double delta = p / (2.0 * (p - 1.0));
  const auto to_unit = [p](double grid) { return (grid * (p - 1.0) + 0.5) / p; };
  Rng rng(seed, 0x4d6f72726973ULL);  // "Morris"
  std::vector<DesignPoint> points;
  std::vector<std::vector<std::size_t>> orders;
  std::vector<std::vector<double>> steps;  // signed grid step of each move
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::vector<double> x(k);
    for (auto& xi : x) xi = static_cast<double>(rng.below(static_cast<std::uint64_t>(levels))) / (p - 1.0);
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, rng);
    const auto unit = [&] {
      DesignPoint point{.u = std::vector<double>(k), .stream = t};
      for (std::size_t i = 0; i < k; ++i) point.u[i] = to_unit(x[i]);
      return point;
    };
    points.push_back(unit());
    std::vector<double> moves;
    for (const std::size_t i : order) {
      const double step = x[i] + delta <= 1.0 + 1e-12 ? delta : -delta;
      x[i] += step;
      moves.push_back(step);
      points.push_back(unit());
    }
    orders.push_back(std::move(order));
    steps.push_back(std::move(moves));
  }
  std::vector<double> values(points.size());
  f(points, values);
  MorrisResult r{.mu = std::vector<double>(k, 0.0),
                 .mu_star = std::vector<double>(k, 0.0),
                 .sigma = std::vector<double>(k, 0.0),
                 .evaluations = points.size()};
  std::vector<Moments> effects(k);
  std::vector<double> absolute(k, 0.0);
  for (std::size_t t = 0; t < trajectories; ++t) {
    const std::size_t base = t * (k + 1);
    for (std::size_t m = 0; m < k; ++m) {
      const std::size_t i = orders[t][m];
      const double ee = (values[base + m + 1] - values[base + m]) / steps[t][m];
      effects[i].add(ee);
      absolute[i] += std::abs(ee);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    r.mu[i] = effects[i].mean;
    r.mu_star[i] = trajectories ? absolute[i] / static_cast<double>(trajectories) : 0.0;
    r.sigma[i] = effects[i].sd();
  }
  return r;
}

SobolResult sobol(std::size_t k, std::size_t n, std::uint64_t seed, bool stream_as_input, const Evaluate& f,
                  std::size_t bootstrap) {
  Rng rng(seed, 0x536f626f6cULL);  // "Sobol"
  std::vector<std::vector<double>> a(n, std::vector<double>(k));
  std::vector<std::vector<double>> b(n, std::vector<double>(k));
  for (std::size_t j = 0; j < n; ++j) {
    for (auto& x : a[j]) x = rng.uniform();
    for (auto& x : b[j]) x = rng.uniform();
  }
  for (auto* m : {&a, &b}) {  // keep every point inside (0, 1) for the quantile functions
    for (auto& row : *m) {
      for (auto& x : row) x = std::clamp(x, 1e-12, 1.0 - 1e-12);
    }
  }
  const std::size_t columns = k + (stream_as_input ? 1 : 0);
  // Layout: block 0 = A, block 1 = B, block 2 + i = A_B^i.
  std::vector<DesignPoint> points;
  points.reserve(n * (columns + 2));
  for (std::size_t j = 0; j < n; ++j) points.push_back(DesignPoint{a[j], 2 * j});
  for (std::size_t j = 0; j < n; ++j) points.push_back(DesignPoint{b[j], 2 * j + 1});
  for (std::size_t i = 0; i < columns; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      DesignPoint point{a[j], 2 * j};
      if (i < k)
        point.u[i] = b[j][i];
      else
        point.stream = 2 * j + 1;
      points.push_back(std::move(point));
    }
  }
  std::vector<double> values(points.size());
  f(points, values);
  const auto fa = [&](std::size_t j) { return values[j]; };
  const auto fb = [&](std::size_t j) { return values[n + j]; };
  const auto fab = [&](std::size_t i, std::size_t j) { return values[(2 + i) * n + j]; };

  // The estimators over a multiset of rows (the sample itself, or a bootstrap resample).
  const auto estimate = [&](const std::vector<std::size_t>& rows, std::vector<double>& first,
                            std::vector<double>& total) {
    Moments all;
    for (const std::size_t j : rows) {
      all.add(fa(j));
      all.add(fb(j));
    }
    const double v = all.variance();
    const double m = static_cast<double>(rows.size());
    first.assign(columns, 0.0);
    total.assign(columns, 0.0);
    for (std::size_t i = 0; i < columns; ++i) {
      double s1 = 0.0;
      double st = 0.0;
      for (const std::size_t j : rows) {
        s1 += fb(j) * (fab(i, j) - fa(j));
        const double d = fa(j) - fab(i, j);
        st += d * d;
      }
      first[i] = v > 0.0 ? s1 / m / v : 0.0;
      total[i] = v > 0.0 ? st / (2.0 * m) / v : 0.0;
    }
    return all;
  };
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  SobolResult r;
  const Moments all = estimate(rows, r.first, r.total);
  r.variance = all.variance();
  r.mean = all.mean;
  r.evaluations = points.size();
  std::vector<std::vector<double>> first_samples(columns);
  std::vector<std::vector<double>> total_samples(columns);
  Rng resample(seed, 0x626f6f74ULL);  // "boot"
  std::vector<double> first;
  std::vector<double> total;
  for (std::size_t s = 0; s < bootstrap; ++s) {
    for (auto& row : rows) row = resample.below(n);
    estimate(rows, first, total);
    for (std::size_t i = 0; i < columns; ++i) {
      first_samples[i].push_back(first[i]);
      total_samples[i].push_back(total[i]);
    }
  }
  for (std::size_t i = 0; i < columns; ++i) {
    r.first_lo.push_back(percentile(first_samples[i], 0.025));
    r.first_hi.push_back(percentile(first_samples[i], 0.975));
    r.total_lo.push_back(percentile(total_samples[i], 0.025));
    r.total_hi.push_back(percentile(total_samples[i], 0.975));
  }
  return r;
}

}  // namespace detente::ensemble
