#include "ensemble/aggregate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace detente::ensemble {

OutcomeLayout OutcomeLayout::of(const scenario::Scenario& s) {
  OutcomeLayout layout;
  layout.events.push_back("agreement");
  for (const Date& by : s.agreement_by) layout.events.push_back("agreement_by." + to_string(by));
  layout.events.push_back("breakdown");
  layout.events.push_back("extended");
  for (const auto& arena : s.arenas) {
    if (arena.records_cooperation()) layout.events.push_back("cooperation." + arena.id);
  }
  for (const Date& by : s.agreement_by) {
    for (const std::string& gate : gate_names(s)) layout.events.push_back("closed." + to_string(by) + "." + gate);
    layout.events.push_back("ended." + to_string(by));
  }
  layout.quantities = {"agreement_step", "breakdown_step", "extensions", "peak_threat", "final_threat", "threat_cost"};
  const std::string lead0 = s.actors[s.sides[0].members.front()];
  const std::string lead1 = s.actors[s.sides[1].members.front()];
  layout.quantities.push_back("final_trust." + lead0 + "." + lead1);
  layout.quantities.push_back("final_trust." + lead1 + "." + lead0);
  for (const auto& issue : s.issues) layout.quantities.push_back("terms." + issue.id);
  for (const auto& arena : s.arenas) {
    if (arena.records_cooperation()) layout.quantities.push_back("cooperation_step." + arena.id);
  }
  for (const Date& by : s.agreement_by) layout.quantities.push_back("position_gap." + to_string(by));
  for (const std::size_t a : linked_arenas(s)) {
    for (const char* name : {"separating_moves.", "pooling_moves.", "signal_trust_shift."})
      layout.quantities.push_back(name + s.arenas[a].id);
  }
  for (const std::string& q : layout.quantities) {
    bool sometimes_undefined = false;
    for (const char* prefix : {"agreement_step", "breakdown_step", "terms.", "cooperation_step.", "position_gap."}) {
      sometimes_undefined = sometimes_undefined || q.rfind(prefix, 0) == 0;
    }
    layout.always_defined.push_back(!sometimes_undefined);
  }
  layout.series = s.series;
  for (int step = 0; step <= s.calendar.steps(); ++step) layout.dates.push_back(to_string(s.calendar.date_of(step)));
  return layout;
}

std::vector<std::string> gate_names(const scenario::Scenario& s) {
  std::vector<std::string> names = {"positions"};
  for (const auto& side : s.sides) names.push_back("trust." + s.actors[side.members.front()]);
  for (const auto& veto : s.veto_players) names.push_back("ratification." + veto.id);
  return names;
}

std::vector<std::size_t> linked_arenas(const scenario::Scenario& s) {
  std::vector<std::size_t> arenas;
  for (const auto& link : s.links) {
    if (std::find(arenas.begin(), arenas.end(), link.arena) == arenas.end()) arenas.push_back(link.arena);
  }
  return arenas;
}

namespace {
// Gate k of gate_names(s), as engine::Gates's bit.
std::uint32_t gate_bit(std::size_t k) {
  if (k == 0) return engine::Gates::kPositions;
  if (k <= 2) return engine::Gates::trust(static_cast<int>(k - 1));
  return engine::Gates::veto(k - 3);
}
}  // namespace

