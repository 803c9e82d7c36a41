#include "io/text.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace detente::io {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kShownCharacters = 40;

// Length of the UTF-8 sequence starting at s[i], or 0 if it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are rejected).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned min_second = 0x80;
  unsigned max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) min_second = 0xA0;
    if (c == 0xED) max_second = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) min_second = 0x90;
    if (c == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) return 0;
  }
  return n;
}

std::string hex_byte(unsigned char c) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4U] + kDigits[c & 0xFU];
}

// "byte 0xE9 at byte column 12 is not UTF-8 (in Latin-1 it is 'é')": the
// offending byte, the continuation bytes after it, and what the first byte
// means in Latin-1, the usual cause.
std::string describe_invalid_utf8(std::string_view s, std::size_t i, std::size_t column) {
  std::size_t end = i + 1;
  while (end < s.size() && end < i + 4 && (static_cast<unsigned char>(s[end]) & 0xC0U) == 0x80U) ++end;
  std::string bytes;
  for (std::size_t k = i; k < end; ++k)
    bytes += (bytes.empty() ? "" : " ") + hex_byte(static_cast<unsigned char>(s[k]));
  std::string out = (end - i == 1 ? "byte " : "bytes ") + bytes + " at byte column " + std::to_string(column) +
                    (end - i == 1 ? " is" : " are") + " not UTF-8";
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead >= 0xA0) {
    // Latin-1 maps byte b to U+00b; in UTF-8 that is these two bytes.
    const std::array<char, 2> utf8 = {static_cast<char>(0xC0U | (lead >> 6U)),
                                      static_cast<char>(0x80U | (lead & 0x3FU))};
    out += std::string(" (in Latin-1 ") + (end - i == 1 ? "it" : "the first") + " is '" +
           std::string(utf8.data(), utf8.size()) + "')";
  }
  return out;
}

Error encoding_error(const std::string& file, int line, const std::string& problem, bool nul = false) {
  return Error{.file = file,
               .line = line,
               .problem = problem + "; the file must be UTF-8 text",
               .fix = nul ? "give a text file, saved as UTF-8 (in a spreadsheet: CSV UTF-8)"
                          : "save the file as UTF-8 (in a spreadsheet: CSV UTF-8; on the command line: "
                            "iconv -f latin1 -t utf-8 FILE > NEW)"};
}

bool is_decimal_comma(std::string_view t) {
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
  const auto comma = t.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma + 1 == t.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != comma && (t[i] < '0' || t[i] > '9')) return false;
  }
  return true;
}

enum class SplitProblem { kNone, kUnterminatedQuote, kTextAfterQuote };

struct Split {
  std::vector<std::string> fields;
  SplitProblem problem = SplitProblem::kNone;
  std::size_t problem_field = 0;   // 0-based
  std::size_t problem_column = 0;  // 1-based byte column
};

// The one field splitter; `strict` stops at the first problem.
Split split(std::string_view line, char separator, char quote, bool strict) {
  Split out;
  std::string field;
  bool quoted_now = false;
  bool was_quoted = false;
  std::size_t quote_start = 0;
  const auto finish_field = [&] {
    out.fields.push_back(was_quoted ? field : trim(field));
    field.clear();
    was_quoted = false;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted_now) {
      if (c != quote) {
        field += c;
      } else if (i + 1 < line.size() && line[i + 1] == quote) {
        field += quote;
        ++i;
      } else {
        quoted_now = false;
      }
    } else if (c == separator) {
      finish_field();
    } else if (c == quote && !was_quoted && trim(field).empty()) {
      quoted_now = true;
      was_quoted = true;
      quote_start = i;
      field.clear();
    } else if (was_quoted && strict && c != ' ' && c != '\t' && c != '\r') {
      out.problem = SplitProblem::kTextAfterQuote;
      out.problem_field = out.fields.size();
      out.problem_column = i + 1;
      return out;
    } else if (!was_quoted) {
      field += c;
    } else if (!strict) {
      field += c;
    }
  }
  if (quoted_now && strict) {
    out.problem = SplitProblem::kUnterminatedQuote;
    out.problem_field = out.fields.size();
    out.problem_column = quote_start + 1;
    return out;
  }
  finish_field();
  return out;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Error{.file = path,
                 .problem = "this is a directory, not a file",
                 .fix = "give the path of a stakeholder table inside it"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int saved = errno;
    return Error{
        .file = path,
        .problem = std::string("cannot open the file (") + (saved != 0 ? std::strerror(saved) : "unknown reason") + ")",
        .fix = "check the path and that the file is readable"};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Result<std::vector<Line>> split_lines(const std::string& file, std::string_view content) {
  if (content.starts_with(kByteOrderMark)) content.remove_prefix(kByteOrderMark.size());
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF")) {
    return Error{.file = file,
                 .line = 1,
                 .problem = "the file is UTF-16 text (it starts with a UTF-16 byte-order mark)",
                 .fix = "save it as UTF-8 (in a spreadsheet: CSV UTF-8; or: iconv -f utf-16 -t utf-8 FILE > NEW)"};
  }
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < content.size();) {
    const char c = content[i];
    if (c == '\n' || c == '\r') {  // LF, CRLF, or a lone CR (old Mac spreadsheets)
      if (number == INT_MAX) {
        return Error{.file = file,
                     .line = number,
                     .problem = "the file has more lines than detente can count",
                     .fix = "split the file"};
      }
      lines.push_back({number++, content.substr(start, i - start)});
      i += (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ? 2 : 1;
      start = i;
      continue;
    }
    if (c == '\0') {
      return encoding_error(file, number,
                            "a NUL byte (0x00) at byte column " + std::to_string(i - start + 1) +
                                ": this is a binary file, or text saved as UTF-16",
                            /*nul=*/true);
    }
    const std::size_t n = utf8_sequence_length(content, i);
    if (n == 0) return encoding_error(file, number, describe_invalid_utf8(content, i, i - start + 1));
    i += n;
  }
  if (start < content.size()) lines.push_back({number, content.substr(start)});
  return lines;
}

