// The turn loop with KTAB's stopping rule (smpStopFn), and the forecast in
// the output contract: positions and winning probabilities per round, the
// probability-weighted position, and the most likely cluster of positions.
#include "models/smp/smp_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "models/smp/parallel.h"

namespace detente::smp {
namespace {

// KTAB smpStopFn: minIter = 2, and 1e-4 added to the first turn's movement.
constexpr int kMinRounds = 2;
constexpr double kMinSignificantMovement = 1e-4;

std::string fixed(double x, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

Turn record(const State& state, const Evaluation& ev) {
  Turn t;
  t.state = state;
  t.actor_probability = ev.actor_probability;
  t.unique = ev.unique;
  t.unique_probability = ev.unique_probability;
  t.risk_degenerate = ev.risk_degenerate;
  return t;
}

void trace_turn(Trajectory& tr, int t, const TurnResult& r, const std::vector<std::string>& names, double ratio) {
  const Turn& turn = tr.turns.back();
  tr.trace.push_back("turn " + std::to_string(t) + ": " + std::to_string(turn.challenges.size()) + " challenges, " +
                     std::to_string(turn.moved) + " actors moved, movement " + fixed(turn.movement, 6) + " (" +
                     fixed(100.0 * ratio, 2) + "% of the first turn's)");
  if (names.size() > 25) return;
  for (const Challenge& c : r.challenges) {
    tr.trace.push_back("  " + names[c.initiator] + " challenges " + names[c.target] + ": P[" + names[c.initiator] +
                       " prevails] = " + fixed(c.probability, 4) + ", expected gain " + fixed(c.gain, 4));
  }
  for (std::size_t k = 0; k < r.adopted.size(); ++k) {
    if (r.adopted[k] < 0) continue;
    const Bargain& b = r.bargains[static_cast<std::size_t>(r.adopted[k])];
    tr.trace.push_back("  " + names[k] + " adopts the bargain " + names[b.initiator] + " proposed to " +
                       names[b.receiver]);
  }
}

// Single-linkage groups of the final positions: actors closer than `radius`
// (Euclidean on the [0,1] scales) share a cluster. Returns a label per actor.
std::vector<std::size_t> clusters(const Actors& actors, const State& state, double radius) {
  const std::size_t n = actors.n;
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&parent](std::size_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < a; ++b) {
      double s = 0.0;
      for (std::size_t k = 0; k < actors.dims; ++k) {
        const double d = state.position[a * actors.dims + k] - state.position[b * actors.dims + k];
        s += d * d;
      }
      if (std::sqrt(s) < radius || s == 0.0) {
        const std::size_t ra = root(a);
        const std::size_t rb = root(b);
        parent[std::max(ra, rb)] = std::min(ra, rb);
      }
    }
  }
  std::vector<std::size_t> label(n);
  for (std::size_t a = 0; a < n; ++a) label[a] = root(a);
  return label;
}

double to_scale(const Issue& issue, double x) { return issue.scale.lo + x * issue.scale.width(); }

struct Cluster {
  double probability = 0.0;
  std::vector<std::string> members;
  std::vector<double> centre;  // per dimension, on the issue's scale
};

// The cluster of final positions with the largest total winning probability,
// and its probability-weighted centre.
Cluster most_likely_cluster(const StakeholderProblem& problem, const Prepared& prepared, const Turn& last,
                            const Settings& settings) {
  const Actors& actors = prepared.actors;
  const auto label = clusters(actors, last.state, settings.cluster_radius);
  std::vector<double> probability(actors.n, 0.0);
  for (std::size_t g = 0; g < last.unique.size(); ++g) probability[label[last.unique[g]]] += last.unique_probability[g];
  std::size_t best = 0;
  for (std::size_t a = 0; a < actors.n; ++a) {
    if (probability[a] > probability[best]) best = a;
  }
  Cluster cluster{.probability = probability[best]};
  for (std::size_t a = 0; a < actors.n; ++a) {
    if (label[a] == best) cluster.members.push_back(problem.actors[prepared.input_index[a]]);
  }
  for (std::size_t d = 0; d < actors.dims; ++d) {
    double weighted = 0.0;
    double total = 0.0;
    for (std::size_t g = 0; g < last.unique.size(); ++g) {
      if (label[last.unique[g]] != best) continue;
      weighted += last.unique_probability[g] * last.state.position[last.unique[g] * actors.dims + d];
      total += last.unique_probability[g];
    }
    const double centre = total > 0.0 ? weighted / total : last.state.position[best * actors.dims + d];
    cluster.centre.push_back(to_scale(problem.issues[d], centre));
  }
  return cluster;
}

std::string cluster_note(const StakeholderProblem& problem, const Cluster& cluster, const Settings& settings) {
  std::string where;
  for (std::size_t d = 0; d < cluster.centre.size(); ++d) {
    where += (d == 0 ? "" : ", ") + problem.issues[d].name + " " + fixed(cluster.centre[d], 2);
  }
  const auto& members = cluster.members;
  std::string names;
  for (std::size_t i = 0; i < members.size() && i < 12; ++i) names += (i == 0 ? "" : ", ") + members[i];
  if (members.size() > 12) names += " and " + std::to_string(members.size() - 12) + " more";
  return "most likely outcome (probability " + fixed(cluster.probability, 4) + "): the cluster of " +
         std::to_string(members.size()) + " actor" + (members.size() == 1 ? "" : "s") + " (" + names + ") at " + where +
         "; positions within " + fixed(100.0 * settings.cluster_radius, 1) +
         "% of the scale form a cluster (option cluster_radius)";
}

}  // namespace

