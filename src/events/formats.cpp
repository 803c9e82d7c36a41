#include "events/formats.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/date.h"
#include "io/text.h"

namespace detente::events {
namespace {

constexpr std::string_view kSkipHint = "or pass --skip-bad to skip such rows and count them";

// A value as the formats write it: spaces around it dropped, and R's NA (missing) read as empty.
std::string_view clean(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v == "NA" ? std::string_view() : v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digits_value(std::string_view s) {
  int value = 0;
  for (const char c : s) value = value * 10 + (c - '0');
  return value;
}

// Separators found eight bytes at a time (SWAR): in t = word XOR (the separator in every byte),
// ~(((t & 0x7F..) + 0x7F..) | t | 0x7F..) has the high bit set in exactly the bytes where t is zero
// (Warren, Hacker's Delight, 2nd ed., section 6-1).
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

std::uint64_t separator_bytes(const char* at, char separator) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  const std::uint64_t t = word ^ (kOnes * static_cast<unsigned char>(separator));
  return ~(((t & kLow7) + kLow7) | t | kLow7);
}

// Calls found(position) for each separator in order while it returns true; returns the position
// where it stopped, or `size` when the line ran out.
template <typename Found>
std::size_t for_each_separator(const char* data, std::size_t size, char separator, Found found) {
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= size; i += 8) {
      for (std::uint64_t bits = separator_bytes(data + i, separator); bits != 0; bits &= bits - 1) {
        const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(bits)) / 8;
        if (!found(at)) return at;
      }
    }
  }
  for (; i < size; ++i) {
    if (data[i] == separator && !found(i)) return i;
  }
  return size;
}

std::size_t count_separators(const char* data, std::size_t size, char separator) {
  std::size_t count = 0;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) count += static_cast<std::size_t>(std::popcount(separator_bytes(data + i, separator)));
  for (; i < size; ++i) count += data[i] == separator ? 1 : 0;
  return count;
}

// Splits a header line, quote-aware when comma-separated; used only for detection.
std::vector<std::string> header_fields(std::string_view line, char separator) {
  std::vector<std::string> names = io::split_fields(line, separator, separator == ',' ? '"' : '\0');
  for (auto& n : names) n = io::trim(n);
  return names;
}

int find_name(const std::vector<std::string>& names, std::string_view wanted) {
  const auto at = std::find(names.begin(), names.end(), wanted);
  return at == names.end() ? -1 : static_cast<int>(at - names.begin());
}

// The columns of the headerless formats (0-based), by the names their codebooks give them.
// GDELT 1.0 and 2.0 share the first 35 fields.
using Position = std::pair<std::string_view, int>;
constexpr Position kGdeltPositions[] = {{"SQLDATE", 1},     {"Actor1Code", 5},         {"Actor1CountryCode", 7},
                                        {"Actor2Code", 15}, {"Actor2CountryCode", 17}, {"EventCode", 26},
                                        {"QuadClass", 29},  {"GoldsteinScale", 30}};
constexpr Position kPhoenixPositions[] = {{"Date", 1},
                                          {"SourceActorFull", 5},
                                          {"SourceActorEntity", 6},
                                          {"TargetActorFull", 9},
                                          {"TargetActorEntity", 10},
                                          {"EventCode", 13},
                                          {"GoldsteinScore", 16}};
constexpr std::size_t kPhoenixFields = 26;

template <std::size_t N>
int position_of(const Position (&positions)[N], std::string_view name) {
  for (const auto& [n, index] : positions) {
    if (n == name) return index;
  }
  return -1;
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kIcews:
      return "icews";
    case Format::kGdelt1:
      return "gdelt1";
    case Format::kGdelt2:
      return "gdelt2";
    case Format::kPhoenix:
      return "phoenix";
  }
  return "unknown";
}

std::optional<Format> parse_format_name(std::string_view name) {
  for (const Format f : {Format::kIcews, Format::kGdelt1, Format::kGdelt2, Format::kPhoenix}) {
    if (format_name(f) == name) return f;
  }
  return std::nullopt;
}

