// Probing rules that test the opponent with early defections, handshakes, and
// the majority rules that answer the opponent's most frequent move.
#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

// Plays `opening`, then defects for good if the opponent's moves at
// `probe_turns` were all `exploit_if`, and plays Tit For Tat otherwise (the
// Prober family of the Axelrod library).
class Prober : public CloneableStrategy<Prober> {
 public:
  Prober(std::vector<Move> opening, std::vector<int> probe_turns, std::vector<Move> exploit_if, Move verdict)
      : opening_(std::move(opening)),
        probe_turns_(std::move(probe_turns)),
        exploit_if_(std::move(exploit_if)),
        verdict_(verdict) {}
  Move next(const History& h, Rng& /*rng*/) override {
    const auto turn = static_cast<std::size_t>(h.turns());
    if (turn < opening_.size()) return opening_[turn];
    bool matched = true;
    for (std::size_t k = 0; k < probe_turns_.size(); ++k) {
      matched = matched && h.opponent()[static_cast<std::size_t>(probe_turns_[k])] == exploit_if_[k];
    }
    if (matched) return verdict_;
    return h.opponent_back(1);
  }

 private:
  std::vector<Move> opening_;
  std::vector<int> probe_turns_;
  std::vector<Move> exploit_if_;
  Move verdict_;
};

// Plays a fixed 20-move opening while counting the opponent's "just" (after own
// D) and "unjust" (after own C) defections; turns defector if the two counts
// differ by at most 2, else cooperates 5 turns and plays Tit For Tat.
class Prober4 : public CloneableStrategy<Prober4> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const int turn = h.turns();
    if (turn == 0) return kOpening[0];
    if (turn < kLength) {
      if (h.opponent_back(1) == kD) ++(h.self_back(1) == kD ? s_.just : s_.unjust);
      return kOpening[static_cast<std::size_t>(turn)];
    }
    if (turn == kLength) s_.defector = std::abs(s_.just - s_.unjust) <= 2;
    if (s_.defector) return kD;
    if (turn < kLength + 5) return kC;
    return h.opponent_back(1);
  }
  void reset() override { s_ = {}; }

 private:
  static constexpr int kLength = 20;
  static constexpr std::array<Move, 20> kOpening = {kC, kC, kD, kC, kD, kD, kD, kC, kC, kD,
                                                    kC, kD, kC, kC, kD, kC, kD, kD, kC, kD};
  struct State {
    int just = 0;
    int unjust = 0;
    bool defector = false;
  } s_;
};

// Tit For Tat that probes after the opponent's cooperation with probability p;
// the remorseful form apologises when its probe is punished.
class NaiveProber : public CloneableStrategy<NaiveProber> {
 public:
  NaiveProber(double p, bool remorseful) : p_(p), remorseful_(remorseful) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kD) {
      if (remorseful_ && probing_) {
        probing_ = false;
        return kC;
      }
      return kD;
    }
    if (!remorseful_) return random_choice(rng, 1 - p_);
    if (p_ == 1.0) {
      probing_ = true;
      return kD;
    }
    if (p_ == 0.0 || rng.uniform() < 1 - p_) {
      probing_ = false;
      return kC;
    }
    probing_ = true;
    return kD;
  }
  void reset() override { probing_ = false; }

 private:
  double p_;
  bool remorseful_;
  bool probing_ = false;
};

class Detective : public CloneableStrategy<Detective> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const auto turn = static_cast<std::size_t>(h.turns());
    if (turn < kOpening.size()) return kOpening[turn];
    const auto opening = h.opponent().first(kOpening.size());
    if (std::count(opening.begin(), opening.end(), kD) == 0) return kD;
    return h.opponent_back(1);
  }

 private:
  static constexpr std::array<Move, 4> kOpening = {kC, kD, kC, kC};
};

class CollectiveStrategy : public CloneableStrategy<CollectiveStrategy> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() == 0) return kC;
    if (h.turns() == 1) return kD;
    if (h.opponent_defections() > 1) return kD;
    return h.opponent()[0] == kC && h.opponent()[1] == kD ? kC : kD;
  }
};

class Handshake : public CloneableStrategy<Handshake> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() == 0) return kC;
    if (h.turns() == 1) return kD;
    return h.opponent()[0] == kC && h.opponent()[1] == kD ? kC : kD;
  }
};

