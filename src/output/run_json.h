// One run's outcome as JSON: the "outcome" object of `detente run --format json`, which the Python
// module returns as its dict too (one writer, so the two cannot drift apart).
#pragma once

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "scenario/scenario.h"

namespace detente::output {

[[nodiscard]] nlohmann::ordered_json run_outcome_json(const scenario::Scenario& scenario,
                                                      const engine::RunOutcome& outcome);

}  // namespace detente::output
