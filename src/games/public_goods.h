// An n-player public goods game for collective action against a common
// threat. Player i contributes a level x_i in [0, 1]; this costs it c_i x_i and
// adds e_i x_i (its effectiveness) to the common pool, which is multiplied by
// r and shared, player i receiving the share s_i (1/n each by default):
//   u_i = s_i r sum_j e_j x_j - c_i x_i.
// With c_i = e_i = 1 and equal shares this is the linear public goods game of
// experimental economics (Ledyard 1995, in Handbook of Experimental
// Economics); per-player costs, effects and shares let capabilities differ.
// Contributing is individually rational iff s_i r e_i > c_i, socially
// efficient iff r e_i > c_i (shares summing to 1): free riding follows from the
// payoffs, not from a rule.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/rng.h"

namespace detente::games {

class PublicGoodsGame {
 public:
  // Equal shares; `effects` empty means 1 for everyone.
  static Result<PublicGoodsGame> make(std::vector<double> costs, double multiplier, std::vector<double> effects = {},
                                      std::vector<double> shares = {});

  [[nodiscard]] std::size_t players() const { return costs_.size(); }
  [[nodiscard]] std::vector<double> payoffs(std::span<const double> contributions) const;
  // The contribution (0 or 1) that maximises player i's own payoff whatever the others do.
  [[nodiscard]] double dominant_contribution(std::size_t i) const;
  // The contributions (0 or 1 each) that maximise the sum of payoffs.
  [[nodiscard]] std::vector<double> efficient_contributions() const;
  [[nodiscard]] double multiplier() const { return multiplier_; }

 private:
  PublicGoodsGame(std::vector<double> costs, double multiplier, std::vector<double> effects, std::vector<double> shares)
      : costs_(std::move(costs)), effects_(std::move(effects)), shares_(std::move(shares)), multiplier_(multiplier) {}
  std::vector<double> costs_;
  std::vector<double> effects_;
  std::vector<double> shares_;
  double multiplier_;
};

// A rule for the repeated game: contribute `level` while at least `threshold`
// of the other players contributed (at least half their full level) in the
// previous round; the first round always contributes `level`. threshold 0 is
// an unconditional contributor, threshold 1 needs everyone (a conditional
// cooperator, Fischbacher, Gaechter & Fehr 2001, Economics Letters 71).
struct ContributionRule {
  std::string name;
  double level = 1.0;
  double threshold = 0.0;  // share of the other players, in [0, 1]
};

struct PublicGoodsOptions {
  int rounds = 50;
  double noise = 0.0;  // probability that a contribution is replaced by its opposite (level <-> 0)
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;
};

struct PublicGoodsResult {
  std::vector<std::vector<double>> contributions;  // [round][player]
  std::vector<double> total_payoffs;               // per player
  std::vector<double> contribution_rate;           // per player: mean contribution level
};

[[nodiscard]] Result<PublicGoodsResult> play_public_goods(const PublicGoodsGame& game,
                                                          std::span<const ContributionRule> rules,
                                                          const PublicGoodsOptions& options);

}  // namespace detente::games
