#include "output/forecast_writer.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace detente::output {
namespace {

using nlohmann::ordered_json;

// Options are kept as text; numbers and booleans are echoed as such.
ordered_json option_value(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) {
    if (text.find_first_of(".eE") == std::string::npos) return static_cast<long long>(v);
    return v;
  }
  return text;
}

ordered_json to_json(const ForecastResult& result, const StakeholderProblem& problem) {
  ordered_json options = ordered_json::object();
  for (const auto& [name, value] : result.options.all()) options[name] = option_value(value);
  ordered_json issues = ordered_json::array();
  for (const auto& issue : result.issues) {
    ordered_json rounds = ordered_json::array();
    for (const auto& round : issue.rounds) {
      ordered_json positions = ordered_json::object();
      for (std::size_t i = 0; i < issue.actors.size(); ++i) positions[issue.actors[i]] = round.positions[i];
      ordered_json r = {
          {"round", round.round}, {"mean", round.mean}, {"median", round.median}, {"positions", positions}};
      if (!round.probabilities.empty()) {
        ordered_json probabilities = ordered_json::object();
        for (std::size_t i = 0; i < issue.actors.size(); ++i) probabilities[issue.actors[i]] = round.probabilities[i];
        r["probabilities"] = probabilities;
      }
      rounds.push_back(std::move(r));
    }
    ordered_json i = {{"issue", issue.issue},
                      {"scale", {issue.scale.lo, issue.scale.hi}},
                      {"rounds", std::move(rounds)},
                      {"forecast", issue.forecast}};
    if (issue.most_likely) i["most_likely"] = *issue.most_likely;
    issues.push_back(std::move(i));
  }
  ordered_json out = {{"model", result.model}, {"options", options}, {"issues", issues}};
  if (result.most_likely) {
    out["most_likely"] = {{"probability", result.most_likely->probability}, {"actors", result.most_likely->actors}};
  }
  out["input"] = {{"file", problem.source}, {"actors", problem.actors.size()}, {"notes", problem.notes}};
  if (!result.notes.empty()) out["notes"] = result.notes;
  if (!result.trace.empty()) out["trace"] = result.trace;
  return out;
}

std::string csv_quote(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double x) { return fmt::format("{:.6f}", x); }

void write_trajectory(std::ostream& out, const IssueResult& issue) {
  // Actors as rows, rounds as columns, wrapped so a terminal stays readable.
  constexpr std::size_t kColumnsPerBlock = 8;
  std::size_t name_width = 6;
  for (const auto& actor : issue.actors) name_width = std::max(name_width, actor.size());
  for (std::size_t first = 0; first < issue.rounds.size(); first += kColumnsPerBlock) {
    const std::size_t last = std::min(issue.rounds.size(), first + kColumnsPerBlock);
    fmt::print(out, "  {:<{}}", "round", name_width);
    for (std::size_t r = first; r < last; ++r) fmt::print(out, " {:>9}", issue.rounds[r].round);
    fmt::print(out, "\n");
    for (std::size_t a = 0; a < issue.actors.size(); ++a) {
      fmt::print(out, "  {:<{}}", issue.actors[a], name_width);
      for (std::size_t r = first; r < last; ++r) fmt::print(out, " {:>9.4f}", issue.rounds[r].positions[a]);
      fmt::print(out, "\n");
    }
    fmt::print(out, "  {:<{}}", "mean", name_width);
    for (std::size_t r = first; r < last; ++r) fmt::print(out, " {:>9.6f}", issue.rounds[r].mean);
    fmt::print(out, "\n  {:<{}}", "median", name_width);
    for (std::size_t r = first; r < last; ++r) fmt::print(out, " {:>9.4f}", issue.rounds[r].median);
    fmt::print(out, "\n\n");
  }
}

}  // namespace

