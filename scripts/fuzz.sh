#!/usr/bin/env bash
# Builds the libFuzzer targets (preset 'fuzz', clang) and runs each for a
# bounded time, seeded with the valid examples and the malformed corpus.
#   scripts/fuzz.sh                 60 s per target
#   scripts/fuzz.sh --seconds 600   longer
# A crash leaves its input in fuzz/artifacts/; copy it into tests/data/malformed/
# with the message it must produce, and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "fuzz.sh: unknown argument '$1' (use --seconds N)" >&2; exit 2 ;;
  esac
done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p fuzz/artifacts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in build/fuzz/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  mkdir -p "$work/$name"
  seeds=()
  for dir in "fuzz/corpus/$name" "tests/data/malformed/$name"; do
    [ -d "$dir" ] && seeds+=("$dir")
  done
  echo "fuzz: $name for ${seconds}s"
  if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix="fuzz/artifacts/$name-" "$work/$name" "${seeds[@]}" >"$work/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; the input is in fuzz/artifacts/, the log follows" >&2
    tail -n 60 "$work/$name.log" >&2
    status=1
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$work/$name.log" | tail -n 1 || true
  fi
done
passed=$(ls build/fuzz/fuzz/*_fuzz | wc -l)
if [ $status -eq 0 ]; then
  echo "fuzz: $passed passed, 0 failed"
else
  echo "fuzz: some targets failed" >&2
fi
exit $status
