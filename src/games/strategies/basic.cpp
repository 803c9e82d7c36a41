// Unconditional and sequence-playing rules: Cooperator, Defector, Alternator,
// Random, the cyclers, and their "tricky" variants.
#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

class Constant : public CloneableStrategy<Constant> {
 public:
  explicit Constant(Move move) : move_(move) {}
  Move next(const History& /*h*/, Rng& /*rng*/) override { return move_; }

 private:
  Move move_;
};

class Alternator : public CloneableStrategy<Alternator> {
 public:
  Move next(const History& h, Rng& /*rng*/) override { return h.empty() ? kC : flip(h.self_back(1)); }
};

class RandomMoves : public CloneableStrategy<RandomMoves> {
 public:
  explicit RandomMoves(double p) : p_(p) {}
  Move next(const History& /*h*/, Rng& rng) override { return random_choice(rng, p_); }

 private:
  double p_;
};

// Defects once it has played 3 turns if the opponent has not defected in its
// last 10 moves.
class TrickyCooperator : public CloneableStrategy<TrickyCooperator> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    return h.turns() >= 3 && h.opponent_count_last(10, kD) == 0 ? kD : kC;
  }
};

// Cooperates only if the opponent has cooperated before and defected on each of its last 3 moves.
class TrickyDefector : public CloneableStrategy<TrickyDefector> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    const bool three_defections = h.turns() >= 3 && h.opponent_count_last(3, kD) == 3;
    return h.opponent_cooperations() > 0 && three_defections ? kC : kD;
  }
};

// C, D, D, then cycles of growing length: C, D, C, C, D, C, C, C, D, ...
class AntiCycler : public CloneableStrategy<AntiCycler> {
 public:
  Move next(const History& h, Rng& /*rng*/) override {
    if (h.turns() < 3) return h.turns() == 0 ? kC : kD;
    if (state_.counter < state_.length) {
      ++state_.counter;
      return kC;
    }
    ++state_.length;
    state_.counter = 0;
    return kD;
  }
  void reset() override { state_ = {}; }

 private:
  struct State {
    int length = 1;
    int counter = 0;
  } state_;
};

StrategyInfo cycler_info(const std::string& name, const std::string& pattern) {
  return {.name = name,
          .memory_depth = static_cast<int>(pattern.size()) - 1,
          .family = "cycler",
          .citation = kAxelrodLibrary,
          .description = "repeats the sequence " + pattern};
}

}  // namespace

// Repeats a fixed sequence of moves (used by the registry for "Cycler: ...").
class Cycler : public CloneableStrategy<Cycler> {
 public:
  explicit Cycler(std::vector<Move> cycle) : cycle_(std::move(cycle)) {}
  Move next(const History& h, Rng& /*rng*/) override {
    return cycle_[static_cast<std::size_t>(h.turns()) % cycle_.size()];
  }

 private:
  std::vector<Move> cycle_;
};

std::unique_ptr<Strategy> make_cycler_strategy(std::vector<Move> cycle) {
  return std::make_unique<Cycler>(std::move(cycle));
}
std::unique_ptr<Strategy> make_random_strategy(double p) { return std::make_unique<RandomMoves>(p); }

std::vector<Entry> basic_family() {
  std::vector<Entry> entries = {
      {{.name = "Cooperator",
        .memory_depth = 0,
        .family = "unconditional",
        .citation = kAxelrod1984,
        .description = "always cooperates"},
       factory<Constant>(kC)},
      {{.name = "Defector",
        .memory_depth = 0,
        .family = "unconditional",
        .citation = kAxelrod1984,
        .description = "always defects"},
       factory<Constant>(kD)},
      {{.name = "Alternator",
        .memory_depth = 1,
        .family = "unconditional",
        .citation = kAxelrod1984,
        .description = "cooperates, then alternates D and C"},
       factory<Alternator>()},
      {{.name = "Random",
        .memory_depth = 0,
        .stochastic = true,
        .family = "unconditional",
        .citation = kAxelrod1980,
        .description = "cooperates with probability 1/2 each turn"},
       factory<RandomMoves>(0.5)},
      {{.name = "Tricky Cooperator",
        .memory_depth = 10,
        .family = "unconditional",
        .citation = kAxelrodLibrary,
        .description = "cooperates, but defects after 3 turns while the opponent has not defected in its last 10"},
       factory<TrickyCooperator>()},
      {{.name = "Tricky Defector",
        .memory_depth = kUnboundedMemory,
        .family = "unconditional",
        .citation = kAxelrodLibrary,
        .description = "defects, but cooperates if a once-cooperative opponent defected on its last 3 moves"},
       factory<TrickyDefector>()},
      {{.name = "AntiCycler",
        .memory_depth = kUnboundedMemory,
        .family = "cycler",
        .citation = kAxelrodLibrary,
        .description = "C, D, D, then cycles C^k D of growing length k"},
       factory<AntiCycler>()},
  };
  for (const std::string pattern : {"DC", "CCD", "DDC", "CCCD", "CCCCCD", "CCCDCD"}) {
    std::vector<Move> cycle;
    for (const char c : pattern) cycle.push_back(*move_from_char(c));
    entries.push_back({cycler_info("Cycler " + pattern, pattern), factory<Cycler>(cycle)});
  }
  return entries;
}

}  // namespace detente::games::strategies
