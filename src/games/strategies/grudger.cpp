// Grudges and punishments: rules that remember defections and retaliate for a
// while or for good (grudgers, punishers, retaliators, backstabbers).
#include <array>

#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

class Grudger : public CloneableStrategy<Grudger> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_defections() > 0 ? kD : kC; }
};

// Defects for `memory` turns after a defection, then forgives.
class ForgetfulGrudger : public CloneableStrategy<ForgetfulGrudger> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (s_.memory == kMemory) s_ = {};
    if (!h.empty() && h.opponent_back(1) == kD) s_.grudged = true;
    if (s_.grudged) {
      ++s_.memory;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  static constexpr int kMemory = 10;
  struct State {
    bool grudged = false;
    int memory = 0;
  } s_;
};

class OppositeGrudger : public CloneableStrategy<OppositeGrudger> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_cooperations() > 0 ? kC : kD; }
};

class Aggravater : public CloneableStrategy<Aggravater> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.turns() < 3 || h.opponent_defections() > 0 ? kD : kC; }
};

// After the opponent defects `trigger` times in a row, defects and then plays
// the fixed sequence D^defections C^cooperations (Soft Grudger: D, then DDDCC).
class SoftGrudger : public CloneableStrategy<SoftGrudger> {
 public:
  SoftGrudger(int trigger, int defections, int cooperations) : trigger_(trigger) {
    sequence_.assign(static_cast<std::size_t>(defections), kD);
    sequence_.insert(sequence_.end(), static_cast<std::size_t>(cooperations), kC);
  }
  Move next(const History& h, Rng& /*rng*/) override {
    if (s_.grudged) {
      const Move move = sequence_[static_cast<std::size_t>(s_.memory)];
      if (++s_.memory == static_cast<int>(sequence_.size())) s_ = {};
      return move;
    }
    if (h.turns() >= trigger_ && h.opponent_count_last(trigger_, kD) == trigger_) {
      s_.grudged = true;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  int trigger_;
  std::vector<Move> sequence_;
  struct State {
    bool grudged = false;
    int memory = 0;
  } s_;
};

class GrudgerAlternator : public CloneableStrategy<GrudgerAlternator> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    return h.opponent_defections() > 0 && h.self_back(1) == kC ? kD : kC;
  }
};

class EasyGo : public CloneableStrategy<EasyGo> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_defections() > 0 ? kC : kD; }
};

class SpitefulCC : public CloneableStrategy<SpitefulCC> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.turns() >= 2 && h.opponent_defections() > 0 ? kD : kC; }
};

// Murase & Baek (2020): cooperates after the listed last-three-round
// histories, defects otherwise; missing early rounds count as (C, C).
class Capri : public CloneableStrategy<Capri> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    std::array<int, 3> rounds{0, 0, 0};  // outcome codes: 2 * own + opponent's, oldest first
    const int have = std::min(h.turns(), 3);
    for (int k = 0; k < have; ++k) {
      rounds[static_cast<std::size_t>(2 - k)] =
          static_cast<int>(2 * index(h.self_back(k + 1)) + index(h.opponent_back(k + 1)));
    }
    const int code = rounds[0] * 16 + rounds[1] * 4 + rounds[2];
    for (const int cooperative : kCooperate) {
      if (code == cooperative) return kC;
    }
    return kD;
  }

 private:
  // Outcomes CC = 0, CD = 1, DC = 2, DD = 3; a history (a, b, c) is a*16 + b*4 + c.
  static constexpr std::array<int, 14> kCooperate = {
      0,            // CC CC CC
      2,            // CC CC DC
      0 + 8 + 1,    // CC DC CD
      32 + 4 + 0,   // DC CD CC
      16,           // CD CC CC
      0 + 4 + 2,    // CC CD DC
      16 + 8,       // CD DC CC
      32,           // DC CC CC
      48 + 12 + 2,  // DD DD DC
      48 + 8,       // DD DC CC
      48 + 12 + 1,  // DD DD CD
      48 + 4,       // DD CD CC
      48 + 12,      // DD DD CC
      48,           // DD CC CC
  };
};

// Punisher: defects for a spell proportional to the opponent's defection rate
// (Inverse Punisher: to its cooperation rate) after each defection.
class Punisher : public CloneableStrategy<Punisher> {
 public:
  explicit Punisher(bool inverse) : inverse_(inverse) {}
  Move next(const History& h, Rng& /*rng*/) override {
    if (s_.memory >= s_.length) {
      s_.memory = 0;
      s_.grudged = false;
    }
    if (s_.grudged) {
      ++s_.memory;
      return kD;
    }
    if (!h.empty() && h.opponent_back(1) == kD) {
      const int count = inverse_ ? h.opponent_cooperations() : h.opponent_defections();
      s_.length = count * 20 / h.turns();
      if (inverse_ && s_.length == 0) s_.length = 1;
      s_.grudged = true;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  bool inverse_;
  struct State {
    int length = 1;
    bool grudged = false;
    int memory = 1;
  } s_;
};

class LevelPunisher : public CloneableStrategy<LevelPunisher> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() < 10) return kC;
    return static_cast<double>(h.opponent_defections()) / h.turns() > 0.2 ? kD : kC;
  }
};

