// The event file formats detente reads, told apart by their content (the first line of a file):
//   icews    ICEWS as Harvard Dataverse publishes it: tab-separated with a header ("Event ID",
//            "Event Date", "Source Name", ... "CAMEO Code", "Intensity", ...).
//            Boschee et al. (2015), "ICEWS Coded Event Data", doi:10.7910/DVN/28075.
//   gdelt1   GDELT 1.0 events: tab-separated rows of 57 fields (1979–March 2013) or 58 (the daily
//            files from April 2013, with SOURCEURL), no header; also a CSV export with the 58
//            names as a header and, as R writes it, a leading row-index field and NA for missing.
//            Leetaru & Schrodt (2013); GDELT 1.0 Event Database Data Format Codebook.
//   gdelt2   GDELT 2.0 events: tab-separated rows of 61 fields (GDELT Event Codebook V2.0).
//   phoenix  Phoenix (Open Event Data Alliance): the 26 columns of the Phoenix Data Project
//            codebook (EventID, Date, Year, Month, Day, SourceActorFull, SourceActorEntity,
//            SourceActorRole, SourceActorAttribute, TargetActorFull, TargetActorEntity,
//            TargetActorRole, TargetActorAttribute, EventCode, EventRootCode, PentaClass,
//            GoldsteinScore, Issues, Lat, Lon, LocationName, StateName, CountryCode, SentenceID,
//            URLs, NewsSources), comma- or tab-separated, with or without that header.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "events/cameo.h"

namespace detente::events {

enum class Format { kIcews, kGdelt1, kGdelt2, kPhoenix };

[[nodiscard]] std::string_view format_name(Format format);
[[nodiscard]] std::optional<Format> parse_format_name(std::string_view name);
// The Goldstein table the dataset itself uses: ICEWS's for ICEWS, GDELT's for GDELT and Phoenix
// (whose coder, PETRARCH, scores CAMEO codes with the same values as GDELT).
[[nodiscard]] GoldsteinTable own_table(Format format);

// The fields of an event's actor that the aliases read; empty when the file has none.
struct ActorFields {
  std::string_view code;     // CAMEO actor code (GDELT, Phoenix)
  std::string_view country;  // GDELT's country code, Phoenix's entity, ICEWS's country name
  std::string_view name;     // ICEWS's actor name
  std::string_view sectors;  // ICEWS's sectors, comma-separated
};

// One event as the row gives it. The views point into the line or the parser's scratch space
// and are valid until the next call to parse.
struct EventRow {
  long day = 0;  // days since 1970-01-01
  ActorFields source;
  ActorFields target;
  std::string_view event_code;      // CAMEO, checked by is_cameo_event_code
  std::optional<double> goldstein;  // the file's own value (GoldsteinScale, Intensity, GoldsteinScore)
  int quad_class = 0;               // the file's own QuadClass (GDELT); 0 when it has none
};

class RowParser {
 public:
  // Detects the format from the first line of an entry, or explains what was expected.
  // `forced`, when given, must be the detected format.
  static Result<RowParser> detect(std::string_view first_line, const std::string& file,
                                  std::optional<Format> forced = std::nullopt);

  [[nodiscard]] Format format() const { return format_; }
  // True when the first line was a header (and holds no event).
  [[nodiscard]] bool has_header() const { return header_; }

  // Parses one data line: an error names the file, the line, the field and the fix.
  Result<EventRow> parse(std::string_view line, long number, const std::string& file);

 private:
  enum class DateStyle { kCompact, kDashed };  // 20130527, 2018-06-01
  struct Column {
    int index = -1;  // -1: the format has no such column
    std::string name;
  };
  struct Layout {
    Column date, source_code, source_country, source_name, source_sectors;
    Column target_code, target_country, target_name, target_sectors;
    Column event_code, goldstein, quad_class;
  };

  RowParser() = default;
  // The columns of each format, given how to find a column by its codebook name.
  template <typename ColumnOf>
  static Layout gdelt_layout(ColumnOf column);
  template <typename ColumnOf>
  static Layout phoenix_layout(ColumnOf column);
  std::string_view value(const Column& column) const;
  std::optional<Error> split(std::string_view line, long number, const std::string& file);
  Error row_error(const std::string& file, long number, const Column& column, const std::string& problem,
                  const std::string& fix) const;

  Format format_ = Format::kGdelt1;
  bool header_ = false;
  char separator_ = '\t';
  bool quoted_ = false;             // comma-separated files may quote fields
  std::size_t fields_ = 0;          // the fields a row has
  std::size_t fields_cut_ = 0;      // fields cut out of a tab-separated row: up to the last one read
  std::size_t field_count_ = 0;     // the fields the current row has
  bool row_index_allowed_ = false;  // an R export: data rows may carry one leading field more
  DateStyle date_style_ = DateStyle::kCompact;
  Layout layout_;
  std::vector<std::string_view> values_;  // the current row's fields
  std::size_t shift_ = 0;                 // 1 when the current row carries a row index
  std::string scratch_;                   // unescaped quoted fields
};

}  // namespace detente::events
