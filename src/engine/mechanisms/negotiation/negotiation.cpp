// The talks: each week a focal proposal is formed from the negotiators' current positions by the
// issue's bargaining model (a foundation model, by name); every negotiator concedes part of the way
// toward it, faster as a deadline nears (Roth, Murnighan & Schoumaker, AER 78(4), 1988); an
// agreement is reached when (1) every negotiator finds the proposal acceptable, (2) each side's
// lead trusts the other side enough (Kydd's threshold, the deal being a Security Dilemma Game), and
// (3) the proposal lies in the win-set of every veto player able to block (Putnam 1988).
// Concession and acceptance rules: our form (docs/models.md §negotiation).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/weighted.h"
#include "engine/mechanism.h"
#include "engine/mechanisms/negotiation/agreement_rule.h"
#include "engine/mechanisms/negotiation/winset.h"
#include "models/model.h"

namespace detente::engine {
namespace {

struct Veto {
  std::vector<std::size_t> ideal;   // per issue
  std::size_t spread, block;
  std::optional<std::size_t> pressure_arena;
  std::size_t shift = 0;
};

class NegotiationMechanism final : public Mechanism {
 public:
  explicit NegotiationMechanism(const scenario::Scenario& s)
      : concession_(s.params.index("negotiation.concession")),
        pressure_(s.params.index("negotiation.deadline_pressure")),
        acceptance_(s.params.index("negotiation.acceptance")),
        fear_(s.params.index("negotiation.deal_fear")),
        greed_(s.params.index("negotiation.deal_greed")) {
    for (const auto& issue : s.issues) {
      const std::string p = "issues." + issue.id;
      status_quo_.push_back(s.params.index(p + ".status_quo"));
      widths_.push_back(issue.scale.width());
      std::vector<std::array<std::size_t, 3>> stakes;
      for (const std::size_t a : s.negotiators) {
        const std::string& id = s.actors[a];
        stakes.push_back({s.params.index(p + ".positions." + id), s.params.index(p + ".salience." + id),
                          s.params.index(p + ".capability." + id)});
      }
      stakes_.push_back(std::move(stakes));
    }
    for (const auto& v : s.veto_players) {
      Veto veto{.spread = s.params.index("veto_players." + v.id + ".ideal_spread"),
                .block = s.params.index("veto_players." + v.id + ".block_probability"),
                .pressure_arena = v.pressure_arena};
      for (const auto& issue : s.issues) veto.ideal.push_back(s.params.index("veto_players." + v.id + ".ideal." + issue.id));
      if (v.pressure_arena) veto.shift = s.params.index("veto_players." + v.id + ".pressure_from.shift");
      vetoes_.push_back(std::move(veto));
    }
    for (int side = 0; side < 2; ++side) leads_[side] = s.sides[side].members.front();
  }

  void start(World& world, Rng& rng) const override {
    const auto& s = *world.scenario;
    world.positions.assign(s.negotiators.size(), std::vector<double>(s.issues.size()));
    for (std::size_t d = 0; d < s.issues.size(); ++d) {
      for (std::size_t n = 0; n < s.negotiators.size(); ++n) world.positions[n][d] = world.p[stakes_[d][n][0]];
    }
    world.veto_ideals.clear();
    world.veto_can_block.clear();
    for (const auto& veto : vetoes_) {
      std::vector<double> ideal;
      for (std::size_t d = 0; d < s.issues.size(); ++d) {
        const double drawn = world.p[veto.ideal[d]] + world.p[veto.spread] * rng.normal();
        ideal.push_back(std::clamp(drawn, s.issues[d].scale.lo, s.issues[d].scale.hi));
      }
      world.veto_ideals.push_back(std::move(ideal));
      world.veto_can_block.push_back(rng.bernoulli(world.p[veto.block]));
    }
    world.proposal = proposal(world);
  }

