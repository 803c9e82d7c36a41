#!/usr/bin/env python3
"""detente events against pandas read_csv + groupby on the same synthetic GDELT 1.0 file, in one
run (bench/events.md), and a year of GDELT 1.0 streamed through a named pipe in bounded memory.

    nice -n 19 /usr/bin/python3 bench/events_bench.py [--rows-per-day N] [--days D] [--year-rows-per-day N]

Each program runs in a fresh process; its wall time and peak resident memory (ru_maxrss from
wait4) are measured, and the two series are checked to be equal before any figure is printed.
Files go to /tmp and are removed.
"""
import argparse
import io
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DETENTE = os.path.join(ROOT, "build", "release", "detente")
ACTORS = "Iran,US,Russia"

# The obvious pandas program: read the columns the series needs, resolve actors by their CAMEO
# country code (the first three letters of the actor code, else the country field, as detente's
# default aliases do), keep the requested dyads, group by source, target and month.
PANDAS = r'''
import sys, time
start = time.perf_counter()
import pandas as pd
imported = time.perf_counter()
path, columns = sys.argv[1], sys.argv[2]
names = {1: "SQLDATE", 5: "Actor1Code", 7: "Actor1CountryCode", 15: "Actor2Code", 17: "Actor2CountryCode",
         26: "EventCode", 29: "QuadClass", 30: "GoldsteinScale"}
# "all": every field read, as GDELT's examples do; "needed": only the eight the series uses.
df = pd.read_csv(path, sep="\t", header=None, usecols=list(names) if columns == "needed" else None,
                 dtype={5: str, 7: str, 15: str, 17: str, 26: str}, keep_default_na=False, na_values={30: [""]},
                 quoting=3, low_memory=False)
df = df.rename(columns=names)
codes = {"IRN": "Iran", "USA": "US", "RUS": "Russia", "GBR": "UK", "FRA": "France", "DEU": "Germany",
         "CHN": "China", "SAU": "Saudi Arabia"}
def resolve(code, country):
    return code.str[:3].map(codes).fillna(country.map(codes))
df["source"] = resolve(df.Actor1Code, df.Actor1CountryCode)
df["target"] = resolve(df.Actor2Code, df.Actor2CountryCode)
wanted = {"Iran", "US", "Russia"}
df = df[df.source.isin(wanted) & df.target.isin(wanted) & (df.source != df.target)]
df["period"] = pd.to_datetime(df.SQLDATE.astype(str), format="%Y%m%d").dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
g = df.groupby(["source", "target", "period"])
out = g.GoldsteinScale.agg(events="size", goldstein_sum="sum", goldstein_mean="mean")
quads = pd.crosstab([df.source, df.target, df.period], df.QuadClass).reindex(columns=[1, 2, 3, 4], fill_value=0)
out = out.join(quads)
for (s, t, p), r in out.iterrows():
    print(f"{s},{t},{p},{int(r.events)},{r.goldstein_sum:.1f},{int(r[1])},{int(r[2])},{int(r[3])},{int(r[4])}")
print(f"import {imported - start:.3f}", file=sys.stderr)
'''


def measured(command, stdout):
    """Runs COMMAND; returns (wall seconds, peak RSS MiB, seconds the program says it spent importing)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"events_bench: {' '.join(command)} failed:\n{stderr}")
    imported = [float(line.split()[1]) for line in stderr.splitlines() if line.startswith("import ")]
    return wall, usage.ru_maxrss / 1024.0, imported[0] if imported else 0.0


def detente_rows(text):
    rows = set()
    for line in text.splitlines()[1:]:
        s, t, p, n, total, _mean, q1, q2, q3, q4 = line.split(",")
        rows.add(f"{s},{t},{p},{n},{float(total):.1f},{q1},{q2},{q3},{q4}")
    return rows


def compare(args, work):
    path = os.path.join(work, "gdelt1.tsv")
    subprocess.run([sys.executable, os.path.join(HERE, "events_synthetic_gdelt.py"), path, str(args.rows_per_day),
                    str(args.days)], check=True)
    rows = args.rows_per_day * args.days
    size = os.path.getsize(path) / 2**20
    # Alternating rounds, so that every program sees the same machine load; medians reported.
    programs = [("detente events", [DETENTE, "events", path, "--actors", ACTORS, "--by", "month", "--format", "csv"])]
    programs += [(f"pandas, {c} columns", [sys.executable, "-c", PANDAS, path, c]) for c in ("all", "needed")]
    times = {name: [] for name, _ in programs}
    expected = None
    for _ in range(args.rounds):
        for name, command in programs:
            with tempfile.TemporaryFile() as out:
                wall, rss, imported = measured(command, out)
                out.seek(0)
                text = out.read().decode()
            series = detente_rows(text) if name.startswith("detente") else set(text.split())
            if expected is None:
                expected = series
            elif series != expected:
                sys.exit(f"events_bench: {name} gives another series:\n only there {sorted(series - expected)[:5]}\n"
                         f" only in detente's {sorted(expected - series)[:5]}")
            times[name].append((wall, rss, imported))
    median = lambda values: sorted(values)[len(values) // 2]
    print(f"file: {rows:,} GDELT 1.0 events, {size:.0f} MiB; the {len(expected)} rows of the three series are equal; "
          f"medians of {args.rounds} alternating rounds")
    print(f"{'program':<24} {'wall s':>7} {'events/s':>11} {'ratio':>7} {'wall s, no import':>18} {'ratio':>7} "
          f"{'peak RSS MiB':>13}")
    base = median([w for w, _, _ in times["detente events"]])
    for name, _ in programs:
        wall = median([w for w, _, _ in times[name]])
        net = median([w - i for w, _, i in times[name]])
        rss = max(r for _, r, _ in times[name])
        print(f"{name:<24} {wall:>7.2f} {rows / wall:>11,.0f} {wall / base:>6.1f}x {net:>18.2f} {net / base:>6.1f}x "
              f"{rss:>13.1f}")
    os.remove(path)


def year(args, work):
    fifo = os.path.join(work, "year.tsv")
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, os.path.join(HERE, "events_synthetic_gdelt.py"), fifo,
                               str(args.year_rows_per_day), "365"])
    wall, rss, _ = measured([DETENTE, "events", fifo, "--actors", ACTORS, "--by", "month", "--format", "csv"],
                         subprocess.DEVNULL)
    writer.wait()
    rows = args.year_rows_per_day * 365
    # The size of the stream: one day's rows measured, times 365 (all days have the same layout).
    sample = os.path.join(work, "day.tsv")
    subprocess.run([sys.executable, os.path.join(HERE, "events_synthetic_gdelt.py"), sample,
                    str(args.year_rows_per_day), "1"], check=True)
    size = os.path.getsize(sample) * 365 / 2**30
    os.remove(sample)
    print(f"a year: {rows:,} GDELT 1.0 events ({size:.1f} GiB) through a named pipe: {wall:.0f} s, "
          f"{rows / wall:,.0f} events/s, peak RSS {rss:.1f} MiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows-per-day", type=int, default=20000)
    parser.add_argument("--days", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--year-rows-per-day", type=int, default=0,
                        help="also stream a year of this many events a day (GDELT 1.0 in 2014: about 170000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-events-bench-") as work:
        compare(args, work)
        if args.year_rows_per_day:
            year(args, work)


if __name__ == "__main__":
    main()
