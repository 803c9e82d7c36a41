// Tit For Tat and its relatives: rules that answer the opponent's last moves.
#include <algorithm>

#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

Move copy_last(const History& h, Move first) { return h.empty() ? first : h.opponent_back(1); }

class TitForTat : public CloneableStrategy<TitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return copy_last(h, kC); }
};

class SuspiciousTitForTat : public CloneableStrategy<SuspiciousTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return copy_last(h, kD); }
};

// Does the opposite of the opponent's last move; Bully also opens with D.
class AntiTitForTat : public CloneableStrategy<AntiTitForTat> {
 public:
  explicit AntiTitForTat(Move first) : first_(first) {}
  Move next(const History& h, Rng& /*rng*/) override { return h.empty() ? first_ : flip(h.opponent_back(1)); }

 private:
  Move first_;
};

class TitForTwoTats : public CloneableStrategy<TitForTwoTats> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    return h.turns() >= 2 && h.opponent_count_last(2, kD) == 2 ? kD : kC;
  }
};

// Defects while any of the opponent's last `window` moves was a defection.
class DefectOnRecentDefection : public CloneableStrategy<DefectOnRecentDefection> {
 public:
  explicit DefectOnRecentDefection(int window) : window_(window) {}
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_count_last(window_, kD) > 0 ? kD : kC; }

 private:
  int window_;
};

// Defects if two consecutive defections occur among the opponent's last 3 moves.
class HardTitForTwoTats : public CloneableStrategy<HardTitForTwoTats> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const auto last = h.opponent_last(3);
    for (std::size_t i = 1; i < last.size(); ++i) {
      if (last[i - 1] == kD && last[i] == kD) return kD;
    }
    return kC;
  }
};

class SneakyTitForTat : public CloneableStrategy<SneakyTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() < 2) return kC;
    if (h.opponent_defections() == 0) return kD;
    if (h.opponent_back(1) == kD && h.self_back(2) == kD) return kC;
    return h.opponent_back(1);
  }
};

// Slany & Kienreich (2007): Tit For Tat that breaks C/D deadlocks and defects
// against an opponent that looks random.
class OmegaTFT : public CloneableStrategy<OmegaTFT> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (h.turns() == 1) return h.opponent_back(1);
    if (s_.deadlock >= kDeadlockThreshold) {
      s_.deadlock = s_.deadlock == kDeadlockThreshold ? kDeadlockThreshold + 1 : 0;
      return kC;
    }
    const Move last = h.opponent_back(1);
    const Move before = h.opponent_back(2);
    if (before == kC && last == kC) --s_.randomness;
    if (before != last) ++s_.randomness;
    if (h.self_back(1) != last) ++s_.randomness;
    if (s_.randomness >= kRandomnessThreshold) return kD;
    s_.deadlock = before != last ? s_.deadlock + 1 : 0;
    return last;
  }
  void reset() override { s_ = {}; }

 private:
  static constexpr int kDeadlockThreshold = 3;
  static constexpr int kRandomnessThreshold = 8;
  struct State {
    int randomness = 0;
    int deadlock = 0;
  } s_;
};

// Beaufils, Delahaye & Mathieu (1997) as in the Axelrod library's "Original
// Gradual": punishes the n-th punished defection with n defections, then calms
// with two cooperations.
class OriginalGradual : public CloneableStrategy<OriginalGradual> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (s_.calming) {
      s_.calming = false;
      return kC;
    }
    if (s_.punishing) {
      if (s_.count < s_.limit) {
        ++s_.count;
        return kD;
      }
      s_.calming = true;
      s_.punishing = false;
      s_.count = 0;
      return kC;
    }
    if (!h.empty() && h.opponent_back(1) == kD) {
      s_.punishing = true;
      ++s_.count;
      ++s_.limit;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  struct State {
    bool calming = false;
    bool punishing = false;
    int count = 0;
    int limit = 0;
  } s_;
};

