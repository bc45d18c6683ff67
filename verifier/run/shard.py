"""Deterministic shards of a run, balanced by the cost each claim family took before.

The rule (`verifier verify-all --help` states it too): each claim family, with all its n,
is one unit. Its cost is the CPU time recorded for it in the committed baseline (`cost`,
in seconds, written by `--update-baseline` on a coarse scale so that a re-run rarely
changes it); a family the baseline does not list costs the median recorded cost (1 s if
none is recorded). Units are dealt largest cost first, ties broken by name, each to the
shard with the least cost so far (the lowest-numbered on a tie): greedy
longest-processing-time. Costs are summed in whole hundredths of a second, so no float
rounding can tip a choice.

Nothing else enters: not the machine, its load, the cache, or the order the modules were
found in, so every copy of a checkout with the same claims and baseline cuts the same
shards. A fingerprint of the claim list and the costs goes into each shard's report, and
`verifier merge` refuses shards cut from different ones.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from verifier.outcome import ShardInfo

DEFAULT_COST = 1.0  # seconds, for a family when the baseline records no cost at all
MIN_COST = 0.1
_MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)  # about 1.5× apart: ±20% noise in CPU time rarely moves a step
_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1 ≤ index ≤ count)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'2/4' → Shard(2, 4); anything else raises ValueError with a one-line reason."""
    match = _SHARD.fullmatch(text)
    if match is None:
        raise ValueError(f"--shard {text!r}: give I/N, shard I of N, for example 2/4")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"--shard {text!r}: I must be between 1 and N (N ≥ 1), for example 2/4")
    return Shard(index, count)


def recorded_cost(seconds: float) -> float:
    """The cost the baseline records: seconds on the scale 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 1.5, … (nearest step)."""
    if not seconds > MIN_COST:  # also NaN
        return MIN_COST
    exponent = math.floor(math.log10(seconds))
    steps = [m * 10.0**e for e in (exponent, exponent + 1) for m in _MANTISSAS]
    best = min(steps, key=lambda s: abs(math.log(s / seconds)))
    return round(best, max(0, 2 - exponent))


def default_cost(costs: Mapping[str, float]) -> float:
    """The cost of a family the baseline does not list: the median recorded cost, or DEFAULT_COST."""
    recorded = sorted(costs.values())
    return recorded[len(recorded) // 2] if recorded else DEFAULT_COST


def _hundredths(keys: Iterable[str], costs: Mapping[str, float]) -> dict[str, int]:
    fallback = default_cost(costs)
    return {key: max(1, round(100 * costs.get(key, fallback))) for key in set(keys)}


def partition(keys: Iterable[str], costs: Mapping[str, float], count: int) -> list[list[str]]:
    """The families of each shard (shard i is element i − 1), each list in the order dealt."""
    weights = _hundredths(keys, costs)
    shards: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for key in sorted(weights, key=lambda k: (-weights[k], k)):
        target = min(range(count), key=lambda i: (loads[i], i))
        shards[target].append(key)
        loads[target] += weights[key]
    return shards


def select(keys: Iterable[str], costs: Mapping[str, float], shard: Shard) -> set[str]:
    """The family keys that belong to this shard."""
    return set(partition(keys, costs, shard.count)[shard.index - 1])


def fingerprint(keys: Iterable[str], costs: Mapping[str, float]) -> str:
    """A short hash of what the partition depends on: the family keys and their costs."""
    weights = _hundredths(keys, costs)
    text = "\n".join(f"{key}\t{weights[key]}" for key in sorted(weights))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def describe(keys: list[str], costs: Mapping[str, float], shard: Shard) -> ShardInfo:
    """What a shard's report records about the whole run it is part of."""
    return ShardInfo(shard.index, shard.count, fingerprint(keys, costs), tuple(keys))


def baseline_scope(info: ShardInfo, own: set[str]) -> Callable[[str], bool]:
    """Which baseline entries a shard answers for: its own claims, and (shard 1 only) those no shard has.

    A claim of another shard is not missing here; a claim that left the library is reported once, by shard 1.
    """
    everywhere = set(info.claims)
    return lambda key: key in own or (info.index == 1 and key not in everywhere)
