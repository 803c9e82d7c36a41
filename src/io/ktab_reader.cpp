// KTAB's Spatial Model of Politics CSV (KAPSARC Toolkit for Behavioral
// Analysis, examples/smp/doc): row 1 = scenario name, description, number of
// actors, number of dimensions; row 2 = header; then per actor: name,
// description, capability, and a (position, salience) pair per dimension,
// each on 0–100, an actor's saliences summing to at most 100. Every dimension
// becomes an issue on the scale [0, 100].
#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

constexpr std::size_t kLeadingColumns = 3;  // name, description, capability
constexpr double kMaxCount = 1e6;
constexpr std::string_view kFirstRowLayout =
    "write the first row as: scenario name, description, number of actors, number of dimensions "
    "(for example: Trade talks,2024 round,7,2)";

struct Layout {
  int first_line = 0;
  std::size_t actors = 0;
  std::size_t dimensions = 0;
  [[nodiscard]] std::size_t columns() const { return kLeadingColumns + 2 * dimensions; }
};

std::string count_of(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Result<std::size_t> count_field(const std::string& file, int line, const std::string& field, const std::string& text) {
  const auto value = parse_number(text);
  if (!value || *value < 1 || *value > kMaxCount || *value != static_cast<double>(static_cast<long long>(*value))) {
    return Error{
        .file = file,
        .line = line,
        .field = field,
        .problem = "expected a whole number from 1 to " + format_number(kMaxCount) + ", found " + in_quotes(trim(text)),
        .fix = std::string(kFirstRowLayout)};
  }
  return static_cast<std::size_t>(*value);
}

// "Policy Position" → "Policy"; "Pstn1" stays "Pstn1".
std::string dimension_name(const std::string& header, std::size_t d) {
  std::string name = trim(header);
  const std::string suffix = " Position";
  if (name.size() > suffix.size() && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
  return name.empty() ? "dimension " + std::to_string(d + 1) : name;
}

// A header column's name for messages; "column N" when the header leaves it blank.
std::string column_name(const std::vector<std::string>& header, std::size_t i) {
  return i < header.size() && !header[i].empty() ? header[i] : "column " + std::to_string(i + 1);
}

std::size_t named_width(const std::vector<std::string>& names) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!trim(names[i]).empty()) width = i + 1;
  }
  return width;
}

Result<Layout> read_first_row(const std::string& file, const Line& row) {
  auto first = split_record(file, row, ',');
  if (!first) return first.error();
  if (first->size() < 4) {
    return Error{.file = file,
                 .line = row.number,
                 .field = "first row",
                 .problem = "the first row has " + std::to_string(first->size()) + " field" +
                            (first->size() == 1 ? "" : "s") + ", KTAB's format needs 4",
                 .fix = std::string(kFirstRowLayout)};
  }
  auto actors = count_field(file, row.number, "number of actors", (*first)[2]);
  if (!actors) return actors.error();
  auto dimensions = count_field(file, row.number, "number of dimensions", (*first)[3]);
  if (!dimensions) return dimensions.error();
  return Layout{.first_line = row.number, .actors = *actors, .dimensions = *dimensions};
}

Result<std::vector<std::string>> read_header(const std::string& file, const Line& row, const Layout& layout) {
  auto header = split_record(file, row, ',');
  if (!header) return header.error();
  for (auto& name : *header) name = trim(name);
  const std::string expected = std::to_string(layout.columns()) +
                               " columns (Actor, Description, Capability, then a position and a salience column per "
                               "dimension)";
  if (named_width(*header) < layout.columns()) {
    return Error{.file = file,
                 .line = row.number,
                 .field = "header",
                 .problem = "the header names " + count_of(named_width(*header), "column") + "; the first row (line " +
                            std::to_string(layout.first_line) + ") announces " +
                            count_of(layout.dimensions, "dimension") + ", which need " + expected,
                 .fix = "correct the number of dimensions in the first row, or name the missing columns"};
  }
  if (named_width(*header) > layout.columns()) {
    return Error{.file = file,
                 .line = layout.first_line,
                 .field = "number of dimensions",
                 .problem = "the first row announces " + count_of(layout.dimensions, "dimension") +
                            ", but the header (line " + std::to_string(row.number) + ") names " +
                            count_of(named_width(*header), "column") + " where " + expected + " are expected",
                 .fix = "correct the number of dimensions in the first row, or remove the extra columns"};
  }
  return header;
}

Result<bool> read_dimensions(ProblemBuilder& builder, const std::string& file, const Line& row,
                             const std::vector<std::string>& header, const Layout& layout) {
  for (std::size_t d = 0; d < layout.dimensions; ++d) {
    const std::string name = dimension_name(header[kLeadingColumns + 2 * d], d);
    if (builder.issue(name) != d) {
      return Error{.file = file,
                   .line = row.number,
                   .field = column_name(header, kLeadingColumns + 2 * d),
                   .problem = "two dimensions are named " + in_quotes(name),
                   .fix = "give each dimension's position column a name of its own"};
    }
    builder.set_scale(d, Scale{0.0, 100.0});
  }
  return true;
}

