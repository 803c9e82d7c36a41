// Memory-one rules: the move depends only on the last round. Win-Stay
// Lose-Shift, Generous Tit For Tat, the zero-determinant strategies of Press &
// Dyson (2012) and other reactive and stochastic rules.
#include <optional>

#include "games/strategies/common.h"

namespace detente::games::strategies {
namespace {

// Nowak & Sigmund (1992), Nature 355: the largest forgiveness with which
// Generous Tit For Tat still resists invasion, q* = min(1 - (T-R)/(R-S), (R-P)/(T-P)).
double generous_forgiveness(const SymmetricPayoffs& g) {
  return std::min(1 - (g.T - g.R) / (g.R - g.S), (g.R - g.P) / (g.T - g.P));
}

class GenerousTitForTat : public CloneableStrategy<GenerousTitForTat> {
 public:
  explicit GenerousTitForTat(std::optional<double> forgiveness) : forgiveness_(forgiveness) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    if (h.opponent_back(1) == kC) return kC;
    return random_choice(rng, forgiveness_ ? *forgiveness_ : generous_forgiveness(h.payoffs()));
  }

 private:
  std::optional<double> forgiveness_;
};

// Press & Dyson (2012), PNAS 109(26); Stewart & Plotkin (2012), PNAS 109(26):
// the memory-one strategy enforcing the linear relation
// s_opponent - l = s (s_own - l) with scale phi, written as in the Axelrod
// library's LRPlayer. `baseline` picks l: a number, or the game's R or P.
struct ZeroDeterminant {
  double phi = 0.0;
  double s = 0.0;
  double l = 1.0;
  enum class Baseline { kFixed, kReward, kPunishment } baseline = Baseline::kFixed;
};

class ZeroDeterminantStrategy : public CloneableStrategy<ZeroDeterminantStrategy> {
 public:
  explicit ZeroDeterminantStrategy(ZeroDeterminant zd) : zd_(zd) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return kC;
    const SymmetricPayoffs g = h.payoffs();
    const double l = zd_.baseline == ZeroDeterminant::Baseline::kReward       ? g.R
                     : zd_.baseline == ZeroDeterminant::Baseline::kPunishment ? g.P
                                                                              : zd_.l;
    const double phi = zd_.phi;
    const double s = zd_.s;
    const std::array<double, 4> p = {1 - phi * (1 - s) * (g.R - l), 1 - phi * (s * (l - g.S) + (g.T - l)),
                                     phi * (l - g.S + s * (g.T - l)), phi * (1 - s) * (l - g.P)};
    return random_choice(rng, p[2 * index(h.self_back(1)) + index(h.opponent_back(1))]);
  }

 private:
  ZeroDeterminant zd_;
};

// A random first move with probability `first`, then a deterministic memory-one rule.
class RandomStartMemoryOne : public CloneableStrategy<RandomStartMemoryOne> {
 public:
  RandomStartMemoryOne(double first, const std::array<Move, 4>& after) : first_(first), after_(after) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return random_choice(rng, first_);
    return after_[2 * index(h.self_back(1)) + index(h.opponent_back(1))];
  }

 private:
  double first_;
  std::array<Move, 4> after_;
};

// Cooperates with the opponent's cooperation rate so far (the first move at random or C).
class AverageCopier : public CloneableStrategy<AverageCopier> {
 public:
  explicit AverageCopier(bool nice) : nice_(nice) {}
  Move next(const History& h, Rng& rng) override {
    if (h.empty()) return nice_ ? kC : random_choice(rng, 0.5);
    return random_choice(rng, static_cast<double>(h.opponent_cooperations()) / h.turns());
  }

 private:
  bool nice_;
};

StrategyInfo info(std::string name, std::string citation, std::string description, bool stochastic = true,
                  bool uses_game = false) {
  return {.name = std::move(name),
          .memory_depth = 1,
          .stochastic = stochastic,
          .uses_game = uses_game,
          .family = "memory one",
          .citation = std::move(citation),
          .description = std::move(description)};
}

Entry zd_entry(std::string name, ZeroDeterminant zd, std::string citation) {
  std::string description =
      "zero-determinant strategy, phi = " + std::to_string(zd.phi) + ", s = " + std::to_string(zd.s);
  return {info(std::move(name), std::move(citation), std::move(description), true, true),
          factory<ZeroDeterminantStrategy>(zd)};
}

}  // namespace

std::unique_ptr<Strategy> make_gtft_strategy(std::optional<double> forgiveness) {
  return std::make_unique<GenerousTitForTat>(forgiveness);
}

