// Perturbing a stakeholder table for Monte Carlo ensembles (detente forecast FILE --runs N): the
// --perturb specs (FIELD[.ACTOR[.ISSUE]]=DIST), the companion columns' per-stake standard deviations
// (Stake::position_sd, ...), and the plan that draws one perturbed copy of the table per run.
//
// Every perturbed value keeps to its range by truncating its distribution (inverse-CDF sampling
// between the CDF's values at the bounds), never by clamping draws onto the bound: positions stay
// on their issue's scale, saliences in [0, 1], capabilities at 0 or more. docs/output.md,
// "Ensembles over a stakeholder table", is the user's description.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/distribution.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/stakeholders.h"

namespace detente::ensemble {

enum class PerturbField { kPosition, kSalience, kCapability };
[[nodiscard]] const char* field_name(PerturbField field);

// The noise of a spec: additive normal (sd), uniform (±half-width) or triangular (±half-width,
// mode 0), or a multiplicative lognormal factor exp(N(0, sigma²)) (median 1); none switches noise
// off. `percent`: size in percent of the range (the issue's scale width for positions, 1 for
// saliences).
struct Noise {
  enum class Kind { kNone, kNormal, kUniform, kTriangular, kLognormal };
  Kind kind = Kind::kNone;
  double size = 0.0;
  bool percent = false;
  [[nodiscard]] std::string describe() const;  // as written: normal(5), uniform(10%), none
};

struct PerturbSpec {
  std::string text;  // as given on the command line
  PerturbField field = PerturbField::kPosition;
  std::optional<std::size_t> actor;  // index into problem.actors; none: every actor
  std::optional<std::size_t> issue;  // index into problem.issues; none: every issue
  Noise noise;
  // Specs that name more apply over those that name less; among equals, the later one.
  [[nodiscard]] int specificity() const { return (actor ? 1 : 0) + (issue ? 1 : 0); }
};

// Parses one --perturb spec against the table (actor and issue names must exist). Errors name
// --perturb, the spec, what was expected and the fix.
[[nodiscard]] Result<PerturbSpec> parse_perturb_spec(const std::string& text, const StakeholderProblem& problem);

// One value a run redraws: the stake it belongs to, the uniform it uses (capabilities of one actor
// share one across issues), and its distribution, truncated to the value's range.
struct PerturbedValue {
  std::size_t issue = 0;
  std::size_t stake = 0;
  PerturbField field = PerturbField::kPosition;
  std::size_t draw = 0;
  Distribution distribution;
  double u_lo = 0.0;  // the CDF at the lower and upper bound: u in (0, 1) maps to u_lo + u (u_hi − u_lo)
  double u_hi = 1.0;
  double lo = 0.0;  // the range, to absorb rounding in the inverse CDF
  double hi = 0.0;
  [[nodiscard]] double at(double u) const;
};

class Perturbation {
 public:
  // For each stake and field, the most specific matching spec (the later among equals); where none
  // matches, the stake's companion-column sd (normal noise) when above 0.
  static Perturbation plan(const StakeholderProblem& problem, std::span<const PerturbSpec> specs);

  [[nodiscard]] bool empty() const { return values_.empty(); }
  [[nodiscard]] std::size_t draws() const { return draws_; }
  [[nodiscard]] const std::vector<PerturbedValue>& values() const { return values_; }
  // Draws the run's uniforms from `rng` (draws() of them, in plan order) and writes the perturbed
  // values into `table`, a copy of the planned problem (values not perturbed are left alone).
  void apply(Rng& rng, StakeholderProblem& table, std::vector<double>& scratch) const;

 private:
  std::vector<PerturbedValue> values_;
  std::size_t draws_ = 0;
};

// Which companion columns the table carries (any stake with an sd above 0), e.g. {"Position_sd"}.
[[nodiscard]] std::vector<std::string> companion_columns(const StakeholderProblem& problem);

}  // namespace detente::ensemble
