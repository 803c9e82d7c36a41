#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every
# test: the unit and conformance tests (release build), the same tests under
# AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target for a
# bounded time. Takes under 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== release build and tests =="
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

echo "== unit tests under AddressSanitizer + UBSan =="
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== fuzz targets, bounded time each (scripts/fuzz.sh runs them longer) =="
bash scripts/fuzz.sh --seconds "${DETENTE_FUZZ_SECONDS:-20}"
