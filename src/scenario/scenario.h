// A scenario as an analyst writes it (docs/scenario.md): its structure — actors, issues, arenas,
// veto players, deadlines, policies — and every number in it as a named parameter that may be a
// distribution. Parsed and validated once at the boundary (load_scenario); read-only after.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/distribution.h"
#include "core/error.h"
#include "core/stakeholders.h"

namespace detente::scenario {

// Every number of a scenario, addressed by a dotted path such as "threat.growth" or
// "issues.relief.positions.Iran". Dates are stored as step indices of the calendar.
struct Parameter {
  std::string path;
  Distribution value;
  int line = 0;  // where it was written; 0 for an implicit default
};

class ParameterTable {
 public:
  // Adds a parameter or replaces its value; returns its index.
  std::size_t set(const std::string& path, Distribution value, int line);
  [[nodiscard]] std::optional<std::size_t> find(const std::string& path) const;
  [[nodiscard]] std::size_t index(const std::string& path) const;  // must exist
  [[nodiscard]] const std::vector<Parameter>& all() const { return params_; }
  [[nodiscard]] std::size_t size() const { return params_.size(); }
  // Every parameter at its central value: a single deterministic reading of the scenario.
  [[nodiscard]] std::vector<double> central_values() const;

 private:
  std::vector<Parameter> params_;
  std::unordered_map<std::string, std::size_t> index_;
};

enum class StepUnit { kDay, kWeek, kMonth };

// Step k covers the dates after date_of(k - 1) up to and including date_of(k); step 0 is the start.
// Every date in a scenario (deadline, policy start, agreement_by) means the step that contains it.
struct Calendar {
  Date start;
  StepUnit unit = StepUnit::kWeek;
  Date horizon;
  [[nodiscard]] int steps() const;  // steps from start to horizon
  [[nodiscard]] Date date_of(int step) const;
  [[nodiscard]] int step_of(Date date) const;  // the step containing `date`: first on or after it
  [[nodiscard]] bool is_by(int step, Date date) const { return step <= step_of(date); }
  [[nodiscard]] double steps_per_week() const;
};

struct Issue {
  std::string id;
  Scale scale;
  std::string model;  // a registered bargaining model name, for the focal proposal
  int line = 0;
};

// [negotiation].protocol: how the talks make offers (docs/models.md §negotiation, §alternating offers).
enum class Protocol { kDrift, kAlternatingOffers };
struct ProtocolName {
  const char* name;
  Protocol protocol;
};
inline constexpr std::array<ProtocolName, 2> kProtocols = {
    {{"drift", Protocol::kDrift}, {"alternating_offers", Protocol::kAlternatingOffers}}};

struct Side {
  std::string id;
  std::vector<std::size_t> members;  // actor indices
};

// The engine tracks which veto players would block (one bit each in engine::Gates).
inline constexpr std::size_t kMaxVetoPlayers = 24;

struct VetoPlayer {
  std::string id;
  std::size_t side = 0;
  std::optional<std::size_t> pressure_actor;  // spoiler whose lobbying shifts the ideal
  std::optional<std::size_t> pressure_arena;
  int line = 0;
};

enum class ArenaKind { kCampaign, kCoordination, kRepeated };

struct Arena {
  std::string id;
  ArenaKind kind = ArenaKind::kCampaign;
  std::vector<std::size_t> players;
  // kCampaign: the capability kinds each player is willing to commit (by player index).
  std::map<std::size_t, std::vector<std::size_t>> commits;
  // kRepeated: each player's strategy by type (trustworthy, untrustworthy), names from the
  // repeated-games registry, and the trust dimension whose type selects it.
  std::map<std::size_t, std::array<std::string, 2>> strategies;
  std::size_t type_dimension = 1;
  int line = 0;
  // Coordination and repeated-game arenas have two players whose mutual cooperation is recorded.
  [[nodiscard]] bool records_cooperation() const { return kind != ArenaKind::kCampaign; }
};

struct Link {
  std::size_t arena = 0;
  std::size_t dimension = 0;  // the trust dimension its observations update
  bool punish = false;        // a defection here is answered with defection in every linked arena
  int line = 0;
};

struct Deadline {
  Date date;
  int step = 0;
  std::string key;  // parameter prefix "deadlines.YYYY-MM-DD"
  std::optional<Date> announced;  // when the deadline was set (required with [scenario].as_of)
  bool hypothetical = false;      // not known at as_of: a counterfactual, flagged by backtests
  bool extendable = false;        // has key + ".extension_weeks": each extension sets a new deadline
  int line = 0;
};

struct PolicyChange {
  std::size_t parameter = 0;
  Distribution value;
};

struct Policy {
  std::string id;
  std::string description;
  Date start;
  int start_step = 0;
  std::vector<PolicyChange> changes;
  int line = 0;
};

// A correlation between two uncertain parameters, applied through a Gaussian copula
// (docs/uncertainty.md): rho is the correlation of the normal scores of the two draws.
struct Correlation {
  std::size_t a = 0;
  std::size_t b = 0;
  double rho = 0.0;
  int line = 0;
};

// The lower Cholesky factor of the correlation matrix of the correlated parameters, in the order
// of `parameters`; empty `parameters` when the scenario declares no correlation.
struct CorrelationFactor {
  std::vector<std::size_t> parameters;
  std::vector<double> lower;  // row-major n × n
};
// Fails when the declared correlations do not form a positive-definite matrix.
[[nodiscard]] std::optional<CorrelationFactor> correlation_factor(const std::vector<Correlation>& correlations);

struct Scenario {
  std::string file;
  std::string text;  // the file as read, for the results database
  std::string name;
  std::string description;
  // The information cut-off: nothing in the scenario may be dated after it unless marked
  // hypothetical (docs/scenario.md, "What was known when"). Backtests forecast from this date.
  std::optional<Date> as_of;
  int as_of_line = 0;
  Calendar calendar;
  std::vector<std::string> actors;
  std::vector<std::string> capability_kinds;
  std::vector<Issue> issues;
  std::vector<std::size_t> negotiators;  // actors with positions on the issues
  std::vector<Side> sides;
  Protocol protocol = Protocol::kDrift;
  std::size_t first_proposer = 0;  // the side that makes the offer of step 1 (alternating offers)
  std::vector<VetoPlayer> veto_players;
  std::vector<std::string> trust_dimensions;
  std::vector<Arena> arenas;
  std::vector<Link> links;
  std::vector<Deadline> deadlines;
  std::vector<Policy> policies;
  std::vector<Date> agreement_by;
  std::vector<std::string> series;
  std::vector<Correlation> correlations;  // [uncertainty].correlations
  ParameterTable params;

  [[nodiscard]] std::optional<std::size_t> actor_index(const std::string& id) const;
  [[nodiscard]] const Policy* policy(const std::string& id) const;
};

// Reads and validates a scenario file; every problem names the file, line and field.
[[nodiscard]] Result<Scenario> load_scenario(const std::string& path);
[[nodiscard]] Result<Scenario> parse_scenario(std::string_view text, const std::string& file);

}  // namespace detente::scenario
