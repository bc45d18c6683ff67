"""Branch and bound over a bounded box in ball arithmetic: enclose a residual on each sub-box.

The box is the product of the claim's declared ranges (an interval, closed even where the
domain is open; an integer range, split only at integers). Each step takes the most
suspicious open box (for an inequality the one whose gap may be lowest, for an identity the
one whose residual may be largest; undefined ones first, down to a least width), halves its
widest side and encloses the residual on both halves (enclose.py). A half is

- good: its enclosure lies on the claim's side (gap ≥ 0, residual exactly 0): done with;
- bad: its enclosure lies wholly on the wrong side: some point of it fails the claim;
- open: neither; it is split again while the budget lasts.

Every half also yields one exact point (the simplest rational inside it, or its middle
integer), which is evaluated on its own: a point is a counterexample only if it lies in the
declared domain, decided exactly, and its own enclosure, at up to 6144 bits, is on the
wrong side. The cost is counted in boxes, not seconds, so a verdict does not depend on the
machine: a search that runs out of boxes says how many stayed open.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from verifier.numeric import enclose, intervals
from verifier.numeric.intervals import Span

Box = tuple[tuple[Fraction, Fraction], ...]
Point = tuple[Fraction, ...]
MAX_SPLITS = 60  # halvings of one side of the box, at most: a side 2⁻⁶⁰ of the domain's width is not split
BOX_BITS = 64


@dataclass(frozen=True)
class Variable:
    """One scalar symbol's declared range: [lo, hi] (a closed hull of the domain), integer or real."""

    lo: Fraction
    hi: Fraction
    integer: bool


@dataclass(frozen=True)
class Reading:
    """What an enclosure says of a box or a point: 'good', 'bad' or 'open', and how suspicious (lower first)."""

    status: str
    rank: float


@dataclass(frozen=True)
class Failing:
    """The value at a failing point, as text, and the digits it was decided at (0: exactly)."""

    text: str
    digits: int


@dataclass(frozen=True)
class Target:
    """The residual's balls at a box, read by the claim's kind; and whether a point's exact value fails."""

    enclose: Callable[[Sequence[Span]], list[Span]]
    read: Callable[[list[Span]], Reading]
    fails_at: Callable[[Point], Failing | None]  # the failing value, or None
    in_domain: Callable[[Point], bool]


@dataclass
class Search:
    """What a search found: a failing point (and its value), or how much of the box it settled."""

    boxes: int = 0
    good: int = 0
    open_left: int = 0
    failure: tuple[Point, Failing] | None = None
    suspects: list[tuple[float, Point]] = field(default_factory=list)  # the lowest-ranked points seen

    @property
    def settled(self) -> bool:
        return self.failure is None and self.open_left == 0


def simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the least denominator strictly between lo < hi (an integer: the one nearest 0)."""
    if lo < 0 < hi:
        return Fraction(0)
    if hi <= 0:
        return -simplest_between(-hi, -lo)
    whole = math.floor(lo)
    if whole + 1 < hi:
        return Fraction(whole + 1)
    if lo == whole:  # (whole, hi) with hi <= whole + 1: the largest unit fraction that fits
        return whole + Fraction(1, math.floor(1 / (hi - whole)) + 1)
    return whole + 1 / simplest_between(1 / (hi - whole), 1 / (lo - whole))


def inner_point(box: Box, variables: Sequence[Variable]) -> Point:
    """One exact point of the box: the simplest rational inside a real side, the middle integer of an integer one."""
    out = []
    for (lo, hi), v in zip(box, variables, strict=True):
        if v.integer or lo == hi:
            out.append(Fraction(math.floor((lo + hi) / 2)))
        else:
            out.append(simplest_between(lo, hi))
    return tuple(out)


def halves(box: Box, variables: Sequence[Variable]) -> list[Box]:
    """The box halved across its widest side (relative to the domain's), or [] if no side can be split."""
    best, widest = -1, 0.0
    for i, ((lo, hi), v) in enumerate(zip(box, variables, strict=True)):
        span = v.hi - v.lo
        if hi == lo or (v.integer and hi - lo < 1) or (not v.integer and (hi - lo) * 2**MAX_SPLITS < span):
            continue
        width = float((hi - lo) / span) if span else 0.0
        if width > widest:
            best, widest = i, width
    if best < 0:
        return []
    lo, hi = box[best]
    if variables[best].integer:
        mid = Fraction(math.floor((lo + hi) / 2))
        parts = [(lo, mid), (mid + 1, hi)]
    else:
        mid = (lo + hi) / 2
        parts = [(lo, mid), (mid, hi)]
    return [(*box[:best], part, *box[best + 1 :]) for part in parts]


def spans(box: Box) -> list[Span]:
    """The box's sides as spans with exact ends."""
    return [
        (enclose.exact(lo), enclose.exact(hi)) if lo != hi else intervals.point(enclose.exact(lo)) for lo, hi in box
    ]


def search(variables: Sequence[Variable], target: Target, max_boxes: int, first: Sequence[Point] = ()) -> Search:
    """Branch and bound from the whole box, after the given points (special values); see the module docstring."""
    found = Search()
    for point in first:
        if try_point(point, target, found):
            return found
    whole: Box = tuple((v.lo, v.hi) for v in variables)
    heap: list[tuple[float, int, Box]] = []
    reading = _read_box(whole, target, found)
    if reading.status == "good":
        return found
    heapq.heappush(heap, (reading.rank, 0, whole))
    counter = 1
    while heap and found.boxes < max_boxes:
        _, _, box = heapq.heappop(heap)
        parts = halves(box, variables)
        if not parts:
            found.open_left += 1
            continue
        for part in parts:
            reading = _read_box(part, target, found)
            if try_point(inner_point(part, variables), target, found, reading.rank):
                return found
            if reading.status != "good":
                heapq.heappush(heap, (reading.rank, counter, part))
                counter += 1
    found.open_left += len(heap)
    return found


def _read_box(box: Box, target: Target, found: Search) -> Reading:
    found.boxes += 1
    with enclose.precision(BOX_BITS):
        try:
            reading = target.read(target.enclose(spans(box)))
        except (ZeroDivisionError, ValueError, OverflowError):
            reading = Reading("open", -math.inf)
    if reading.status == "good":
        found.good += 1
    return reading


def try_point(point: Point, target: Target, found: Search, rank: float = 0.0) -> bool:
    """Evaluate one point in the domain; True if it fails the claim (recorded as found.failure)."""
    if not target.in_domain(point):
        return False
    failing = target.fails_at(point)
    if failing is not None:
        found.failure = (point, failing)
        return True
    found.suspects.append((rank, point))
    found.suspects.sort(key=lambda t: t[0])
    del found.suspects[8:]
    return False
