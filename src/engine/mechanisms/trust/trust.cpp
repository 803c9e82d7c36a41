// Trust as belief about type (Kydd 2005): types are drawn once per run from the common prior;
// every actor's belief about every other starts at that prior and moves by Bayes' rule on what it
// observes — compliance reports on the negotiated issue, and moves in linked arenas — while
// relaxing back toward the prior (our form of C14: cooperation that builds no trajectory).
#include <cmath>
#include <cstdio>

#include "engine/mechanism.h"

namespace detente::engine {
namespace {

class TrustMechanism final : public Mechanism {
 public:
  explicit TrustMechanism(const scenario::Scenario& s)
      : correlation_(s.params.index("trust.correlation")),
        decay_(s.params.index("trust.decay")),
        noise_(s.params.index("trust.observation_noise")),
        compliance_(s.params.index("trust.compliance_untrustworthy")),
        interval_(s.params.index("trust.report_interval_weeks")),
        fear_(s.params.index("negotiation.deal_fear")),
        greed_(s.params.index("negotiation.deal_greed")) {
    for (const auto& actor : s.actors) {
      prior_.push_back({s.params.index("trust.prior." + actor + "." + s.trust_dimensions[0]),
                        s.params.index("trust.prior." + actor + "." + s.trust_dimensions[1])});
    }
    leads_ = {s.sides[0].members.front(), s.sides[1].members.front()};
  }

  void start(World& world, Rng& rng) const override {
    const std::size_t n = prior_.size();
    const double rho = world.p[correlation_];
    world.trustworthy.resize(n);
    world.beliefs.resize(n * n);
    for (std::size_t j = 0; j < n; ++j) {
      const JointBelief prior = JointBelief::from_marginals(world.p[prior_[j][0]], world.p[prior_[j][1]], rho);
      const double u = rng.uniform();   // the true types, drawn from the same joint prior
      world.trustworthy[j] = {u < prior.tt + prior.tu, u < prior.tt || (u >= prior.tt + prior.tu && u < prior.tt + prior.tu + prior.ut)};
      for (std::size_t i = 0; i < n; ++i) world.belief(i, j) = prior;
    }
    world.prior_beliefs = world.beliefs;
  }

  void step(World& world, Rng& rng) const override {
    const double weeks = 1.0 / world.scenario->calendar.steps_per_week();
    const double decay = 1.0 - std::pow(1.0 - world.p[decay_], weeks);
    const bool before[2] = {lead_trusts(world, 0), lead_trusts(world, 1)};
    for (std::size_t k = 0; k < world.beliefs.size(); ++k) world.beliefs[k].relax(world.prior_beliefs[k], decay);
    const int interval = std::max(1, static_cast<int>(std::lround(world.p[interval_] * world.scenario->calendar.steps_per_week())));
    if (world.talks_open() && world.step % interval == 0) compliance_reports(world, rng);
    for (const auto& link : world.scenario->links) observe_arena(world, link, rng);
    for (int side = 0; side < 2; ++side) {
      const bool now = lead_trusts(world, side);
      if (now != before[side] && world.narrate) {
        const auto& s = *world.scenario;
        char buffer[200];
        std::snprintf(buffer, sizeof buffer, "%s's trust that %s is trustworthy on the %s file %s its threshold (%.2f vs %.2f)",
                      s.actors[leads_[side]].c_str(), s.actors[leads_[1 - side]].c_str(), s.trust_dimensions[0].c_str(),
                      now ? "reaches" : "falls below", world.belief(leads_[side], leads_[1 - side]).trustworthy(0), threshold(world));
        world.note(buffer);
      }
    }
  }

 private:
  double threshold(const World& world) const { return trust_threshold(world.p[fear_], world.p[greed_]); }
  bool lead_trusts(const World& world, int side) const {
    return world.belief(leads_[side], leads_[1 - side]).trustworthy(0) >= threshold(world);
  }

  // Monthly verification on the negotiated issue (IAEA reports; delivery of promised relief): a
  // trustworthy negotiator complies, an untrustworthy one with probability `compliance`.
  void compliance_reports(World& world, Rng& rng) const {
    const auto& s = *world.scenario;
    const double noise = world.p[noise_];
    const double c = world.p[compliance_];
    for (const std::size_t lead : leads_) {
      const bool complied = world.trustworthy[lead][0] || rng.bernoulli(c);
      for (std::size_t i = 0; i < world.actors(); ++i) {
        if (i == lead) continue;
        const bool seen = complied != rng.bernoulli(noise);
        const double l_t = observed_cooperation(1.0, noise);
        const double l_u = observed_cooperation(c, noise);
        world.belief(i, lead).update(0, seen ? l_t : 1.0 - l_t, seen ? l_u : 1.0 - l_u);
      }
      if (!complied && world.narrate) world.note("a verification report shows " + s.actors[lead] + " failing to comply with the interim deal");
    }
  }

  // Linkage: each player of the arena watches the others' moves and updates its belief about
  // their type on the link's dimension; the correlation carries it to the other dimension.
  void observe_arena(World& world, const scenario::Link& link, Rng& rng) const {
    const auto& players = world.scenario->arenas[link.arena].players;
    const auto& moves = world.moves[link.arena];
    const double noise = world.p[noise_];
    const int dimension = static_cast<int>(link.dimension);
    SignalTally& tally = world.signals[link.arena];
    for (std::size_t j = 0; j < players.size(); ++j) {
      const ArenaMove& move = moves[j];
      if (move.played) {
        const bool separates = std::abs(move.cooperate_if_trustworthy - move.cooperate_if_untrustworthy) > 1e-12;
        ++(separates ? tally.separating : tally.pooling);
      }
      for (std::size_t i = 0; i < players.size(); ++i) {
        if (i == j) continue;
        const bool misread = rng.bernoulli(noise);   // drawn even when nothing is played: see campaign.cpp
        if (!move.played) continue;
        const bool seen = move.cooperated != misread;
        const double l_t = observed_cooperation(move.cooperate_if_trustworthy, noise);
        const double l_u = observed_cooperation(move.cooperate_if_untrustworthy, noise);
        JointBelief& belief = world.belief(players[i], players[j]);
        const double before = belief.trustworthy(0);
        belief.update(dimension, seen ? l_t : 1.0 - l_t, seen ? l_u : 1.0 - l_u);
        tally.trust_shift += belief.trustworthy(0) - before;
      }
    }
  }

  std::size_t correlation_, decay_, noise_, compliance_, interval_, fear_, greed_;
  std::vector<std::array<std::size_t, 2>> prior_;
  std::array<std::size_t, 2> leads_{};
};

MechanismInfo trust_info() {
  return MechanismInfo{
      .name = "trust",
      .phase = 40,
      .citation = "Kydd (2000), International Organization 54(2); Kydd (2005), ch. 2-3: trust as Bayesian belief about "
                  "type; correlated types across issues and decay toward the prior: our form",
      .make = [](const scenario::Scenario& s) { return std::make_unique<TrustMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::trust_info)
