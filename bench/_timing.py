"""Timing: medians of interleaved rounds, and samples for scanners too slow to run in full.

Times are CPU time of this process (`time.process_time`): on a machine shared with other
work, wall time would also count the moments the scheduler gave the CPU to someone else.
Rounds are interleaved (every contender once per round, in an order that turns) so that
what remains of such noise (caches, frequency) hits all of them alike; ratios come from one
run. Each timed scan follows an untimed one of the same contender (except for sampled ones,
too slow to repeat), so none pays for the caches another one left cold. The garbage
collector stays on, as it is in a server.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

Groups = list[list[str]]
# Scans every text of the groups it is given, in order.
Runner = Callable[[Groups], object]
_PROBE_BYTES = 2000


@dataclass(frozen=True)
class Measured:
    seconds: float  # median of the rounds
    size: int  # UTF-8 bytes scanned per round
    sampled: bool  # True when only a prefix of the input was scanned

    @property
    def mb_per_s(self) -> float:
        return self.size / self.seconds / 1e6


def per_text(scan: Callable[[str], object]) -> Runner:
    def run(groups: Groups) -> None:
        for group in groups:
            for text in group:
                scan(text)

    return run


def per_group(scan_many: Callable[[list[str]], object]) -> Runner:
    def run(groups: Groups) -> None:
        for group in groups:
            scan_many(group)

    return run


def clock(run: Runner, groups: Groups) -> float:
    gc.collect()
    start = time.process_time()
    run(groups)
    return time.process_time() - start


def size_of(groups: Groups) -> int:
    return sum(len(text.encode("utf-8")) for group in groups for text in group)


def prefix(groups: Groups, limit: int) -> Groups:
    """The first `limit` UTF-8 bytes of the groups' texts, cut at a space."""
    result: Groups = []
    left = limit
    for group in groups:
        kept: list[str] = []
        for text in group:
            size = len(text.encode("utf-8"))
            if size > left:
                cut = text.encode("utf-8")[:left].decode("utf-8", "ignore")
                kept.append(cut[: cut.rfind(" ")] if " " in cut else cut)
                result.append(kept)
                return result
            kept.append(text)
            left -= size
        result.append(kept)
    return result


def fitted(run: Runner, groups: Groups, budget: float) -> Groups:
    """`groups`, or a prefix of them if a round would take longer than `budget` seconds."""
    probe = prefix(groups, _PROBE_BYTES)
    rate = size_of(probe) / max(clock(run, probe), 1e-9)
    total = size_of(groups)
    if total / rate <= budget:
        return groups
    return prefix(groups, max(int(rate * budget), _PROBE_BYTES))


def interleaved(
    runners: dict[str, Runner], groups: Groups, rounds: int, budget: float
) -> dict[str, Measured]:
    """The median time of each runner over `groups`, rounds taken in turn."""
    inputs = {name: fitted(run, groups, budget) for name, run in runners.items()}
    full = size_of(groups)
    names = list(runners)
    times: dict[str, list[float]] = {name: [] for name in runners}
    for round_ in range(rounds):
        # The order turns each round, so that no runner always follows the same one.
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            run, data = runners[name], inputs[name]
            if data is groups:
                run(data)  # once untimed: caches warm for this runner, as in a server
            times[name].append(clock(run, data))
    result = {}
    for name, values in times.items():
        size = size_of(inputs[name])
        result[name] = Measured(statistics.median(values), size, size < full)
    return result
