#include "engine/mechanisms/threat/threat.h"

#include <cmath>
#include <string>

#include "engine/mechanism.h"

namespace detente::engine {

double advance_threat(double theta, double growth, double capacity, double reduction, double dt) {
  if (theta <= 0.0) return 0.0;
  const double r = growth - reduction;   // net rate: dθ/dt = rθ − (g/K)θ²
  const double a = growth / capacity;
  if (std::abs(r) < 1e-15) return theta / (1.0 + a * theta * dt);
  const double e = std::exp(r * dt);
  return r * theta * e / (r + a * theta * (e - 1.0));
}

double logistic(double theta0, double growth, double capacity, double t) {
  return capacity / (1.0 + (capacity - theta0) / theta0 * std::exp(-growth * t));
}

namespace {

class ThreatMechanism final : public Mechanism {
 public:
  explicit ThreatMechanism(const scenario::Scenario& s)
      : initial_(s.params.index("threat.initial")),
        capacity_(s.params.index("threat.capacity")),
        growth_(s.params.index("threat.growth")) {
    for (const auto& actor : s.actors) cost_.push_back(s.params.index("actors." + actor + ".threat_cost"));
  }

  void start(World& world, Rng& /*rng*/) const override {
    world.threat = world.p[initial_];
    world.threat_peak = world.threat;
    world.threat_cost.assign(cost_.size(), 0.0);
  }

  void step(World& world, Rng& /*rng*/) const override {
    const double weeks = 1.0 / world.scenario->calendar.steps_per_week();
    const double before = world.threat;
    world.threat = advance_threat(world.threat, world.p[growth_], world.p[capacity_], world.reduction_rate, weeks);
    world.threat_peak = std::max(world.threat_peak, world.threat);
    for (std::size_t a = 0; a < cost_.size(); ++a) world.threat_cost[a] += world.p[cost_[a]] * world.threat * weeks;
    const double share = world.threat / world.p[capacity_];
    for (const double mark : {0.5, 0.75, 0.25}) {
      if ((before / world.p[capacity_] < mark) != (share < mark)) {
        world.note("the threat " + std::string(share > before / world.p[capacity_] ? "rises past " : "falls below ") +
                   std::to_string(static_cast<int>(mark * 100)) + "% of its capacity");
      }
    }
  }

 private:
  std::size_t initial_, capacity_, growth_;
  std::vector<std::size_t> cost_;
};

MechanismInfo threat_info() {
  return MechanismInfo{
      .name = "threat",
      .phase = 30,
      .citation = "our form: logistic growth (Verhulst 1838) less a contribution-driven reduction",
      .make = [](const scenario::Scenario& s) { return std::make_unique<ThreatMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::threat_info)
