// Writers for stakeholder forecasts: JSON (the output contract other tools
// rely on), tidy CSV, and a table for people.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "core/stakeholders.h"
#include "models/model.h"

namespace detente::output {

// The JSON contract (docs/output.md): one object per model, an array when
// there are several.
void write_forecast_json(std::ostream& out, const StakeholderProblem& problem, std::span<const ForecastResult> results);

// Tidy long format: model,issue,round,kind,actor,value with kind one of
// position, probability, mean, median, forecast.
void write_forecast_csv(std::ostream& out, std::span<const ForecastResult> results);

void write_forecast_table(std::ostream& out, const StakeholderProblem& problem, std::span<const ForecastResult> results,
                          bool show_trace);

}  // namespace detente::output
