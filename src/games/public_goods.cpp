#include "games/public_goods.h"

#include <cmath>

#include <fmt/format.h>

namespace detente::games {
namespace {

bool finite_nonnegative(const std::vector<double>& v) {
  for (const double x : v) {
    if (!(std::isfinite(x) && x >= 0.0)) return false;
  }
  return true;
}

}  // namespace

Result<PublicGoodsGame> PublicGoodsGame::make(std::vector<double> costs, double multiplier, std::vector<double> effects,
                                              std::vector<double> shares) {
  const std::size_t n = costs.size();
  if (n < 2) {
    return Error{.field = "players",
                 .problem = fmt::format("a public goods game needs at least 2 players, got {}", n),
                 .fix = "give one cost per player"};
  }
  if (effects.empty()) effects.assign(n, 1.0);
  if (shares.empty()) shares.assign(n, 1.0 / static_cast<double>(n));
  if (effects.size() != n || shares.size() != n) {
    return Error{.field = "effects, shares",
                 .problem = fmt::format("{} costs but {} effects and {} shares", n, effects.size(), shares.size()),
                 .fix = "give one cost, effect and share per player (or leave effects and shares out)"};
  }
  if (!finite_nonnegative(costs) || !finite_nonnegative(effects) || !finite_nonnegative(shares) ||
      !(std::isfinite(multiplier) && multiplier >= 0.0)) {
    return Error{.field = "costs, effects, shares, multiplier",
                 .problem = "a value is negative or not a number",
                 .fix = "give finite non-negative numbers"};
  }
  return PublicGoodsGame(std::move(costs), multiplier, std::move(effects), std::move(shares));
}

std::vector<double> PublicGoodsGame::payoffs(std::span<const double> contributions) const {
  double pool = 0.0;
  for (std::size_t j = 0; j < players(); ++j) pool += effects_[j] * contributions[j];
  std::vector<double> u(players());
  for (std::size_t i = 0; i < players(); ++i) u[i] = shares_[i] * multiplier_ * pool - costs_[i] * contributions[i];
  return u;
}

double PublicGoodsGame::dominant_contribution(std::size_t i) const {
  return shares_[i] * multiplier_ * effects_[i] > costs_[i] ? 1.0 : 0.0;
}

std::vector<double> PublicGoodsGame::efficient_contributions() const {
  double total_share = 0.0;
  for (const double s : shares_) total_share += s;
  std::vector<double> x(players());
  for (std::size_t i = 0; i < players(); ++i) x[i] = total_share * multiplier_ * effects_[i] > costs_[i] ? 1.0 : 0.0;
  return x;
}

Result<PublicGoodsResult> play_public_goods(const PublicGoodsGame& game, std::span<const ContributionRule> rules,
                                            const PublicGoodsOptions& options) {
  const std::size_t n = game.players();
  if (rules.size() != n) {
    return Error{.field = "rules",
                 .problem = fmt::format("{} rules for {} players", rules.size(), n),
                 .fix = "give one contribution rule per player"};
  }
  for (const auto& r : rules) {
    if (!(r.level >= 0.0 && r.level <= 1.0 && r.threshold >= 0.0 && r.threshold <= 1.0)) {
      return Error{.field = "rule " + r.name,
                   .problem = "level and threshold must lie in [0, 1]",
                   .fix = "give for example level 1, threshold 0.5"};
    }
  }
  if (options.rounds < 0 || !(options.noise >= 0.0 && options.noise <= 1.0)) {
    return Error{.field = "rounds, noise",
                 .problem = "rounds must be non-negative and noise a probability",
                 .fix = "give for example 50 rounds and noise 0.01"};
  }
  Rng rng(options.seed, options.stream);
  PublicGoodsResult out;
  out.total_payoffs.assign(n, 0.0);
  out.contribution_rate.assign(n, 0.0);
  std::vector<double> last;
  for (int round = 0; round < options.rounds; ++round) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
      bool contribute = true;
      if (!last.empty() && rules[i].threshold > 0.0) {
        int others = 0;
        for (std::size_t j = 0; j < n; ++j)
          others += j != i && last[j] >= 0.5 * rules[j].level && last[j] > 0.0 ? 1 : 0;
        contribute = others >= rules[i].threshold * static_cast<double>(n - 1) - 1e-12;
      }
      x[i] = contribute ? rules[i].level : 0.0;
      if (options.noise > 0.0 && rng.bernoulli(options.noise)) x[i] = x[i] > 0.0 ? 0.0 : rules[i].level;
    }
    const auto u = game.payoffs(x);
    for (std::size_t i = 0; i < n; ++i) {
      out.total_payoffs[i] += u[i];
      out.contribution_rate[i] += x[i];
    }
    out.contributions.push_back(x);
    last = std::move(x);
  }
  for (double& rate : out.contribution_rate) rate = options.rounds > 0 ? rate / options.rounds : 0.0;
  return out;
}

}  // namespace detente::games