// Gradual as in the CRISTAL-SMAC tournament (2018): after a defection, defects
// as many times as the opponent has defected in all, then cooperates twice.
class Gradual : public CloneableStrategy<Gradual> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (s_.punish > 0) {
      --s_.punish;
      return kD;
    }
    if (s_.calm > 0) {
      --s_.calm;
      return kC;
    }
    if (h.opponent_back(1) == kD) {
      s_.punish = h.opponent_defections() - 1;
      s_.calm = 2;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  struct State {
    int punish = 0;
    int calm = 0;
  } s_;
};

// Tzafestas (2000): a "world" estimate moved toward 1 on cooperation and 0 on
// defection at rate r; cooperates while it is at least 1/2.
class AdaptiveTitForTat : public CloneableStrategy<AdaptiveTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kC) {
      world_ += kRate * (1.0 - world_);
    } else {
      world_ -= kRate * world_;
    }
    return world_ >= 0.5 ? kC : kD;
  }
  void reset() override { world_ = kRate; }

 private:
  static constexpr double kRate = 0.5;
  double world_ = kRate;
};

class SpitefulTitForTat : public CloneableStrategy<SpitefulTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (h.turns() >= 2 && h.opponent_count_last(2, kD) == 2) retaliating_ = true;
    return retaliating_ ? kD : h.opponent_back(1);
  }
  void reset() override { retaliating_ = false; }

 private:
  bool retaliating_ = false;
};

class SlowTitForTwoTats2 : public CloneableStrategy<SlowTitForTwoTats2> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() < 2) return kC;
    return h.opponent_back(2) == h.opponent_back(1) ? h.opponent_back(1) : h.self_back(1);
  }
};

// Tit For Tat that defects on the last turn of a match of known length.
class Alexei : public CloneableStrategy<Alexei> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return defect_at_end(h, 1, copy_last(h, kC)); }
};

class EugineNier : public CloneableStrategy<EugineNier> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    Move move = kC;
    if (!h.empty()) {
      if (h.opponent_defections() >= 5) defector_ = true;
      move = defector_ ? kD : h.opponent_back(1);
    }
    return defect_at_end(h, 1, move);
  }
  void reset() override { defector_ = false; }

 private:
  bool defector_ = false;
};

// Retaliates with N defections once the opponent has defected M times in a row.
class NTitsForMTats : public CloneableStrategy<NTitsForMTats> {
 public:
  NTitsForMTats(int n, int m) : n_(n), m_(m) {}
  Move next(const History& h, Rng& /*rng*/) override {
    if (m_ == 0 || h.opponent_count_last(m_, kD) == m_) retaliate_ = n_;
    if (retaliate_ > 0) {
      --retaliate_;
      return kD;
    }
    return kC;
  }
  void reset() override { retaliate_ = 0; }

 private:
  int n_;
  int m_;
  int retaliate_ = 0;
};

bool last_five_are(const History& h, Move m) {
  if (h.turns() < 5) return false;
  const auto last = h.self_last(5);
  return std::all_of(last.begin(), last.end(), [m](Move x) { return x == m; });
}

class Resurrection : public CloneableStrategy<Resurrection> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    return last_five_are(h, kD) ? kD : h.opponent_back(1);
  }
};

class DoubleResurrection : public CloneableStrategy<DoubleResurrection> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (last_five_are(h, kC)) return kD;
    if (last_five_are(h, kD)) return kC;
    return h.opponent_back(1);
  }
};

// Cooperates while the opponent has defected on at most a tenth of the turns, Tit For Tat otherwise.
class ForgivingTitForTat : public CloneableStrategy<ForgivingTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    return h.opponent_defections() > h.turns() / 10.0 ? h.opponent_back(1) : kC;
  }
};

