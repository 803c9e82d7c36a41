// Trust as a belief about type (Kydd, "Trust and Mistrust in International Relations", 2005;
// "Trust, Reassurance, and Cooperation", International Organization 54(2), 2000), and Bayes' rule
// on observed actions. Pure functions, shared by the scenario engine and the repeated games.
#pragma once

namespace detente::games {

// Kydd's minimum trust threshold in the Security Dilemma Game (mutual cooperation 1, mutual
// defection 0, exploited -c, exploiting t): a trustworthy actor cooperates iff its belief that
// the other is trustworthy is at least c / (1 + c - t). Returns +inf when 1 + c - t <= 0.
[[nodiscard]] double trust_threshold(double fear, double greed);

// The same for any 2×2 game with payoffs R, S, T, P: cooperating is a best response iff the
// belief that the other cooperates is at least (P - S) / ((R - T) + (P - S)). Returns 0 when
// cooperating is dominant, +inf when defecting is.
[[nodiscard]] double cooperation_threshold(double reward, double sucker, double temptation, double punishment);

// Bayes' rule: posterior probability of "trustworthy" after an observation with the given
// likelihoods under each type.
[[nodiscard]] double bayes_update(double prior, double likelihood_trustworthy, double likelihood_untrustworthy);

// Probability of observing cooperation from a type that intends to cooperate with probability
// `intends`, when an observation is misread with probability `noise`.
[[nodiscard]] double observed_cooperation(double intends, double noise);

// A belief about two types at once (e.g. trustworthy on the nuclear file, trustworthy as a partner
// against a common threat): the joint probabilities. With correlation 0 an observation about one
// type says nothing about the other (our form of "types correlated across issues", rho).
struct JointBelief {
  double tt = 0.25;   // trustworthy on both
  double tu = 0.25;   // trustworthy on dimension 0 only
  double ut = 0.25;   // trustworthy on dimension 1 only
  double uu = 0.25;

  // From the marginals p0, p1 and the correlation rho of the two type indicators, clamped to
  // the joint distributions that exist (Fréchet bounds).
  static JointBelief from_marginals(double p0, double p1, double rho);
  [[nodiscard]] double trustworthy(int dimension) const { return dimension == 0 ? tt + tu : tt + ut; }
  // Bayes' rule on an observation that depends only on the type on `dimension`.
  void update(int dimension, double likelihood_trustworthy, double likelihood_untrustworthy);
  // Moves the belief a share `rate` of the way back to `prior` (our form of trust decay, C14).
  void relax(const JointBelief& prior, double rate);
};

}  // namespace detente::games