void write_forecast_json(std::ostream& out, const StakeholderProblem& problem,
                         std::span<const ForecastResult> results) {
  if (results.size() == 1) {
    out << to_json(results.front(), problem).dump(2) << '\n';
    return;
  }
  ordered_json all = ordered_json::array();
  for (const auto& result : results) all.push_back(to_json(result, problem));
  out << all.dump(2) << '\n';
}

void write_forecast_csv(std::ostream& out, std::span<const ForecastResult> results) {
  out << "model,issue,round,kind,actor,value\n";
  for (const auto& result : results) {
    for (const auto& issue : result.issues) {
      const std::string prefix = csv_quote(result.model) + "," + csv_quote(issue.issue) + ",";
      for (const auto& round : issue.rounds) {
        const std::string r = prefix + std::to_string(round.round) + ",";
        for (std::size_t a = 0; a < issue.actors.size(); ++a) {
          out << r << "position," << csv_quote(issue.actors[a]) << "," << fmt::format("{}", round.positions[a]) << '\n';
          if (!round.probabilities.empty()) {
            out << r << "probability," << csv_quote(issue.actors[a]) << "," << fmt::format("{}", round.probabilities[a])
                << '\n';
          }
        }
        out << r << "mean,," << fmt::format("{}", round.mean) << '\n';
        out << r << "median,," << fmt::format("{}", round.median) << '\n';
      }
      out << prefix << issue.rounds.back().round << ",forecast,," << fmt::format("{}", issue.forecast) << '\n';
      if (issue.most_likely) {
        out << prefix << issue.rounds.back().round << ",most_likely,," << fmt::format("{}", *issue.most_likely) << '\n';
      }
    }
  }
}

void write_forecast_table(std::ostream& out, const StakeholderProblem& problem, std::span<const ForecastResult> results,
                          bool show_trace) {
  fmt::print(out, "{}: {} actors, {} issue{}\n", problem.source, problem.actors.size(), problem.issues.size(),
             problem.issues.size() == 1 ? "" : "s");
  for (const auto& note : problem.notes) fmt::print(out, "  note: {}\n", note);
  for (std::size_t i = 0; i < problem.issues.size(); ++i) {
    const Issue& issue = problem.issues[i];
    fmt::print(out, "\nIssue '{}' on [{:g}, {:g}]\n", issue.name, issue.scale.lo, issue.scale.hi);
    fmt::print(out, "  {:<12} {:>12} {:>7} {:>12} {:>12}\n", "model", "forecast", "rounds", "final mean",
               "final median");
    for (const auto& result : results) {
      const auto found = std::find_if(result.issues.begin(), result.issues.end(),
                                      [&](const IssueResult& r) { return r.issue == issue.name; });
      if (found == result.issues.end()) continue;
      fmt::print(out, "  {:<12} {:>12} {:>7} {:>12} {:>12}\n", result.model, number(found->forecast),
                 found->rounds.size() - 1, number(found->rounds.back().mean), number(found->rounds.back().median));
    }
  }
  for (const auto& result : results) {
    std::string options;
    for (const auto& [name, value] : result.options.all())
      options += (options.empty() ? "" : ", ") + name + "=" + value;
    const bool dynamic = std::any_of(result.issues.begin(), result.issues.end(),
                                     [](const IssueResult& r) { return r.rounds.size() > 1; });
    if (!dynamic && result.notes.empty() && !(show_trace && !result.trace.empty())) continue;
    fmt::print(out, "\nModel '{}'{}\n", result.model, options.empty() ? "" : " (" + options + ")");
    for (const auto& note : result.notes) fmt::print(out, "  note: {}\n", note);
    if (dynamic) {
      for (const auto& issue : result.issues) {
        fmt::print(out, "  positions by round, issue '{}':\n", issue.issue);
        write_trajectory(out, issue);
      }
    }
    if (show_trace) {
      for (const auto& line : result.trace) fmt::print(out, "  trace: {}\n", line);
    }
  }
}

}  // namespace detente::output
