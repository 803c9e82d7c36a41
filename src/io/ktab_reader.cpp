// KTAB's Spatial Model of Politics CSV (KAPSARC Toolkit for Behavioral
// Analysis, examples/smp/doc): row 1 = scenario name, description, number of
// actors, number of dimensions; row 2 = header; then per actor: name,
// description, capability, and a (position, salience) pair per dimension,
// each on 0–100. Every dimension becomes an issue on the scale [0, 100].
#include "io/problem_builder.h"
#include "io/stakeholder_reader.h"
#include "io/text.h"

namespace detente::io {
namespace {

Result<std::size_t> count_field(const std::string& file, int line, const std::string& field,
                                const std::string& text) {
  const auto value = parse_number(text);
  if (!value || *value < 1 || *value != static_cast<double>(static_cast<long long>(*value)) || *value > 1e6) {
    return Error{.file = file, .line = line, .field = field,
                 .problem = "expected a whole number of at least 1, found '" + trim(text) + "'",
                 .fix = "write the first row as: scenario name, description, number of actors, number of dimensions"};
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

}  // namespace

Result<StakeholderProblem> parse_ktab_csv(std::string_view content, const std::string& file) {
  auto lines = split_lines(file, content);
  if (!lines) return lines.error();
  std::vector<Line> rows;
  for (const auto& line : *lines) {
    if (!is_blank(line.text, ',')) rows.push_back(line);
  }
  if (rows.empty()) {
    return Error{.file = file, .problem = "the file is empty",
                 .fix = "write the first row as: scenario name, description, number of actors, number of dimensions"};
  }
  const auto first = split_fields(rows[0].text, ',');
  if (first.size() < 4) {
    return Error{.file = file, .line = rows[0].number,
                 .problem = "the first row has " + std::to_string(first.size()) + " fields, KTAB's format needs 4",
                 .fix = "write the first row as: scenario name, description, number of actors, number of dimensions"};
  }
  auto actor_count = count_field(file, rows[0].number, "number of actors", first[2]);
  if (!actor_count) return actor_count.error();
  auto dim_count = count_field(file, rows[0].number, "number of dimensions", first[3]);
  if (!dim_count) return dim_count.error();
  if (rows.size() < 2) {
    return Error{.file = file, .line = rows[0].number, .problem = "the header row is missing",
                 .fix = "add a header: Actor, Description, Influence, then a position and a salience column per dimension"};
  }
  const auto header = split_fields(rows[1].text, ',');
  const std::size_t needed = 3 + 2 * *dim_count;
  if (header.size() < needed) {
    return Error{.file = file, .line = rows[1].number,
                 .problem = "the header has " + std::to_string(header.size()) + " columns; " +
                            std::to_string(*dim_count) + " dimensions need " + std::to_string(needed),
                 .fix = "name a position and a salience column for every dimension, or correct the number of dimensions"};
  }
  ProblemBuilder builder(file);
  for (std::size_t d = 0; d < *dim_count; ++d) {
    const std::string name = dimension_name(header[3 + 2 * d], d);
    if (builder.issue(name) != d) {
      return Error{.file = file, .line = rows[1].number, .field = trim(header[3 + 2 * d]),
                   .problem = "two dimensions are named '" + name + "'",
                   .fix = "give each dimension's position column a name of its own"};
    }
    builder.set_scale(d, Scale{0.0, 100.0});
  }
  const std::size_t actor_rows = rows.size() - 2;
  if (actor_rows != *actor_count) {
    return Error{.file = file, .line = rows[0].number, .field = "number of actors",
                 .problem = "the first row announces " + std::to_string(*actor_count) + " actors but " +
                            std::to_string(actor_rows) + " actor rows follow",
                 .fix = "correct the number of actors in the first row, or add the missing rows"};
  }
  for (std::size_t r = 2; r < rows.size(); ++r) {
    const Line& row = rows[r];
    const auto fields = split_fields(row.text, ',');
    if (fields.size() < needed) {
      return Error{.file = file, .line = row.number,
                   .problem = "the row has " + std::to_string(fields.size()) + " fields, " + std::to_string(needed) +
                              " are needed (name, description, capability, then position and salience per dimension)",
                   .fix = "complete the row"};
    }
    auto capability = number_field(file, row.number, trim(header[2]), fields[2]);
    if (!capability) return capability.error();
    double salience_sum = 0.0;
    for (std::size_t d = 0; d < *dim_count; ++d) {
      const std::string position_field = trim(header[3 + 2 * d]);
      const std::string salience_field = trim(header[4 + 2 * d]);
      auto position = number_field(file, row.number, position_field, fields[3 + 2 * d]);
      if (!position) return position.error();
      if (*position < 0.0 || *position > 100.0) {
        return Error{.file = file, .line = row.number, .field = position_field,
                     .problem = "KTAB positions lie on 0-100, found " + trim(fields[3 + 2 * d]),
                     .fix = "rescale the positions of this dimension to 0-100"};
      }
      auto salience = number_field(file, row.number, salience_field, fields[4 + 2 * d]);
      if (!salience) return salience.error();
      salience_sum += *salience;
      auto added = builder.add_stake(d, trim(fields[0]), row.number, *position, *salience, *capability,
                                     salience_field, trim(header[2]));
      if (!added) return added.error();
    }
    if (salience_sum > 100.0 + 1e-6) {
      return Error{.file = file, .line = row.number, .field = "salience",
                   .problem = "an actor's saliences sum to " + trim(std::to_string(salience_sum)) +
                              "; KTAB requires at most 100",
                   .fix = "scale this actor's saliences down so that they sum to 100 or less"};
    }
  }
  auto problem = builder.finish(100.0);
  if (problem) {
    problem->notes.push_back("KTAB format: positions and saliences read on 0-100; scenario '" + trim(first[0]) + "'");
  }
  return problem;
}

}  // namespace detente::io
