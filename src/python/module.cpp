// _detente: the compiled core of the Python module. Each function is the library call behind a
// command of the same name (forecast, run, check, report); the package around it
// (detente/__init__.py) turns the results into numpy arrays and pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "engine/engine.h"
#include "ensemble/aggregate.h"
#include "io/stakeholder_reader.h"
#include "models/model.h"
#include "output/forecast_writer.h"
#include "output/run_json.h"
#include "python/convert.h"
#include "report/html.h"
#include "report/report.h"
#include "report/scenario_report.h"
#include "scenario/scenario.h"

namespace py = pybind11;

namespace detente::python {
namespace {

// A loaded scenario and the engine built for it (the engine refers to the scenario).
struct LoadedScenario {
  explicit LoadedScenario(scenario::Scenario s) : scenario(std::move(s)), engine(scenario) {}
  const scenario::Scenario scenario;
  const engine::Engine engine;
};
using ScenarioHandle = std::shared_ptr<const LoadedScenario>;

ScenarioHandle load_scenario(const std::string& path) {
  return std::make_shared<const LoadedScenario>(unwrap(scenario::load_scenario(path)));
}

StakeholderProblem read_stakeholders(const std::string& path, const std::string& input_format) {
  return unwrap(io::read_stakeholders(path, unwrap(io::parse_input_format(input_format))));
}

// ------------------------------------------------------------------ forecast
std::map<std::string, std::string> forecast_options(std::optional<long long> rounds, std::optional<double> tolerance,
                                                    std::optional<unsigned long long> seed,
                                                    const std::map<std::string, std::string>& option) {
  std::map<std::string, std::string> given = option;
  if (rounds) given["rounds"] = std::to_string(*rounds);
  if (tolerance) given["tolerance"] = std::to_string(*tolerance);
  if (seed) given["seed"] = std::to_string(*seed);
  return given;
}

void check_known(const std::vector<std::string>& models, const std::map<std::string, std::string>& given) {
  for (const auto& [name, value] : given) {
    if (name == "rounds" || name == "tolerance" || name == "seed") continue;
    bool known = false;
    for (const auto& model : models) {
      for (const auto& p : ModelRegistry::instance().find(model)->params) known = known || p.name == name;
    }
    if (!known) {
      throw py::value_error("option '" + name +
                            "': none of the selected models has it; detente.models() lists each model's options");
    }
  }
}

// The forecast JSON contract (docs/output.md) of every model asked for, as Python lists/dicts:
// the very document `detente forecast FILE --format json` prints.
py::object forecast(const StakeholderProblem& problem, const std::vector<std::string>& model,
                    std::optional<long long> rounds, std::optional<double> tolerance,
                    std::optional<unsigned long long> seed, const std::map<std::string, std::string>& option) {
  const auto given = forecast_options(rounds, tolerance, seed, option);
  const bool all = model.empty() || (model.size() == 1 && model.front() == "all");
  const std::vector<std::string> names = all ? ModelRegistry::instance().names() : model;
  for (const auto& name : names) {
    if (ModelRegistry::instance().find(name) == nullptr) {
      const auto known = ModelRegistry::instance().names();
      std::string list;
      for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
      throw py::value_error("model: no model named '" + name + "'; use one of: " + list);
    }
  }
  check_known(names, given);
  std::vector<ForecastResult> results;
  for (const auto& name : names) {
    if (all && problem.issues.size() < ModelRegistry::instance().find(name)->min_issues) continue;
    results.push_back(unwrap(run_model(name, problem, given, /*ignore_unknown=*/true)));
  }
  std::ostringstream out;
  output::write_forecast_json(out, problem, results);
  auto json = nlohmann::ordered_json::parse(out.str());
  if (!json.is_array()) json = nlohmann::ordered_json::array({json});
  return to_python(json);
}

py::list models() {
  py::list out;
  for (const auto& [name, info] : ModelRegistry::instance().all()) {
    py::list params;
    for (const auto& p : info.params) {
      params.append(py::dict(py::arg("name") = p.name, py::arg("default") = p.default_value, py::arg("help") = p.help,
                             py::arg("choices") = p.choices));
    }
    out.append(py::dict(py::arg("name") = name, py::arg("title") = info.title, py::arg("citation") = info.citation,
                        py::arg("options") = params, py::arg("stochastic") = info.stochastic,
                        py::arg("min_issues") = info.min_issues));
  }
  return out;
}

py::dict stakeholders_dict(const StakeholderProblem& problem) {
  py::list issues;
  for (const auto& issue : problem.issues) {
    py::list stakes;
    for (const auto& s : issue.stakes) {
      stakes.append(py::dict(py::arg("actor") = problem.actors[s.actor], py::arg("capability") = s.capability,
                             py::arg("position") = s.position, py::arg("salience") = s.salience));
    }
    issues.append(py::dict(py::arg("issue") = issue.name,
                           py::arg("scale") = py::make_tuple(issue.scale.lo, issue.scale.hi),
                           py::arg("stakes") = stakes));
  }
  return py::dict(py::arg("source") = problem.source, py::arg("actors") = problem.actors, py::arg("issues") = issues,
                  py::arg("notes") = problem.notes);
}

// A copy of the scenario with some parameters fixed at new values (what an analyst varies by hand).
ScenarioHandle with_params(const LoadedScenario& loaded, const std::map<std::string, double>& values) {
  scenario::Scenario copy = loaded.scenario;
  for (const auto& [path, value] : values) {
    const auto index = copy.params.find(path);
    if (!index) {
      throw py::value_error(copy.file + ": no parameter '" + path + "'; Scenario.parameters lists every path");
    }
    copy.params.set(path, Distribution::fixed(value), copy.params.all()[*index].line);
  }
  return std::make_shared<const LoadedScenario>(std::move(copy));
}

// ------------------------------------------------------------------ scenarios
std::vector<std::string> dates_of(const scenario::Scenario& s) {
  std::vector<std::string> dates;
  for (int step = 0; step <= s.calendar.steps(); ++step) dates.push_back(to_string(s.calendar.date_of(step)));
  return dates;
}

py::dict scenario_dict(const LoadedScenario& loaded) {
  const auto& s = loaded.scenario;
  py::list policies;
  for (const auto& p : s.policies) {
    policies.append(
        py::dict(py::arg("id") = p.id, py::arg("description") = p.description, py::arg("start") = to_string(p.start)));
  }
  py::list parameters;
  for (const auto& p : s.params.all()) {
    parameters.append(py::dict(py::arg("path") = p.path, py::arg("value") = p.value.describe(),
                               py::arg("central") = p.value.central(), py::arg("uncertain") = !p.value.is_fixed(),
                               py::arg("line") = p.line));
  }
  std::vector<std::string> issues;
  for (const auto& i : s.issues) issues.push_back(i.id);
  std::vector<std::string> agreement_by;
  for (const auto& d : s.agreement_by) agreement_by.push_back(to_string(d));
  return py::dict(py::arg("name") = s.name, py::arg("description") = s.description, py::arg("file") = s.file,
                  py::arg("actors") = s.actors, py::arg("issues") = issues, py::arg("policies") = policies,
                  py::arg("parameters") = parameters, py::arg("agreement_by") = agreement_by,
                  py::arg("series") = s.series, py::arg("dates") = dates_of(s), py::arg("text") = s.text);
}

// One run, with the keys of `detente run --format json`; series as numpy arrays.
py::dict run(const ScenarioHandle& handle, std::uint64_t seed, const std::vector<std::string>& policy, bool sample) {
  const auto& s = handle->scenario;
  const engine::RunOptions options{.seed = seed, .run = 0, .policies = policy, .sample = sample, .narrate = true};
  const engine::RunResult result = unwrap(handle->engine.run(options));
  const auto& o = result.outcome;
  const py::object outcome = to_python(output::run_outcome_json(s, o));
  py::dict series;
  for (std::size_t k = 0; k < result.series_names.size(); ++k) {
    series[py::str(result.series_names[k])] =
        py::array_t<double>(static_cast<py::ssize_t>(result.series[k].size()), result.series[k].data());
  }
  py::list events;
  for (const auto& e : result.events)
    events.append(py::dict(py::arg("date") = to_string(s.calendar.date_of(e.step)), py::arg("event") = e.text));
  return py::dict(py::arg("scenario") = s.name, py::arg("file") = s.file, py::arg("seed") = seed,
                  py::arg("policies") = policy, py::arg("sampled") = sample, py::arg("outcome") = outcome,
                  py::arg("dates") = dates_of(s), py::arg("series") = series, py::arg("events") = events);
}

// Runs 0..runs-1 from (seed, run index), each run's outcomes and series as numpy arrays. Until
// the ensemble library lands this loops over Engine::run, which derives run i's random streams
// from (seed, i) exactly as an ensemble does.
py::dict ensemble(const ScenarioHandle& handle, std::size_t runs, std::uint64_t seed,
                  const std::vector<std::string>& policy, bool sample) {
  if (runs == 0) throw py::value_error("runs: expected at least 1 run");
  const auto& s = handle->scenario;
  const auto n = static_cast<py::ssize_t>(runs);
  const auto steps = static_cast<py::ssize_t>(s.calendar.steps() + 1);
  const auto dates = static_cast<py::ssize_t>(s.agreement_by.size());
  const auto issues = static_cast<py::ssize_t>(s.issues.size());
  const auto series_count = static_cast<py::ssize_t>(s.series.size());
  py::array_t<bool> agreed(n), broken(n);
  py::array_t<bool> agreement_by({n, dates});
  py::array_t<double> agreement_step(n);  // NaN without agreement, as NULL in the database
  py::array_t<long long> extensions(n);
  py::array_t<double> final_threat(n), peak_threat(n), cost(n);
  py::array_t<double> terms({n, issues});
  py::array_t<double> final_trust({n, py::ssize_t{2}});
  py::array_t<double> series({series_count, n, steps});
  py::array_t<double> breakdown_step(n);  // NaN without breakdown
  std::vector<std::size_t> cooperating;     // arenas whose mutual cooperation is recorded
  py::list cooperation_arenas;
  for (std::size_t k = 0; k < s.arenas.size(); ++k) {
    if (!s.arenas[k].records_cooperation()) continue;
    cooperating.push_back(k);
    cooperation_arenas.append(s.arenas[k].id);
  }
  const auto arenas = static_cast<py::ssize_t>(cooperating.size());
  py::array_t<double> cooperation_step({n, arenas});  // first step of mutual cooperation, NaN none
  // Every event and quantity the command line and the database record, under the same names
  // (ensemble::OutcomeLayout), NaN where a quantity is undefined: the diagnostics among them.
  const auto layout = ensemble::OutcomeLayout::of(s);
  py::array_t<bool> events({n, static_cast<py::ssize_t>(layout.events.size())});
  py::array_t<double> quantities({n, static_cast<py::ssize_t>(layout.quantities.size())});
  auto ev = events.mutable_unchecked<2>();
  auto qu = quantities.mutable_unchecked<2>();
  ensemble::RunRecord record;
  auto bs = breakdown_step.mutable_unchecked<1>();
  auto cs = cooperation_step.mutable_unchecked<2>();
  auto a = agreed.mutable_unchecked<1>();
  auto b = broken.mutable_unchecked<1>();
  auto by = agreement_by.mutable_unchecked<2>();
  auto st = agreement_step.mutable_unchecked<1>();
  auto ex = extensions.mutable_unchecked<1>();
  auto ft = final_threat.mutable_unchecked<1>();
  auto pt = peak_threat.mutable_unchecked<1>();
  auto c = cost.mutable_unchecked<1>();
  auto te = terms.mutable_unchecked<2>();
  auto tr = final_trust.mutable_unchecked<2>();
  auto se = series.mutable_unchecked<3>();
  for (py::ssize_t i = 0; i < n; ++i) {
    const engine::RunOptions options{
        .seed = seed, .run = static_cast<std::uint64_t>(i), .policies = policy, .sample = sample};
    const engine::RunResult r = unwrap(handle->engine.run(options));
    const auto& o = r.outcome;
    ensemble::record_run(s, r, record);
    for (std::size_t k = 0; k < record.events.size(); ++k) ev(i, static_cast<py::ssize_t>(k)) = record.events[k] != 0;
    for (std::size_t k = 0; k < record.quantities.size(); ++k) qu(i, static_cast<py::ssize_t>(k)) = record.quantities[k];
    a(i) = o.agreed;
    b(i) = o.broken_down;
    st(i) = o.agreed ? static_cast<double>(o.agreement_step) : std::numeric_limits<double>::quiet_NaN();
    ex(i) = o.extensions;
    bs(i) = o.broken_down ? static_cast<double>(o.breakdown_step) : std::numeric_limits<double>::quiet_NaN();
    for (py::ssize_t k = 0; k < arenas; ++k) {
      const int first = o.first_cooperation_step[cooperating[static_cast<std::size_t>(k)]];
      cs(i, k) = first >= 0 ? static_cast<double>(first) : std::numeric_limits<double>::quiet_NaN();
    }
    ft(i) = o.final_threat;
    pt(i) = o.peak_threat;
    c(i) = o.total_threat_cost;
    for (py::ssize_t k = 0; k < dates; ++k) by(i, k) = o.agreement_by[static_cast<std::size_t>(k)];
    for (py::ssize_t d = 0; d < issues; ++d) te(i, d) = o.agreed ? o.terms[static_cast<std::size_t>(d)] : std::nan("");
    for (py::ssize_t k = 0; k < 2; ++k) tr(i, k) = o.final_trust[static_cast<std::size_t>(k)];
    for (py::ssize_t k = 0; k < series_count; ++k) {
      for (py::ssize_t t = 0; t < steps; ++t)
        se(k, i, t) = r.series[static_cast<std::size_t>(k)][static_cast<std::size_t>(t)];
    }
  }
  return py::dict(py::arg("agreed") = agreed, py::arg("agreement_step") = agreement_step,
                  py::arg("broken_down") = broken, py::arg("extensions") = extensions,
                  py::arg("agreement_by") = agreement_by, py::arg("final_threat") = final_threat,
                  py::arg("peak_threat") = peak_threat, py::arg("total_threat_cost") = cost, py::arg("terms") = terms,
                  py::arg("final_trust") = final_trust, py::arg("series") = series,
                  py::arg("breakdown_step") = breakdown_step, py::arg("cooperation_step") = cooperation_step,
                  py::arg("cooperation_arenas") = cooperation_arenas, py::arg("event_names") = layout.events,
                  py::arg("events") = events, py::arg("quantity_names") = layout.quantities,
                  py::arg("quantities") = quantities);
}

report::EnsembleRequest ensemble_request(std::size_t runs, std::uint64_t seed, const std::vector<std::string>& policy,
                                         const std::vector<std::string>& params, double vary_fraction) {
  return report::EnsembleRequest{
      .seed = seed, .runs = runs, .arms = policy, .sample = true, .params = params, .vary_fraction = vary_fraction};
}

}  // namespace
}  // namespace detente::python

