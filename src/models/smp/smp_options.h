// The settings of the Spatial Model of Politics: KTAB's sub-model choices
// (kmodel.h, smp.h in KTAB's source), each a named option with KTAB's default,
// plus detente's own run controls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "models/model.h"

namespace detente::smp {

class Pool;

// How an actor turns a utility difference into a vote (KTAB VotingRule).
enum class VotingRule { kBinary, kPropBin, kProportional, kPropCbc, kCubic, kASymProsp };
// How coalition strengths become a probability of victory (KTAB VPModel).
enum class VictoryModel { kLinear, kSquare, kQuartic, kOctic, kBinary };
// How pairwise victory probabilities become option probabilities (KTAB PCEModel).
enum class PceModel { kConditional, kMarkovIncentive, kMarkovUniform };
// How an actor's risk attitude is read from its position's probability (KTAB BigRRange).
enum class RiskRange { kMin, kMid, kMax };
// How much of its own attitude an actor projects onto others (KTAB BigRAdjust).
enum class RiskAdjust { kNone, kOneThird, kHalf, kTwoThirds, kFull };
// What a third party expects to keep when it joins a side (KTAB ThirdPartyCommit).
enum class ThirdPartyCommit { kNoCommit, kSemiCommit, kFullCommit };
// How a bargain interpolates the two positions (KTAB InterVecBrgn).
enum class Interpolation { kS1P1, kS2P2, kS2PMax };
// Whose view of the odds shapes the bargain (KTAB SMPBargnModel).
enum class BargainModel { kInitOnly, kInitRcvr, kPowerWeighted };
// Whether each actor adopts the most likely bargain or draws one (KTAB StateTransMode).
enum class Transitions { kDeterministic, kStochastic };

struct Settings {
  VotingRule voting_rule = VotingRule::kProportional;
  VictoryModel victory = VictoryModel::kLinear;
  PceModel pce = PceModel::kConditional;
  RiskRange risk_range = RiskRange::kMid;
  RiskAdjust risk_adjust = RiskAdjust::kOneThird;
  ThirdPartyCommit commit = ThirdPartyCommit::kSemiCommit;
  Interpolation interpolation = Interpolation::kS2P2;
  BargainModel bargain = BargainModel::kInitOnly;
  Transitions transitions = Transitions::kDeterministic;
  // InitRcvrInterp and PWCompInterp as KTAB's code computes them (see smp_turn.cpp).
  bool ktab_bargain_quirks = true;
  // Group nearby positions scanning the actors in the file's order, as KTAB
  // does (its probabilities then depend on that order), instead of by capability.
  bool group_in_file_order = false;
  std::uint64_t seed = 0;
  int max_rounds = 100;          // KTAB smpStopFn maxIter
  double stop_ratio = 0.02;      // KTAB smpStopFn minDeltaRatio
  unsigned threads = 0;          // 0: every hardware thread
  bool rescale_salience = true;  // an actor's saliences summing above 1 are divided by their sum
  double cluster_radius = 0.05;  // share of each issue's scale, for the most likely cluster
  // Not an option: tests set it to check the shortcuts (coalitions on a line,
  // smp_election.h; voter classes, smp_turn.cpp) against the direct sums.
  bool direct_sums = false;
  // Not an option: the run's threads (smp_run.cpp sets it; none: one thread).
  Pool* pool = nullptr;
};

// The options `detente models` lists for smp, with KTAB's defaults.
[[nodiscard]] std::vector<ParamSpec> parameters();

// Reads resolved options (every parameter present, kinds already checked).
[[nodiscard]] Result<Settings> read_settings(const ModelOptions& options);

}  // namespace detente::smp
