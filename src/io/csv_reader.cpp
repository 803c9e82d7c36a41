// detente's stakeholder CSV: a header row naming the columns Actor,
// Capability, Position, Salience (with common aliases) and optionally Issue,
// separated by commas, semicolons or tabs (whichever the header uses), and optionally the companion
// columns Position_sd, Salience_sd, Capability_sd: each stake's own uncertainty, for ensembles.
#include <algorithm>
#include <array>
#include <optional>

#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

enum ColumnId : std::size_t {
  kActor,
  kCapability,
  kPosition,
  kSalience,
  kIssue,
  kPositionSd,
  kSalienceSd,
  kCapabilitySd,
  kColumnCount
};

struct Column {
  const char* canonical;
  std::vector<std::string> aliases;  // lower case
  bool required;
};

const std::array<Column, kColumnCount>& columns() {
  static const std::array<Column, kColumnCount> kColumns = {{
      {"Actor", {"actor", "stakeholder", "name"}, true},
      {"Capability", {"capability", "clout", "influence", "power", "resources"}, true},
      {"Position", {"position"}, true},
      {"Salience", {"salience"}, true},
      {"Issue", {"issue"}, false},
      {"Position_sd", {"position_sd"}, false},
      {"Salience_sd", {"salience_sd"}, false},
      {"Capability_sd", {"capability_sd", "clout_sd", "influence_sd", "power_sd", "resources_sd"}, false},
  }};
  return kColumns;
}

constexpr std::string_view kHeaderExample = "Actor,Capability,Position,Salience";

struct Header {
  int line = 0;
  char separator = ',';
  std::vector<std::string> names;                              // as written, trimmed
  std::array<std::optional<std::size_t>, kColumnCount> index;  // column of each ColumnId
  std::vector<std::string> ignored;                            // named columns not read
  std::size_t width = 0;                                       // up to the last named column
};

std::string separator_name(char separator) {
  if (separator == '\t') return "a tab";
  return std::string("'") + separator + "'";
}

// The separator that splits the header into the most fields.
char guess_separator(std::string_view header) {
  char best = ',';
  std::size_t best_count = 0;
  for (const char c : {',', ';', '\t'}) {
    const std::size_t count = split_fields(header, c).size();
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

// A row of Stokman's Decide format, which a CSV reader would take for a comment.
bool looks_like_decide(const Line& line) {
  const std::string text = trim(line.text);
  return text.size() > 2 && text[0] == '#' && std::string_view("APMD").find(text[1]) != std::string_view::npos &&
         (text[2] == '\t' || text[2] == ';' || text[2] == ',');
}

bool skipped(const Line& line, char separator) { return is_blank(line.text, separator) || is_comment(line.text); }

std::string accepted_names(const Column& column) {
  std::string out;
  for (const auto& alias : column.aliases) out += (out.empty() ? "" : ", ") + alias;
  return out;
}

Result<Header> read_header(const std::string& file, const Line& line) {
  Header header{.line = line.number, .separator = guess_separator(line.text)};
  auto names = split_record(file, line, header.separator);
  if (!names) return names.error();
  for (const auto& name : *names) header.names.push_back(trim(name));
  for (std::size_t h = 0; h < header.names.size(); ++h) {
    const std::string name = lower(header.names[h]);
    bool known = false;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      const auto& aliases = columns()[c].aliases;
      if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) continue;
      known = true;
      if (header.index[c]) {
        return Error{.file = file,
                     .line = line.number,
                     .field = header.names[h],
                     .problem = "a second column for " + std::string(columns()[c].canonical) + " (column " +
                                std::to_string(h + 1) + "; column " + std::to_string(*header.index[c] + 1) + " is " +
                                in_quotes(header.names[*header.index[c]]) + ")",
                     .fix = "keep one of the two columns, or rename one"};
      }
      header.index[c] = h;
    }
    if (!known && !name.empty()) header.ignored.push_back(header.names[h]);
    if (!name.empty()) header.width = h + 1;
  }
  if (std::none_of(header.index.begin(), header.index.end(), [](const auto& i) { return i.has_value(); })) {
    return Error{.file = file,
                 .line = line.number,
                 .field = "header",
                 .problem = "the first row " + in_quotes(line.text) +
                            " names none of the columns Actor, Capability, Position, Salience",
                 .fix = "start the file with a header row such as " + std::string(kHeaderExample) +
                        "; a Decide or KTAB file is read with --input-format decide or --input-format ktab"};
  }
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (header.index[c] || !columns()[c].required) continue;
    return Error{.file = file,
                 .line = line.number,
                 .field = columns()[c].canonical,
                 .problem = "the header has no " + std::string(columns()[c].canonical) + " column (it has " +
                            in_quotes(line.text) + ")",
                 .fix = "add a column named one of: " + accepted_names(columns()[c]) + " (case does not matter)"};
  }
  return header;
}

