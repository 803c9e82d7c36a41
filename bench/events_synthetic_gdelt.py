#!/usr/bin/env python3
"""Writes a synthetic GDELT 1.0 daily-format event file (58 tab-separated fields, no header) for
bench/events.md: ROWS_PER_DAY rows on each of DAYS consecutive days from 2014-01-01.

    python3 bench/events_synthetic_gdelt.py OUT ROWS_PER_DAY DAYS

OUT may be a named pipe (mkfifo), so a year's file need not be stored. The rows are fixed by a
seed: actor codes, countries, CAMEO codes with the GDELT Goldstein value and QuadClass of each.
Never commit the output.
"""
import datetime
import random
import sys

ACTORS = ["IRN", "IRNGOV", "IRNMIL", "USA", "USAGOV", "USAMIL", "GBR", "GBRGOV", "FRA", "DEU", "RUS", "RUSGOV",
          "CHN", "CHNGOV", "SAU", "SYR", "ISR", "IRQ", "TUR", "GOV", "MIL", "", "UAF", "IGOUNO"]
CODES = [("010", 0.0), ("013", 0.4), ("016", -2.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9),
         ("043", 2.8), ("046", 7.0), ("051", 3.4), ("057", 8.0), ("061", 6.4), ("071", 7.4), ("0871", 9.0),
         ("090", -2.0), ("100", -5.0), ("111", -2.0), ("112", -2.0), ("120", -4.0), ("130", -4.4), ("138", -7.0),
         ("141", -6.5), ("150", -7.2), ("163", -8.0), ("173", -5.0), ("190", -10.0), ("193", -10.0)]


def quad(code):
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def day_block(rng, rows):
    """ROWS rows of one day, with '@DATE@' where the date goes."""
    lines = []
    for i in range(rows):
        a1, a2 = rng.choice(ACTORS), rng.choice(ACTORS)
        code, gold = rng.choice(CODES)
        f = [""] * 58
        f[0] = str(100000000 + i)
        f[1], f[2], f[3], f[4] = "@DATE@", "@MONTH@", "2014", "2014.0000"
        f[5], f[6], f[7] = a1, a1 and "NAME " + a1, a1[:3] if len(a1) >= 3 else ""
        f[15], f[16], f[17] = a2, a2 and "NAME " + a2, a2[:3] if len(a2) >= 3 else ""
        f[12] = a1[3:6]
        f[22] = a2[3:6]
        f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
        f[29], f[30] = str(quad(code)), "%.1f" % gold
        f[31], f[32], f[33] = str(rng.randint(1, 40)), str(rng.randint(1, 9)), str(rng.randint(1, 40))
        f[34] = "%.6f" % rng.uniform(-10, 10)
        for g in (35, 42, 49):
            f[g], f[g + 1], f[g + 2], f[g + 3] = "4", "Tehran, Tehran, Iran", "IR", "IR26"
            f[g + 4], f[g + 5], f[g + 6] = "35.75", "51.5148", "10074674"
        f[56] = "@DATE@"
        f[57] = "http://www.example.com/news/story-%d.html" % rng.randint(1, 10**9)
        lines.append("\t".join(f))
    return "\n".join(lines) + "\n"


def main():
    out_path, rows_per_day, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(20140101)
    block_rows = min(rows_per_day, 2000)
    block = day_block(rng, block_rows).encode()
    repeats, rest = divmod(rows_per_day, block_rows)
    tail = b"".join(block.split(b"\n")[i] + b"\n" for i in range(rest))
    start = datetime.date(2014, 1, 1)
    with open(out_path, "wb", buffering=1 << 20) as out:
        for d in range(days):
            day = (start + datetime.timedelta(days=d)).strftime("%Y%m%d").encode()
            dated = block.replace(b"@DATE@", day).replace(b"@MONTH@", day[:6])
            for _ in range(repeats):
                out.write(dated)
            if rest:
                out.write(tail.replace(b"@DATE@", day).replace(b"@MONTH@", day[:6]))


if __name__ == "__main__":
    main()
