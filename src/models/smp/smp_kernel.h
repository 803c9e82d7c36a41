// The scalar formulas of KTAB's Spatial Model of Politics (B. P. Wise, KAPSARC;
// KTAB kmodel.cpp and smp.cpp), written as small inline functions because the
// model evaluates them O(n^3) times per turn. Each keeps KTAB's order of
// floating-point operations, so that results agree with KTAB's to rounding.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "models/smp/smp_options.h"

namespace detente::smp {

// Two doubles processed together (GCC/Clang vector extension; SSE2 on every
// x86-64). The hot loops are written once, as templates over double and Pack,
// and give the same bits either way: the element-wise operations are IEEE
// operations, and the selections below reproduce std::max and std::min.
using Pack = double __attribute__((vector_size(16)));

inline Pack splat(double x) { return Pack{x, x}; }
inline Pack load(const double* p) {
  Pack v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Pack v) { std::memcpy(p, &v, sizeof v); }
template <typename Mask>
inline Pack choose(Mask take_first, Pack first, Pack second) {
  return reinterpret_cast<Pack>((take_first & reinterpret_cast<Mask>(first)) |
                                (~take_first & reinterpret_cast<Mask>(second)));
}

// max(x, 0), min(x, 0) and min(x, 1) with x86's maxsd/minsd semantics,
// which the scalar forms compile to and _mm_max_pd/_mm_min_pd apply to two
// at once. (They return +0 for x = -0, where KTAB's conditionals keep x;
// every use adds the result to a nonzero sum, so the bits agree.)
inline double positive_part(double x) { return x > 0.0 ? x : 0.0; }
inline double negative_part(double x) { return x < 0.0 ? x : 0.0; }
inline double at_most_one(double x) { return x < 1.0 ? x : 1.0; }
#if defined(__SSE2__)
inline Pack positive_part(Pack x) { return _mm_max_pd(x, _mm_setzero_pd()); }
inline Pack negative_part(Pack x) { return _mm_min_pd(x, _mm_setzero_pd()); }
inline Pack at_most_one(Pack x) { return _mm_min_pd(x, _mm_set1_pd(1.0)); }
#else
inline Pack positive_part(Pack x) { return choose(x > splat(0.0), x, splat(0.0)); }
inline Pack negative_part(Pack x) { return choose(x < splat(0.0), x, splat(0.0)); }
inline Pack at_most_one(Pack x) { return choose(x < splat(1.0), x, splat(1.0)); }
#endif
// std::clamp(x, -1, 1).
inline double unit_clamp(double x) { return std::clamp(x, -1.0, 1.0); }
inline Pack unit_clamp(Pack x) { return choose(x < splat(-1.0), splat(-1.0), choose(splat(1.0) < x, splat(1.0), x)); }

// Utility of a salience-weighted distance d on [0,1] for risk attitude r
// (KTAB SMPModel::bsUtil): u = (1 - d)(1 + d r), concave for r > 0 (risk
// averse). Round-off can push d slightly above 1; the curvature is then held
// at d = 1, as KTAB does.
template <typename T>
inline T utility(T d, T r) {
  return (1.0 - d) * (1.0 + at_most_one(d) * r);
}

// Salience-weighted Euclidean distance from `from` to `to` with the observer's
// saliences (KTAB SMPModel::bvDiff): sqrt(sum (s_k (a_k - b_k))^2 / sum s_k^2).
// `salience_squares` is sum s_k^2, accumulated in dimension order.
// In one dimension this is |a - b| whatever the salience (KTAB's formula gives
// the same up to rounding; the exact value lets actors at one position judge alike).
inline double distance(std::span<const double> from, std::span<const double> to, std::span<const double> salience,
                       double salience_squares) {
  if (from.size() == 1) return std::fabs(from[0] - to[0]);
  double weighted = 0.0;
  for (std::size_t k = 0; k < from.size(); ++k) {
    const double ds = (from[k] - to[k]) * salience[k];
    weighted = weighted + ds * ds;
  }
  return std::sqrt(weighted / salience_squares);
}

// Actor h's estimate of actor i's risk attitude (KTAB Model::estNRA): h
// anchors on its own attitude and adjusts toward i's.
inline double estimated_risk(double r_h, double r_i, RiskAdjust adjust) {
  switch (adjust) {
    case RiskAdjust::kFull:
      return r_i;
    case RiskAdjust::kTwoThirds:
      return (r_h + (2.0 * r_i)) / 3.0;
    case RiskAdjust::kHalf:
      return (r_h + r_i) / 2;
    case RiskAdjust::kOneThird:
      return ((2.0 * r_h) + r_i) / 3.0;
    case RiskAdjust::kNone:
      return r_h;
  }
  return r_h;
}

// An actor's vote for option a over option b given its weight w and its
// utilities for both (KTAB Model::vote).
template <VotingRule kRule, typename T>
inline T vote(T w, T u_a, T u_b) {
  const T du = u_a - u_b;
  if constexpr (kRule == VotingRule::kProportional) return w * du;
  if constexpr (kRule == VotingRule::kBinary || kRule == VotingRule::kPropBin) {
    const T binary = unit_clamp(du / 1e-8);
    if constexpr (kRule == VotingRule::kBinary) return w * binary;
    return w * ((1 - 0.2) * du + 0.2 * binary);
  }
  if constexpr (kRule == VotingRule::kCubic) return w * (du * du * du);
  if constexpr (kRule == VotingRule::kPropCbc) return w * ((1 - 0.5) * du + 0.5 * (du * du * du));
  if constexpr (kRule == VotingRule::kASymProsp) {
    // Losses count fully, gains two thirds (prospect theory's asymmetry).
    if constexpr (std::is_same_v<T, double>) {
      if (du < 0.0) return w * du;
      if (0.0 < du) return (2.0 * w * du) / 3.0;
      return 0.0;
    } else {
      return choose(du < splat(0.0), w * du, choose(splat(0.0) < du, (2.0 * w * du) / 3.0, splat(0.0)));
    }
  }
  return w * 0.0;
}
inline double vote(VotingRule rule, double w, double u_a, double u_b) {
  switch (rule) {
    case VotingRule::kBinary:
      return vote<VotingRule::kBinary>(w, u_a, u_b);
    case VotingRule::kPropBin:
      return vote<VotingRule::kPropBin>(w, u_a, u_b);
    case VotingRule::kProportional:
      return vote<VotingRule::kProportional>(w, u_a, u_b);
    case VotingRule::kPropCbc:
      return vote<VotingRule::kPropCbc>(w, u_a, u_b);
    case VotingRule::kCubic:
      return vote<VotingRule::kCubic>(w, u_a, u_b);
    case VotingRule::kASymProsp:
      return vote<VotingRule::kASymProsp>(w, u_a, u_b);
  }
  return 0.0;
}

// Every rule but ASymProsp gives vote(b over a) = -vote(a over b) exactly.
constexpr bool antisymmetric_rule(VotingRule rule) { return rule != VotingRule::kASymProsp; }

// Probability that a coalition of strength s1 defeats one of strength s2
// (KTAB Model::vProb): s1^k/(s1^k + s2^k), or KTAB's "Binary" threshold model,
// certain victory at a strength ratio of 1.1 and linear in between.
inline std::pair<double, double> victory_pair(VictoryModel model, double s1, double s2) {
  double x1 = s1;
  double x2 = s2;
  switch (model) {
    case VictoryModel::kLinear:
      break;
    case VictoryModel::kSquare:
      x1 = s1 * s1;
      x2 = s2 * s2;
      break;
    case VictoryModel::kQuartic:
      x1 = s1 * s1 * s1 * s1;
      x2 = s2 * s2 * s2 * s2;
      break;
    case VictoryModel::kOctic: {
      const double q1 = s1 * s1 * s1 * s1;
      const double q2 = s2 * s2 * s2 * s2;
      x1 = q1 * q1;
      x2 = q2 * q2;
      break;
    }
    case VictoryModel::kBinary: {
      constexpr double kThreshold = 1.10;
      constexpr double kMin = 1e-6;
      if (s1 >= kThreshold * s2) {
        x1 = 1.0;
        x2 = kMin;
      } else if (s2 >= kThreshold * s1) {
        x1 = kMin;
        x2 = 1.0;
      } else {
        const double r12 = s1 / (s1 + s2);
        const double p12 = (r12 * (kThreshold + 1.0) - 1.0) / (kThreshold - 1.0);
        x1 = p12;
        x2 = 1 - p12;
      }
      break;
    }
  }
  return {x1 / (x1 + x2), x2 / (x1 + x2)};
}

// Risk attitude from the probability of an actor's position (KTAB
// Model::bigRfromProb): the most likely position maps to the top of the
// range (risk averse), the least likely to the bottom.
inline double risk_from_probability(double p, double p_min, double p_max, RiskRange range) {
  switch (range) {
    case RiskRange::kMin:
      return (p - p_min) / (p_max - p_min);
    case RiskRange::kMid:
      return (3 * p - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
    case RiskRange::kMax:
      return (2 * p - (p_max + p_min)) / (p_max - p_min);
  }
  return 0.0;
}

// KTAB rounds each interpolated bargain coordinate to 4 decimals on [0,1]
// (SMPActor::interpBrgnSnPm), "to avoid spurious precision".
inline double round4(double x) {
  constexpr double kScale = 10000.0;
  const int y = static_cast<int>(0.5 + (x * kScale));
  return static_cast<double>(y) / kScale;
}

}  // namespace detente::smp
