#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every
# test: the unit and conformance tests (release build), the Python module's tests, the HTML
# reports in headless Chromium, the unit and conformance tests under
# AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target for a
# bounded time. About 24 minutes on a 2-core machine, three fifths of it the ASan+UBSan
# stage (its build dominates); the goal is 15.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh python report

echo "== release build and tests =="
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

echo "== Python module (pytest, Debian's python3) =="
/usr/bin/python3 -m pytest -q -p no:cacheprovider src/python/tests

echo "== HTML reports in headless Chromium (screenshots in build/release/report-test/) =="
bash tests/report/run.sh build/release

echo "== unit tests under AddressSanitizer + UBSan =="
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== fuzz targets, bounded time each (scripts/fuzz.sh runs them longer) =="
bash scripts/fuzz.sh --seconds "${DETENTE_FUZZ_SECONDS:-20}"
