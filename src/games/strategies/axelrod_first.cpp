// The entries of Axelrod's first tournament (Axelrod 1980, J. Conflict
// Resolution 24(1)) as the Axelrod library reconstructs them from the
// paper's descriptions; Tit For Tat, Grudger (Friedman) and Random are
// registered with their own families.
#include <array>
#include <cstdlib>
#include <optional>

#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

// Davis: cooperates for 10 turns, then Grudger.
class Davis : public CloneableStrategy<Davis> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() < 10) return kC;
    return h.opponent_defections() > 0 ? kD : kC;
  }
};

// Downing (after Downing 1975): estimates the opponent's probabilities of
// cooperating after its own C (alpha) and D (beta), and cooperates iff
// alpha R + (1 - alpha) S > beta T + (1 - beta) P; on a tie it switches. It
// defects on the first two turns.
class Downing : public CloneableStrategy<Downing> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const int round = h.turns() + 1;
    if (round == 1) return kD;
    if (round == 2) {
      if (h.opponent_back(1) == kC) ++s_.after_c;
      return kD;
    }
    if (h.self_back(2) == kC && h.opponent_back(1) == kC) ++s_.after_c;
    if (h.self_back(2) == kD && h.opponent_back(1) == kC) ++s_.after_d;
    const double alpha = static_cast<double>(s_.after_c) / (h.self_cooperations() + 1);
    const double beta = static_cast<double>(s_.after_d) / std::max(h.self_defections(), 2);
    const SymmetricPayoffs g = h.payoffs();
    const double cooperate = alpha * g.R + (1 - alpha) * g.S;
    const double defect = beta * g.T + (1 - beta) * g.P;
    if (cooperate > defect) return kC;
    if (cooperate < defect) return kD;
    return flip(h.self_back(1));
  }
  void reset() override { s_ = {}; }

 private:
  struct State {
    int after_c = 0;
    int after_d = 0;
  } s_;
};

// Feld: Tit For Tat whose cooperation after cooperation falls linearly from 1 to 0.5 over 200 turns.
class Feld : public CloneableStrategy<Feld> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kD) return kD;
    const double slope = (0.5 - 1.0) / 200;
    return random_choice(rng, std::max(1.0 + slope * h.turns(), 0.5));
  }
};

// Graaskamp: Tit For Tat for 50 turns, D on turn 51, Tit For Tat to turn 56;
// then defects for good against an opponent a chi-squared test finds random,
// plays Tit For Tat against Tit For Tat or its twin, and otherwise cooperates
// with a defection every 5 to 14 turns.
class Graaskamp : public CloneableStrategy<Graaskamp> {
 public:
  Move next(const History& h, Rng& rng) override {
    track_opponent(h);
    if (h.empty()) return kC;
    if (h.turns() < 56) return h.opponent_back(1) == kD || h.turns() == 50 ? kD : kC;
    s_.random = s_.random || fair_coin_chi_squared_p(h.opponent_cooperations(), h.opponent_defections()) >= 0.05;
    if (s_.random) return kD;
    if (s_.tit_for_tat || s_.twin) return h.opponent_back(1);
    const int turn = h.turns();
    if (!s_.next_defection) s_.next_defection = turn + 5 + static_cast<int>(rng.below(10));
    if (turn == *s_.next_defection) {
      s_.next_defection = turn + 5 + static_cast<int>(rng.below(10));
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  // Whether the opponent has so far copied this player's previous move (Tit
  // For Tat) or played exactly its moves (a twin), kept up to date turn by turn.
  void track_opponent(const History& h) {
    for (; s_.checked < h.turns(); ++s_.checked) {
      const auto i = static_cast<std::size_t>(s_.checked);
      if (i > 0 && h.opponent()[i] != h.self()[i - 1]) s_.tit_for_tat = false;
      if (h.opponent()[i] != h.self()[i]) s_.twin = false;
    }
  }
  struct State {
    bool random = false;
    bool tit_for_tat = true;
    bool twin = true;
    int checked = 0;
    std::optional<int> next_defection;
  } s_;
};

// Grofman: cooperates after a round in which both did the same, else with probability 2/7.
class Grofman : public CloneableStrategy<Grofman> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.empty() || h.self_back(1) == h.opponent_back(1)) return kC;
    return random_choice(rng, 2.0 / 7);
  }
};

