"""Scenario runs, ensembles and comparisons from Python equal the command line's for the same
inputs and seed."""
import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from conftest import FLAGSHIP, cli, cli_json


@pytest.fixture(scope="module")
def flagship(detente):
    return detente.load_scenario(FLAGSHIP)


def test_scenario_loads_with_its_policies_and_parameters(detente, flagship):
    assert flagship.name.startswith("Iran-West 2014")
    assert set(flagship.policies.id) >= {"engage", "hesitate", "flip-flop"}
    listed = cli("check", FLAGSHIP, "--params")
    for path in flagship.parameters.path:
        assert path in listed
    assert len(flagship.dates) == len(cli_json("run", FLAGSHIP, "--format", "json")["dates"])


@pytest.mark.parametrize("seed,policy,sample", [(1, [], False), (3, ["engage"], False), (5, ["hesitate"], True),
                                                (11, ["engage", "flip-flop"], True)])
def test_one_run_equals_the_command_lines_json(detente, flagship, seed, policy, sample):
    args = ["run", FLAGSHIP, "--seed", seed, "--format", "json"] + [a for p in policy for a in ("--policy", p)]
    if sample:
        args.append("--sample")
    theirs = cli_json(*args)
    mine = detente.run(flagship, seed=seed, policy=policy, sample=sample)
    assert mine.outcome == theirs["outcome"]
    assert set(mine.series) == set(theirs["series"])
    for name, values in theirs["series"].items():
        assert isinstance(mine.series[name], np.ndarray)
        np.testing.assert_array_equal(mine.series[name], np.array(values))
    assert list(mine.events.event) == [e["event"] for e in theirs["events"]]
    assert [str(d)[:10] for d in mine.dates] == theirs["dates"]
    frame = mine.frame()
    assert list(frame.columns) == list(theirs["series"])
    assert frame.index[0] == pd.Timestamp(theirs["dates"][0])


def test_a_path_works_where_a_scenario_does(detente):
    assert detente.run(FLAGSHIP, seed=2).outcome == detente.run(detente.load_scenario(FLAGSHIP), seed=2).outcome


def test_ensemble_run_zero_is_the_command_lines_sampled_run(detente, flagship):
    e = detente.run(flagship, runs=6, seed=9, policy="engage")
    theirs = cli_json("run", FLAGSHIP, "--seed", 9, "--sample", "--policy", "engage", "--format", "json")
    first = e.outcomes.iloc[0]
    assert bool(first.agreed) == theirs["outcome"]["agreed"]
    assert first.extensions == theirs["outcome"]["extensions"]
    assert first.final_threat == theirs["outcome"]["final_threat"]
    for date, happened in theirs["outcome"]["agreement_by"].items():
        assert bool(first[f"agreement_by.{date}"]) == happened
    for k, name in enumerate(flagship.series_names):
        np.testing.assert_array_equal(e.arrays["series"][k, 0], np.array(theirs["series"][name]))
    assert e.series("threat").shape == (6, len(flagship.dates))


def test_no_agreement_is_nan_as_null_in_the_database(detente, flagship, tmp_path):
    # issue #14: a -1 sentinel once made the naive mean of agreement_step 5.7 instead of 40.6.
    e = detente.run(flagship, runs=200, seed=3)
    steps = e.outcomes.agreement_step
    assert steps.isna().sum() == (~e.outcomes.agreed).sum() > 0
    assert (steps.dropna() >= 0).all()
    db = tmp_path / "runs.db"
    cli("run", FLAGSHIP, "--runs", 200, "--seed", 3, "--out", db)
    quantities = {q["name"]: q for q in cli_json("export", db, "--format", "json")["quantities"]}
    assert quantities["agreement_step"]["n"] == steps.notna().sum()
    assert quantities["agreement_step"]["mean"] == pytest.approx(steps.mean(), rel=1e-12)


