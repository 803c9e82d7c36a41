// Coordination between two actors against a common threat, played as Kydd's Security Dilemma
// Game each week (Kydd 2005, ch. 2): mutual cooperation pays 1 + v·θ (its value grows with the
// threat θ — our form), being exploited −c (fear), exploiting t (greed: below 1 for a trustworthy
// type, above for an untrustworthy one), mutual defection 0. A type cooperates iff its belief that
// the other is trustworthy reaches its threshold (P − S)/((R − T) + (P − S)); defecting is
// dominant when T ≥ R. As the threat grows, the untrustworthy type's threshold falls toward the
// trustworthy one's and cooperation stops revealing type: the brief's caveat, made visible.
#include "engine/mechanism.h"

namespace detente::engine {
namespace {

struct CoordinationArena {
  std::size_t index;
  std::size_t active, noise, threat_value;
  std::array<std::size_t, 2> start, flip;
  std::array<std::size_t, 2> actors;
};

class CoordinationMechanism final : public Mechanism {
 public:
  explicit CoordinationMechanism(const scenario::Scenario& s)
      : fear_(s.params.index("trust.fear")),
        greed_t_(s.params.index("trust.greed_trustworthy")),
        greed_u_(s.params.index("trust.greed_untrustworthy")) {
    for (std::size_t a = 0; a < s.arenas.size(); ++a) {
      const auto& arena = s.arenas[a];
      if (arena.kind != scenario::ArenaKind::kCoordination) continue;
      const std::string p = "arenas." + arena.id;
      CoordinationArena compiled{.index = a, .active = s.params.index(p + ".active"), .noise = s.params.index(p + ".noise"),
                                 .threat_value = s.params.index(p + ".threat_value")};
      for (std::size_t k = 0; k < 2; ++k) {
        const std::string& id = s.actors[arena.players[k]];
        compiled.actors[k] = arena.players[k];
        compiled.start[k] = s.params.index(p + ".start." + id);
        compiled.flip[k] = s.params.index(p + ".flip." + id);
      }
      arenas_.push_back(compiled);
    }
    for (const auto& link : s.links) {
      if (link.punish) punishing_arenas_.push_back(link.arena);
    }
  }

  void start(World& /*world*/, Rng& /*rng*/) const override {}

  void step(World& world, Rng& rng) const override {
    for (const auto& arena : arenas_) play(world, arena, rng);
  }

 private:
  // Whether a type with this greed cooperates, given its belief that the other is trustworthy.
  bool type_cooperates(const World& world, double greed, double reward, double trust) const {
    return trust >= cooperation_threshold(reward, -world.p[fear_], greed, 0.0);
  }

  // Linkage with punishment: the partner defected last week in another punishing arena.
  bool punishes(const World& world, const CoordinationArena& arena, std::size_t self) const {
    for (const std::size_t other : punishing_arenas_) {
      if (other == arena.index) continue;
      const auto& players = world.scenario->arenas[other].players;
      for (std::size_t k = 0; k < players.size(); ++k) {
        const ArenaMove& move = world.previous_moves[other][k];
        if (players[k] == arena.actors[1 - self] && move.played && !move.cooperated) return true;
      }
    }
    return false;
  }

  void play(World& world, const CoordinationArena& arena, Rng& rng) const {
    auto& moves = world.moves[arena.index];
    world.previous_moves[arena.index] = moves;
    const bool was_mutual = moves[0].played && moves[1].played && moves[0].cooperated && moves[1].cooperated;
    const bool active = world.p[arena.active] >= 0.5;
    const double reward = 1.0 + world.p[arena.threat_value] * world.threat;
    const double noise = world.p[arena.noise];
    for (std::size_t k = 0; k < 2; ++k) {
      moves[k] = ArenaMove{};
      const bool flips = rng.bernoulli(world.p[arena.flip[k]]);   // drawn every week: see campaign.cpp
      const bool trembles = rng.bernoulli(noise);
      if (!active || world.step < world.p[arena.start[k]]) continue;
      const std::size_t self = arena.actors[k];
      const double trust = world.belief(self, arena.actors[1 - k]).trustworthy(1);
      const bool if_trustworthy = type_cooperates(world, world.p[greed_t_], reward, trust);
      const bool if_untrustworthy = type_cooperates(world, world.p[greed_u_], reward, trust);
      bool acts = world.trustworthy[self][1] ? if_trustworthy : if_untrustworthy;
      if (punishes(world, arena, k)) acts = false;
      if (flips) acts = !acts;      // inconsistency (flip-flop policy)
      if (trembles) acts = !acts;   // known trembles
      const double flip = world.p[arena.flip[k]];
      moves[k] = ArenaMove{
          .played = true,
          .cooperated = acts,
          .cooperate_if_trustworthy = observed_cooperation(with_known_flips(if_trustworthy ? 1.0 : 0.0, flip), noise),
          .cooperate_if_untrustworthy =
              observed_cooperation(with_known_flips(if_untrustworthy ? 1.0 : 0.0, flip), noise)};
    }
    const bool mutual = moves[0].played && moves[1].played && moves[0].cooperated && moves[1].cooperated;
    if (mutual) ++world.mutual_cooperation_steps[arena.index];
    if (mutual != was_mutual && world.narrate) {
      const auto& s = *world.scenario;
      const std::string pair = s.actors[arena.actors[0]] + " and " + s.actors[arena.actors[1]];
      if (mutual) {
        world.note(pair + " cooperate in the " + s.arenas[arena.index].id + " arena");
      } else {
        std::string who;
        for (std::size_t k = 0; k < 2; ++k) {
          if (moves[k].played && !moves[k].cooperated) who += (who.empty() ? "" : " and ") + s.actors[arena.actors[k]];
        }
        world.note("cooperation in the " + s.arenas[arena.index].id + " arena lapses" + (who.empty() ? "" : ": " + who + " holds back"));
      }
    }
  }

  std::size_t fear_, greed_t_, greed_u_;
  std::vector<CoordinationArena> arenas_;
  std::vector<std::size_t> punishing_arenas_;
};

MechanismInfo coordination_info() {
  return MechanismInfo{
      .name = "coordination",
      .phase = 20,
      .citation = "Kydd (2005), Trust and Mistrust in International Relations, ch. 2: the Security Dilemma Game; "
                  "threat-scaled reward: our form",
      .make = [](const scenario::Scenario& s) { return std::make_unique<CoordinationMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::coordination_info)
