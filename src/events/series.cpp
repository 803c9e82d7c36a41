#include "events/series.h"

#include <algorithm>
#include <cmath>

#include "core/date.h"

namespace detente::events {
namespace {

constexpr long kDayBias = 1L << 31;  // period starts are stored unsigned in the key

std::uint64_t key(int source, int target, long start) {
  return (static_cast<std::uint64_t>(source) << 48) | (static_cast<std::uint64_t>(target) << 32) |
         static_cast<std::uint64_t>(start + kDayBias);
}

}  // namespace

std::string_view period_name(Period period) {
  switch (period) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
  }
  return "day";
}

std::optional<Period> parse_period_name(std::string_view name) {
  for (const Period p : {Period::kDay, Period::kWeek, Period::kMonth}) {
    if (period_name(p) == name) return p;
  }
  return std::nullopt;
}

long period_start(Period period, long day) {
  switch (period) {
    case Period::kDay:
      return day;
    case Period::kWeek: {
      const long monday_based = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday (3 days after Monday)
      return day - monday_based;
    }
    case Period::kMonth: {
      Date d = civil_from_days(day);
      d.day = 1;
      return days_from_civil(d);
    }
  }
  return day;
}

void DyadSeries::add(int source, int target, long day, double goldstein, QuadClass quad) {
  DyadStats& cell = cells_[key(source, target, period_start(period_, day))];
  ++cell.events;
  cell.goldstein_tenths += std::llround(goldstein * 10.0);
  if (quad != QuadClass::kNone) ++cell.quad[static_cast<std::size_t>(quad) - 1];
}

std::vector<DyadRow> DyadSeries::rows() const {
  std::vector<std::pair<std::uint64_t, DyadStats>> sorted(cells_.begin(), cells_.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<DyadRow> out;
  out.reserve(sorted.size());
  for (const auto& [k, stats] : sorted) {
    const auto source = static_cast<std::size_t>(k >> 48);
    const auto target = static_cast<std::size_t>((k >> 32) & 0xFFFF);
    const long start = static_cast<long>(k & 0xFFFFFFFFULL) - kDayBias;
    out.push_back(DyadRow{.source = actors_[source],
                          .target = actors_[target],
                          .period = to_string(civil_from_days(start)),
                          .stats = stats});
  }
  return out;
}

}  // namespace detente::events
