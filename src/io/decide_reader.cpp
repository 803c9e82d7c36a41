// Stokman's Decide format (as read by the Decide exchange-model program,
// Dijkstra, van Assen, Stokman et al.; layout as in foarsitter/decide-exchange-model):
// rows separated by tabs (or semicolons or commas, the same throughout),
// fields optionally quoted with ', each row tagged
//   #A actor: id, name, comment        #P issue: id, name, description
//   #M issue, scale point, meaning     #D actor, issue, position, salience, power, comment
//   #O issue description (ignored)     #/ comment (ignored)
// An issue's scale spans its #M points; without #M rows Decide uses 0-100.
#include <algorithm>
#include <map>

#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

constexpr std::string_view kTags = "'#A' (actor), '#P' (issue), '#M' (scale point) or '#D' (data)";
constexpr Scale kDecideDefaultScale{0.0, 100.0};

struct Declared {
  int line = 0;
  std::size_t index = 0;  // issue index in the builder (issues only)
  bool has_data = false;
};

struct ScalePoints {
  int first_line = 0;
  double lo = 0.0;
  double hi = 0.0;
};

struct Position {
  std::size_t issue = 0;
  int line = 0;
  double value = 0.0;
};

// The separator follows the first row's tag: "'#A'<TAB>..." or "#A;...".
char guess_separator(std::string_view first_row) {
  std::size_t after_tag = 2;
  if (first_row.starts_with('\'')) {
    const auto close = first_row.find('\'', 1);
    after_tag = close == std::string_view::npos ? first_row.size() : close + 1;
  }
  const char c = after_tag < first_row.size() ? first_row[after_tag] : '\t';
  return c == ';' || c == ',' ? c : '\t';
}

class DecideReader {
 public:
  DecideReader(const std::string& file, char separator)
      : file_(file), builder_(file), separator_(separator == '\t' ? "tabs" : std::string("'") + separator + "'") {}

  Result<bool> read_row(const Line& line, const std::vector<std::string>& fields);
  Result<StakeholderProblem> finish();

 private:
  Result<bool> read_actor(const Line& line, const std::vector<std::string>& fields);
  Result<bool> read_issue(const Line& line, const std::vector<std::string>& fields);
  Result<bool> read_scale_point(const Line& line, const std::vector<std::string>& fields);
  Result<bool> read_data(const Line& line, const std::vector<std::string>& fields);
  Result<bool> check_positions(const std::map<std::size_t, Scale>& scales) const;
  Result<std::map<std::size_t, Scale>> scales();
  Error too_few(const Line& line, const std::string& tag, std::size_t got, std::size_t want,
                const std::string& layout) const;
  Result<std::string> id_field(const Line& line, const std::string& field, const std::string& text) const;

  const std::string& file_;
  ProblemBuilder builder_;
  std::map<std::string, Declared> actors_;
  std::map<std::string, Declared> issues_;
  std::map<std::size_t, ScalePoints> points_;  // issue index → #M points
  std::vector<Position> positions_;
  std::string separator_;  // for messages
};

Error DecideReader::too_few(const Line& line, const std::string& tag, std::size_t got, std::size_t want,
                            const std::string& layout) const {
  return Error{.file = file_,
               .line = line.number,
               .field = "column " + std::to_string(got + 1),
               .problem = "a " + tag + " row needs " + std::to_string(want) + " fields, found " + std::to_string(got),
               .fix = "write " + layout + ", separated by " + separator_};
}

Result<std::string> DecideReader::id_field(const Line& line, const std::string& field, const std::string& text) const {
  std::string id = trim(text);
  if (!id.empty()) return id;
  return Error{.file = file_,
               .line = line.number,
               .field = field,
               .problem = "expected an id, found an empty field",
               .fix = "give every actor and issue an id, and refer to it by that id"};
}

Result<bool> DecideReader::read_row(const Line& line, const std::vector<std::string>& fields) {
  const std::string tag = trim(fields[0]);
  if (tag == "#A") return read_actor(line, fields);
  if (tag == "#P") return read_issue(line, fields);
  if (tag == "#M") return read_scale_point(line, fields);
  if (tag == "#D") return read_data(line, fields);
  if (tag == "#O" || tag == "#/") return true;  // issue descriptions and comments carry no data
  return Error{.file = file_,
               .line = line.number,
               .field = "column 1",
               .problem = "expected a row tag " + std::string(kTags) + ", found " + in_quotes(tag),
               .fix =
                   "start every row with one of those tags ('#/' starts a comment); a stakeholder CSV is read "
                   "with --input-format csv"};
}

