#!/usr/bin/env bash
# The README's first command: installs what is missing, builds detente, and
# runs the flagship example end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target detente
echo
echo "== detente forecast examples/ec10.csv (every stakeholder model) =="
./build/release/detente forecast examples/ec10.csv
