// Low-level text handling shared by the readers: whole-file reads, UTF-8
// checking, numbered lines, delimited fields, numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace detente::io {

struct Line {
  int number = 0;          // 1-based, as an editor shows it
  std::string_view text;   // without the line break
};

// Reads a whole file; the error names the path and the reason.
[[nodiscard]] Result<std::string> read_file(const std::string& path);

// Checks that `content` is UTF-8 (a leading byte-order mark is allowed) and
// splits it into lines (LF or CRLF). The error names the line and byte column.
[[nodiscard]] Result<std::vector<Line>> split_lines(const std::string& file, std::string_view content);

// Splits one line on `separator`, honouring `quote` (a doubled quote inside a
// quoted field stands for itself) and trimming spaces around unquoted fields.
[[nodiscard]] std::vector<std::string> split_fields(std::string_view line, char separator, char quote = '"');

// A finite decimal number with optional surrounding spaces, or nothing.
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

[[nodiscard]] std::string trim(std::string_view text);
[[nodiscard]] std::string lower(std::string_view text);

// True for lines that carry no data: empty, only spaces or separators.
[[nodiscard]] bool is_blank(std::string_view line, char separator);

}  // namespace detente::io
