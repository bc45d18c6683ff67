"""Scalar claims of a few bounded variables, searched in validated interval arithmetic.

Floats cannot see a gap of 10⁻⁴⁴⁵, and 200 samples rarely hit a bump of width 10⁻⁴ or one
integer in a million. After a sampled check passes an Inequality or Identity whose symbols
(at most MAX_VARIABLES) range over bounded intervals or integer ranges, this module runs the
branch and bound of `numeric/boxes.py` on its gap (an inequality) or residual (an identity),
then, for an inequality, a few critical points of the gap (Newton on its gradient, from the
lowest points seen) and the integers around them. The outcome is

- FAIL, with an exact point in the domain where the claim's own enclosure is on the wrong
  side (a rigorous counterexample, found by boxes the sampler never drew); or
- the sampled PASS, with a note: the gap enclosed on the good side over the whole box
  (evidence, not a proof: no kernel rule accepts it), or how many boxes stayed open.

Undefined points (a nan enclosure) are never counterexamples here: the definedness check of
the sampled pass owns them. The cost is counted in boxes and Newton starts, never in seconds.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from verifier.language import domains as d
from verifier.language.claims import Expectation, Given, Identity, Inequality
from verifier.language.text import clipped
from verifier.numeric import boxes, confirm, enclose, intervals
from verifier.numeric.batch import BatchComparison
from verifier.numeric.boxes import Failing, Point, Reading, Search, Target, Variable
from verifier.numeric.checks import poles
from verifier.numeric.checks.expectation import as_exact_identity
from verifier.numeric.checks.resolve import NumericOutcome, evidence
from verifier.numeric.checks.sampling import exact_rational
from verifier.numeric.intervals import Span
from verifier.outcome import Counterexample, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

ENCLOSURE_NOTE = "interval arithmetic"
MAX_VARIABLES = 3
MAX_ENTRIES = 4
MAX_BOXES = {"inequality": 1200, "identity": 120}
MAX_ESCALATIONS = 12  # points whose sign is pursued up to 6144 bits; later ones stop at 64 (an identity's at 192)
NEWTON_STARTS = 4
NEWTON_STEPS = 25


def bounded_variables(inst: Instance) -> list[tuple[sp.Symbol, Variable]] | None:
    """Each symbol with its declared range, if every domain is a bounded interval or integer range and
    there are at most MAX_VARIABLES symbols, none tied to others by a relation; else None."""
    if inst.relations or not inst.symbols or len(inst.symbols) > MAX_VARIABLES:
        return None
    ranges: dict[sp.Symbol, Variable] = {}
    for g in inst.given:
        entries = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        if type(g.domain) is d.Interval:
            var = Variable(Fraction(g.domain.lo), Fraction(g.domain.hi), integer=False)
        elif type(g.domain) is d.Integer:
            var = Variable(Fraction(g.domain.lo), Fraction(g.domain.hi), integer=True)
        else:
            return None
        for e in entries:
            if not isinstance(e, sp.Symbol):
                return None
            ranges[e] = var
    if set(ranges) != set(inst.symbols):
        return None
    return [(s, ranges[s]) for s in inst.symbols]


def search_claim(inst: Instance, outcome: NumericOutcome) -> NumericOutcome:
    """The sampled PASS refined by a box search (a FAIL if it finds a failing point), else unchanged."""
    found_vars = bounded_variables(inst)
    if found_vars is None:
        return outcome
    stated = inst.claim.body  # E[M/q] = 1 + a bump of width 10⁻⁴ at q = 1/3: searched as its exact identity
    body = as_exact_identity(stated) if isinstance(stated, Expectation) else stated
    if not isinstance(body, Inequality | Identity):
        return outcome
    symbols = [s for s, _ in found_vars]
    variables = [v for _, v in found_vars]
    try:
        target, kind = _target(inst, body, symbols)
    except (enclose.Unsupported, ValueError, TypeError):
        return outcome
    found = boxes.search(variables, target, MAX_BOXES[kind], _special_points(variables))
    if found.failure is None and isinstance(body, Inequality):
        _newton(inst, body, symbols, variables, target, found)
    if found.failure is not None:
        return _refuted(inst, body, symbols, found)
    return _noted(outcome, found, kind)


def _target(inst: Instance, body: Inequality | Identity, symbols: list[sp.Symbol]) -> tuple[Target, str]:
    in_domain = _membership(inst, symbols)
    if isinstance(body, Inequality):
        gap, strict = _gap(body)
        fn = enclose.compile_balls(gap, symbols)
        spent = [0]

        def fails_at(point: Point) -> Failing | None:
            sign, span, bits = enclose.sign_at(fn, point, (boxes.BOX_BITS,))
            if sign is None and (value := _rational_value(gap, symbols, point)) is not None:
                return Failing(str(value), 0) if value < 0 or (strict and value == 0) else None
            if sign is None and spent[0] < MAX_ESCALATIONS:
                spent[0] += 1
                sign, span, bits = enclose.sign_at(fn, point)
            return _failing(span, bits) if sign == -1 or (strict and sign == 0) else None

        return Target(lambda b: [fn(b)], lambda v: _read_gap(v[0], strict), fails_at, in_domain), "inequality"
    pairs = [(sp.sympify(a), sp.sympify(b)) for a, b in zip(as_matrix(body.lhs), as_matrix(body.rhs), strict=True)]
    if len(pairs) > MAX_ENTRIES:
        raise ValueError("too many entries")
    fns = [enclose.compile_balls(confirm.decimal_residual(a, b), symbols) for a, b in pairs]
    spent = [0]

    def differs_at(point: Point) -> Failing | None:
        for fn, (a, b) in zip(fns, pairs, strict=True):
            sign, span, bits = enclose.sign_at(fn, point, (boxes.BOX_BITS, 3 * boxes.BOX_BITS))
            if sign is None and spent[0] < MAX_ESCALATIONS:  # up to 6144 bits, as an inequality's gap: e^x(cosh x −
                spent[0] += 1  # sinh x) at x = 250 hides a residual of 1 below 640 bits, and 1 − tanh 400 one of 10⁻³⁴⁷
                sign, span, bits = enclose.sign_at(fn, point)
            if sign in (1, -1):
                return _failing(span, bits)
            value = _rational_value(a - b, symbols, point) if sign is None else None
            if value is not None and value != 0:
                return Failing(str(value), 0)
        return None

    return Target(lambda b: [fn(b) for fn in fns], _read_residual, differs_at, in_domain), "identity"


def _rational_value(expr: sp.Expr, symbols: list[sp.Symbol], point: Point) -> sp.Rational | None:
    """expr at the point exactly, if it is a rational function there (a tie that balls cannot see: 1/7 − 1/7)."""
    exact = {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(symbols, point, strict=True)}
    return exact_rational(sp.sympify(expr), exact)


def _gap(body: Inequality) -> tuple[sp.Expr, bool]:
    """The gap that must be >= 0 (> 0 if strict); with decimals, widened by their rounding (confirm.decimal_gap)."""
    lhs, rhs = (as_matrix(s)[0, 0] if isinstance(s, sp.MatrixBase) else sp.sympify(s) for s in (body.lhs, body.rhs))
    big, small = (rhs, lhs) if body.op in ("<=", "<") else (lhs, rhs)
    gap, widened = confirm.decimal_gap(big - small, big, small)
    return gap, body.op in ("<", ">") and not widened


def _read_gap(span: Span, strict: bool) -> Reading:
    if not enclose.finite(span):
        return Reading("open", -math.inf)
    lo, hi = span
    good = lo > 0 if strict else lo >= 0
    bad = hi <= 0 if strict else hi < 0
    return Reading("good" if good else "bad" if bad else "open", float(lo.lower()))


def _read_residual(values: list[Span]) -> Reading:
    if not all(enclose.finite(v) for v in values):
        return Reading("open", -math.inf)
    if all(e.is_exact() and e.is_zero() for v in values for e in v):
        return Reading("good", 0.0)
    bad = any(lo > 0 or hi < 0 for lo, hi in values)
    return Reading("bad" if bad else "open", -max(float(abs(intervals.hull(v)).upper()) for v in values))


def _membership(inst: Instance, symbols: list[sp.Symbol]) -> Callable[[Point], bool]:
    def inside(point: Point) -> bool:
        exact = {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(symbols, point, strict=True)}
        for g in inst.given:
            entries = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
            if g.domain.contains_exactly_shaped([exact[e] for e in entries], g.shape) is not True:
                return False
        return True

    return inside


def _special_points(variables: Sequence[Variable]) -> list[Point]:
    """Ends, 0, ±1 and the middle of each range, combined (at most 64 points); an integer range's lowest end and
    middle with their next integers too, of the other parity (on [2⁶⁰, 2⁶¹] every float sample and every box's
    middle is even, and (−1)ᵏ = 1 was CHECKED; helper-93)."""
    per = []
    for v in variables:
        mid = Fraction(math.floor((v.lo + v.hi) / 2)) if v.integer else (v.lo + v.hi) / 2
        values = [v.lo, v.hi, mid, *(Fraction(c) for c in (0, 1, -1)), *((v.lo + 1, mid + 1) if v.integer else ())]
        per.append([x for x in dict.fromkeys(values) if v.lo <= x <= v.hi])
    return list(itertools.islice(itertools.product(*per), 64))


def _newton(
    inst: Instance, body: Inequality, symbols: list[sp.Symbol], variables: list[Variable], target: Target, found: Search
) -> None:
    """Critical points of the gap (integer symbols relaxed to reals), from the lowest points seen: each
    rounded to rationals of growing size, and integer symbols to the integers on either side."""
    gap, _ = _gap(body)
    try:
        grad = sp.lambdify(symbols, [sp.diff(gap, s) for s in symbols], modules="mpmath")
    except Exception:  # sympy cannot differentiate or print it: no critical points to try
        return
    for _, start in list(found.suspects[:NEWTON_STARTS]):
        root = _root(grad, start)
        for point in _roundings(root, variables) if root is not None else []:
            if boxes.try_point(point, target, found):
                return


def _root(grad: Callable[..., list], start: Point) -> list[mpmath.mpf] | None:
    """Newton's method on the gradient from start, NEWTON_STEPS steps at most; None if it fails."""
    with mpmath.workdps(40):
        try:
            x0 = [mpmath.mpf(v.numerator) / v.denominator for v in start]
            root = mpmath.findroot(lambda *xs: list(grad(*xs)), x0, maxsteps=NEWTON_STEPS)
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError, NameError):
            # NameError: lambdify printed a function mpmath has no name for (the DiracDelta of a Heaviside's slope)
            return None
    values = list(root) if isinstance(root, mpmath.matrix) else [root]
    return [mpmath.re(v) for v in values] if all(mpmath.isfinite(v) for v in values) else None


