#!/usr/bin/env bash
# The README's first command: installs what is missing, builds detente, and runs the flagship
# example end to end: the op-ed's scenario (Iran, the P5+1 and the campaign against IS, August
# 2014) without and with engagement against the common threat, then the stakeholder models on the
# EC example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target detente
d=./build/release/detente
echo
echo "== detente check examples/iran-west-2014.toml =="
$d check examples/iran-west-2014.toml
echo
echo "== detente run examples/iran-west-2014.toml --seed 3 (no policy) =="
$d run examples/iran-west-2014.toml --seed 3
echo
echo "== detente run examples/iran-west-2014.toml --seed 3 --policy engage =="
$d run examples/iran-west-2014.toml --seed 3 --policy engage
echo
echo "== detente forecast examples/ec10.csv (every stakeholder model) =="
$d forecast examples/ec10.csv
