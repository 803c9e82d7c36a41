// Ståhl's finite-horizon alternating offers, checked against splits derived by hand (backward
// induction written out in each test's comment), Rubinstein's limit, tying hands and reversal.
#include "bargaining/alternating_offers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace detente::bargaining {
namespace {

AlternatingOffersGame pie(double d1, double d2, int rounds, double out1 = 0.0, double out2 = 0.0) {
  const auto u = unit_pie();
  return AlternatingOffersGame{.players = {Bargainer{u[0], d1, out1}, Bargainer{u[1], d2, out2}}, .rounds = rounds};
}

TEST(AlternatingOffers, OneRoundIsTheUltimatumGame) {
  // T = 1: the responder accepts anything worth its disagreement payoff 0, so the proposer keeps all.
  const Solution s = solve(pie(0.9, 0.8, 1));
  ASSERT_TRUE(s.agreement);
  EXPECT_EQ(s.agreement_round, 1);
  EXPECT_DOUBLE_EQ(s.terms, 1.0);
  EXPECT_DOUBLE_EQ(s.payoffs[1], 0.0);
}

TEST(AlternatingOffersTwoRounds, FirstProposerGetsOneMinusTheResponderDiscount) {
  // T = 2: in round 2 player 2 keeps the pie; in round 1 it accepts δ2·1, so player 1 keeps 1 − δ2.
  for (const double d2 : {0.1, 0.5, 0.9}) {
    const Solution s = solve(pie(0.7, d2, 2));
    ASSERT_TRUE(s.agreement);
    EXPECT_EQ(s.agreement_round, 1);
    EXPECT_NEAR(s.terms, 1.0 - d2, 1e-15);
    EXPECT_NEAR(s.rounds[1].offer, 0.0, 1e-15);  // round 2: player 2 offers player 1 nothing
  }
}

TEST(AlternatingOffersThreeRounds, SplitIsOneMinusDeltaTwoPlusDeltaOneDeltaTwo) {
  // T = 3: round 3 player 1 keeps 1; round 2 player 2 keeps 1 − δ1; round 1 player 2 must get
  // δ2(1 − δ1), so player 1 keeps 1 − δ2 + δ1δ2.
  const double d1 = 0.8, d2 = 0.6;
  const Solution s = solve(pie(d1, d2, 3));
  EXPECT_NEAR(s.terms, 1.0 - d2 + d1 * d2, 1e-15);
  EXPECT_NEAR(s.payoffs[1], d2 * (1.0 - d1), 1e-15);
}

TEST(AlternatingOffersThreeRounds, SecondPlayerProposingFirstMirrorsTheSplit) {
  // The same game with player 2 first: player 2 keeps 1 − δ1 + δ1δ2, so s = δ1 − δ1δ2.
  AlternatingOffersGame game = pie(0.8, 0.6, 3);
  game.first_proposer = 1;
  EXPECT_NEAR(solve(game).terms, 0.8 - 0.8 * 0.6, 1e-15);
}

TEST(AlternatingOffersOutsideOptions, TheResponderIsPaidItsOutsideOptionAtTheDeadline) {
  // T = 1, d2 = 0.3: player 2 accepts 1 − s ≥ 0.3, so s = 0.7.
  EXPECT_NEAR(solve(pie(0.9, 0.9, 1, 0.0, 0.3)).terms, 0.7, 1e-15);
  // T = 2, δ = 0.9, d = (0.2, 0.3): round 2 player 2 offers s = 0.2 (player 1's option) and keeps
  // 0.8 ≥ 0.3; round 1 player 2 needs 0.9·0.8 = 0.72, so s = 0.28 ≥ player 1's 0.9·0.2.
  const Solution s = solve(pie(0.9, 0.9, 2, 0.2, 0.3));
  EXPECT_NEAR(s.rounds[1].offer, 0.2, 1e-15);
  EXPECT_NEAR(s.terms, 0.28, 1e-15);
}

TEST(AlternatingOffersOutsideOptions, OptionsWorthMoreThanThePieLeaveNoAgreement) {
  // T = 1, d = (0.6, 0.5): player 2 needs s ≤ 0.5, worth 0.5 < 0.6 to player 1, who prefers the deadline.
  const Solution s = solve(pie(0.9, 0.9, 1, 0.6, 0.5));
  EXPECT_FALSE(s.agreement);
  EXPECT_TRUE(s.rounds[0].acceptable);
  EXPECT_DOUBLE_EQ(s.payoffs[0], 0.6);
}

TEST(AlternatingOffersOutsideOptions, OptionsOnlyAtADistantDeadlineAreWorthLessAndAgreementComesEarly) {
  // T = 3, δ = 0.9, d = (0.6, 0.5): round 3 fails as above, worth (0.6, 0.5). In round 2 the options
  // are a round away, (0.54, 0.45), summing below 1: player 2 offers s = 0.54 and keeps 0.46. In
  // round 1 player 2's reservation is 0.9·0.46 = 0.414: player 1 keeps 0.586 ≥ 0.9·0.54.
  const Solution s = solve(pie(0.9, 0.9, 3, 0.6, 0.5));
  EXPECT_FALSE(s.rounds[2].agreement);
  EXPECT_NEAR(s.rounds[1].offer, 0.54, 1e-15);
  ASSERT_TRUE(s.agreement);
  EXPECT_EQ(s.agreement_round, 1);
  EXPECT_NEAR(s.terms, 0.586, 1e-15);
}

TEST(AlternatingOffersLimit, FiniteHorizonConvergesGeometricallyToRubinsteinsShare) {
  // Hand-derived recursion: x_T = 1 − δ2 + δ1δ2·x_{T−2}, so x_T − x* = (δ1δ2)^((T−1)/2)·(1 − x*) for
  // odd T and (δ1δ2)^((T−2)/2)·(1 − δ2 − x*) for even T, with x* = (1 − δ2)/(1 − δ1δ2).
  for (double d1 = 0.05; d1 < 1.0; d1 += 0.15) {
    for (double d2 = 0.05; d2 < 1.0; d2 += 0.15) {
      const double limit = rubinstein_share(d1, d2);
      for (const int t : {1, 2, 3, 4, 7, 10, 25}) {
        const double start = t % 2 == 1 ? 1.0 - limit : 1.0 - d2 - limit;
        const double expected = limit + std::pow(d1 * d2, (t - 1) / 2) * start;
        EXPECT_NEAR(solve(pie(d1, d2, t)).terms, expected, 1e-12) << "d1 " << d1 << " d2 " << d2 << " T " << t;
      }
      EXPECT_NEAR(solve(pie(d1, d2, 400)).terms, limit, 1e-9) << "d1 " << d1 << " d2 " << d2;
    }
  }
}

TEST(AlternatingOffersAcceptance, TheResponderAcceptsExactlyItsReservation) {
  const AlternatingOffersGame game = pie(0.9, 0.5, 2);
  const Solution s = solve(game);
  // Round 1: player 2's reservation is δ2·1 = 0.5, so it accepts s ≤ 0.5 and rejects more.
  EXPECT_TRUE(accepts(game, s, 1, 0.5));
  EXPECT_TRUE(accepts(game, s, 1, 0.3));
  EXPECT_FALSE(accepts(game, s, 1, 0.51));
  // Round 2 (the deadline round): player 1 accepts anything worth its option 0.
  EXPECT_TRUE(accepts(game, s, 2, 0.0));
}

TEST(TyingHands, ARatifiersWinSetRaisesTheConstrainedSidesShareByTheDerivedAmount) {
  // T = 2, δ2 = 0.4: unconstrained, player 2 gets δ2 = 0.4. Its ratifier accepts only s ≤ 0.5
  // (player 2 gets at least 0.5): player 1 must offer max(δ2, 0.5) = 0.5, a rise of 0.5 − 0.4 = 0.1.
  AlternatingOffersGame game = pie(0.9, 0.4, 2);
  const double free_share = 1.0 - solve(game).terms;
  game.hi = 0.5;
  const double tied_share = 1.0 - solve(game).terms;
  EXPECT_NEAR(free_share, 0.4, 1e-15);
  EXPECT_NEAR(tied_share - free_share, 0.1, 1e-15);
  // A win-set that does not bind (s ≤ 0.7: player 2 already gets 0.4 ≥ 0.3) changes nothing.
  game.hi = 0.7;
  EXPECT_NEAR(1.0 - solve(game).terms, 0.4, 1e-15);
}

TEST(TyingHands, DisjointWinSetsMakeAgreementImpossible) {
  // Player 1's ratifier needs s ≥ 0.6, player 2's s ≤ 0.5: no ratifiable point.
  AlternatingOffersGame game = pie(0.9, 0.9, 3);
  game.lo = 0.6;
  game.hi = 0.5;
  const Solution s = solve(game);
  EXPECT_FALSE(s.agreement);
  EXPECT_FALSE(s.rounds[0].acceptable);
}

TEST(TyingHands, AWinSetBelowTheProposersOptionMakesAgreementImpossible) {
  // T = 1, player 1's option 0.4; player 2's ratifier needs s ≤ 0.3: the best ratifiable offer is
  // worth 0.3 < 0.4 to player 1, so it lets the deadline pass.
  AlternatingOffersGame game = pie(0.9, 0.9, 1, 0.4, 0.0);
  game.hi = 0.3;
  EXPECT_FALSE(solve(game).agreement);
  game.hi = 0.45;
  EXPECT_NEAR(solve(game).terms, 0.45, 1e-15);
}

TEST(Reversal, WithZeroOutsideOptionsReversibleReliefLeavesTheTermsUnchanged) {
  // u2 = (1 − r)(1 − s): every reservation of player 2 scales by (1 − r), so the SPE point does not
  // move (T = 2: s = 1 − δ2 whatever r); only player 2's payoff falls to (1 − r)δ2.
  for (const double r : {0.0, 0.2, 0.5}) {
    AlternatingOffersGame game = pie(0.9, 0.6, 2);
    game.players[1].utility = reversible(game.players[1].utility, r);
    const Solution s = solve(game);
    EXPECT_NEAR(s.terms, 0.4, 1e-15);
    EXPECT_NEAR(s.payoffs[1], (1.0 - r) * 0.6, 1e-15);
  }
}

TEST(Reversal, AgainstAnOutsideOptionReversibleReliefMustBeLarger) {
  // T = 1, player 2's option d2 = 0.3: it accepts (1 − r)(1 − s) ≥ 0.3, so 1 − s = 0.3/(1 − r):
  // 0.3 at r = 0, 0.375 at r = 0.2, 0.6 at r = 0.5; past r = 0.7 no share of the pie is enough.
  const double expected[] = {0.3, 0.375, 0.6};
  const double reversal[] = {0.0, 0.2, 0.5};
  for (int k = 0; k < 3; ++k) {
    AlternatingOffersGame game = pie(0.9, 0.9, 1, 0.0, 0.3);
    game.players[1].utility = reversible(game.players[1].utility, reversal[k]);
    const Solution s = solve(game);
    ASSERT_TRUE(s.agreement);
    EXPECT_NEAR(1.0 - s.terms, expected[k], 1e-15);
  }
  AlternatingOffersGame game = pie(0.9, 0.9, 1, 0.0, 0.3);
  game.players[1].utility = reversible(game.players[1].utility, 0.75);
  EXPECT_FALSE(solve(game).agreement);
}

TEST(Reversal, AnOfferAcceptedWhenIrreversibleIsRejectedWhenItCanBeTakenBack) {
  // The offer s = 0.65 gives player 2 a face value 0.35 ≥ its option 0.3: accepted at r = 0;
  // at r = 0.2 it is worth 0.28 < 0.3: rejected.
  AlternatingOffersGame game = pie(0.9, 0.9, 1, 0.0, 0.3);
  EXPECT_TRUE(accepts(game, solve(game), 1, 0.65));
  game.players[1].utility = reversible(game.players[1].utility, 0.2);
  EXPECT_FALSE(accepts(game, solve(game), 1, 0.65));
}

}  // namespace
}  // namespace detente::bargaining