Result<bool> DecideReader::read_actor(const Line& line, const std::vector<std::string>& fields) {
  if (fields.size() < 2) return too_few(line, "'#A'", fields.size(), 2, "'#A' 'id' 'name' 'comment'");
  auto id = id_field(line, "#A id", fields[1]);
  if (!id) return id.error();
  const auto [it, added] = actors_.try_emplace(*id, Declared{.line = line.number});
  if (!added) {
    return Error{.file = file_,
                 .line = line.number,
                 .field = "#A id",
                 .problem = "actor " + in_quotes(*id) + " is declared twice; the first '#A' row is line " +
                            std::to_string(it->second.line),
                 .fix = "keep one '#A' row per actor, or give the second actor another id"};
  }
  return true;
}

Result<bool> DecideReader::read_issue(const Line& line, const std::vector<std::string>& fields) {
  if (fields.size() < 2) return too_few(line, "'#P'", fields.size(), 2, "'#P' 'id' 'name' 'description'");
  auto id = id_field(line, "#P id", fields[1]);
  if (!id) return id.error();
  if (const auto seen = issues_.find(*id); seen != issues_.end()) {
    return Error{.file = file_,
                 .line = line.number,
                 .field = "#P id",
                 .problem = "issue " + in_quotes(*id) + " is declared twice; the first '#P' row is line " +
                            std::to_string(seen->second.line),
                 .fix = "keep one '#P' row per issue, or give the second issue another id"};
  }
  issues_[*id] = Declared{.line = line.number, .index = builder_.issue(*id)};
  return true;
}

Result<bool> DecideReader::read_scale_point(const Line& line, const std::vector<std::string>& fields) {
  if (fields.size() < 3) return too_few(line, "'#M'", fields.size(), 3, "'#M' 'issue' value 'meaning'");
  const auto issue = issues_.find(trim(fields[1]));
  if (issue == issues_.end()) {
    return Error{
        .file = file_,
        .line = line.number,
        .field = "#M issue",
        .problem = "a scale point for issue " + in_quotes(trim(fields[1])) + ", which no '#P' row above declares",
        .fix = "declare the issue with a '#P' row before its '#M' rows, or correct the issue id"};
  }
  auto value = number_field(file_, line.number, "#M value", fields[2]);
  if (!value) return value.error();
  const auto [it, added] = points_.try_emplace(issue->second.index, ScalePoints{line.number, *value, *value});
  it->second.lo = std::min(it->second.lo, *value);
  it->second.hi = std::max(it->second.hi, *value);
  return true;
}

Result<bool> DecideReader::read_data(const Line& line, const std::vector<std::string>& fields) {
  if (fields.size() < 6) {
    return too_few(line, "'#D'", fields.size(), 6, "'#D' 'actor' 'issue' position salience power");
  }
  const std::string actor = trim(fields[1]);
  const auto declared_actor = actors_.find(actor);
  if (declared_actor == actors_.end()) {
    return Error{.file = file_,
                 .line = line.number,
                 .field = "#D actor",
                 .problem = "actor " + in_quotes(actor) + ", which no '#A' row above declares",
                 .fix = "declare the actor with an '#A' row before its '#D' rows, or correct the actor id"};
  }
  const auto issue = issues_.find(trim(fields[2]));
  if (issue == issues_.end()) {
    return Error{.file = file_,
                 .line = line.number,
                 .field = "#D issue",
                 .problem = "issue " + in_quotes(trim(fields[2])) + ", which no '#P' row above declares",
                 .fix = "declare the issue with a '#P' row before its '#D' rows, or correct the issue id"};
  }
  auto position = number_field(file_, line.number, "#D position", fields[3]);
  if (!position) return position.error();
  auto salience = number_field(file_, line.number, "#D salience", fields[4]);
  if (!salience) return salience.error();
  auto power = number_field(file_, line.number, "#D power", fields[5]);
  if (!power) return power.error();
  auto added = builder_.add_stake(issue->second.index, actor, line.number, *position, *salience, *power, "#D salience",
                                  "#D power");
  if (!added) {
    Error error = added.error();
    if (error.field == "Actor") error.field = "#D actor";
    return error;
  }
  declared_actor->second.has_data = true;
  issue->second.has_data = true;
  positions_.push_back({issue->second.index, line.number, *position});
  return true;
}