// Cooperates if the opponent cooperated at least as often as it defected
// (hard: strictly more often) over its last `memory` moves (0: all of them).
class GoByMajority : public CloneableStrategy<GoByMajority> {
 public:
  GoByMajority(int memory, bool soft) : memory_(memory), soft_(soft) {}
  Move next(const History& h, Rng& /*rng*/) override {
    const int window = memory_ > 0 ? memory_ : h.turns();
    const int defections = h.opponent_count_last(window, kD);
    const int cooperations = std::min(window, h.turns()) - defections;
    if (defections > cooperations) return kD;
    if (defections == cooperations) return soft_ ? kC : kD;
    return kC;
  }

 private:
  int memory_;
  bool soft_;
};

StrategyInfo info(std::string name, int depth, std::string citation, std::string description, bool stochastic = false) {
  return {.name = std::move(name),
          .memory_depth = depth,
          .stochastic = stochastic,
          .family = "prober",
          .citation = std::move(citation),
          .description = std::move(description)};
}

Entry majority_entry(bool soft, int memory) {
  std::string name = std::string(soft ? "Soft" : "Hard") + " Go By Majority";
  if (memory > 0) name += ": " + std::to_string(memory);
  std::string description = std::string("cooperates if the opponent cooperated ") +
                            (soft ? "at least as often as" : "more often than") + " it defected" +
                            (memory > 0 ? " in its last " + std::to_string(memory) + " moves" : "");
  StrategyInfo i{.name = name,
                 .memory_depth = memory > 0 ? memory : kUnboundedMemory,
                 .family = "majority",
                 .citation = kAxelrod1984,
                 .description = std::move(description)};
  return {std::move(i), factory<GoByMajority>(memory, soft)};
}

}  // namespace

std::vector<Entry> prober_family() {
  constexpr int kInf = kUnboundedMemory;
  const std::string li = "Li, Hingston & Kendall (2011), in The Iterated Prisoners' Dilemma: 20 Years On";
  const std::string prison = "The Prisoner's Dilemma repository, prison.eu.org (1998), as in the Axelrod library";
  std::vector<Entry> entries = {
      {info("Prober", kInf, li, "D, C, C; then defects for good if the opponent cooperated on turns 2-3, else TFT"),
       factory<Prober>(std::vector<Move>{kD, kC, kC}, std::vector<int>{1, 2}, std::vector<Move>{kC, kC}, kD)},
      {info("Prober 2", kInf, prison, "D, C, C; then cooperates for good if the opponent played D, C on turns 2-3"),
       factory<Prober>(std::vector<Move>{kD, kC, kC}, std::vector<int>{1, 2}, std::vector<Move>{kD, kC}, kC)},
      {info("Prober 3", kInf, prison, "D, C; then defects for good if the opponent cooperated on turn 2, else TFT"),
       factory<Prober>(std::vector<Move>{kD, kC}, std::vector<int>{1}, std::vector<Move>{kC}, kD)},
      {info("Prober 4", kInf, prison, "a 20-move probe, then defector or Tit For Tat by the opponent's reactions"),
       factory<Prober4>()},
      {info("Hard Prober", kInf, prison, "D, D, C, C; then defects for good if the opponent cooperated on turns 2-3"),
       factory<Prober>(std::vector<Move>{kD, kD, kC, kC}, std::vector<int>{1, 2}, std::vector<Move>{kC, kC}, kD)},
      {info("Naive Prober", 1, li, "Tit For Tat that defects after cooperation with probability 0.1", true),
       factory<NaiveProber>(0.1, false)},
      {info("Remorseful Prober", 2, li, "Naive Prober that apologises when its probe is punished", true),
       factory<NaiveProber>(0.1, true)},
      {info("Detective", kInf, "Nicky Case, The Evolution of Trust (2017), as in the Axelrod library",
            "C, D, C, C; then defector if the opponent never defected, else Tit For Tat"),
       factory<Detective>()},
      {info("CollectiveStrategy", kInf, "Li & Kendall (2009), as in the Axelrod library",
            "C, D; cooperates with an opponent that answered C, D and defected at most once"),
       factory<CollectiveStrategy>()},
      {info("Handshake", kInf, "Robson (1990), J. Theoretical Biology 144(3)",
            "C, D; cooperates for good with an opponent that opened C, D, else defects"),
       factory<Handshake>()},
  };
  for (const bool soft : {true, false}) {
    for (const int memory : {0, 5, 10, 20, 40}) entries.push_back(majority_entry(soft, memory));
  }
  return entries;
}

}  // namespace detente::games::strategies
