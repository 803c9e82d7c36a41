// Contests between two actors with third parties joining a side (KTAB
// SMPState::probEduChlg, Actor::vProbLittle, Actor::thirdPartyVoteSU). The
// O(n) sum over third parties, done for every initiator-target pair, is the
// model's hot loop: it is written once, templated on the voting rule and the
// third-party commitment so that the compiler sees straight-line code.
#include "models/smp/smp_challenge.h"

#include <algorithm>
#include <vector>

#include "models/smp/smp_kernel.h"

namespace detente::smp {
namespace {

// KTAB probEduChlg's floor under each side of a contest, in capability units.
constexpr double kMinContest = 1e-10;
// KTAB bestChallenge: smaller expected gains are not worth a challenge.
constexpr double kMinGain = 1e-5;

// What third party n expects the three of them (i, j, n) to hold when a side
// wins, by the commitment rule (KTAB Actor::thirdPartyVoteSU): on the winning
// side n keeps its own position under SemiCommit and NoCommit.
template <ThirdPartyCommit kCommit, typename T>
inline T sided_with_i_wins(T u_ni, T u_nn) {
  if constexpr (kCommit == ThirdPartyCommit::kFullCommit) return u_ni + u_ni + u_ni;
  return u_ni + u_ni + u_nn;
}
template <ThirdPartyCommit kCommit, typename T>
inline T sided_against_i_wins(T u_ni, T u_nn) {
  if constexpr (kCommit == ThirdPartyCommit::kNoCommit) return u_ni + u_ni + u_nn;
  return u_ni + u_ni + u_ni;
}
template <ThirdPartyCommit kCommit, typename T>
inline T sided_with_i_loses(T u_nj, T u_nn) {
  if constexpr (kCommit == ThirdPartyCommit::kNoCommit) return u_nj + u_nj + u_nn;
  return u_nj + u_nj + u_nj;
}
template <ThirdPartyCommit kCommit, typename T>
inline T sided_against_i_loses(T u_nj, T u_nn) {
  if constexpr (kCommit == ThirdPartyCommit::kFullCommit) return u_nj + u_nj + u_nj;
  return u_nj + u_nj + u_nn;
}

// Third party n's vote in the contest of i against j (positive: n joins i).
// n first estimates i's chance if n added its weight to the side it prefers
// (KTAB Actor::vProbLittle), then compares what it expects by joining either
// side. The two sums that do not depend on j come precomputed. Written
// without branches so that the loop runs on two third parties at a time;
// positive_part and negative_part give exactly KTAB's conditional sums.
template <VotingRule kRule, ThirdPartyCommit kCommit, typename T>
inline T third_party_vote(T w, T u_ni, T u_nj, T u_nn, T with_i_wins, T against_i_wins, T c_i, T c_j) {
  const T own = vote<kRule>(w, u_ni, u_nj);
  const T cni = c_i + positive_part(own);
  const T cnj = c_j - negative_part(own);
  const T p_i = cni / (cni + cnj);
  const T p_j = 1.0 - p_i;
  const T join_i = (p_i * with_i_wins) + (p_j * sided_with_i_loses<kCommit>(u_nj, u_nn));
  const T join_j = (p_i * against_i_wins) + (p_j * sided_against_i_loses<kCommit>(u_nj, u_nn));
  return vote<kRule>(w, join_i, join_j);
}

// The principals' own contributions open the two coalitions.
template <VotingRule kRule>
inline void open_coalitions(double w_i, double u_ii, double u_ij, double w_j, double u_ji, double u_jj, double floor,
                            double& c_ij, double& c_ji) {
  const double from_i = vote<kRule>(w_i, u_ii, u_ij);
  const double from_j = vote<kRule>(w_j, u_ji, u_jj);
  c_ij = floor;
  c_ji = floor;
  if (from_i > 0.0) c_ij = c_ij + from_i;
  if (from_i < 0.0) c_ji = c_ji - from_i;
  if (from_j > 0.0) c_ij = c_ij + from_j;
  if (from_j < 0.0) c_ji = c_ji - from_j;
}

// k's expected gain from i's challenge of j (KTAB probEduChlg): j resists with
// probability s_j (its salience), and the contest is then won by i with
// probability p.
inline ContestEstimate finish(double c_ij, double c_ji, double u_ki, double u_kj, double s_j) {
  const double p_ij = c_ij / (c_ij + c_ji);
  const double p_ji = c_ji / (c_ij + c_ji);
  const double status_quo = u_ki + u_kj;
  const double victory = u_ki + u_ki;
  const double defeat = u_kj + u_kj;
  const double contest = p_ij * victory + p_ji * defeat;
  const double challenge = (1 - s_j) * victory + s_j * contest;
  return {p_ij, challenge - status_quo};
}

// Everything actor h's view of a contest with initiator i needs that does
// not depend on the target; reused for every target.
struct View {
  std::vector<double> risk;            // r_n: h's estimate of n's risk attitude
  std::vector<double> u_ni;            // h's estimate of n's utility for i's position
  std::vector<double> u_nn;            // ... for n's own position
  std::vector<double> with_i_wins;     // sided_with_i_wins per n
  std::vector<double> against_i_wins;  // sided_against_i_wins per n
  // Third parties' weights, 0 for the two principals: a zero weight makes a
  // vote exactly 0, so one loop over all actors sums the third parties only.
  std::vector<double> weight;
  // most_support[m]: the most third parties m, m+1, ... can add to i's side
  // (see contest()); empty when that bound does not hold.
  std::vector<double> most_support;
};

template <ThirdPartyCommit kCommit>
View make_view(const Actors& actors, const Evaluation& ev, RiskAdjust adjust, std::size_t h, std::size_t i) {
  const std::size_t n = actors.n;
  View view;
  view.risk.resize(n);
  view.u_ni.resize(n);
  view.u_nn.resize(n);
  view.with_i_wins.resize(n);
  view.against_i_wins.resize(n);
  for (std::size_t m = 0; m < n; ++m) {
    view.risk[m] = estimated_risk(ev.risk[h], ev.risk[m], adjust);
    view.u_ni[m] = utility(ev.distance(m, i), view.risk[m]);
    view.u_nn[m] = utility(ev.distance(m, m), view.risk[m]);
    view.with_i_wins[m] = sided_with_i_wins<kCommit>(view.u_ni[m], view.u_nn[m]);
    view.against_i_wins[m] = sided_against_i_wins<kCommit>(view.u_ni[m], view.u_nn[m]);
  }
  view.weight = actors.contest_weight;
  view.weight[i] = 0.0;
  return view;
}

// A third party's vote for i, vote(w, join_i, join_j), grows with
// p (with_i_wins - against_i_wins) + (1 - p)(with_i_loses - against_i_loses).
// When ideals are positions, u_nn = 1 >= u_nj, so the second difference is at
// most 0 and the vote at most vote(w, with_i_wins, against_i_wins) (every
// voting rule is increasing in the utility difference). Summed from the end,
// these bound what the rest of the third parties can add to i's coalition.
template <VotingRule kRule>
void add_support_bound(const Actors& actors, View& view) {
  if (!actors.adjustment.empty()) return;
  const std::size_t n = actors.n;
  view.most_support.assign(n + 1, 0.0);
  for (std::size_t m = n; m-- > 0;) {
    view.most_support[m] =
        view.most_support[m + 1] +
        positive_part(vote<kRule>(actors.contest_weight[m], view.with_i_wins[m], view.against_i_wins[m]));
  }
}

// Four running totals (lane = index mod 4) combined in a fixed order: the sum
// neither depends on threads nor forms one long dependency chain.
struct Lanes {
  Pack low = splat(0.0);
  Pack high = splat(0.0);
};

// The contest of i against j as h sees it (k: whose gain), given h's view.
// With `give_up_below` and the view's support bound, the sum stops as soon as
// the gain is sure to stay below that value (returns nothing then); the gain
// it returns otherwise is the same to the last bit.
template <VotingRule kRule, ThirdPartyCommit kCommit>
std::optional<ContestEstimate> contest(const Actors& actors, const Evaluation& ev, View& view, std::size_t k,
                                       std::size_t i, std::size_t j, double give_up_below) {
  const std::size_t n = actors.n;
  const double* d_nj = ev.distance_t.row(j);
  const double u_ki = view.u_ni[k];
  const double u_kj = utility(d_nj[k], view.risk[k]);
  const double s_j = actors.salience_sum[j];
  double c_ij = 0.0;
  double c_ji = 0.0;
  open_coalitions<kRule>(actors.contest_weight[i], view.u_nn[i], utility(d_nj[i], view.risk[i]),
                         actors.contest_weight[j], view.u_ni[j], view.u_nn[j], kMinContest * actors.capability_unit,
                         c_ij, c_ji);
  // gain = (u_ki - u_kj)(1 - 2 s_j (1 - P)) rises with P when u_ki > u_kj.
  const bool can_give_up = !view.most_support.empty() && u_ki > u_kj && give_up_below > -1.0;
  view.weight[j] = 0.0;
  const double* w = view.weight.data();
  const double* risk = view.risk.data();
  const double* u_ni = view.u_ni.data();
  const double* u_nn = view.u_nn.data();
  const double* wins = view.with_i_wins.data();
  const double* against = view.against_i_wins.data();
  const Pack start_ij = splat(c_ij);
  const Pack start_ji = splat(c_ji);
  Lanes support;
  Lanes opposition;
  const auto third_parties = [&](std::size_t m) {
    return third_party_vote<kRule, kCommit>(load(w + m), load(u_ni + m), utility(load(d_nj + m), load(risk + m)),
                                            load(u_nn + m), load(wins + m), load(against + m), start_ij, start_ji);
  };
  constexpr std::size_t kBlock = 128;
  std::size_t m = 0;
  while (m + 4 <= n) {
    const std::size_t block_end = std::min(n - n % 4, m + kBlock);
    for (; m < block_end; m += 4) {
      const Pack low = third_parties(m);
      const Pack high = third_parties(m + 2);
      support.low += positive_part(low);
      support.high += positive_part(high);
      opposition.low -= negative_part(low);
      opposition.high -= negative_part(high);
    }
    if (can_give_up && m < n) {
      const Pack s = support.low + support.high;
      const Pack o = opposition.low + opposition.high;
      const double most_ij = c_ij + (s[0] + s[1]) + view.most_support[m];
      const double least_ji = c_ji + (o[0] + o[1]);
      const double p_most = most_ij / (most_ij + least_ji);
      const double most_gain = (u_ki - u_kj) * (1.0 - 2.0 * s_j * (1.0 - p_most));
      if (most_gain * (1.0 + 1e-9) + 1e-12 < give_up_below) {
        view.weight[j] = actors.contest_weight[j];
        return std::nullopt;
      }
    }
  }
  double tail_support[4] = {support.low[0], support.low[1], support.high[0], support.high[1]};
  double tail_opposition[4] = {opposition.low[0], opposition.low[1], opposition.high[0], opposition.high[1]};
  for (std::size_t r = 0; m + r < n; ++r) {
    const std::size_t t = m + r;
    const double v = third_party_vote<kRule, kCommit>(w[t], u_ni[t], utility(d_nj[t], risk[t]), u_nn[t], wins[t],
                                                      against[t], c_ij, c_ji);
    tail_support[r] += positive_part(v);
    tail_opposition[r] -= negative_part(v);
  }
  view.weight[j] = actors.contest_weight[j];
  c_ij = c_ij + ((tail_support[0] + tail_support[1]) + (tail_support[2] + tail_support[3]));
  c_ji = c_ji + ((tail_opposition[0] + tail_opposition[1]) + (tail_opposition[2] + tail_opposition[3]));
  return finish(c_ij, c_ji, u_ki, u_kj, s_j);
}

template <VotingRule kRule, ThirdPartyCommit kCommit>
ContestEstimate estimate_impl(const Actors& actors, const Evaluation& ev, RiskAdjust adjust, std::size_t h,
                              std::size_t k, std::size_t i, std::size_t j) {
  View view = make_view<kCommit>(actors, ev, adjust, h, i);
  return *contest<kRule, kCommit>(actors, ev, view, k, i, j, -2.0);
}

// The most a challenge of j can be worth to i, before the O(n) sum over third
// parties: with u = i's utilities, gain = (u_ii - u_ij)(1 - 2 s_j (1 - P))
// exactly, and P lies in [0, 1]. A small margin covers rounding.
inline double gain_bound(double u_ii, double u_ij, double s_j) {
  const double du = u_ii - u_ij;
  return std::max(du, du * (1.0 - 2.0 * s_j)) + 1e-12;
}

// Initiator i's best target (KTAB bestChallenge over probEduChlg(i,i,i,j)):
// the largest gain above kMinGain, the lowest index among equal gains. Targets
// are tried in decreasing order of their bound, and the search stops
// when no remaining target could beat the best gain found: the choice is the
// same as trying every target, at a fraction of the cost.
template <VotingRule kRule, ThirdPartyCommit kCommit>
std::optional<Challenge> best_impl(const Actors& actors, const Evaluation& ev, RiskAdjust adjust, std::size_t i) {
  View view = make_view<kCommit>(actors, ev, adjust, i, i);
  add_support_bound<kRule>(actors, view);
  const double u_ii = view.u_nn[i];
  std::vector<double> bound(actors.n, 0.0);
  const double* d_i = ev.distance.row(i);
  std::size_t top = actors.n;
  for (std::size_t j = 0; j < actors.n; ++j) {
    if (j == i) continue;
    bound[j] = gain_bound(u_ii, utility(d_i[j], view.risk[i]), actors.salience_sum[j]);
    if (top == actors.n || bound[j] > bound[top]) top = j;
  }
  if (top == actors.n || !(bound[top] > kMinGain)) return std::nullopt;
  // The target with the highest bound first: its gain sets the bar the others' bounds must reach.
  std::optional<Challenge> best;
  const ContestEstimate first = *contest<kRule, kCommit>(actors, ev, view, i, i, top, -2.0);
  if (kMinGain < first.gain) {
    best = Challenge{.initiator = i, .target = top, .probability = first.probability, .gain = first.gain};
  }
  const double bar = best ? best->gain : kMinGain;
  std::vector<std::pair<double, std::size_t>> candidates;
  for (std::size_t j = 0; j < actors.n; ++j) {
    if (j != i && j != top && bound[j] >= bar && bound[j] > kMinGain) candidates.emplace_back(bound[j], j);
  }
  // Best bounds first, a few at a time: each gain found raises the bar, and
  // the candidates left below it are dropped before the next few are sorted.
  const auto higher = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  constexpr std::size_t kBatch = 16;
  while (!candidates.empty()) {
    const std::size_t batch = std::min(kBatch, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(batch), candidates.end(),
                      higher);
    for (std::size_t c = 0; c < batch; ++c) {
      const auto [limit, j] = candidates[c];
      if (best && limit < best->gain) return best;  // the rest are bounded lower still
      const double to_beat = best ? best->gain : kMinGain;
      const auto estimate = contest<kRule, kCommit>(actors, ev, view, i, i, j, to_beat);
      if (!estimate || !(kMinGain < estimate->gain)) continue;
      if (!best || estimate->gain > best->gain || (estimate->gain == best->gain && j < best->target)) {
        best = Challenge{.initiator = i, .target = j, .probability = estimate->probability, .gain = estimate->gain};
      }
    }
    candidates.erase(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(batch));
    if (best) {
      const double floor = best->gain;
      std::erase_if(candidates, [floor](const auto& c) { return c.first < floor; });
    }
  }
  return best;
}

template <template <VotingRule, ThirdPartyCommit> class Call, typename... Args>
auto dispatch(VotingRule rule, ThirdPartyCommit commit, Args&&... args) {
  const auto with_commit = [&]<VotingRule kRule>() {
    switch (commit) {
      case ThirdPartyCommit::kNoCommit:
        return Call<kRule, ThirdPartyCommit::kNoCommit>::run(args...);
      case ThirdPartyCommit::kSemiCommit:
        return Call<kRule, ThirdPartyCommit::kSemiCommit>::run(args...);
      case ThirdPartyCommit::kFullCommit:
        break;
    }
    return Call<kRule, ThirdPartyCommit::kFullCommit>::run(args...);
  };
  switch (rule) {
    case VotingRule::kBinary:
      return with_commit.template operator()<VotingRule::kBinary>();
    case VotingRule::kPropBin:
      return with_commit.template operator()<VotingRule::kPropBin>();
    case VotingRule::kProportional:
      return with_commit.template operator()<VotingRule::kProportional>();
    case VotingRule::kPropCbc:
      return with_commit.template operator()<VotingRule::kPropCbc>();
    case VotingRule::kCubic:
      return with_commit.template operator()<VotingRule::kCubic>();
    case VotingRule::kASymProsp:
      break;
  }
  return with_commit.template operator()<VotingRule::kASymProsp>();
}

template <VotingRule kRule, ThirdPartyCommit kCommit>
struct EstimateCall {
  static ContestEstimate run(const Actors& actors, const Evaluation& ev, RiskAdjust adjust, std::size_t h,
                             std::size_t k, std::size_t i, std::size_t j) {
    return estimate_impl<kRule, kCommit>(actors, ev, adjust, h, k, i, j);
  }
};

template <VotingRule kRule, ThirdPartyCommit kCommit>
struct BestCall {
  static std::optional<Challenge> run(const Actors& actors, const Evaluation& ev, RiskAdjust adjust, std::size_t i) {
    return best_impl<kRule, kCommit>(actors, ev, adjust, i);
  }
};

}  // namespace

ContestEstimate estimate_contest(const Actors& actors, const Evaluation& ev, const Settings& settings, std::size_t h,
                                 std::size_t k, std::size_t i, std::size_t j) {
  return dispatch<EstimateCall>(settings.voting_rule, settings.commit, actors, ev, settings.risk_adjust, h, k, i, j);
}

std::optional<Challenge> best_challenge(const Actors& actors, const Evaluation& ev, const Settings& settings,
                                        std::size_t i) {
  return dispatch<BestCall>(settings.voting_rule, settings.commit, actors, ev, settings.risk_adjust, i);
}

}  // namespace detente::smp
