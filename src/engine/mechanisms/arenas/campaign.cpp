// The campaign against a common threat: an n-player collective-action game. Each week every
// player contributes the capabilities it is willing to commit iff its own gain from the threat's
// reduction outweighs its cost (our form, docs/models.md §campaign). Free riding and unequal
// contributions follow from the payoffs (Olson 1965), not from a rule. Both types of an actor
// decide alike, so campaign moves are pooling: they reveal nothing about type (Kydd 2005, ch. 7).
#include <algorithm>

#include "engine/mechanism.h"

namespace detente::engine {
namespace {

struct Player {
  std::size_t actor;
  std::vector<std::size_t> capability;   // parameters of the committed capabilities
  std::vector<std::size_t> effect;       // parameters of their effect on the threat
  std::size_t threat_cost, start, flip;
};

struct CampaignArena {
  std::size_t index;
  std::size_t active, noise;
  std::vector<Player> players;
};

class CampaignMechanism final : public Mechanism {
 public:
  explicit CampaignMechanism(const scenario::Scenario& s)
      : growth_(s.params.index("threat.growth")), cost_(s.params.index("threat.contribution_cost")) {
    for (std::size_t a = 0; a < s.arenas.size(); ++a) {
      const auto& arena = s.arenas[a];
      if (arena.kind == scenario::ArenaKind::kCoordination) {
        coordination_.emplace_back(a, s.params.index("arenas." + arena.id + ".effectiveness_bonus"));
      }
      if (arena.kind != scenario::ArenaKind::kCampaign) continue;
      const std::string p = "arenas." + arena.id;
      CampaignArena compiled{a, s.params.index(p + ".active"), s.params.index(p + ".noise"), {}};
      for (const std::size_t actor : arena.players) {
        const std::string& id = s.actors[actor];
        Player player{actor, {}, {}, s.params.index("actors." + id + ".threat_cost"), s.params.index(p + ".start." + id),
                      s.params.index(p + ".flip." + id)};
        if (const auto commits = arena.commits.find(actor); commits != arena.commits.end()) {
          for (const std::size_t k : commits->second) {
            player.capability.push_back(s.params.index("actors." + id + ".capabilities." + s.capability_kinds[k]));
            player.effect.push_back(s.params.index("threat.effect." + s.capability_kinds[k]));
          }
        }
        compiled.players.push_back(std::move(player));
      }
      arenas_.push_back(std::move(compiled));
    }
  }

  void start(World& /*world*/, Rng& /*rng*/) const override {}

  void step(World& world, Rng& rng) const override {
    world.reduction_rate = 0.0;
    for (const auto& arena : arenas_) play(world, arena, rng);
  }

 private:
  // Coordinated partners (mutual cooperation this week in a coordination arena) are more effective.
  double bonus(const World& world, std::size_t actor) const {
    double extra = 0.0;
    for (const auto& [c, bonus_parameter] : coordination_) {
      const auto& players = world.scenario->arenas[c].players;
      const auto& moves = world.moves[c];
      const bool mutual = moves[0].played && moves[1].played && moves[0].cooperated && moves[1].cooperated;
      if (mutual && std::find(players.begin(), players.end(), actor) != players.end()) extra += world.p[bonus_parameter];
    }
    return extra;
  }

  void play(World& world, const CampaignArena& arena, Rng& rng) const {
    world.previous_moves[arena.index] = world.moves[arena.index];
    const bool active = world.p[arena.active] >= 0.5;
    const double noise = world.p[arena.noise];
    const double regrowth_weeks = 1.0 / std::max(world.p[growth_], 0.01);
    for (std::size_t k = 0; k < arena.players.size(); ++k) {
      const Player& player = arena.players[k];
      ArenaMove& move = world.moves[arena.index][k];
      const bool intended_before = move.played && move.cooperate_if_trustworthy > 0.5;
      move = ArenaMove{};
      // Drawn every week whether or not the player acts, so a policy that delays one player
      // leaves every other draw of the run unchanged.
      const bool flips = rng.bernoulli(world.p[player.flip]);
      const bool trembles = rng.bernoulli(noise);
      if (!active || world.step < world.p[player.start]) continue;
      double reduction = 0.0;
      double committed = 0.0;
      for (std::size_t c = 0; c < player.capability.size(); ++c) {
        reduction += world.p[player.effect[c]] * world.p[player.capability[c]];
        committed += world.p[player.capability[c]];
      }
      const double gain = world.p[player.threat_cost] * world.threat * reduction * regrowth_weeks;
      const bool intends = committed > 0.0 && gain >= world.p[cost_] * committed;
      bool acts = intends;
      if (flips) acts = !acts;      // inconsistency (flip-flop policy)
      if (trembles) acts = !acts;   // trembles every actor is known to make
      const double p_cooperate =
          observed_cooperation(with_known_flips(intends ? 1.0 : 0.0, world.p[player.flip]), noise);
      move = ArenaMove{.played = true, .cooperated = acts, .cooperate_if_trustworthy = p_cooperate,
                       .cooperate_if_untrustworthy = p_cooperate};
      if (acts) world.reduction_rate += reduction * (1.0 + bonus(world, player.actor));
      if (intends != intended_before && world.narrate) {   // trembles are not news; changes of policy are
        world.note(world.scenario->actors[player.actor] + (intends ? " commits to " : " stops committing to ") + "the " +
                   world.scenario->arenas[arena.index].id);
      }
    }
  }

  std::size_t growth_, cost_;
  std::vector<CampaignArena> arenas_;
  std::vector<std::pair<std::size_t, std::size_t>> coordination_;   // (arena, its effectiveness bonus)
};

MechanismInfo campaign_info() {
  return MechanismInfo{
      .name = "campaign",
      .phase = 21,
      .citation = "our form of an n-player public-goods game against a common threat (Olson 1965; Sandler 1992)",
      .make = [](const scenario::Scenario& s) { return std::make_unique<CampaignMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::campaign_info)
