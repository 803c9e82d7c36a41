// From a StakeholderProblem to the SMP's actors on KTAB's scales (KTAB
// SMPModel::csvRead and initModel: positions and saliences divided by 100,
// here mapped from each issue's own scale to [0,1]).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

#include "models/smp/smp_run.h"

namespace detente::smp {
namespace {

Error input_error(const StakeholderProblem& problem, std::string field, std::string what, std::string fix) {
  return Error{.file = problem.source, .field = std::move(field), .problem = std::move(what), .fix = std::move(fix)};
}

std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > 5) out += " and " + std::to_string(names.size() - 5) + " more";
  return out;
}

// The ideal-adjustment rows in canonical order; empty when they are the identity.
Result<std::vector<std::vector<std::pair<std::size_t, double>>>> adjustment_rows(
    const StakeholderProblem& problem, const std::vector<std::size_t>& canonical) {
  const std::size_t n = problem.actors.size();
  std::vector<std::map<std::size_t, double>> rows(n);
  for (std::size_t i = 0; i < n; ++i) rows[i][i] = 1.0;
  bool identity = true;
  for (const auto& a : problem.ideal_adjustments) {
    if (a.adjusting >= n || a.reference >= n) {
      return input_error(problem, "ideal adjustment", "an ideal adjustment names an actor that is not in the problem",
                         "name only actors listed in the file");
    }
    if (!(a.rate >= 0.0 && a.rate <= 1.0)) {
      return input_error(problem, "ideal adjustment",
                         "the rate at which " + problem.actors[a.adjusting] + " adjusts toward " +
                             problem.actors[a.reference] + " is " + number(a.rate) + "; rates lie in 0-1",
                         "give a rate between 0 and 1");
    }
    rows[canonical[a.adjusting]][canonical[a.reference]] = a.rate;
    identity = identity && (a.adjusting == a.reference ? a.rate == 1.0 : a.rate == 0.0);
  }
  std::vector<std::vector<std::pair<std::size_t, double>>> out;
  if (identity) return out;
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double total = 0.0;
    for (const auto& [j, rate] : rows[i]) {
      total += rate;
      out[i].emplace_back(j, rate);
    }
    if (total > 1.0 + 1e-10) {
      std::size_t input = 0;
      while (canonical[input] != i) ++input;
      return input_error(problem, "ideal adjustment",
                         "the ideal-adjustment rates of " + problem.actors[input] + " sum to " + number(total) +
                             "; an ideal can move at most all the way (a sum of 1)",
                         "lower this actor's rates (its own-position rate counts, and defaults to 1)");
    }
  }
  return out;
}

}  // namespace

