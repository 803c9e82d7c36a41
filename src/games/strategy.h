// The strategy interface, its metadata, and Player: a strategy as a value.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "core/rng.h"
#include "games/history.h"

namespace detente::games {

inline constexpr int kUnboundedMemory = -1;

// What the library knows about a strategy; the names, memory depths and
// stochastic flags follow the Axelrod library (Knight et al., Axelrod-Python 4.13.0).
struct StrategyInfo {
  std::string name;                     // "Tit For Tat"
  int memory_depth = kUnboundedMemory;  // turns of history the rule looks back over
  bool stochastic = false;
  bool uses_length = false;  // behaves differently when told the match length
  bool uses_game = false;    // reads the payoffs
  std::string family;        // "tit for tat", "grudger", ... for listings
  std::string citation;      // the publication the rule comes from
  std::string description;   // one line
};

// A decision rule. next() is called once per turn with the history so far and
// the player's own random stream; reset() returns the rule to its state before
// the first turn. Implementations keep all state in members reset() restores.
class Strategy {
 public:
  Strategy() = default;
  Strategy(const Strategy&) = default;
  Strategy& operator=(const Strategy&) = default;
  Strategy(Strategy&&) = default;
  Strategy& operator=(Strategy&&) = default;
  virtual ~Strategy() = default;

  [[nodiscard]] virtual Move next(const History& history, Rng& rng) = 0;
  virtual void reset() {}
  [[nodiscard]] virtual std::unique_ptr<Strategy> clone() const = 0;
};

// Implements clone() for a strategy class by copying it.
template <typename Derived>
class CloneableStrategy : public Strategy {
 public:
  [[nodiscard]] std::unique_ptr<Strategy> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

// A strategy with its metadata, copied by value (a copy is an independent
// player in the same state).
class Player {
 public:
  Player(std::shared_ptr<const StrategyInfo> info, std::unique_ptr<Strategy> strategy)
      : info_(std::move(info)), strategy_(std::move(strategy)) {}
  Player(const Player& other) : info_(other.info_), strategy_(other.strategy_->clone()) {}
  Player& operator=(const Player& other) {
    if (this != &other) {
      info_ = other.info_;
      strategy_ = other.strategy_->clone();
    }
    return *this;
  }
  Player(Player&&) noexcept = default;
  Player& operator=(Player&&) noexcept = default;
  ~Player() = default;

  [[nodiscard]] Move next(const History& history, Rng& rng) { return strategy_->next(history, rng); }
  void reset() { strategy_->reset(); }
  [[nodiscard]] const StrategyInfo& info() const { return *info_; }
  [[nodiscard]] const std::string& name() const { return info_->name; }

 private:
  std::shared_ptr<const StrategyInfo> info_;
  std::unique_ptr<Strategy> strategy_;
};

// Draws C with probability p, as the Axelrod library does: no random number
// is used when p is 0 or 1, so deterministic settings stay deterministic.
[[nodiscard]] inline Move random_choice(Rng& rng, double p) {
  if (p <= 0.0) return kD;
  if (p >= 1.0) return kC;
  return rng.uniform() < p ? kC : kD;
}

}  // namespace detente::games
