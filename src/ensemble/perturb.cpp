#include "ensemble/perturb.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace detente::ensemble {
namespace {

constexpr const char* kSpecExample = "position.Germany=normal(5)";

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string number_text(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

Error spec_error(const std::string& spec, const std::string& problem, const std::string& fix) {
  return Error{.field = "--perturb", .problem = "in '" + spec + "': " + problem, .fix = fix};
}

// Names for a message: all of them when few, else the first ones and a count.
std::string name_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 12;
  std::string out;
  for (std::size_t i = 0; i < std::min(names.size(), kShown); ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > kShown) out += " (and " + std::to_string(names.size() - kShown) + " more)";
  return out;
}

std::vector<std::string> issue_names(const StakeholderProblem& problem) {
  std::vector<std::string> names;
  for (const auto& issue : problem.issues) names.push_back(issue.name);
  return names;
}

std::optional<std::size_t> index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

Result<PerturbField> parse_field(const std::string& spec, const std::string& text) {
  const std::string name = lower(trim(text));
  if (name == "position") return PerturbField::kPosition;
  if (name == "salience") return PerturbField::kSalience;
  if (name == "capability") return PerturbField::kCapability;
  return spec_error(spec, "unknown field '" + trim(text) + "'; expected position, salience or capability",
                    "write FIELD[.ACTOR[.ISSUE]]=DIST, for example " + std::string(kSpecExample));
}

// "ACTOR" or "ACTOR.ISSUE"; names may themselves contain dots, so every split is tried against the
// table's names ('*' stands for every actor).
Result<bool> parse_target(const std::string& spec, const std::string& target, const StakeholderProblem& problem,
                          PerturbSpec& out) {
  const auto actor_of = [&](const std::string& name) -> std::optional<std::optional<std::size_t>> {
    if (name == "*") return std::optional<std::size_t>{};
    if (const auto a = index_of(problem.actors, name)) return std::optional<std::size_t>{*a};
    return std::nullopt;
  };
  if (const auto actor = actor_of(target)) {
    out.actor = *actor;
    return true;
  }
  const auto issues = issue_names(problem);
  for (auto dot = target.find('.'); dot != std::string::npos; dot = target.find('.', dot + 1)) {
    const auto actor = actor_of(target.substr(0, dot));
    const auto issue = index_of(issues, target.substr(dot + 1));
    if (actor && issue) {
      out.actor = *actor;
      out.issue = *issue;
      return true;
    }
  }
  const std::string first = target.substr(0, target.find('.'));
  if (!actor_of(first) && !actor_of(target)) {
    return spec_error(spec, "no actor named '" + first + "' in " + problem.source,
                      "use an actor of the table (" + name_list(problem.actors) + ") or * for every actor");
  }
  return spec_error(spec, "no issue named '" + target.substr(target.find('.') + 1) + "' in " + problem.source,
                    "use an issue of the table (" + name_list(issues) + "), or leave the issue out for every issue");
}

Result<Noise> parse_noise(const std::string& spec, const std::string& text, PerturbField field) {
  const std::string dist = lower(trim(text));
  const std::string expected =
      "expected none, normal(SD), uniform(HALF_WIDTH), triangular(HALF_WIDTH) or lognormal(SIGMA)";
  if (dist == "none") return Noise{};
  const auto open = dist.find('(');
  if (open == std::string::npos || dist.back() != ')') {
    return spec_error(spec, "the distribution '" + trim(text) + "' is not understood; " + expected,
                      "write for example " + std::string(kSpecExample));
  }
  const std::string name = trim(dist.substr(0, open));
  static const std::map<std::string, Noise::Kind> kKinds = {{"normal", Noise::Kind::kNormal},
                                                            {"uniform", Noise::Kind::kUniform},
                                                            {"triangular", Noise::Kind::kTriangular},
                                                            {"lognormal", Noise::Kind::kLognormal}};
  const auto kind = kKinds.find(name);
  if (kind == kKinds.end()) {
    return spec_error(spec, "unknown distribution '" + name + "'; " + expected,
                      "write for example " + std::string(kSpecExample));
  }
  Noise noise{.kind = kind->second};
  std::string argument = trim(dist.substr(open + 1, dist.size() - open - 2));
  if (!argument.empty() && argument.back() == '%') {
    noise.percent = true;
    argument = trim(argument.substr(0, argument.size() - 1));
  }
  char* end = nullptr;
  noise.size = std::strtod(argument.c_str(), &end);
  const bool parsed = !argument.empty() && end == argument.c_str() + argument.size() &&
                      argument.find_first_of("xXnN") == std::string::npos;  // no hex, nan or inf
  if (!parsed || !std::isfinite(noise.size) || noise.size <= 0) {
    return spec_error(spec, name + " takes one number above 0 (its size), found '" + argument + "'",
                      "write for example " + name + "(5); use none to switch the noise off");
  }
  if (noise.kind == Noise::Kind::kLognormal && field == PerturbField::kPosition) {
    return spec_error(spec, "lognormal is multiplicative noise, which a position (a point on a scale) cannot take",
                      "give positions additive noise: normal(SD), uniform(HALF_WIDTH) or triangular(HALF_WIDTH)");
  }
  if (noise.percent && (noise.kind == Noise::Kind::kLognormal || field == PerturbField::kCapability)) {
    return spec_error(spec, "a percentage applies to positions and saliences (of the scale's width)",
                      field == PerturbField::kCapability
                          ? "for relative noise on capability write lognormal(0.2) (about ±20%)"
                          : "give lognormal the sd of the logarithm, e.g. lognormal(0.2) (about ±20%)");
  }
  return noise;
}

double triangular_cdf(double x, double lo, double mode, double hi) {
  if (x <= lo) return 0.0;
  if (x >= hi) return 1.0;
  if (x <= mode) return (x - lo) * (x - lo) / ((hi - lo) * (mode - lo));
  return 1.0 - (hi - x) * (hi - x) / ((hi - lo) * (hi - mode));
}

// The range a field's values keep to.
std::pair<double, double> range_of(const Issue& issue, PerturbField field) {
  switch (field) {
    case PerturbField::kPosition:
      return {issue.scale.lo, issue.scale.hi};
    case PerturbField::kSalience:
      return {0.0, 1.0};
    case PerturbField::kCapability:
      return {0.0, 1e300};
  }
  return {0.0, 0.0};
}

// The truncated distribution of one value, or nothing when it cannot move.
std::optional<PerturbedValue> truncated(double x, double lo, double hi, const Noise& noise, double percent_of) {
  const double size = noise.percent ? noise.size * percent_of / 100.0 : noise.size;
  if (noise.kind == Noise::Kind::kNone || !(size > 0) || !(hi > lo)) return std::nullopt;
  PerturbedValue v{.lo = lo, .hi = hi};
  switch (noise.kind) {
    case Noise::Kind::kNone:
      return std::nullopt;
    case Noise::Kind::kNormal:
      v.distribution = Distribution{.kind = Distribution::Kind::kNormal, .a = x, .b = size, .lo = lo, .hi = hi};
      break;
    case Noise::Kind::kUniform:
      v.distribution =
          Distribution{.kind = Distribution::Kind::kUniform, .a = std::max(lo, x - size), .b = std::min(hi, x + size)};
      break;
    case Noise::Kind::kTriangular:
      v.distribution = Distribution{.kind = Distribution::Kind::kTriangular, .a = x - size, .b = x + size, .c = x};
      v.u_lo = triangular_cdf(std::max(lo, x - size), x - size, x, x + size);
      v.u_hi = triangular_cdf(std::min(hi, x + size), x - size, x, x + size);
      break;
    case Noise::Kind::kLognormal:
      if (!(x > 0)) return std::nullopt;  // a multiple of 0 stays 0
      v.distribution =
          Distribution{.kind = Distribution::Kind::kLognormal, .a = std::log(x), .b = size, .lo = lo, .hi = hi};
      break;
  }
  return v;
}

double value_of(const Stake& stake, PerturbField field) {
  switch (field) {
    case PerturbField::kPosition:
      return stake.position;
    case PerturbField::kSalience:
      return stake.salience;
    case PerturbField::kCapability:
      return stake.capability;
  }
  return 0.0;
}

double sd_of(const Stake& stake, PerturbField field) {
  switch (field) {
    case PerturbField::kPosition:
      return stake.position_sd;
    case PerturbField::kSalience:
      return stake.salience_sd;
    case PerturbField::kCapability:
      return stake.capability_sd;
  }
  return 0.0;
}

double& slot(Stake& stake, PerturbField field) {
  switch (field) {
    case PerturbField::kPosition:
      return stake.position;
    case PerturbField::kSalience:
      return stake.salience;
    case PerturbField::kCapability:
      break;
  }
  return stake.capability;
}

// The most specific spec for this stake and field (the later among equals), if any.
const PerturbSpec* spec_for(std::span<const PerturbSpec> specs, PerturbField field, std::size_t actor,
                            std::size_t issue) {
  const PerturbSpec* best = nullptr;
  for (const auto& spec : specs) {
    if (spec.field != field || (spec.actor && *spec.actor != actor) || (spec.issue && *spec.issue != issue)) continue;
    if (best == nullptr || spec.specificity() >= best->specificity()) best = &spec;
  }
  return best;
}

}  // namespace

