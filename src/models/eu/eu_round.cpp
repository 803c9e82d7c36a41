// One round of the expected utility model (Scholz, Calbert & Smith 2011,
// appendix steps 2-11; Bueno de Mesquita 1994): risk exponents from every
// actor's danger, then each actor's best offer, then all move at once.
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/weighted.h"
#include "models/eu/eu.h"
#include "models/eu/eu_votes.h"

namespace detente::eu {
namespace {

// U_s and U_f: 2 - 4 (0.5 -/+ 0.5 d)^r (Scholz et al. 2011, section 3).
struct SuccessFailure {
  double success = 0.0;
  double failure = 0.0;
};
SuccessFailure success_failure(double distance, double risk) {
  return {2.0 - 4.0 * power(0.5 - 0.5 * distance, risk), 2.0 - 4.0 * power(0.5 + 0.5 * distance, risk)};
}

// U_sq = 2 - 4 (0.5)^r.
double status_quo(double risk) { return 2.0 - 4.0 * power(0.5, risk); }

// U_b and U_w: 2 - 4 [0.5 -/+ 0.25 (|x_i - mu| + |x_i - x_j|)/R]^r; they enter only when Q < 1.
BasicUtilities full_utilities(SuccessFailure sf, double status_quo_utility, double distance, double median_distance,
                              double risk, bool need_moves) {
  BasicUtilities u{.success = sf.success, .failure = sf.failure, .status_quo = status_quo_utility};
  if (need_moves) {
    u.better = 2.0 - 4.0 * power(0.5 - 0.25 * (median_distance + distance), risk);
    u.worse = 2.0 - 4.0 * power(0.5 + 0.25 * (median_distance + distance), risk);
  }
  return u;
}

// An offer i could accept from j, before the choice among them.
struct Candidate {
  OfferKind kind = OfferKind::kConfrontation;
  std::size_t from = 0;  // canonical index of j
  double position = 0.0;
  double eu_ij = 0.0;
  double eu_ji = 0.0;
};

// Scholz et al. (2011), section 6: confrontation if E_ji > E_ij > 0 (i expects
// to lose), compromise if E_ji > 0 > E_ij and E_ji > |E_ij| (i moves the
// fraction |E_ij / E_ji| of the way), capitulation if E_ji > 0 > E_ij and
// E_ji < |E_ij|. Scholz's code writes the last test E_ji < |E_ji|, never true.
std::optional<Candidate> classify(double x_i, double x_j, std::size_t j, double eu_ij, double eu_ji,
                                  Capitulation capitulation) {
  Candidate c{.from = j, .eu_ij = eu_ij, .eu_ji = eu_ji};
  if (eu_ji > eu_ij && eu_ij > 0.0) {
    c.kind = OfferKind::kConfrontation;
    c.position = x_j;
  } else if (eu_ji > 0.0 && 0.0 > eu_ij && eu_ji > std::abs(eu_ij)) {
    c.kind = OfferKind::kCompromise;
    c.position = x_i + (x_j - x_i) * std::abs(eu_ij / eu_ji);
  } else if (capitulation == Capitulation::kIntended && eu_ji > 0.0 && 0.0 > eu_ij && eu_ji < std::abs(eu_ij)) {
    c.kind = OfferKind::kCapitulation;
    c.position = x_j;
  } else {
    return std::nullopt;
  }
  return c;
}

// How much i prefers a candidate within its kind: smaller is better.
double preference_key(const Candidate& c, double x_i, std::span<const double> x, CompromiseChoice rule) {
  if (c.kind == OfferKind::kCompromise && rule == CompromiseChoice::kScholzCode) {
    // Scholz's code ranks compromises by this weighted point, not by the move
    // (jmckib calls it a bug: it sends Belgium to 4.8 in round 4 of the EC example).
    const double a = std::abs(c.eu_ij);
    const double b = std::abs(c.eu_ji);
    return (a * x_i + b * x[c.from]) / (a + b);
  }
  return std::abs(x_i - c.position);
}

// Equal keys go to the larger E_ji, then to the proposer whose name sorts
// first (the smaller canonical index): an order that does not depend on the file.
bool better(double key_a, const Candidate& a, double key_b, const Candidate& b) {
  if (key_a != key_b) return key_a < key_b;
  if (a.eu_ji != b.eu_ji) return a.eu_ji > b.eu_ji;
  return a.from < b.from;
}

}  // namespace

BasicUtilities basic_utilities(double distance, double median_distance, double risk) {
  return full_utilities(success_failure(distance, risk), status_quo(risk), distance, median_distance, risk, true);
}

double expected_utility(const BasicUtilities& u, double win_probability, double target_salience, double q, double t) {
  const double contested = win_probability * u.success + (1.0 - win_probability) * u.failure;
  return target_salience * contested + (1.0 - target_salience) * u.success - q * u.status_quo -
         (1.0 - q) * (t * u.better + (1.0 - t) * u.worse);
}

double risk_exponent(double danger, double min_danger, double max_danger) {
  if (!(max_danger > min_danger)) return 1.0;
  const double big_r = (2.0 * danger - max_danger - min_danger) / (max_danger - min_danger);
  return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0);
}

