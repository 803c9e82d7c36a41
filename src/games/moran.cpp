#include "games/moran.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace detente::games {
namespace {

// Match scores by type pair, for pairs whose matches are deterministic.
class ScoreCache {
 public:
  explicit ScoreCache(std::size_t types) : scores_(types * types), known_(types * types, false), types_(types) {}
  [[nodiscard]] const std::array<double, 2>* find(std::size_t a, std::size_t b) const {
    return known_[a * types_ + b] ? &scores_[a * types_ + b] : nullptr;
  }
  void store(std::size_t a, std::size_t b, const std::array<double, 2>& scores) {
    scores_[a * types_ + b] = scores;
    known_[a * types_ + b] = true;
  }

 private:
  std::vector<std::array<double, 2>> scores_;
  std::vector<bool> known_;
  std::size_t types_;
};

class Process {
 public:
  Process(std::span<const Player> population, const StageGame& game, const MoranOptions& options)
      : game_(game), options_(options), rng_(options.seed, options.stream), match_seed_(rng_.next_u64()), cache_(0) {
    std::map<std::string, int> index;
    for (const Player& p : population) {
      const auto [it, added] = index.emplace(p.name(), static_cast<int>(prototypes_.size()));
      if (added) prototypes_.push_back(p);
      members_.push_back(it->second);
    }
    cache_ = ScoreCache(prototypes_.size());
    deterministic_ = options.match.noise == 0.0 && !options.match.continuation;
  }

  MoranResult run() {
    MoranResult out;
    for (const Player& p : prototypes_) out.types.push_back(p.name());
    out.populations.push_back(counts());
    while (!fixated() && out.steps < options_.max_steps) {
      step();
      ++out.steps;
      out.populations.push_back(counts());
    }
    if (fixated()) out.fixated = members_.front();
    return out;
  }

 private:
  [[nodiscard]] bool fixated() const {
    return options_.mutation_rate == 0.0 &&
           std::all_of(members_.begin(), members_.end(), [&](int t) { return t == members_.front(); });
  }

  [[nodiscard]] std::vector<int> counts() const {
    std::vector<int> c(prototypes_.size(), 0);
    for (const int t : members_) ++c[static_cast<std::size_t>(t)];
    return c;
  }

  std::array<double, 2> match_scores(int ta, int tb) {
    const auto a = static_cast<std::size_t>(ta);
    const auto b = static_cast<std::size_t>(tb);
    const bool cacheable = deterministic_ && !prototypes_[a].info().stochastic && !prototypes_[b].info().stochastic;
    if (cacheable) {
      if (const auto* known = cache_.find(a, b)) return *known;
    }
    Player pa = prototypes_[a];
    Player pb = prototypes_[b];
    MatchStreams streams(match_seed_, matches_played_++);
    play_match_into(pa, pb, game_, options_.match, streams, result_);
    if (cacheable) cache_.store(a, b, result_.scores);
    return result_.scores;
  }

  void step() {
    const std::size_t n = members_.size();
    std::vector<double> fitness(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const auto scores = match_scores(members_[i], members_[j]);
        fitness[i] += scores[0];
        fitness[j] += scores[1];
      }
    }
    const std::size_t parent = choose_proportionally(fitness);
    const std::size_t dead = rng_.below(n);
    members_[dead] = offspring(members_[parent]);
  }

  // The first index whose cumulative fitness reaches u * total (as the Axelrod library does).
  std::size_t choose_proportionally(const std::vector<double>& fitness) {
    double total = 0.0;
    for (const double f : fitness) total += f;
    const double r = rng_.uniform() * total;
    double cumulative = 0.0;
    for (std::size_t i = 0; i < fitness.size(); ++i) {
      cumulative += fitness[i];
      if (cumulative >= r) return i;
    }
    return fitness.size() - 1;
  }

  int offspring(int parent_type) {
    if (options_.mutation_rate > 0.0 && prototypes_.size() > 1 && rng_.uniform() < options_.mutation_rate) {
      const auto other = static_cast<int>(rng_.below(prototypes_.size() - 1));
      return other >= parent_type ? other + 1 : other;
    }
    return parent_type;
  }

  const StageGame& game_;
  MoranOptions options_;
  Rng rng_;                   // births, deaths and mutations
  std::uint64_t match_seed_;  // match k of this run uses streams (match_seed_, k)
  std::vector<Player> prototypes_;
  std::vector<int> members_;
  ScoreCache cache_;
  bool deterministic_ = false;
  std::uint64_t matches_played_ = 0;
  MatchResult result_;
};

}  // namespace

Result<MoranResult> run_moran(std::span<const Player> population, const StageGame& game, const MoranOptions& options) {
  auto match = validate(options.match);
  if (!match) return match.error();
  if (population.size() < 2) {
    return Error{.field = "players",
                 .problem = fmt::format("a Moran process needs at least 2 players, got {}", population.size()),
                 .fix = "give a population such as \"Tit For Tat=3,Defector=1\""};
  }
  if (!(options.mutation_rate >= 0.0 && options.mutation_rate <= 1.0)) {
    return Error{.field = "mutation_rate",
                 .problem = fmt::format("the mutation rate is a probability in [0, 1], got {}", options.mutation_rate),
                 .fix = "give for example --mutation-rate 0.01"};
  }
  if (options.max_steps < 0) {
    return Error{
        .field = "max_steps", .problem = "the step limit cannot be negative", .fix = "give for example 100000"};
  }
  MoranOptions checked = options;
  checked.match = *match;
  return Process(population, game, checked).run();
}

double moran_fixation_probability(double a_mm, double a_mr, double a_rm, double a_rr, int n) {
  double sum = 0.0;
  double product = 1.0;
  for (int j = 1; j < n; ++j) {
    const double f = (j - 1) * a_mm + (n - j) * a_mr;
    const double g = j * a_rm + (n - j - 1) * a_rr;
    product *= g / f;
    sum += product;
  }
  return 1.0 / (1.0 + sum);
}

}  // namespace detente::games
