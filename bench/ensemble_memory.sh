#!/usr/bin/env bash
# Peak resident memory of `detente run FLAGSHIP --runs N` against N (bench/ensemble.md).
# Usage: bash bench/ensemble_memory.sh [build/release/detente] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-build/release/detente}"
threads="${2:-2}"
printf "%10s %12s %10s %10s %12s\n" runs "peak RSS MiB" "wall s" "CPU s" "runs/CPU-s"
for n in 1000 10000 100000 1000000; do
  python3 - "$binary" "$n" "$threads" <<'PY'
import resource, subprocess, sys, time
binary, n, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = time.time()
subprocess.run([binary, "run", "examples/iran-west-2014.toml", "--runs", str(n), "--threads", threads, "--format", "json"],
               check=True, stdout=subprocess.DEVNULL)
wall = time.time() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(f"{n:>10} {usage.ru_maxrss / 1024:>12.1f} {wall:>10.2f} {cpu:>10.2f} {n / cpu:>12.0f}")
PY
done