const char* to_string(OfferKind kind) {
  switch (kind) {
    case OfferKind::kConfrontation:
      return "confrontation";
    case OfferKind::kCompromise:
      return "compromise";
    case OfferKind::kCapitulation:
      return "capitulation";
  }
  return "?";
}

Result<Negotiation> Negotiation::create(const Issue& issue, std::vector<std::string> actors, const Settings& settings) {
  if (actors.size() != issue.stakes.size()) {
    return Error{.field = "actors",
                 .problem = "the eu model needs one actor name per stake of issue '" + issue.name + "'",
                 .fix = "pass the names of issue.stakes in order"};
  }
  // Each round works in tables of 20 bytes per pair of distinct positions.
  constexpr std::size_t kMaxActors = 5000;
  if (issue.stakes.size() > kMaxActors) {
    return Error{.field = "issue '" + issue.name + "'",
                 .problem = "the eu model takes at most " + std::to_string(kMaxActors) + " actors per issue, got " +
                            std::to_string(issue.stakes.size()) + " (its tables grow as the square of the actors)",
                 .fix = "merge actors that share a position, or use the median or compromise model"};
  }
  Negotiation out;
  out.settings_ = settings;
  out.names_ = std::move(actors);
  out.by_name_.resize(issue.stakes.size());
  std::iota(out.by_name_.begin(), out.by_name_.end(), std::size_t{0});
  std::stable_sort(out.by_name_.begin(), out.by_name_.end(),
                   [&out](std::size_t a, std::size_t b) { return out.names_[a] < out.names_[b]; });
  for (const std::size_t s : out.by_name_) {
    out.capability_.push_back(issue.stakes[s].capability);
    out.salience_.push_back(issue.stakes[s].salience);
  }
  if (settings.range == RangeSource::kScale) {
    out.range_ = issue.scale.width();
  } else if (!issue.stakes.empty()) {
    const auto [lo, hi] = std::minmax_element(issue.stakes.begin(), issue.stakes.end(),
                                              [](const Stake& a, const Stake& b) { return a.position < b.position; });
    out.range_ = hi->position - lo->position;
  }
  return out;
}

struct RoundScratch::Buffers {
  WinTable table;
  VoteScratch votes;
};
RoundScratch::RoundScratch() : buffers_(std::make_unique<Buffers>()) {}
RoundScratch::~RoundScratch() = default;
RoundScratch::RoundScratch(RoundScratch&&) noexcept = default;
RoundScratch& RoundScratch::operator=(RoundScratch&&) noexcept = default;

