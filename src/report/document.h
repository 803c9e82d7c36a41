// The report document: the data an HTML report shows, independent of where it came from (a
// forecast, runs in memory, a results database). Its shape is documented in docs/report.md; the
// rendering script (assets/render.js) draws whichever sections it holds.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "core/error.h"
#include "core/stakeholders.h"
#include "models/model.h"

namespace detente::report {

using Document = nlohmann::ordered_json;
inline constexpr int kDocumentVersion = 1;

// From the forecast JSON contract (docs/output.md): one model's object or an array of them.
// `file` names the JSON file in messages.
[[nodiscard]] Result<Document> forecast_document(const nlohmann::json& forecast, const std::string& file);

// From forecasts in memory (the same path: through the JSON contract, so both agree).
[[nodiscard]] Result<Document> forecast_document(const StakeholderProblem& problem,
                                                 std::span<const ForecastResult> results);

// A document with its header filled: kind "forecast" or "scenario".
[[nodiscard]] Document new_document(const std::string& kind, const std::string& title, const std::string& input);

}  // namespace detente::report