def _roundings(root: list[mpmath.mpf], variables: list[Variable]) -> list[Point]:
    """Rationals near the root inside the box: denominators up to 10³, 10⁸, 10²⁰; integers: floor and ceiling."""
    options = []
    for r, v in zip(root, variables, strict=True):
        exact = Fraction(mpmath.nstr(r, 40, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))
        near = [Fraction(math.floor(exact)), Fraction(math.ceil(exact))] if v.integer else [
            exact.limit_denominator(limit) for limit in (10**3, 10**8, 10**20)
        ]  # fmt: skip
        options.append([x for x in dict.fromkeys(near) if v.lo <= x <= v.hi])
    return list(itertools.islice(itertools.product(*options), 8))


def _ball_text(span: Span, bits: int) -> str:
    ball = intervals.hull(span)
    return f"{ball.str(20, radius=False)} (±{float(ball.rad()):.1e}, {bits} bits)"


def _failing(span: Span, bits: int) -> Failing:
    return Failing(_ball_text(span, bits), max(1, int(bits * math.log10(2))))


def _refuted(inst: Instance, body: Inequality | Identity, symbols: list[sp.Symbol], found: Search) -> NumericOutcome:
    """A FAIL at the exact point found: the value there decided by its enclosure (or exactly)."""
    assert found.failure is not None
    point, value = found.failure
    givens = {g.target: g for g in inst.given}
    values = {str(s): _shown(givens.get(s), v) for s, v in zip(symbols, point, strict=True)}
    note = "exact point: " + _point_text(symbols, point)
    how = f"found by {ENCLOSURE_NOTE}: {found.boxes} boxes"
    one = np.array([1.0])
    ev = evidence(inst, how, BatchComparison(one, np.array([1e-300]), one, np.array([True])), 1, note=note)
    n, text, digits = inst.claim.n, value.text, value.digits
    if isinstance(body, Inequality):
        name = "rhs − lhs" if body.op in ("<=", "<") else "lhs − rhs"
        relation = f"{name} {'>' if body.op in ('<', '>') else '≥'} 0"
        cx = Counterexample(n, values, "", text, relation, text, digits, note=note)
        reason = f"violated: {name} = {text} at {_point_text(symbols, point)}, which the samples missed"
    else:
        lhs, rhs = _sides_at(body, symbols, point)
        cx = Counterexample(n, values, rhs, lhs, "=", text, digits, note=note)
        reason = f"the sides differ by {text} at {_point_text(symbols, point)}, which the samples missed"
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"{reason} ({how})")


