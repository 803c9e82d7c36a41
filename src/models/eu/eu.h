// Bueno de Mesquita's expected utility ("challenge") model, in the reading of
// Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group
// decision model", J. Theoretical Politics 23(4): 510-531, of Bueno de Mesquita
// (1994), in Bueno de Mesquita & Stokman (eds.), European Community Decision
// Making. Each point on which the published readings differ is a Settings
// field; the defaults reproduce Scholz et al.'s code (as replicated by
// jmckib/bdm-scholz-expected-utility-model) and so the published EC curve.
//
// The library API: `Negotiation` plays rounds of one issue and reports every
// actor's risk exponent and accepted offer; `run_issue` runs a whole issue.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/stakeholders.h"
#include "models/model.h"

namespace detente::eu {

// Probability that position x_i beats x_j. With v_k(x_i, x_j) = c_k s_k
// [(|x_k - x_j|/R)^r_k - (|x_k - x_i|/R)^r_k] the vote of actor k (BDM 1994;
// Scholz et al. 2011, section 4):
enum class WinProbability {
  kAllPairs,  // Scholz's code: sum_k max(0, v_k(x_i,x_j)) / sum_k sum_a sum_b |v_k(x_a,x_b)|
  kPair,      // as printed: sum_k max(0, v_k(x_i,x_j)) / sum_k |v_k(x_i,x_j)|
  kMasad,     // Masad's replication: max(0, sum_k v_k) / sum_k |v_k|, every r_k = 1
};

// Whose risk exponent enters E(U_ji) when actor i weighs j's offer.
enum class RiskPerspective {
  kPerceiver,  // Scholz's code: i's own exponent for both sides' utilities
  kOwn,        // each side its own (Masad: j's E(U_ji) with r_j)
};

// Which compromise an actor accepts when several are on offer.
enum class CompromiseChoice {
  kScholzCode,  // smallest (|E_ij| x_i + |E_ji| x_j) / (|E_ij| + |E_ji|), Scholz's code
  kLeastMove,   // the one that moves it least, as Scholz et al. and BDM state
};

enum class Capitulation {
  kNever,     // Scholz's code tests E_ji < |E_ji|, which never holds
  kIntended,  // E_ji > 0 > E_ij and E_ji < |E_ij| (also Masad's |U_i| > U_j)
};

// How an actor picks among the offers it receives.
enum class OfferChoice {
  kByKind,             // confrontation, then compromise, then capitulation (Scholz, BDM)
  kLargestProposerEu,  // Masad: the proposer with the largest E_ji, then classify that one offer
};

// The scale range R that normalises distances.
enum class RangeSource {
  kInitialPositions,  // max - min of the initial positions (Scholz's code)
  kScale,             // the issue's declared scale (Masad passes the scale's ends)
};

struct Settings {
  int rounds = 10;
  double tolerance = 0.0;  // > 0: stop when no position moves by more than this
  WinProbability win_probability = WinProbability::kAllPairs;
  RiskPerspective risk_perspective = RiskPerspective::kPerceiver;
  CompromiseChoice compromise_choice = CompromiseChoice::kScholzCode;
  Capitulation capitulation = Capitulation::kNever;
  OfferChoice offer_choice = OfferChoice::kByKind;
  RangeSource range = RangeSource::kInitialPositions;
  double q = 1.0;  // Q: probability that j's position stays put without a challenge
  double t = 1.0;  // T: probability that, if it moves, it moves towards i
};

// The model's parameters, as the command line and `detente models` show them.
[[nodiscard]] std::vector<ParamSpec> parameters();
// Reads and range-checks resolved options.
[[nodiscard]] Result<Settings> read_settings(const ModelOptions& options);

// Scholz et al. (2011), section 3; BDM (1994): utilities on [-2, 2] of
// success, failure, status quo, and of j's position moving better or worse
// for i. `distance` is |x_i - x_j|/R, `median_distance` |x_i - mu|/R.
struct BasicUtilities {
  double success = 0.0;
  double failure = 0.0;
  double status_quo = 0.0;
  double better = 0.0;
  double worse = 0.0;
};
[[nodiscard]] BasicUtilities basic_utilities(double distance, double median_distance, double risk);

// E(U_ij) = s_j [P U_s + (1-P) U_f] + (1-s_j) U_s - Q U_sq - (1-Q)[T U_b + (1-T) U_w]
// (Scholz et al. 2011, section 2.2; s_j is the target's salience, the
// probability that it resists).
[[nodiscard]] double expected_utility(const BasicUtilities& u, double win_probability, double target_salience, double q,
                                      double t);

// Risk exponent from an actor's danger D_i and the extremes over all actors
// (Scholz et al. 2011, section 5): R_i = (2 D_i - max - min) / (max - min),
// r_i = (1 - R_i/3) / (1 + R_i/3). Equal extremes give r_i = 1.
[[nodiscard]] double risk_exponent(double danger, double min_danger, double max_danger);

enum class OfferKind { kConfrontation, kCompromise, kCapitulation };
[[nodiscard]] const char* to_string(OfferKind kind);

// The offer an actor accepted in a round. Indices are stake indices of the issue.
struct AcceptedOffer {
  OfferKind kind = OfferKind::kConfrontation;
  std::size_t from = 0;      // the proposer j
  double position = 0.0;     // the receiver's new position
  double eu_receiver = 0.0;  // E(U_ij): the receiver i challenging j, as i sees it
  double eu_proposer = 0.0;  // E(U_ji): j challenging i (perspective per Settings)
};

// One round of one issue, everything aligned with Issue::stakes.
struct RoundDetail {
  int round = 0;
  std::vector<double> risk_exponents;                // r_i used for the offers
  std::vector<std::optional<AcceptedOffer>> offers;  // empty optional: no move
  std::vector<double> positions;                     // after the round
};

// A repeat of earlier positions: round `first + period` equals round `first`
// exactly. Exact repeats happen (a confrontation copies a position), but on a
// long run where and whether one is found can depend on rounding: on the EC
// example two correct implementations whose sums differ only in the last bit
// differ by 1e-12 at round 25, 1e-6 at round 75 and by whole scale points
// after about 150 rounds. Both then fall into a cycle of period 70, jmckib's
// code from round 153, this one (summing in another order) from round 358.
struct Cycle {
  int first = 0;
  int period = 0;
};

struct IssueRun {
  std::vector<std::string> actors;  // in stake order
  std::vector<RoundDetail> rounds;  // rounds[0]: the input positions, no offers
  std::optional<Cycle> cycle;       // the first repeat found, if any
  bool stopped_by_tolerance = false;
};

// Memory one round works in (O(m^2) for m distinct positions). Reusing one
// across rounds saves allocating and clearing it every round.
class RoundScratch {
 public:
  RoundScratch();
  ~RoundScratch();
  RoundScratch(RoundScratch&& other) noexcept;
  RoundScratch& operator=(RoundScratch&& other) noexcept;
  RoundScratch(const RoundScratch&) = delete;
  RoundScratch& operator=(const RoundScratch&) = delete;
  struct Buffers;
  Buffers& buffers() { return *buffers_; }

