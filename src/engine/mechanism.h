// The one narrow interface through which the engine composes the dynamics of a scenario. Each
// mechanism lives in a folder under engine/mechanisms/, registers itself by name with a phase
// (its place in a step), and talks to the others only through World.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/rng.h"
#include "engine/world.h"
#include "scenario/scenario.h"

namespace detente::engine {

class Mechanism {
 public:
  virtual ~Mechanism() = default;
  // Draws what is fixed for a run (types, uncertain ideals) and sets the initial state.
  virtual void start(World& world, Rng& rng) const = 0;
  // Advances one time step.
  virtual void step(World& world, Rng& rng) const = 0;
};

struct MechanismInfo {
  std::string name;
  int phase = 0;          // lower phases act first within a step
  std::string citation;   // the source of the mechanism's form, or "our form" (docs/models.md)
  // The run's random stream the mechanism draws from. Unset: 2 + its place in phase order among the
  // mechanisms without one (the first seven). A mechanism added later sets its own, so that its
  // arrival shifts no other mechanism's draws and every earlier figure stays the same.
  std::optional<std::uint64_t> stream;
  std::function<std::unique_ptr<Mechanism>(const scenario::Scenario&)> make;
};

class MechanismRegistry {
 public:
  static const MechanismRegistry& instance();
  [[nodiscard]] const std::map<std::string, MechanismInfo>& all() const { return mechanisms_; }
  static bool add(MechanismInfo info);

 private:
  static MechanismRegistry& mutable_instance();
  std::map<std::string, MechanismInfo> mechanisms_;
};

}  // namespace detente::engine

#ifndef DETENTE_CONCAT
#define DETENTE_CONCAT_INNER(a, b) a##b
#define DETENTE_CONCAT(a, b) DETENTE_CONCAT_INNER(a, b)
#endif
#define DETENTE_REGISTER_MECHANISM(make_info)                                    \
  namespace {                                                                    \
  [[maybe_unused]] const bool DETENTE_CONCAT(registered_mechanism_, __LINE__) = \
      ::detente::engine::MechanismRegistry::add(make_info());                    \
  }