def _shown(given: Given | None, v: Fraction) -> int | float | str:
    """A coordinate of the point as the counterexample shows it (poles.shown_value: exact where its float misleads)."""
    if v.denominator == 1:
        return int(v)
    return float(v) if given is None else poles.shown_value(given, sp.Rational(v.numerator, v.denominator))


def _point_text(symbols: list[sp.Symbol], point: Point) -> str:
    return ", ".join(f"{s} = {v}" for s, v in zip(symbols, point, strict=True))


def _sides_at(body: Identity, symbols: list[sp.Symbol], point: Point) -> tuple[str, str]:
    """Both sides of the first entry that differs at the point, to 20 digits (for the report only)."""
    exact = {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(symbols, point, strict=True)}
    for a, b in zip(as_matrix(body.lhs), as_matrix(body.rhs), strict=True):
        va, vb = (sp.sympify(side).xreplace(exact) for side in (a, b))
        if va != vb:
            for digits in (20, 40, 80):  # as many as show them apart (1 − 10⁻³⁰ and 1 agree to 20)
                shown = clipped(_n(va, digits), 200), clipped(_n(vb, digits), 200)
                if shown[0] != shown[1]:
                    break
            return shown
    return "?", "?"


def _n(value: sp.Expr, digits: int) -> sp.Expr:
    """value to digits, with working precision to spare for cancellation (sympy's default gave "0.e+22" for
    e²⁰⁰(cosh 200 − sinh 200), which is 1)."""
    return sp.N(value, digits, maxn=enclose.SIGN_PRECISIONS[-1])


def _noted(outcome: NumericOutcome, found: Search, kind: str) -> NumericOutcome:
    if found.settled:
        what = "the gap ≥ 0" if kind == "inequality" else "the residual = 0"
        note = f"{ENCLOSURE_NOTE}: {what} on the whole declared box ({found.boxes} boxes, {boxes.BOX_BITS}-bit arb)"
    else:
        note = f"{ENCLOSURE_NOTE}: no failing point in {found.boxes} boxes ({found.open_left} left open)"
    joined = f"{outcome.evidence.note}; {note}" if outcome.evidence.note else note
    return dataclasses.replace(outcome, evidence=dataclasses.replace(outcome.evidence, note=joined))
