"""detente from Python: stakeholder forecasts and scenario runs as numpy arrays and pandas DataFrames.

Functions carry the names of the command line's commands and options:

    import detente
    fc = detente.forecast("examples/ec10.csv", model=["compromise", "median"])   # detente forecast
    fc.forecasts                      # DataFrame: model, issue, forecast
    s = detente.load_scenario("examples/iran-west-2014.toml")                     # detente check
    r = detente.run(s, seed=3, policy="engage")                                  # detente run
    r.outcome["agreed"], r.series["threat"]       # dict, numpy array
    e = detente.run(s, runs=500, seed=1, policy="engage")                        # detente run --runs
    e.probabilities()                             # DataFrame with Wilson intervals
    c = detente.compare(s, policy=["none", "engage"], runs=500)                  # detente compare
    c.comparison                                  # DataFrame of paired differences
    detente.report("examples/ec10.csv", "ec10.html")                             # detente report

Errors in inputs raise ValueError with the command line's message (file, line, field, fix).
"""

import math
import os

import numpy as np
import pandas as pd

from . import _detente

__version__ = _detente.__version__
__all__ = ["read_stakeholders", "forecast", "models", "load_scenario", "check", "run", "compare", "report",
           "report_document", "Stakeholders", "Forecast", "Scenario", "Run", "Ensemble", "Comparison"]


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _dates(values):
    return pd.to_datetime(pd.Series(list(values), dtype="object")).to_numpy()


# ---------------------------------------------------------------- stakeholder tables and forecasts
class Stakeholders:
    """A stakeholder table as read by `detente forecast` (CSV, Decide or KTAB; detected from the content)."""

    def __init__(self, problem):
        self._problem = problem
        d = problem.to_dict()
        self.source = d["source"]
        self.actors = d["actors"]
        self.notes = d["notes"]
        self.issues = [i["issue"] for i in d["issues"]]
        self.scales = {i["issue"]: i["scale"] for i in d["issues"]}
        rows = [dict(Issue=i["issue"], Actor=s["actor"], Capability=s["capability"], Position=s["position"],
                     Salience=s["salience"]) for i in d["issues"] for s in i["stakes"]]
        #: one row per actor and issue, with the CSV's column names; salience on 0-1
        self.table = pd.DataFrame(rows, columns=["Issue", "Actor", "Capability", "Position", "Salience"])

    def __repr__(self):
        return f"Stakeholders({self.source!r}: {len(self.actors)} actors, {len(self.issues)} issues)"


def read_stakeholders(file, input_format="auto"):
    """Reads a stakeholder table (`--input-format` auto|csv|decide|ktab)."""
    return Stakeholders(_detente.read_stakeholders(os.fspath(file), input_format))


class Forecast:
    """Every model's forecast: the JSON contract of `detente forecast --format json` (docs/output.md)
    as `.results` (a list of dicts), and tidy DataFrames."""

    def __init__(self, results):
        self.results = results
        self.models = [r["model"] for r in results]
        self.options = {r["model"]: r["options"] for r in results}
        self.forecasts = pd.DataFrame(
            [dict(model=r["model"], issue=i["issue"], forecast=i["forecast"]) for r in results for i in r["issues"]],
            columns=["model", "issue", "forecast"])
        self.rounds = pd.DataFrame(
            [dict(model=r["model"], issue=i["issue"], round=k["round"], mean=k["mean"], median=k["median"])
             for r in results for i in r["issues"] for k in i["rounds"]],
            columns=["model", "issue", "round", "mean", "median"])
        self.positions = pd.DataFrame(
            [dict(model=r["model"], issue=i["issue"], round=k["round"], actor=a, position=p)
             for r in results for i in r["issues"] for k in i["rounds"] for a, p in k["positions"].items()],
            columns=["model", "issue", "round", "actor", "position"])

    def __getitem__(self, model):
        """The contract object of one model."""
        return self.results[self.models.index(model)]

    def __repr__(self):
        return f"Forecast(models={self.models})"


def forecast(file, model=None, rounds=None, tolerance=None, seed=None, option=None, input_format="auto"):
    """`detente forecast FILE [--model NAME ...] [--rounds N] [--tolerance X] [--seed S] [--option NAME=VALUE ...]`.

    `file` is a path or a Stakeholders; `model` a name or a list (default: every model that applies);
    `option` a dict {NAME: VALUE} of model options."""
    problem = file._problem if isinstance(file, Stakeholders) else _detente.read_stakeholders(os.fspath(file), input_format)
    options = {str(k): str(v) for k, v in (option or {}).items()}
    return Forecast(_detente.forecast(problem, _as_list(model), rounds, tolerance, seed, options))


def models():
    """`detente models`: each registered model with its source and options."""
    rows = _detente.models()
    return pd.DataFrame([dict(name=r["name"], title=r["title"], citation=r["citation"],
                              options=", ".join(o["name"] for o in r["options"]), stochastic=r["stochastic"],
                              min_issues=r["min_issues"]) for r in rows])