const char* field_name(PerturbField field) {
  switch (field) {
    case PerturbField::kPosition:
      return "position";
    case PerturbField::kSalience:
      return "salience";
    case PerturbField::kCapability:
      return "capability";
  }
  return "";
}

std::string Noise::describe() const {
  static const char* kNames[] = {"none", "normal", "uniform", "triangular", "lognormal"};
  const char* name = kNames[static_cast<int>(kind)];
  if (kind == Kind::kNone) return name;
  return std::string(name) + "(" + number_text(size) + (percent ? "%" : "") + ")";
}

Result<PerturbSpec> parse_perturb_spec(const std::string& text, const StakeholderProblem& problem) {
  const auto eq = text.rfind('=');
  if (eq == std::string::npos) {
    return spec_error(text, "expected FIELD[.ACTOR[.ISSUE]]=DIST, found no '='",
                      "write for example " + std::string(kSpecExample) + " or salience=uniform(0.1)");
  }
  PerturbSpec spec{.text = text};
  const std::string left = text.substr(0, eq);
  const auto dot = left.find('.');
  auto field = parse_field(text, left.substr(0, dot));
  if (!field) return field.error();
  spec.field = *field;
  if (dot != std::string::npos) {
    if (auto target = parse_target(text, left.substr(dot + 1), problem, spec); !target) return target.error();
  }
  if (spec.field == PerturbField::kCapability && spec.issue) {
    return spec_error(text, "capability belongs to the actor, not to one issue",
                      "write capability.ACTOR=DIST: the actor's capability moves together on every issue");
  }
  auto noise = parse_noise(text, text.substr(eq + 1), spec.field);
  if (!noise) return noise.error();
  spec.noise = *noise;
  return spec;
}