GoldsteinTable own_table(Format format) {
  return format == Format::kIcews ? GoldsteinTable::kIcews : GoldsteinTable::kGdelt;
}

template <typename ColumnOf>
RowParser::Layout RowParser::gdelt_layout(ColumnOf column) {
  return Layout{.date = column("SQLDATE"),
                .source_code = column("Actor1Code"),
                .source_country = column("Actor1CountryCode"),
                .target_code = column("Actor2Code"),
                .target_country = column("Actor2CountryCode"),
                .event_code = column("EventCode"),
                .goldstein = column("GoldsteinScale"),
                .quad_class = column("QuadClass")};
}

template <typename ColumnOf>
RowParser::Layout RowParser::phoenix_layout(ColumnOf column) {
  return Layout{.date = column("Date"),
                .source_code = column("SourceActorFull"),
                .source_country = column("SourceActorEntity"),
                .target_code = column("TargetActorFull"),
                .target_country = column("TargetActorEntity"),
                .event_code = column("EventCode"),
                .goldstein = column("GoldsteinScore")};
}

Result<RowParser> RowParser::detect(std::string_view first_line, const std::string& file,
                                    std::optional<Format> forced) {
  if (first_line.starts_with("\xEF\xBB\xBF")) first_line.remove_prefix(3);  // a UTF-8 byte-order mark
  RowParser p;
  p.separator_ = first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  p.quoted_ = p.separator_ == ',';
  const auto names = header_fields(first_line, p.separator_);
  auto column = [&](std::string_view name) {
    return Column{.index = find_name(names, name), .name = std::string(name)};
  };
  Layout& l = p.layout_;
  bool known = true;
  if (find_name(names, "Event Date") >= 0 && find_name(names, "CAMEO Code") >= 0) {
    p.format_ = Format::kIcews;
    p.header_ = true;
    p.date_style_ = DateStyle::kDashed;
    l = Layout{.date = column("Event Date"),
               .source_country = column("Source Country"),
               .source_name = column("Source Name"),
               .source_sectors = column("Source Sectors"),
               .target_country = column("Target Country"),
               .target_name = column("Target Name"),
               .target_sectors = column("Target Sectors"),
               .event_code = column("CAMEO Code"),
               .goldstein = column("Intensity")};
  } else if (find_name(names, "GLOBALEVENTID") >= 0 && find_name(names, "EventCode") >= 0) {
    p.header_ = true;
    p.row_index_allowed_ = true;
    l = gdelt_layout(column);
    p.format_ = names.size() >= 61 ? Format::kGdelt2 : Format::kGdelt1;
  } else if (find_name(names, "SourceActorFull") >= 0 && find_name(names, "EventCode") >= 0) {
    p.format_ = Format::kPhoenix;
    p.header_ = true;
    l = phoenix_layout(column);
  } else if (names.size() >= 2 && all_digits(clean(names[1])) && clean(names[1]).size() == 8 &&
             (names.size() == 57 || names.size() == 58 || names.size() == 61)) {
    p.format_ = names.size() == 61 ? Format::kGdelt2 : Format::kGdelt1;
    l = gdelt_layout([](std::string_view name) {
      return Column{.index = position_of(kGdeltPositions, name), .name = std::string(name)};
    });
  } else if (names.size() == kPhoenixFields && all_digits(clean(names[1])) && clean(names[1]).size() == 8) {
    p.format_ = Format::kPhoenix;
    l = phoenix_layout([](std::string_view name) {
      return Column{.index = position_of(kPhoenixPositions, name), .name = std::string(name)};
    });
  } else {
    known = false;
  }
  if (!known) {
    return Error{.file = file,
                 .line = 1,
                 .problem =
                     "not an event file detente reads: the first line is neither an ICEWS header (Event ID, "
                     "Event Date, ..., CAMEO Code), a GDELT header (GLOBALEVENTID, ...) or a Phoenix header "
                     "(EventID, Date, ..., SourceActorFull), nor a GDELT row of 57, 58 or 61 tab-separated "
                     "fields or a Phoenix row of 26 fields, each with a date YYYYMMDD second",
                 .fix = "give an ICEWS, GDELT 1.0/2.0 or Phoenix event file (docs/events.md, \"Formats\")"};
  }
  for (const Column* c : {&l.date, &l.event_code}) {
    if (c->index < 0) {
      return Error{.file = file,
                   .line = 1,
                   .field = c->name,
                   .problem = "the header of this " + std::string(format_name(p.format_)) + " file has no such column",
                   .fix = "give the file with its original header"};
    }
  }
  if (forced && *forced != p.format_) {
    return Error{.file = file,
                 .line = 1,
                 .problem = "the content is " + std::string(format_name(p.format_)) + ", not " +
                            std::string(format_name(*forced)),
                 .fix = "give a file of the expected format"};
  }
  p.fields_ = names.size();
  int last = 0;
  for (const Column* c :
       {&l.date, &l.source_code, &l.source_country, &l.source_name, &l.source_sectors, &l.target_code,
        &l.target_country, &l.target_name, &l.target_sectors, &l.event_code, &l.goldstein, &l.quad_class})
    last = std::max(last, c->index);
  p.fields_cut_ = static_cast<std::size_t>(last) + 2;  // and one more for a row index
  p.values_.reserve(names.size() + 1);
  return p;
}

