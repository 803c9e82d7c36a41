// Alternating offers with a deadline as the talks' protocol ([negotiation] protocol =
// "alternating_offers"; docs/models.md §alternating offers). Each step the side whose turn it is
// proposes the subgame-perfect offer of Ståhl's (1972) game that ends at the next pending deadline
// (Rubinstein 1982 as its limit), on the contract line between the sides' ideals, with the status
// quo plus each side's outside option as the payoffs at the deadline and the win-sets of the veto
// players able to block as the ratifiable agreements (Putnam 1988; Schelling 1960: tying hands).
// The responder accepts by the equilibrium rule; an accepted offer still needs the trust gate
// (Kydd 2005) and ratification, as in negotiation/.
#include "engine/mechanisms/offers/offers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/weighted.h"
#include "engine/mechanism.h"
#include "engine/mechanisms/negotiation/agreement_rule.h"
#include "engine/mechanisms/negotiation/winset.h"

namespace detente::engine {
namespace {

// The salience × capability weighted mean of a side's members' positions on each issue.
std::vector<double> side_ideal(const OffersParameters& parameters, const World& world, std::size_t side) {
  std::vector<double> ideal;
  for (std::size_t d = 0; d < parameters.status_quo.size(); ++d) {
    thread_local std::vector<double> x, w;
    x.clear();
    w.clear();
    for (std::size_t m = 0; m < parameters.positions[side][d].size(); ++m) {
      x.push_back(world.p[parameters.positions[side][d][m]]);
      w.push_back(world.p[parameters.saliences[side][d][m]] * world.p[parameters.capabilities[side][d][m]]);
    }
    ideal.push_back(weighted_mean(x, w));
  }
  return ideal;
}

std::vector<double> status_quo(const OffersParameters& parameters, const World& world) {
  std::vector<double> q;
  for (const std::size_t index : parameters.status_quo) q.push_back(world.p[index]);
  return q;
}

// The ratifiable points of the line: inside the win-set of every veto player able to block.
std::array<double, 2> ratifiable(const World& world, const ContractLine& line, const std::vector<double>& q) {
  std::array<double, 2> interval{0.0, 1.0};
  for (std::size_t v = 0; v < world.veto_ideals.size(); ++v) {
    if (!world.veto_can_block[v]) continue;
    const auto accepted = win_set_on_line(line, world.veto_ideals[v], q);
    if (!accepted) return {1.0, 0.0};  // empty
    interval = {std::max(interval[0], (*accepted)[0]), std::min(interval[1], (*accepted)[1])};
  }
  return interval;
}

int proposer_at(const World& world) {
  return static_cast<int>((world.scenario->first_proposer + static_cast<std::size_t>(world.step) + 1) % 2);
}

class OffersMechanism final : public Mechanism {
 public:
  explicit OffersMechanism(const scenario::Scenario& s)
      : active_(s.protocol == scenario::Protocol::kAlternatingOffers),
        parameters_(s),
        fear_(s.params.index("negotiation.deal_fear")),
        greed_(s.params.index("negotiation.deal_greed")) {
    for (int side = 0; side < 2; ++side) leads_[side] = s.sides[side].members.front();
  }

  // Positions, veto ideals and whether each veto binds are drawn by negotiation/ at the start of
  // every run, whichever the protocol.
  void start(World& /*world*/, Rng& /*rng*/) const override {}

  void step(World& world, Rng& /*rng*/) const override {
    if (!active_ || !world.talks_open()) return;
    const OffersRound round = offers_round(parameters_, world);
    const bargaining::Solution solution = bargaining::solve(round.game);
    const bargaining::RoundPlay& play = solution.rounds.front();
    world.proposal = round.line.point(play.acceptable ? play.offer : (play.proposer == 0 ? 1.0 : 0.0));
    world.gates = gates(world, round, play);
    if (world.narrate) narrate(world, round, play);
    if (world.gates.closed != 0) return;
    world.agreed = true;
    world.agreement_step = world.step;
    world.terms = world.proposal;
    world.note("AGREEMENT on " + world.scenario->sides[static_cast<std::size_t>(play.proposer)].id +
               "'s offer: " + proposal_terms(world));
  }

 private:
  // How far short of agreement the round is, on the line's scale: with an offer the responder
  // accepts, what the proposer lacks to prefer it to waiting; with none, what the responder lacks
  // at the ratifiable point it likes best.
  static double shortfall(const OffersRound& round, const bargaining::RoundPlay& play) {
    const auto& proposer = round.game.players[static_cast<std::size_t>(play.proposer)];
    const auto& responder = round.game.players[static_cast<std::size_t>(1 - play.proposer)];
    if (play.acceptable) return std::max(0.0, play.value[play.proposer] - proposer.utility(play.offer));
    const double best = std::max(responder.utility(round.game.lo), responder.utility(round.game.hi));
    return std::max(0.0, play.reservation - best);
  }

