// Deadlines and extensions (our form after Fearon 1995/1998 and Roth et al. 1988; docs/models.md
// §deadlines): when a deadline passes without agreement, a hard deadline (drawn once per run with
// its probability) ends the talks; otherwise each side extends iff the value of continuing —
// its trust in the other side times its gain from the proposal on the table over the status quo,
// less the rising audience cost of the deadlines missed so far — is at least its outside option.
// An extendable deadline (the last one listed, with extension_weeks) is, when extended, replaced by
// a new one that many weeks later on the same terms, its hardness drawn afresh: talks extended
// again and again, as the Iran talks were in July 2014, November 2014 and June–July 2015.
#include <cmath>
#include <cstdio>
#include <optional>

#include "engine/mechanism.h"
#include "engine/mechanisms/deadlines/deadlines.h"
#include "engine/mechanisms/negotiation/winset.h"

namespace detente::engine {

double value_of_extending(double trust, double gain, double missed_cost) { return trust * gain - missed_cost; }

bool extends(double trust, double gain, double missed_cost, double outside_option) {
  return value_of_extending(trust, gain, missed_cost) >= outside_option;
}

namespace {

class DeadlineMechanism final : public Mechanism {
 public:
  explicit DeadlineMechanism(const scenario::Scenario& s) {
    for (const auto& deadline : s.deadlines) {
      hard_.push_back(s.params.index(deadline.key + ".hard_probability"));
      cost_.push_back(s.params.index(deadline.key + ".missed_cost"));
      if (deadline.extendable) extension_ = s.params.index(deadline.key + ".extension_weeks");
    }
    for (const auto& issue : s.issues) {
      status_quo_.push_back(s.params.index("issues." + issue.id + ".status_quo"));
      widths_.push_back(issue.scale.width());
    }
    for (int side = 0; side < 2; ++side) {
      leads_[side] = s.sides[side].members.front();
      outside_[side] = s.params.index("outside_options." + s.sides[side].id);
      const auto lead = std::find(s.negotiators.begin(), s.negotiators.end(), leads_[side]);
      lead_negotiator_[side] = static_cast<std::size_t>(lead - s.negotiators.begin());
      for (const auto& issue : s.issues) {
        ideal_[side].push_back(s.params.index("issues." + issue.id + ".positions." + s.actors[leads_[side]]));
      }
    }
  }

  void start(World& world, Rng& rng) const override {
    world.next_deadline = 0;
    world.extended_deadline_step = -1;
    world.hard_deadline.clear();
    for (const std::size_t hard : hard_) world.hard_deadline.push_back(rng.bernoulli(world.p[hard]));
  }

  void step(World& world, Rng& rng) const override {
    const auto& s = *world.scenario;
    while (world.next_deadline < s.deadlines.size() && s.deadlines[world.next_deadline].step <= world.step) {
      const std::size_t k = world.next_deadline++;
      pass(world, k, s.deadlines[k].date, world.hard_deadline[k]);
    }
    if (world.extended_deadline_step >= 0 && world.extended_deadline_step <= world.step) {
      world.extended_deadline_step = -1;
      const std::size_t last = s.deadlines.size() - 1;
      pass(world, last, s.calendar.date_of(world.step), rng.bernoulli(world.p[hard_[last]]));
    }
  }

 private:
  // Deadline `k`'s terms apply to the deadline on `date` (k itself, or an extension of it).
  void pass(World& world, std::size_t k, Date date, bool hard) const {
    const auto& s = *world.scenario;
    if (!world.talks_open()) return;
    ++world.missed_deadlines;
    world.missed_cost += world.p[cost_[k]] * world.missed_deadlines;
    const std::string when = "the " + to_string(date) + " deadline passes without agreement";
    if (hard) {
      end_talks(world, when + "; it cannot be extended and the talks end");
      return;
    }
    std::string reasons;
    bool both = true;
    for (int side = 0; side < 2; ++side) {
      const double trust = world.belief(leads_[side], leads_[1 - side]).trustworthy(0);
      const double gain = gain_from_deal(world, side);
      const double outside = world.p[outside_[side]];
      const bool extend = extends(trust, gain, world.missed_cost, outside);
      both = both && extend;
      if (!world.narrate) continue;   // the reasons are for the narrative only (ensembles skip them)
      char buffer[240];
      std::snprintf(buffer, sizeof buffer, "%s %s (trust %.2f x gain %.2f - cost %.2f = %.2f %s outside option %.2f)",
                    s.sides[side].id.c_str(), extend ? "extends" : "walks away", trust, gain, world.missed_cost,
                    value_of_extending(trust, gain, world.missed_cost), extend ? ">=" : "<", outside);
      reasons += (reasons.empty() ? "" : "; ") + std::string(buffer);
    }
    if (!both) {
      end_talks(world, when + ": " + reasons + "; the talks break down");
      return;
    }
    world.note(when + ": " + reasons);
    if (s.deadlines[k].extendable) set_next_deadline(world);
  }

  // The extension's new deadline, extension_weeks on (at least one step); none past the horizon.
  void set_next_deadline(World& world) const {
    const auto& calendar = world.scenario->calendar;
    const double weeks = world.p[*extension_];
    const int next = world.step + std::max(1, static_cast<int>(std::lround(weeks * calendar.steps_per_week())));
    if (next > calendar.steps()) return;
    world.extended_deadline_step = next;
    if (world.narrate) world.note("the talks are extended to a new deadline, " + to_string(calendar.date_of(next)));
  }

  // How much closer the proposal on the table is to the side lead's initial position than the
  // status quo is, in scale widths (negative when it is further).
  double gain_from_deal(const World& world, int side) const {
    std::vector<double> ideal;
    std::vector<double> q;
    for (std::size_t d = 0; d < ideal_[side].size(); ++d) {
      ideal.push_back(world.p[ideal_[side][d]]);
      q.push_back(world.p[status_quo_[d]]);
    }
    return scaled_distance(q, ideal, widths_) - scaled_distance(world.proposal, ideal, widths_);
  }

  static void end_talks(World& world, std::string text) {
    world.broken_down = true;
    world.breakdown_step = world.step;
    world.note(std::move(text));
  }

  std::vector<std::size_t> hard_, cost_, status_quo_;
  std::optional<std::size_t> extension_;  // the last deadline's extension_weeks
  std::vector<double> widths_;
  std::array<std::size_t, 2> leads_{}, outside_{}, lead_negotiator_{};
  std::array<std::vector<std::size_t>, 2> ideal_;
};

MechanismInfo deadline_info() {
  return MechanismInfo{
      .name = "deadlines",
      .phase = 60,
      .citation = "our form: extend-or-walk at each deadline (after Fearon 1995, 1998; Roth, Murnighan & Schoumaker 1988)",
      .make = [](const scenario::Scenario& s) { return std::make_unique<DeadlineMechanism>(s); },
  };
}

}  // namespace
}  // namespace detente::engine

DETENTE_REGISTER_MECHANISM(detente::engine::deadline_info)