# ---------------------------------------------------------------- scenarios
class Scenario:
    """A validated scenario file (`detente check`)."""

    def __init__(self, handle):
        self._handle = handle
        d = handle.to_dict()
        self.name, self.description, self.file = d["name"], d["description"], d["file"]
        self.actors, self.issues, self.series_names = d["actors"], d["issues"], d["series"]
        self.agreement_by = d["agreement_by"]
        self.dates = _dates(d["dates"])
        self.text = d["text"]
        self.policies = pd.DataFrame(d["policies"], columns=["id", "description", "start"])
        #: every parameter with its path (as `detente check --params` lists them)
        self.parameters = pd.DataFrame(d["parameters"], columns=["path", "value", "central", "uncertain", "line"])

    def with_params(self, values):
        """A copy with parameters fixed at new values, e.g. {"trust.correlation": 0.0}."""
        return Scenario(self._handle.with_params({str(k): float(v) for k, v in values.items()}))

    def __repr__(self):
        return f"Scenario({self.name!r}, {len(self.actors)} actors, policies={list(self.policies['id'])})"


def load_scenario(file):
    """Reads and validates a scenario file; raises ValueError naming the file, line and field."""
    return Scenario(_detente.load_scenario(os.fspath(file)))


check = load_scenario


def _scenario(scenario):
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


class Run:
    """One run, with the keys of `detente run --format json`: `outcome` (dict), `series` (dict of
    numpy arrays, one value per date), `dates` (numpy datetime64), `events` (DataFrame)."""

    def __init__(self, d):
        self.raw = d
        self.scenario, self.seed, self.policies, self.sampled = d["scenario"], d["seed"], d["policies"], d["sampled"]
        self.outcome = d["outcome"]
        self.series = d["series"]
        self.dates = _dates(d["dates"])
        self.events = pd.DataFrame(d["events"], columns=["date", "event"])

    def frame(self):
        """The series as a DataFrame indexed by date."""
        return pd.DataFrame(self.series, index=pd.DatetimeIndex(self.dates, name="date"))

    def __repr__(self):
        o = self.outcome
        what = f"agreement on {o['agreement_date']}" if o["agreed"] else "no agreement"
        return f"Run(seed={self.seed}, policies={self.policies}: {what})"


def _wilson(k, n, z=1.959963984540054):
    """Wilson's score interval (Wilson 1927); the same formula as src/report/stats.cpp."""
    if n == 0:
        return 0.0, 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return p, max(0.0, centre - half), min(1.0, centre + half)


class Ensemble:
    """Runs 0..N-1 of one policy arm, run i from the random stream (seed, i): per-run outcomes as
    numpy arrays and a DataFrame, the series as an array [series, run, date]. Columns carry the
    results database's names (`agreement_by.2015-06-30`); `agreement_step` is NaN in a run without
    agreement, where the database has NULL."""

    def __init__(self, scenario, arrays, seed, policies):
        self.scenario, self.seed, self.policies = scenario, seed, policies
        self.arrays = arrays
        self.dates = scenario.dates
        self.runs = len(arrays["agreed"])
        columns = dict(agreed=arrays["agreed"], agreement_step=arrays["agreement_step"],
                       broken_down=arrays["broken_down"], breakdown_step=arrays["breakdown_step"],
                       extensions=arrays["extensions"],
                       peak_threat=arrays["peak_threat"], final_threat=arrays["final_threat"],
                       total_threat_cost=arrays["total_threat_cost"])
        for k, date in enumerate(scenario.agreement_by):
            columns[f"agreement_by.{date}"] = arrays["agreement_by"][:, k]  # the database's name
        for d, issue in enumerate(scenario.issues):
            columns[f"terms {issue}"] = arrays["terms"][:, d]
        for k, arena in enumerate(arrays["cooperation_arenas"]):
            columns[f"cooperation_step.{arena}"] = arrays["cooperation_step"][:, k]  # NaN: never
        #: one row per run
        self.outcomes = pd.DataFrame(columns, index=pd.RangeIndex(self.runs, name="run"))
        index = pd.RangeIndex(self.runs, name="run")
        #: every event the command line and the database record, a column each, under their names
        #: (agreement_by.DATE, closed.DATE.GATE, ended.DATE, cooperation.ARENA, ...)
        self.events = pd.DataFrame(arrays["events"], columns=arrays["event_names"], index=index)
        #: every recorded quantity likewise (NaN where undefined: no agreement, talks already ended)
        self.quantities = pd.DataFrame(arrays["quantities"], columns=arrays["quantity_names"], index=index)

    def series(self, name):
        """One series as a DataFrame: a row per run, a column per date."""
        k = self.scenario.series_names.index(name)
        return pd.DataFrame(self.arrays["series"][k], columns=pd.DatetimeIndex(self.dates, name="date"))

    def bands(self, name, quantiles=(0.05, 0.25, 0.5, 0.75, 0.95)):
        """Quantiles of a series at each date (numpy's linear rule, as the report's fan charts)."""
        k = self.scenario.series_names.index(name)
        q = np.quantile(self.arrays["series"][k], quantiles, axis=0)
        return pd.DataFrame(q.T, index=pd.DatetimeIndex(self.dates, name="date"), columns=[f"q{int(x * 100):02d}" for x in quantiles])

    def probabilities(self):
        """P(agreement by each date), P(agreement by the horizon), P(breakdown), P(extension) and
        P(mutual cooperation in each two-player arena), with Wilson 95% intervals."""
        events = [(f"agreement by {d}", self.arrays["agreement_by"][:, k]) for k, d in enumerate(self.scenario.agreement_by)]
        events.append(("agreement by the horizon", self.arrays["agreed"]))
        events.append(("talks broke down", self.arrays["broken_down"]))
        events.append(("at least one deadline extended", self.arrays["extensions"] > 0))
        for k, arena in enumerate(self.arrays["cooperation_arenas"]):
            events.append((f"mutual cooperation in {arena}", ~np.isnan(self.arrays["cooperation_step"][:, k])))
        rows = []
        for name, happened in events:
            k = int(np.count_nonzero(happened))
            p, lo, hi = _wilson(k, self.runs)
            rows.append(dict(event=name, p=p, lo=lo, hi=hi, successes=k, trials=self.runs))
        return pd.DataFrame(rows)

    def why_not(self, date):
        """Why no agreement by `date` (one of [outcomes].agreement_by): for each gate of the agreement
        rule, the share of runs in which it was closed at the step containing the date (several can
        be), the share whose talks had ended before it, and the closest approach of the positions."""
        rows = [dict(gate=c[len(f"closed.{date}."):], share=self.events[c].mean())
                for c in self.events.columns if c.startswith(f"closed.{date}.")]
        rows.append(dict(gate="ended", share=self.events[f"ended.{date}"].mean()))
        out = pd.DataFrame(rows)
        out.attrs["closest_position_gap"] = self.quantities[f"position_gap.{date}"].min()
        return out

    def __repr__(self):
        return f"Ensemble({self.runs} runs, seed={self.seed}, policies={self.policies})"


