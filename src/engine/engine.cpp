#include "engine/engine.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace detente::engine {

MechanismRegistry& MechanismRegistry::mutable_instance() {
  static MechanismRegistry registry;
  return registry;
}
const MechanismRegistry& MechanismRegistry::instance() { return mutable_instance(); }
bool MechanismRegistry::add(MechanismInfo info) {
  const std::string name = info.name;
  return mutable_instance().mechanisms_.emplace(name, std::move(info)).second;
}

Engine::Engine(const scenario::Scenario& scenario) : scenario_(&scenario), sampler_(scenario) {
  std::vector<const MechanismInfo*> order;
  for (const auto& entry : MechanismRegistry::instance().all()) order.push_back(&entry.second);
  std::stable_sort(order.begin(), order.end(),
                   [](const MechanismInfo* a, const MechanismInfo* b) { return a->phase < b->phase; });
  std::uint64_t next_stream = 2;
  for (const MechanismInfo* info : order) {
    mechanisms_.push_back(info->make(scenario));
    streams_.push_back(info->stream ? *info->stream : next_stream++);
  }
  for (const auto& name : scenario.series) series_.push_back(compile_series(scenario, name));
  for (const Date& by : scenario.agreement_by) agreement_by_steps_.push_back(scenario.calendar.step_of(by));
}

Result<std::vector<std::size_t>> Engine::policy_indices(const std::vector<std::string>& names) const {
  std::vector<std::size_t> out;
  for (const auto& name : names) {
    const auto& policies = scenario_->policies;
    const auto found = std::find_if(policies.begin(), policies.end(), [&name](const auto& p) { return p.id == name; });
    if (found == policies.end()) {
      std::string known;
      for (const auto& p : policies) known += (known.empty() ? "" : ", ") + p.id;
      return Error{.file = scenario_->file,
                   .field = "--policy",
                   .problem = "the scenario has no policy '" + name + "'",
                   .fix = known.empty() ? "the scenario defines no [[policies]]" : "use one of: " + known};
    }
    out.push_back(static_cast<std::size_t>(found - policies.begin()));
  }
  return out;
}

namespace {
// Random streams of a run: one for the parameters, one for policy values, one per mechanism, so
// that switching a policy on does not shift the draws of anything it does not touch (common random
// numbers for paired policy comparisons).
constexpr std::uint64_t kStreamsPerRun = 64;
std::uint64_t stream(std::uint64_t run, std::uint64_t k) { return run * kStreamsPerRun + k; }
}  // namespace

std::uint64_t run_stream(std::uint64_t run, std::uint64_t k) { return stream(run, k); }

// Every front end that runs a scenario by (seed, run) draws through the engine's one sampler
// (the ensembles call sampler() and pass the values), so none can forget the correlations.
Result<RunResult> Engine::run(const RunOptions& options) const {
  if (!options.sample) return run(options, scenario_->params.central_values());
  std::vector<double> parameters;
  sampler_.draw(options.seed, options.run, parameters);
  return run(options, std::move(parameters));
}

namespace {

void apply_policy(World& world, const scenario::Policy& policy, Rng& rng) {
  for (const auto& change : policy.changes) world.p[change.parameter] = change.value.sample(rng);
  world.note("policy '" + policy.id + "' takes effect" + (policy.description.empty() ? "" : ": " + policy.description));
}

}  // namespace

