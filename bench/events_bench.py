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
import sys, pandas as pd
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
'''


def measured(command, stdout):
    """Runs COMMAND; returns (wall seconds, peak RSS MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"events_bench: {' '.join(command)} failed:\n{stderr}")
    return wall, usage.ru_maxrss / 1024.0


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
    results = []
    with tempfile.TemporaryFile() as d_out:
        wall, rss = measured([DETENTE, "events", path, "--actors", ACTORS, "--by", "month", "--format", "csv"], d_out)
        d_out.seek(0)
        d_rows = detente_rows(d_out.read().decode())
        results.append(("detente events", wall, rss))
    for columns in ("all", "needed"):
        with tempfile.TemporaryFile() as p_out:
            wall, rss = measured([sys.executable, "-c", PANDAS, path, columns], p_out)
            p_out.seek(0)
            p_rows = set(p_out.read().decode().split())
        if d_rows != p_rows:
            sys.exit(f"events_bench: the series differ:\n detente only {sorted(d_rows - p_rows)[:5]}\n"
                     f" pandas only {sorted(p_rows - d_rows)[:5]}")
        results.append((f"pandas, {columns} columns", wall, rss))
    print(f"file: {rows:,} GDELT 1.0 events, {size:.0f} MiB; the {len(d_rows)} rows of the three series are equal")
    print(f"{'program':<30} {'wall s':>8} {'events/s':>12} {'peak RSS MiB':>13} {'detente faster':>15}")
    for name, wall, rss in results:
        print(f"{name:<30} {wall:>8.2f} {rows / wall:>12,.0f} {rss:>13.1f} {wall / results[0][1]:>14.1f}x")
    os.remove(path)


def year(args, work):
    fifo = os.path.join(work, "year.tsv")
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, os.path.join(HERE, "events_synthetic_gdelt.py"), fifo,
                               str(args.year_rows_per_day), "365"])
    wall, rss = measured([DETENTE, "events", fifo, "--actors", ACTORS, "--by", "month", "--format", "csv"],
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
    parser.add_argument("--year-rows-per-day", type=int, default=0,
                        help="also stream a year of this many events a day (GDELT 1.0 in 2014: about 170000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-events-bench-") as work:
        compare(args, work)
        if args.year_rows_per_day:
            year(args, work)


if __name__ == "__main__":
    main()
