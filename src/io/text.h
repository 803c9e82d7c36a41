// Low-level text handling shared by the readers: whole-file reads, UTF-8
// checking, numbered lines, delimited fields, numbers, and showing input text
// inside messages.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace detente::io {

struct Line {
  int number = 0;         // 1-based, as an editor shows it
  std::string_view text;  // without the line break
};

// Reads a whole file; the error names the path and the reason.
[[nodiscard]] Result<std::string> read_file(const std::string& path);

// Checks that `content` is UTF-8 (a leading byte-order mark is allowed) and
// splits it into lines (LF, CRLF or a lone CR). The error names the line and
// byte column.
[[nodiscard]] Result<std::vector<Line>> split_lines(const std::string& file, std::string_view content);

// Splits one line on `separator`, honouring `quote` (a doubled quote inside a
// quoted field stands for itself) and trimming spaces around unquoted fields.
// Lenient: an unterminated quote runs to the end of the line and text after a
// closing quote is kept. Readers use split_record, which rejects both.
[[nodiscard]] std::vector<std::string> split_fields(std::string_view line, char separator, char quote = '"');

// Like split_fields, but an unterminated quoted field (a quoted field cannot
// span lines) or text after a closing quote is an error. `names` (the header,
// when known) names the field in the message; otherwise "column N".
[[nodiscard]] Result<std::vector<std::string>> split_record(const std::string& file, const Line& line, char separator,
                                                            char quote = '"', std::span<const std::string> names = {});

// Why a field is not a usable number.
enum class NumberProblem { kNone, kEmpty, kNotANumber, kDecimalComma, kNotFinite, kOutOfRange };

struct NumberReading {
  double value = 0.0;
  NumberProblem problem = NumberProblem::kNone;
};

// The largest magnitude a number may have: far beyond any capability, position
// or salience an analyst writes, and small enough that weighted sums and
// squared distances over millions of actors stay finite.
inline constexpr double kLargestNumber = 1e15;

// A decimal number ("40", "-0.5", "+3", "1e3", surrounding spaces allowed)
// with magnitude at most kLargestNumber; hexadecimal, NaN and infinity are refused.
[[nodiscard]] NumberReading read_number(std::string_view text);
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

// Input text as a message shows it: in single quotes, control characters
// escaped, cut after 40 characters with "...".
[[nodiscard]] std::string in_quotes(std::string_view text);

// A number as briefly as it reads back exactly: 0.5, 150, 1e+20.
[[nodiscard]] std::string format_number(double value);

[[nodiscard]] std::string trim(std::string_view text);
[[nodiscard]] std::string lower(std::string_view text);

// True for lines that carry no data: empty, only spaces or separators.
[[nodiscard]] bool is_blank(std::string_view line, char separator);

}  // namespace detente::io
