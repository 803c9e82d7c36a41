#!/usr/bin/env bash
# Browser test of the HTML reports (part of scripts/test.sh): writes the reports the project must
# show — the flagship ensemble with its policy comparison and tornado, the ec10 forecast from its
# JSON, a Decide forecast with several issues, one narrated run, a paired comparison and an ensemble
# read back from its results database — and checks each in headless
# Chromium with check_reports.mjs. Reports and screenshots go to BUILD/report-test/.
#   bash tests/report/run.sh [BUILD_DIR]     (default build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
out="$build/report-test"
mkdir -p "$out"
detente="$build/detente"

# playwright-core drives Debian's /usr/bin/chromium; it downloads no browser.
cp tests/report/package.json tests/report/package-lock.json tests/report/check_reports.mjs "$out/"
npm ci --prefix "$out" --no-audit --no-fund --loglevel=error >/dev/null

"$detente" report examples/iran-west-2014.toml --runs 500 --seed 1 \
  --policy none --policy engage --policy hesitate --policy flip-flop \
  --params trust.correlation=0:0.9 --params trust.prior.Iran.nuclear=0.3:0.7 --params trust.prior.US.nuclear=0.3:0.7 \
  --params negotiation.concession=0.02:0.04 --params negotiation.acceptance=0.05:0.11 --params threat.growth=0.02:0.04 \
  -o "$out/flagship-ensemble.html"
"$detente" forecast examples/ec10.csv --format json > "$out/ec10.json"
"$detente" report "$out/ec10.json" -o "$out/ec10-forecast.html"
"$detente" report examples/decide-sample.tsv -o "$out/decide-sample.html"
"$detente" run examples/iran-west-2014.toml --policy engage --seed 3 --report "$out/flagship-one-run.html" >/dev/null
# A paired comparison's report, made from the comparison's own results (no database kept), and an
# ensemble's, made from its results database.
"$detente" compare examples/iran-west-2014.toml --policy engage --policy none --runs 2000 --seed 1 \
  --report "$out/flagship-compare.html" >/dev/null
"$detente" backtest examples/iran-west-2014.toml --timeline examples/iran-west-2014.timeline.toml --runs 2000 \
  --report "$out/flagship-backtest.html" >/dev/null
rm -f "$out/flagship-ensemble.db"
"$detente" run examples/iran-west-2014.toml --runs 2000 --seed 1 --per-run --out "$out/flagship-ensemble.db" \
  --report "$out/flagship-ensemble-db.html" >/dev/null

node "$out/check_reports.mjs" "$out" \
  "$out/flagship-ensemble.html:settings,outcomes,agreement,paths,comparison,sensitivity,quantities" \
  "$out/ec10-forecast.html:settings,forecast,rounds" \
  "$out/decide-sample.html:settings,forecast,rounds" \
  "$out/flagship-one-run.html:settings,outcomes,paths,narrative" \
  "$out/flagship-compare.html:settings,outcomes,paths,comparison,sensitivity,quantities" \
  "$out/flagship-ensemble-db.html:settings,outcomes,agreement,paths,sensitivity,quantities" \
  "$out/flagship-backtest.html:settings,backtest,rolling"