def report_data(path):
    """The document embedded in a report page."""
    text = open(path, encoding="utf-8").read()
    match = re.search(r'<script type="application/json" id="detente-data">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def test_compare_equals_the_report_the_command_line_writes(detente, flagship, tmp_path):
    page = tmp_path / "flagship.html"
    cli("report", FLAGSHIP, "--runs", 15, "--seed", 4, "--policy", "none", "--policy", "engage",
        "--params", "trust.prior.Iran.nuclear=0.3:0.7", "-o", page)
    theirs = report_data(page)
    mine = detente.compare(flagship, policy=["none", "engage"], runs=15, seed=4, params=["trust.prior.Iran.nuclear=0.3:0.7"])
    assert mine.document == theirs
    assert set(mine.comparison.b) == {"engage"}
    assert set(mine.sensitivity.parameter) == {"trust.prior.Iran.nuclear"}


def test_ensemble_probabilities_agree_with_the_reports_aggregates(detente, flagship):
    # Two implementations of the same aggregates: pandas over the per-run arrays, and C++'s.
    e = detente.run(flagship, runs=30, seed=12)
    c = detente.compare(flagship, policy=["none"], runs=30, seed=12)
    mine = e.probabilities().set_index("event")
    for _, row in c.outcomes.iterrows():
        name = "agreement by the horizon" if row.event.startswith("agreement by the horizon") else row.event
        assert mine.loc[name, "successes"] == row.successes
        assert mine.loc[name, "p"] == pytest.approx(row.p, abs=1e-15)
        assert mine.loc[name, "lo"] == pytest.approx(row.lo, abs=1e-12)
        assert mine.loc[name, "hi"] == pytest.approx(row.hi, abs=1e-12)
    bands = e.bands("threat")
    theirs = c.bands[(c.bands.series == "threat")]
    np.testing.assert_allclose(bands.q50.to_numpy(), theirs.q50.to_numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(bands.q95.to_numpy(), theirs.q95.to_numpy(), rtol=0, atol=1e-12)


def test_report_from_python_is_the_command_lines_page(detente, tmp_path):
    mine, theirs = tmp_path / "py.html", tmp_path / "cli.html"
    detente.report(FLAGSHIP, mine, runs=5, seed=2, policy=["none", "engage"])
    cli("report", FLAGSHIP, "--runs", 5, "--seed", 2, "--policy", "none", "--policy", "engage", "-o", theirs)
    assert mine.read_bytes() == theirs.read_bytes()


def test_bad_scenarios_and_policies_raise_with_the_file_and_field(detente, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(FLAGSHIP.read_text().replace('step = "week"', 'step = "fortnight"'))
    with pytest.raises(ValueError, match=r"broken\.toml:\d+"):
        detente.load_scenario(broken)
    with pytest.raises(ValueError, match="no policy 'nope'"):
        detente.run(FLAGSHIP, policy="nope")


def test_with_params_equals_editing_the_file(detente, flagship, tmp_path):
    edited = tmp_path / "edited.toml"
    text = FLAGSHIP.read_text()
    line = next(l for l in text.splitlines() if l.startswith("concession = "))
    edited.write_text(text.replace(line, "concession = 0.05"))
    mine = detente.run(flagship.with_params({"negotiation.concession": 0.05}), seed=6, policy="engage")
    theirs = cli_json("run", edited, "--seed", 6, "--policy", "engage", "--format", "json")
    assert mine.outcome == theirs["outcome"]
    np.testing.assert_array_equal(mine.series["distance"], np.array(theirs["series"]["distance"]))
    with pytest.raises(ValueError, match="no parameter 'nope'"):
        flagship.with_params({"nope": 1})


def test_every_front_end_counts_the_same_runs_with_the_scenarios_correlations(detente, flagship, tmp_path):
    # The flagship declares [uncertainty] correlations; run, compare, report and Python must all
    # draw through them (issue #14: report and Python once sampled the inputs independently).
    assert "correlations" in FLAGSHIP.read_text()
    runs, seed, arms = 400, 7, ["none", "engage"]

    def by_date(name):
        return name.replace("agreement_by.", "agreement by ")

    counted = {}
    for arm in arms:
        policy = [] if arm == "none" else ["--policy", arm]
        summary = cli_json("run", FLAGSHIP, "--runs", runs, "--seed", seed, "--format", "json", *policy)
        counted[("run", arm)] = {by_date(e["name"]): e["count"] for e in summary["events"]
                                 if e["name"].startswith("agreement_by")}
        frame = detente.run(flagship, runs=runs, seed=seed, policy=None if arm == "none" else arm).outcomes
        counted[("python run", arm)] = {by_date(c): int(frame[c].sum()) for c in frame.columns
                                        if c.startswith("agreement_by")}
    compared = cli_json("compare", FLAGSHIP, "--runs", runs, "--seed", seed, "--policy", "engage", "--policy", "none",
                        "--format", "json")
    for arm in compared["arms"]:
        counted[("compare", arm["policies"])] = {by_date(e["name"]): e["count"] for e in arm["events"]
                                                 if e["name"].startswith("agreement_by")}
    page = tmp_path / "report.html"
    cli("report", FLAGSHIP, "--runs", runs, "--seed", seed, "--policy", "none", "--policy", "engage", "-o", page)
    python = detente.compare(flagship, policy=arms, runs=runs, seed=seed)
    for front_end, rows in (("report", report_data(page)["outcomes"]), ("python compare", python.document["outcomes"])):
        for row in rows:
            if row["event"].startswith("agreement by 20"):
                counted.setdefault((front_end, row["arm"]), {})[row["event"]] = row["successes"]
    for arm in arms:
        reference = counted[("run", arm)]
        assert sum(reference.values()) > 0, "the test needs agreeing runs to compare"
        for front_end in ("python run", "compare", "report", "python compare"):
            assert counted[(front_end, arm)] == reference, f"{front_end} against run, arm {arm}"


def test_every_recorded_event_and_quantity_matches_the_command_line(detente, flagship):
    # The same runs through Python and `detente run --format json`: every event's count and every
    # quantity's count, mean and extremes, under the same names (the diagnostics among them).
    e = detente.run(flagship, runs=300, seed=5, policy="engage")
    theirs = cli_json("run", FLAGSHIP, "--runs", 300, "--seed", 5, "--policy", "engage", "--format", "json")
    assert list(e.events.columns) == [x["name"] for x in theirs["events"]]
    for x in theirs["events"]:
        assert int(e.events[x["name"]].sum()) == x["count"], x["name"]
    assert list(e.quantities.columns) == [x["name"] for x in theirs["quantities"]]
    for x in theirs["quantities"]:
        column = e.quantities[x["name"]].dropna()
        assert len(column) == x["n"], x["name"]
        if x["n"]:
            assert column.mean() == pytest.approx(x["mean"], rel=1e-12, abs=1e-12), x["name"]
            assert column.min() == x["min"] and column.max() == x["max"], x["name"]
    why = e.why_not("2014-11-24").set_index("gate")
    assert why.share.loc["ended"] + e.events["agreement_by.2014-11-24"].mean() <= 1.0
    assert why.attrs["closest_position_gap"] == next(x["min"] for x in theirs["quantities"] if x["name"] == "position_gap.2014-11-24")
