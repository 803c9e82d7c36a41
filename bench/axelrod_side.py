#!/usr/bin/env python3
"""The Axelrod library's side of detente's repeated-game comparisons.

This script imports the Axelrod Python library (Knight et al., version 4.13.0,
https://github.com/Axelrod-Python/Axelrod, MIT licence) from a checkout given by
--axelrod (it is never part of detente) and either

  reference OUTDIR   writes the reference files under tests/data/games/ that
                     detente's tests compare against (move sequences, match
                     scores, metadata, tournaments, statistics of stochastic
                     strategies), or
  compare BENCH      times the 15-player, 200-turn, 5-repetition tournaments
                     (Axelrod's first tournament entries; 15 deterministic
                     classics) in the library and in detente's benchmark
                     program BENCH (build/release/bench/games_bench),
                     alternating the two in one run, and prints the ratios
                     recorded in bench/games.md.

It contains no Axelrod code. Run it with Debian's Python and packages:
  apt-get install python3-numpy python3-scipy python3-pandas python3-matplotlib \
      python3-tqdm python3-dask python3-yaml
  /usr/bin/python3 bench/axelrod_side.py --axelrod /work/ext/axelrod compare build/release/bench/games_bench
"""
import argparse
import json
import math
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")

# Deterministic strategies detente implements, by the library's names.
DETERMINISTIC = [
    "Cooperator", "Defector", "Alternator", "Tricky Cooperator", "Tricky Defector",
    "Cycler DC", "Cycler CCD", "Cycler DDC", "Cycler CCCD", "Cycler CCCCCD", "Cycler CCCDCD",
    "AntiCycler",
    "Tit For Tat", "Tit For 2 Tats", "Two Tits For Tat", "Suspicious Tit For Tat",
    "Anti Tit For Tat", "Bully", "Hard Tit For Tat", "Hard Tit For 2 Tats", "Sneaky Tit For Tat",
    "Omega TFT", "Gradual", "Original Gradual", "Adaptive Tit For Tat", "Spiteful Tit For Tat",
    "Slow Tit For Two Tats 2", "Alexei", "EugineNier", "N Tit(s) For M Tat(s)", "Resurrection",
    "DoubleResurrection", "Forgiving Tit For Tat", "Contrite Tit For Tat",
    "Grudger", "Forgetful Grudger", "Opposite Grudger", "Aggravater", "Soft Grudger",
    "GrudgerAlternator", "EasyGo", "General Soft Grudger", "SpitefulCC", "CAPRI", "Punisher",
    "Inverse Punisher", "Level Punisher", "Tricky Level Punisher", "Once Bitten", "Fool Me Once",
    "Retaliate", "Retaliate 2", "Retaliate 3", "Limited Retaliate", "Limited Retaliate 2",
    "Limited Retaliate 3", "BackStabber", "DoubleCrosser", "Forgiver", "Appeaser",
    "Win-Stay Lose-Shift", "Win-Shift Lose-Stay",
    "Prober", "Prober 2", "Prober 3", "Prober 4", "Hard Prober", "Detective",
    "CollectiveStrategy", "Handshake",
    "Soft Go By Majority", "Soft Go By Majority: 5", "Soft Go By Majority: 10",
    "Soft Go By Majority: 20", "Soft Go By Majority: 40", "Hard Go By Majority",
    "Hard Go By Majority: 5", "Hard Go By Majority: 10", "Hard Go By Majority: 20",
    "Hard Go By Majority: 40",
    "First by Davis", "First by Downing", "First by Nydegger", "First by Shubik",
    "First by Stein and Rapoport", "First by Tideman and Chieruzzi",
]