bool is_diagnostic(const std::string& name) {
  for (const char* prefix :
       {"closed.", "ended.", "position_gap.", "separating_moves.", "pooling_moves.", "signal_trust_shift."}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string describe_gate(const std::string& gate, const scenario::Scenario& s) {
  if (gate == "positions") return "positions too far apart";
  if (gate.rfind("trust.", 0) == 0) {
    const std::string lead = gate.substr(6);
    const std::size_t side = s.actors[s.sides[0].members.front()] == lead ? 1 : 0;
    return lead + "'s trust in " + s.actors[s.sides[side].members.front()] + " below its threshold";
  }
  if (gate.rfind("ratification.", 0) == 0) return gate.substr(13) + " would not ratify";
  return gate;
}

std::vector<std::string> closed_gates(const scenario::Scenario& s, const engine::RunOutcome& o, std::size_t k) {
  std::vector<std::string> out;
  const auto names = gate_names(s);
  for (std::size_t g = 0; g < names.size(); ++g) {
    if ((o.closed_by[k] & gate_bit(g)) != 0) out.push_back(names[g]);
  }
  return out;
}

void record_run(const scenario::Scenario& s, const engine::RunResult& result, RunRecord& record) {
  const auto& o = result.outcome;
  record.events.clear();
  record.events.push_back(o.agreed ? 1 : 0);
  for (const bool by : o.agreement_by) record.events.push_back(by ? 1 : 0);
  record.events.push_back(o.broken_down ? 1 : 0);
  record.events.push_back(o.extensions > 0 ? 1 : 0);
  for (std::size_t a = 0; a < s.arenas.size(); ++a) {
    if (s.arenas[a].records_cooperation()) record.events.push_back(o.first_cooperation_step[a] >= 0 ? 1 : 0);
  }
  const std::size_t gates = 3 + s.veto_players.size();
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k) {
    for (std::size_t g = 0; g < gates; ++g) record.events.push_back((o.closed_by[k] & gate_bit(g)) != 0 ? 1 : 0);
    record.events.push_back(!o.agreement_by[k] && std::isnan(o.position_gap_by[k]) ? 1 : 0);
  }
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  record.quantities.clear();
  record.quantities.push_back(o.agreed ? o.agreement_step : kNone);
  record.quantities.push_back(o.broken_down ? o.breakdown_step : kNone);
  record.quantities.push_back(o.extensions);
  record.quantities.push_back(o.peak_threat);
  record.quantities.push_back(o.final_threat);
  record.quantities.push_back(o.total_threat_cost);
  record.quantities.push_back(o.final_trust[0]);
  record.quantities.push_back(o.final_trust[1]);
  for (std::size_t d = 0; d < s.issues.size(); ++d) record.quantities.push_back(o.agreed ? o.terms[d] : kNone);
  for (std::size_t a = 0; a < s.arenas.size(); ++a) {
    const int first = o.first_cooperation_step[a];
    if (s.arenas[a].records_cooperation()) record.quantities.push_back(first >= 0 ? first : kNone);
  }
  for (const double gap : o.position_gap_by) record.quantities.push_back(gap);
  for (const std::size_t a : linked_arenas(s)) {
    const engine::SignalTally& tally = o.signals[a];
    record.quantities.push_back(tally.separating);
    record.quantities.push_back(tally.pooling);
    record.quantities.push_back(tally.trust_shift);
  }
}

Aggregate::Aggregate(const OutcomeLayout& layout)
    : events_(layout.events.size(), 0),
      moments_(layout.quantities.size()),
      sketches_(layout.quantities.size()),
      bands_(layout.series.size(), std::vector<QuantileSketch>(layout.dates.size())) {}

void Aggregate::add(const RunRecord& record, const std::vector<std::vector<double>>& series) {
  ++runs_;
  for (std::size_t k = 0; k < events_.size(); ++k) events_[k] += record.events[k];
  for (std::size_t k = 0; k < moments_.size(); ++k) {
    const double x = record.quantities[k];
    if (std::isnan(x)) continue;
    moments_[k].add(x);
    sketches_[k].add(x);
  }
  for (std::size_t k = 0; k < bands_.size() && k < series.size(); ++k) {
    for (std::size_t t = 0; t < bands_[k].size() && t < series[k].size(); ++t) bands_[k][t].add(series[k][t]);
  }
}

void Aggregate::merge(const Aggregate& other) {
  if (events_.empty() && moments_.empty() && bands_.empty()) {
    *this = other;
    return;
  }
  runs_ += other.runs_;
  for (std::size_t k = 0; k < events_.size(); ++k) events_[k] += other.events_[k];
  for (std::size_t k = 0; k < moments_.size(); ++k) {
    moments_[k].merge(other.moments_[k]);
    sketches_[k].merge(other.sketches_[k]);
  }
  for (std::size_t k = 0; k < bands_.size(); ++k) {
    for (std::size_t t = 0; t < bands_[k].size(); ++t) bands_[k][t].merge(other.bands_[k][t]);
  }
}

void Aggregate::write(std::vector<std::uint8_t>& out) const {
  put_u64(out, runs_);
  put_u64(out, events_.size());
  for (const auto e : events_) put_u64(out, e);
  put_u64(out, moments_.size());
  for (std::size_t k = 0; k < moments_.size(); ++k) {
    put_moments(out, moments_[k]);
    sketches_[k].write(out);
  }
  put_u64(out, bands_.size());
  put_u64(out, bands_.empty() ? 0 : bands_.front().size());
  for (const auto& steps : bands_) {
    for (const auto& sketch : steps) sketch.write(out);
  }
}

bool Aggregate::read(std::span<const std::uint8_t>& in) {
  std::uint64_t n = 0;
  if (!get_u64(in, runs_) || !get_u64(in, n) || n > in.size()) return false;
  events_.resize(n);
  for (auto& e : events_) {
    if (!get_u64(in, e)) return false;
  }
  if (!get_u64(in, n) || n > in.size()) return false;
  moments_.resize(n);
  sketches_.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (!get_moments(in, moments_[k]) || !sketches_[k].read(in)) return false;
  }
  std::uint64_t series = 0;
  std::uint64_t steps = 0;
  if (!get_u64(in, series) || !get_u64(in, steps) || series * steps > in.size()) return false;
  bands_.assign(series, std::vector<QuantileSketch>(steps));
  for (auto& row : bands_) {
    for (auto& sketch : row) {
      if (!sketch.read(in)) return false;
    }
  }
  return true;
}

Summary summarise(const OutcomeLayout& layout, const Aggregate& a) {
  Summary s{.runs = a.runs()};
  for (std::size_t k = 0; k < layout.events.size(); ++k) {
    const std::uint64_t count = a.event_count(k);
    s.events.push_back(EventSummary{.name = layout.events[k],
                                    .count = count,
                                    .runs = a.runs(),
                                    .p = a.runs() ? static_cast<double>(count) / static_cast<double>(a.runs()) : 0.0,
                                    .wilson = wilson_interval(count, a.runs())});
  }
  for (std::size_t k = 0; k < layout.quantities.size(); ++k) {
    const auto& m = a.moments(k);
    const auto& q = a.quantiles(k);
    QuantitySummary out{
        .name = layout.quantities[k], .n = m.n, .mean = m.mean, .sd = m.sd(), .min = q.min(), .max = q.max()};
    for (std::size_t i = 0; i < kBandLevels.size(); ++i) out.q[i] = q.quantile(kBandLevels[i]);
    s.quantities.push_back(out);
  }
  for (std::size_t k = 0; k < layout.series.size() && k < a.series_count(); ++k) {
    BandSummary band{.series = layout.series[k]};
    for (std::size_t t = 0; t < a.steps(); ++t) {
      std::array<double, 5> row{};
      for (std::size_t i = 0; i < kBandLevels.size(); ++i) row[i] = a.band(k, t).quantile(kBandLevels[i]);
      band.steps.push_back(row);
    }
    s.bands.push_back(std::move(band));
  }
  return s;
}

}  // namespace detente::ensemble
