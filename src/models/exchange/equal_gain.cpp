#include "models/exchange/equal_gain.h"

#include <cmath>
#include <utility>

namespace detente::exchange::detail {
namespace {

// Decide treats a gain below this as no gain.
constexpr Real kMinimumGain = 1e-10L;
// Decide treats a move of at most this as no move.
constexpr Real kMinimumMove = 1e-10L;
constexpr Real kScaleTop = 100.0L;

// The shift of the outcome on a side's supply issue when it moves by |move|:
// Stokman & Van Oosten's exchange ratio, Δx·c·s / Σ c·s.
Real outcome_shift(Real move, const Side& side, Real total_weight) {
  return std::abs(move) * side.supply_weight / total_weight;
}

// The move on the supply issue that shifts the outcome by `shift`.
Real move_for_shift(Real shift, const Side& side, Real total_weight) {
  return shift * total_weight / side.supply_weight;
}

// Signs a move of size `size` towards `target`; a full move lands exactly on it.
void set_move(Side& side, Real size, Real target, bool full) {
  side.move = side.position > target ? -size : size;
  side.y = full ? target : side.position + side.move;
}

void replace_last_move(Side& side) {
  if (!side.moves.empty()) side.moves.pop_back();
  side.moves.push_back(side.move);
}

// Decide drops the last entry of both move histories before recomputing.
void drop_last_moves(Candidate& c) {
  if (!c.i.moves.empty()) c.i.moves.pop_back();
  if (!c.j.moves.empty()) c.j.moves.pop_back();
}

bool degenerate(const Candidate& c, const Board& board) {
  return c.i.supply_weight <= 0.0 || c.j.supply_weight <= 0.0 || board.total_weight[c.i.supply] <= 0.0 ||
         board.total_weight[c.j.supply] <= 0.0 || c.i.demand_salience + c.j.supply_salience <= 0.0 ||
         c.i.supply_salience + c.j.demand_salience <= 0.0;
}

// Whether an outcome moving from `before` to `after` passes `target`:
// Decide's test that target − before and target − after differ in sign. An
// outcome that sits exactly on the target (an earlier exchange was clipped
// there) does not pass it, whichever way it then moves: that is what Decide's
// test gives in exact arithmetic. (Decide computes in 28-digit decimals, where
// such a difference comes out as ±1e-26 and the test goes either way.)
bool passes(Real before, Real after, Real target) {
  const Real d0 = target - before;
  const Real d1 = target - after;
  return (d0 > kPositionTolerance && d1 < -kPositionTolerance) || (d0 < -kPositionTolerance && d1 > kPositionTolerance);
}

// Decide's check_nbs for side `a` (the other side is `o`): if a's move would
// carry the outcome on a's supply issue past o's position there, a moves only
// until the outcome reaches o's position, and o's move is recomputed so that
// both gains stay equal. Outcomes take c.updates into account.
void clip_at_demander(Candidate& c, Side& a, Side& o, const Board& board) {
  const auto found = c.updates.find(a.supply);
  const std::map<std::size_t, Real> updates = found == c.updates.end() ? std::map<std::size_t, Real>{} : found->second;
  auto with_a_at = [&updates](std::size_t actor, Real position) {
    auto overrides = updates;
    overrides[actor] = position;
    return overrides;
  };
  const Real target = o.demand_position;
  const Real before = board.outcome(a.supply, with_a_at(a.actor, a.position));
  const Real after = board.outcome(a.supply, with_a_at(a.actor, a.y));
  if (!passes(before, after, target)) return;

  // Decide sets a's position first and lets a recorded update of it win.
  auto reference = std::map<std::size_t, Real>{{a.actor, a.position}};
  for (const auto& [actor, position] : updates) reference[actor] = position;
  const Real total_a = board.total_weight[a.supply];
  const Real total_o = board.total_weight[o.supply];
  const Real move_a = std::abs(target - board.outcome(a.supply, reference)) * total_a / a.supply_weight;
  const Real shift_a = outcome_shift(move_a, a, total_a);
  // Equal gains, as in compute(): ΔO_o = ΔO_a (s_a,supply + s_o,demand) / (s_a,demand + s_o,supply).
  const Real shift_o = shift_a * (a.supply_salience + o.demand_salience) / (a.demand_salience + o.supply_salience);
  set_move(o, move_for_shift(shift_o, o, total_o), a.demand_position, false);
  set_move(a, move_a, target, false);
  replace_last_move(o);
  replace_last_move(a);
  // o's gain |ΔO_o s_o,supply − ΔO_a s_o,demand|, with ΔO_o written out.
  c.gain = shift_a * std::abs(a.supply_salience * o.supply_salience - o.demand_salience * a.demand_salience) /
           (a.demand_salience + o.supply_salience);
}

// Decide's update_updates: when an actor's position on an issue was already
// recorded, keep the one nearer its start of the round.
Real combine_update(Real start, Real recorded, Real y) {
  if (start <= recorded) return recorded < y ? recorded : y;
  return recorded > y ? recorded : y;
}

bool supplies_as(const Side& side, const Side& other) {
  return side.actor == other.actor && side.supply == other.supply;
}
bool demands_as(const Side& side, const Side& other) {
  return side.actor == other.actor && side.demand == other.demand;
}

Side make_side(const Board& board, std::size_t actor, std::size_t supply, std::size_t demand) {
  const Holding& s = board.at(supply, actor);
  const Holding& d = board.at(demand, actor);
  return Side{.actor = actor,
              .supply = supply,
              .demand = demand,
              .start = s.position,
              .position = s.position,
              .demand_position = d.position,
              .supply_salience = s.salience,
              .supply_weight = s.weight(),
              .demand_salience = d.salience};
}

}  // namespace

Real Board::outcome(std::size_t issue, const std::map<std::size_t, Real>& overrides) const {
  if (total_weight[issue] <= 0.0) return 0.0;  // as Decide: no weight, outcome 0
  Real sum = 0.0L;
  const auto& row = holdings[issue];
  for (std::size_t actor = 0; actor < row.size(); ++actor) {
    if (!row[actor]) continue;
    const auto over = overrides.find(actor);
    sum += row[actor]->weight() * (over == overrides.end() ? row[actor]->position : over->second);
  }
  return sum / total_weight[issue];
}

Candidate make_candidate(const Board& board, std::size_t a, std::size_t b, std::size_t p, std::size_t q) {
  // a demands p when s_ap/s_aq ≥ s_bp/s_bq (cross-multiplied: saliences may be 0).
  const bool a_demands_p =
      !(board.at(p, a).salience * board.at(q, b).salience < board.at(p, b).salience * board.at(q, a).salience);
  const std::size_t demander_of_p = a_demands_p ? a : b;
  const std::size_t supplier_of_p = a_demands_p ? b : a;
  Candidate c{.i = make_side(board, demander_of_p, q, p), .j = make_side(board, supplier_of_p, p, q)};
  compute(c, board);
  return c;
}

// Stokman & Van Oosten (1994), equal gain: i demands p and supplies q, j the
// reverse. If j moves by Δx_j on p, the outcome on p shifts by
// ΔO_p = Δx_j c_jp s_jp / Σ_p c s; i's gain is ΔO_p s_ip − ΔO_q s_iq and j's is
// ΔO_q s_jq − ΔO_p s_jp, equal when ΔO_q = ΔO_p (s_ip + s_jp) / (s_iq + s_jq).
// Decide first lets j move all the way to i's position on p; if i's matching
// move on q would overshoot j's position, i moves all the way instead.
void compute(Candidate& c, const Board& board) {
  Side& i = c.i;
  Side& j = c.j;
  const Real total_p = board.total_weight[j.supply];
  const Real total_q = board.total_weight[i.supply];
  const Real full_i = std::abs(j.demand_position - i.position);
  const Real full_j = std::abs(i.demand_position - j.position);
  Real shift_p = 0.0;
  Real shift_q = 0.0;
  // |ΔO_p s_ip − ΔO_q s_iq| = ΔO_p |s_ip s_jq − s_iq s_jp| / (s_iq + s_jq)
  //                        = ΔO_q |s_ip s_jq − s_iq s_jp| / (s_ip + s_jp).
  const Real ratio_gap = std::abs(i.demand_salience * j.demand_salience - i.supply_salience * j.supply_salience);
  c.gain = 0.0;
  if (degenerate(c, board)) {
    set_move(i, 0.0, j.demand_position, false);
    set_move(j, 0.0, i.demand_position, false);
  } else {
    shift_p = outcome_shift(full_j, j, total_p);
    shift_q = shift_p * (i.demand_salience + j.supply_salience) / (i.supply_salience + j.demand_salience);
    const Real move_i = move_for_shift(shift_q, i, total_q);
    if (move_i > full_i) {  // i would overshoot: the roles are reversed
      shift_q = outcome_shift(full_i, i, total_q);
      shift_p = shift_q * (i.supply_salience + j.demand_salience) / (i.demand_salience + j.supply_salience);
      set_move(i, full_i, j.demand_position, true);
      set_move(j, move_for_shift(shift_p, j, total_p), i.demand_position, false);
      c.gain = shift_q * ratio_gap / (i.demand_salience + j.supply_salience);
    } else {
      set_move(i, move_i, j.demand_position, false);
      set_move(j, full_j, i.demand_position, true);
      c.gain = shift_p * ratio_gap / (i.supply_salience + j.demand_salience);
    }
  }
  i.moves.push_back(i.move);
  j.moves.push_back(j.move);
  c.valid = move_is_valid(i) && move_is_valid(j) && c.gain >= kMinimumGain;
  if (!c.valid) return;
  clip_at_demander(c, i, j, board);
  clip_at_demander(c, j, i, board);
  c.valid = move_is_valid(i) && move_is_valid(j);
}

bool move_is_valid(const Side& side) {
  const Real size = std::abs(side.move);
  if (size > kScaleTop || size <= kMinimumMove) return false;
  const Real y = side.position + side.move;
  if (y < -kPositionTolerance || y > kScaleTop + kPositionTolerance) return false;
  Real sum = 0.0;
  bool all_down = true;
  bool all_up = true;
  for (const Real m : side.moves) {
    sum += m;
    all_down = all_down && m < 0.0;
    all_up = all_up && m > 0.0;
  }
  return sum <= kScaleTop && !side.moves.empty() && (all_down || all_up);
}

bool follow(Candidate& c, const Candidate& executed, const Board& board) {
  auto adopt = [&executed](Side& side) {
    for (const Side* done : {&executed.i, &executed.j}) {
      if (!supplies_as(side, *done)) continue;
      side.position = done->y;
      side.moves.push_back(done->moves.back());
      return true;
    }
    return false;
  };
  const bool moved_i = adopt(c.i);
  const bool moved_j = adopt(c.j);
  bool touched = moved_i || moved_j;
  // As Decide does (invalidate_exchange_by_supply): the executed move just
  // appended is dropped again, so the adopting side keeps its stale candidate
  // move in its history, and the other side loses its own.
  if (touched) drop_last_moves(c);

  const std::pair<const Side*, const Side*> demander_supplier[] = {{&executed.j, &executed.i},
                                                                   {&executed.i, &executed.j}};
  for (const auto& [demander, supplier] : demander_supplier) {
    if (!demands_as(*demander, c.j) && !demands_as(*demander, c.i)) continue;
    auto& recorded = c.updates[supplier->supply];
    const auto known = recorded.find(supplier->actor);
    if (known == recorded.end()) {
      recorded[supplier->actor] = supplier->y;
    } else {
      known->second = combine_update(supplier->start, known->second, supplier->y);
    }
    if (!touched) drop_last_moves(c);
    touched = true;
  }
  if (touched) compute(c, board);
  return touched;
}

}  // namespace detente::exchange::detail
