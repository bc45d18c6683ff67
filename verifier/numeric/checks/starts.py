"""Where an iteration's numeric check starts: generic points near the root, inside the state's declared domains.

A linear rate is estimated from two starts. Each lies along an irrational direction, so every eigen-component is
present. They lie on opposite sides of the root where the domains allow it: a map that jumps at its root (acot x at
0) throws one side away. A start outside a declared domain gives no counterexample: on x ≥ 0 both lie right of the root,
and on x ≤ 0 both lie left of it. Both false REFUTED verdicts were seen: a map that contracts only on x ≤ 0 was
refuted from the first start, which always lay right of the root; one that contracts only on x ≥ 0, from the
second start once it was taken on the other side. Where neither side holds every entry (x ≥ 0 and y ≤ 0: the
orthant of a vector map (x/2 + 2(x − |x|), y/2 + 2(y + |y|)), true there, whose starts both lay outside it and ran
into the time limit, red team 119), each entry is taken on its own side: the first sign pattern the domains hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import mpmath

Start = list[list]  # m iterates, newest first, of d entries each
Signs = tuple[int, ...]  # the side of the root of each entry
MIXED = 8  # entries up to which mixed sign patterns are tried (2^MIXED of them)


def generic_start(root: list, m: int, salt: int, delta: mpmath.mpf, signs: Signs | None = None) -> Start:
    """m iterates at about |delta| from the root (on its side of each entry, times signs) along an irrational
    direction."""
    golden, out = (1 + mpmath.sqrt(5)) / 2, []
    for i in range(m):
        item = []
        for j, r in enumerate(root):
            t = i * len(root) + j + 1
            weight = mpmath.mpf("0.5") + mpmath.frac(t * golden + salt * mpmath.sqrt(2))
            item.append(r + delta * (signs[j] if signs else 1) * (1 + abs(r)) * weight)
        out.append(item)
    return out


def _patterns(d: int) -> Iterator[Signs]:
    """Every entry right of the root, every entry left of it, then (up to MIXED entries) the mixed patterns."""
    yield (1,) * d
    yield (-1,) * d
    if d <= MIXED:
        yield from (p for p in itertools.product((1, -1), repeat=d) if len(set(p)) > 1)


def two_starts(root: list, m: int, delta: mpmath.mpf, admits: Callable[[Start], bool]) -> tuple[Start, Start]:
    """The first start right of the root, or on the first sides of it the domains hold (every entry left, then
    mixed); the second on the other side of each entry where the domains hold it, else on the first one's sides."""
    d = len(root)
    signs = next((p for p in _patterns(d) if admits(generic_start(root, m, 0, delta, p))), (1,) * d)
    other = generic_start(root, m, 1, delta, tuple(-s for s in signs))
    second = other if admits(other) else generic_start(root, m, 1, delta, signs)
    return generic_start(root, m, 0, delta, signs), second
