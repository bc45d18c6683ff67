"""The numeric check of a Limit: the sequence along var → to, in mpmath, from each side the claim names.

A finite point is approached from the right and from the left unless the claim's dir names one
side; a claimed value of ±∞ is checked as growth without bound with the right sign. The points
are several per scale at seeded pseudo-random offsets (limit_points), never a lattice. A point where
the expression is complex or undefined is a finding (limit_points.off_reals): REFUTED, or an error
"narrow the domain" where the claimed value is undefined there too. So is a point where it has no value
that the samples step over, found by following the zeros of an oscillating divisor (sin(1/x) at 0, cos x at ∞)
towards the point at every scale (limit_poles). A sample the evaluator cannot do says nothing, and a check where
no sample said anything is inconclusive ("no evidence").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import partial

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Limit
from verifier.numeric import confirm
from verifier.numeric.checks import limit_exact, limit_points, limit_poles
from verifier.numeric.checks.definedness import is_real_claim, point_text
from verifier.numeric.checks.limit_points import Side, sides
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import (
    Settings,
    exact_point,
    mp_args,
    outside_domain,
    point_values,
    sample,
)
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted import limit_steps, limits
from verifier.trusted.instantiate import ClaimError, Instance

TOLERANCE = 1e-4
FLOOR = 1e-20  # a gap at the sampled scales below this (relative), at 50 digits, is not looked at deeper
DEEP_SETTLED = (FLOOR, 0.1)  # at the deep scales: a gap above FLOOR, the values moving by less than a tenth of it


def check_limit(inst: Instance, body: Limit, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    var = body.var
    symbols = list(inst.symbols)
    fn = confirm.mp_compile([*symbols, var], [sp.sympify(body.expr)])
    want_fn = confirm.mp_compile(symbols, [sp.sympify(body.equals)])
    to_fn = confirm.mp_compile(symbols, [sp.sympify(body.to)]) if sp.sympify(body.to).free_symbols else None
    real = is_real_claim(body.parts())
    env = sample(inst, rng, 8, s, corners_ok=False) if symbols else {}
    us = limit_points.offsets(rng)
    count = len(next(iter(env.values()))) if env else 1
    worst_gap, informative, unsure = 0.0, 0, ""
    for idx in range(count):
        args = mp_args(inst, env, idx) if env else []
        for side in _sides_at(inst, body, env, idx, us, to_fn, args):
            if real and (bad := limit_points.off_reals(fn, args, side.points)) is not None:
                if _in_domain(inst, env, idx):
                    return _leaves_the_reals(inst, body, env, idx, side, bad, want_fn)
                break  # a sample not shown to lie in the domain (a rounded singular matrix) is no evidence
            result = _observed(fn, want_fn, args, side)
            if result is None:
                continue
            gap, stalled = result
            if (gap > TOLERANCE or stalled) and not _in_domain(inst, env, idx):
                break  # a sample not shown to lie in the domain says nothing, for or against
            informative += 1
            if stalled:
                observe = partial(_observed, fn, want_fn, args, side)
                _, stands = confirm.stands_at_twice_the_digits(observe, _stalled, 50)
                if stands and _in_domain(inst, env, idx):
                    off, value = limit_exact.differs(body, exact_point(inst, env, idx) if env else {}, side.name)
                    if off:
                        return _refuted(inst, body, env, idx, side, fn, want_fn, count, value)
                    if off is False:  # the exact limit there is the claim's: it approaches slower than sampled
                        continue
                    if env and (near := limit_exact.simpler_point(inst, exact_point(inst, env, idx))) is not None:
                        return _refuted_exactly(inst, body, near)
                    unsure = unsure or (point_text(point_values(inst, env, idx)) if env else "its point")
            worst_gap = max(worst_gap, gap)
    if real and (pole := _poles_accumulate(inst, body, env, us, to_fn, want_fn)) is not None:
        return pole
    if symbols and (special := _special_value_off(inst, body)) is not None:
        return special
    points = informative * 2 * limit_points.PER_STEP  # the points of the two finest scales each sequence used
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + _towards(body), points, worst_gap, TOLERANCE)
    if not symbols and informative and (exact_off := _exact_limit_off(body)) is not None:
        return exact_off
    if symbols and informative and (near_off := _exact_off_near(inst, env)) is not None:
        return near_off
    if informative == 0:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE, ev, reason="no evidence: the sequence could not be evaluated at any sample"
        )
    if worst_gap > TOLERANCE or unsure:
        why = f"still {worst_gap:.3g} away from the claimed limit at the end"
        if unsure:  # values at finite points alone never refute a limit (limit_exact)
            why += f"; it stalls at {unsure}, but sympy cannot compute the exact limit there to confirm it"
        return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=why)
    return NumericOutcome(NumericVerdict.PASS, ev)


def _in_domain(inst: Instance, env: dict, idx: int) -> bool:
    """The sample is shown, exactly, to lie in the claim's domains: a counterexample must (the float sampler can
    round a matrix of Matrix([[x, 1], [1, y]]) declared invertible onto a singular one)."""
    return not env or outside_domain(inst, env, idx) is None


def _sides_at(
    inst: Instance, body: Limit, env: dict, idx: int, us: tuple[float, ...], to_fn: Callable[..., list] | None,
    args: list,
) -> list[Side]:  # fmt: skip
    """The sides at one sample of the parameters: a limit point that depends on them is placed at their values."""
    if to_fn is None:
        return sides(body, us)
    at = limit_points.point_of(to_fn, args)
    if at is None:
        where = point_text(point_values(inst, env, idx))
        raise ClaimError(f"the limit point {sp.sstr(body.to)} is not a real number at {where}; narrow the domain")
    return sides(body, us, at)


def _leaves_the_reals(
    inst: Instance, body: Limit, env: dict, idx: int, side: Side, bad: tuple[int, str], want_fn: Callable[..., list]
) -> NumericOutcome:
    """The expression is complex or undefined at a point of a side the claim covers: no real limit from there.
    If the claimed value is undefined there too, the claim is undefined at that sample: narrow the domain."""
    args = mp_args(inst, env, idx) if env else []
    k, what = bad
    values = point_values(inst, env, idx) if env else {}
    at = f"{sp.sstr(body.var)} = {mpmath.nstr(side.points[k], 12)}"
    where = f" at {point_text(values)}" if values else ""
    how = f" ({side.name})" if side.name else ""
    if limit_points.claimed_state(want_fn, args) in ("complex", "undefined"):
        raise ClaimError(
            f"the expression is {what} near the limit point ({at}{how}){where}, and so is the claimed value: "
            "the claim is undefined on part of its domain; narrow the domain"
        )
    note = f"the expression is {what} at {at}{how}{where}: the limit does not exist in ℝ on the side the claim names"
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed="a real limit",
        observed=f"{what} value", relation="defined and real near the point", error=what,
        digits=confirm.HIGH_DPS, note=note,
    )  # fmt: skip
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + _towards(body), 1, 1.0, TOLERANCE)
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, note)


def _poles_accumulate(
    inst: Instance, body: Limit, env: dict, us: tuple[float, ...], to_fn: Callable[..., list] | None,
    want_fn: Callable[..., list],
) -> NumericOutcome | None:  # fmt: skip
    """Points where the expression has no value, one at every scale towards the point on each side the claim names,
    at the first sample of the parameters (limit_poles): no real limit there."""
    expr = sp.sympify(body.expr)
    if not limit_poles.hunted_pieces(expr, body.var, list(inst.symbols)) or not _in_domain(inst, env, 0):
        return None
    args = mp_args(inst, env, 0) if env else []
    if limit_points.claimed_state(want_fn, args) != "real":
        return None
    sides = _sides_at(inst, body, env, 0, us, to_fn, args)
    to = sp.sympify(body.to)
    with mpmath.workdps(60):  # the point as limit_points.sides places it
        at = None if to.is_infinite else limit_points.point_of(to_fn, args) if to_fn else mpmath.mpf(str(sp.N(to, 60)))
        if at is None and not to.is_infinite:
            return None
        pole = limit_poles.hunt(expr, body.var, list(inst.symbols), args, sides, at)
    if pole is None:
        return None
    values = point_values(inst, env, 0) if env else {}
    note = limit_poles.described(pole, body.var, to) + (f", at {point_text(values)}" if values else "")
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed="a real limit", observed="undefined value",
        relation="defined and real near the point", error="undefined", digits=limit_poles.DPS, note=note,
    )  # fmt: skip
    how = f"mpmath: the zeros of {sp.sstr(pole.piece)} towards " + _towards(body)
    ev = NumericEvidence(inst.claim.n, how, 1, 1.0, TOLERANCE)
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, note)


def _exact_limit_off(body: Limit) -> NumericOutcome | None:
    """A limit with no parameters, which the sequence cannot tell from the claim to 10⁻⁴: sympy's exact
    limit from the claim's sides, if its gap to the claimed constant is decided nonzero in high precision
    (lim (1 + 1/t)ᵗ = e is not 2.7182818284590452: they differ by 2.4·10⁻¹⁷)."""
    from verifier.numeric.checks.constant import decide_gap

    to = sp.sympify(body.to)
    try:
        value = limit_steps.limit(body.expr, body.var, to, body.dir)  # a step undecided near the point: no value
    except Exception:  # sides that differ, or sympy's limit: the sequence's evidence stands
        return None
    claimed = sp.sympify(body.equals)
    if value.free_symbols or claimed.free_symbols or not (_real_or_infinite(value) and _real_or_infinite(claimed)):
        return None
    if value.is_infinite or claimed.is_infinite:  # growth agrees with +∞ at every finite point: log(x)¹⁰/x^(1/10)
        if value == claimed:
            return None
        gap_text, digits = "infinite", 0
    elif (gap := decide_gap(value - claimed)) is None or gap.sign == 0:
        return None
    else:
        gap_text, digits = gap.text, gap.digits
    seen, want = sp.sstr(value), sp.sstr(claimed)
    note = f"the exact limit (sympy's Gruntz) is {seen}" + (
        f"; its gap to the claim, {gap_text}, decided in high precision" if digits else ", not the claim's infinity"
    )
    cx = Counterexample(
        n=None, values={}, claimed=want, observed=seen, relation="=", error=gap_text, digits=digits, note=note,
    )  # fmt: skip
    ev = NumericEvidence(None, "exact limit, high precision", 1, 1.0, TOLERANCE)
    why = f"the limit is {seen}, not {want}" + (f" (they differ by {gap_text})" if digits else "")
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, why)


def _real_or_infinite(value: sp.Expr) -> bool:
    """A real number or ±∞ (not zoo, nan, a bounded range or an unevaluated limit)."""
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo):
        return False
    return value in (sp.oo, -sp.oo) or bool(value.is_finite and value.is_extended_real)


def _exact_off_near(inst: Instance, env: dict) -> NumericOutcome | None:
    """A claim with parameters that its sequences agreed with: the exact limit at a simple point near the first
    sample, where the claim is off by less than the sequences see (sin(ax)/x → a + 10⁻²⁵, below FLOOR) or where
    growth up to 10⁸ agreed with a claimed ±∞ (log(x)¹⁰/x^a for a ∈ [1/20, 1/10] grows there, to 0 later)."""
    body = inst.claim.body
    if not env or not isinstance(body, Limit):
        return None
    near = limit_exact.simpler_point(inst, exact_point(inst, env, 0))
    return None if near is None else _refuted_exactly(inst, body, near)


def _towards(body: Limit) -> str:
    to = sp.sympify(body.to)
    return sp.sstr(to) + ("" if body.dir == "+-" or to.is_infinite else body.dir)


def _refuted(
    inst: Instance, body: Limit, env: dict, idx: int, side: Side, fn: Callable[..., list], want_fn: Callable[..., list],
    count: int, exact: str,
) -> NumericOutcome:  # fmt: skip
    """The sequence stalls away from the claim there, and the exact limit there (exact) differs from it."""
    args = mp_args(inst, env, idx) if env else []
    with mpmath.workdps(50):
        seen = mpmath.nstr(fn(*args, side.points[-1])[0], 15)
        want = mpmath.nstr(want_fn(*args)[0], 15)
    values = point_values(inst, env, idx) if env else {}
    at = f"{sp.sstr(body.var)} = {mpmath.nstr(side.points[-1], 10)}"
    how = f" {side.name}" if side.name else ""
    note = f"the sequence{how} settles away from the claim; the exact limit there is {exact}"
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=want, observed=seen, relation="=",
        error=f"value at {at}: {seen}", digits=100, note=note,
    )  # fmt: skip
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + _towards(body), count, 1.0, TOLERANCE)
    why = f"{how.strip() or 'the sequence'} settles at {seen}, not {want} (the exact limit there is {exact})"
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, why)


def _special_value_off(inst: Instance, body: Limit) -> NumericOutcome | None:
    """A parameter value of the domain where a coefficient of var vanishes (a = 1/3 in (3a − 1)²t, no float
    sample hits it), found exactly (trusted.limits), where the exact limit differs from the claim."""
    by_name = {v: k for k, v in inst.to_symbolic.items() if isinstance(v, sp.Symbol)}
    expr = inst.symbolic(sp.sympify(body.expr))
    for point in limits.special_values(inst, expr, body.var, inst.symbolic(sp.sympify(body.to))):
        mine = {by_name[k]: v for k, v in point.items() if k in by_name}
        if len(mine) == len(point) and limit_exact.differs(body, mine)[0]:
            return _refuted_exactly(inst, body, mine)
    return None


def _refuted_exactly(inst: Instance, body: Limit, point: dict[sp.Symbol, sp.Rational]) -> NumericOutcome:
    """The exact limit at a simple point of the domain near a stalled sample differs from the claim there."""
    _, seen = limit_exact.differs(body, point)
    want = sp.sstr(sp.sympify(body.equals).xreplace(point))
    values = {g.label: point[g.target] for g in inst.given}
    where = ", ".join(f"{k} = {sp.sstr(v)}" for k, v in values.items())
    note = f"the exact limit (sympy's Gruntz, no parameter left) at {where} is {seen}, not {want}"
    cx = Counterexample(
        n=inst.claim.n, values={k: float(v) for k, v in values.items()}, claimed=want, observed=seen, relation="=",
        error=f"exact limit {seen}", digits=100, note=note,
    )  # fmt: skip
    ev = NumericEvidence(inst.claim.n, "exact limit at a point of the domain", 1, 1.0, TOLERANCE)
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"the limit at {where} is {seen}, not {want}")


def _stalled(observed: tuple[float, bool] | None) -> bool:
    return observed is not None and observed[1]


def _observed(
    fn: Callable[..., list], want_fn: Callable[..., list], args: list, side: Side, dps: int = 50
) -> tuple[float, bool] | None:
    """(gap, whether the sequence settles away from the claim) along the side: a gap within TOLERANCE but not
    round-off is looked at again at the DEEP scales (10⁻²⁰, 10⁻²⁴), where a sequence that tends to the claim
    has closed in on it. One that has settled there within a tenth of its gap (ζ(x) − 1/(x − 1) at 1, claimed
    γ + 10⁻⁶; sin(ax)/x at 0, claimed a + 10⁻⁵) stalls away from the claim, as a gap beyond TOLERANCE does:
    the exact limit there decides (limit_exact), else it is no evidence for the claim."""
    result = _limit_at(fn, want_fn, args, side.points, dps)
    if result is None or result[1] or not FLOOR < result[0] <= TOLERANCE or not side.deep:
        return result
    deep = _limit_at(fn, want_fn, args, side.deep, dps, settled=DEEP_SETTLED)
    if deep is None or not deep[1]:
        return result
    return max(result[0], deep[0]), True


def _limit_at(
    fn: Callable[..., list], want_fn: Callable[..., list], args: list, points: Sequence[mpmath.mpf], dps: int = 50,
    settled: tuple[float, float] = (1e-3, 1e-3),
) -> tuple[float, bool] | None:  # fmt: skip
    """(gap to the claimed value at the finest scale, whether the sequence has stalled away from it), from
    the two finest scales only (a value far out says nothing), or None where they cannot be evaluated."""
    with mpmath.workdps(dps):
        try:
            vals = [fn(*args, p)[0] for p in points[-2 * limit_points.PER_STEP :]]  # the two finest scales
            want = want_fn(*args)[0]
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if any(not mpmath.isfinite(v) or mpmath.im(v) != 0 for v in vals):
            return None
        vals = [mpmath.re(v) for v in vals]  # real (checked above), and ordered: an mpc of imaginary part 0 is not
        if mpmath.isinf(want):
            return _towards_infinity(vals, 1 if want > 0 else -1)
        if not mpmath.isfinite(want) or mpmath.im(want) != 0:
            return None
        return _settled(vals, mpmath.re(want), *settled)


def _settled(vals: list, want: mpmath.mpf, least: float, within: float) -> tuple[float, bool]:
    """The worst gap to the claim over the finest scale's points, and whether the two finest scales
    agree among themselves far better than with the claim (the sequence has stalled away from it):
    the gap is above least and the values move by less than within times it."""
    k = limit_points.PER_STEP
    scale = 1 + abs(want)
    gap = max(float(abs(v - want) / scale) for v in vals[-k:])
    near = vals[-2 * k :]
    moving = float((max(near) - min(near)) / scale)
    return gap, gap > least and moving < within * gap


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
