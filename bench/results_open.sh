#!/usr/bin/env bash
# What the checks on opening a results database cost (docs/results.md, "Opening a database"):
# detente export of the small events table (file checks, PRAGMA quick_check, meta) against the same
# table read by sqlite3 without checks, PRAGMA quick_check alone, and the export of every run, all
# measured in this run on one database of RUNS per-run rows of the flagship.
# Usage: bash bench/results_open.sh [RUNS] (default 100000); needs the sqlite3 command.
set -euo pipefail
runs=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
detente=$root/build/release/detente
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/bench.db
"$detente" run "$root/examples/iran-west-2014.toml" --runs "$runs" --per-run --seed 1 --out "$db" >/dev/null
echo "database: $runs per-run rows, $(stat -c %s "$db") bytes"
mean_ms() {  # mean wall time of 5 runs of the command, in ms
  local total=0
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    total=$((total + (end - start) / 1000))
  done
  echo $((total / 5000))
}
reference=$(mean_ms sqlite3 "$db" "SELECT * FROM events")
check=$(mean_ms sqlite3 "$db" "PRAGMA quick_check")
events=$(mean_ms "$detente" export "$db" --format csv --table events)
all=$(mean_ms "$detente" export "$db" --format csv --table runs)
printf '%-52s %6s ms\n' "sqlite3: SELECT * FROM events (no checks)" "$reference" \
  "sqlite3: PRAGMA quick_check" "$check" "detente export --table events (checked)" "$events" \
  "detente export --table runs (checked)" "$all"
echo "checked events export / unchecked read: $(awk "BEGIN {printf \"%.1f\", $events / ($reference > 0 ? $reference : 1)}")x;" \
  "the check is $(awk "BEGIN {printf \"%.0f\", 100 * $check / ($all > 0 ? $all : 1)}")% of exporting every run"