Result<Prepared> prepare(const StakeholderProblem& problem, const Settings& settings) {
  const std::size_t n = problem.actors.size();
  const std::size_t dims = problem.issues.size();
  if (dims == 0) {
    return input_error(problem, "Issue", "the problem has no issues",
                       "give every actor a position on at least one issue");
  }
  if (n < 2) {
    return input_error(problem, "Actor",
                       "the Spatial Model of Politics needs at least 2 actors, found " + std::to_string(n),
                       "add the other actors involved in the negotiation");
  }
  constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> position(n * dims, kUnset);
  std::vector<double> salience(n * dims, 0.0);
  std::vector<double> capability(n, kUnset);
  std::vector<std::size_t> capability_issue(n, 0);
  for (std::size_t d = 0; d < dims; ++d) {
    const Issue& issue = problem.issues[d];
    const double width = issue.scale.width();
    for (const Stake& stake : issue.stakes) {
      const std::size_t a = stake.actor;
      if (!issue.scale.contains(stake.position)) {
        return input_error(problem, issue.name,
                           problem.actors[a] + "'s position " + number(stake.position) + " lies outside the scale [" +
                               number(issue.scale.lo) + ", " + number(issue.scale.hi) + "] of issue '" + issue.name +
                               "'",
                           "correct the position or the issue's scale");
      }
      position[a * dims + d] = width > 0.0 ? (stake.position - issue.scale.lo) / width : 0.0;
      salience[a * dims + d] = stake.salience;
      if (std::isnan(capability[a])) {
        capability[a] = stake.capability;
        capability_issue[a] = d;
      } else if (capability[a] != stake.capability) {
        return input_error(problem, "capability",
                           problem.actors[a] + " has capability " + number(capability[a]) + " on issue '" +
                               problem.issues[capability_issue[a]].name + "' but " + number(stake.capability) +
                               " on issue '" + issue.name +
                               "'; the Spatial Model of Politics gives each actor one "
                               "capability across all issues",
                           "give this actor the same capability on every issue");
      }
    }
  }
  std::vector<std::string> rescaled;
  std::vector<double> salience_sum(n, 0.0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t d = 0; d < dims; ++d) {
      if (std::isnan(position[a * dims + d])) {
        return input_error(problem, problem.issues[d].name,
                           problem.actors[a] + " has no stake in issue '" + problem.issues[d].name +
                               "'; the Spatial Model of Politics reads all issues jointly, so every actor needs a "
                               "position and a salience on every issue",
                           "add " + problem.actors[a] + "'s position and salience on '" + problem.issues[d].name +
                               "' (salience 0 if it does not care), or leave the issue out of the file");
      }
    }
    if (!(capability[a] > 0.0)) {
      return input_error(problem, "capability",
                         problem.actors[a] + " has capability " + number(capability[a]) +
                             "; in the Spatial Model of Politics every actor votes with a positive weight",
                         "give " + problem.actors[a] + " a positive capability, or leave it out");
    }
    for (std::size_t d = 0; d < dims; ++d) salience_sum[a] = salience_sum[a] + salience[a * dims + d];
    if (!(salience_sum[a] > 0.0)) {
      return input_error(
          problem, "salience",
          problem.actors[a] +
              " has salience 0 on every issue; the model measures distances with the "
              "actor's saliences and needs at least one above 0",
          "give " + problem.actors[a] + " a positive salience on the issues it cares about, or leave it out");
    }
    if (salience_sum[a] > 1.0 + 1e-12) {
      if (!settings.rescale_salience) {
        return input_error(problem, "salience",
                           problem.actors[a] + "'s saliences sum to " + number(salience_sum[a]) +
                               " across the issues; SMP reads them as shares of the actor's attention (KTAB: at "
                               "most 100% in total)",
                           "lower them so that they sum to 1 (100%) or less, or use --option salience_total=rescale");
      }
      rescaled.push_back(problem.actors[a]);
    }
  }

  Prepared out;
  out.input_index.resize(n);
  std::iota(out.input_index.begin(), out.input_index.end(), 0);
  // The canonical order does not depend on the file's: by capability, the
  // largest first (KTAB's files tend to list actors so), then by name.
  std::sort(out.input_index.begin(), out.input_index.end(), [&](std::size_t a, std::size_t b) {
    if (capability[a] != capability[b]) return capability[a] > capability[b];
    return problem.actors[a] < problem.actors[b];
  });
  out.canonical.resize(n);
  for (std::size_t c = 0; c < n; ++c) out.canonical[out.input_index[c]] = c;

  Actors& actors = out.actors;
  actors.n = n;
  actors.dims = dims;
  actors.capability.resize(n);
  actors.salience.resize(n * dims);
  actors.salience_squares.assign(n, 0.0);
  actors.salience_sum.assign(n, 0.0);
  actors.contest_weight.resize(n);
  out.initial.position.resize(n * dims);
  double largest = 0.0;
  for (std::size_t c = 0; c < n; ++c) {
    const std::size_t a = out.input_index[c];
    actors.capability[c] = capability[a];
    largest = std::max(largest, capability[a]);
    const bool rescale = salience_sum[a] > 1.0 + 1e-12;
    for (std::size_t d = 0; d < dims; ++d) {
      const double s = rescale ? salience[a * dims + d] / salience_sum[a] : salience[a * dims + d];
      actors.salience[c * dims + d] = s;
      actors.salience_squares[c] = actors.salience_squares[c] + s * s;
      actors.salience_sum[c] = actors.salience_sum[c] + s;
      out.initial.position[c * dims + d] = position[a * dims + d];
    }
    actors.contest_weight[c] = actors.salience_sum[c] * actors.capability[c];
  }
  actors.capability_unit = largest / 100.0;
  if (settings.group_in_file_order) actors.grouping_order = out.canonical;
  out.initial.ideal = out.initial.position;
  auto rows = adjustment_rows(problem, out.canonical);
  if (!rows) return rows.error();
  actors.adjustment = std::move(*rows);
  if (!rescaled.empty()) {
    out.notes.push_back(
        "saliences summing above 1 across the issues were divided by their sum (SMP reads them as "
        "shares of attention): " +
        list_names(rescaled));
  }
  return out;
}

}  // namespace detente::smp
