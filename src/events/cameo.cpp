#include "events/cameo.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "events/embedded_tables.h"

namespace detente::events {
namespace {

// A code of 2–4 digits as one index: its length and its value (leading zeros matter: "01" is a
// root code, "010" one of its children).
constexpr std::size_t kSlots = 3 * 10000;

std::optional<std::size_t> slot(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return std::nullopt;
  std::size_t value = 0;
  for (const char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return (code.size() - 2) * 10000 + value;
}

using Table = std::vector<double>;  // kSlots values; NaN where the code is absent

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<double> number(std::string_view text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A table's text, its header skipped: each code and value that `read_line` finds in a line.
template <typename ReadLine>
Table read_table(std::string_view text, ReadLine read_line) {
  Table table(kSlots, std::nan(""));
  std::size_t at = text.find('\n') + 1;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const auto [code, value] = read_line(text.substr(at, end - at));
    const auto index = slot(trim_view(code));
    const auto score = number(trim_view(value));
    if (index && score) table[*index] = *score;
    at = end + 1;
  }
  return table;
}

// CAMEO.goldsteinscale.txt: a header, then CODE<TAB>VALUE.
Table gdelt_table() {
  return read_table(embedded::gdelt_goldstein(), [](std::string_view line) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return std::pair<std::string_view, std::string_view>{};
    return std::pair{line.substr(0, tab), line.substr(tab + 1)};
  });
}

// The ICEWS CAMEO table (an R export): quoted CSV whose 4th field is the code and 5th the
// Goldstein value. Only those two fields are read; the descriptions may hold commas in quotes.
std::vector<std::string_view> csv_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at <= line.size()) {
    if (at < line.size() && line[at] == '"') {
      std::size_t end = at + 1;
      while (end < line.size()) {
        if (line[end] == '"') {
          if (end + 1 < line.size() && line[end + 1] == '"') {
            end += 2;  // a doubled quote stands for itself
            continue;
          }
          break;
        }
        ++end;
      }
      fields.push_back(line.substr(at + 1, end - at - 1));
      at = end + 2;  // past the closing quote and the comma
    } else {
      std::size_t end = line.find(',', at);
      if (end == std::string_view::npos) end = line.size();
      fields.push_back(line.substr(at, end - at));
      at = end + 1;
    }
  }
  return fields;
}

Table icews_table() {
  return read_table(embedded::icews_cameo_codes(), [](std::string_view line) {
    const auto fields = csv_fields(line);
    if (fields.size() <= 4) return std::pair<std::string_view, std::string_view>{};
    return std::pair{fields[3], fields[4]};
  });
}

const Table& table_for(GoldsteinTable table) {
  static const Table gdelt = gdelt_table();  // immutable once built
  static const Table icews = icews_table();
  return table == GoldsteinTable::kGdelt ? gdelt : icews;
}

int root_of(std::string_view code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

}  // namespace

std::string_view table_name(GoldsteinTable table) { return table == GoldsteinTable::kGdelt ? "gdelt" : "icews"; }

std::optional<GoldsteinTable> parse_table_name(std::string_view name) {
  if (name == "gdelt") return GoldsteinTable::kGdelt;
  if (name == "icews") return GoldsteinTable::kIcews;
  return std::nullopt;
}

bool is_cameo_event_code(std::string_view code) {
  if (!slot(code)) return false;
  const int root = root_of(code);
  return root >= 1 && root <= 20;
}

std::optional<double> goldstein(GoldsteinTable table, std::string_view cameo_code) {
  if (!is_cameo_event_code(cameo_code)) return std::nullopt;
  const double value = table_for(table)[*slot(cameo_code)];
  if (std::isnan(value)) return std::nullopt;
  return value;
}

QuadClass quad_class(std::string_view cameo_code) {
  if (!is_cameo_event_code(cameo_code)) return QuadClass::kNone;
  const int root = root_of(cameo_code);
  if (root <= 5) return QuadClass::kVerbalCooperation;
  if (root <= 9) return QuadClass::kMaterialCooperation;
  if (root <= 14) return QuadClass::kVerbalConflict;
  return QuadClass::kMaterialConflict;
}

}  // namespace detente::events