// Each issue's scale: its #M points, or Decide's default 0-100.
Result<std::map<std::size_t, Scale>> DecideReader::scales() {
  std::map<std::size_t, Scale> out;
  for (const auto& [id, issue] : issues_) {
    const auto points = points_.find(issue.index);
    if (points == points_.end()) {
      out[issue.index] = kDecideDefaultScale;
      continue;
    }
    if (points->second.lo == points->second.hi) {
      return Error{.file = file_,
                   .line = points->second.first_line,
                   .field = "#M value",
                   .problem = "issue " + in_quotes(id) + " has only the scale point " +
                              format_number(points->second.lo) + "; a scale needs two different points",
                   .fix = "add an '#M' row for the other end of the issue's scale"};
    }
    out[issue.index] = Scale{points->second.lo, points->second.hi};
  }
  return out;
}

Result<bool> DecideReader::check_positions(const std::map<std::size_t, Scale>& scales) const {
  for (const auto& position : positions_) {
    const Scale& scale = scales.at(position.issue);
    if (position.value >= scale.lo && position.value <= scale.hi) continue;
    const bool declared = points_.contains(position.issue);
    return Error{.file = file_,
                 .line = position.line,
                 .field = "#D position",
                 .problem = "position " + format_number(position.value) + " lies outside the issue's scale [" +
                            format_number(scale.lo) + ", " + format_number(scale.hi) + "]" +
                            (declared ? " given by its '#M' rows" : " (Decide's default: the issue has no '#M' rows)"),
                 .fix = declared ? "move the position inside the scale, or widen the scale with another '#M' row"
                                 : "move the position inside 0-100, or give the issue's scale with '#M' rows"};
  }
  return true;
}

Result<StakeholderProblem> DecideReader::finish() {
  if (positions_.empty()) {
    return Error{.file = file_,
                 .field = "#D",
                 .problem = "the file has no '#D' rows, so no actor has a position on any issue",
                 .fix = "add a row '#D' 'actor' 'issue' position salience power for each actor and issue"};
  }
  for (const auto& [id, issue] : issues_) {
    if (issue.has_data) continue;
    return Error{.file = file_,
                 .line = issue.line,
                 .field = "#P id",
                 .problem = "issue " + in_quotes(id) + " has no '#D' rows, so no actor has a position on it",
                 .fix = "add '#D' rows for the issue, or remove its '#P' and '#M' rows"};
  }
  auto issue_scales = scales();
  if (!issue_scales) return issue_scales.error();
  if (auto inside = check_positions(*issue_scales); !inside) return inside.error();
  for (const auto& [index, scale] : *issue_scales) builder_.set_scale(index, scale);
  auto problem = builder_.finish();
  if (!problem) return problem;
  for (const auto& [id, issue] : issues_) {
    if (!points_.contains(issue.index)) {
      problem->notes.push_back("issue " + in_quotes(id) + " has no '#M' rows: its scale is Decide's default 0-100");
    }
  }
  for (const auto& [id, actor] : actors_) {
    if (!actor.has_data) {
      problem->notes.push_back("actor " + in_quotes(id) + " (line " + std::to_string(actor.line) +
                               ") has no '#D' rows and takes no part");
    }
  }
  return problem;
}

}  // namespace

Result<StakeholderProblem> parse_decide(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  const auto first = std::find_if(lines->begin(), lines->end(), [](const Line& l) { return !is_blank(l.text, '\t'); });
  if (first == lines->end()) {
    return Error{.file = file,
                 .problem = lines->empty() ? "the file is empty" : "the file holds only blank lines",
                 .fix = "write '#A' (actor), '#P' (issue), '#M' (scale point) and '#D' (data) rows, separated by tabs"};
  }
  const char separator = guess_separator(first->text);
  DecideReader reader(file, separator);
  for (auto line = first; line != lines->end(); ++line) {
    if (is_blank(line->text, separator)) continue;
    auto fields = split_record(file, *line, separator, '\'');
    if (!fields) return fields.error();
    if (auto read = reader.read_row(*line, *fields); !read) return read.error();
  }
  return reader.finish();
}

}  // namespace detente::io