  // The agreement rule's gates (World's Gates) for the offer on the table, all of them: the
  // positions gate is the equilibrium's "no agreement this round", its gap the shortfall above; the trust gate of the
  // deal (Kydd 2005), each side's lead trusting the other's at least fear / (1 + fear − greed); and ratification by
  // every veto player able to block (Putnam 1988), which fails only when their win-sets do not meet on the line, since
  // the offer is chosen inside them.
  Gates gates(const World& world, const OffersRound& round, const bargaining::RoundPlay& play) const {
    Gates g{.step = world.step};
    if (!play.agreement) {
      g.closed |= Gates::kPositions;
      g.position_gap = shortfall(round, play) * round.line.length();
    }
    const std::vector<double> q = status_quo(parameters_, world);
    g.closed |= trust_and_ratification_gates(world, q, round.line.widths,
                                             trust_threshold(world.p[fear_], world.p[greed_]), leads_);
    return g;
  }

  // Once per deadline: who offers what, with how many rounds left, and whether it is accepted.
  static void narrate(World& world, const OffersRound& round, const bargaining::RoundPlay& play) {
    const auto& s = *world.scenario;
    const std::string key = "offers" + std::to_string(round.game.rounds + world.step);
    world.note_once(key, [&] {
      char buffer[240];
      std::snprintf(buffer, sizeof buffer,
                    "%s offers %s (the subgame-perfect offer with %d rounds to the deadline); %s %s",
                    s.sides[static_cast<std::size_t>(play.proposer)].id.c_str(), proposal_terms(world).c_str(),
                    round.game.rounds, s.sides[static_cast<std::size_t>(1 - play.proposer)].id.c_str(),
                    play.agreement ? "accepts it"
                                   : "would reject it: no offer it accepts is worth more to the proposer than waiting");
      return std::string(buffer);
    });
    // Once per set of closed gates: an acceptable offer that still does not conclude, and why.
    const std::uint32_t closed = world.gates.closed;
    if (!play.agreement || closed == 0) return;
    std::string why;
    const auto add = [&why](const std::string& reason) { why += (why.empty() ? "" : "; ") + reason; };
    for (std::size_t side = 0; side < 2; ++side) {
      if (closed & Gates::trust(static_cast<int>(side)))
        add(s.actors[s.sides[side].members.front()] + " distrusts the other side");
    }
    for (std::size_t v = 0; v < s.veto_players.size(); ++v) {
      if (closed & Gates::veto(v)) add(s.veto_players[v].id + " would not ratify");
    }
    world.note_once("offers-gates" + std::to_string(closed), [&] { return "the offer is acceptable, but " + why; });
  }

  bool active_;
  OffersParameters parameters_;
  std::size_t fear_, greed_;
  std::array<std::size_t, 2> leads_{};
};

MechanismInfo offers_info() {
  return MechanismInfo{
      .name = "offers",
      .phase = 50,
      .citation =
          "Ståhl (1972) finite-horizon alternating offers; Rubinstein (1982); Putnam (1988) and Schelling (1960) "
          "tying hands; Kydd (2005) trust threshold; contract line and utilities: our form",
      .stream = 40,
      .make = [](const scenario::Scenario& s) { return std::make_unique<OffersMechanism>(s); },
  };
}

}  // namespace

OffersParameters::OffersParameters(const scenario::Scenario& s) {
  const bool active = s.protocol == scenario::Protocol::kAlternatingOffers;
  for (const auto& issue : s.issues) status_quo.push_back(s.params.index("issues." + issue.id + ".status_quo"));
  for (std::size_t side = 0; side < 2; ++side) {
    const std::string& id = s.sides[side].id;
    outside[side] = s.params.index("outside_options." + id);
    if (active) patience[side] = s.params.index("negotiation.patience." + id);
    for (const auto& issue : s.issues) {
      const std::string p = "issues." + issue.id;
      positions[side].emplace_back();
      saliences[side].emplace_back();
      capabilities[side].emplace_back();
      for (const std::size_t a : s.sides[side].members) {
        positions[side].back().push_back(s.params.index(p + ".positions." + s.actors[a]));
        saliences[side].back().push_back(s.params.index(p + ".salience." + s.actors[a]));
        capabilities[side].back().push_back(s.params.index(p + ".capability." + s.actors[a]));
      }
    }
  }
}

OffersRound offers_round(const OffersParameters& parameters, const World& world) {
  const auto& s = *world.scenario;
  OffersRound round;
  round.line.from = side_ideal(parameters, world, 0);
  round.line.to = side_ideal(parameters, world, 1);
  for (const auto& issue : s.issues) round.line.widths.push_back(issue.scale.width());
  const std::vector<double> q = status_quo(parameters, world);
  const double span = round.line.length();
  const int deadline = world.next_deadline_step();
  const int last = deadline >= world.step ? deadline : s.calendar.steps();
  const double weeks_per_step = 1.0 / s.calendar.steps_per_week();
  const auto players = bargaining::unit_pie();
  for (std::size_t side = 0; side < 2; ++side) {
    const double outside = world.p[parameters.outside[side]];
    round.game.players[side] = bargaining::Bargainer{
        .utility = players[side],
        .discount = std::pow(world.p[parameters.patience[side]], weeks_per_step),
        .disagreement = round.line.utility(static_cast<int>(side), q) + (span > 0.0 ? outside / span : 0.0)};
  }
  round.game.rounds = std::max(1, last - world.step + 1);
  round.game.first_proposer = proposer_at(world);
  const auto interval = ratifiable(world, round.line, q);
  round.game.lo = interval[0];
  round.game.hi = interval[1];
  return round;
}

}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::offers_info)