class TrickyLevelPunisher : public CloneableStrategy<TrickyLevelPunisher> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    const double rate = static_cast<double>(h.opponent_defections()) / h.turns();
    if (h.turns() < 10 && rate > 0.2) return kD;
    if (h.turns() < 50 && rate > 0.1) return kD;
    if (h.turns() < 100 && rate > 0.05) return kD;
    return kC;
  }
};

class OnceBitten : public CloneableStrategy<OnceBitten> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (s_.memory >= kMemory) s_ = {};
    if (h.turns() < 2) return kC;
    if (s_.grudged) {
      ++s_.memory;
      return kD;
    }
    if (h.opponent_count_last(2, kC) == 0) {
      s_.grudged = true;
      return kD;
    }
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  static constexpr int kMemory = 10;
  struct State {
    bool grudged = false;
    int memory = 0;
  } s_;
};

class FoolMeOnce : public CloneableStrategy<FoolMeOnce> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_defections() > 1 ? kD : kC; }
};

class ForgetfulFoolMeOnce : public CloneableStrategy<ForgetfulFoolMeOnce> {
 public:
  Move next(const History& h, Rng& rng) override {
    const double r = rng.uniform();
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kD) ++defections_;
    if (r < kForget) defections_ = 0;
    return defections_ > 1 ? kD : kC;
  }
  void reset() override { defections_ = 0; }

 private:
  static constexpr double kForget = 0.05;
  int defections_ = 0;
};

// Defects while it has been exploited (CD) more than `threshold` times as
// often as it exploited (DC); the limited form stops after `limit` defections.
class Retaliate : public CloneableStrategy<Retaliate> {
 public:
  Retaliate(double threshold, int limit) : threshold_(threshold), limit_(limit) {}
  Move next(const History& h, Rng& /*rng*/) override {
    if (!h.empty()) {
      if (h.self_back(1) == kC && h.opponent_back(1) == kD) ++s_.exploited;
      if (h.self_back(1) == kD && h.opponent_back(1) == kC) ++s_.exploiting;
    }
    const bool provoked = s_.exploited > s_.exploiting * threshold_;
    if (limit_ < 0) return provoked ? kD : kC;
    if (!provoked) {
      s_.count = 0;
      return kC;
    }
    if (s_.count < limit_) {
      ++s_.count;
      return kD;
    }
    s_.count = 0;
    return kC;
  }
  void reset() override { s_ = {}; }

 private:
  double threshold_;
  int limit_;  // < 0: unlimited
  struct State {
    int exploited = 0;
    int exploiting = 0;
    int count = 0;
  } s_;
};

Move backstabber_rule(const History& h) { return h.opponent_defections() > 3 ? kD : kC; }

class BackStabber : public CloneableStrategy<BackStabber> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return defect_at_end(h, 2, backstabber_rule(h)); }
};

// BackStabber that, against an opponent that did not defect in the first 7
// turns, plays Tit For 2 Tats from turn 8 to turn 180.
class DoubleCrosser : public CloneableStrategy<DoubleCrosser> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const auto opening = h.opponent().first(std::min(h.turns(), 7));
    const bool clean_opening = std::count(opening.begin(), opening.end(), kD) == 0;
    const int round = h.turns() + 1;
    Move move = backstabber_rule(h);
    if (clean_opening && round > 7 && round <= 180) move = h.opponent_count_last(2, kD) == 2 ? kD : kC;
    return defect_at_end(h, 2, move);
  }
};

class Forgiver : public CloneableStrategy<Forgiver> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.opponent_defections() > h.turns() / 10.0 ? kD : kC; }
};

class Appeaser : public CloneableStrategy<Appeaser> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kD) return flip(h.self_back(1));
    return h.self_back(1);
  }
};

StrategyInfo info(std::string name, int depth, std::string citation, std::string description, bool stochastic = false) {
  return {.name = std::move(name),
          .memory_depth = depth,
          .stochastic = stochastic,
          .family = "grudger",
          .citation = std::move(citation),
          .description = std::move(description)};
}

}  // namespace

