#include "models/smp/smp_options.h"

#include <algorithm>
#include <thread>

namespace detente::smp {
namespace {

// Option values are KTAB's own names (kmodel.h, smp.h), so that a KTAB user
// recognises them; the position in each list is the enum's value. Function
// statics, because the model registers itself during static initialisation.
const std::vector<std::string>& voting_rules() {
  static const std::vector<std::string> names = {"Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp"};
  return names;
}
const std::vector<std::string>& victory_models() {
  static const std::vector<std::string> names = {"Linear", "Square", "Quartic", "Octic", "Binary"};
  return names;
}
const std::vector<std::string>& pce_models() {
  static const std::vector<std::string> names = {"Conditional", "MarkovIncentive", "MarkovUniform"};
  return names;
}
const std::vector<std::string>& risk_ranges() {
  static const std::vector<std::string> names = {"Min", "Mid", "Max"};
  return names;
}
const std::vector<std::string>& risk_adjusts() {
  static const std::vector<std::string> names = {"None", "OneThird", "Half", "TwoThirds", "Full"};
  return names;
}
const std::vector<std::string>& commits() {
  static const std::vector<std::string> names = {"NoCommit", "SemiCommit", "FullCommit"};
  return names;
}
const std::vector<std::string>& interpolations() {
  static const std::vector<std::string> names = {"S1P1", "S2P2", "S2PMax"};
  return names;
}
const std::vector<std::string>& bargain_models() {
  static const std::vector<std::string> names = {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"};
  return names;
}
const std::vector<std::string>& transitions() {
  static const std::vector<std::string> names = {"Deterministic", "Stochastic"};
  return names;
}
const std::vector<std::string>& salience_totals() {
  static const std::vector<std::string> names = {"rescale", "reject"};
  return names;
}
const std::vector<std::string>& position_groups() {
  static const std::vector<std::string> names = {"by_capability", "file_order"};
  return names;
}

ParamSpec choice(std::string name, std::string default_value, std::string help, std::vector<std::string> choices) {
  return ParamSpec{.name = std::move(name),
                   .default_value = std::move(default_value),
                   .help = std::move(help),
                   .choices = std::move(choices),
                   .kind = ParamSpec::Kind::kChoice};
}

template <typename Enum>
Enum pick(const ModelOptions& options, const std::string& name, const std::vector<std::string>& names) {
  const auto it = std::find(names.begin(), names.end(), options.text(name));
  return static_cast<Enum>(it - names.begin());
}

Error option_error(const std::string& name, const std::string& problem, const std::string& fix) {
  return Error{.field = "--option " + name, .problem = problem, .fix = fix};
}

}  // namespace

std::vector<ParamSpec> parameters() {
  return {
      choice("victory_probability", "Linear",
             "KTAB VictoryProbModel: P[i>j] = c_ij^n/(c_ij^n + c_ji^n) with n = 1, 2, 4, 8 (Linear ... Octic); "
             "Binary gives certainty at a strength ratio of 1.1",
             victory_models()),
      choice("pce_model", "Conditional",
             "KTAB PCEModel, the probabilistic Condorcet election: Conditional (p_i proportional to the product of "
             "P[i>j]), or the fixed point of a Markov chain of challenges (MarkovIncentive, MarkovUniform)",
             pce_models()),
      choice("voting_rule", "Proportional",
             "KTAB VotingRule: how a utility difference becomes a vote (Binary, PropBin, Proportional, PropCbc, "
             "Cubic, ASymProsp)",
             voting_rules()),
      choice("big_r_adjust", "OneThird",
             "KTAB BigRAdjust: actor h's estimate of i's risk attitude mixes h's own: None r_h, OneThird (2r_h+r_i)/3, "
             "Half, TwoThirds, Full r_i",
             risk_adjusts()),
      choice("big_r_range", "Mid",
             "KTAB BigRRange: risk attitudes read from the positions' probabilities span [0,1] (Min), [-0.5,1] (Mid) "
             "or [-1,1] (Max)",
             risk_ranges()),
      choice("third_party_commit", "SemiCommit",
             "KTAB ThirdPartyCommit: what a third party expects to keep when it joins the winning side", commits()),
      choice("bargain_interpolation", "S2P2",
             "KTAB InterVecBrgn: bargain weights per dimension s^2 P^2 (S2P2), s P (S1P1), or the probability-gap rule "
             "(S2PMax)",
             interpolations()),
      choice("bargain_model", "InitOnlyInterp",
             "KTAB SMPBargnModel: the bargain uses the initiator's odds (InitOnlyInterp), both actors' bargains are "
             "offered (InitRcvrInterp), or their power-weighted compromise (PWCompInterp)",
             bargain_models()),
      ParamSpec{.name = "ktab_bargain_quirks",
                .default_value = "true",
                .help = "With InitRcvrInterp or PWCompInterp, reproduce KTAB's code: the receiver's bargain uses the "
                        "receiver's estimate of the initiator's expected gain where its probability of winning is "
                        "meant, and PWCompInterp weighs it with the initiator's capability. false: the probability, "
                        "and the receiver's capability",
                .kind = ParamSpec::Kind::kBool},
      choice("transitions", "Deterministic",
             "KTAB StateTransMode: each actor adopts the most likely bargain, or draws one by its probability "
             "(Stochastic, reproducible with --seed)",
             transitions()),
      ParamSpec{.name = "seed",
                .default_value = "0",
                .help = "Seed for Stochastic transitions",
                .kind = ParamSpec::Kind::kInteger},
      ParamSpec{.name = "rounds",
                .default_value = "100",
                .help = "Maximum number of turns (KTAB: 100); the run stops earlier by KTAB's rule, when the total "
                        "movement of a turn falls below stop_ratio times that of the first turn (from turn 2 on)",
                .kind = ParamSpec::Kind::kInteger},
      ParamSpec{.name = "stop_ratio",
                .default_value = "0.02",
                .help = "KTAB's stopping threshold: movement in a turn relative to the first turn's",
                .kind = ParamSpec::Kind::kReal},
      ParamSpec{.name = "threads",
                .default_value = "0",
                .help = "Threads to use (0: all cores); results are identical for every count",
                .kind = ParamSpec::Kind::kInteger},
      choice("salience_total", "rescale",
             "SMP reads an actor's saliences as shares of its attention (KTAB: at most 100% in total). When they sum "
             "above 1 across the issues: rescale them to sum to 1 (noted in the output), or reject the input",
             salience_totals()),
      choice("position_groups", "by_capability",
             "Winning probabilities are computed over the distinct positions; KTAB merges positions within 0.1% of "
             "the scale and lets the first actor it meets stand for the group. file_order meets the actors in the "
             "file's order, as KTAB does, so that the probabilities depend on that order; by_capability meets them "
             "by capability (then name), which does not",
             position_groups()),
      ParamSpec{.name = "cluster_radius",
                .default_value = "0.05",
                .help = "Positions closer than this share of the scale form one cluster when the most likely outcome "
                        "is reported",
                .kind = ParamSpec::Kind::kReal},
  };
}

Result<Settings> read_settings(const ModelOptions& options) {
  Settings s;
  s.victory = pick<VictoryModel>(options, "victory_probability", victory_models());
  s.pce = pick<PceModel>(options, "pce_model", pce_models());
  s.voting_rule = pick<VotingRule>(options, "voting_rule", voting_rules());
  s.risk_adjust = pick<RiskAdjust>(options, "big_r_adjust", risk_adjusts());
  s.risk_range = pick<RiskRange>(options, "big_r_range", risk_ranges());
  s.commit = pick<ThirdPartyCommit>(options, "third_party_commit", commits());
  s.interpolation = pick<Interpolation>(options, "bargain_interpolation", interpolations());
  s.bargain = pick<BargainModel>(options, "bargain_model", bargain_models());
  s.transitions = pick<Transitions>(options, "transitions", transitions());
  s.rescale_salience = options.text("salience_total") == "rescale";
  s.ktab_bargain_quirks = options.flag("ktab_bargain_quirks");
  s.group_in_file_order = options.text("position_groups") == "file_order";

  const long long seed = options.integer("seed");
  if (seed < 0)
    return option_error("seed", "the seed must not be negative, got " + options.text("seed"),
                        "give seed=0 or a positive whole number");
  s.seed = static_cast<std::uint64_t>(seed);

  const long long rounds = options.integer("rounds");
  if (rounds < 1 || rounds > 100000) {
    return option_error("rounds", "smp needs between 1 and 100000 turns, got " + options.text("rounds"),
                        "give rounds=100 (KTAB's maximum) or another whole number in that range");
  }
  s.max_rounds = static_cast<int>(rounds);

  s.stop_ratio = options.real("stop_ratio");
  if (!(s.stop_ratio >= 0.0)) {
    return option_error("stop_ratio", "the stopping ratio must be 0 or more, got " + options.text("stop_ratio"),
                        "give stop_ratio=0.02 (KTAB's) or 0 to run every turn");
  }
  const long long threads = options.integer("threads");
  if (threads < 0 || threads > 1024) {
    return option_error("threads", "threads must lie in 0-1024, got " + options.text("threads"),
                        "give threads=0 to use every core");
  }
  s.threads = threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : static_cast<unsigned>(threads);

  s.cluster_radius = options.real("cluster_radius");
  if (!(s.cluster_radius >= 0.0 && s.cluster_radius <= 1.0)) {
    return option_error("cluster_radius",
                        "the cluster radius is a share of the scale in 0-1, got " + options.text("cluster_radius"),
                        "give cluster_radius=0.05 (5% of each issue's scale)");
  }
  return s;
}

}  // namespace detente::smp