  void step(World& world, Rng& /*rng*/) const override {
    if (!world.talks_open() || world.scenario->protocol != scenario::Protocol::kDrift) return;
    const auto& s = *world.scenario;
    world.proposal = proposal(world);
    const double weeks = 1.0 / s.calendar.steps_per_week();
    const double rate = std::min(1.0, world.p[concession_] * urgency(world) * weeks);
    for (auto& position : world.positions) {
      for (std::size_t d = 0; d < position.size(); ++d) position[d] += rate * (world.proposal[d] - position[d]);
    }
    lobby(world);
    check_agreement(world);
  }

 private:
  // 1 + pressure / (1 + weeks to the next pending deadline); 1 once every deadline has passed.
  double urgency(const World& world) const {
    const auto& s = *world.scenario;
    const int deadline = world.next_deadline_step();
    if (deadline < 0) return 1.0;
    const double weeks_left = (deadline - world.step) / s.calendar.steps_per_week();
    return 1.0 + world.p[pressure_] / (1.0 + std::max(0.0, weeks_left));
  }

  std::vector<double> proposal(const World& world) const {
    const auto& s = *world.scenario;
    std::vector<double> out(s.issues.size());
    for (std::size_t d = 0; d < s.issues.size(); ++d) {
      // Buffers reused on each thread: this runs every step of every run of an ensemble, and
      // allocating them was a quarter of an ensemble's time (bench/ensemble.md).
      thread_local std::vector<double> x;
      thread_local std::vector<double> w;
      x.clear();
      w.clear();
      for (std::size_t n = 0; n < s.negotiators.size(); ++n) {
        x.push_back(world.positions[n][d]);
        w.push_back(world.p[stakes_[d][n][1]] * world.p[stakes_[d][n][2]]);
      }
      const std::string& model = s.issues[d].model;
      if (model == "compromise") out[d] = weighted_mean(x, w);
      else if (model == "median") out[d] = weighted_median(x, w);
      else out[d] = model_forecast(world, d, x);
    }
    return out;
  }

  // Any other registered bargaining model: run it on the current positions and take its forecast.
  double model_forecast(const World& world, std::size_t d, const std::vector<double>& x) const {
    const auto& s = *world.scenario;
    StakeholderProblem problem{.source = s.file};
    Issue issue{.name = s.issues[d].id, .scale = s.issues[d].scale};
    for (std::size_t n = 0; n < s.negotiators.size(); ++n) {
      problem.actors.push_back(s.actors[s.negotiators[n]]);
      issue.stakes.push_back(Stake{.actor = n, .position = x[n], .salience = world.p[stakes_[d][n][1]],
                                   .capability = world.p[stakes_[d][n][2]]});
    }
    problem.issues.push_back(std::move(issue));
    const auto result = run_model(s.issues[d].model, problem, {});
    return result.ok() ? result->issues.front().forecast : weighted_mean(x, std::vector<double>(x.size(), 1.0));
  }

  // A spoiler's lobbying (C16): while the arena shows mutual cooperation, the veto player's ideal
  // moves away from the proposal by `shift` scale points per week.
  void lobby(World& world) const {
    const double weeks = 1.0 / world.scenario->calendar.steps_per_week();
    for (std::size_t v = 0; v < vetoes_.size(); ++v) {
      const auto& veto = vetoes_[v];
      if (!veto.pressure_arena) continue;
      const auto& moves = world.moves[*veto.pressure_arena];
      const bool mutual = std::all_of(moves.begin(), moves.end(), [](const ArenaMove& m) { return m.played && m.cooperated; });
      if (!mutual) continue;
      auto& ideal = world.veto_ideals[v];
      const double gap = scaled_distance(ideal, world.proposal, widths_);
      if (gap <= 0.0) continue;
      for (std::size_t d = 0; d < ideal.size(); ++d) {
        const double direction = (ideal[d] - world.proposal[d]) / widths_[d] / gap;
        const auto& scale = world.scenario->issues[d].scale;
        ideal[d] = std::clamp(ideal[d] + world.p[veto.shift] * weeks * direction, scale.lo, scale.hi);
      }
    }
  }