 private:
  std::unique_ptr<Buffers> buffers_;
};

// One issue's bargaining: actors, the range R, and the settings. Actors are
// visited in an order fixed by position and name, never by the input file, so
// the numbers do not depend on the file's order; ties between equally good
// offers go to the larger E_ji, then to the proposer whose name sorts first.
class Negotiation {
 public:
  // `actors`: the stakes' actor names, aligned with issue.stakes.
  [[nodiscard]] static Result<Negotiation> create(const Issue& issue, std::vector<std::string> actors,
                                                  const Settings& settings);

  // One round from `positions` (stake order): O(n m) powers and O(n^2 + m^2)
  // arithmetic for n actors at m distinct positions.
  [[nodiscard]] RoundDetail play(std::span<const double> positions, int round, RoundScratch& scratch) const;
  [[nodiscard]] RoundDetail play(std::span<const double> positions, int round) const {
    RoundScratch scratch;
    return play(positions, round, scratch);
  }

  [[nodiscard]] double range() const { return range_; }
  [[nodiscard]] const std::vector<std::string>& actors() const { return names_; }

 private:
  Negotiation() = default;
  std::vector<std::string> names_;    // stake order
  std::vector<std::size_t> by_name_;  // canonical index -> stake index
  std::vector<double> capability_;    // canonical order
  std::vector<double> salience_;      // canonical order
  double range_ = 0.0;
  Settings settings_;
};

// Runs one issue from its input positions for settings.rounds rounds (fewer
// with a tolerance), detecting the first exact repeat of a round's positions.
[[nodiscard]] Result<IssueRun> run_issue(const Issue& issue, std::vector<std::string> actors, const Settings& settings);

// Human-readable lines describing a run, for ForecastResult::trace.
[[nodiscard]] std::vector<std::string> trace_lines(const IssueRun& run, const std::string& issue_name);

}  // namespace detente::eu
