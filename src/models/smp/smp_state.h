// The Spatial Model of Politics' data and its turn (KTAB SMPState::stepBCN):
// each actor picks the challenge worth most to it, proposes an interpolated
// bargain, and every actor then adopts the bargain a probabilistic Condorcet
// election over its queue favours. Memory is O(n^2 + n D): KTAB keeps one
// n x n utility matrix per actor (n^3); here a perspective's utilities are
// recomputed from the distance matrix and the risk attitudes when needed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/smp/smp_options.h"

namespace detente::smp {

// A dense row-major matrix. Its storage is not zeroed: every user writes
// every entry, and at 1,000 actors zeroing the per-turn n x n matrices cost
// as much as some of the model's steps.
class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), values_(std::make_unique_for_overwrite<double[]>(r * c)) {}
  Matrix(const Matrix& other) : Matrix(other.rows, other.cols) {
    std::copy(other.values_.get(), other.values_.get() + rows * cols, values_.get());
  }
  Matrix(Matrix&&) noexcept = default;
  Matrix& operator=(Matrix other) noexcept {
    std::swap(rows, other.rows);
    std::swap(cols, other.cols);
    std::swap(values_, other.values_);
    return *this;
  }
  ~Matrix() = default;

  // Makes the matrix r x c, keeping its storage when the size is unchanged.
  void reshape(std::size_t r, std::size_t c) {
    if (r * c != rows * cols || !values_) values_ = std::make_unique_for_overwrite<double[]>(r * c);
    rows = r;
    cols = c;
  }

  double& operator()(std::size_t r, std::size_t c) { return values_[r * cols + c]; }
  double operator()(std::size_t r, std::size_t c) const { return values_[r * cols + c]; }
  [[nodiscard]] const double* row(std::size_t r) const { return values_.get() + r * cols; }
  double* row(std::size_t r) { return values_.get() + r * cols; }

  std::size_t rows = 0;
  std::size_t cols = 0;

 private:
  std::unique_ptr<double[]> values_;
};

// The actors' fixed attributes, in the model's canonical order (by capability,
// largest first, then by name), on
// KTAB's internal scales: positions and saliences on [0,1].
struct Actors {
  std::size_t n = 0;
  std::size_t dims = 0;
  std::vector<double> capability;        // c_i
  std::vector<double> salience;          // n x dims
  std::vector<double> salience_squares;  // sum_k s_ik^2
  std::vector<double> salience_sum;      // S_i, the share of attention the actor gives the issues
  std::vector<double> contest_weight;    // S_i c_i, what the actor brings to a contest it is party to
  // KTAB's small constants (1e-8 on coalitions, 1e-10 on contests) are
  // calibrated to capabilities on a 0-100 scale; they are applied in units
  // of max(c)/100 so that results do not depend on the capabilities' scale.
  double capability_unit = 1.0;
  // Ideal-point adjustment (KTAB's "accommodation"): row i lists (j, a_ij);
  // empty means the identity, ideals follow positions.
  std::vector<std::vector<std::pair<std::size_t, double>>> adjustment;
  // The order in which positions are grouped (KTAB KBase::ueIndices meets
  // actors in order and the first of a group stands for it); empty: 0..n-1.
  std::vector<std::size_t> grouping_order;

  [[nodiscard]] std::span<const double> saliences(std::size_t i) const { return {salience.data() + i * dims, dims}; }
};

struct State {
  std::vector<double> position;  // n x dims
  std::vector<double> ideal;     // n x dims
  [[nodiscard]] std::span<const double> at(std::size_t i, std::size_t dims) const {
    return {position.data() + i * dims, dims};
  }
  [[nodiscard]] std::span<const double> ideal_of(std::size_t i, std::size_t dims) const {
    return {ideal.data() + i * dims, dims};
  }
};

// What a state implies before anyone moves (KTAB SMPState::setAllAUtil and pDist).
struct Evaluation {
  Matrix distance;                         // (i, j): from i's ideal to j's position, with i's saliences
  Matrix distance_t;                       // (j, i) = distance(i, j), for loops over observers
  std::vector<double> risk;                // R_i, re-estimated every turn
  bool risk_degenerate = false;            // every position equally likely: R = 0 for all
  std::vector<std::size_t> unique;         // one representative per group of equivalent positions
  std::vector<double> unique_probability;  // probability that each group's position prevails
  std::vector<double> actor_probability;   // each actor's position's probability (KTAB State::posProb)

  // Actor h's estimate of the utility to actor i of actor j's position.
  [[nodiscard]] double utility(std::size_t h, std::size_t i, std::size_t j, RiskAdjust adjust) const;
};

// One initiator's chosen challenge, for the trace.
struct Challenge {
  std::size_t initiator = 0;
  std::size_t target = 0;
  double probability = 0.0;  // the initiator's estimate that it prevails
  double gain = 0.0;         // the initiator's expected gain over the status quo
};

// A proposal that moves two actors (KTAB BargainSMP).
struct Bargain {
  std::size_t initiator = 0;
  std::size_t receiver = 0;
  std::vector<double> initiator_position;  // dims
  std::vector<double> receiver_position;   // dims
};

struct TurnResult {
  State next;
  std::vector<Challenge> challenges;
  std::vector<int> adopted;  // per actor: index into `bargains`, or -1 for the status quo
  std::vector<Bargain> bargains;
};

[[nodiscard]] Evaluation evaluate(const Actors& actors, const State& state, const Settings& settings);
// The same into `ev`, reusing its storage (the n x n distance matrices).
void evaluate(const Actors& actors, const State& state, const Settings& settings, Evaluation& ev);

// One turn from `state` (whose evaluation is given); `turn` numbers the
// random streams of stochastic transitions.
[[nodiscard]] TurnResult step(const Actors& actors, const State& state, const Evaluation& evaluation,
                              const Settings& settings, int turn);

}  // namespace detente::smp