// Boyd (1989), Axelrod (1995): Tit For Tat that, when its own intended
// cooperation was turned into a defection by noise, accepts the opponent's
// retaliation and cooperates until it has cooperated again.
class ContriteTitForTat : public CloneableStrategy<ContriteTitForTat> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return intended_ = choose(h); }
  void reset() override { s_ = {}; }

 private:
  Move choose(const History& h) {
    if (h.empty()) return kC;
    if (s_.contrite && h.self_back(1) == kC) {
      s_.contrite = false;
      return kC;
    }
    if (intended_ != h.self_back(1) && h.self_back(1) == kD && h.opponent_back(1) == kC) s_.contrite = true;
    return h.opponent_back(1);
  }
  struct State {
    bool contrite = false;
  } s_;
  Move intended_ = kC;
};

class RandomTitForTat : public CloneableStrategy<RandomTitForTat> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    act_random_ = !act_random_;
    return act_random_ ? h.opponent_back(1) : random_choice(rng, 0.5);
  }
  void reset() override { act_random_ = false; }

 private:
  bool act_random_ = false;
};

// Tit For Tat that, after its own defection met cooperation, cooperates or
// (with probability 1/2) turns defector for good; defects on the last turn.
class Michaelos : public CloneableStrategy<Michaelos> {
 public:
  Move next(const History& h, Rng& rng) override { return defect_at_end(h, 1, choose(h, rng)); }
  void reset() override { defector_ = false; }

 private:
  Move choose(const History& h, Rng& rng) {
    if (h.empty()) return kC;
    if (defector_) return kD;
    if (h.self_back(1) == kD && h.opponent_back(1) == kC) {
      if (random_choice(rng, 0.5) == kC) return kC;
      defector_ = true;
      return kD;
    }
    return h.opponent_back(1);
  }
  bool defector_ = false;
};

class DynamicTwoTitsForTat : public CloneableStrategy<DynamicTwoTitsForTat> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    if (h.opponent_count_last(2, kD) > 0) {
      return random_choice(rng, static_cast<double>(h.opponent_cooperations()) / h.turns());
    }
    return kC;
  }
};

// Marinoff (1992): Tit For Tat that answers cooperation with cooperation only 9 times in 10.
class BurnBothEnds : public CloneableStrategy<BurnBothEnds> {
 public:
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    return h.opponent_back(1) == kC ? random_choice(rng, 0.9) : kD;
  }
};

StrategyInfo info(std::string name, int depth, std::string citation, std::string description, bool stochastic = false) {
  return {.name = std::move(name),
          .memory_depth = depth,
          .stochastic = stochastic,
          .family = "tit for tat",
          .citation = std::move(citation),
          .description = std::move(description)};
}

}  // namespace

