// The eu model's parameters: one named option per point where the readings of
// Bueno de Mesquita (1994) differ, the Scholz et al. (2011) code the default.
#include <array>
#include <string>

#include "models/eu/eu.h"

namespace detente::eu {
namespace {

template <typename Enum>
struct Choice {
  const char* name;
  Enum value;
};

constexpr auto kWinProbability = std::to_array<Choice<WinProbability>>(
    {{"all_pairs", WinProbability::kAllPairs}, {"pair", WinProbability::kPair}, {"masad", WinProbability::kMasad}});
constexpr auto kRiskPerspective = std::to_array<Choice<RiskPerspective>>(
    {{"perceiver", RiskPerspective::kPerceiver}, {"own", RiskPerspective::kOwn}});
constexpr auto kCompromiseChoice = std::to_array<Choice<CompromiseChoice>>(
    {{"scholz_code", CompromiseChoice::kScholzCode}, {"least_move", CompromiseChoice::kLeastMove}});
constexpr auto kCapitulation =
    std::to_array<Choice<Capitulation>>({{"never", Capitulation::kNever}, {"intended", Capitulation::kIntended}});
constexpr auto kOfferChoice = std::to_array<Choice<OfferChoice>>(
    {{"by_kind", OfferChoice::kByKind}, {"largest_proposer_eu", OfferChoice::kLargestProposerEu}});
constexpr auto kRange =
    std::to_array<Choice<RangeSource>>({{"positions", RangeSource::kInitialPositions}, {"scale", RangeSource::kScale}});

template <typename Enum, std::size_t N>
ParamSpec choice_param(const char* name, const std::array<Choice<Enum>, N>& options, std::string help) {
  ParamSpec spec{
      .name = name, .default_value = options[0].name, .help = std::move(help), .kind = ParamSpec::Kind::kChoice};
  for (const auto& c : options) spec.choices.emplace_back(c.name);
  return spec;
}

template <typename Enum, std::size_t N>
Enum choice_value(const ModelOptions& options, const char* name, const std::array<Choice<Enum>, N>& values) {
  const std::string& text = options.text(name);
  for (const auto& c : values) {
    if (text == c.name) return c.value;
  }
  return values[0].value;  // resolve_options has already checked the value
}

Error range_error(const std::string& name, const std::string& value, const std::string& expected) {
  return Error{.field = "--option " + name,
               .problem = "model 'eu' expects " + expected + ", got " + value,
               .fix = "give " + name + " " + expected};
}

}  // namespace

std::vector<ParamSpec> parameters() {
  return {
      ParamSpec{.name = "rounds",
                .default_value = "10",
                .help = "Rounds of challenges to run (0-100000). Scholz et al. (2011) show 10 for the EC example.",
                .kind = ParamSpec::Kind::kInteger},
      ParamSpec{.name = "tolerance",
                .default_value = "0",
                .help = "Stop early once no position moves by more than this in a round (0 = off: no published "
                        "stopping rule exists; BDM 1994 bargains 'until the issue is resolved').",
                .kind = ParamSpec::Kind::kReal},
      choice_param(
          "win_probability", kWinProbability,
          "Probability that x_i beats x_j from the votes v_k = c_k s_k [(|x_k-x_j|/R)^r_k - (|x_k-x_i|/R)^r_k]. "
          "all_pairs: sum_k max(0, v_k) over the votes of every ordered pair of actors (Scholz et al. 2011, "
          "their code, as replicated by jmckib; P_ij + P_ji < 1). pair: over the pair's own votes, "
          "sum_k max(0, v_k) / sum_k |v_k| (the formula as printed by Scholz et al. and BDM 1994). "
          "masad: max(0, sum_k v_k) / sum_k |v_k| with every r_k = 1 (Masad's replication, "
          "dmasad/BDM_DecisionModel_Replication)."),
      choice_param("risk_perspective", kRiskPerspective,
                   "Whose risk exponent shapes the utilities in E(U_ji) when actor i weighs j's offer. perceiver: i's "
                   "own for both sides (Scholz et al.'s code, as jmckib replicates it). own: each side its own, j's "
                   "E(U_ji) with r_j (Masad's replication)."),
      choice_param("compromise_choice", kCompromiseChoice,
                   "Which compromise an actor accepts when several are on offer. scholz_code: the smallest "
                   "(|E_ij| x_i + |E_ji| x_j) / (|E_ij| + |E_ji|), as Scholz et al.'s code does (jmckib calls it a "
                   "bug: it sends Belgium to 4.8 in round 4 of the EC example). least_move: the one that moves it "
                   "least, as Scholz et al. (2011) and BDM (1994) write."),
      choice_param("capitulation", kCapitulation,
                   "The capitulation test. never: Scholz et al.'s code tests E_ji < |E_ji|, which never holds, so no "
                   "actor ever capitulates. intended: E_ji > 0 > E_ij and E_ji < |E_ij|, "
                   "the actor moves to x_j (Scholz et al. 2011, section 6; Masad's |U_i| > U_j is the same test)."),
      choice_param("offer_choice", kOfferChoice,
                   "How an actor picks among its offers. by_kind: a confrontation it expects to lose first, then a "
                   "compromise, then a capitulation (Scholz et al. 2011; BDM 1994). largest_proposer_eu: the offer "
                   "from the proposer with the largest E_ji > 0, then classified (Masad's replication). Ties between "
                   "equally good offers go to the larger E_ji, then to the proposer whose name sorts first, so the "
                   "order of the input file never matters."),
      choice_param("range", kRange,
                   "The range R that normalises distances. positions: max - min of the initial positions (Scholz et "
                   "al.'s code). scale: the issue's declared scale (Masad passes the scale's ends)."),
      ParamSpec{.name = "q",
                .default_value = "1",
                .help = "Q in [0, 1]: the probability an actor assigns to j's position staying put when not "
                        "challenged (BDM 1994; Scholz et al. 2011, section 2.2; 1 in every replication).",
                .kind = ParamSpec::Kind::kReal},
      ParamSpec{.name = "t",
                .default_value = "1",
                .help = "T in [0, 1]: the probability that, if j's position moves unchallenged, it moves towards i "
                        "(enters only when q < 1; 1 in every replication).",
                .kind = ParamSpec::Kind::kReal},
  };
}

Result<Settings> read_settings(const ModelOptions& options) {
  Settings s;
  const long long rounds = options.integer("rounds");
  if (rounds < 0 || rounds > 100000) return range_error("rounds", std::to_string(rounds), "a whole number in 0-100000");
  s.rounds = static_cast<int>(rounds);
  s.tolerance = options.real("tolerance");
  if (!(s.tolerance >= 0.0)) return range_error("tolerance", options.text("tolerance"), "a number >= 0");
  s.q = options.real("q");
  s.t = options.real("t");
  if (!(s.q >= 0.0 && s.q <= 1.0)) return range_error("q", options.text("q"), "a probability in [0, 1]");
  if (!(s.t >= 0.0 && s.t <= 1.0)) return range_error("t", options.text("t"), "a probability in [0, 1]");
  s.win_probability = choice_value(options, "win_probability", kWinProbability);
  s.risk_perspective = choice_value(options, "risk_perspective", kRiskPerspective);
  s.compromise_choice = choice_value(options, "compromise_choice", kCompromiseChoice);
  s.capitulation = choice_value(options, "capitulation", kCapitulation);
  s.offer_choice = choice_value(options, "offer_choice", kOfferChoice);
  s.range = choice_value(options, "range", kRange);
  return s;
}

}  // namespace detente::eu
