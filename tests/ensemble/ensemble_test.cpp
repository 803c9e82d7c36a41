// Ensembles: correlated sampling, the same bits for any thread count, interval coverage on a
// scenario whose probability is known by construction, and paired runs with common random numbers.
#include "ensemble/ensemble.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/rng.h"
#include "engine/engine.h"
#include "scenario/scenario.h"

namespace detente::ensemble {
namespace {

const std::string kFlagship = std::string(DETENTE_SOURCE_DIR) + "/examples/iran-west-2014.toml";

// Two negotiators too far apart ever to agree (no concession). A deadline on 2020-03-01 is hard
// with probability h, itself uncertain: h ~ U(0.2, 0.6). A hard deadline ends the talks; otherwise
// both sides extend (outside options −1 < the value of extending, 1·0 − 0). So
// P(breakdown) = E[h] = 0.4 exactly.
std::string known_probability_scenario(const std::string& extra = "") {
  return "[scenario]\nname = \"known\"\n"
         "[calendar]\nstart = 2020-01-01\nstep = \"week\"\nhorizon = 2020-06-30\n"
         "[[actors]]\nid = \"A\"\ncapabilities = { air = 0.5 }\nthreat_cost = 1.0\n"
         "[[actors]]\nid = \"B\"\ncapabilities = { air = 0.5 }\nthreat_cost = 1.0\n"
         "[negotiation]\nsides = { left = [\"A\"], right = [\"B\"] }\nconcession = 0.0\nacceptance = 0.05\n"
         "[[issues]]\nid = \"deal\"\nscale = [0, 100]\nstatus_quo = 50\npositions = { A = 0, B = 100 }\n"
         "salience = { A = 1, B = 1 }\ncapability = { A = 1, B = 1 }\n"
         "[trust]\ndefault_prior = { nuclear = 1.0, threat = 1.0 }\n"
         "decay = { dist = \"uniform\", min = 0.0, max = 0.1 }\n"
         "observation_noise = { dist = \"uniform\", min = 0.0, max = 0.2 }\n"
         "[threat]\ninitial = 0.2\ngrowth = { dist = \"normal\", mean = 0.05, sd = 0.01, min = 0.0, max = 0.1 "
         "}\ncapacity = 1.0\n"
         "[[deadlines]]\ndate = 2020-03-01\nmissed_cost = 0.0\nhard_probability = { dist = \"uniform\", min = 0.2, max "
         "= 0.6 }\n"
         "[outside_options]\nleft = -1\nright = -1\n"
         "[outcomes]\nseries = [\"threat\", \"trust.A.B.nuclear\"]\n" +
         extra;
}

scenario::Scenario parse(const std::string& text) {
  auto s = scenario::parse_scenario(text, "test.toml");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  return s.ok() ? *s : scenario::Scenario{};
}

ChunkResult run_all(const scenario::Scenario& s, EnsembleSpec spec, int threads) {
  auto runner = EnsembleRunner::make(s, std::move(spec));
  EXPECT_TRUE(runner.ok());
  ChunkResult merged = (*runner)->empty_result();
  std::vector<std::uint64_t> todo;
  for (std::uint64_t c = 0; c < (*runner)->chunks(); ++c) todo.push_back(c);
  const std::atomic<bool> stop{false};
  auto transport = local_transport();
  std::uint64_t expected = 0;
  compute_chunks(
      **runner, todo, threads, *transport,
      [&](ChunkResult&& chunk) {
        EXPECT_EQ(chunk.chunk, expected++);  // delivered in chunk order
        merged.merge(chunk);
      },
      stop, nullptr);
  return merged;
}

TEST(Ensemble, SamplerWithoutCorrelationsDrawsWhatTheEngineDraws) {
  const auto s = parse(known_probability_scenario());
  const engine::ParameterSampler sampler(s);
  std::vector<double> values;
  for (std::uint64_t run = 0; run < 50; ++run) {
    sampler.draw(9, run, values);
    Rng rng(9, engine::run_stream(run, 0));
    std::vector<double> independent;
    for (const auto& p : s.params.all()) independent.push_back(p.value.sample(rng));
    EXPECT_EQ(values, independent) << run;
  }
}

TEST(Ensemble, CorrelatedDrawsKeepTheirMarginalsAndTakeTheirCorrelation) {
  const auto s = parse(known_probability_scenario(
      "[uncertainty]\ncorrelations = [{ a = \"trust.decay\", b = \"trust.observation_noise\", rho = 0.7 },"
      " { a = \"trust.decay\", b = \"threat.growth\", rho = -0.4 }]\n"));
  ASSERT_EQ(s.correlations.size(), 2U);
  const engine::ParameterSampler sampler(s);
  const std::size_t decay = s.params.index("trust.decay");
  const std::size_t noise = s.params.index("trust.observation_noise");
  const std::size_t growth = s.params.index("threat.growth");
  // Normal scores z = Φ⁻¹(F(x)) of the draws: their correlation is the copula's rho.
  const Distribution standard{.kind = Distribution::Kind::kNormal, .a = 0.0, .b = 1.0};
  const auto score = [&](double u) { return standard.quantile(u); };
  constexpr int kRuns = 20000;
  double s_dn = 0, s_dg = 0, s_dd = 0, s_nn = 0, s_gg = 0, mean_decay = 0;
  std::vector<double> values;
  for (std::uint64_t run = 0; run < kRuns; ++run) {
    sampler.draw(1, run, values);
    const double zd = score(values[decay] / 0.1);
    const double zn = score(values[noise] / 0.2);
    // growth: truncated normal on [0, 0.1] with mean 0.05 and sd 0.01: F is Φ((x − 0.05)/0.01) renormalised.
    const double lo = normal_cdf(-5.0);
    const double hi = normal_cdf(5.0);
    const double zg = score((normal_cdf((values[growth] - 0.05) / 0.01) - lo) / (hi - lo));
    s_dn += zd * zn, s_dg += zd * zg, s_dd += zd * zd, s_nn += zn * zn, s_gg += zg * zg;
    mean_decay += values[decay];
  }
  EXPECT_NEAR(s_dn / std::sqrt(s_dd * s_nn), 0.7, 0.02);
  EXPECT_NEAR(s_dg / std::sqrt(s_dd * s_gg), -0.4, 0.02);
  EXPECT_NEAR(mean_decay / kRuns, 0.05, 0.001);  // U(0, 0.1) keeps its mean (sd of the estimate 0.0002)
}

TEST(Ensemble, InconsistentCorrelationsAreRejectedWithTheLine) {
  // a~b = 0.9, b~c = 0.9, a~c = −0.9 is not a correlation matrix.
  const auto s = scenario::parse_scenario(
      known_probability_scenario(
          "[uncertainty]\ncorrelations = [{ a = \"trust.decay\", b = \"trust.observation_noise\", rho = 0.9 },"
          " { a = \"trust.observation_noise\", b = \"threat.growth\", rho = 0.9 }, { a = \"trust.decay\", b = "
          "\"threat.growth\", rho = -0.9 }]\n"),
      "bad.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("positive definite"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("bad.toml:"), std::string::npos);
  const auto fixed = scenario::parse_scenario(
      known_probability_scenario(
          "[uncertainty]\ncorrelations = [{ a = \"trust.decay\", b = \"threat.initial\", rho = 0.3 }]\n"),
      "fixed.toml");
  ASSERT_FALSE(fixed.ok());
  EXPECT_NE(fixed.error().message().find("threat.initial"), std::string::npos) << fixed.error().message();
  EXPECT_NE(fixed.error().message().find("Fix:"), std::string::npos);
}

TEST(Ensemble, TheSameBitsForOneAndTwoThreads) {
  auto s = scenario::load_scenario(kFlagship);
  ASSERT_TRUE(s.ok()) << s.error().message();
  const EnsembleSpec spec{.runs = 1200, .seed = 5, .arms = {{"engage"}, {}}, .chunk_size = 100};
  const auto one = run_all(*s, spec, 1);
  const auto two = run_all(*s, spec, 2);
  EXPECT_EQ(one.runs, 1200U);
  EXPECT_EQ(one.serialize(), two.serialize());
  // And a different seed gives different results (the test can fail).
  auto other = spec;
  other.seed = 6;
  EXPECT_NE(run_all(*s, other, 2).serialize(), one.serialize());
}

TEST(Ensemble, WilsonIntervalsCoverAKnownScenarioProbability) {
  // 200 ensembles of 200 runs (different seeds) of the scenario with P(breakdown) = 0.4: the share
  // of Wilson intervals containing 0.4 must be near 95% (sd of the share √(0.95·0.05/200) = 0.015).
  const auto s = parse(known_probability_scenario());
  constexpr int kEnsembles = 200;
  int covered = 0;
  std::uint64_t breakdowns = 0;
  const auto layout = OutcomeLayout::of(s);
  const auto breakdown = static_cast<std::size_t>(std::find(layout.events.begin(), layout.events.end(), "breakdown") -
                                                  layout.events.begin());
  for (int e = 0; e < kEnsembles; ++e) {
    const auto merged = run_all(s, EnsembleSpec{.runs = 200, .seed = 1000 + static_cast<std::uint64_t>(e)}, 1);
    const auto summary = summarise(layout, merged.arms.front());
    const auto& event = summary.events[breakdown];
    covered += (event.wilson.lo <= 0.4 && 0.4 <= event.wilson.hi) ? 1 : 0;
    breakdowns += event.count;
  }
  EXPECT_NEAR(static_cast<double>(breakdowns) / (kEnsembles * 200.0), 0.4, 0.01);  // sd 0.0035
  EXPECT_NEAR(static_cast<double>(covered) / kEnsembles, 0.95, 0.045);
}

TEST(Ensemble, PairedArmsShareTheirDraws) {
  // The same arm twice: every pair agrees, so the paired tables have no discordant runs and every
  // difference is exactly zero (common random numbers).
  auto s = scenario::load_scenario(kFlagship);
  ASSERT_TRUE(s.ok());
  const auto merged =
      run_all(*s, EnsembleSpec{.runs = 300, .seed = 2, .arms = {{"hesitate"}, {"hesitate"}}, .chunk_size = 100}, 2);
  for (const auto& t : merged.paired.events[0]) {
    EXPECT_EQ(t.first_only, 0U);
    EXPECT_EQ(t.second_only, 0U);
  }
  for (const auto& m : merged.paired.differences[0]) {
    EXPECT_EQ(m.mean, 0.0);
    EXPECT_EQ(m.m2, 0.0);
  }
  // And each arm equals a plain ensemble under that policy.
  const auto single = run_all(*s, EnsembleSpec{.runs = 300, .seed = 2, .arms = {{"hesitate"}}, .chunk_size = 100}, 1);
  std::vector<std::uint8_t> a;
  std::vector<std::uint8_t> b;
  merged.arms[0].write(a);
  single.arms[0].write(b);
  EXPECT_EQ(a, b);
}

TEST(Ensemble, ChunkResultsRoundTrip) {
  const auto s = parse(known_probability_scenario());
  const auto merged =
      run_all(s, EnsembleSpec{.runs = 250, .seed = 3, .arms = {{}, {}}, .chunk_size = 100, .keep_runs = true}, 2);
  EXPECT_EQ(merged.runs, 250U);
  ChunkResult parsed;
  const auto bytes = merged.serialize();
  ASSERT_TRUE(ChunkResult::parse(bytes, parsed));
  EXPECT_EQ(parsed.serialize(), bytes);
  auto truncated = bytes;
  truncated.resize(bytes.size() / 2);
  ChunkResult bad;
  EXPECT_FALSE(ChunkResult::parse(truncated, bad));
}

}  // namespace
}  // namespace detente::ensemble
