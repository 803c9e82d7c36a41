// Directed dyad series: events aggregated per (source actor, target actor, period). Memory grows
// with the number of dyads and periods, never with the number of events.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/cameo.h"

namespace detente::events {

enum class Period { kDay, kWeek, kMonth };

[[nodiscard]] std::string_view period_name(Period period);
[[nodiscard]] std::optional<Period> parse_period_name(std::string_view name);
// The first day of the period holding `day` (days since 1970-01-01): the day itself, the Monday
// of its ISO 8601 week, or the first of its month.
[[nodiscard]] long period_start(Period period, long day);

// Both Goldstein tables give every value in tenths, so sums are kept exactly, as whole tenths:
// the same whatever the order of the events.
struct DyadStats {
  std::uint64_t events = 0;
  std::int64_t goldstein_tenths = 0;
  std::array<std::uint64_t, 4> quad{};  // verbal cooperation, material cooperation, verbal conflict, material conflict
  [[nodiscard]] double goldstein_sum() const { return static_cast<double>(goldstein_tenths) / 10.0; }
  [[nodiscard]] double goldstein_mean() const {
    return events == 0 ? 0.0 : static_cast<double>(goldstein_tenths) / (10.0 * static_cast<double>(events));
  }
};

struct DyadRow {
  std::string source;
  std::string target;
  std::string period;  // the period's first day, YYYY-MM-DD
  DyadStats stats;
};

class DyadSeries {
 public:
  DyadSeries(std::vector<std::string> actors, Period period) : actors_(std::move(actors)), period_(period) {}
  // Adds one event between two of the actors (indices into `actors`).
  void add(int source, int target, long day, double goldstein, QuadClass quad);
  // The series sorted by source, target (in the order the actors were given) and period.
  [[nodiscard]] std::vector<DyadRow> rows() const;
  [[nodiscard]] const std::vector<std::string>& actors() const { return actors_; }

 private:
  std::vector<std::string> actors_;
  Period period_;
  std::unordered_map<std::uint64_t, DyadStats> cells_;  // key: source, target, period start
};

}  // namespace detente::events
