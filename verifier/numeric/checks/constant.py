"""Claims with no free symbols, decided exactly or in high precision, never by floats.

A constant claim is one number against another: `exp(π√163) = 640320³ + 744` is off by
7.5·10⁻¹³, a relative 3·10⁻³⁰ that float64 cannot see. Rational gaps are decided exactly,
and a constant PSD matrix with rational entries by its exact LDLᵀ over ℚ. Anything else is
evaluated in mpmath at two precisions p < q (50 and 100 digits, doubling while undecided):
a gap is nonzero only if it is far above the round-off 10^(10−p) of the magnitudes involved
at both and agrees between them; it is zero to the precision reached if it is below that at
both. Exactly true identities of exp, log and sqrt stay true: their gap shrinks with p.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import PSD, Identity, Inequality, Statement
from verifier.numeric.batch import BatchComparison
from verifier.numeric.checks.resolve import NumericOutcome, evidence
from verifier.numeric.confirm import LOW_DPS
from verifier.numeric.mpeval import MpEvaluator, Peak
from verifier.outcome import Counterexample, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

MAX_DPS = 1600
SLACK = 10  # digits of round-off allowed for below the working precision
MAX_MINORS_N = 6  # principal minors of a non-rational constant matrix, up to this size


@dataclass(frozen=True)
class Gap:
    """A constant's decided value: its sign (0: zero to `digits` digits) and its text."""

    sign: int
    text: str
    relative: float
    digits: int
    exact: bool


def is_constant(inst: Instance) -> bool:
    """A claim that mentions no symbol: an Identity, Inequality or PSD claim of numbers."""
    body = inst.claim.body
    return not inst.symbols and isinstance(body, Identity | Inequality | PSD) and not _free(body)


def _free(body: Statement) -> bool:
    return any(isinstance(p, sp.Basic) and p.free_symbols for p in body.parts())


def decide_gap(expr: sp.Expr) -> Gap | None:
    """The sign of a constant: exactly if it is rational, else in mpmath (None: undecided by MAX_DPS)."""
    expr = sp.sympify(expr)
    if expr.is_Rational:
        return Gap(int(sp.sign(expr)), str(expr), 0.0 if expr == 0 else 1.0, 0, True)
    walk = MpEvaluator([], [expr])
    low = _value(walk, LOW_DPS)
    dps = LOW_DPS
    while dps <= MAX_DPS and low is not None:
        high = _value(walk, 2 * dps)
        if high is None:
            return None
        decided = _compare(low, high, dps)
        if decided is not None:
            return decided
        low, dps = high, 2 * dps
    return None


def _value(walk: MpEvaluator, dps: int) -> tuple[mpmath.mpf, float] | None:
    """The value at dps digits and the digits of the largest magnitude computed on the way."""
    Peak.reset()
    with mpmath.workdps(dps):
        try:
            value = walk()[0]
        except (ZeroDivisionError, ValueError, TypeError, OverflowError):
            return None
        if not mpmath.isfinite(value):
            return None
        return value, max(Peak.digits, 0.0)


def _compare(low: tuple[mpmath.mpf, float], high: tuple[mpmath.mpf, float], dps: int) -> Gap | None:
    (g_low, peak), (g_high, _) = low, high
    with mpmath.workdps(4 * dps):
        noise_low = mpmath.mpf(10) ** (peak + SLACK - dps)
        noise_high = mpmath.mpf(10) ** (peak + SLACK - 2 * dps)
        if abs(g_low) <= noise_low and abs(g_high) <= noise_high:
            return Gap(0, "0", 0.0, 2 * dps - int(peak) - SLACK, False)
        real = abs(g_low) > 1e10 * noise_low and abs(g_high) > 1e10 * noise_high
        stable = abs(g_low - g_high) <= mpmath.mpf(10) ** -SLACK * abs(g_high)
        if real and stable:
            sign = 1 if mpmath.re(g_high) > 0 or (mpmath.re(g_high) == 0 and mpmath.im(g_high) > 0) else -1
            relative = float(abs(g_high) / mpmath.mpf(10) ** max(peak, 0.0))
            return Gap(sign, mpmath.nstr(g_high, 20), relative, 2 * dps, False)
    return None


def check_constant(inst: Instance) -> NumericOutcome:
    """The verdict on a constant claim: exact or high precision, never float64."""
    body = inst.claim.body
    if isinstance(body, PSD):
        return _psd(inst, as_matrix(body.matrix), body.strict)
    if isinstance(body, Inequality):
        gap = sp.sympify(body.rhs - body.lhs if body.op in ("<=", "<") else body.lhs - body.rhs)
        return _signs(inst, [("greater − smaller side", gap)], strict=body.op in ("<", ">"), method="the gap")
    assert isinstance(body, Identity)
    pairs = list(zip(as_matrix(body.lhs), as_matrix(body.rhs), strict=True))
    return _equalities(inst, pairs)


def _equalities(inst: Instance, pairs: Sequence[tuple[sp.Expr, sp.Expr]]) -> NumericOutcome:
    digits = []
    for i, (lhs, rhs) in enumerate(pairs):
        gap = decide_gap(sp.sympify(lhs) - sp.sympify(rhs))
        if gap is None:
            return _inconclusive(inst, f"entry {i}: the sides could not be told apart or equal up to {MAX_DPS} digits")
        if gap.sign != 0:
            where = f"entry {i}: " if len(pairs) > 1 else ""
            reason = f"{where}the sides differ by {gap.text} ({_how(gap)})"
            return _fail(inst, reason, str(rhs), str(lhs), "=", gap)
        digits.append(gap.digits)
    return _pass(inst, "sides equal " + _agreement(digits))


