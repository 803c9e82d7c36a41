// Shared by the stakeholder readers: checked numbers, and the assembly of a
// StakeholderProblem with duplicate detection and the salience-scale rule.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/stakeholders.h"

namespace detente::io {

// Parses a number for `field` on `line`, or explains what was wrong.
[[nodiscard]] Result<double> number_field(const std::string& file, int line, const std::string& field,
                                          std::string_view text);

class ProblemBuilder {
 public:
  explicit ProblemBuilder(std::string file) { problem_.source = std::move(file); }

  std::size_t issue(const std::string& name);

  // Adds one stake; rejects a negative capability, a salience outside 0–100
  // and an actor already present on the issue. Salience stays as written
  // until finish() applies the scale rule.
  [[nodiscard]] Result<bool> add_stake(std::size_t issue, const std::string& actor, int line, double position,
                                       double salience, double capability, const std::string& salience_field,
                                       const std::string& capability_field);

  // The companion columns' standard deviations of the stake last added to `issue` (salience_sd on
  // the salience column's scale until finish() applies the scale rule to it as well).
  void set_uncertainty(std::size_t issue, double position_sd, double salience_sd, double capability_sd) {
    Stake& stake = problem_.issues[issue].stakes.back();
    stake.position_sd = position_sd;
    stake.salience_sd = salience_sd;
    stake.capability_sd = capability_sd;
  }

  void set_scale(std::size_t issue, Scale scale) {
    problem_.issues[issue].scale = scale;
    scaled_[issue] = true;
  }

  // Salience on 0–1 unless a value above 1 appears (then 0–100), or
  // `salience_out_of` forces a scale. Issues without a declared scale get the
  // range of their positions. The choice is recorded in the notes. Rejects a
  // problem without actors, an issue without stakes, and an issue on which
  // every capability × salience is 0 (no model can weigh its positions).
  [[nodiscard]] Result<StakeholderProblem> finish(double salience_out_of = 0.0);

 private:
  [[nodiscard]] Result<bool> check_issues() const;

  StakeholderProblem problem_;
  std::map<std::string, std::size_t> actor_index_;
  std::map<std::string, std::size_t> issue_index_;
  std::map<std::pair<std::size_t, std::size_t>, int> stake_line_;  // (issue, actor) → line
  std::map<std::size_t, bool> scaled_;
  std::map<std::size_t, std::pair<int, std::string>> first_stake_;  // issue → (line, salience field)
  double max_salience_ = 0.0;
  double first_above_one_ = 0.0;
  int first_above_one_line_ = 0;
};

}  // namespace detente::io
