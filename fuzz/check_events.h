// What every event read must satisfy, whatever bytes it came from: a rejected input carries a
// message with a problem and a fix; an accepted one accounts for every row (counted, left out by
// reason, or skipped) and its series holds no more than was counted, with Goldstein means inside
// the scale. The bytes are read as a file would be (plain, gzip or zip: libarchive decides).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "check_problem.h"
#include "events/read.h"

namespace detente::fuzz {

inline void check_events(const std::uint8_t* data, std::size_t size, events::Format format) {
  const std::span<const char> bytes(reinterpret_cast<const char*>(data), size);
  for (const bool skip_bad : {false, true}) {
    auto source = events::LineSource::open_memory(bytes, "fuzz-input");
    if (!source) {
      check_error(source.error());
      continue;
    }
    events::ReadOptions options;
    options.actors = {"Iran", "US", "Russia"};
    options.period = skip_bad ? events::Period::kWeek : events::Period::kMonth;
    options.format = format;
    options.skip_bad = skip_bad;
    events::LineSource* sources[] = {source->get()};
    auto report = events::read_event_sources(sources, options);
    if (!report) {
      check_error(report.error());
      continue;
    }
    using S = events::InputSummary;
    for (const auto& input : report->inputs) {
      require(input.format == format);
      require(input.counted + input.unmatched + input.same_actor + input.outside_dates + input.skipped == input.rows);
      require(skip_bad || input.skipped == 0);
    }
    std::uint64_t in_series = 0;
    for (const auto& row : report->series) {
      require(row.stats.events > 0);
      std::uint64_t quads = 0;
      for (const auto q : row.stats.quad) quads += q;
      require(quads == row.stats.events);
      require(std::abs(row.stats.goldstein_mean()) <= 10.0 + 1e-9);
      require(row.source != row.target);
      in_series += row.stats.events;
    }
    require(in_series == report->total(&S::counted));
    require(report->skipped_messages.size() <= options.kept_messages);
  }
}

}  // namespace detente::fuzz
