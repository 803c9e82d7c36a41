// Stokman's Decide format (as read by the Decide exchange-model program,
// Dijkstra, van Assen, Stokman et al.): tab-separated rows, fields quoted
// with ', tagged #A (actor: id, name, comment), #P (issue: id, name,
// description), #M (issue, scale point) and #D (actor, issue, position,
// salience, power).
#include <algorithm>
#include <map>
#include <set>

#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

Error too_few(const std::string& file, int line, const std::string& tag, std::size_t got, std::size_t want,
              const std::string& layout) {
  return Error{.file = file, .line = line, .field = tag,
               .problem = "a " + tag + " row needs " + std::to_string(want) + " fields, found " + std::to_string(got),
               .fix = "write " + layout + ", separated by tabs"};
}

}  // namespace

Result<StakeholderProblem> parse_decide(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  ProblemBuilder builder(file);
  std::set<std::string> actors;
  std::map<std::string, std::size_t> issues;
  std::map<std::size_t, std::pair<double, double>> scale_points;   // issue → (min, max)
  std::vector<std::pair<std::size_t, std::pair<int, double>>> positions_to_check;  // (issue, (line, position))
  bool any = false;

  for (const auto& line : *lines) {
    if (is_blank(line.text, '\t')) continue;
    const auto fields = split_fields(line.text, '\t', '\'');
    const std::string tag = trim(fields[0]);
    any = true;
    if (tag == "#A") {
      if (fields.size() < 2) return too_few(file, line.number, tag, fields.size(), 2, "'#A' 'id' 'name' 'comment'");
      actors.insert(trim(fields[1]));
    } else if (tag == "#P") {
      if (fields.size() < 2) return too_few(file, line.number, tag, fields.size(), 2, "'#P' 'id' 'name' 'description'");
      const std::string id = trim(fields[1]);
      issues[id] = builder.issue(id);
    } else if (tag == "#M") {
      if (fields.size() < 3) return too_few(file, line.number, tag, fields.size(), 3, "'#M' 'issue' value");
      const auto issue = issues.find(trim(fields[1]));
      if (issue == issues.end()) {
        return Error{.file = file, .line = line.number, .field = "#M issue",
                     .problem = "scale point for undeclared issue '" + trim(fields[1]) + "'",
                     .fix = "declare the issue with a '#P' row before its '#M' rows"};
      }
      auto value = number_field(file, line.number, "#M value", fields[2]);
      if (!value) return value.error();
      auto [it, added] = scale_points.try_emplace(issue->second, *value, *value);
      it->second.first = std::min(it->second.first, *value);
      it->second.second = std::max(it->second.second, *value);
    } else if (tag == "#D") {
      if (fields.size() < 6) {
        return too_few(file, line.number, tag, fields.size(), 6, "'#D' 'actor' 'issue' position salience power");
      }
      const std::string actor = trim(fields[1]);
      if (!actors.contains(actor)) {
        return Error{.file = file, .line = line.number, .field = "#D actor",
                     .problem = "undeclared actor '" + actor + "'",
                     .fix = "declare the actor with an '#A' row before its '#D' rows"};
      }
      const auto issue = issues.find(trim(fields[2]));
      if (issue == issues.end()) {
        return Error{.file = file, .line = line.number, .field = "#D issue",
                     .problem = "undeclared issue '" + trim(fields[2]) + "'",
                     .fix = "declare the issue with a '#P' row before its '#D' rows"};
      }
      auto position = number_field(file, line.number, "#D position", fields[3]);
      if (!position) return position.error();
      auto salience = number_field(file, line.number, "#D salience", fields[4]);
      if (!salience) return salience.error();
      auto power = number_field(file, line.number, "#D power", fields[5]);
      if (!power) return power.error();
      auto added = builder.add_stake(issue->second, actor, line.number, *position, *salience, *power,
                                     "#D salience", "#D power");
      if (!added) return added.error();
      positions_to_check.push_back({issue->second, {line.number, *position}});
    } else {
      return Error{.file = file, .line = line.number, .field = "tag",
                   .problem = "unknown row tag '" + tag + "'",
                   .fix = "start each row with '#A', '#P', '#M' or '#D'"};
    }
  }
  if (!any) {
    return Error{.file = file, .problem = "the file is empty",
                 .fix = "write '#A', '#P', '#M' and '#D' rows (Decide format)"};
  }
  for (const auto& [issue, range] : scale_points) builder.set_scale(issue, Scale{range.first, range.second});
  for (const auto& [issue, where] : positions_to_check) {
    const auto range = scale_points.find(issue);
    if (range == scale_points.end()) continue;
    if (where.second < range->second.first || where.second > range->second.second) {
      return Error{.file = file, .line = where.first, .field = "#D position",
                   .problem = "position " + trim(std::to_string(where.second)) + " lies outside the issue's scale [" +
                              trim(std::to_string(range->second.first)) + ", " +
                              trim(std::to_string(range->second.second)) + "] given by its '#M' rows",
                   .fix = "move the position inside the scale or widen the scale with another '#M' row"};
    }
  }
  return builder.finish();
}

}  // namespace detente::io