// Nydegger: Tit For Tat for three turns (with one exception), then defects iff
// A = 16 a1 + 4 a2 + a3 is in a fixed set, where a_k scores the k-th last
// round: 0 mutual cooperation, 2 only the opponent defected, 1 only this
// player did, 3 both (the library's reading: the last round weighs 16).
class Nydegger : public CloneableStrategy<Nydegger> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (h.turns() == 1) return h.opponent_back(1);
    if (h.turns() == 2) {
      if (h.opponent()[0] == kD && h.opponent()[1] == kC) return kD;
      return h.opponent_back(1);
    }
    int a = 0;
    for (const auto& [k, weight] : {std::pair{1, 16}, std::pair{2, 4}, std::pair{3, 1}}) {
      a += weight * outcome(h.self_back(k), h.opponent_back(k));
    }
    for (const int defect : kDefectOn) {
      if (a == defect) return kD;
    }
    return kC;
  }

 private:
  static int outcome(Move own, Move other) { return (other == kD ? 2 : 0) + (own == kD ? 1 : 0); }
  static constexpr std::array<int, 19> kDefectOn = {1,  6,  7,  17, 22, 23, 26, 29, 30, 31,
                                                    33, 38, 39, 45, 49, 54, 55, 58, 61};
};

// Shubik: retaliates for k turns after the k-th defection that broke its cooperation.
class Shubik : public CloneableStrategy<Shubik> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (s_.remaining > 0) {
      --s_.remaining;
      return kD;
    }
    if (h.opponent_back(1) == kD && h.self_back(1) == kC) {
      ++s_.length;
      s_.remaining = s_.length - 1;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  struct State {
    int length = 0;
    int remaining = 0;
  } s_;
};

// Tullock: cooperates for 11 turns, then 10% less often than the opponent did in its last 10 moves.
class Tullock : public CloneableStrategy<Tullock> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.turns() < 11) return kC;
    const double proportion = static_cast<double>(h.opponent_count_last(10, kC)) / 10;
    return random_choice(rng, std::max(0.0, proportion - 0.10));
  }
};

// Anonymous: cooperates with a probability drawn uniformly from [0.3, 0.7] each turn.
class Anonymous : public CloneableStrategy<Anonymous> {
 public:
  Move next(const History& /*h*/, Rng& rng) override { return random_choice(rng, rng.uniform(3, 7) / 10); }
};

// Stein and Rapoport: cooperates for 4 turns, then Tit For Tat; every 15
// turns a chi-squared test decides whether the opponent is random, and it
// defects against a random opponent until the next test; defects on the last 2 turns.
class SteinAndRapoport : public CloneableStrategy<SteinAndRapoport> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return defect_at_end(h, 2, choose(h)); }
  void reset() override { random_ = false; }

 private:
  Move choose(const History& h) {
    const int round = h.turns() + 1;
    if (round < 5) return kC;
    if (round < 15) return h.opponent_back(1);
    if (round % 15 == 0) {
      random_ = fair_coin_chi_squared_p(h.opponent_cooperations(), h.opponent_defections()) >= 0.05;
    }
    return random_ ? kD : h.opponent_back(1);
  }
  bool random_ = false;
};