// A value on KTAB's 0-100 scale.
Result<double> percent_field(const std::string& file, int line, const std::string& field, const std::string& text,
                             const std::string& what) {
  auto value = number_field(file, line, field, text);
  if (!value) return value;
  if (*value >= 0.0 && *value <= 100.0) return value;
  return Error{.file = file,
               .line = line,
               .field = field,
               .problem = "KTAB " + what + "s lie on 0-100, found " + format_number(*value),
               .fix = "rescale the " + what + "s of this dimension to 0-100"};
}

Result<bool> read_actor(ProblemBuilder& builder, const std::string& file, const Line& row,
                        const std::vector<std::string>& header, const Layout& layout) {
  auto fields = split_record(file, row, ',', '"', header);
  if (!fields) return fields.error();
  if (fields->size() < layout.columns()) {
    return Error{.file = file,
                 .line = row.number,
                 .field = column_name(header, fields->size()),
                 .problem = "the row has " + std::to_string(fields->size()) + " fields, " +
                            std::to_string(layout.columns()) +
                            " are needed (name, description, capability, then position and salience per dimension)",
                 .fix = "complete the row"};
  }
  if (named_width(*fields) > layout.columns()) {
    return Error{.file = file,
                 .line = row.number,
                 .field = "column " + std::to_string(named_width(*fields)),
                 .problem = "the row has " + std::to_string(named_width(*fields)) + " fields, the header " +
                            std::to_string(layout.columns()) + "; found " +
                            in_quotes((*fields)[named_width(*fields) - 1]),
                 .fix = "remove the extra fields; a comma inside a name needs double quotes around the name"};
  }
  auto capability = number_field(file, row.number, column_name(header, 2), (*fields)[2]);
  if (!capability) return capability.error();
  double salience_sum = 0.0;
  for (std::size_t d = 0; d < layout.dimensions; ++d) {
    const std::size_t column = kLeadingColumns + 2 * d;
    auto position = percent_field(file, row.number, column_name(header, column), (*fields)[column], "position");
    if (!position) return position.error();
    auto salience = percent_field(file, row.number, column_name(header, column + 1), (*fields)[column + 1], "salience");
    if (!salience) return salience.error();
    salience_sum += *salience;
    auto added = builder.add_stake(d, trim((*fields)[0]), row.number, *position, *salience, *capability,
                                   column_name(header, column + 1), column_name(header, 2));
    if (!added) {
      Error error = added.error();
      if (error.field == "Actor") error.field = column_name(header, 0);
      return error;
    }
  }
  if (salience_sum > 100.0 + 1e-6) {
    return Error{.file = file,
                 .line = row.number,
                 .field = "salience",
                 .problem = "the actor's saliences sum to " + format_number(salience_sum) +
                            "; KTAB requires at most 100 over all dimensions",
                 .fix = "scale this actor's saliences down so that they sum to 100 or less"};
  }
  return true;
}

}  // namespace

Result<StakeholderProblem> parse_ktab_csv(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  std::vector<Line> rows;
  for (const auto& line : *lines) {
    if (!is_blank(line.text, ',')) rows.push_back(line);
  }
  if (rows.empty()) {
    return Error{.file = file,
                 .problem = lines->empty() ? "the file is empty" : "the file holds only blank lines",
                 .fix = std::string(kFirstRowLayout) + ", then a header row and one row per actor"};
  }
  auto layout = read_first_row(file, rows[0]);
  if (!layout) return layout.error();
  if (rows.size() < 2) {
    return Error{
        .file = file,
        .line = rows[0].number,
        .field = "header",
        .problem = "the header row is missing",
        .fix = "add a header: Actor, Description, Influence, then a position and a salience column per dimension"};
  }
  auto header = read_header(file, rows[1], *layout);
  if (!header) return header.error();
  ProblemBuilder builder(file);
  if (auto named = read_dimensions(builder, file, rows[1], *header, *layout); !named) return named.error();
  const std::size_t actor_rows = rows.size() - 2;
  if (actor_rows != layout->actors) {
    return Error{.file = file,
                 .line = rows[0].number,
                 .field = "number of actors",
                 .problem = "the first row announces " + count_of(layout->actors, "actor") + ", but " +
                            count_of(actor_rows, "actor row") + " follow the header",
                 .fix =
                     "make the number of actors in the first row match the actor rows (add or remove rows if "
                     "the number is right)"};
  }
  for (std::size_t r = 2; r < rows.size(); ++r) {
    if (auto read = read_actor(builder, file, rows[r], *header, *layout); !read) return read.error();
  }
  auto problem = builder.finish(100.0);
  if (problem) {
    const auto first = split_fields(rows[0].text, ',');
    problem->notes.push_back("KTAB format: positions and saliences read on 0-100; scenario " +
                             in_quotes(trim(first[0])));
  }
  return problem;
}

}  // namespace detente::io
