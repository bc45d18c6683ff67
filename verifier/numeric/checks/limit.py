"""The numeric check of a Limit: the sequence along var → to, in mpmath, from each side the claim names.

A finite point is approached from the right and from the left unless the claim's dir names one
side; a claimed value of ±∞ is checked as growth without bound with the right sign. A sample
where the sequence cannot be evaluated says nothing, and a check where no sample said anything
is inconclusive ("no evidence"), never a pass.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Limit
from verifier.numeric import confirm
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings, mp_args, point_values, sample
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance

STEPS = (2, 3, 4, 6, 8)  # var = to ± 10^-j, or ±10^j towards ±∞
TOLERANCE = 1e-4


@dataclass(frozen=True)
class Side:
    """One way of approaching the point: its name and the points along it."""

    name: str
    points: tuple[mpmath.mpf, ...]


def sides(body: Limit) -> list[Side]:
    """The approaches the claim names: towards ±∞ one; at a finite point the right, the left, or both."""
    to = sp.sympify(body.to)
    if to.is_infinite:
        sign = 1 if to == sp.oo else -1
        return [Side("", tuple(mpmath.mpf(sign * 10**j) for j in STEPS))]
    a = mpmath.mpf(str(sp.N(to, 60)))
    right = Side("from the right", tuple(a + mpmath.mpf(10) ** (-j) for j in STEPS))
    left = Side("from the left", tuple(a - mpmath.mpf(10) ** (-j) for j in STEPS))
    return {"+": [right], "-": [left]}.get(body.dir, [right, left])


def check_limit(inst: Instance, body: Limit, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    var = body.var
    symbols = list(inst.symbols)
    fn = confirm.mp_compile([*symbols, var], [sp.sympify(body.expr)])
    want_fn = confirm.mp_compile(symbols, [sp.sympify(body.equals)])
    env = sample(inst, rng, 8, s, corners_ok=False) if symbols else {}
    count = len(next(iter(env.values()))) if env else 1
    worst_gap, informative = 0.0, 0
    for idx in range(count):
        args = mp_args(inst, env, idx) if env else []
        for side in sides(body):
            result = _limit_at(fn, want_fn, args, side.points)
            if result is None:
                continue
            informative += 1
            gap, stalled = result
            worst_gap = max(worst_gap, gap)
            if stalled:
                observe = partial(_limit_at, fn, want_fn, args, side.points)
                _, stands = confirm.stands_at_twice_the_digits(observe, _stalled, 50)
                if stands:
                    return _refuted(inst, body, env, idx, side, fn, want_fn, count)
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + _towards(body), count, worst_gap, TOLERANCE)
    if not symbols and informative and (off := _exact_limit_off(body)) is not None:
        return off
    if informative == 0:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE, ev, reason="no evidence: the sequence could not be evaluated at any sample"
        )
    if worst_gap > TOLERANCE:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE, ev, reason=f"still {worst_gap:.3g} away from the claimed limit at the end"
        )
    return NumericOutcome(NumericVerdict.PASS, ev)


def _exact_limit_off(body: Limit) -> NumericOutcome | None:
    """A limit with no parameters, which the sequence cannot tell from the claim to 10⁻⁴: sympy's exact
    limit from the claim's sides, if its gap to the claimed constant is decided nonzero in high precision
    (lim (1 + 1/t)ᵗ = e is not 2.7182818284590452: they differ by 2.4·10⁻¹⁷)."""
    from verifier.numeric.checks.constant import decide_gap

    to = sp.sympify(body.to)
    try:
        value = sp.limit(body.expr, body.var, to) if to.is_infinite else sp.limit(body.expr, body.var, to, dir=body.dir)
    except Exception:  # sides that differ, or sympy's limit: the sequence's evidence stands
        return None
    claimed = sp.sympify(body.equals)
    if value.free_symbols or claimed.free_symbols or not value.is_finite or not claimed.is_finite:
        return None
    gap = decide_gap(value - claimed)
    if gap is None or gap.sign == 0:
        return None
    seen, want = sp.sstr(value), sp.sstr(claimed)
    note = f"the exact limit (sympy's Gruntz) is {seen}; its gap to the claim, {gap.text}, decided in high precision"
    cx = Counterexample(
        n=None, values={}, claimed=want, observed=seen, relation="=", error=gap.text, digits=gap.digits, note=note,
    )  # fmt: skip
    ev = NumericEvidence(None, "exact limit, high precision", 1, 1.0, TOLERANCE)
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"the limit is {seen}, not {want} (they differ by {gap.text})")


def _towards(body: Limit) -> str:
    to = sp.sympify(body.to)
    return sp.sstr(to) + ("" if body.dir == "+-" or to.is_infinite else body.dir)


def _refuted(
    inst: Instance, body: Limit, env: dict, idx: int, side: Side, fn: Callable[..., list], want_fn: Callable[..., list],
    count: int,
) -> NumericOutcome:  # fmt: skip
    args = mp_args(inst, env, idx) if env else []
    with mpmath.workdps(50):
        seen = mpmath.nstr(fn(*args, side.points[-1])[0], 15)
        want = mpmath.nstr(want_fn(*args)[0], 15)
    values = point_values(inst, env, idx) if env else {}
    at = f"{sp.sstr(body.var)} = {mpmath.nstr(side.points[-1], 10)}"
    how = f" {side.name}" if side.name else ""
    note = f"the sequence{how} settles away from the claim"
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=want, observed=seen, relation="=",
        error=f"value at {at}: {seen}", digits=100, note=note,
    )  # fmt: skip
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + _towards(body), count, 1.0, TOLERANCE)
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"{how.strip() or 'the sequence'} settles at {seen}, not {want}")


def _stalled(observed: tuple[float, bool] | None) -> bool:
    return observed is not None and observed[1]


def _limit_at(
    fn: Callable[..., list], want_fn: Callable[..., list], args: list, points: Sequence[mpmath.mpf], dps: int = 50
) -> tuple[float, bool] | None:
    """(gap to the claimed value at the last point, whether the sequence has stalled away from it),
    or None where the sequence cannot be evaluated."""
    with mpmath.workdps(dps):
        try:
            vals = [fn(*args, p)[0] for p in points]
            want = want_fn(*args)[0]
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if any(not mpmath.isfinite(v) or mpmath.im(v) != 0 for v in vals):
            return None
        if mpmath.isinf(want):
            return _towards_infinity([mpmath.re(v) for v in vals], 1 if want > 0 else -1)
        if not mpmath.isfinite(want):
            return None
        scale = 1 + abs(want)
        gap = float(abs(vals[-1] - want) / scale)
        moving = float(abs(vals[-1] - vals[-2]) / scale)
        return gap, gap > 1e-3 and moving < 1e-3 * gap


def _towards_infinity(vals: list[mpmath.mpf], sign: int) -> tuple[float, bool]:
    """A claimed limit of sign·∞: the values must keep growing with that sign. Settling at a finite
    value (or growing the other way) is a failure; growing is agreement (gap 0)."""
    signed = [sign * v for v in vals]
    growing = all(b > a for a, b in itertools.pairwise(signed)) and signed[-1] > 0
    if growing:
        return 0.0, False
    scale = 1 + abs(vals[-1])
    moving = float(abs(vals[-1] - vals[-2]) / scale)
    return 1.0, moving < 1e-3 or signed[-1] < 0
