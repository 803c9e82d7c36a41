// Assembles one self-contained HTML page from a report document: the data as JSON, the charting
// library, the rendering script and the style, all inline. The page loads nothing from anywhere
// (its Content-Security-Policy forbids it), so it opens the same with no network.
#pragma once

#include <string>

#include "core/error.h"
#include "report/document.h"

namespace detente::report {

// The document as JSON safe inside a <script> element: every '<' written as \u003c.
[[nodiscard]] std::string script_safe_json(const Document& doc);

// Fails only when this build has no charting library (node/npm were missing when it was built).
[[nodiscard]] Result<std::string> render_html(const Document& doc);

}  // namespace detente::report