std::vector<std::string> split_fields(std::string_view line, char separator, char quote) {
  return split(line, separator, quote, /*strict=*/false).fields;
}

Result<std::vector<std::string>> split_record(const std::string& file, const Line& line, char separator, char quote,
                                              std::span<const std::string> names) {
  Split result = split(line.text, separator, quote, /*strict=*/true);
  if (result.problem == SplitProblem::kNone) return std::move(result.fields);
  const std::size_t index = result.problem_field;
  const std::string field =
      index < names.size() && !trim(names[index]).empty() ? trim(names[index]) : "column " + std::to_string(index + 1);
  const std::string q(1, quote);
  if (result.problem == SplitProblem::kUnterminatedQuote) {
    return Error{.file = file,
                 .line = line.number,
                 .field = field,
                 .problem = "the quote " + q + " opened at byte column " + std::to_string(result.problem_column) +
                            " is never closed on this line (a quoted field cannot span lines)",
                 .fix = "close the quote with " + q + ", write a " + q + " inside a quoted field as " + q + q +
                        ", and keep each row on one line"};
  }
  return Error{.file = file,
               .line = line.number,
               .field = field,
               .problem = "text after the closing quote " + q + " at byte column " +
                          std::to_string(result.problem_column) +
                          ", where the separator or the end of the line belongs",
               .fix = "put the whole value inside the quotes, and write a " + q + " inside a quoted field as " + q + q};
}

NumberReading read_number(std::string_view text) {
  const std::string t = trim(text);
  if (t.empty()) return {.problem = NumberProblem::kEmpty};
  std::string_view digits = t;
  if (digits.front() == '+') {  // spreadsheets write "+3"; from_chars does not take it
    digits.remove_prefix(1);
    if (digits.empty() || digits.front() == '-' || digits.front() == '+')
      return {.problem = NumberProblem::kNotANumber};
  }
  double value = 0.0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value, std::chars_format::general);
  if (ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return {.problem = is_decimal_comma(t) ? NumberProblem::kDecimalComma : NumberProblem::kNotANumber};
  }
  if (ec == std::errc::result_out_of_range) return {.problem = NumberProblem::kOutOfRange};
  if (!std::isfinite(value)) return {.problem = NumberProblem::kNotFinite};
  if (std::fabs(value) > kLargestNumber) return {.problem = NumberProblem::kOutOfRange};
  return {.value = value};
}

std::optional<double> parse_number(std::string_view text) {
  const NumberReading reading = read_number(text);
  if (reading.problem != NumberProblem::kNone) return std::nullopt;
  return reading.value;
}

std::string in_quotes(std::string_view text) {
  std::size_t cut = text.size();
  if (cut > kShownCharacters) {
    cut = kShownCharacters;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a character
  }
  std::string out = "'";
  for (const char c : text.substr(0, cut)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x" + hex_byte(byte).substr(2);
    } else {
      out += c;
    }
  }
  out += cut < text.size() ? "...'" : "'";
  return out;
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc()) return "?";
  return std::string(buffer.data(), ptr);
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_blank(std::string_view line, char separator) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != separator) return false;
  }
  return true;
}

}  // namespace detente::io
