// toml++'s syntax errors in detente's words, for every reader of TOML files (scenarios,
// timelines): the problem, and a fix that points at the file's documentation.
#pragma once

#include <string>
#include <string_view>

namespace detente::scenario {

struct TomlSyntaxProblem {
  std::string problem;
  std::string fix;
};

// `description` is toml++'s, `line` the text of the offending line, `docs` where the format is shown.
[[nodiscard]] TomlSyntaxProblem describe_toml_syntax(std::string_view description, std::string_view line,
                                                     std::string_view docs);

// Line `number` (1-based) of `text`, without its line break; empty past the end.
[[nodiscard]] std::string_view line_of_text(std::string_view text, int number);

}  // namespace detente::scenario
