// A timeline: the dated real outcomes of a negotiation, each with its public source, against which
// a scenario's forecasts are scored (docs/backtest.md). Read and validated once at the boundary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace detente::backtest {

// What a timeline entry records. Only some kinds can be asked of a scenario's runs (backtest.h
// says which and why the others are listed without a score).
enum class EventKind {
  kAgreement,       // the comprehensive agreement the scenario's talks are about
  kInterim,         // an interim deal (e.g. the JPOA of 24 Nov 2013)
  kFramework,       // a framework agreement on the way to the final one (Lausanne, 2 Apr 2015)
  kExtension,       // a deadline passed without agreement and the talks were extended
  kBreakdown,       // the talks ended without agreement
  kReview,          // a ratifier's review began or was legislated (INARA, May 2015)
  kRatification,    // a ratifier decided (happened = false: it blocked)
  kImplementation,  // the agreement took effect (Implementation Day, 16 Jan 2016)
  kCooperation,     // cooperation between two parties in another arena (happened = false: none)
};

[[nodiscard]] std::string_view kind_name(EventKind kind);

struct TimelineEvent {
  std::string id;
  Date date;
  EventKind kind = EventKind::kAgreement;
  bool happened = true;  // false records an absence, established by `date`
  std::string description;
  std::string source;                // a public source anyone can check
  std::vector<std::string> parties;  // for cooperation: the two sides (the scenario's actor ids)
  int line = 0;
};

struct Timeline {
  std::string file;
  std::string name;
  // Every event of the kinds listed is in the file up to this date, so an absence is a fact:
  // no breakdown listed means the talks did not break down.
  std::optional<Date> complete_through;
  std::vector<TimelineEvent> events;  // in date order

  [[nodiscard]] const TimelineEvent* first(EventKind kind) const;  // the first that happened
};

[[nodiscard]] Result<Timeline> parse_timeline(std::string_view text, const std::string& file);
[[nodiscard]] Result<Timeline> load_timeline(const std::string& path);

}  // namespace detente::backtest
