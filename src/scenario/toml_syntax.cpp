#include "scenario/toml_syntax.h"

namespace detente::scenario {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

std::string_view line_of_text(std::string_view text, int number) {
  for (int line = 1; line < number; ++line) {
    const auto end = text.find('\n');
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + 1);
  }
  return text.substr(0, text.find('\n'));
}

TomlSyntaxProblem describe_toml_syntax(std::string_view description, std::string_view line, std::string_view docs) {
  const std::string shown(trimmed(line));
  // toml++ reports a number beyond the range of a double as a value it could not interpret.
  if (contains(description, "floating-point") && contains(description, "could not be interpreted")) {
    return {.problem = "a number on this line is beyond the range of a double (about ±1.8e308): " + shown,
            .fix = "write a number in range"};
  }
  // toml++ garbles a quoted dotted key in this message, so the line is quoted instead.
  if (contains(description, "cannot redefine existing")) {
    return {.problem = "a key is given twice (TOML allows each key once in a table): " + shown,
            .fix = "keep one of the two, or rename the other"};
  }
  std::string problem(description);
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (problem.rfind(kPrefix, 0) == 0) problem = "TOML syntax: " + problem.substr(kPrefix.size());
  return {.problem = problem + (shown.empty() ? "" : " (" + shown + ")"),
          .fix = "correct the TOML syntax at that line (" + std::string(docs) + ")"};
}

}  // namespace detente::scenario