std::vector<Entry> tit_for_tat_family() {
  constexpr int kInf = kUnboundedMemory;
  const std::string lesswrong = "LessWrong IPD tournament (2011), as in the Axelrod library";
  const std::string prison = "The Prisoner's Dilemma repository, prison.eu.org (1998), as in the Axelrod library";
  std::vector<Entry> entries = {
      {info("Tit For Tat", 1, kAxelrod1980, "cooperates first, then copies the opponent's last move"),
       factory<TitForTat>()},
      {info("Tit For 2 Tats", 2, kAxelrod1984, "defects only after two consecutive defections"),
       factory<TitForTwoTats>()},
      {info("Two Tits For Tat", 2, kAxelrod1984, "answers each defection with two defections"),
       factory<DefectOnRecentDefection>(2)},
      {info("Suspicious Tit For Tat", 1, "Hilbe, Nowak & Sigmund (2013), PNAS 110(17)",
            "defects first, then copies the opponent's last move"),
       factory<SuspiciousTitForTat>()},
      {info("Anti Tit For Tat", 1, "Hilbe, Nowak & Sigmund (2013), PNAS 110(17)",
            "cooperates first, then does the opposite of the opponent's last move"),
       factory<AntiTitForTat>(kC)},
      {info("Bully", 1, "Nachbar (1992), J. Economic Behavior & Organization 19(3)",
            "defects first, then does the opposite of the opponent's last move"),
       factory<AntiTitForTat>(kD)},
      {info("Hard Tit For Tat", 3, "prisoners-dilemma.com (2017), as in the Axelrod library",
            "defects if the opponent defected in any of its last 3 moves"),
       factory<DefectOnRecentDefection>(3)},
      {info("Hard Tit For 2 Tats", 3, "Stewart & Plotkin (2012), PNAS 109(26)",
            "defects after two consecutive defections among the opponent's last 3 moves"),
       factory<HardTitForTwoTats>()},
      {info("Sneaky Tit For Tat", kInf, kAxelrodLibrary, "tries a defection and repents if punished"),
       factory<SneakyTitForTat>()},
      {info("Omega TFT", kInf, "Slany & Kienreich (2007), in The Iterated Prisoners' Dilemma: 20 Years On",
            "Tit For Tat that breaks deadlocks and defects against random play"),
       factory<OmegaTFT>()},
      {info("Gradual", kInf, "CRISTAL-SMAC IPD tournament (2018), as in the Axelrod library",
            "punishes with as many defections as the opponent's total, then cooperates twice"),
       factory<Gradual>()},
      {info("Original Gradual", kInf, "Beaufils, Delahaye & Mathieu (1997), Artificial Life V",
            "punishes the n-th punished defection with n defections, then cooperates twice"),
       factory<OriginalGradual>()},
      {info("Adaptive Tit For Tat", kInf, "Tzafestas (2000), Toward adaptive cooperative behavior",
            "cooperates while an adaptive estimate of the opponent's cooperation is at least 1/2"),
       factory<AdaptiveTitForTat>()},
      {info("Spiteful Tit For Tat", kInf, prison, "Tit For Tat until two consecutive defections, then defects"),
       factory<SpitefulTitForTat>()},
      {info("Slow Tit For Two Tats 2", 2, prison,
            "cooperates twice, then copies a move the opponent played twice in a row, else repeats itself"),
       factory<SlowTitForTwoTats2>()},
      {info("Alexei", kInf, lesswrong, "Tit For Tat that defects on the last turn"), factory<Alexei>()},
      {info("EugineNier", kInf, lesswrong, "Tit For Tat, defector after 5 defections, defects on the last turn"),
       factory<EugineNier>()},
      {info("N Tit(s) For M Tat(s)", 3, kAxelrodLibrary, "3 defections after 2 consecutive defections"),
       factory<NTitsForMTats>(3, 2)},
      {info("Resurrection", 5, "Eckhart Arnold (2016), as in the Axelrod library",
            "Tit For Tat, but defects after 5 own defections in a row"),
       factory<Resurrection>()},
      {info("DoubleResurrection", 5, "Eckhart Arnold (2016), as in the Axelrod library",
            "Tit For Tat, but flips after 5 identical own moves in a row"),
       factory<DoubleResurrection>()},
      {info("Forgiving Tit For Tat", kInf, kAxelrodLibrary,
            "cooperates while the opponent defected at most 10% of the time, else Tit For Tat"),
       factory<ForgivingTitForTat>()},
      {info("Contrite Tit For Tat", 3, "Axelrod & Wu (1995), J. Conflict Resolution 39(1)",
            "Tit For Tat that accepts retaliation for its own noise-induced defection"),
       factory<ContriteTitForTat>()},
      {info("Random Tit for Tat", 1, kAxelrodLibrary, "alternates between Tit For Tat and a random move", true),
       factory<RandomTitForTat>()},
      {info("Michaelos", kInf, lesswrong, "Tit For Tat that may turn defector after exploiting; defects last", true),
       factory<Michaelos>()},
      {info("Dynamic Two Tits For Tat", kInf, kAxelrodLibrary,
            "after a recent defection cooperates with the opponent's cooperation rate", true),
       factory<DynamicTwoTitsForTat>()},
      {info("Burn Both Ends", 1, "Marinoff (1992), Theory and Decision 32",
            "Tit For Tat that answers cooperation with cooperation with probability 0.9", true),
       factory<BurnBothEnds>()},
  };
  for (auto& e : entries) {
    if (e.info.name == "Alexei" || e.info.name == "EugineNier" || e.info.name == "Michaelos") e.info.uses_length = true;
  }
  return entries;
}

}  // namespace detente::games::strategies