// Tideman and Chieruzzi: Tit For Tat whose retaliation grows by one with each
// run of the opponent's defections, with a "fresh start" (two cooperations and
// a clean slate) for an opponent 10 points behind whose defection count is 3
// standard deviations from a fair coin's; defects on the last 2 turns.
class TidemanAndChieruzzi : public CloneableStrategy<TidemanAndChieruzzi> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return defect_at_end(h, 2, choose(h)); }
  void reset() override { s_ = {}; }

 private:
  Move choose(const History& h) {
    if (h.empty()) return kC;
    const Move own = h.self_back(1);
    const Move other = h.opponent_back(1);
    if (other == kD) ++s_.remembered_defections;
    s_.own_score += h.own_payoff(own, other);
    s_.opponent_score += h.opponent_payoff(own, other);
    if (s_.fresh_start) {
      s_.fresh_start = false;
      return kC;
    }
    const int round = h.turns() + 1;
    if (fresh_start_due(h, round)) {
      s_.last_fresh_start = round;
      s_.retaliating = false;
      s_.length = 0;
      s_.remaining = 0;
      s_.remembered_defections = 0;
      s_.fresh_start = true;
      return kC;
    }
    if (s_.retaliating) {
      if (--s_.remaining == 0) s_.retaliating = false;
      return kD;
    }
    if (other == kD) {
      ++s_.length;
      s_.remaining = s_.length - 1;
      s_.retaliating = s_.remaining > 0;
      return kD;
    }
    return kC;
  }

  bool fresh_start_due(const History& h, int round) const {
    const bool allowed = s_.last_fresh_start == 0 || round - s_.last_fresh_start >= 20;
    if (!allowed) return false;
    const auto length = h.known_length();
    const bool enough_left = !length || *length - round >= 10;
    if (!(s_.own_score - s_.opponent_score >= 10 && enough_left && h.opponent_back(1) == kC)) return false;
    const double n = h.opponent_cooperations() + h.opponent_defections();
    const double sd = std::pow(n, 0.5) / 2;
    const double lower = n / 2 - 3 * sd;
    const double upper = n / 2 + 3 * sd;
    return s_.remembered_defections <= lower || s_.remembered_defections >= upper;
  }

  struct State {
    bool retaliating = false;
    int length = 0;
    int remaining = 0;
    double own_score = 0;
    double opponent_score = 0;
    int last_fresh_start = 0;
    bool fresh_start = false;
    int remembered_defections = 0;
  } s_;
};

StrategyInfo info(std::string name, int depth, std::string description, bool stochastic = false) {
  return {.name = std::move(name),
          .memory_depth = depth,
          .stochastic = stochastic,
          .family = "Axelrod's first tournament",
          .citation = kAxelrod1980,
          .description = std::move(description)};
}

}  // namespace

std::vector<Entry> first_tournament_family() {
  constexpr int kInf = kUnboundedMemory;
  std::vector<Entry> entries = {
      {info("First by Davis", kInf, "cooperates 10 turns, then Grudger"), factory<Davis>()},
      {info("First by Downing", kInf, "maximises expected payoff against estimated reactive probabilities"),
       factory<Downing>()},
      {info("First by Feld", 200, "Tit For Tat whose cooperation decays to 0.5 by turn 200", true), factory<Feld>()},
      {info("First by Graaskamp", kInf, "Tit For Tat with a probe at turn 51 and random defections", true),
       factory<Graaskamp>()},
      {info("First by Grofman", 1, "after a mismatched round cooperates with probability 2/7", true),
       factory<Grofman>()},
      {info("First by Joss", 1, "Tit For Tat that cooperates after cooperation only 90% of the time", true),
       factory<MemoryOneStrategy>(kC, std::array<double, 4>{0.9, 0, 0.9, 0})},
      {info("First by Nydegger", 3, "a lookup on the last three rounds"), factory<Nydegger>()},
      {info("First by Shubik", kInf, "retaliation lengthened by one turn with each provocation"), factory<Shubik>()},
      {info("First by Stein and Rapoport", kInf, "Tit For Tat with chi-squared randomness tests; defects at the end"),
       factory<SteinAndRapoport>()},
      {info("First by Tideman and Chieruzzi", kInf, "growing retaliation with fresh starts; defects at the end"),
       factory<TidemanAndChieruzzi>()},
      {info("First by Tullock", kInf, "cooperates 10% less often than the opponent did in the last 10 turns", true),
       factory<Tullock>()},
      {info("First by Anonymous", 0, "cooperates with a probability uniform on [0.3, 0.7]", true),
       factory<Anonymous>()},
  };
  for (auto& e : entries) {
    if (e.info.name == "First by Stein and Rapoport" || e.info.name == "First by Tideman and Chieruzzi") {
      e.info.uses_length = true;
    }
    if (e.info.name == "First by Downing" || e.info.name == "First by Tideman and Chieruzzi") e.info.uses_game = true;
  }
  return entries;
}

}  // namespace detente::games::strategies
