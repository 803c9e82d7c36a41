"""Shared set-up of the Python module's tests: the build to test and the command line beside it.

DETENTE_BUILD_DIR names the build (default build/release); the tests import the module built
there and run the `detente` program of the same build, so both sides share their inputs."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
BUILD = pathlib.Path(os.environ.get("DETENTE_BUILD_DIR", ROOT / "build" / "release")).resolve()
sys.path.insert(0, str(BUILD / "python"))

EXAMPLES = ROOT / "examples"
FLAGSHIP = EXAMPLES / "iran-west-2014.toml"


def cli(*args):
    """Runs `detente ARGS` of the build under test; returns stdout, failing the test on an error."""
    done = subprocess.run([str(BUILD / "detente"), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, f"detente {' '.join(map(str, args))} failed: {done.stderr}"
    return done.stdout


def cli_json(*args):
    return json.loads(cli(*args))


@pytest.fixture(scope="session")
def detente():
    import detente as module
    return module
