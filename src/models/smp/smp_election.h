// Probabilistic Condorcet elections (KTAB Model::coalitions, vProb, probCE2,
// condPCE, markovIncentivePCE, markovUniformPCE): voters back options with
// votes proportional to their utility differences, coalition strengths give
// pairwise victory probabilities, and those give each option's probability
// of prevailing.
#pragma once

#include <span>
#include <vector>

#include "models/smp/parallel.h"
#include "models/smp/smp_state.h"

namespace detente::smp {

// Coalition strengths: c(a,b) = min_c + sum over voters n of max(0, vote_n(a
// over b)), with utilities given option by option (row a: every voter's
// utility for option a). O(m^2 n).
[[nodiscard]] Matrix coalitions(const Matrix& utilities, std::span<const double> weights, VotingRule rule, double min_c,
                                Pool* pool);

// The same for Proportional voting in one dimension, where voter n's utility
// for an option at x is (1 - d)(1 + d r_n) with d = |x - y_n|: every voter
// prefers the nearer of two options, so each coalition is a range of voters
// sorted by ideal point and its strength a combination of prefix sums.
// O(m^2 log n); equal to the direct sum up to rounding.
struct LineVoters {
  std::span<const double> ideal;
  std::span<const double> risk;
  std::span<const double> weight;
};
[[nodiscard]] Matrix coalitions_on_line(std::span<const double> options, const LineVoters& voters, double min_c,
                                        Pool* pool);

// Pairwise victory probabilities from coalition strengths (KTAB Model::vProb).
[[nodiscard]] Matrix victory_matrix(const Matrix& coalitions, VictoryModel victory, Pool* pool = nullptr);

// KTAB Model::probCE2: the probability that each option prevails.
[[nodiscard]] std::vector<double> condorcet_probabilities(const Matrix& coalitions, VictoryModel victory, PceModel pce,
                                                          double unit, Pool* pool = nullptr);

// Conditional PCE when options come in groups of identical options (KTAB
// treats each actor's position as an option, duplicates included):
// `victory` is between groups, `group[a]` is option a's group. Returns one
// probability per option, as KTAB's condPCE over the expanded matrix would.
[[nodiscard]] std::vector<double> conditional_over_groups(const Matrix& victory, std::span<const std::size_t> group);

}  // namespace detente::smp
