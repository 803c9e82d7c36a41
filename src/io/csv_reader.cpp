// detente's stakeholder CSV: a header row naming the columns Actor,
// Capability, Position, Salience (with common aliases) and optionally Issue.
#include <algorithm>
#include <array>
#include <optional>

#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

struct Column {
  const char* canonical;
  std::vector<std::string> aliases;   // lower case
  bool required;
};

const std::array<Column, 5>& columns() {
  static const std::array<Column, 5> kColumns = {{
      {"Actor", {"actor", "stakeholder", "name"}, true},
      {"Capability", {"capability", "clout", "influence", "power", "resources"}, true},
      {"Position", {"position"}, true},
      {"Salience", {"salience"}, true},
      {"Issue", {"issue"}, false},
  }};
  return kColumns;
}

char guess_separator(std::string_view header) {
  const std::array<char, 3> candidates = {',', ';', '\t'};
  char best = ',';
  std::size_t best_count = 0;
  for (const char c : candidates) {
    const auto count = static_cast<std::size_t>(std::count(header.begin(), header.end(), c));
    if (count > best_count) {
      best = c;
      best_count = count;
    }
  }
  return best;
}

bool is_comment(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line[first] == '#';
}

}  // namespace

Result<StakeholderProblem> parse_stakeholder_csv(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  auto line = lines->begin();
  while (line != lines->end() && (is_blank(line->text, ',') || is_comment(line->text))) ++line;
  if (line == lines->end()) {
    return Error{.file = file, .problem = "the file is empty",
                 .fix = "start with a header row such as: Actor,Capability,Position,Salience"};
  }
  const char sep = guess_separator(line->text);
  const int header_line = line->number;
  const auto header = split_fields(line->text, sep);

  // Column index of each canonical column, from the header.
  std::array<std::optional<std::size_t>, 5> index;
  std::array<std::string, 5> header_name;
  for (std::size_t h = 0; h < header.size(); ++h) {
    const std::string name = lower(trim(header[h]));
    for (std::size_t c = 0; c < columns().size(); ++c) {
      const auto& aliases = columns()[c].aliases;
      if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) continue;
      if (index[c]) {
        return Error{.file = file, .line = header_line, .field = header[h],
                     .problem = "a second column for " + std::string(columns()[c].canonical) + " (column " +
                                std::to_string(h + 1) + "; the first is '" + header_name[c] + "')",
                     .fix = "keep one of the two columns"};
      }
      index[c] = h;
      header_name[c] = trim(header[h]);
    }
  }
  for (std::size_t c = 0; c < columns().size(); ++c) {
    if (index[c] || !columns()[c].required) continue;
    std::string accepted;
    for (const auto& alias : columns()[c].aliases) accepted += (accepted.empty() ? "" : ", ") + alias;
    return Error{.file = file, .line = header_line, .field = columns()[c].canonical,
                 .problem = "the header has no " + std::string(columns()[c].canonical) + " column",
                 .fix = "add a column named one of: " + accepted + " (case does not matter)"};
  }
  std::size_t needed = 0;
  for (const auto& i : index) {
    if (i) needed = std::max(needed, *i + 1);
  }

  ProblemBuilder builder(file);
  for (++line; line != lines->end(); ++line) {
    if (is_blank(line->text, sep) || is_comment(line->text)) continue;
    const auto fields = split_fields(line->text, sep);
    if (fields.size() < needed) {
      return Error{.file = file, .line = line->number,
                   .problem = "the row has " + std::to_string(fields.size()) + " fields, the header needs at least " +
                              std::to_string(needed),
                   .fix = "give every row a value for each column, separated by '" +
                          std::string(sep == '\t' ? "\\t" : std::string(1, sep)) + "'"};
    }
    const auto get = [&](std::size_t c) { return fields[*index[c]]; };
    auto capability = number_field(file, line->number, header_name[1], get(1));
    if (!capability) return capability.error();
    auto position = number_field(file, line->number, header_name[2], get(2));
    if (!position) return position.error();
    auto salience = number_field(file, line->number, header_name[3], get(3));
    if (!salience) return salience.error();
    const std::size_t issue = builder.issue(index[4] ? trim(get(4)) : std::string("issue"));
    auto added = builder.add_stake(issue, trim(get(0)), line->number, *position, *salience, *capability,
                                   header_name[3], header_name[1]);
    if (!added) return added.error();
  }
  auto problem = builder.finish();
  if (problem) problem->notes.push_back("each issue's scale is the range of its positions");
  return problem;
}

}  // namespace detente::io
