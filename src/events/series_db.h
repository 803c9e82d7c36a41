// Writes the dyad series of `detente events --out FILE` to an SQLite database (schema in
// docs/events.md, "The --out database").
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "events/read.h"

namespace detente::events {

// `meta` holds the settings of the read (command, period, actors, ...). The file must not exist.
Result<bool> write_series_db(const std::string& path, const EventsReport& report,
                             const std::map<std::string, std::string>& meta);

}  // namespace detente::events
