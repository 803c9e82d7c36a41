#include "ensemble/reach.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#include "ensemble/aggregate.h"

namespace detente::ensemble {
namespace {

// The ends of a distribution's range: exact where it is bounded (uniform, triangular, beta, a
// choice), the 0.1% and 99.9% quantiles (within any truncation) where it is not.
std::pair<double, double> range_ends(const Distribution& d) {
  using Kind = Distribution::Kind;
  switch (d.kind) {
    case Kind::kUniform:
    case Kind::kTriangular:
      return {d.a, d.b};
    case Kind::kBeta:
      return {d.lo, d.hi};
    case Kind::kChoice:
      return {*std::min_element(d.choices.begin(), d.choices.end()), *std::max_element(d.choices.begin(), d.choices.end())};
    default:
      return {d.quantile(0.001), d.quantile(0.999)};
  }
}

// Lower is closer to agreement: an agreeing run first; then fewer gates closed at the date, and
// among those, positions closer together (the tanh term stays below a whole gate); ended talks last.
double score(const engine::RunOutcome& o, std::size_t k) {
  if (o.agreement_by[k]) return -std::numeric_limits<double>::infinity();
  if (std::isnan(o.position_gap_by[k])) return std::numeric_limits<double>::infinity();
  return static_cast<double>(std::popcount(o.closed_by[k])) + 0.5 * std::tanh(o.position_gap_by[k]);
}

}  // namespace

namespace {

struct Search {
  std::vector<double> parameters;
  engine::RunOutcome outcome;
  double score = 0.0;
};

// Coordinate descent from the central values over the ends of each uncertain input's range, with
// the random draws of one run (its types, hard deadlines, trembles) held fixed.
Result<Search> descend(const engine::Engine& engine, std::size_t k, const engine::RunOptions& options,
                       int& evaluations) {
  const auto& all = engine.scenario().params.all();
  const auto evaluate = [&](const std::vector<double>& parameters) -> Result<engine::RunOutcome> {
    ++evaluations;
    auto run = engine.run(options, parameters);
    if (!run) return run.error();
    return run->outcome;
  };
  Search best{.parameters = engine.scenario().params.central_values()};
  auto first = evaluate(best.parameters);
  if (!first) return first.error();
  best.outcome = *first;
  best.score = score(best.outcome, k);
  constexpr int kPasses = 4;
  for (int pass = 0; pass < kPasses && std::isfinite(best.score); ++pass) {
    bool improved = false;
    for (const std::size_t p : engine.sampler().uncertain()) {
      const auto [lo, hi] = range_ends(all[p].value);
      for (const double value : {lo, hi}) {
        std::vector<double> trial = best.parameters;
        trial[p] = value;
        auto outcome = evaluate(trial);
        if (!outcome) return outcome.error();
        if (const double trial_score = score(*outcome, k); trial_score < best.score) {
          best = Search{.parameters = std::move(trial), .outcome = *outcome, .score = trial_score};
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

}  // namespace

Result<Reachability> search_reachability(const engine::Engine& engine, std::size_t k,
                                         const std::vector<std::string>& policies, std::uint64_t seed) {
  const auto& s = engine.scenario();
  Reachability out;
  std::optional<Search> best;
  constexpr std::uint64_t kDraws = 8;  // the random draws of runs 0..7: types, hard deadlines, trembles
  for (std::uint64_t run = 0; run < kDraws; ++run) {
    auto found =
        descend(engine, k, engine::RunOptions{.seed = seed, .run = run, .policies = policies}, out.evaluations);
    if (!found) return found.error();
    if (!best || found->score < best->score) {
      best = std::move(*found);
      out.run = run;
    }
    if (best->score == -std::numeric_limits<double>::infinity()) break;
  }
  const auto& o = best->outcome;
  out.agreed = o.agreement_by[k];
  out.position_gap = out.agreed                         ? 0.0
                     : std::isnan(o.position_gap_by[k]) ? std::numeric_limits<double>::infinity()
                                                        : o.position_gap_by[k];
  out.closed = closed_gates(s, o, k);
  const auto central = s.params.central_values();
  for (const std::size_t p : engine.sampler().uncertain()) {
    if (best->parameters[p] != central[p]) out.settings.emplace_back(s.params.all()[p].path, best->parameters[p]);
  }
  return out;
}

}  // namespace detente::ensemble
