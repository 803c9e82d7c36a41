#include "models/eu/eu_votes.h"

#include <algorithm>
#include <cmath>

namespace detente::eu {
namespace {

// Divides the votes for a over b into a probability under each reading
// (Scholz et al. 2011, section 4; Masad's replication for kMasad).
double probability(double for_a, double for_b, double all_pairs_total, WinProbability rule) {
  switch (rule) {
    case WinProbability::kAllPairs:
      return all_pairs_total > 0.0 ? for_a / all_pairs_total : 0.0;
    case WinProbability::kPair:
      return for_a + for_b > 0.0 ? for_a / (for_a + for_b) : 0.5;
    case WinProbability::kMasad:
      return for_a + for_b > 0.0 ? std::max(0.0, for_a - for_b) / (for_a + for_b) : 0.0;
  }
  return 0.0;
}

// order[q * m + p]: for a voter at values[p], the number of actors strictly
// nearer to it than values[q] minus the number strictly farther. A voter's
// loss grows with distance, so, over ordered pairs of actors,
// sum_{a,b} |loss(x_a) - loss(x_b)| = 2 sum_q count[q] order[q][p] loss(values[q]).
void distance_order(const PositionIndex& index, std::vector<std::int32_t>& order) {
  const std::vector<double>& y = index.values;
  const std::size_t m = y.size();
  const auto actors = static_cast<std::int32_t>(index.of_actor.size());
  order.resize(m * m);
  std::vector<std::size_t> by_distance;
  by_distance.reserve(m);
  for (std::size_t p = 0; p < m; ++p) {
    // Positions by distance from values[p]: merge outwards from p.
    by_distance.assign(1, p);
    std::size_t left = p;
    std::size_t right = p + 1;
    while (left > 0 || right < m) {
      if (right >= m || (left > 0 && y[p] - y[left - 1] <= y[right] - y[p])) {
        by_distance.push_back(--left);
      } else {
        by_distance.push_back(right++);
      }
    }
    const auto distance = [&](std::size_t q) { return std::abs(y[q] - y[p]); };
    std::int32_t before = 0;
    for (std::size_t g = 0; g < m;) {
      std::size_t end = g;
      std::int32_t in_group = 0;
      while (end < m && distance(by_distance[end]) == distance(by_distance[g])) {
        in_group += static_cast<std::int32_t>(index.count[by_distance[end]]);
        ++end;
      }
      const std::int32_t after = actors - before - in_group;
      for (std::size_t k = g; k < end; ++k) order[by_distance[k] * m + p] = before - after;
      before += in_group;
      g = end;
    }
  }
}

}  // namespace

double power(double x, double r) { return r == 1.0 ? x : std::pow(x, r); }

PositionIndex index_positions(std::span<const double> positions) {
  PositionIndex index;
  index.values.assign(positions.begin(), positions.end());
  std::sort(index.values.begin(), index.values.end());
  index.values.erase(std::unique(index.values.begin(), index.values.end()), index.values.end());
  index.count.assign(index.values.size(), 0);
  index.of_actor.reserve(positions.size());
  for (const double x : positions) {
    const auto p =
        static_cast<std::size_t>(std::lower_bound(index.values.begin(), index.values.end(), x) - index.values.begin());
    index.of_actor.push_back(p);
    ++index.count[p];
  }
  return index;
}

std::vector<std::size_t> actors_by_position(const PositionIndex& index) {
  std::vector<std::size_t> next(index.values.size(), 0);
  for (std::size_t p = 1; p < next.size(); ++p) next[p] = next[p - 1] + index.count[p - 1];
  std::vector<std::size_t> sorted(index.of_actor.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) sorted[next[index.of_actor[k]]++] = k;
  return sorted;
}

WinTable win_probabilities(const PositionIndex& index, const Voters& voters, double range, WinProbability rule) {
  WinTable table;
  VoteScratch scratch;
  win_probabilities(index, voters, range, rule, table, scratch);
  return table;
}

void win_probabilities(const PositionIndex& index, const Voters& voters, double range, WinProbability rule,
                       WinTable& table, VoteScratch& scratch) {
  const std::size_t m = index.values.size();
  const std::vector<double>& y = index.values;
  std::vector<std::size_t>& first = scratch.first;
  first.assign(m + 1, 0);
  for (std::size_t p = 0; p < m; ++p) first[p + 1] = first[p] + index.count[p];
  scratch.sorted = actors_by_position(index);
  const std::vector<std::size_t>& sorted = scratch.sorted;
  if (rule == WinProbability::kAllPairs) distance_order(index, scratch.order);

  // Pass 1, one row per position q. mine = sum over the voters on q's side of
  // the pair (q, o) of w_k (|x_k - y_q|/R)^r_k, what they lose if q wins;
  // theirs = the same over the voters on o's side. Voters on the midpoint vote 0.
  table.reset(m);
  double all_pairs_total = 0.0;
  std::vector<double>& prefix = scratch.prefix;  // prefix[p]: losses of the voters below position p
  prefix.assign(m + 1, 0.0);
  for (std::size_t q = 0; q < m; ++q) {
    double row = 0.0;
    for (std::size_t p = 0; p < m; ++p) {
      double group = 0.0;
      for (std::size_t t = first[p]; t < first[p + 1]; ++t) {
        const std::size_t k = sorted[t];
        group += voters.weight[k] * power(std::abs(voters.position[k] - y[q]) / range, voters.exponent[k]);
      }
      prefix[p + 1] = prefix[p] + group;
      if (rule == WinProbability::kAllPairs) row += static_cast<double>(scratch.order[q * m + p]) * group;
    }
    all_pairs_total += 2.0 * static_cast<double>(index.count[q]) * row;
    std::size_t below = 0;  // positions strictly below the midpoint
    std::size_t up_to = 0;  // positions at or below it
    for (std::size_t o = 0; o < m; ++o) {
      if (o == q) continue;
      const double mid = 0.5 * (y[std::min(q, o)] + y[std::max(q, o)]);  // nondecreasing in o
      while (below < m && y[below] < mid) ++below;
      while (up_to < m && y[up_to] <= mid) ++up_to;
      const double lower_side = prefix[below];
      const double upper_side = prefix[m] - prefix[up_to];
      WinTable::Cell& cell = table.cell(q, o);
      cell.win = q < o ? lower_side : upper_side;   // mine, for now
      cell.lose = q < o ? upper_side : lower_side;  // theirs, for now
    }
  }

  // Pass 2, tile by tile: votes for a over b = theirs(b, a) - mine(a, b).
  constexpr std::size_t kTile = 32;
  for (std::size_t a0 = 0; a0 < m; a0 += kTile) {
    for (std::size_t b0 = a0; b0 < m; b0 += kTile) {
      for (std::size_t a = a0; a < std::min(a0 + kTile, m); ++a) {
        for (std::size_t b = std::max(b0, a + 1); b < std::min(b0 + kTile, m); ++b) {
          WinTable::Cell& ab = table.cell(a, b);
          WinTable::Cell& ba = table.cell(b, a);
          const double for_a = std::max(0.0, ba.lose - ab.win);
          const double for_b = std::max(0.0, ab.lose - ba.win);
          ab.win = ba.lose = probability(for_a, for_b, all_pairs_total, rule);
          ba.win = ab.lose = probability(for_b, for_a, all_pairs_total, rule);
        }
      }
    }
  }
}

WinTable win_probabilities_reference(const PositionIndex& index, const Voters& voters, double range,
                                     WinProbability rule) {
  const std::size_t n = voters.position.size();
  const std::size_t m = index.values.size();
  // v_k(x_a, x_b) = c_k s_k [(|x_k - x_b|/R)^r_k - (|x_k - x_a|/R)^r_k]  (BDM 1994; Scholz et al. 2011)
  const auto vote = [&](std::size_t k, double a, double b) {
    const double x = voters.position[k];
    return voters.weight[k] *
           (power(std::abs(x - b) / range, voters.exponent[k]) - power(std::abs(x - a) / range, voters.exponent[k]));
  };
  double all_pairs_total = 0.0;
  if (rule == WinProbability::kAllPairs) {
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b)
          all_pairs_total += std::abs(vote(k, voters.position[a], voters.position[b]));
      }
    }
  }
  WinTable table(m);
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = 0; b < m; ++b) {
      if (a == b) continue;
      double for_a = 0.0;
      double for_b = 0.0;
      for (std::size_t k = 0; k < n; ++k) {
        const double v = vote(k, index.values[a], index.values[b]);
        (v > 0.0 ? for_a : for_b) += std::abs(v);
      }
      table.cell(a, b).win = probability(for_a, for_b, all_pairs_total, rule);
      table.cell(b, a).lose = table.cell(a, b).win;
    }
  }
  return table;
}

}  // namespace detente::eu
