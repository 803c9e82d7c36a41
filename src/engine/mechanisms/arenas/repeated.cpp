// A repeated game between two actors, played with the repeated-games module's strategies (Axelrod
// 1984; the Axelrod library's names): each week each player makes one move of the stage game with
// the strategy of its type on the arena's type dimension. Both of a player's type-strategies see
// the same history, so observers know what each type would have played: when the two would have
// moved alike the move is pooling, when not it separates them (our form of Kydd's updating with
// named strategies). A stochastic strategy's move is treated as uninformative.
#include "engine/mechanism.h"
#include "games/history.h"
#include "games/registry.h"
#include "games/stage_game.h"

namespace detente::engine {
namespace {

struct RepeatedArena {
  std::size_t index;
  std::size_t active, noise;
  std::array<std::size_t, 4> payoffs;   // R, S, T, P
  std::array<std::size_t, 2> actors, start, flip;
  std::array<std::array<std::string, 2>, 2> strategies;   // [seat][type]
  int dimension;
};

class RepeatedMechanism final : public Mechanism {
 public:
  explicit RepeatedMechanism(const scenario::Scenario& s) {
    for (std::size_t a = 0; a < s.arenas.size(); ++a) {
      const auto& arena = s.arenas[a];
      if (arena.kind != scenario::ArenaKind::kRepeated) continue;
      const std::string p = "arenas." + arena.id;
      RepeatedArena compiled{.index = a, .active = s.params.index(p + ".active"), .noise = s.params.index(p + ".noise"),
                             .payoffs = {s.params.index(p + ".payoffs.R"), s.params.index(p + ".payoffs.S"),
                                         s.params.index(p + ".payoffs.T"), s.params.index(p + ".payoffs.P")},
                             .dimension = static_cast<int>(arena.type_dimension)};
      for (std::size_t k = 0; k < 2; ++k) {
        const std::string& id = s.actors[arena.players[k]];
        compiled.actors[k] = arena.players[k];
        compiled.start[k] = s.params.index(p + ".start." + id);
        compiled.flip[k] = s.params.index(p + ".flip." + id);
        compiled.strategies[k] = arena.strategies.at(arena.players[k]);
      }
      arenas_.push_back(std::move(compiled));
    }
  }

  void start(World& world, Rng& /*rng*/) const override {
    world.repeated.resize(world.scenario->arenas.size());
    for (const auto& arena : arenas_) {
      RepeatedPlay& play = world.repeated[arena.index];
      play = RepeatedPlay{};
      for (std::size_t k = 0; k < 2; ++k) {
        for (const auto& name : arena.strategies[k]) play.strategies[k].push_back(*games::make_strategy(name));
      }
    }
  }

  void step(World& world, Rng& rng) const override {
    for (const auto& arena : arenas_) play(world, arena, rng);
  }

 private:
  void play(World& world, const RepeatedArena& arena, Rng& rng) const {
    auto& moves = world.moves[arena.index];
    world.previous_moves[arena.index] = moves;
    RepeatedPlay& state = world.repeated[arena.index];
    const bool active = world.p[arena.active] >= 0.5;
    const double noise = world.p[arena.noise];
    std::array<bool, 2> flips{};
    std::array<bool, 2> trembles{};
    for (std::size_t k = 0; k < 2; ++k) {   // drawn every week: see campaign.cpp
      flips[k] = rng.bernoulli(world.p[arena.flip[k]]);
      trembles[k] = rng.bernoulli(noise);
      moves[k] = ArenaMove{};
    }
    if (!active || world.step < world.p[arena.start[0]] || world.step < world.p[arena.start[1]]) return;
    const auto game = games::StageGame::symmetric(games::SymmetricPayoffs{world.p[arena.payoffs[0]], world.p[arena.payoffs[1]],
                                                                          world.p[arena.payoffs[2]], world.p[arena.payoffs[3]]});
    if (!game) return;   // the loader accepts any numbers; a degenerate game is simply not played
    std::array<games::Move, 2> chosen{};
    for (std::size_t k = 0; k < 2; ++k) {
      const games::History history(state.moves[k], state.moves[1 - k], state.cooperations[k], state.cooperations[1 - k], *game,
                                   static_cast<int>(k), -1);
      std::array<games::Move, 2> by_type{};
      for (std::size_t type = 0; type < 2; ++type) by_type[type] = state.strategies[k][type].next(history, rng);
      const std::size_t self_type = world.trustworthy[arena.actors[k]][arena.dimension] ? 0 : 1;
      bool acts = by_type[self_type] == games::kC;
      if (flips[k]) acts = !acts;
      if (trembles[k]) acts = !acts;
      chosen[k] = acts ? games::kC : games::kD;
      const bool informative = !state.strategies[k][0].info().stochastic && !state.strategies[k][1].info().stochastic;
      const double flip = world.p[arena.flip[k]];
      const auto likelihood = [&](games::Move move) {
        return observed_cooperation(with_known_flips(move == games::kC ? 1.0 : 0.0, flip), noise);
      };
      moves[k] = ArenaMove{.played = true,
                           .cooperated = acts,
                           .cooperate_if_trustworthy = informative ? likelihood(by_type[0]) : 0.5,
                           .cooperate_if_untrustworthy = informative ? likelihood(by_type[1]) : 0.5};
    }
    for (std::size_t k = 0; k < 2; ++k) {
      state.moves[k].push_back(chosen[k]);
      state.cooperations[k] += chosen[k] == games::kC ? 1 : 0;
    }
    if (chosen[0] == games::kC && chosen[1] == games::kC) ++world.mutual_cooperation_steps[arena.index];
  }

  std::vector<RepeatedArena> arenas_;
};

MechanismInfo repeated_info() {
  return MechanismInfo{
      .name = "repeated",
      .phase = 22,
      .citation = "Axelrod (1984), The Evolution of Cooperation; strategies as in the Axelrod library; "
                  "type-dependent strategies and their likelihoods: our form after Kydd (2005)",
      .make = [](const scenario::Scenario& s) { return std::make_unique<RepeatedMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::repeated_info)
