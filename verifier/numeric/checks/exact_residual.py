"""An identity whose residual is an exact nonzero rational function is refuted at an exact point.

`x·(1 + 10⁻²⁰) = x` agrees to the last bit of every float sample, so the numeric check
passes it; but its residual x/10²⁰ is a nonzero polynomial over ℚ, and a nonzero
polynomial is nonzero almost everywhere. The engine asks here once the symbolic ladder
has failed: each residual entry that is a rational function with rational coefficients
is put over one denominator; if its numerator is not the zero polynomial, the points of
the domain (small integers first, then the samples, read as the exact binary rationals
they are) are tried until both sides evaluate, exactly, to different rational numbers.
Only domains whose samples lie exactly inside them (the scalar domains) are used.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Identity
from verifier.language.text import clipped, rational_text
from verifier.numeric import confirm
from verifier.numeric.batch import BatchComparison
from verifier.numeric.checks import definedness
from verifier.numeric.checks.culprit import culprit
from verifier.numeric.checks.definedness import State
from verifier.numeric.checks.resolve import NumericOutcome, evidence
from verifier.numeric.checks.sampling import Settings, sample
from verifier.outcome import Counterexample, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

MAX_OPS = 400  # residual entries larger than this are left to the other checks
SMALL = (0, 1, -1, 2, sp.Rational(1, 2), -2, 3)
MAX_SMALL_POINTS = 64
HIGH_POINTS = 3  # exact points at which a non-rational residual is decided in high precision
MAX_HIGH_ENTRIES = 16


def refute_exactly(inst: Instance, rng: np.random.Generator, s: Settings) -> NumericOutcome | None:
    """A FAIL with an exact counterexample if a residual entry is a nonzero rational function; else None."""
    body = inst.claim.body
    if not isinstance(body, Identity) or not inst.symbols or not _exactly_sampled(inst):
        return None
    lhs, rhs = as_matrix(body.lhs), as_matrix(body.rhs)
    if lhs.shape != rhs.shape:
        return None
    syms = list(inst.symbols)
    for i, (a, b) in enumerate(zip(lhs, rhs, strict=True)):
        if _nonzero_rational_function(sp.sympify(a) - sp.sympify(b), syms):
            for point in _points(inst, rng, s):
                at = _sides_at(inst, (sp.sympify(a), sp.sympify(b)), point)
                if isinstance(at, NumericOutcome):
                    return at
                found = None if at is None else _differ(*at)
                if found is not None:
                    return _fail(inst, i, point, *found, entries=len(lhs))
    return _refute_in_high_precision(inst, lhs, rhs, rng, s)


def _refute_in_high_precision(
    inst: Instance, lhs: sp.Matrix, rhs: sp.Matrix, rng: np.random.Generator, s: Settings
) -> NumericOutcome | None:
    """An exact claim the floats cannot tell from a true one (sin²x + cos²x = 1 + 10⁻¹⁶): each entry at a
    few exact points, its gap decided in high precision (stable and far above round-off at two precisions)."""
    from verifier.numeric.checks.constant import decide_gap

    pairs = [(sp.sympify(a), sp.sympify(b)) for a, b in zip(lhs, rhs, strict=True)]
    if len(pairs) > MAX_HIGH_ENTRIES or any(sp.count_ops(a - b) > MAX_OPS or (a - b).has(sp.Float) for a, b in pairs):
        return None
    for point in itertools.islice(_points(inst, rng, s), HIGH_POINTS):
        for i, (a, b) in enumerate(pairs):
            at = _sides_at(inst, (a, b), point)
            if isinstance(at, NumericOutcome):
                return at
            if at is None:
                continue
            va, vb = at
            if va.free_symbols or vb.free_symbols or va.has(sp.zoo, sp.nan) or vb.has(sp.zoo, sp.nan):
                continue
            gap = decide_gap(va - vb)
            if gap is not None and gap.sign != 0:
                return _fail_high(inst, i, point, (va, vb), gap.text, entries=len(pairs))
    return None


def _sides_at(
    inst: Instance, sides: tuple[sp.Expr, sp.Expr], point: dict[sp.Symbol, sp.Rational]
) -> tuple[sp.Expr, sp.Expr] | NumericOutcome | None:
    """Both sides' exact values at the point; where sympy refuses one (Max(√−1, 0) "is not comparable", √x > 1 at
    x = −1 "invalid comparison of non-real"), a definedness counterexample if mpmath finds that side complex or
    undefined there and the other side real, each at 100 digits and again at twice as many; else None."""
    values: list[sp.Expr | None] = []
    for side in sides:
        try:
            values.append(side.xreplace(point))
        except (TypeError, ValueError):  # Max(√−1, 0) "not comparable", √x > 1 at x = −1 "invalid comparison"
            values.append(None)
    va, vb = values
    if va is not None and vb is not None:
        return va, vb
    bad = 0 if va is None else 1
    if values[1 - bad] is None or _state_in_high_precision(inst, sides[1 - bad], point) is not State.REAL:
        return None  # both refused, or the other side not shown real: no information
    state = _state_in_high_precision(inst, sides[bad], point)  # sympy's refusal alone is no finding: mpmath's state
    if state not in (State.COMPLEX, State.UNDEFINED):
        return None
    return _fail_defined(inst, sides[bad], bad, point, state)


def _state_in_high_precision(inst: Instance, side: sp.Expr, point: dict[sp.Symbol, sp.Rational]) -> State | None:
    """The side's state at the point, at 100 digits and again at twice as many (definedness's states); None if
    mpmath cannot say."""
    evaluator = confirm.mp_compile(inst.symbols, [side])
    args = [mpmath.mpf(point[sym].p) / point[sym].q for sym in inst.symbols]
    first = definedness.first_state(evaluator, args, True)
    return definedness.confirmed(evaluator, args, True, first) if first is not None else None


def _fail_defined(
    inst: Instance, side: sp.Expr, bad: int, point: dict[sp.Symbol, sp.Rational], state: State
) -> NumericOutcome:
    """A side with no real value at an exact point of the domain where the other side has one."""
    name = ("left", "right")[bad]
    values: dict[str, object] = {str(sym): (int(v) if v.is_Integer else float(v)) for sym, v in point.items()}
    why = culprit([side], point)
    reason = f"the {name} side is {state.value}{' (undefined in ℝ)' if state is State.COMPLEX else ''} at "
    reason += definedness.point_text(values) + (f": {why}" if why else "")
    texts = ["defined", "defined"]
    texts[bad] = state.value
    one = np.array([1.0])
    cmp = BatchComparison(one, np.array([1e-300]), one, np.array([True]))
    ev = evidence(inst, "exact point", cmp, 1, note="sympy has no real value for one side there")
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=f"right side {texts[1]}", observed=f"left side {texts[0]}",
        relation="both sides defined and equal", error=state.value, digits=0, note=reason,
    )  # fmt: skip
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, reason)


def _fail_high(
    inst: Instance, entry: int, point: dict[sp.Symbol, sp.Rational], sides: tuple[sp.Expr, sp.Expr], gap: str,
    entries: int,
) -> NumericOutcome:  # fmt: skip
    claimed, observed = clipped(sides[1], 200), clipped(sides[0], 200)
    reason = f"at an exact point the sides differ by {gap} (stable in high precision; floats cannot see it)"
    method = ("high-precision residual", "the gap is stable at two precisions")
    return _exact_failure(inst, (entry, entries), point, method, (claimed, observed, gap), confirm.HIGH_DPS, reason)


def _exact_failure(
    inst: Instance, entry: tuple[int, int], point: dict[sp.Symbol, sp.Rational], method: tuple[str, str],
    sides: tuple[str, str, str], digits: int, reason: str,
) -> NumericOutcome:  # fmt: skip
    """A counterexample at an exact point: (claimed, observed, gap) as text, and the entry of how many."""
    one = np.array([1.0])
    cmp = BatchComparison(one, np.array([1e-300]), one, np.array([True]))
    ev = evidence(inst, method[0], cmp, 1, note=method[1])
    values = {str(sym): (int(v) if v.is_Integer else float(v)) for sym, v in point.items()}
    note = "exact point: " + ", ".join(f"{sym} = {v}" for sym, v in point.items())
    claimed, observed, gap = sides
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=claimed, observed=observed, relation="=", error=gap, digits=digits,
        note=note,
    )  # fmt: skip
    where = f"entry {entry[0]}: " if entry[1] > 1 else ""
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, where + reason)


def _exactly_sampled(inst: Instance) -> bool:
    """Every domain is a scalar one (ℝ, intervals, signs, elementwise on matrices): its samples lie in it."""
    return all(type(g.domain).__module__ == "verifier.language.domains.scalar" for g in inst.given)


def _nonzero_rational_function(e: sp.Expr, syms: Sequence[sp.Symbol]) -> bool:
    if e == 0 or e.has(sp.Float) or sp.count_ops(e) > MAX_OPS or not e.is_rational_function(*syms):
        return False
    if any(not (n.is_Rational) for n in e.atoms(sp.Number)):
        return False
    try:
        numerator, _ = sp.fraction(sp.together(e))
        return not sp.Poly(sp.expand(numerator), *syms).is_zero
    except (sp.PolynomialError, sp.polys.polyerrors.GeneratorsNeeded):
        return False


def _points(inst: Instance, rng: np.random.Generator, s: Settings) -> Iterator[dict[sp.Symbol, sp.Rational]]:
    """The candidate points that lie in the claim's domains, decided exactly (y = 1/2 is between the samples
    of an integer y ∈ {0, 1}, but no point of its domain)."""
    return (point for point in _candidates(inst, rng, s) if _in_domain(inst, point))


def _in_domain(inst: Instance, point: dict[sp.Symbol, sp.Rational]) -> bool:
    for g in inst.given:
        entries = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        values = [sp.sympify(e).xreplace(point) for e in entries]
        if g.domain.contains_exactly_shaped(values, g.shape) is not True:
            return False
    return True


def _candidates(inst: Instance, rng: np.random.Generator, s: Settings) -> Iterator[dict[sp.Symbol, sp.Rational]]:
    """Small integers and halves first (where every symbol's sample range allows them), then the samples."""
    syms = list(inst.symbols)
    env = sample(inst, rng, max(8, s.samples // 10), s, corners_ok=False)
    if any(sym not in env for sym in syms):
        return
    lows = {sym: float(np.min(env[sym])) for sym in syms}
    highs = {sym: float(np.max(env[sym])) for sym in syms}
    inside = [[v for v in SMALL if lows[sym] <= float(v) <= highs[sym]] for sym in syms]
    for values in itertools.islice(itertools.product(*inside), MAX_SMALL_POINTS):
        yield dict(zip(syms, (sp.Rational(v) for v in values), strict=True))
    for k in range(len(env[syms[0]])):
        yield {sym: sp.Rational(float(env[sym][k])) for sym in syms}


def _differ(va: sp.Expr, vb: sp.Expr) -> tuple[sp.Rational, sp.Rational] | None:
    """Both sides' exact values at a point, if both are rational numbers and they differ."""
    if va.is_Rational and vb.is_Rational and va != vb:
        return va, vb
    return None


def _fail(
    inst: Instance, entry: int, point: dict[sp.Symbol, sp.Rational], lhs: sp.Rational, rhs: sp.Rational, entries: int
) -> NumericOutcome:
    gap = rational_text(lhs - rhs)
    reason = f"the residual is a nonzero rational function; exactly, the sides differ by {gap}"
    method = ("exact rational residual", "the residual is a nonzero rational function")
    shown = (rational_text(rhs), rational_text(lhs), gap)
    return _exact_failure(inst, (entry, entries), point, method, shown, 0, reason)
