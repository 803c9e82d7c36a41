"""Stakeholder forecasts from Python equal the command line's for the same inputs."""
import math

import pandas as pd
import pytest

from conftest import EXAMPLES, ROOT, cli_json


@pytest.mark.parametrize("file", ["ec10.csv", "greece2015.csv", "decide-sample.tsv", "SOE-Pol-Comp.csv"])
def test_forecast_equals_the_command_lines_json(detente, file):
    expected = cli_json("forecast", EXAMPLES / file, "--format", "json")
    expected = expected if isinstance(expected, list) else [expected]
    got = detente.forecast(EXAMPLES / file)
    # The same contract, value for value (the JSON floats round-trip exactly).
    for mine, theirs in zip(got.results, expected):
        assert mine["model"] == theirs["model"]
        assert mine["options"] == theirs["options"]
        assert mine["issues"] == theirs["issues"]
    assert [r["model"] for r in got.results] == [r["model"] for r in expected]


def test_forecast_frames_hold_the_command_lines_numbers(detente):
    expected = cli_json("forecast", EXAMPLES / "ec10.csv", "--model", "compromise", "--model", "median", "--format", "json")
    fc = detente.forecast(EXAMPLES / "ec10.csv", model=["compromise", "median"])
    assert list(fc.forecasts.columns) == ["model", "issue", "forecast"]
    for theirs in expected:
        row = fc.forecasts[fc.forecasts.model == theirs["model"]].iloc[0]
        assert row.forecast == theirs["issues"][0]["forecast"]
        positions = fc.positions[(fc.positions.model == theirs["model"]) & (fc.positions["round"] == 0)]
        assert dict(zip(positions.actor, positions.position)) == theirs["issues"][0]["rounds"][0]["positions"]
    # Published values for ec10 (Scholz, Calbert & Smith 2011): compromise 7.389956, median 7.0.
    assert math.isclose(fc["compromise"]["issues"][0]["forecast"], 7.389956, abs_tol=1e-6)
    assert fc["median"]["issues"][0]["forecast"] == 7.0


def test_a_stakeholder_table_reads_into_a_frame_with_the_csvs_names(detente):
    table = detente.read_stakeholders(EXAMPLES / "greece2015.csv")
    assert list(table.table.columns) == ["Issue", "Actor", "Capability", "Position", "Salience"]
    assert len(table.table) == len(table.actors) * len(table.issues)
    assert table.table.Salience.between(0, 1).all()          # read on 0-100, stored on 0-1
    assert any("0-100" in note for note in table.notes)
    # A table read once feeds a forecast like its file does.
    assert detente.forecast(table, model="median").results == detente.forecast(EXAMPLES / "greece2015.csv", model="median").results


def test_bad_input_raises_the_command_lines_message(detente, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Capability,Position,Salience\nA,-1,3,0.5\n")
    with pytest.raises(ValueError, match=r"bad\.csv:2"):
        detente.forecast(bad)
    with pytest.raises(ValueError, match="no model named 'nope'"):
        detente.forecast(EXAMPLES / "ec10.csv", model="nope")
    with pytest.raises(ValueError, match="option 'banana'"):
        detente.forecast(EXAMPLES / "ec10.csv", model="median", option={"banana": 1})


def test_models_lists_the_registry(detente):
    names = list(detente.models().name)
    assert names == sorted(names)
    for name in names:
        assert name in detente.forecast(EXAMPLES / "decide-sample.tsv", model=name).models
