#include "games/kydd.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace detente::games {

double trust_threshold(double fear, double greed) {
  const double denominator = 1.0 + fear - greed;
  if (denominator <= 0.0) return std::numeric_limits<double>::infinity();
  return fear / denominator;
}

double cooperation_threshold(double reward, double sucker, double temptation, double punishment) {
  const double gain = reward - temptation;      // from cooperating when the other cooperates
  const double loss = punishment - sucker;      // from cooperating when the other defects
  if (gain >= 0.0 && loss <= 0.0) return 0.0;
  if (gain <= 0.0 && loss >= 0.0) return std::numeric_limits<double>::infinity();
  if (gain < 0.0) return std::numeric_limits<double>::infinity();   // gain < 0 and loss < 0: coordination inverted
  return loss / (gain + loss);
}

double bayes_update(double prior, double likelihood_trustworthy, double likelihood_untrustworthy) {
  const double numerator = prior * likelihood_trustworthy;
  const double evidence = numerator + (1.0 - prior) * likelihood_untrustworthy;
  return evidence > 0.0 ? numerator / evidence : prior;
}

double observed_cooperation(double intends, double noise) { return intends * (1.0 - noise) + (1.0 - intends) * noise; }

JointBelief JointBelief::from_marginals(double p0, double p1, double rho) {
  const double spread = std::sqrt(p0 * (1 - p0) * p1 * (1 - p1));
  const double tt = std::clamp(p0 * p1 + rho * spread, std::max(0.0, p0 + p1 - 1.0), std::min(p0, p1));
  return JointBelief{.tt = tt, .tu = p0 - tt, .ut = p1 - tt, .uu = 1.0 - p0 - p1 + tt};
}

void JointBelief::update(int dimension, double likelihood_trustworthy, double likelihood_untrustworthy) {
  const double l_t = likelihood_trustworthy;
  const double l_u = likelihood_untrustworthy;
  if (dimension == 0) {
    tt *= l_t, tu *= l_t, ut *= l_u, uu *= l_u;
  } else {
    tt *= l_t, ut *= l_t, tu *= l_u, uu *= l_u;
  }
  const double total = tt + tu + ut + uu;
  if (total <= 0.0) return;   // an impossible observation: keep the belief (and its normalisation)
  tt /= total, tu /= total, ut /= total, uu /= total;
}

void JointBelief::relax(const JointBelief& prior, double rate) {
  tt += rate * (prior.tt - tt);
  tu += rate * (prior.tu - tu);
  ut += rate * (prior.ut - ut);
  uu += rate * (prior.uu - uu);
}

}  // namespace detente::games
