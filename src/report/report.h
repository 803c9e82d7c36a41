// The one entry point the command line and the Python module use to write a report: from a
// results database, a forecast JSON, a scenario file (run as an ensemble here) or a stakeholder
// table (forecast with every model that applies). `detente run --report` and `detente compare
// --report` call write_report_html with the document of what they just computed.
#pragma once

#include <string>

#include "core/error.h"
#include "report/document.h"
#include "report/scenario_report.h"

namespace detente::report {

enum class InputKind { kResultsDatabase, kForecastJson, kScenario, kStakeholderTable };

// Decided from the content: SQLite's header, a JSON value, a TOML scenario ([scenario] table),
// otherwise a stakeholder table in any format `detente forecast` reads.
[[nodiscard]] Result<InputKind> detect_input(const std::string& path);

// The document of any input; `ensemble` applies to scenario files only.
[[nodiscard]] Result<Document> load_document(const std::string& input, const EnsembleRequest& ensemble = {});

// Writes the self-contained HTML page of `doc` to `path`.
[[nodiscard]] Result<bool> write_report_html(const Document& doc, const std::string& path);

// load_document + write_report_html: the helper to wire into any command with --report.
[[nodiscard]] Result<bool> write_report(const std::string& input, const std::string& path,
                                        const EnsembleRequest& ensemble = {});

}  // namespace detente::report
