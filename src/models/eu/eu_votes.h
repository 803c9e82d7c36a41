// Votes and win probabilities of the expected utility model, over the distinct
// positions of a round (Bueno de Mesquita 1994; Scholz, Calbert & Smith 2011,
// section 4). Internal to the eu model; exposed for its tests and benchmark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/eu/eu.h"

namespace detente::eu {

// The distinct positions of a round, ascending, and where each actor sits.
struct PositionIndex {
  std::vector<double> values;         // distinct positions, ascending
  std::vector<std::size_t> of_actor;  // actor -> index into values
  std::vector<std::size_t> count;     // number of actors at each distinct position
};
[[nodiscard]] PositionIndex index_positions(std::span<const double> positions);

// The voters of a round: actor k votes with weight c_k s_k and exponent r_k.
struct Voters {
  std::span<const double> position;
  std::span<const double> weight;    // c_k s_k
  std::span<const double> exponent;  // r_k
};

// P(values[a] beats values[b]) for every ordered pair of distinct positions,
// zero on the diagonal. Each cell holds both directions, so that a row serves
// an actor weighing every other position.
class WinTable {
 public:
  struct Cell {
    double win = 0.0;   // P(a beats b)
    double lose = 0.0;  // P(b beats a)
  };
  WinTable() = default;
  explicit WinTable(std::size_t positions) { reset(positions); }
  // Resizes to m x m keeping the storage; the diagonal is zeroed, the rest
  // left for the caller to overwrite.
  void reset(std::size_t positions) {
    m_ = positions;
    cells_.resize(positions * positions);
    for (std::size_t a = 0; a < positions; ++a) cell(a, a) = Cell{};
  }
  [[nodiscard]] std::size_t size() const { return m_; }
  [[nodiscard]] const Cell& cell(std::size_t a, std::size_t b) const { return cells_[a * m_ + b]; }
  [[nodiscard]] Cell& cell(std::size_t a, std::size_t b) { return cells_[a * m_ + b]; }
  [[nodiscard]] double beats(std::size_t a, std::size_t b) const { return cell(a, b).win; }

 private:
  std::size_t m_ = 0;
  std::vector<Cell> cells_;
};

// The fast table. A voter prefers the nearer position, so the votes for a
// against b come from the voters on a's side of the midpoint. For each
// position p one pass over the voters (sorted by position) gives every voter's
// loss should p win and its prefix sums; from those, each pair's votes are two
// look-ups, and the all-pairs denominator a count-weighted sum. Cost: n m
// powers and O(m^2 + n m) arithmetic, against the O(n^3) of summing every vote.
// When the votes give nothing to divide by, P = 0 (all_pairs, masad) or 1/2 (pair).
struct VoteScratch {
  std::vector<std::int32_t> order;  // m x m, see distance_order in eu_votes.cpp
  std::vector<std::size_t> first;   // voters of position p: sorted[first[p] .. first[p+1])
  std::vector<std::size_t> sorted;  // voters by position, then index
  std::vector<double> prefix;       // m + 1
};
void win_probabilities(const PositionIndex& index, const Voters& voters, double range, WinProbability rule,
                       WinTable& out, VoteScratch& scratch);
[[nodiscard]] WinTable win_probabilities(const PositionIndex& index, const Voters& voters, double range,
                                         WinProbability rule);

// Actors sorted by position, ties by index: the order every pass visits them in.
[[nodiscard]] std::vector<std::size_t> actors_by_position(const PositionIndex& index);

// The same table summed vote by vote, straight from the formulas: O(n^3).
// The reference the fast version is tested and benchmarked against.
[[nodiscard]] WinTable win_probabilities_reference(const PositionIndex& index, const Voters& voters, double range,
                                                   WinProbability rule);

// x^r with the exact shortcut r = 1 (pow(x, 1) is x).
[[nodiscard]] double power(double x, double r);

}  // namespace detente::eu
