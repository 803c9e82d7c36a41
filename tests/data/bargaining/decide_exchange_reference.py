"""Writes the reference values of Stokman's exchange model (Equal Gain) that
detente's tests check, by running the Decide program itself.

The Decide program (foarsitter/decide-exchange-model, GPL-3) is not part of
detente and is not copied here: this driver imports it, unmodified, from a
checkout outside the repository, runs its EqualGainModel with its own
ModelLoop, and records what it computes. Two choices of Decide are replaced at
run time, both documented in the output's "provenance":

* Ties. Decide breaks ties between exchanges of equal gain at random
  (EqualGainModel.ALLOW_RANDOM), or, with that off, by the order in which the
  exchanges were built (the order of the input file). detente's default is an
  order that does not depend on the file: among exchanges whose gains are equal
  within a relative 1e-9, the first by name: the smaller actor name, the other
  actor's name, the smaller actor's supply issue, the other actor's supply
  issue. This driver installs that rule in Decide's highest_gain.
* --exact: Decide computes in 28-digit decimals. Where an earlier exchange put
  the outcome exactly on a demander's position, check_nbs sees a difference of
  about 1e-26 whose sign is rounding noise, and clips or not accordingly (so
  Decide's own results then depend on the order of the actors in the file).
  With --exact the driver snaps such an outcome (within 1e-18) onto the
  position, which is what exact arithmetic gives.

Usage (Debian 12: apt-get install python3-peewee; typesystem 0.2.5 from a
checkout of encode/typesystem at tag 0.2.5):

  DECIDE_SRC=/path/to/decide-exchange-model TYPESYSTEM_SRC=/path/to/typesystem \\
    python3 decide_exchange_reference.py INPUT ROUNDS [--exact] [--candidates] > OUTPUT.json

--candidates also lists every candidate exchange of round 1.
"""
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path[:0] = [os.environ["TYPESYSTEM_SRC"], os.environ["DECIDE_SRC"]]
from decide.data.modelfactory import ModelFactory  # noqa: E402
from decide.data.reader import InputDataFile  # noqa: E402
from decide.model import base, equalgain  # noqa: E402
from decide.model.utils import ModelLoop  # noqa: E402

TIE_TOLERANCE = Decimal("1e-9")
SNAP = Decimal("1e-18")


def name_key(exchange):
    a, b = exchange.i, exchange.j
    if b.actor.actor_id < a.actor.actor_id:
        a, b = b, a
    return (a.actor.actor_id, b.actor.actor_id, a.supply.issue.name, b.supply.issue.name)


def highest_gain_by_name(model):
    valid = [e for e in model.exchanges if e.is_valid]
    if not valid:
        return model.exchanges.pop()
    best = max(e.gain for e in valid)
    tied = [e for e in valid if e.gain >= best - TIE_TOLERANCE * best]
    chosen = min(tied, key=name_key)
    model.exchanges.remove(chosen)
    return chosen


def snapping_adjust_nbs(original):
    def adjust(self, position):
        value = original(self, position)
        target = self.opposite_actor.demand.position
        return target if abs(value - target) < SNAP else value
    return adjust


def number(value):
    return float(value)


def side(exchange_actor):
    issue = exchange_actor.supply.issue
    return {"actor": exchange_actor.actor.actor_id, "supply": issue.name,
            "from": number(issue.de_normalize(exchange_actor.supply.position)),
            "to": number(issue.de_normalize(exchange_actor.y))}


def exchange_record(exchange):
    return {"gain": number(exchange.gain), "valid": bool(exchange.is_valid),
            "sides": sorted([side(exchange.i), side(exchange.j)], key=lambda s: s["actor"])}


class Recorder:
    """Receives Decide's ModelLoop events and keeps what the tests need."""

    def __init__(self, model, detail_rounds, list_candidates):
        self.model = model
        self.list_candidates = list_candidates
        self.detail_rounds = detail_rounds
        self.rounds = []

    def before_loop(self, iteration, repetition):
        exchanges = self.model.exchanges
        self.current = {"round": iteration + 1, "candidates": len(exchanges),
                        "valid_candidates": sum(1 for e in exchanges if e.is_valid),
                        "top_gains": sorted((number(e.gain) for e in exchanges), reverse=True)[:10],
                        "executed": []}
        if iteration + 1 in self.detail_rounds and self.list_candidates:
            self.current["candidate_exchanges"] = [exchange_record(e) for e in exchanges]

    def removed_exchanges(self, exchanges):
        pass

    def execute_exchange(self, exchange):
        self.current["executed"].append(exchange_record(exchange))

    def after_loop(self, realized, iteration, repetition):
        pass

    def end_loop(self, iteration, repetition):
        outcomes, voting = {}, {}
        for issue, actor_issues in self.model.actor_issues.items():
            outcomes[issue.name] = number(issue.de_normalize(self.model.nbs[issue]))
            voting[issue.name] = {a.actor_id: number(issue.de_normalize(ai.position))
                                  for a, ai in actor_issues.items()}
        self.current["executed_count"] = len(self.current["executed"])
        if self.current["round"] not in self.detail_rounds:
            del self.current["executed"]
        self.current["outcomes"] = outcomes
        self.current["voting_positions"] = voting
        self.rounds.append(self.current)


def main():
    path, rounds = Path(sys.argv[1]), int(sys.argv[2])
    exact = "--exact" in sys.argv
    equalgain.EqualGainModel.ALLOW_RANDOM = False
    equalgain.EqualGainModel.highest_gain = highest_gain_by_name
    if exact:
        base.AbstractExchangeActor.adjust_nbs = snapping_adjust_nbs(base.AbstractExchangeActor.adjust_nbs)
    model = ModelFactory(InputDataFile.open(path))(equalgain.EqualGainModel)
    recorder = Recorder(model, detail_rounds={1}, list_candidates="--candidates" in sys.argv)
    loop = ModelLoop(model, recorder, 0)
    for _ in range(rounds):
        loop.loop()
    json.dump({"exact": exact, "rounds": recorder.rounds}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
