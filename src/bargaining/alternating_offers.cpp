#include "bargaining/alternating_offers.h"

#include <algorithm>
#include <optional>

namespace detente::bargaining {
namespace {

// The ratifiable points [lo, hi] where u(s) ≥ reservation, or nothing.
std::optional<std::array<double, 2>> acceptable_interval(LinearUtility u, double reservation, double lo, double hi) {
  constexpr double kTolerance = 1e-12;  // an offer worth its reservation up to rounding is accepted
  if (u.slope > 0.0)
    lo = std::max(lo, (reservation - u.at_zero) / u.slope);
  else if (u.slope < 0.0)
    hi = std::min(hi, (reservation - u.at_zero) / u.slope);
  else if (u.at_zero < reservation - kTolerance)
    return std::nullopt;
  if (lo > hi + kTolerance) return std::nullopt;
  return std::array<double, 2>{lo, std::max(lo, hi)};
}

// One round given the continuation values r (this round's units): Ståhl's backward-induction step.
RoundPlay play_round(const AlternatingOffersGame& game, int proposer, std::array<double, 2> continuation) {
  const int responder = 1 - proposer;
  const LinearUtility up = game.players[proposer].utility;
  const LinearUtility ur = game.players[responder].utility;
  RoundPlay play{.proposer = proposer, .reservation = continuation[responder], .value = continuation};
  const auto interval = acceptable_interval(ur, continuation[responder], game.lo, game.hi);
  if (!interval) return play;
  play.acceptable = true;
  // The proposer's best end of the interval; with a flat utility, the responder's best end.
  const double slope = up.slope != 0.0 ? up.slope : -ur.slope;
  play.offer = slope >= 0.0 ? (*interval)[1] : (*interval)[0];
  if (up(play.offer) < continuation[proposer]) return play;
  play.agreement = true;
  play.value[proposer] = up(play.offer);
  play.value[responder] = ur(play.offer);
  return play;
}

}  // namespace

LinearUtility reversible(LinearUtility face, double reversal) {
  return LinearUtility{(1.0 - reversal) * face.at_zero, (1.0 - reversal) * face.slope};
}

Solution solve(const AlternatingOffersGame& game) {
  const int rounds = std::max(1, game.rounds);
  Solution solution;
  solution.rounds.resize(static_cast<std::size_t>(rounds));
  std::array<double, 2> continuation = {game.players[0].disagreement, game.players[1].disagreement};
  for (int t = rounds; t >= 1; --t) {
    const int proposer = (game.first_proposer + t - 1) % 2;
    const RoundPlay play = play_round(game, proposer, continuation);
    solution.rounds[static_cast<std::size_t>(t - 1)] = play;
    for (int i = 0; i < 2; ++i) continuation[i] = game.players[i].discount * play.value[i];
  }
  const RoundPlay& first = solution.rounds.front();
  solution.payoffs = first.value;
  for (int t = 1; t <= rounds; ++t) {
    const RoundPlay& play = solution.rounds[static_cast<std::size_t>(t - 1)];
    if (!play.agreement) continue;
    solution.agreement = true;
    solution.agreement_round = t;
    solution.terms = play.offer;
    break;
  }
  return solution;
}

bool accepts(const AlternatingOffersGame& game, const Solution& solution, int round, double offer) {
  if (round < 1 || round > static_cast<int>(solution.rounds.size())) return false;
  const RoundPlay& play = solution.rounds[static_cast<std::size_t>(round - 1)];
  const LinearUtility ur = game.players[1 - play.proposer].utility;
  return offer >= game.lo && offer <= game.hi && ur(offer) >= play.reservation - 1e-12;
}

double rubinstein_share(double proposer_discount, double responder_discount) {
  return (1.0 - responder_discount) / (1.0 - proposer_discount * responder_discount);
}

}  // namespace detente::bargaining