std::vector<Entry> grudger_family() {
  constexpr int kInf = kUnboundedMemory;
  const std::string prison = "The Prisoner's Dilemma repository, prison.eu.org (1998), as in the Axelrod library";
  std::vector<Entry> entries = {
      {info("Grudger", kInf, kAxelrod1980 + std::string(" (Friedman's entry)"),
            "cooperates until the opponent defects, then defects for good"),
       factory<Grudger>()},
      {info("Forgetful Grudger", 10, kAxelrodLibrary, "defects for 10 turns after a defection, then forgives"),
       factory<ForgetfulGrudger>()},
      {info("Opposite Grudger", kInf, kAxelrodLibrary, "defects until the opponent cooperates, then cooperates"),
       factory<OppositeGrudger>()},
      {info("Aggravater", kInf, kAxelrodLibrary, "defects 3 times, then Grudger"), factory<Aggravater>()},
      {info("Soft Grudger", 6, "Li (2011), in The Iterated Prisoner's Dilemma: 20 Years On",
            "answers a defection with D, D, D, D, C, C"),
       factory<SoftGrudger>(1, 3, 2)},
      {info("General Soft Grudger", kInf, kAxelrodLibrary, "answers a defection with D, D, D, D, C, C (n=1, d=4, c=2)"),
       factory<SoftGrudger>(1, 3, 2)},
      {info("GrudgerAlternator", kInf, prison, "after the opponent's first defection alternates D and C"),
       factory<GrudgerAlternator>()},
      {info("EasyGo", kInf, prison, "defects until the opponent defects, then cooperates"), factory<EasyGo>()},
      {info("SpitefulCC", kInf, "Mathieu & Delahaye (2015), as in the Axelrod library",
            "cooperates twice, then Grudger"),
       factory<SpitefulCC>()},
      {info("CAPRI", 3, "Murase & Baek (2020), J. Theoretical Biology 506",
            "cooperates after listed 3-round histories (a successful partner strategy)"),
       factory<Capri>()},
      {info("Punisher", kInf, kAxelrodLibrary,
            "after a defection defects for 20 x the opponent's defection rate turns"),
       factory<Punisher>(false)},
      {info("Inverse Punisher", kInf, kAxelrodLibrary,
            "after a defection defects for 20 x the opponent's cooperation rate turns"),
       factory<Punisher>(true)},
      {info("Level Punisher", kInf, "Eckhart Arnold (2016), as in the Axelrod library",
            "after 10 turns defects while the opponent's defection rate exceeds 20%"),
       factory<LevelPunisher>()},
      {info("Tricky Level Punisher", kInf, "Eckhart Arnold (2016), as in the Axelrod library",
            "defects while the opponent's defection rate exceeds 20%, 10%, 5% in turns <10, <50, <100"),
       factory<TrickyLevelPunisher>()},
      {info("Once Bitten", 12, kAxelrodLibrary, "defects for 10 turns after two consecutive defections"),
       factory<OnceBitten>()},
      {info("Fool Me Once", kInf, kAxelrodLibrary, "forgives one defection, defects for good after the second"),
       factory<FoolMeOnce>()},
      {info("Forgetful Fool Me Once", kInf, kAxelrodLibrary,
            "Fool Me Once that forgets the count with probability 0.05 each turn", true),
       factory<ForgetfulFoolMeOnce>()},
      {info("Retaliate", kInf, kAxelrodLibrary, "defects while exploited more than 10% as often as it exploited"),
       factory<Retaliate>(0.1, -1)},
      {info("Retaliate 2", kInf, kAxelrodLibrary, "Retaliate with threshold 8%"), factory<Retaliate>(0.08, -1)},
      {info("Retaliate 3", kInf, kAxelrodLibrary, "Retaliate with threshold 5%"), factory<Retaliate>(0.05, -1)},
      {info("Limited Retaliate", kInf, kAxelrodLibrary, "Retaliate (10%) for at most 20 defections at a time"),
       factory<Retaliate>(0.1, 20)},
      {info("Limited Retaliate 2", kInf, kAxelrodLibrary, "Retaliate (8%) for at most 15 defections at a time"),
       factory<Retaliate>(0.08, 15)},
      {info("Limited Retaliate 3", kInf, kAxelrodLibrary, "Retaliate (5%) for at most 20 defections at a time"),
       factory<Retaliate>(0.05, 20)},
      {info("BackStabber", kInf, "LessWrong IPD tournament (2011), as in the Axelrod library",
            "cooperates until the opponent's 4th defection; defects on the last 2 turns"),
       factory<BackStabber>()},
      {info("DoubleCrosser", kInf, "LessWrong IPD tournament (2011), as in the Axelrod library",
            "BackStabber that plays Tit For 2 Tats in turns 8-180 against a clean opening"),
       factory<DoubleCrosser>()},
      {info("Forgiver", kInf, kAxelrodLibrary, "defects while the opponent defected on more than 10% of turns"),
       factory<Forgiver>()},
      {info("Appeaser", kInf, "Tzafestas (2000), as in the Axelrod library",
            "switches its move whenever the opponent defects"),
       factory<Appeaser>()},
  };
  for (auto& e : entries) {
    if (e.info.name == "BackStabber" || e.info.name == "DoubleCrosser") e.info.uses_length = true;
  }
  return entries;
}

}  // namespace detente::games::strategies
