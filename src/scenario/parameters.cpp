#include <stdexcept>

#include "scenario/scenario.h"

namespace detente::scenario {

std::size_t ParameterTable::set(const std::string& path, Distribution value, int line) {
  if (const auto found = index_.find(path); found != index_.end()) {
    params_[found->second] = Parameter{path, std::move(value), line};
    return found->second;
  }
  index_.emplace(path, params_.size());
  params_.push_back(Parameter{path, std::move(value), line});
  return params_.size() - 1;
}

std::optional<std::size_t> ParameterTable::find(const std::string& path) const {
  const auto found = index_.find(path);
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

std::size_t ParameterTable::index(const std::string& path) const {
  const auto found = find(path);
  if (!found) throw std::logic_error("scenario parameter missing: " + path);
  return *found;
}

std::vector<double> ParameterTable::central_values() const {
  std::vector<double> values;
  values.reserve(params_.size());
  for (const auto& p : params_) values.push_back(p.value.central());
  return values;
}

int Calendar::steps() const { return step_of(horizon); }

Date Calendar::date_of(int step) const {
  switch (unit) {
    case StepUnit::kDay: return civil_from_days(days_from_civil(start) + step);
    case StepUnit::kWeek: return civil_from_days(days_from_civil(start) + 7L * step);
    case StepUnit::kMonth: return add_months(start, step);
  }
  return start;
}

int Calendar::step_of(Date date) const {
  const long days = days_from_civil(date) - days_from_civil(start);
  switch (unit) {
    case StepUnit::kDay: return static_cast<int>(days);
    case StepUnit::kWeek: return static_cast<int>((days + 6) / 7);
    case StepUnit::kMonth: {
      int step = (date.year - start.year) * 12 + (date.month - start.month);
      while (step > 0 && date_of(step - 1) >= date) --step;
      while (date_of(step) < date) ++step;
      return step;
    }
  }
  return 0;
}

double Calendar::steps_per_week() const {
  switch (unit) {
    case StepUnit::kDay: return 7.0;
    case StepUnit::kWeek: return 1.0;
    case StepUnit::kMonth: return 12.0 / 52.1775;
  }
  return 1.0;
}

std::optional<std::size_t> Scenario::actor_index(const std::string& id) const {
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (actors[i] == id) return i;
  }
  return std::nullopt;
}

const Policy* Scenario::policy(const std::string& id) const {
  for (const auto& p : policies) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace detente::scenario
