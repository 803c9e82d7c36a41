#!/usr/bin/env bash
# Builds the libFuzzer targets (preset 'fuzz', clang) and runs each for a
# bounded time, seeded with the valid examples (fuzz/corpus/NAME), the
# malformed corpus (tests/data/malformed/NAME) and the valid-but-unusual inputs
# (tests/data/malformed/valid/NAME), with the dictionary fuzz/NAME.dict. The
# 'auto' target (format detection) gets every seed and every dictionary.
#   scripts/fuzz.sh                 60 s per target
#   scripts/fuzz.sh --seconds 600   longer
# A crash or a broken invariant leaves its input in fuzz/artifacts/; turn it
# into a case of tests/data/malformed/ (see its README.md) and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "fuzz.sh: unknown argument '$1' (use --seconds N)" >&2; exit 2 ;;
  esac
done
# UBSan reports (signed overflow, a double too large for an integer, ...) stop the run like a crash.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cmake --preset fuzz >/dev/null
# Only the fuzz targets (and the parsers they link), not the program and its tests.
targets=()
for source in fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
cmake --build --preset fuzz --target "${targets[@]}"
mkdir -p fuzz/artifacts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
formats=(csv decide ktab ktab_xml)
parallel=$(nproc)
status=0
failed=0
for target in build/fuzz/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  mkdir -p "$work/$name"
  if [ "$name" = auto ]; then
    members=("${formats[@]}")
    cat fuzz/*.dict >"$work/$name.dict"
  else
    members=("$name")
    cp "fuzz/$name.dict" "$work/$name.dict" 2>/dev/null || : >"$work/$name.dict"
  fi
  seeds=()
  for member in "${members[@]}"; do
    for dir in "fuzz/corpus/$member" "tests/data/malformed/$member" "tests/data/malformed/valid/$member"; do
      [ -d "$dir" ] && seeds+=("$dir")
    done
  done
  dict=()
  [ -s "$work/$name.dict" ] && dict=(-dict="$work/$name.dict")
  echo "fuzz: $name for ${seconds}s, seeds from ${seeds[*]}"
  # Targets run side by side, as many at once as the machine has cores; each writes its own log
  # and exit status, read in order below.
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  (
    if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        "${dict[@]}" -artifact_prefix="fuzz/artifacts/$name-" "$work/$name" "${seeds[@]}" >"$work/$name.log" 2>&1; then
      echo 0 >"$work/$name.status"
    else
      echo 1 >"$work/$name.status"
    fi
  ) &
done
wait
for target in build/fuzz/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  if [ "$(cat "$work/$name.status")" != 0 ]; then
    echo "fuzz: $name FAILED; the input is in fuzz/artifacts/, the log follows" >&2
    tail -n 60 "$work/$name.log" >&2
    status=1
    failed=$((failed + 1))
  else
    echo "fuzz: $name: $(grep -E "^#[0-9]+[[:space:]]+DONE" "$work/$name.log" | tail -n 1)"
    grep -E "^stat::number_of_executed_units" "$work/$name.log" || true
  fi
done
total=$(ls build/fuzz/fuzz/*_fuzz | wc -l)
echo "fuzz: $((total - failed)) passed, $failed failed"
exit $status
