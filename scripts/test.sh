#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every
# test: the unit and conformance tests (release build), the Python module's tests, the HTML
# reports in headless Chromium, the unit and conformance tests under
# AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target for a
# bounded time. Each stage prints its duration. The sanitizer stage instruments the libraries and
# compiles the command line and the test files exactly as the release stage did, so the compiler
# cache (ccache) builds those once for both stages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh python report

started=$SECONDS
stage_start=$SECONDS
stage() {   # stage NAME: prints the previous stage's duration, then NAME
  if [ -n "${stage_name:-}" ]; then echo "== ${stage_name}: $((SECONDS - stage_start)) s =="; fi
  stage_name="$1"
  [ -n "$1" ] && stages=$((${stages:-0} + 1))
  stage_start=$SECONDS
  [ -n "$1" ] && echo "== $1 =="
  return 0
}

stage "release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

stage "Python module (pytest, Debian's python3)"
/usr/bin/python3 -m pytest -q -p no:cacheprovider src/python/tests

stage "HTML reports in headless Chromium (screenshots in build/release/report-test/)"
bash tests/report/run.sh build/release

stage "unit tests against libraries built with AddressSanitizer + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

stage "fuzz targets, bounded time each (scripts/fuzz.sh runs them longer)"
bash scripts/fuzz.sh --seconds "${DETENTE_FUZZ_SECONDS:-20}"
stage ""
echo "== all stages: $((SECONDS - started)) s =="
echo "stages: ${stages} passed, 0 failed"   # reached only when every stage passed (set -e)
