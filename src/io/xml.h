// A small, strict XML reader for scenario files (KTAB's XML scenarios):
// elements, attributes, text, comments, CDATA, processing instructions and
// the predefined and numeric character references. No DTDs, no external
// entities. Every element remembers its line and column, so that the
// readers built on it can say exactly where a value is wrong.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace detente::io::xml {

struct Element {
  std::string name;
  int line = 0;    // 1-based, of the '<' that opens the element
  int column = 0;  // 1-based, in bytes
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<Element> children;
  std::string text;  // the character data directly inside, concatenated

  // The children named `child_name`, in document order.
  [[nodiscard]] std::vector<const Element*> all(std::string_view child_name) const;
  // The first child named `child_name`, or nullptr.
  [[nodiscard]] const Element* first(std::string_view child_name) const;
};

// Parses a whole document and returns its root element. `file` is used in messages.
[[nodiscard]] Result<Element> parse(std::string_view content, const std::string& file);

}  // namespace detente::io::xml
