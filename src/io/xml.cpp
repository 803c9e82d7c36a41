#include "io/xml.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "io/text.h"

namespace detente::io::xml {
namespace {

constexpr std::size_t kMaxDepth = 256;

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
         c == '-' || c == '.' || u >= 0x80;
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6U));
    out += static_cast<char>(0x80 | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12U));
    out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80 | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18U));
    out += static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80 | (cp & 0x3FU));
  }
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : s_(text), file_(file) {}

  Result<Element> run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") advance(3);
    std::vector<Element> open;
    bool have_root = false;
    Element root;
    while (pos_ < s_.size()) {
      if (starts("<?")) {
        if (auto e = skip_past("?>", "processing instruction", "end it with ?>")) return *e;
      } else if (starts("<!--")) {
        if (auto e = skip_past("-->", "comment", "end it with -->")) return *e;
      } else if (starts("<![CDATA[")) {
        if (open.empty()) return error("character data (CDATA) outside the root element", "move it inside an element");
        const std::size_t begin = pos_ + 9;
        const std::size_t end = s_.find("]]>", begin);
        if (end == std::string_view::npos) return error("a CDATA section is never closed", "end it with ]]>");
        open.back().text += std::string(s_.substr(begin, end - begin));
        advance(end + 3 - pos_);
      } else if (starts("<!")) {
        return error("a document type declaration (<!DOCTYPE ...>) or other declaration",
                     "remove it: scenario files need no DTD");
      } else if (starts("</")) {
        const int line = line_;
        advance(2);
        const std::string name = read_name();
        skip_spaces();
        if (name.empty() || !starts(">")) return error("a malformed closing tag", "write it as </Name>");
        advance(1);
        if (open.empty()) {
          return error_at(line, "closing tag </" + name + "> with no element open", "remove it");
        }
        if (open.back().name != name) {
          return error_at(line,
                          "closing tag </" + name + "> where <" + open.back().name + ">, opened on line " +
                              std::to_string(open.back().line) + ", is still open",
                          "close <" + open.back().name + "> first, or correct the tag's name");
        }
        Element done = std::move(open.back());
        open.pop_back();
        if (open.empty()) {
          root = std::move(done);
          have_root = true;
        } else {
          open.back().children.push_back(std::move(done));
        }
      } else if (starts("<")) {
        if (have_root && open.empty()) {
          return error("a second top-level element; an XML document has exactly one root",
                       "put everything inside the one root element");
        }
        if (open.size() >= kMaxDepth) return error("elements nested too deeply", "flatten the document");
        Element e;
        e.line = line_;
        e.column = column_;
        advance(1);
        e.name = read_name();
        if (e.name.empty()) return error("'<' that does not start a tag", "write &lt; for a literal '<'");
        for (;;) {
          const bool spaced = skip_spaces();
          if (starts("/>") || starts(">")) break;
          if (pos_ >= s_.size()) return error_at(e.line, "tag <" + e.name + "> is never finished", "end it with >");
          if (!spaced)
            return error("no space before an attribute in <" + e.name + ">", "separate attributes with a space");
          auto attribute = read_attribute(e);
          if (!attribute) return attribute.error();
          e.attributes.push_back(std::move(*attribute));
        }
        if (starts("/>")) {
          advance(2);
          if (open.empty()) {
            root = std::move(e);
            have_root = true;
          } else {
            open.back().children.push_back(std::move(e));
          }
        } else {
          advance(1);
          open.push_back(std::move(e));
        }
      } else {
        const std::size_t end = std::min(s_.find('<', pos_), s_.size());
        auto text = decode(s_.substr(pos_, end - pos_));
        if (!text) return text.error();
        if (open.empty()) {
          if (text->find_first_not_of(" \t\r\n") != std::string::npos) {
            return error("text outside the root element", "remove it, or move it inside an element");
          }
          advance(end - pos_);
        } else {
          open.back().text += *text;
          advance(end - pos_);
        }
      }
    }
    if (!open.empty()) {
      return error_at(open.back().line, "element <" + open.back().name + "> is never closed",
                      "add </" + open.back().name + "> where it ends");
    }
    if (!have_root)
      return Error{.file = file_, .problem = "the file holds no XML element", .fix = "give it a root element"};
    return root;
  }

 private:
  bool starts(std::string_view prefix) const { return s_.substr(pos_, prefix.size()) == prefix; }

  void advance(std::size_t count) {
    for (std::size_t k = 0; k < count && pos_ < s_.size(); ++k, ++pos_) {
      if (s_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }

  bool skip_spaces() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_space(s_[pos_])) advance(1);
    return pos_ > start;
  }

  std::string read_name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) advance(1);
    return std::string(s_.substr(start, pos_ - start));
  }

  std::optional<Error> skip_past(std::string_view end, const std::string& what, const std::string& fix) {
    const int line = line_;
    const std::size_t found = s_.find(end, pos_);
    if (found == std::string_view::npos) return error_at(line, "a " + what + " is never closed", fix);
    advance(found + end.size() - pos_);
    return std::nullopt;
  }

  Result<std::pair<std::string, std::string>> read_attribute(const Element& e) {
    std::string name = read_name();
    if (name.empty()) return error("a malformed attribute in <" + e.name + ">", "write attributes as name=\"value\"");
    for (const auto& [existing, value] : e.attributes) {
      if (existing == name) return error("attribute '" + name + "' given twice in <" + e.name + ">", "keep one");
    }
    skip_spaces();
    if (!starts("=")) return error("attribute '" + name + "' has no value", "write " + name + "=\"value\"");
    advance(1);
    skip_spaces();
    if (!starts("\"") && !starts("'")) {
      return error("the value of attribute '" + name + "' is not quoted", "write " + name + "=\"value\"");
    }
    const char quote = s_[pos_];
    advance(1);
    const std::size_t end = s_.find(quote, pos_);
    if (end == std::string_view::npos)
      return error("the value of attribute '" + name + "' is never closed", "close the quote");
    const std::string_view raw = s_.substr(pos_, end - pos_);
    if (raw.find('<') != std::string_view::npos) {
      return error("'<' inside the value of attribute '" + name + "'", "write &lt; instead");
    }
    auto value = decode(raw);
    if (!value) return value.error();
    advance(end + 1 - pos_);
    return std::make_pair(std::move(name), std::move(*value));
  }

  // Replaces character references; positions in errors are those of `raw` in the file.
  Result<std::string> decode(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] != '&') {
        out += raw[k];
        continue;
      }
      const std::size_t semi = raw.find(';', k);
      const std::string_view ref = semi == std::string_view::npos ? raw.substr(k) : raw.substr(k + 1, semi - k - 1);
      const auto fail = [&] {
        return error_at(
            line_ + static_cast<int>(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(k), '\n')),
            "'&' that does not start a character reference (&amp;, &lt;, &gt;, &quot;, &apos;, &#N;)",
            "write &amp; for a literal '&'");
      };
      if (semi == std::string_view::npos || ref.size() > 10) return fail();
      if (ref == "lt")
        out += '<';
      else if (ref == "gt")
        out += '>';
      else if (ref == "amp")
        out += '&';
      else if (ref == "quot")
        out += '"';
      else if (ref == "apos")
        out += '\'';
      else if (ref.size() >= 2 && ref[0] == '#') {
        const bool hex = ref[1] == 'x';
        const std::string_view digits = ref.substr(hex ? 2 : 1);
        if (digits.empty()) return fail();
        std::uint32_t cp = 0;
        for (const char c : digits) {
          int d = -1;
          if (c >= '0' && c <= '9')
            d = c - '0';
          else if (hex && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
          else if (hex && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
          if (d < 0) return fail();
          cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(d);
          if (cp > 0x10FFFF) return fail();
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return fail();
        append_utf8(out, cp);
      } else {
        return fail();
      }
      k = semi;
    }
    return out;
  }

  Error error(const std::string& what, const std::string& fix) const { return error_at(line_, what, fix); }
  Error error_at(int line, const std::string& what, const std::string& fix) const {
    return Error{.file = file_, .line = line, .field = "XML", .problem = what, .fix = fix};
  }

  std::string_view s_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

std::vector<const Element*> Element::all(std::string_view child_name) const {
  std::vector<const Element*> out;
  for (const auto& c : children) {
    if (c.name == child_name) out.push_back(&c);
  }
  return out;
}

const Element* Element::first(std::string_view child_name) const {
  for (const auto& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

Result<Element> parse(std::string_view content, const std::string& file) {
  // Checks UTF-8 first: the message then names the line and byte.
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  return Parser(content, file).run();
}

}  // namespace detente::io::xml
