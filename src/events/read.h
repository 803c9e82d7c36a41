// Reading event files into directed dyad series: each file streamed line by line (plain, .gz or
// .zip), its format detected from the content, each event's CAMEO code scored on the Goldstein
// scale and sorted into its quad class, and its actors resolved through the aliases. Events not
// counted are counted by reason, and by name when their actors are not among the requested ones.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "events/aliases.h"
#include "events/formats.h"
#include "events/series.h"
#include "events/source.h"

namespace detente::events {

struct ReadOptions {
  std::vector<std::string> actors;  // the requested actors, ids of the alias file
  ActorAliases aliases = ActorAliases::defaults();
  Period period = Period::kMonth;
  std::optional<long> from_day;             // inclusive, days since 1970-01-01
  std::optional<long> to_day;               // inclusive
  std::optional<GoldsteinTable> goldstein;  // none: each dataset's own table
  std::optional<Format> format;             // none: detected; else each file must be this format
  bool skip_bad = false;                    // go on past malformed rows, counting them
  std::size_t kept_messages = 5;            // the first messages of skipped rows kept
  std::size_t kept_names = 100000;          // distinct unmatched names counted one by one
};

// What one input (a file, or one member of a zip archive) held.
struct InputSummary {
  std::string name;
  Format format = Format::kGdelt1;
  GoldsteinTable table = GoldsteinTable::kGdelt;
  std::uint64_t rows = 0;           // data rows, blank lines excepted
  std::uint64_t counted = 0;        // events in the series
  std::uint64_t skipped = 0;        // malformed rows (only with skip_bad)
  std::uint64_t outside_dates = 0;  // before from_day or after to_day
  std::uint64_t unmatched = 0;      // an actor outside the requested ones
  std::uint64_t same_actor = 0;     // both actors resolve to the same requested actor
};

struct NameCount {
  std::string name;
  std::uint64_t events = 0;
};

struct EventsReport {
  std::vector<InputSummary> inputs;
  std::vector<DyadRow> series;
  // Actors of unmatched events, most frequent first: the file's name or code, or an alias
  // actor that was not requested ("UK (not requested)"); "(no actor)" when the field is empty.
  std::vector<NameCount> unmatched_names;
  std::uint64_t unmatched_other_names = 0;    // events of names beyond kept_names distinct ones
  std::vector<std::string> skipped_messages;  // the first kept_messages
  [[nodiscard]] std::uint64_t total(std::uint64_t InputSummary::*field) const;
};

// Reads every file in turn; the first error (an unreadable file, an unknown format, a requested
// actor the aliases lack, or without skip_bad a malformed row) ends the read.
Result<EventsReport> read_event_files(std::span<const std::string> paths, const ReadOptions& options);

// The same for inputs already opened (the tests and the fuzz targets read from memory).
Result<EventsReport> read_event_sources(std::span<LineSource* const> sources, const ReadOptions& options);

}  // namespace detente::events