std::string_view RowParser::value(const Column& column) const {
  if (column.index < 0) return {};
  return clean(values_[static_cast<std::size_t>(column.index) + shift_]);
}

Error RowParser::row_error(const std::string& file, long number, const Column& column, const std::string& problem,
                           const std::string& fix) const {
  return Error{.file = file,
               .line = static_cast<int>(number),
               .field = column.name,
               .problem = problem,
               .fix = fix + ", " + std::string(kSkipHint)};
}

std::optional<Error> RowParser::split(std::string_view line, long number, const std::string& file) {
  values_.clear();
  if (!quoted_) {
    // Only the fields up to the last one read are cut out; the separators after it are counted.
    const char* data = line.data();
    const std::size_t size = line.size();
    std::size_t from = 0;
    const std::size_t stop = for_each_separator(data, size, separator_, [&](std::size_t at) {
      values_.emplace_back(data + from, at - from);
      from = at + 1;
      return values_.size() < fields_cut_;
    });
    if (stop < size) {
      field_count_ = values_.size() + 1 + count_separators(data + from, size - from, separator_);
    } else {
      values_.emplace_back(data + from, size - from);
      field_count_ = values_.size();
    }
    return std::nullopt;
  }
  scratch_.clear();
  scratch_.reserve(line.size());  // no reallocation below: views into it stay valid
  std::size_t at = 0;
  for (;;) {
    std::size_t start = at;
    while (start < line.size() && line[start] == ' ') ++start;
    if (start < line.size() && line[start] == '"') {
      const std::size_t from = scratch_.size();
      std::size_t i = start + 1;
      bool closed = false;
      bool escaped = false;
      for (; i < line.size(); ++i) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            escaped = true;
            ++i;
            continue;
          }
          closed = true;
          break;
        }
      }
      if (!closed) {
        return Error{.file = file,
                     .line = static_cast<int>(number),
                     .field = "column " + std::to_string(values_.size() + 1),
                     .problem = "a quoted field is not closed on its line",
                     .fix = "close the quote (a field cannot span lines), " + std::string(kSkipHint)};
      }
      std::string_view inner = line.substr(start + 1, i - start - 1);
      if (escaped) {
        for (std::size_t k = 0; k < inner.size(); ++k) {
          scratch_ += inner[k];
          if (inner[k] == '"') ++k;  // a doubled quote stands for one
        }
        inner = std::string_view(scratch_).substr(from);
      }
      std::size_t after = i + 1;
      while (after < line.size() && line[after] == ' ') ++after;
      if (after < line.size() && line[after] != separator_) {
        return Error{.file = file,
                     .line = static_cast<int>(number),
                     .field = "column " + std::to_string(values_.size() + 1),
                     .problem = "text after the closing quote of a field",
                     .fix = "quote the whole field, doubling quotes inside it, " + std::string(kSkipHint)};
      }
      values_.push_back(inner);
      if (after >= line.size()) break;
      at = after + 1;
    } else {
      const std::size_t end = line.find(separator_, at);
      values_.push_back(line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
      if (end == std::string_view::npos) break;
      at = end + 1;
    }
  }
  field_count_ = values_.size();
  return std::nullopt;
}