def run(scenario, seed=1, policy=None, sample=False, runs=None):
    """`detente run SCENARIO [--seed S] [--policy NAME ...] [--sample] [--runs N]`.

    Without `runs`: one run, a Run. With `runs=N`: an Ensemble of runs 0..N-1, each drawing
    uncertain inputs from their distributions (so run 0 equals `detente run --seed S --sample`)."""
    s = _scenario(scenario)
    policies = _as_list(policy)
    if runs is None:
        return Run(_detente.run(s._handle, int(seed), policies, bool(sample)))
    return Ensemble(s, _detente.ensemble(s._handle, int(runs), int(seed), policies, True), int(seed), policies)


class Comparison:
    """Policy arms run on common random numbers, summarised as in the report (docs/report.md):
    DataFrames `outcomes`, `comparison`, `agreement_curve`, `bands`, `quantities`, `sensitivity`."""

    def __init__(self, document):
        self.document = document
        self.arms = [a["arm"] for a in document.get("arms", [])]
        for key in ("outcomes", "comparison", "agreement_curve", "bands", "quantities"):
            setattr(self, key, pd.DataFrame(document.get(key, [])))
        self.sensitivity = pd.DataFrame(document.get("sensitivity", {}).get("rows", []))

    def __repr__(self):
        return f"Comparison(arms={self.arms}, runs={self.document.get('runs')})"


def compare(scenario, policy=("none", "engage"), runs=200, seed=1, params=None, vary_fraction=0.2):
    """`detente compare SCENARIO --policy A --policy B --runs N`: arms ('none' = no policy, 'A+B'
    = two together) on paired runs; the first arm is the reference. `params` names inputs for the
    one-at-a-time sensitivity ranking (PATH or PATH=LO:HI)."""
    s = _scenario(scenario)
    return Comparison(_detente.compare(s._handle, int(runs), int(seed), _as_list(policy), _as_list(params), float(vary_fraction)))


def report_document(input, runs=200, seed=1, policy=None, params=None, vary_fraction=0.2):
    """The data a report draws (docs/report.md), as a dict."""
    return _detente.report_document(os.fspath(input), int(runs), int(seed), _as_list(policy), _as_list(params), float(vary_fraction))


def report(input, output="report.html", runs=200, seed=1, policy=None, params=None, vary_fraction=0.2):
    """`detente report INPUT -o OUTPUT`: a self-contained HTML report of a results database, a
    forecast JSON, a scenario (run here) or a stakeholder table."""
    _detente.report(os.fspath(input), os.fspath(output), int(runs), int(seed), _as_list(policy), _as_list(params),
                    float(vary_fraction))
    return os.fspath(output)