def _signs(
    inst: Instance, gaps: Sequence[tuple[str, sp.Expr]], strict: bool, method: str, shown: str = ""
) -> NumericOutcome:
    """Every gap ≥ 0 (> 0 if strict), each decided exactly or in high precision."""
    digits = []
    for name, expr in gaps:
        gap = decide_gap(expr)
        if gap is None:
            return _inconclusive(inst, f"{name}: its sign is undecided up to {MAX_DPS} digits")
        if gap.sign < 0 or (strict and gap.sign == 0 and gap.exact):
            relation = f"{shown or name} {'>' if strict else '≥'} 0"
            return _fail(inst, f"{name} is {gap.text} ({_how(gap)})", "", gap.text, relation, gap)
        if strict and gap.sign == 0:
            return _inconclusive(inst, f"{name} is 0 to {gap.digits} digits: strictness undecided")
        digits.append(gap.digits)
    return _pass(inst, f"{method} ≥ 0 " + _agreement(digits))


def _psd(inst: Instance, h: sp.Matrix, strict: bool) -> NumericOutcome:
    """Exact LDLᵀ over ℚ for a rational matrix; else the sign of every principal minor in high precision."""
    if h != h.T:
        diff = max((h - h.T).applyfunc(abs))
        gap = Gap(-1, str(diff), 1.0, 0, True)
        return _fail(inst, "the matrix is not symmetric", "", str(diff), "max |H − Hᵀ| = 0", gap)
    if any(e.has(sp.I) or e.is_extended_real is False for e in h):  # [[1, i], [i, 1]]: minors 1, 1, 2; vᵀHv = 2 + 2i
        return _inconclusive(inst, "an entry is not real, and a psd claim speaks of real symmetric matrices")
    if all(e.is_Rational for e in h):
        return _psd_rational(inst, sp.Matrix(h), strict)
    if h.rows > MAX_MINORS_N:
        return _inconclusive(inst, f"a {h.rows}×{h.rows} constant matrix with irrational entries")
    minors = _principal_minors(h, leading_only=strict)
    return _signs(inst, minors, strict, "principal minors")


def _psd_rational(inst: Instance, h: sp.Matrix, strict: bool) -> NumericOutcome:
    ok = h.is_positive_definite if strict else h.is_positive_semidefinite
    if ok:
        return _pass(inst, "exact LDLᵀ over ℚ: " + ("positive definite" if strict else "positive semidefinite"))
    name, minor = _worst_minor(h, strict)
    text = f"{name} = {minor}" if minor is not None else "the exact LDLᵀ has a negative pivot"
    gap = Gap(-1, str(minor), 1.0, 0, True)
    return _fail(inst, f"not PSD over ℚ: {text}", "", str(minor), f"{name} ≥ 0", gap)


def _principal_minors(h: sp.Matrix, leading_only: bool) -> list[tuple[str, sp.Expr]]:
    from itertools import combinations

    n = h.rows
    sets = (
        [tuple(range(k)) for k in range(1, n + 1)]
        if leading_only
        else [c for k in range(1, n + 1) for c in combinations(range(n), k)]
    )
    return [(f"principal minor {[i + 1 for i in rows]}", h.extract(list(rows), list(rows)).det()) for rows in sets]


def _worst_minor(h: sp.Matrix, strict: bool) -> tuple[str, sp.Expr | None]:
    """A principal minor that is negative (or zero, where definiteness is claimed), if small enough to list."""
    if h.rows > MAX_MINORS_N:
        return "LDLᵀ", None
    bad = [(n, m) for n, m in _principal_minors(h, leading_only=False) if m < 0 or (strict and m == 0)]
    return min(bad, key=lambda t: t[1]) if bad else ("LDLᵀ", None)


def _how(gap: Gap) -> str:
    return "exactly" if gap.exact else f"stable at {gap.digits // 2} and {gap.digits} digits"


def _agreement(digits: Sequence[int]) -> str:
    inexact = [d for d in digits if d]
    return f"(to {min(inexact)} digits, in high precision)" if inexact else "(exactly)"


def _comparison(error: float, tolerance: float) -> BatchComparison:
    one: Callable[[float], np.ndarray] = lambda v: np.array([v])  # noqa: E731
    return BatchComparison(one(error), one(tolerance), one(1.0), np.array([True]))


def _pass(inst: Instance, how: str) -> NumericOutcome:
    return NumericOutcome(NumericVerdict.PASS, evidence(inst, f"constant claim: {how}", _comparison(0.0, 1e-300), 1))


def _inconclusive(inst: Instance, why: str) -> NumericOutcome:
    ev = evidence(inst, "constant claim, high precision", _comparison(0.0, 1e-300), 1)
    return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=why)


def _fail(inst: Instance, reason: str, claimed: str, observed: str, relation: str, gap: Gap) -> NumericOutcome:
    ev = evidence(inst, "constant claim, exact or high precision", _comparison(1.0, 1e-300), 1)
    digits = gap.digits or 0
    note = "decided exactly" if gap.exact else f"stable at {digits // 2} and {digits} digits"
    cx = Counterexample(
        n=inst.claim.n, values={}, claimed=claimed[:200], observed=observed[:200], relation=relation,
        error=gap.text, digits=digits, note=note,
    )  # fmt: skip
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, reason)