double PerturbedValue::at(double u) const {
  return std::clamp(distribution.quantile(u_lo + u * (u_hi - u_lo)), lo, hi);
}

Perturbation Perturbation::plan(const StakeholderProblem& problem, std::span<const PerturbSpec> specs) {
  Perturbation out;
  std::map<std::size_t, std::size_t> capability_draw;  // actor → draw shared across issues
  for (std::size_t i = 0; i < problem.issues.size(); ++i) {
    const Issue& issue = problem.issues[i];
    for (std::size_t s = 0; s < issue.stakes.size(); ++s) {
      const Stake& stake = issue.stakes[s];
      for (const auto field : {PerturbField::kPosition, PerturbField::kSalience, PerturbField::kCapability}) {
        const PerturbSpec* spec = spec_for(specs, field, stake.actor, i);
        const Noise noise =
            spec ? spec->noise
                 : (sd_of(stake, field) > 0 ? Noise{.kind = Noise::Kind::kNormal, .size = sd_of(stake, field)}
                                            : Noise{});
        const auto [lo, hi] = range_of(issue, field);
        const double percent_of = field == PerturbField::kPosition ? issue.scale.width() : 1.0;
        auto value = truncated(value_of(stake, field), lo, hi, noise, percent_of);
        if (!value) continue;
        value->issue = i;
        value->stake = s;
        value->field = field;
        if (field == PerturbField::kCapability) {
          const auto [it, added] = capability_draw.emplace(stake.actor, out.draws_);
          if (added) ++out.draws_;
          value->draw = it->second;
        } else {
          value->draw = out.draws_++;
        }
        out.values_.push_back(std::move(*value));
      }
    }
  }
  return out;
}

void Perturbation::apply(Rng& rng, StakeholderProblem& table, std::vector<double>& scratch) const {
  scratch.resize(draws_);
  for (auto& u : scratch) u = rng.uniform();
  for (const auto& v : values_) slot(table.issues[v.issue].stakes[v.stake], v.field) = v.at(scratch[v.draw]);
}

std::vector<std::string> companion_columns(const StakeholderProblem& problem) {
  bool position = false, salience = false, capability = false;
  for (const auto& issue : problem.issues) {
    for (const auto& stake : issue.stakes) {
      position = position || stake.position_sd > 0;
      salience = salience || stake.salience_sd > 0;
      capability = capability || stake.capability_sd > 0;
    }
  }
  std::vector<std::string> out;
  if (position) out.emplace_back("Position_sd");
  if (salience) out.emplace_back("Salience_sd");
  if (capability) out.emplace_back("Capability_sd");
  return out;
}

}  // namespace detente::ensemble