// The fields of a data row, checked against the header's width.
Result<std::vector<std::string>> read_row(const std::string& file, const Line& line, const Header& header) {
  auto fields = split_record(file, line, header.separator, '"', header.names);
  if (!fields) return fields.error();
  std::size_t needed = 0;
  for (const auto& i : header.index) {
    if (i) needed = std::max(needed, *i + 1);
  }
  if (fields->size() < needed) {
    std::size_t missing = kColumnCount;  // the leftmost column the row does not reach
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (header.index[c] && *header.index[c] >= fields->size() &&
          (missing == kColumnCount || *header.index[c] < *header.index[missing])) {
        missing = c;
      }
    }
    return Error{.file = file,
                 .line = line.number,
                 .field = header.names[*header.index[missing]],
                 .problem = "the row has " + std::to_string(fields->size()) + " field" +
                            (fields->size() == 1 ? "" : "s") + ", but the header puts " +
                            header.names[*header.index[missing]] + " in column " +
                            std::to_string(*header.index[missing] + 1),
                 .fix = "give every row a value for each column, separated by " + separator_name(header.separator)};
  }
  for (std::size_t f = header.width; f < fields->size(); ++f) {
    if ((*fields)[f].empty()) continue;  // spreadsheets leave trailing separators
    std::string hint;
    if (header.separator == ',') {
      hint = parse_number((*fields)[f])
                 ? ": a decimal comma (write 0.5, not 0,5) splits a number in two"
                 : ": a comma inside a name splits it in two unless the name is in double quotes";
    }
    return Error{.file = file,
                 .line = line.number,
                 .field = "column " + std::to_string(f + 1),
                 .problem = "the row has " + std::to_string(fields->size()) + " fields, but the header names only " +
                            std::to_string(header.width) + " columns; found " + in_quotes((*fields)[f]) +
                            " in column " + std::to_string(f + 1) + hint,
                 .fix = "write decimals with a point, put a value that contains " + separator_name(header.separator) +
                        " in double quotes, or name the extra column in the header"};
  }
  return fields;
}

Result<bool> add_row(ProblemBuilder& builder, const std::string& file, const Line& line, const Header& header,
                     const std::vector<std::string>& fields) {
  const auto field = [&](ColumnId c) { return fields[*header.index[c]]; };
  const auto name = [&](ColumnId c) { return header.names[*header.index[c]]; };
  // Numbers are checked left to right, as the user reads the row.
  std::vector<ColumnId> numeric;
  for (const ColumnId c : {kCapability, kPosition, kSalience, kPositionSd, kSalienceSd, kCapabilitySd}) {
    if (header.index[c]) numeric.push_back(c);
  }
  std::sort(numeric.begin(), numeric.end(),
            [&](ColumnId a, ColumnId b) { return *header.index[a] < *header.index[b]; });
  std::array<double, kColumnCount> value{};
  for (const ColumnId c : numeric) {
    auto number = number_field(file, line.number, name(c), field(c));
    if (!number) return number.error();
    value[c] = *number;
    const bool sd = c == kPositionSd || c == kSalienceSd || c == kCapabilitySd;
    if (sd && value[c] < 0) {
      return Error{.file = file,
                   .line = line.number,
                   .field = name(c),
                   .problem = "a standard deviation must be 0 or more, found " + format_number(value[c]),
                   .fix =
                       "give the stake's uncertainty as a standard deviation in the units of its column, or 0 "
                       "for none"};
    }
  }
  std::string issue_name = "issue";
  if (header.index[kIssue]) {
    issue_name = trim(field(kIssue));
    if (issue_name.empty()) {
      return Error{.file = file,
                   .line = line.number,
                   .field = name(kIssue),
                   .problem = "expected an issue name, found an empty field",
                   .fix = "name the issue of every row (rows of the same issue share its name)"};
    }
  }
  const std::size_t issue = builder.issue(issue_name);
  auto added = builder.add_stake(issue, trim(field(kActor)), line.number, value[kPosition], value[kSalience],
                                 value[kCapability], name(kSalience), name(kCapability));
  if (!added) return added.error();
  builder.set_uncertainty(issue, value[kPositionSd], value[kSalienceSd], value[kCapabilitySd]);
  return true;
}

// The note that says which companion columns were read and what they are for.
std::string companion_note(const Header& header) {
  std::string names;
  for (const ColumnId c : {kPositionSd, kSalienceSd, kCapabilitySd}) {
    if (header.index[c]) names += (names.empty() ? "" : ", ") + header.names[*header.index[c]];
  }
  if (names.empty()) return "";
  return "uncertainty columns read (" + names +
         "): they are used only by ensembles (detente forecast --runs N); a single forecast uses the table's values";
}

}  // namespace

Result<StakeholderProblem> parse_stakeholder_csv(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  auto line = std::find_if(lines->begin(), lines->end(), [](const Line& l) { return !skipped(l, ','); });
  if (line == lines->end()) {
    const bool decide = std::any_of(lines->begin(), lines->end(), [](const Line& l) { return looks_like_decide(l); });
    return Error{
        .file = file,
        .problem = lines->empty() ? "the file is empty" : "the file holds only blank lines and comments, no header row",
        .fix = decide ? "its rows start with Decide tags (#A, #P, #M, #D): read it with --input-format decide"
                      : "start with a header row such as " + std::string(kHeaderExample) + ", then one row per actor"};
  }
  auto header = read_header(file, *line);
  if (!header) return header.error();

  ProblemBuilder builder(file);
  int rows = 0;
  for (++line; line != lines->end(); ++line) {
    if (skipped(*line, header->separator)) continue;
    auto fields = read_row(file, *line, *header);
    if (!fields) return fields.error();
    if (auto added = add_row(builder, file, *line, *header, *fields); !added) return added.error();
    ++rows;
  }
  if (rows == 0) {
    return Error{.file = file,
                 .line = header->line,
                 .field = "header",
                 .problem = "the header row is followed by no data rows",
                 .fix = "add one row per actor under the header, for example: Germany,0.16,4,0.8"};
  }
  auto problem = builder.finish();
  if (!problem) return problem;
  problem->notes.push_back("each issue's scale is the range of its positions");
  if (const std::string note = companion_note(*header); !note.empty()) problem->notes.push_back(note);
  if (!header->ignored.empty()) {
    std::string names;
    for (const auto& name : header->ignored) names += (names.empty() ? "" : ", ") + in_quotes(name);
    problem->notes.push_back("columns not read: " + names);
  }
  return problem;
}

}  // namespace detente::io
