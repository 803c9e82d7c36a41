// The eu model behind the common interface: runs each issue independently,
// detects cycles, and writes notes and the trace. The algorithm is in
// eu_round.cpp (Scholz, Calbert & Smith 2011; Bueno de Mesquita 1994).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <unordered_map>

#include "models/eu/eu.h"

namespace detente::eu {
namespace {

// printf-style formatting (the models library does not depend on fmt).
template <typename... Args>
std::string format(const char* pattern, Args... args) {
  const int size = std::snprintf(nullptr, 0, pattern, args...);
  std::string out(static_cast<std::size_t>(std::max(size, 0)) + 1, '\0');
  std::snprintf(out.data(), out.size(), pattern, args...);
  out.pop_back();
  return out;
}

// A position with up to six decimals and no trailing zeros: "7", "8.415932".
std::string position_text(double x) {
  std::string text = format("%.6f", x);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

struct PositionsHash {
  std::size_t operator()(const std::vector<double>& x) const {
    std::size_t h = x.size();
    for (const double v : x) h = h * 1000003U ^ std::hash<double>{}(v);
    return h;
  }
};

double largest_move(const std::vector<double>& before, const std::vector<double>& after) {
  double move = 0.0;
  for (std::size_t i = 0; i < before.size(); ++i) move = std::max(move, std::abs(after[i] - before[i]));
  return move;
}

std::string describe(const IssueRun& run, const AcceptedOffer& offer, std::size_t receiver, double from) {
  const std::string& who = run.actors[receiver];
  const std::string& other = run.actors[offer.from];
  std::string what;
  switch (offer.kind) {
    case OfferKind::kConfrontation:
      what = who + " loses a confrontation to " + other;
      break;
    case OfferKind::kCompromise:
      what = who + " compromises with " + other;
      break;
    case OfferKind::kCapitulation:
      what = who + " capitulates to " + other;
      break;
  }
  return what + ": " + position_text(from) + " -> " + position_text(offer.position) +
         format(" (E(U_ij) %.6f, E(U_ji) %.6f)", offer.eu_receiver, offer.eu_proposer);
}

std::string cycle_note(const Cycle& cycle) {
  if (cycle.period == 1) {
    return format("positions cycle with period 1 from round %d: no actor moves any more", cycle.first);
  }
  return format("positions cycle with period %d from round %d: round %d repeats round %d exactly", cycle.period,
                cycle.first, cycle.first + cycle.period, cycle.first);
}

Result<ForecastResult> run_eu(const StakeholderProblem& problem, const ModelOptions& options) {
  auto settings = read_settings(options);
  if (!settings) return settings.error();
  ForecastResult result;
  for (const auto& issue : problem.issues) {
    IssueResult issue_result = start_issue_result(problem, issue);
    auto run = run_issue(issue, issue_result.actors, *settings);
    if (!run) return run.error();
    for (std::size_t k = 1; k < run->rounds.size(); ++k) {
      issue_result.rounds.push_back(summarise_round(issue, static_cast<int>(k), run->rounds[k].positions));
    }
    // BDM's forecast is the median voter position of the final round: the
    // Condorcet winner under the votes with r = 1, in one dimension the
    // c*s-weighted median. (The published EC curve is the per-round mean.)
    issue_result.forecast = issue_result.rounds.back().median;

    const std::string prefix = problem.issues.size() > 1 ? "issue '" + issue.name + "': " : "";
    if (run->cycle) result.notes.push_back(prefix + cycle_note(*run->cycle));
    if (run->stopped_by_tolerance) {
      result.notes.push_back(prefix + format("stopped after round %d: no position moved by more than %g",
                                             run->rounds.back().round, settings->tolerance));
    }
    for (auto& line : trace_lines(*run, issue.name)) result.trace.push_back(std::move(line));
    result.issues.push_back(std::move(issue_result));
  }
  return result;
}

ModelInfo eu_info() {
  return ModelInfo{
      .name = "eu",
      .title = "Expected utility model of Bueno de Mesquita, in the reading of Scholz, Calbert & Smith (2011)",
      .citation =
          "Bueno de Mesquita (1994), in Bueno de Mesquita & Stokman (eds.), European Community Decision "
          "Making; Scholz, Calbert & Smith (2011), J. Theoretical Politics 23(4): 510-531",
      .params = parameters(),
      .run = run_eu,
  };
}

}  // namespace

Result<IssueRun> run_issue(const Issue& issue, std::vector<std::string> actors, const Settings& settings) {
  auto negotiation = Negotiation::create(issue, std::move(actors), settings);
  if (!negotiation) return negotiation.error();
  IssueRun run{.actors = negotiation->actors()};
  RoundDetail start;
  for (const auto& stake : issue.stakes) start.positions.push_back(stake.position);
  run.rounds.push_back(std::move(start));

  RoundScratch scratch;
  std::unordered_map<std::vector<double>, int, PositionsHash> seen;
  seen.emplace(run.rounds.front().positions, 0);
  for (int k = 1; k <= settings.rounds; ++k) {
    RoundDetail detail;
    if (run.cycle) {
      // The round is a function of the positions alone, so the cycle repeats.
      detail = run.rounds[static_cast<std::size_t>(k - run.cycle->period)];
      detail.round = k;
    } else {
      detail = negotiation->play(run.rounds.back().positions, k, scratch);
    }
    const double moved = largest_move(run.rounds.back().positions, detail.positions);
    run.rounds.push_back(std::move(detail));
    const auto& positions = run.rounds.back().positions;
    if (!run.cycle) {
      const auto [it, inserted] = seen.emplace(positions, k);
      if (!inserted) run.cycle = Cycle{.first = it->second, .period = k - it->second};
    }
    if (settings.tolerance > 0.0 && moved <= settings.tolerance) {
      run.stopped_by_tolerance = true;
      break;
    }
  }
  return run;
}

std::vector<std::string> trace_lines(const IssueRun& run, const std::string& issue_name) {
  std::vector<std::string> lines;
  for (std::size_t k = 1; k < run.rounds.size(); ++k) {
    const RoundDetail& round = run.rounds[k];
    const std::string head = "issue '" + issue_name + "' round " + std::to_string(round.round) + ": ";
    std::string risks;
    for (std::size_t a = 0; a < run.actors.size(); ++a) {
      risks += (a == 0 ? "" : ", ") + run.actors[a] + format(" %.4f", round.risk_exponents[a]);
    }
    lines.push_back(head + "risk exponents " + risks);
    bool any = false;
    for (std::size_t a = 0; a < run.actors.size(); ++a) {
      if (!round.offers[a]) continue;
      any = true;
      lines.push_back(head + describe(run, *round.offers[a], a, run.rounds[k - 1].positions[a]));
    }
    if (!any) lines.push_back(head + "no actor accepts an offer");
  }
  return lines;
}

}  // namespace detente::eu

DETENTE_REGISTER_MODEL(detente::eu::eu_info)