Result<RunResult> Engine::run(const RunOptions& options, std::vector<double> parameters) const {
  const scenario::Scenario& s = *scenario_;
  auto policies = policy_indices(options.policies);
  if (!policies) return policies.error();
  Rng policy_rng(options.seed, stream(options.run, 1));
  std::vector<Rng> rngs;
  for (std::size_t m = 0; m < mechanisms_.size(); ++m)
    rngs.emplace_back(options.seed, stream(options.run, streams_[m]));

  World world;
  world.scenario = &s;
  world.p = std::move(parameters);
  world.narrate = options.narrate;
  world.moves.resize(s.arenas.size());
  for (std::size_t a = 0; a < s.arenas.size(); ++a) world.moves[a].assign(s.arenas[a].players.size(), ArenaMove{});
  world.previous_moves = world.moves;
  world.mutual_cooperation_steps.assign(s.arenas.size(), 0);
  world.signals.assign(s.arenas.size(), SignalTally{});
  for (const std::size_t p : *policies) {
    if (s.policies[p].start_step <= 0) apply_policy(world, s.policies[p], policy_rng);
  }
  for (std::size_t m = 0; m < mechanisms_.size(); ++m) mechanisms_[m]->start(world, rngs[m]);

  RunResult result;
  result.series_names = s.series;
  result.series.assign(s.series.size(), {});
  const int steps = s.calendar.steps();
  for (auto& series : result.series) series.reserve(static_cast<std::size_t>(steps) + 1);
  const auto record = [&] {
    for (std::size_t k = 0; k < series_.size(); ++k) result.series[k].push_back(series_value(world, series_[k]));
  };
  record();
  RunOutcome& out = result.outcome;
  out.first_cooperation_step.assign(s.arenas.size(), -1);
  out.closed_by.assign(agreement_by_steps_.size(), 0);
  out.position_gap_by.assign(agreement_by_steps_.size(), std::numeric_limits<double>::quiet_NaN());
  for (world.step = 1; world.step <= steps; ++world.step) {
    for (const std::size_t p : *policies) {
      if (s.policies[p].start_step == world.step) apply_policy(world, s.policies[p], policy_rng);
    }
    for (std::size_t m = 0; m < mechanisms_.size(); ++m) mechanisms_[m]->step(world, rngs[m]);
    for (std::size_t a = 0; a < s.arenas.size(); ++a) {
      if (out.first_cooperation_step[a] < 0 && world.mutual_cooperation_steps[a] > 0) out.first_cooperation_step[a] = world.step;
    }
    for (std::size_t k = 0; k < agreement_by_steps_.size(); ++k) {
      // Gates evaluated this step and no agreement: a deadline later in the step may still end the talks.
      if (agreement_by_steps_[k] != world.step || world.agreed || world.gates.step != world.step) continue;
      out.closed_by[k] = world.gates.closed;
      out.position_gap_by[k] = world.gates.position_gap;
    }
    record();
  }

  out.agreed = world.agreed;
  out.agreement_step = world.agreement_step;
  out.terms = world.terms;
  if (world.agreed) out.agreement_date = to_string(s.calendar.date_of(world.agreement_step));
  out.broken_down = world.broken_down;
  out.breakdown_step = world.breakdown_step;
  if (world.broken_down) out.breakdown_date = to_string(s.calendar.date_of(world.breakdown_step));
  out.extensions = world.missed_deadlines - (world.broken_down && world.missed_deadlines > 0 ? 1 : 0);
  for (const int by : agreement_by_steps_) {
    out.agreement_by.push_back(world.agreed && world.agreement_step <= by);  // the deadlines' rule
  }
  out.final_threat = world.threat;
  out.peak_threat = world.threat_peak;
  for (const double cost : world.threat_cost) out.total_threat_cost += cost;
  const std::size_t lead0 = s.sides[0].members.front();
  const std::size_t lead1 = s.sides[1].members.front();
  out.final_trust = {world.belief(lead0, lead1).trustworthy(0), world.belief(lead1, lead0).trustworthy(0)};
  out.signals = world.signals;
  result.trustworthy = world.trustworthy;
  result.events = std::move(world.events);
  result.parameters = std::move(world.p);
  return result;
}

SeriesAccessor compile_series(const scenario::Scenario& s, const std::string& name) {
  if (name == "threat") return SeriesAccessor{.kind = SeriesAccessor::Kind::kThreat};
  if (name == "distance") return SeriesAccessor{.kind = SeriesAccessor::Kind::kDistance};
  std::vector<std::string> parts;
  std::stringstream ss(name);
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  if (parts[0] == "trust") {
    return SeriesAccessor{.kind = SeriesAccessor::Kind::kTrust,
                          .observer = *s.actor_index(parts[1]),
                          .target = *s.actor_index(parts[2]),
                          .dimension = parts[3] == s.trust_dimensions[0] ? 0 : 1};
  }
  // position.ACTOR.ISSUE
  const std::size_t a = *s.actor_index(parts[1]);
  const auto negotiator = std::find(s.negotiators.begin(), s.negotiators.end(), a);
  int issue = 0;
  while (s.issues[static_cast<std::size_t>(issue)].id != parts[2]) ++issue;
  return SeriesAccessor{.kind = SeriesAccessor::Kind::kPosition,
                        .observer = negotiator == s.negotiators.end()
                                        ? static_cast<std::size_t>(-1)
                                        : static_cast<std::size_t>(negotiator - s.negotiators.begin()),
                        .dimension = issue};
}

double series_value(const World& world, const SeriesAccessor& series) {
  const scenario::Scenario& s = *world.scenario;
  switch (series.kind) {
    case SeriesAccessor::Kind::kThreat:
      return world.threat;
    case SeriesAccessor::Kind::kDistance: {
      // Distance between the two sides' leads, as a share of the scales (salience-free).
      const auto lead = [&](std::size_t side) {
        const auto a = s.sides[side].members.front();
        return static_cast<std::size_t>(std::find(s.negotiators.begin(), s.negotiators.end(), a) -
                                        s.negotiators.begin());
      };
      double sum = 0.0;
      for (std::size_t d = 0; d < s.issues.size(); ++d) {
        const double gap = (world.positions[lead(0)][d] - world.positions[lead(1)][d]) / s.issues[d].scale.width();
        sum += gap * gap;
      }
      return std::sqrt(sum / static_cast<double>(s.issues.size()));
    }
    case SeriesAccessor::Kind::kTrust:
      return world.belief(series.observer, series.target).trustworthy(series.dimension);
    case SeriesAccessor::Kind::kPosition:
      if (series.observer == static_cast<std::size_t>(-1)) return 0.0;
      return world.positions[series.observer][static_cast<std::size_t>(series.dimension)];
  }
  return 0.0;
}

double series_value(const World& world, const std::string& name) {
  return series_value(world, compile_series(*world.scenario, name));
}

}  // namespace detente::engine