namespace {

// The round's actors in canonical (name) order, and what every pass shares.
struct RoundState {
  std::vector<double> x;       // positions
  std::vector<double> weight;  // c_i s_i
  std::span<const double> salience;
  PositionIndex index;
  std::vector<std::size_t> by_position;  // the order pairs are visited in
  double range = 0.0;
  double median = 0.0;  // mu: BDM's median voter position, the c*s-weighted median
  [[nodiscard]] double median_distance(std::size_t c) const { return std::abs(x[c] - median) / range; }
};

// Steps 2-9: with every r = 1, actor i's danger D_i = sum_{j != i} E^i(U_ji),
// turned into risk exponents (Scholz et al. 2011, section 5).
std::vector<double> risk_exponents(const RoundState& st, const WinTable& p, const Settings& s) {
  const std::size_t n = st.x.size();
  const bool need_moves = s.q != 1.0;
  std::vector<double> danger(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t pi = st.index.of_actor[i];
    for (const std::size_t j : st.by_position) {
      if (j == i) continue;
      const double d = std::abs(st.x[i] - st.x[j]) / st.range;
      const BasicUtilities u =
          full_utilities(success_failure(d, 1.0), status_quo(1.0), d, st.median_distance(j), 1.0, need_moves);
      danger[i] += expected_utility(u, p.cell(pi, st.index.of_actor[j]).lose, st.salience[i], s.q, s.t);
    }
  }
  const auto [min_d, max_d] = std::minmax_element(danger.begin(), danger.end());
  std::vector<double> risk(n);
  for (std::size_t i = 0; i < n; ++i) risk[i] = risk_exponent(danger[i], *min_d, *max_d);
  return risk;
}

// Step 11 for one receiver i: every j at another position, classified, and the
// one i accepts under the settings' choice rule.
std::optional<Candidate> best_offer(const RoundState& st, const WinTable& p, std::span<const double> risk,
                                    std::span<const double> status_quo_utility, std::size_t i, const Settings& s) {
  const bool need_moves = s.q != 1.0;
  const std::size_t pi = st.index.of_actor[i];
  const double x_i = st.x[i];
  std::array<std::optional<Candidate>, 3> best_by_kind;  // by OfferKind
  std::array<double, 3> best_key{};
  std::optional<Candidate> largest;  // OfferChoice::kLargestProposerEu
  for (const std::size_t j : st.by_position) {
    if (st.x[j] == x_i) continue;
    const double d = std::abs(x_i - st.x[j]) / st.range;
    const SuccessFailure sf_i = success_failure(d, risk[i]);
    const bool own = s.risk_perspective == RiskPerspective::kOwn && risk[j] != risk[i];
    const double r_j = own ? risk[j] : risk[i];
    const WinTable::Cell& p_ij = p.cell(pi, st.index.of_actor[j]);
    const double eu_ij =
        expected_utility(full_utilities(sf_i, status_quo_utility[i], d, st.median_distance(i), risk[i], need_moves),
                         p_ij.win, st.salience[j], s.q, s.t);
    const double eu_ji = expected_utility(
        full_utilities(own ? success_failure(d, r_j) : sf_i, own ? status_quo_utility[j] : status_quo_utility[i], d,
                       st.median_distance(j), r_j, need_moves),
        p_ij.lose, st.salience[i], s.q, s.t);
    if (s.offer_choice == OfferChoice::kLargestProposerEu) {
      // Masad: j challenges when E_ji > 0; i answers the largest, the nearest first.
      if (!(eu_ji > 0.0)) continue;
      const Candidate c{.from = j, .position = st.x[j], .eu_ij = eu_ij, .eu_ji = eu_ji};
      if (!largest || eu_ji > largest->eu_ji ||
          (eu_ji == largest->eu_ji &&
           better(std::abs(x_i - st.x[j]), c, std::abs(x_i - st.x[largest->from]), *largest))) {
        largest = c;
      }
      continue;
    }
    const auto candidate = classify(x_i, st.x[j], j, eu_ij, eu_ji, s.capitulation);
    if (!candidate) continue;
    const auto kind = static_cast<std::size_t>(candidate->kind);
    const double key = preference_key(*candidate, x_i, st.x, s.compromise_choice);
    if (!best_by_kind[kind] || better(key, *candidate, best_key[kind], *best_by_kind[kind])) {
      best_by_kind[kind] = candidate;
      best_key[kind] = key;
    }
  }
  if (s.offer_choice == OfferChoice::kLargestProposerEu) {
    if (!largest) return std::nullopt;
    return classify(x_i, st.x[largest->from], largest->from, largest->eu_ij, largest->eu_ji, s.capitulation);
  }
  for (const auto& candidate : best_by_kind) {
    if (candidate) return candidate;  // confrontation, then compromise, then capitulation
  }
  return std::nullopt;
}

}  // namespace

RoundDetail Negotiation::play(std::span<const double> positions, int round, RoundScratch& scratch) const {
  const std::size_t n = by_name_.size();
  RoundDetail out{.round = round};
  out.risk_exponents.assign(n, 1.0);
  out.offers.resize(n);
  out.positions.assign(positions.begin(), positions.end());

  RoundState st{.x = std::vector<double>(n), .weight = std::vector<double>(n), .salience = salience_};
  for (std::size_t c = 0; c < n; ++c) {
    st.x[c] = positions[by_name_[c]];
    st.weight[c] = capability_[c] * salience_[c];
  }
  st.index = index_positions(st.x);
  if (st.index.values.size() < 2 || !(range_ > 0.0)) return out;  // nobody disagrees: nothing to bargain
  st.by_position = actors_by_position(st.index);
  st.range = range_;
  st.median = weighted_median(st.x, st.weight);
  const Settings& s = settings_;

  WinTable& p = scratch.buffers().table;
  const std::vector<double> ones(n, 1.0);
  win_probabilities(st.index, {st.x, st.weight, ones}, range_, s.win_probability, p, scratch.buffers().votes);
  const std::vector<double> risk = risk_exponents(st, p, s);
  std::vector<double> status_quo_utility(n);
  for (std::size_t i = 0; i < n; ++i) status_quo_utility[i] = status_quo(risk[i]);

  // Step 10: the probabilities again with the new exponents (Masad keeps r = 1).
  if (s.win_probability != WinProbability::kMasad) {
    win_probabilities(st.index, {st.x, st.weight, risk}, range_, s.win_probability, p, scratch.buffers().votes);
  }

  // Step 11, and all actors move at once; reported in stake order.
  for (std::size_t c = 0; c < n; ++c) {
    const std::size_t stake = by_name_[c];
    out.risk_exponents[stake] = risk[c];
    const auto chosen = best_offer(st, p, risk, status_quo_utility, c, s);
    if (!chosen) continue;
    out.positions[stake] = chosen->position;
    out.offers[stake] = AcceptedOffer{.kind = chosen->kind,
                                      .from = by_name_[chosen->from],
                                      .position = chosen->position,
                                      .eu_receiver = chosen->eu_ij,
                                      .eu_proposer = chosen->eu_ji};
  }
  return out;
}

}  // namespace detente::eu
