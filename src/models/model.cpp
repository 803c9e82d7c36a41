#include "models/model.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "core/weighted.h"

namespace detente {
namespace {

std::optional<double> parse_real(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(const std::string& text) {
  long long v = 0;
  const auto* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), last, v);
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Error option_error(const ModelInfo& info, const ParamSpec& spec, const std::string& value,
                   const std::string& expected) {
  return Error{.field = "--option " + spec.name,
               .problem = "model '" + info.name + "' expects " + expected + ", got '" + value + "'",
               .fix = "give " + spec.name + "=" + spec.default_value + " or another " + expected};
}

}  // namespace

const std::string& ModelOptions::text(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) throw std::logic_error("model option not declared: " + name);
  return it->second;
}
double ModelOptions::real(const std::string& name) const { return *parse_real(text(name)); }
long long ModelOptions::integer(const std::string& name) const { return *parse_integer(text(name)); }
bool ModelOptions::flag(const std::string& name) const { return *parse_bool(text(name)); }
std::uint64_t ModelOptions::seed() const {
  const auto it = values_.find("seed");
  return it == values_.end() ? 0 : static_cast<std::uint64_t>(*parse_integer(it->second));
}

ModelRegistry& ModelRegistry::mutable_instance() {
  static ModelRegistry registry;
  return registry;
}
const ModelRegistry& ModelRegistry::instance() { return mutable_instance(); }

bool ModelRegistry::add(ModelInfo info) {
  auto& models = mutable_instance().models_;
  const std::string name = info.name;
  return models.emplace(name, std::move(info)).second;
}

const ModelInfo* ModelRegistry::find(const std::string& name) const {
  const auto it = models_.find(name);
  return it == models_.end() ? nullptr : &it->second;
}

std::vector<std::string> ModelRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, info] : models_) out.push_back(name);
  return out;
}

Result<ModelOptions> resolve_options(const ModelInfo& info, const std::map<std::string, std::string>& given,
                                     bool ignore_unknown) {
  std::map<std::string, std::string> values;
  for (const auto& spec : info.params) values[spec.name] = spec.default_value;
  for (const auto& entry : given) {
    const std::string& name = entry.first;
    const std::string& value = entry.second;
    const auto spec = std::find_if(info.params.begin(), info.params.end(),
                                   [&name](const ParamSpec& p) { return p.name == name; });
    if (spec == info.params.end()) {
      if (ignore_unknown) continue;
      std::vector<std::string> known;
      for (const auto& p : info.params) known.push_back(p.name);
      return Error{.field = "--option " + name,
                   .problem = "model '" + info.name + "' has no option '" + name + "'",
                   .fix = known.empty() ? "this model takes no options"
                                        : "use one of: " + join(known)};
    }
    switch (spec->kind) {
      case ParamSpec::Kind::kInteger:
        if (!parse_integer(value)) return option_error(info, *spec, value, "a whole number");
        break;
      case ParamSpec::Kind::kReal:
        if (!parse_real(value)) return option_error(info, *spec, value, "a number");
        break;
      case ParamSpec::Kind::kBool:
        if (!parse_bool(value)) return option_error(info, *spec, value, "true or false");
        break;
      case ParamSpec::Kind::kChoice:
        if (std::find(spec->choices.begin(), spec->choices.end(), value) == spec->choices.end()) {
          return option_error(info, *spec, value, "one of: " + join(spec->choices));
        }
        break;
    }
    values[name] = value;
  }
  return ModelOptions(std::move(values));
}

Result<ForecastResult> run_model(const std::string& name, const StakeholderProblem& problem,
                                 const std::map<std::string, std::string>& given, bool ignore_unknown) {
  const ModelInfo* info = ModelRegistry::instance().find(name);
  if (info == nullptr) {
    return Error{.field = "--model",
                 .problem = "no model named '" + name + "'",
                 .fix = "use one of: " + join(ModelRegistry::instance().names())};
  }
  // Options the input file sets (KTAB XML) apply to the models that declare
  // them; the command line overrides them.
  std::map<std::string, std::string> merged;
  for (const auto& entry : problem.options) {
    const std::string& option = entry.first;
    const bool declared = std::any_of(info->params.begin(), info->params.end(),
                                      [&option](const ParamSpec& p) { return p.name == option; });
    if (declared) merged[option] = entry.second;
  }
  for (const auto& [option, value] : given) merged[option] = value;
  auto options = resolve_options(*info, merged, ignore_unknown);
  if (!options) return options.error();
  auto result = info->run(problem, *options);
  if (result) {
    result->model = info->name;
    result->options = *options;
  }
  return result;
}

Round summarise_round(const Issue& issue, int round, std::vector<double> positions) {
  std::vector<double> weights;
  weights.reserve(issue.stakes.size());
  for (const auto& stake : issue.stakes) weights.push_back(weight(stake));
  Round out{.round = round, .positions = std::move(positions)};
  out.mean = weighted_mean(out.positions, weights);
  out.median = weighted_median(out.positions, weights);
  return out;
}

IssueResult start_issue_result(const StakeholderProblem& problem, const Issue& issue) {
  IssueResult out{.issue = issue.name, .scale = issue.scale};
  std::vector<double> positions;
  for (const auto& stake : issue.stakes) {
    out.actors.push_back(problem.actors[stake.actor]);
    positions.push_back(stake.position);
  }
  out.rounds.push_back(summarise_round(issue, 0, std::move(positions)));
  return out;
}

}  // namespace detente