STOCHASTIC = [
    "Random", "GTFT", "Firm But Fair", "Stochastic Cooperator", "Stochastic WSLS", "Soft Joss",
    "ALLCorALLD", "ZD-GTFT-2", "ZD-Extort-2", "ZD-Extortion", "ZD-Extort-2 v2", "ZD-Extort3",
    "ZD-Extort-4", "ZD-GEN-2", "ZD-Mischief", "ZD-SET-2", "Desperate", "Hopeless", "Willing",
    "Negation", "Average Copier", "Nice Average Copier", "Random Tit for Tat", "Michaelos",
    "Dynamic Two Tits For Tat", "Burn Both Ends", "Naive Prober", "Remorseful Prober",
    "Forgetful Fool Me Once", "First by Feld", "First by Graaskamp", "First by Grofman",
    "First by Joss", "First by Tullock", "First by Anonymous",
]

# Two irregular cycles: deterministic opponents that exercise a strategy on
# input no classic strategy produces.
IRREGULAR_1 = "CDDCCCDCDDDCCDCDCCCDDDDCDCCDCCDDDCDCD"
IRREGULAR_2 = "DCCCDDCDCCCCDDCDDDCCDCDDDDCCCDCCCCCDDCDCDDCCCDCDDDCCCCDCDDCDC"
OPPONENTS = ["Cooperator", "Defector", "Alternator", "Tit For Tat", "Suspicious Tit For Tat",
             "Cycler CCD", "Cycler: " + IRREGULAR_1, "Cycler: " + IRREGULAR_2]
STOCHASTIC_OPPONENTS = ["Cooperator", "Defector", "Alternator", "Tit For Tat"]

FIRST_TOURNAMENT = [
    "Tit For Tat", "First by Tideman and Chieruzzi", "First by Nydegger", "First by Grofman",
    "First by Shubik", "First by Stein and Rapoport", "Grudger", "First by Davis",
    "First by Graaskamp", "First by Downing", "First by Feld", "First by Joss", "First by Tullock",
    "First by Anonymous", "Random",
]
CLASSIC_DETERMINISTIC = [
    "Tit For Tat", "Tit For 2 Tats", "Two Tits For Tat", "Suspicious Tit For Tat", "Grudger",
    "Win-Stay Lose-Shift", "Alternator", "Cooperator", "Defector", "Prober", "Bully",
    "Soft Go By Majority", "Cycler DC", "Hard Tit For Tat", "Anti Tit For Tat",
]


def load(path):
    sys.path.insert(0, path)
    import axelrod  # noqa: E402  (imported from the checkout given)
    return axelrod


_BY_NAME = {}


def make(axl, name):
    if name.startswith("Cycler: "):
        return axl.Cycler(name[len("Cycler: "):])
    if not _BY_NAME:
        _BY_NAME.update({cls().name: cls for cls in axl.strategies})
    by_name = _BY_NAME
    if name.startswith("Soft Go By Majority: ") or name.startswith("Hard Go By Majority: "):
        depth = int(name.split(": ")[1])
        return axl.GoByMajority(depth) if name.startswith("Soft") else axl.HardGoByMajority(depth)
    return by_name[name]()


def moves(actions):
    return "".join(str(a) for a in actions)


def play(axl, a, b, turns, length=None, seed=None, noise=0):
    attributes = None
    if length is not None:
        attributes = {"length": length, "game": axl.Game(), "noise": noise}
    match = axl.Match((make(axl, a), make(axl, b)), turns=turns, match_attributes=attributes,
                      seed=seed, noise=noise)
    result = match.play()
    return result, match.final_score()


def write_sequences(axl, out):
    uses_length = {"Alexei", "EugineNier", "BackStabber", "DoubleCrosser",
                   "First by Stein and Rapoport", "First by Tideman and Chieruzzi"}
    with open(out + "/axelrod_sequences.tsv", "w") as f:
        f.write("# Move sequences of detente's deterministic strategies against fixed opponents, as\n")
        f.write("# played by the Axelrod library 4.13.0 (bench/axelrod_side.py reference).\n")
        f.write("# Columns: player, opponent, turns, length the players are told (inf: unknown),\n")
        f.write("# player's moves, opponent's moves. Standard payoffs R=3 S=0 T=5 P=1, no noise.\n")
        for name in DETERMINISTIC:
            for opponent in OPPONENTS:
                settings = [(100, 100)]
                if name in uses_length:
                    settings += [(200, 200), (200, math.inf)]
                for turns, length in settings:
                    result, _ = play(axl, name, opponent, turns, length)
                    told = "inf" if length == math.inf else str(length)
                    f.write("\t".join([name, opponent, str(turns), told,
                                       moves(r[0] for r in result), moves(r[1] for r in result)]) + "\n")


