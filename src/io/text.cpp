#include "io/text.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace detente::io {
namespace {

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

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{.file = path,
                 .problem = std::string("cannot open the file (") + std::strerror(errno) + ")",
                 .fix = "check the path and that the file is readable"};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Result<std::vector<Line>> split_lines(const std::string& file, std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < content.size();) {
    const char c = content[i];
    if (c == '\n') {
      std::string_view text = content.substr(start, i - start);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      lines.push_back({number++, text});
      start = ++i;
      continue;
    }
    if (c == '\0') {
      return Error{.file = file, .line = number,
                   .problem = "a NUL byte at column " + std::to_string(i - start + 1) + ": this is not a text file",
                   .fix = "give a text file (CSV, Decide or KTAB format) saved as UTF-8"};
    }
    const std::size_t n = utf8_sequence_length(content, i);
    if (n == 0) {
      return Error{.file = file, .line = number,
                   .problem = "bytes that are not UTF-8 at column " + std::to_string(i - start + 1),
                   .fix = "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8 FILE > NEW)"};
    }
    i += n;
  }
  if (start < content.size()) {
    std::string_view text = content.substr(start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    lines.push_back({number, text});
  }
  return lines;
}

std::vector<std::string> split_fields(std::string_view line, char separator, char quote) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == quote) {
        if (i + 1 < line.size() && line[i + 1] == quote) {
          field += quote;
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == quote && trim(field).empty()) {
      quoted = true;
      was_quoted = true;
      field.clear();
    } else if (c == separator) {
      fields.push_back(was_quoted ? field : trim(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  fields.push_back(was_quoted ? field : trim(field));
  return fields;
}

std::optional<double> parse_number(std::string_view text) {
  const std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || errno == ERANGE || !std::isfinite(v)) return std::nullopt;
  return v;
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
