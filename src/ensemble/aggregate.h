// What an ensemble records of each run, and the streaming, mergeable summary of many runs:
// event counts (for probabilities with Wilson intervals), moments and quantile sketches of the
// outcomes, and per-step quantile sketches of each [outcomes].series (the bands). Its size depends
// on the scenario, never on the number of runs.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "ensemble/statistics.h"
#include "scenario/scenario.h"

namespace detente::ensemble {

// Names of what is recorded, fixed by the scenario.
struct OutcomeLayout {
  std::vector<std::string> events;      // agreement, agreement_by.DATE..., breakdown, extended
  std::vector<std::string> quantities;  // agreement_step, breakdown_step, extensions, ..., terms.ISSUE
  std::vector<std::string> series;      // [outcomes].series
  std::vector<std::string> dates;       // the calendar date of each step 0..steps
  // Per quantity: defined in every run (false: NaN where a run has none, e.g. the date of an
  // agreement, the terms, the position gap once the talks have ended).
  std::vector<bool> always_defined;
  static OutcomeLayout of(const scenario::Scenario& scenario);
};

// One run, reduced to what the ensemble keeps.
struct RunRecord {
  std::uint64_t run = 0;
  std::vector<std::uint8_t> events;  // 0 or 1, per layout.events
  std::vector<double> quantities;    // NaN where undefined (the terms of a run without agreement)
  std::vector<double> inputs;        // the uncertain parameters' values (only when per-run rows are kept)
};

void record_run(const scenario::Scenario& scenario, const engine::RunResult& result, RunRecord& record);

// The agreement rule's gates, as named in the events closed.DATE.GATE: positions, trust.LEAD (the
// side's lead distrusts the other), ratification.VETO, in the order of engine::Gates's bits.
[[nodiscard]] std::vector<std::string> gate_names(const scenario::Scenario& scenario);
// Whether an event or quantity name is one of the diagnostics (closed.DATE.GATE, ended.DATE,
// position_gap.DATE, separating_moves/pooling_moves/signal_trust_shift.ARENA), which front ends
// show apart from the outcomes (docs/models.md §diagnostics).
[[nodiscard]] bool is_diagnostic(const std::string& name);
// A gate of gate_names in words ("positions too far apart", "Iran's trust in US below its threshold").
[[nodiscard]] std::string describe_gate(const std::string& gate, const scenario::Scenario& scenario);
// The gates (gate_names) closed in this run at the step containing agreement_by date k.
[[nodiscard]] std::vector<std::string> closed_gates(const scenario::Scenario& scenario,
                                                    const engine::RunOutcome& outcome, std::size_t k);
// The arenas observed through [[linkage]] (their moves' signals are counted), in first-link order.
[[nodiscard]] std::vector<std::size_t> linked_arenas(const scenario::Scenario& scenario);

class Aggregate {
 public:
  Aggregate() = default;
  explicit Aggregate(const OutcomeLayout& layout);
  void add(const RunRecord& record, const std::vector<std::vector<double>>& series);
  // Combines another summary into this one. Merging chunk summaries in chunk order gives the same
  // bits whatever the threads or ranks that computed them.
  void merge(const Aggregate& other);

  [[nodiscard]] std::uint64_t runs() const { return runs_; }
  [[nodiscard]] std::uint64_t event_count(std::size_t k) const { return events_[k]; }
  [[nodiscard]] const Moments& moments(std::size_t k) const { return moments_[k]; }
  [[nodiscard]] const QuantileSketch& quantiles(std::size_t k) const { return sketches_[k]; }
  [[nodiscard]] const QuantileSketch& band(std::size_t series, std::size_t step) const { return bands_[series][step]; }
  [[nodiscard]] std::size_t series_count() const { return bands_.size(); }
  [[nodiscard]] std::size_t steps() const { return bands_.empty() ? 0 : bands_.front().size(); }

  void write(std::vector<std::uint8_t>& out) const;
  bool read(std::span<const std::uint8_t>& in);

 private:
  std::uint64_t runs_ = 0;
  std::vector<std::uint64_t> events_;
  std::vector<Moments> moments_;
  std::vector<QuantileSketch> sketches_;
  std::vector<std::vector<QuantileSketch>> bands_;
};

// The readable results of an Aggregate.
struct EventSummary {
  std::string name;
  std::uint64_t count = 0;
  std::uint64_t runs = 0;
  double p = 0.0;
  Interval wilson;
};
struct QuantitySummary {
  std::string name;
  std::uint64_t n = 0;
  double mean = 0.0, sd = 0.0, min = 0.0, max = 0.0;
  std::array<double, 5> q{};  // 5, 25, 50, 75, 95%
};
struct BandSummary {
  std::string series;
  std::vector<std::array<double, 5>> steps;  // 5, 25, 50, 75, 95% per step
};
inline constexpr std::array<double, 5> kBandLevels = {0.05, 0.25, 0.50, 0.75, 0.95};

struct Summary {
  std::uint64_t runs = 0;
  std::vector<EventSummary> events;
  std::vector<QuantitySummary> quantities;
  std::vector<BandSummary> bands;
};
[[nodiscard]] Summary summarise(const OutcomeLayout& layout, const Aggregate& aggregate);

}  // namespace detente::ensemble