PYBIND11_MODULE(_detente, m) {
  using namespace detente::python;
  m.doc() = "detente's compiled core; use the `detente` package around it.";
  m.attr("__version__") = DETENTE_VERSION;

  py::class_<detente::StakeholderProblem>(m, "StakeholderProblem")
      .def("to_dict", &stakeholders_dict)
      .def_property_readonly("source", [](const detente::StakeholderProblem& p) { return p.source; })
      .def_property_readonly("actors", [](const detente::StakeholderProblem& p) { return p.actors; });
  m.def("read_stakeholders", &read_stakeholders, py::arg("file"), py::arg("input_format") = "auto");
  m.def("forecast", &forecast, py::arg("problem"), py::arg("model"), py::arg("rounds"), py::arg("tolerance"),
        py::arg("seed"), py::arg("option"));
  m.def("models", &models);

  py::class_<LoadedScenario, std::shared_ptr<LoadedScenario>>(m, "LoadedScenario")
      .def("to_dict", &scenario_dict)
      .def("with_params", [](const LoadedScenario& s, const std::map<std::string, double>& values) {
        return std::const_pointer_cast<LoadedScenario>(with_params(s, values));
      });
  m.def(
      "load_scenario",
      [](const std::string& path) { return std::const_pointer_cast<LoadedScenario>(load_scenario(path)); },
      py::arg("file"));
  m.def(
      "run",
      [](const std::shared_ptr<LoadedScenario>& s, std::uint64_t seed, const std::vector<std::string>& policy,
         bool sample) { return run(s, seed, policy, sample); },
      py::arg("scenario"), py::arg("seed"), py::arg("policy"), py::arg("sample"));
  m.def(
      "ensemble",
      [](const std::shared_ptr<LoadedScenario>& s, std::size_t runs, std::uint64_t seed,
         const std::vector<std::string>& policy, bool sample) { return ensemble(s, runs, seed, policy, sample); },
      py::arg("scenario"), py::arg("runs"), py::arg("seed"), py::arg("policy"), py::arg("sample"));
  m.def(
      "compare",
      [](const std::shared_ptr<LoadedScenario>& s, std::size_t runs, std::uint64_t seed,
         const std::vector<std::string>& policy, const std::vector<std::string>& params, double vary_fraction) {
        return to_python(unwrap(detente::report::ensemble_report(
            s->scenario, ensemble_request(runs, seed, policy, params, vary_fraction))));
      },
      py::arg("scenario"), py::arg("runs"), py::arg("seed"), py::arg("policy"), py::arg("params"),
      py::arg("vary_fraction"));
  m.def(
      "report_document",
      [](const std::string& input, std::size_t runs, std::uint64_t seed, const std::vector<std::string>& policy,
         const std::vector<std::string>& params, double vary_fraction) {
        return to_python(
            unwrap(detente::report::load_document(input, ensemble_request(runs, seed, policy, params, vary_fraction))));
      },
      py::arg("input"), py::arg("runs"), py::arg("seed"), py::arg("policy"), py::arg("params"),
      py::arg("vary_fraction"));
  m.def(
      "report",
      [](const std::string& input, const std::string& output, std::size_t runs, std::uint64_t seed,
         const std::vector<std::string>& policy, const std::vector<std::string>& params, double vary_fraction) {
        return unwrap(
            detente::report::write_report(input, output, ensemble_request(runs, seed, policy, params, vary_fraction)));
      },
      py::arg("input"), py::arg("output"), py::arg("runs"), py::arg("seed"), py::arg("policy"), py::arg("params"),
      py::arg("vary_fraction"));
}