  // The salience-weighted distance of the proposal from the farthest negotiator's position, less
  // the acceptance width (both as shares of the scales): the proposal is acceptable to all iff ≤ 0.
  double position_gap(const World& world) const {
    const auto& s = *world.scenario;
    double widest = 0.0;
    for (std::size_t n = 0; n < s.negotiators.size(); ++n) {
      double sum = 0.0;
      double weight = 0.0;
      for (std::size_t d = 0; d < s.issues.size(); ++d) {
        const double salience = world.p[stakes_[d][n][1]];
        const double gap = (world.proposal[d] - world.positions[n][d]) / widths_[d];
        sum += salience * gap * gap;
        weight += salience;
      }
      if (weight > 0.0) widest = std::max(widest, std::sqrt(sum / weight));
    }
    return widest - world.p[acceptance_];
  }

  // Every gate of the agreement rule, evaluated for the proposal on the table (all of them, not
  // only the first that is closed, so the diagnostics can say what else stood in the way).
  Gates gates(const World& world) const {
    Gates g{.step = world.step, .position_gap = position_gap(world)};
    if (g.position_gap > 0.0) g.closed |= Gates::kPositions;
    thread_local std::vector<double> q;
    q.clear();
    for (const std::size_t index : status_quo_) q.push_back(world.p[index]);
    g.closed |=
        trust_and_ratification_gates(world, q, widths_, trust_threshold(world.p[fear_], world.p[greed_]), leads_);
    return g;
  }

  void check_agreement(World& world) const {
    world.gates = gates(world);
    const std::uint32_t closed = world.gates.closed;
    if (closed == 0) {
      world.agreed = true;
      world.agreement_step = world.step;
      world.terms = world.proposal;
      world.note("AGREEMENT: " + proposal_terms(world));
      return;
    }
    if (world.narrate && (closed & Gates::kPositions) == 0) narrate_closed_gate(world, closed);
  }

  // Once per run, the first gate that still stood when the positions were close enough to agree.
  void narrate_closed_gate(World& world, std::uint32_t closed) const {
    const auto& s = *world.scenario;
    for (int side = 0; side < 2; ++side) {
      if ((closed & Gates::trust(side)) == 0) continue;
      world.note_once("trust" + std::to_string(side), [&] {
        char buffer[240];
        std::snprintf(
            buffer, sizeof buffer,
            "the positions are close enough to agree, but %s's trust in %s (%.2f) is below its threshold %.2f",
            s.actors[leads_[side]].c_str(), s.actors[leads_[1 - side]].c_str(),
            world.belief(leads_[side], leads_[1 - side]).trustworthy(0),
            trust_threshold(world.p[fear_], world.p[greed_]));
        return std::string(buffer);
      });
      return;
    }
    for (std::size_t v = 0; v < vetoes_.size(); ++v) {
      if ((closed & Gates::veto(v)) == 0) continue;
      world.note_once("veto" + std::to_string(v), [&] {
        return s.veto_players[v].id + " would not ratify the terms on the table (" + proposal_terms(world) +
               "): they are no closer to its ideal than the status quo";
      });
      return;
    }
  }

  std::size_t concession_, pressure_, acceptance_, fear_, greed_;
  std::vector<std::size_t> status_quo_;
  std::vector<double> widths_;
  std::vector<std::vector<std::array<std::size_t, 3>>> stakes_;   // [issue][negotiator] → position, salience, capability
  std::vector<Veto> vetoes_;
  std::array<std::size_t, 2> leads_{};
};

MechanismInfo negotiation_info() {
  return MechanismInfo{
      .name = "negotiation",
      .phase = 50,
      .citation = "Putnam (1988) two-level games; Tsebelis (2002) veto players; Kydd (2005) trust threshold; "
                  "Roth, Murnighan & Schoumaker (1988) deadline effect; concession and acceptance rules: our form",
      .make = [](const scenario::Scenario& s) { return std::make_unique<NegotiationMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::negotiation_info)