Result<EventRow> RowParser::parse(std::string_view line, long number, const std::string& file) {
  if (auto problem = split(line, number, file)) return *problem;
  shift_ = 0;
  if (field_count_ == fields_ + 1 && row_index_allowed_) {
    shift_ = 1;  // R's row index before the fields the header names
  } else if (field_count_ != fields_) {
    const std::string what = header_ ? "the header's " + std::to_string(fields_) : std::to_string(fields_);
    return Error{
        .file = file,
        .line = static_cast<int>(number),
        .problem = "expected " + what + " " + (separator_ == '\t' ? "tab-separated" : "comma-separated") + " fields (" +
                   std::string(format_name(format_)) + "), found " + std::to_string(field_count_),
        .fix = "repair or remove the row (a download cut short leaves a partial last row), " + std::string(kSkipHint)};
  }
  const Layout& l = layout_;
  EventRow row;
  const std::string_view date = value(l.date);
  Date d;
  bool date_ok = false;
  if (date_style_ == DateStyle::kCompact) {
    if (date.size() == 8 && all_digits(date)) {
      d = Date{digits_value(date.substr(0, 4)), digits_value(date.substr(4, 2)), digits_value(date.substr(6, 2))};
      date_ok = is_valid(d);
    }
  } else if (date.size() == 10 && date[4] == '-' && date[7] == '-' && all_digits(date.substr(0, 4)) &&
             all_digits(date.substr(5, 2)) && all_digits(date.substr(8, 2))) {
    d = Date{digits_value(date.substr(0, 4)), digits_value(date.substr(5, 2)), digits_value(date.substr(8, 2))};
    date_ok = is_valid(d);
  }
  if (!date_ok) {
    const std::string form = date_style_ == DateStyle::kCompact ? "YYYYMMDD" : "YYYY-MM-DD";
    return row_error(file, number, l.date, "expected a date " + form + ", got " + io::in_quotes(date),
                     "write the event's date as " + form);
  }
  row.day = days_from_civil(d);
  row.event_code = value(l.event_code);
  if (!is_cameo_event_code(row.event_code)) {
    return row_error(file, number, l.event_code,
                     "expected a CAMEO event code (2 to 4 digits, root 01-20), got " + io::in_quotes(row.event_code),
                     "correct the event code");
  }
  if (const std::string_view g = value(l.goldstein); !g.empty()) {
    const auto reading = io::read_number(g);
    if (reading.problem != io::NumberProblem::kNone || std::abs(reading.value) > 10.0) {
      return row_error(file, number, l.goldstein, "expected a Goldstein value from -10 to 10, got " + io::in_quotes(g),
                       "correct the value or leave it empty");
    }
    row.goldstein = reading.value;
  }
  if (const std::string_view q = value(l.quad_class); !q.empty()) {
    if (q.size() != 1 || q[0] < '1' || q[0] > '4') {
      return row_error(file, number, l.quad_class, "expected a quad class 1, 2, 3 or 4, got " + io::in_quotes(q),
                       "correct the quad class");
    }
    row.quad_class = q[0] - '0';
  }
  row.source = ActorFields{.code = value(l.source_code),
                           .country = value(l.source_country),
                           .name = value(l.source_name),
                           .sectors = value(l.source_sectors)};
  row.target = ActorFields{.code = value(l.target_code),
                           .country = value(l.target_country),
                           .name = value(l.target_name),
                           .sectors = value(l.target_sectors)};
  return row;
}

}  // namespace detente::events
