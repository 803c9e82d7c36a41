#include "io/problem_builder.h"

#include <algorithm>

#include "io/text.h"

namespace detente::io {

Result<double> number_field(const std::string& file, int line, const std::string& field, std::string_view text) {
  if (const auto value = parse_number(text)) return *value;
  const std::string shown = trim(text);
  return Error{.file = file, .line = line, .field = field,
               .problem = shown.empty() ? "expected a number, found an empty field"
                                        : "expected a number, found '" + shown + "'",
               .fix = "write a plain decimal number such as 0.5 or 40 (a point, not a comma, for decimals)"};
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
    return Error{.file = file, .line = line, .field = "Actor", .problem = "the actor's name is empty",
                 .fix = "give every row an actor name"};
  }
  if (capability < 0.0) {
    return Error{.file = file, .line = line, .field = capability_field,
                 .problem = "capability must not be negative, found " + trim(std::to_string(capability)),
                 .fix = "give a capability of 0 or more (any positive scale)"};
  }
  if (salience < 0.0 || salience > 100.0) {
    return Error{.file = file, .line = line, .field = salience_field,
                 .problem = "salience must lie in 0-1 or 0-100, found " + trim(std::to_string(salience)),
                 .fix = "give a salience between 0 and 1, or between 0 and 100 for the whole file"};
  }
  const auto [actor_it, new_actor] = actor_index_.emplace(actor, problem_.actors.size());
  if (new_actor) problem_.actors.push_back(actor);
  const auto key = std::make_pair(issue, actor_it->second);
  if (const auto seen = stake_line_.find(key); seen != stake_line_.end()) {
    const std::string& issue_name = problem_.issues[issue].name;
    return Error{.file = file, .line = line, .field = "Actor",
                 .problem = "duplicate actor '" + actor + "'" +
                            (issue_name.empty() ? "" : " on issue '" + issue_name + "'") +
                            ", already given on line " + std::to_string(seen->second),
                 .fix = "keep one row per actor" + std::string(issue_name.empty() ? "" : " and issue") +
                        ", or rename one of them"};
  }
  stake_line_[key] = line;
  max_salience_ = std::max(max_salience_, salience);
  problem_.issues[issue].stakes.push_back(
      Stake{.actor = actor_it->second, .position = position, .salience = salience, .capability = capability});
  return true;
}

Result<StakeholderProblem> ProblemBuilder::finish(double salience_out_of) {
  if (problem_.actors.empty()) {
    return Error{.file = problem_.source, .problem = "the file holds no actors",
                 .fix = "add one row per actor under the header"};
  }
  double divisor = salience_out_of;
  if (divisor <= 0.0) {
    divisor = max_salience_ > 1.0 ? 100.0 : 1.0;
    problem_.notes.push_back(divisor == 1.0 ? "salience read on a 0-1 scale (no value above 1)"
                                            : "salience read on a 0-100 scale (a value above 1 was found)");
  }
  for (std::size_t i = 0; i < problem_.issues.size(); ++i) {
    Issue& issue = problem_.issues[i];
    for (auto& stake : issue.stakes) stake.salience /= divisor;
    if (!scaled_[i] && !issue.stakes.empty()) {
      const auto [lo, hi] = std::minmax_element(issue.stakes.begin(), issue.stakes.end(),
                                                [](const Stake& a, const Stake& b) { return a.position < b.position; });
      issue.scale = Scale{lo->position, hi->position};
    }
  }
  return std::move(problem_);
}

}  // namespace detente::io
