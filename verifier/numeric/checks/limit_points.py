"""Where a Limit is sampled, and what a sample that leaves the reals says.

The points approach the limit point at the scales 10^-j (10^j towards ±∞), several at each scale,
each at a pseudo-random offset drawn from the claim's generator (so a verdict is repeatable): a
fixed lattice such as x = 10^j would make sin(πx), frac(x) or sin(π/x) look like they converge.
A limit point that depends on a parameter is placed at each sampled value of the parameter.

A point of a side the claim covers where the expression is complex or undefined is a finding, not
"no information": a real limit there does not exist (√x two-sided, tanh(x)^x at −∞), confirmed at
twice the digits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Limit
from verifier.numeric.mpeval import Peak

STEPS = (2, 3, 4, 6, 8)  # var = to ± 10^-j·u, or ±10^j·(1 + u) towards ±∞
DEEP = (20, 24)  # the scales where a sequence within TOLERANCE of the claim is looked at again (limit._observed)
PER_STEP = 3  # points at each scale, each at its own offset u
EVALUATION_ERRORS = (ZeroDivisionError, ValueError, OverflowError, TypeError)


@dataclass(frozen=True)
class Side:
    """One way of approaching the point: its name and the points along it (scale by scale)."""

    name: str
    points: tuple[mpmath.mpf, ...]
    deep: tuple[mpmath.mpf, ...] = ()  # the points of the DEEP scales, at the finest scale's offsets

    def last(self) -> tuple[mpmath.mpf, ...]:
        """The points of the finest scale."""
        return self.points[-PER_STEP:]


def offsets(rng: np.random.Generator) -> tuple[float, ...]:
    """One offset u in [0.12, 0.95) per point, from the claim's generator: no point on a lattice."""
    return tuple(float(u) for u in rng.uniform(0.12, 0.95, len(STEPS) * PER_STEP))


def _scaled(us: Sequence[float], sign: int, grow: bool, steps: Sequence[int] = STEPS) -> list[mpmath.mpf]:
    """sign·10^(±j)·(1 + u), ordered towards the point: each scale's offsets sorted so that the
    distance to the point (or the size, towards ±∞) is monotone along the whole sequence."""
    out = []
    for i, j in enumerate(steps):
        block = sorted(us[i * PER_STEP : (i + 1) * PER_STEP], reverse=not grow)
        factor = [1 + mpmath.mpf(u) if grow else mpmath.mpf(u) for u in block]  # (1.12, 1.95) or (0.12, 0.95)
        out += [sign * mpmath.mpf(10) ** (j if grow else -j) * f for f in factor]
    return out


def sides(body: Limit, us: Sequence[float], at: mpmath.mpf | None = None) -> list[Side]:
    """The approaches the claim names: towards ±∞ one; at a finite point (at, its value for a point
    that depends on a parameter) the right, the left, or both."""
    to = sp.sympify(body.to)
    last = list(us[-PER_STEP:]) * len(DEEP)  # the deep scales repeat the finest scale's offsets
    if to.is_infinite:
        sign = 1 if to == sp.oo else -1
        return [Side("", tuple(_scaled(us, sign, grow=True)), tuple(_scaled(last, sign, True, DEEP)))]
    with mpmath.workdps(60):
        a = at if at is not None else mpmath.mpf(str(sp.N(to, 60)))
        hs, deep = _scaled(us, 1, grow=False), _scaled(last, 1, False, DEEP)
        right = Side("from the right", tuple(a + h for h in hs), tuple(a + h for h in deep))
        left = Side("from the left", tuple(a - h for h in hs), tuple(a - h for h in deep))
    return {"+": [right], "-": [left]}.get(body.dir, [right, left])


def point_of(to_fn: Callable[..., list], args: list, dps: int = 60) -> mpmath.mpf | None:
    """The limit point at a sample of the parameters; None where it is not a finite real number."""
    with mpmath.workdps(dps):
        try:
            value = to_fn(*args)[0]
        except EVALUATION_ERRORS:
            return None
        if not mpmath.isfinite(value) or mpmath.im(value) != 0:
            return None
        return mpmath.re(value)


def state(value: object) -> str:
    """'real', 'complex' or 'undefined' (NaN or ±∞: the sequence itself is never infinite)."""
    if not mpmath.isfinite(value):
        return "undefined"
    im, re = abs(mpmath.im(value)), abs(mpmath.re(value))
    return "complex" if im > mpmath.mpf(10) ** (-mpmath.mp.dps // 2) * (1 + re) else "real"


def off_reals(fn: Callable[..., list], args: list, points: Sequence[mpmath.mpf]) -> tuple[int, str] | None:
    """A point of the finest scale where the expression is complex or undefined at 50 digits and again at
    100, when one of the scale before is too (it persists towards the point; a complex value far out,
    (1 + a/x)ˣ at x = 150 for a = −10³, says nothing about the limit): (its index, 'complex' or 'undefined').
    An evaluation the evaluator cannot do (TypeError) says nothing."""
    n = len(points)
    finest = _first_off(fn, args, points, range(n - PER_STEP, n))
    if finest is None or _first_off(fn, args, points, range(n - 2 * PER_STEP, n - PER_STEP)) is None:
        return None
    return finest


def _first_off(fn: Callable[..., list], args: list, points: Sequence[mpmath.mpf], at: range) -> tuple[int, str] | None:
    """The first point of `at` off the reals at 50 digits and again at 100, where an imaginary part does not
    shrink with the digits: √(cos²x + sin²x − 1) is i·10⁻²⁵ at 50 digits and i·10⁻⁵⁰ at 100, round-off."""
    for k in at:
        seen, size = _state_at(fn, args, points[k], 50)
        if seen not in ("complex", "undefined"):
            continue
        again, size_again = _state_at(fn, args, points[k], 100)
        if again == seen and (seen == "undefined" or size_again >= size * SHRINK):
            return k, seen
    return None


SHRINK = 1e-5  # an imaginary part that falls by more than this from 50 to 100 digits is round-off


def _state_at(fn: Callable[..., list], args: list, p: mpmath.mpf, dps: int) -> tuple[str, float]:
    """The value's state, and the size of its (or a part's) imaginary part relative to it; 'complex' also where
    the value is real but a part of it was not (⌊√x + ½⌋ and |√x|² left of 0 end real, yet √x has no value in ℝ
    there: Peak.complex)."""
    Peak.complex, Peak.imaginary = False, 0.0
    with mpmath.workdps(dps):
        try:
            value = fn(*args, p)[0]
            seen = state(value)
            own = float(abs(mpmath.im(value)) / (1 + abs(mpmath.re(value)))) if mpmath.isfinite(value) else 0.0
            return ("complex" if seen == "real" and Peak.complex else seen), max(own, Peak.imaginary)
        except ZeroDivisionError:
            return "undefined", 0.0
        except (ValueError, OverflowError, TypeError):
            return "unknown", 0.0


def claimed_state(want_fn: Callable[..., list], args: list) -> str:
    """The claimed value at the sample: 'real' (±∞ included), 'complex' or 'undefined'."""
    with mpmath.workdps(50):
        try:
            want = want_fn(*args)[0]
        except ZeroDivisionError:
            return "undefined"
        except (ValueError, OverflowError, TypeError):
            return "unknown"
        if mpmath.isinf(want) and mpmath.im(want) == 0:
            return "real"
        return state(want)
