"""An inequality in one symbol that fails only next to an end of its domain (issue 37).

sin x ≤ x − 10⁻³⁰ on (0, 1] fails for x below 1.8·10⁻¹⁰ only: no sample lands there, the critical
point of the gap (x = 0) is not in the domain, and interval arithmetic over a box [0, h] loses the
gap x − sin x ≈ x³/6 to its dependency problem. Near an end, though, a gap whose limit there is on
the wrong side is on the wrong side at points close enough. So the gap's sign is decided rigorously
(arb: enclose.sign_at, up to 6144 bits) at exact points that approach each finite end of the domain
geometrically, end ± w·2^−k for k = 4, 8, 16, …, 512 (w the domain's width, or 1): a point where
the gap's enclosure is below 0 (or exactly 0 for a strict inequality) is a counterexample, exact and
in the domain. This only refutes; a gap it cannot enclose (a function arb does not know) is left
alone.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verifier.language.claims import Given
from verifier.numeric import enclose
from verifier.numeric.checks import poles
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.enclose import Unsupported
from verifier.outcome import Counterexample
from verifier.trusted.instantiate import Instance

STEPS = (4, 8, 16, 32, 64, 128, 256, 512)
PRECISIONS = (64, 256, 1024)


def _ends(domain: object) -> list[tuple[Fraction, int]]:
    """(end, direction into the domain) for each finite end of an Interval or of (0, ∞)."""
    kind = type(domain).__name__
    if kind in ("Positive", "Nonnegative"):
        return [(Fraction(0), 1)]
    if kind != "Interval":
        return []
    ends = [poles.exact_end(domain.lo), poles.exact_end(domain.hi)]  # type: ignore[attr-defined]  # as the domain reads them
    if not all(e.is_Rational for e in ends):
        return []
    lo, hi = (Fraction(int(e.p), int(e.q)) for e in ends)
    return [(lo, 1), (hi, -1)] if hi > lo else []


def probe(inst: Instance, small: sp.Expr, big: sp.Expr, strict: bool, op: str) -> Finding:
    """A point near an end of the domain where the inequality fails, decided in arb; else nothing."""
    if len(inst.symbols) != 1 or len(inst.given) != 1:
        return Finding()
    x, given = inst.symbols[0], inst.given[0]
    gap = sp.sympify(big - small)
    if gap.free_symbols != {x}:
        return Finding()
    try:
        fn = enclose.compile_balls(gap, [x])
    except Unsupported:
        return Finding()
    ends = _ends(given.domain)
    width = ends[1][0] - ends[0][0] if len(ends) == 2 else Fraction(1)
    for end, into in ends:
        for k in STEPS:
            point = end + into * width / 2**k
            sign, span, bits = enclose.sign_at(fn, [point], PRECISIONS)
            inside = poles._inside(given, sp.Rational(point.numerator, point.denominator))
            if (sign == -1 or (strict and sign == 0)) and inside:
                return _finding(inst.claim.n, given, point, span, bits, op, end)
    return Finding()


def _finding(n: int | None, given: Given, point: Fraction, span: object, bits: int, op: str, end: Fraction) -> Finding:
    label = given.label
    gap = "lhs − rhs" if op in ("<=", "<") else "rhs − lhs"  # small − big, the negated gap
    with enclose.precision(bits):
        upper = enclose.intervals.hull(span).upper()  # type: ignore[arg-type]
        value = f"≥ {(-upper).str(3, radius=False)}" if upper < 0 else "= 0"
    exact = sp.sstr(sp.Rational(point.numerator, point.denominator))
    shown = poles.shown_value(given, sp.Rational(point.numerator, point.denominator))
    reason = f"violated at {label} = {exact}, approaching the end {end} of the domain: {gap} {value} (arb, {bits}-bit)"
    cx = Counterexample(
        n=n, values={label: shown}, claimed=f"{gap} {'<' if op in ('<', '>') else '≤'} 0",
        observed=value, relation=op, error=value, digits=bits * 3 // 10,  # an arb enclosure at `bits`, not exact
        note=f"{label} = {exact} ≈ {float(point):.6g}; the gap there is {value}, enclosed in arb",
    )  # fmt: skip
    return Finding(cx, reason, exact={poles.symbol_of(given): sp.Rational(point.numerator, point.denominator)})
