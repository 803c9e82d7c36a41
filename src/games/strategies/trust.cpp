// detente's own trust-based strategy after Kydd (2000, 2005).
#include <cmath>

#include <fmt/format.h>

#include "games/strategies/common.h"
#include "games/trust.h"

#include "games/kydd.h"

namespace detente::games {
namespace {

bool is_probability(double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; }

}  // namespace

double observation_likelihood(Move observed, double p_cooperate, double noise) {
  const double p_seen_cooperate = observed_cooperation(p_cooperate, noise);
  return observed == kC ? p_seen_cooperate : 1.0 - p_seen_cooperate;
}

double update_trust(double belief, Move observed, const TrustModel& model) {
  return bayes_update(belief, observation_likelihood(observed, model.cooperate_if_trustworthy, model.noise),
                      observation_likelihood(observed, model.cooperate_if_untrustworthy, model.noise));
}

double trust_after(double prior, std::span<const Move> observed, const TrustModel& model) {
  double belief = prior;
  for (const Move m : observed) belief = update_trust(belief, m, model);
  return belief;
}

namespace strategies {
namespace {

class KyddTrust : public CloneableStrategy<KyddTrust> {
 public:
  explicit KyddTrust(const KyddTrustParams& p)
      : params_(p), threshold_(kydd_trust_threshold(p.own)), belief_(p.prior) {}
  Move next(const History& h, Rng& /*rng*/) override {
    if (!h.empty()) belief_ = update_trust(belief_, h.opponent_back(1), params_.model);
    return is_trustworthy(params_.own) && belief_ >= threshold_ ? kC : kD;
  }
  void reset() override { belief_ = params_.prior; }

 private:
  KyddTrustParams params_;
  double threshold_;
  double belief_;
};

}  // namespace

StrategyInfo kydd_trust_info(const KyddTrustParams& p) {
  return {.name = "Kydd Trust",
          .memory_depth = kUnboundedMemory,
          .family = "trust",
          .citation =
              "Kydd (2000), Trust, reassurance, and cooperation, International Organization 54(2); "
              "Kydd (2005), Trust and Mistrust in International Relations",
          .description = fmt::format("cooperates while P(opponent trustworthy) >= c/(1+c-t) = {:.4g}; "
                                     "Bayesian update from prior {:.4g} with observation noise {:.4g}",
                                     kydd_trust_threshold(p.own), p.prior, p.model.noise)};
}

std::vector<Entry> trust_family() {
  const KyddTrustParams defaults;
  return {{kydd_trust_info(defaults), factory<KyddTrust>(defaults)}};
}

std::unique_ptr<Strategy> make_kydd_trust_strategy(const KyddTrustParams& p) { return std::make_unique<KyddTrust>(p); }

}  // namespace strategies

Result<Player> make_kydd_trust(const KyddTrustParams& p) {
  const TrustModel& m = p.model;
  if (!is_probability(p.prior) || !is_probability(m.noise) || !is_probability(m.cooperate_if_trustworthy) ||
      !is_probability(m.cooperate_if_untrustworthy)) {
    return Error{.field = "Kydd Trust",
                 .problem = fmt::format("prior {}, noise {} and the types' cooperation probabilities {} and {} must "
                                        "all lie in [0, 1]",
                                        p.prior, m.noise, m.cooperate_if_trustworthy, m.cooperate_if_untrustworthy),
                 .fix = "give probabilities between 0 and 1"};
  }
  if (!(std::isfinite(p.own.t) && std::isfinite(p.own.c) && p.own.c > 0.0 && p.own.t > 0.0)) {
    return Error{.field = "Kydd Trust",
                 .problem = fmt::format("greed t = {} and fear c = {} must be positive", p.own.t, p.own.c),
                 .fix = "give t > 0 (below 1 for a trustworthy type) and c > 0"};
  }
  return Player(std::make_shared<const StrategyInfo>(strategies::kydd_trust_info(p)),
                strategies::make_kydd_trust_strategy(p));
}

}  // namespace detente::games
