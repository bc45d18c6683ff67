"""Where an iteration's numeric check starts: generic points near the root, inside the state's declared domains.

A linear rate is estimated from two starts. Each lies along an irrational direction, so every eigen-component is
present. They lie on opposite sides of the root where the domains allow it: a map that jumps at its root (acot x at
0) throws one side away. A start outside a declared domain gives no counterexample: on x ≥ 0 both lie right of the root,
and on x ≤ 0 both lie left of it. Both false REFUTED verdicts were seen: a map that contracts only on x ≤ 0 was
refuted from the first start, which always lay right of the root; one that contracts only on x ≥ 0, from the
second start once it was taken on the other side.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath

Start = list[list]  # m iterates, newest first, of d entries each


def generic_start(root: list, m: int, salt: int, delta: mpmath.mpf) -> Start:
    """m iterates at about |delta| from the root (on its side of each entry) along an irrational direction."""
    golden, out = (1 + mpmath.sqrt(5)) / 2, []
    for i in range(m):
        item = []
        for j, r in enumerate(root):
            t = i * len(root) + j + 1
            weight = mpmath.mpf("0.5") + mpmath.frac(t * golden + salt * mpmath.sqrt(2))
            item.append(r + delta * (1 + abs(r)) * weight)
        out.append(item)
    return out


def two_starts(root: list, m: int, delta: mpmath.mpf, admits: Callable[[Start], bool]) -> tuple[Start, Start]:
    """The first start right of the root, or left of it where only that side is in the domains; the second on the
    other side where the domains hold it, else on the first one's side."""
    right, left = generic_start(root, m, 0, delta), generic_start(root, m, 0, -delta)
    side = -delta if not admits(right) and admits(left) else delta
    other = generic_start(root, m, 1, -side)
    return (left if side < 0 else right), (other if admits(other) else generic_start(root, m, 1, side))