def write_pair_scores(axl, out):
    with open(out + "/axelrod_pair_scores.tsv", "w") as f:
        f.write("# Total scores of every pair of detente's deterministic strategies (self-play\n")
        f.write("# included), 200 turns, standard payoffs, no noise, played by the Axelrod library\n")
        f.write("# 4.13.0 (bench/axelrod_side.py reference). Columns: player, opponent, player's\n")
        f.write("# score, opponent's score.\n")
        for i, a in enumerate(DETERMINISTIC):
            for b in DETERMINISTIC[i:]:
                _, score = play(axl, a, b, 200)
                f.write(f"{a}\t{b}\t{score[0]}\t{score[1]}\n")


def write_metadata(axl, out):
    with open(out + "/axelrod_metadata.tsv", "w") as f:
        f.write("# Classifier of each strategy in the Axelrod library 4.13.0: name, memory depth\n")
        f.write("# (inf: unbounded), stochastic (0/1), match attributes the strategy uses.\n")
        for name in DETERMINISTIC + STOCHASTIC:
            c = make(axl, name).classifier
            depth = "inf" if c["memory_depth"] == math.inf else str(int(c["memory_depth"]))
            uses = ",".join(sorted(c.get("makes_use_of", set()))) or "-"
            f.write(f"{name}\t{depth}\t{int(bool(c['stochastic']))}\t{uses}\n")


def write_stochastic(axl, out, seeds=200, turns=200):
    with open(out + "/axelrod_stochastic.tsv", "w") as f:
        f.write(f"# Stochastic strategies against fixed opponents in the Axelrod library 4.13.0:\n")
        f.write(f"# {seeds} matches (seeds 0..{seeds - 1}) of {turns} turns, standard payoffs, no noise.\n")
        f.write("# Columns: player, opponent, matches, mean and standard deviation over matches of\n")
        f.write("# the player's score per turn, the opponent's score per turn, and the player's\n")
        f.write("# cooperation rate. (bench/axelrod_side.py reference)\n")
        for name in STOCHASTIC:
            for opponent in STOCHASTIC_OPPONENTS:
                rows = []
                for seed in range(seeds):
                    result, score = play(axl, name, opponent, turns, seed=seed)
                    coop = sum(1 for r in result if str(r[0]) == "C") / turns
                    rows.append((score[0] / turns, score[1] / turns, coop))
                cols = list(zip(*rows))
                stats = []
                for col in cols:
                    stats += [statistics.fmean(col), statistics.pstdev(col)]
                f.write("\t".join([name, opponent, str(seeds)] + [repr(x) for x in stats]) + "\n")


def tournament(axl, names, repetitions, seed):
    players = [make(axl, n) for n in names]
    t = axl.Tournament(players, turns=200, repetitions=repetitions, seed=seed)
    start = time.perf_counter()
    results = t.play(progress_bar=False)
    return results, time.perf_counter() - start


