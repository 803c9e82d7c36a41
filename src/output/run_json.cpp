#include "output/run_json.h"

#include <cmath>

#include "ensemble/aggregate.h"

namespace detente::output {

using nlohmann::ordered_json;

namespace {

// Per agreement_by date not reached: what stood in the way at the step containing it.
ordered_json why_not_json(const scenario::Scenario& s, const engine::RunOutcome& o) {
  ordered_json out = ordered_json::object();
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k) {
    if (o.agreement_by[k]) continue;
    const bool open = !std::isnan(o.position_gap_by[k]);
    out[to_string(s.agreement_by[k])] = {
        {"talks_ended", !open},
        {"closed", open ? ordered_json(ensemble::closed_gates(s, o, k)) : ordered_json::array()},
        {"position_gap", open ? ordered_json(o.position_gap_by[k]) : ordered_json()}};
  }
  return out;
}

ordered_json signals_json(const scenario::Scenario& s, const engine::RunOutcome& o) {
  ordered_json out = ordered_json::object();
  for (const std::size_t a : ensemble::linked_arenas(s)) {
    const auto& tally = o.signals[a];
    out[s.arenas[a].id] = {
        {"separating_moves", tally.separating}, {"pooling_moves", tally.pooling}, {"trust_shift", tally.trust_shift}};
  }
  return out;
}

}  // namespace

ordered_json run_outcome_json(const scenario::Scenario& s, const engine::RunOutcome& o) {
  ordered_json outcome = {{"agreed", o.agreed},
                          {"agreement_date", o.agreed ? ordered_json(o.agreement_date) : ordered_json()},
                          {"terms", ordered_json::object()},
                          {"broken_down", o.broken_down},
                          {"breakdown_date", o.broken_down ? ordered_json(o.breakdown_date) : ordered_json()},
                          {"extensions", o.extensions},
                          {"agreement_by", ordered_json::object()},
                          {"peak_threat", o.peak_threat},
                          {"final_threat", o.final_threat},
                          {"total_threat_cost", o.total_threat_cost}};
  for (std::size_t d = 0; d < o.terms.size(); ++d) outcome["terms"][s.issues[d].id] = o.terms[d];
  for (std::size_t k = 0; k < s.agreement_by.size(); ++k)
    outcome["agreement_by"][to_string(s.agreement_by[k])] = o.agreement_by[k];
  outcome["why_not_by"] = why_not_json(s, o);
  outcome["signals"] = signals_json(s, o);
  return outcome;
}

}  // namespace detente::output
