// Reads a results database (SQLite, written by `detente run --runs N --out results.db` and
// `detente compare`/`detente sensitivity`; schema in docs/results.md) into a report document.
#pragma once

#include <string>

#include "core/error.h"
#include "report/document.h"

namespace detente::report {

[[nodiscard]] Result<Document> results_document(const std::string& path);

}  // namespace detente::report
