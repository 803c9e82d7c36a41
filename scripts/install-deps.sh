#!/usr/bin/env bash
# Installs, with apt-get, every Debian package detente needs to build, test and
# report. Idempotent: installs only what is missing, and does nothing when all
# is present. Run as root (or with sudo) on Debian 12.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ ccache pkg-config
  # libraries
  libcli11-dev libfmt-dev nlohmann-json3-dev libtomlplusplus-dev libsqlite3-dev libpcg-cpp-dev
  # event files: .gz and .zip (src/events/, docs/events.md)
  libarchive-dev
  # ensembles across processes: detente-mpi and its 2-rank test (docs/uncertainty.md)
  libopenmpi-dev openmpi-bin
  # tests, benchmarks, fuzzing (clang's libFuzzer runtime)
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
)
# Extra groups, asked for by name: python (the Python module), mpi, report.
for group in "$@"; do
  case "$group" in
    python) packages+=(python3-dev pybind11-dev python3-numpy python3-pandas python3-pytest) ;;
    mpi) ;;   # now in the default list; kept so that 'install-deps.sh mpi' still works
    # Reports: Node.js and npm install the charting library at build time (a Node.js that bundles
    # npm, e.g. NodeSource's, is kept: Debian's npm package conflicts with it); Chromium runs the
    # browser test.
    report)
      packages+=(chromium)
      if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi ;;
    *) echo "install-deps: unknown group '$group' (known: python mpi report)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