def write_tournaments(axl, out):
    data = {"source": "Axelrod library 4.13.0, axelrod.Tournament(turns=200, seed=1), standard payoffs, "
                      "no noise; written by bench/axelrod_side.py reference",
            "tournaments": []}
    for label, names, reps in [("classic-deterministic", CLASSIC_DETERMINISTIC, 5),
                               ("first-tournament", FIRST_TOURNAMENT, 5),
                               ("first-tournament-200", FIRST_TOURNAMENT, 200)]:
        results, _ = tournament(axl, names, reps, 1)
        payoff = results.payoff_matrix
        stddev = results.payoff_stddevs
        entry = {"name": label, "players": names, "turns": 200, "repetitions": reps,
                 "ranked_names": [names[i] for i in results.ranking],
                 "cooperating_rating": results.cooperating_rating,
                 "payoff_matrix": payoff, "payoff_stddevs": stddev}
        if reps <= 5:  # per-repetition detail only for the small tournaments
            entry.update({"scores": results.scores, "normalised_scores": results.normalised_scores,
                          "wins": results.wins})
        data["tournaments"].append(entry)
    with open(out + "/axelrod_tournaments.json", "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def time_axelrod(axl, names, build_results=True):
    players = [make(axl, n) for n in names]
    t = axl.Tournament(players, turns=200, repetitions=5, seed=1)
    start = time.perf_counter()
    t.play(progress_bar=False, build_results=build_results)
    return time.perf_counter() - start


def time_detente(bench, label):
    import subprocess
    name = {"first-tournament": "BM_FirstTournament/1/", "classic-deterministic": "BM_ClassicDeterministicTournament/1/"}[label]
    out = subprocess.run([bench, "--benchmark_filter=" + name, "--benchmark_format=json",
                          "--benchmark_min_time=0.5"], check=True, capture_output=True, text=True).stdout
    run = json.loads(out)["benchmarks"][0]
    assert run["time_unit"] == "ms"
    return run["real_time"] / 1000.0


def compare(axl, bench, rounds=5):
    tournaments = [("first-tournament", FIRST_TOURNAMENT), ("classic-deterministic", CLASSIC_DETERMINISTIC)]
    for _, names in tournaments:  # warm-up: lazy imports and caches of the library
        time_axelrod(axl, names)
    for label, names in tournaments:
        full, matches_only, ours = [], [], []
        for _ in range(rounds):  # alternate, so both sides see the same machine load
            full.append(time_axelrod(axl, names))
            matches_only.append(time_axelrod(axl, names, build_results=False))
            ours.append(time_detente(bench, label))
        a, m, d = statistics.median(full), statistics.median(matches_only), statistics.median(ours)
        print(f"{label}: 15 players, 200 turns, 5 repetitions, medians of {rounds} alternating rounds")
        print(f"  axelrod Tournament.play():                    {a:.4f} s (best {min(full):.4f})")
        print(f"  axelrod Tournament.play(build_results=False): {m:.4f} s (best {min(matches_only):.4f})")
        print(f"  detente run_tournament, 1 thread:             {d * 1000:.3f} ms (best {min(ours) * 1000:.3f})")
        print(f"  ratio (with results): {a / d:.0f}x   ratio (matches only): {m / d:.0f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--axelrod", required=True, help="path of an Axelrod-Python checkout")
    sub = parser.add_subparsers(dest="command", required=True)
    ref = sub.add_parser("reference")
    ref.add_argument("outdir")
    ref.add_argument("--only", default="all",
                     choices=["all", "sequences", "pairs", "metadata", "stochastic", "tournaments"])
    cmp = sub.add_parser("compare")
    cmp.add_argument("bench", help="detente's benchmark program, build/release/bench/games_bench")
    cmp.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    axl = load(args.axelrod)
    imported = time.perf_counter() - started
    if axl.__version__ != "4.13.0":
        print(f"warning: Axelrod {axl.__version__}, the references were made with 4.13.0", file=sys.stderr)
    if args.command == "reference":
        jobs = {"sequences": write_sequences, "pairs": write_pair_scores, "metadata": write_metadata,
                "stochastic": write_stochastic, "tournaments": write_tournaments}
        for key, job in jobs.items():
            if args.only in ("all", key):
                job(axl, args.outdir)
        return
    print(f"axelrod {axl.__version__}: import {imported:.2f} s (not counted below)")
    compare(axl, args.bench, args.rounds)


if __name__ == "__main__":
    main()
