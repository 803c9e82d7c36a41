#include "io/problem_builder.h"

#include <algorithm>

#include "io/text.h"

namespace detente::io {

Result<double> number_field(const std::string& file, int line, const std::string& field, std::string_view text) {
  const NumberReading reading = read_number(text);
  const std::string shown = in_quotes(trim(text));
  Error error{.file = file, .line = line, .field = field};
  switch (reading.problem) {
    case NumberProblem::kNone:
      return reading.value;
    case NumberProblem::kEmpty:
      error.problem = "expected a number, found an empty field";
      error.fix = "write a number in this field";
      break;
    case NumberProblem::kNotANumber:
      error.problem = "expected a number, found " + shown;
      error.fix = "write a plain decimal number such as 0.5 or 40 (no units, percent signs or thousands separators)";
      break;
    case NumberProblem::kDecimalComma:
      error.problem = "expected a number, found " + shown + ", which has a decimal comma";
      error.fix = "write decimals with a point: " + in_quotes(std::string(text.substr(0, text.find(','))) + "." +
                                                              std::string(text.substr(text.find(',') + 1)));
      break;
    case NumberProblem::kNotFinite:
      error.problem = "expected a finite number, found " + shown;
      error.fix = "replace it with an actual value (estimate it, or leave the row out)";
      break;
    case NumberProblem::kOutOfRange:
      error.problem = "the number " + shown + " is outside the range detente accepts (magnitude at most " +
                      format_number(kLargestNumber) + ", not so small that it rounds to 0)";
      error.fix = "rescale the whole column (for example, divide every value by 1000)";
      break;
  }
  return error;
}

std::size_t ProblemBuilder::issue(const std::string& name) {
  const auto [it, added] = issue_index_.emplace(name, problem_.issues.size());
  if (added) problem_.issues.push_back(Issue{.name = name});
  return it->second;
}

Result<bool> ProblemBuilder::add_stake(std::size_t issue, const std::string& actor, int line, double position,
                                       double salience, double capability, const std::string& salience_field,
                                       const std::string& capability_field) {
  const std::string& file = problem_.source;
  if (actor.empty()) {
    return Error{.file = file,
                 .line = line,
                 .field = "Actor",
                 .problem = "expected an actor's name, found an empty field",
                 .fix = "give every row an actor name"};
  }
  if (capability < 0.0) {
    return Error{.file = file,
                 .line = line,
                 .field = capability_field,
                 .problem = "capability must be 0 or more, found " + format_number(capability),
                 .fix = "give a capability of 0 or more (on any scale, the same for every actor)"};
  }
  if (salience < 0.0 || salience > 100.0) {
    return Error{
        .file = file,
        .line = line,
        .field = salience_field,
        .problem = "salience must lie between 0 and 1 (or between 0 and 100), found " + format_number(salience),
        .fix = "give every salience between 0 and 1, or every salience between 0 and 100"};
  }
  const auto [actor_it, new_actor] = actor_index_.emplace(actor, problem_.actors.size());
  if (new_actor) problem_.actors.push_back(actor);
  const auto key = std::make_pair(issue, actor_it->second);
  if (const auto seen = stake_line_.find(key); seen != stake_line_.end()) {
    const bool several_issues = problem_.issues.size() > 1;
    const std::string& issue_name = problem_.issues[issue].name;
    return Error{
        .file = file,
        .line = line,
        .field = "Actor",
        .problem = "duplicate actor " + in_quotes(actor) +
                   (several_issues ? " on issue " + in_quotes(issue_name) : std::string()) +
                   ", already given on line " + std::to_string(seen->second),
        .fix = "keep one row per actor" + std::string(several_issues ? " and issue" : "") + ", or rename one of them"};
  }
  stake_line_[key] = line;
  if (salience > 1.0 && max_salience_ <= 1.0) {  // the first value that decides the 0-100 scale
    first_above_one_ = salience;
    first_above_one_line_ = line;
  }
  max_salience_ = std::max(max_salience_, salience);
  first_stake_.try_emplace(issue, std::make_pair(line, salience_field));
  problem_.issues[issue].stakes.push_back(
      Stake{.actor = actor_it->second, .position = position, .salience = salience, .capability = capability});
  return true;
}

Result<bool> ProblemBuilder::check_issues() const {
  for (std::size_t i = 0; i < problem_.issues.size(); ++i) {
    const Issue& issue = problem_.issues[i];
    if (issue.stakes.empty()) {
      return Error{.file = problem_.source,
                   .problem = "the issue " + in_quotes(issue.name) + " has no actor on it",
                   .fix = "give at least one actor a position on it, or remove it"};
    }
    const bool weighed =
        std::any_of(issue.stakes.begin(), issue.stakes.end(), [](const Stake& s) { return weight(s) > 0.0; });
    if (!weighed) {
      const auto& [line, salience_field] = first_stake_.at(i);
      const std::string on_issue = problem_.issues.size() > 1 ? " on issue " + in_quotes(issue.name) : "";
      return Error{
          .file = problem_.source,
          .line = line,
          .field = salience_field,
          .problem = "every actor" + on_issue + " has capability x salience 0, so no position carries any weight",
          .fix = "give at least one actor on the issue a capability and a salience above 0"};
    }
  }
  return true;
}

Result<StakeholderProblem> ProblemBuilder::finish(double salience_out_of) {
  if (problem_.actors.empty()) {
    return Error{.file = problem_.source, .problem = "the file holds no actors", .fix = "add one row per actor"};
  }
  if (auto checked = check_issues(); !checked) return checked.error();
  double divisor = salience_out_of;
  if (divisor <= 0.0) {
    divisor = max_salience_ > 1.0 ? 100.0 : 1.0;
    problem_.notes.push_back(
        divisor == 1.0 ? "salience read on a 0-1 scale (no value above 1)"
                       : "salience read on a 0-100 scale (a value above 1: " + format_number(first_above_one_) +
                             " on line " + std::to_string(first_above_one_line_) + ")");
  }
  for (std::size_t i = 0; i < problem_.issues.size(); ++i) {
    Issue& issue = problem_.issues[i];
    for (auto& stake : issue.stakes) {
      stake.salience /= divisor;
      stake.salience_sd /= divisor;
    }
    if (!scaled_[i]) {
      const auto [lo, hi] = std::minmax_element(issue.stakes.begin(), issue.stakes.end(),
                                                [](const Stake& a, const Stake& b) { return a.position < b.position; });
      issue.scale = Scale{lo->position, hi->position};
    }
  }
  return std::move(problem_);
}

}  // namespace detente::io