std::vector<Entry> memory_one_family() {
  const std::string press_dyson = "Press & Dyson (2012), PNAS 109(26)";
  const std::string stewart_plotkin = "Stewart & Plotkin (2012), PNAS 109(26)";
  using B = ZeroDeterminant::Baseline;
  constexpr std::array<double, 4> kWsls = {1, 0, 0, 1};
  std::vector<Entry> entries = {
      {info("Win-Stay Lose-Shift", "Nowak & Sigmund (1993), Nature 364",
            "repeats its move after R or T, switches after S or P (Pavlov)", false),
       factory<MemoryOneStrategy>(kC, kWsls)},
      {info("Win-Shift Lose-Stay", "Li et al. (2014), as in the Axelrod library",
            "defects first; switches after R or T, repeats after S or P", false),
       factory<MemoryOneStrategy>(kD, std::array<double, 4>{0, 1, 1, 0})},
      {info("GTFT", "Nowak & Sigmund (1992), Nature 355",
            "Generous Tit For Tat: forgives a defection with probability q* = min(1-(T-R)/(R-S), (R-P)/(T-P))", true,
            true),
       factory<GenerousTitForTat>(std::nullopt)},
      {info("Firm But Fair", "Frean (1994), Proc. R. Soc. B 257",
            "cooperates after CC and DC, never after CD, with probability 2/3 after DD"),
       factory<MemoryOneStrategy>(kC, std::array<double, 4>{1, 0, 1, 2.0 / 3})},
      {info("Stochastic Cooperator", "Adami & Hintze (2013), Nature Communications 4",
            "memory-one (0.935, 0.229, 0.266, 0.42)"),
       factory<MemoryOneStrategy>(kC, std::array<double, 4>{0.935, 0.229, 0.266, 0.42})},
      {info("Stochastic WSLS", kAxelrodLibrary, "Win-Stay Lose-Shift that errs with probability 0.05"),
       factory<MemoryOneStrategy>(kC, std::array<double, 4>{1.0 - 0.05, 0.05, 0.05, 1.0 - 0.05})},
      {info("Soft Joss", "Prison repository (1998), as in the Axelrod library",
            "Tit For Tat that forgives a defection with probability 0.1"),
       factory<MemoryOneStrategy>(kC, std::array<double, 4>{1.0, 1 - 0.9, 1, 1 - 0.9})},
      {info("ALLCorALLD", kAxelrodLibrary, "cooperates first with probability 0.6, then repeats its first move"),
       factory<RandomStartMemoryOne>(0.6, std::array<Move, 4>{kC, kC, kD, kD})},
      zd_entry("ZD-GTFT-2", {.phi = 0.25, .s = 0.5, .baseline = B::kReward}, stewart_plotkin),
      zd_entry("ZD-Extort-2", {.phi = 1.0 / 9, .s = 0.5, .baseline = B::kPunishment}, stewart_plotkin),
      zd_entry("ZD-Extortion", {.phi = 0.2, .s = 0.1, .l = 1}, press_dyson),
      zd_entry("ZD-Extort-2 v2", {.phi = 1.0 / 8, .s = 0.5, .l = 1}, stewart_plotkin),
      zd_entry("ZD-Extort3", {.phi = 3.0 / 26, .s = 1.0 / 3, .l = 1}, stewart_plotkin),
      zd_entry("ZD-Extort-4", {.phi = 4.0 / 17, .s = 0.25, .l = 1}, press_dyson),
      zd_entry("ZD-GEN-2", {.phi = 1.0 / 8, .s = 0.5, .l = 3}, stewart_plotkin),
      zd_entry("ZD-Mischief", {.phi = 0.1, .s = 0.0, .l = 1}, press_dyson),
      zd_entry("ZD-SET-2", {.phi = 0.25, .s = 0.0, .l = 2}, press_dyson),
      {info("Desperate", "Hilbe, Nowak & Sigmund (2013), PNAS 110(17)",
            "random first move; cooperates only after mutual defection"),
       factory<RandomStartMemoryOne>(0.5, std::array<Move, 4>{kD, kD, kD, kC})},
      {info("Hopeless", "Hilbe, Nowak & Sigmund (2013), PNAS 110(17)",
            "random first move; defects only after mutual cooperation"),
       factory<RandomStartMemoryOne>(0.5, std::array<Move, 4>{kD, kC, kC, kC})},
      {info("Willing", "Hilbe, Nowak & Sigmund (2013), PNAS 110(17)",
            "random first move; defects only after mutual defection"),
       factory<RandomStartMemoryOne>(0.5, std::array<Move, 4>{kC, kC, kC, kD})},
      {info("Negation", "Prison repository (1998), as in the Axelrod library",
            "random first move, then the opposite of the opponent's last move"),
       factory<RandomStartMemoryOne>(0.5, std::array<Move, 4>{kD, kC, kD, kC})},
      {info("Average Copier", "Prison repository (1998), as in the Axelrod library",
            "cooperates with the opponent's cooperation rate (first move at random)"),
       factory<AverageCopier>(false)},
      {info("Nice Average Copier", "Prison repository (1998), as in the Axelrod library",
            "cooperates first, then with the opponent's cooperation rate"),
       factory<AverageCopier>(true)},
  };
  for (auto& e : entries) {
    if (e.info.name == "Average Copier" || e.info.name == "Nice Average Copier") e.info.memory_depth = kUnboundedMemory;
  }
  return entries;
}

}  // namespace detente::games::strategies
