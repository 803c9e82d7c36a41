// Civil dates (proleptic Gregorian) as day numbers, for scenario calendars.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace detente {

struct Date {
  int year = 1970;
  int month = 1;   // 1–12
  int day = 1;     // 1–31
  auto operator<=>(const Date&) const = default;
};

// Days since 1970-01-01 (Hinnant's days_from_civil algorithm).
[[nodiscard]] long days_from_civil(Date d);
[[nodiscard]] Date civil_from_days(long days);
[[nodiscard]] bool is_valid(Date d);
[[nodiscard]] Date add_months(Date d, int months);   // clamps the day to the month's end
[[nodiscard]] std::string to_string(Date d);         // YYYY-MM-DD
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

}  // namespace detente