Trajectory simulate(const Actors& actors, const State& initial, const Settings& given,
                    const std::vector<std::string>& names) {
  // Below a few dozen actors a turn takes microseconds; threads would cost more than they save.
  constexpr std::size_t kActorsWorthThreads = 48;
  Pool pool(actors.n >= kActorsWorthThreads ? given.threads : 1);
  Settings settings = given;
  settings.pool = pool.size() > 1 ? &pool : nullptr;
  Trajectory tr;
  State state = initial;
  Evaluation ev = evaluate(actors, state, settings);
  tr.turns.push_back(record(state, ev));
  double first = 0.0;
  for (int t = 1;; ++t) {
    TurnResult r = step(actors, state, ev, settings, t);
    double movement = 0.0;
    std::size_t moved = 0;
    for (std::size_t i = 0; i < actors.n; ++i) {
      double s = 0.0;
      for (std::size_t k = 0; k < actors.dims; ++k) {
        const double d = state.position[i * actors.dims + k] - r.next.position[i * actors.dims + k];
        s = s + d * d;
      }
      movement = movement + std::sqrt(s);
      moved += s > 0.0 ? 1 : 0;
    }
    state = std::move(r.next);
    evaluate(actors, state, settings, ev);
    tr.turns.push_back(record(state, ev));
    tr.turns.back().challenges = r.challenges;
    tr.turns.back().moved = moved;
    tr.turns.back().movement = movement;
    if (t == 1) first = movement;
    const double ratio = movement / (first + kMinSignificantMovement);
    trace_turn(tr, t, r, names, ratio);
    if (t >= settings.max_rounds) {
      tr.stop_reason = "stopped at the maximum of " + std::to_string(settings.max_rounds) + " turns (option rounds)";
      break;
    }
    if (t >= kMinRounds && ratio < settings.stop_ratio) {
      tr.stop_reason = "stopped after " + std::to_string(t) + " turns by KTAB's rule: the last turn's movement was " +
                       fixed(100.0 * ratio, 2) + "% of the first turn's, below " +
                       fixed(100.0 * settings.stop_ratio, 2) + "% (option stop_ratio)";
      break;
    }
  }
  return tr;
}

Result<ForecastResult> forecast(const StakeholderProblem& problem, const Settings& settings) {
  auto prepared = prepare(problem, settings);
  if (!prepared) return prepared.error();
  const Actors& actors = prepared->actors;
  std::vector<std::string> names(actors.n);
  for (std::size_t c = 0; c < actors.n; ++c) names[c] = problem.actors[prepared->input_index[c]];
  const Trajectory tr = simulate(actors, prepared->initial, settings, names);

  ForecastResult out;
  out.notes = prepared->notes;
  out.notes.push_back(tr.stop_reason);
  const Turn& last = tr.turns.back();
  const Cluster cluster = most_likely_cluster(problem, *prepared, last, settings);
  for (std::size_t d = 0; d < actors.dims; ++d) {
    const Issue& issue = problem.issues[d];
    IssueResult ir = start_issue_result(problem, issue);
    const auto probabilities = [&](const Turn& turn) {
      std::vector<double> p;
      for (const Stake& s : issue.stakes) p.push_back(turn.actor_probability[prepared->canonical[s.actor]]);
      return p;
    };
    ir.rounds[0].probabilities = probabilities(tr.turns[0]);
    for (std::size_t t = 1; t < tr.turns.size(); ++t) {
      std::vector<double> positions;
      for (const Stake& s : issue.stakes) {
        const std::size_t c = prepared->canonical[s.actor];
        const double x = tr.turns[t].state.position[c * actors.dims + d];
        const bool unmoved = x == prepared->initial.position[c * actors.dims + d];
        positions.push_back(unmoved ? s.position : to_scale(issue, x));
      }
      Round round = summarise_round(issue, static_cast<int>(t), std::move(positions));
      round.probabilities = probabilities(tr.turns[t]);
      ir.rounds.push_back(std::move(round));
    }
    double expected = 0.0;
    for (std::size_t g = 0; g < last.unique.size(); ++g) {
      expected += last.unique_probability[g] * last.state.position[last.unique[g] * actors.dims + d];
    }
    ir.forecast = std::clamp(to_scale(issue, expected), issue.scale.lo, issue.scale.hi);
    ir.most_likely = std::clamp(cluster.centre[d], issue.scale.lo, issue.scale.hi);
    out.issues.push_back(std::move(ir));
  }
  out.notes.push_back(
      "forecast: the probability-weighted position, over the distinct final positions, of each "
      "position's probability of prevailing (KTAB's winning probabilities)");
  out.most_likely = MostLikelyOutcome{.probability = cluster.probability, .actors = cluster.members};
  out.notes.push_back(cluster_note(problem, cluster, settings));
  for (std::size_t t = 0; t < tr.turns.size(); ++t) {
    if (tr.turns[t].risk_degenerate) {
      out.notes.push_back("turn " + std::to_string(t) +
                          ": every position was equally likely, so risk attitudes were "
                          "taken as neutral (KTAB stops with an error here)");
    }
  }
  out.trace = tr.trace;
  return out;
}

}  // namespace detente::smp
