"""An inequality in one symbol, decided exactly at the critical points of its gap (issue 37).

x log x > −1/e fails at one point, x = 1/e, where the gap is exactly 0: no float sample lands
there, and none could decide a gap of exactly 0 if it did. A one-symbol inequality's gap
big − small is smallest at a critical point (its derivative is 0, or it has none: a kink of |·|,
max or min, as |x − π/4| at π/4) or at an end of the domain; a strict one fails where the gap is
0. So those points are solved for exactly (sympy's solveset, bounded in size as in poles.py) and the
gap is evaluated there exactly. A gap < 0, or = 0 for a strict inequality, at a point shown to lie
in the domain is a counterexample decided exactly. A point whose sign sympy cannot decide proves
nothing and is passed over. This only refutes: a claim that survives it is as it was.

The gap's sign at a point is first asked of ball arithmetic (arb, real operations only, so a ball that
is finite is real): an enclosure of the point, then of the gap at every number of that ball. An
enclosure that excludes 0 decides the sign rigorously, at once; only a gap of exactly 0 (or one arb
cannot separate from 0) goes to sympy's simplify, within SIGN_BUDGET heartbeats of work. A root of a
quartic in radicals is thousands of characters; the point and the gap are shown by their value.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.evalf import PrecisionExhausted

from verifier.language.claims import Given
from verifier.numeric import confirm, enclose, intervals
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.jumps import boundaries
from verifier.numeric.checks.poles import (
    MAX_OPS,
    MAX_POINTS,
    _inside,
    _window,
    exact_end,
    shown_value,
    solve_bounded,
    symbol_of,
)
from verifier.outcome import Counterexample
from verifier.strategies import budget
from verifier.trusted.instantiate import Instance

MAX_GAP_OPS = 60
SIGN_BITS = (64, 192, 640)  # the precisions at which ball arithmetic is asked the gap's sign
SIGN_BUDGET = 200  # heartbeats of work for sympy's simplify of the gap at one point (counted, not timed)
SHOWN_CHARS = 60  # an exact form longer than this is shown by its value


def probe(inst: Instance, small: sp.Expr, big: sp.Expr, strict: bool, op: str) -> Finding:
    """A point of the domain where the inequality fails, decided exactly; else nothing."""
    if len(inst.symbols) != 1 or len(inst.given) != 1:
        return Finding()
    x, given = inst.symbols[0], inst.given[0]
    gap = big - small
    if gap.free_symbols != {x} or sp.count_ops(gap) > MAX_GAP_OPS:
        return Finding()
    read, widened = confirm.decimal_gap(gap, big, small)  # with decimals: a failure beyond their rounding only
    strict = strict and not widened
    for point in _points(gap, x, given, strict):
        certified = _ball_sign(read, x, point)
        if certified is not None:
            sign, shown, bits = certified
            if sign < 0 and widened:  # shown: the gap itself, not widened (it is below 0 where the widened one is)
                sign, shown, bits = _ball_sign(gap, x, point) or (0, shown, bits)
            if sign < 0:
                return finding(inst.claim.n, given, point, shown, op, bits)
            continue
        if widened:  # sympy would compute with the decimals' floats at 15 digits: only a certified sign counts
            continue
        try:
            value = _simplified(gap.xreplace({x: point}))
        except TypeError:  # sympy refuses an order of a non-real number there (i > 1): no sign to decide here
            continue
        if value is None or not value.is_real:
            continue
        if value.is_negative or (strict and value.is_zero):
            return finding(inst.claim.n, given, point, sp.sstr(value), op)
    return Finding()


def _ball_sign(gap: sp.Expr, x: sp.Symbol, point: sp.Expr) -> tuple[int, str, int] | None:
    """The gap's sign at the point (+1 or −1), its value as shown and the bits that decided it, by real ball
    arithmetic; None if arb cannot decide it (a gap of 0, a point with complex steps, a function it lacks)."""
    try:
        where, fn = enclose.compile_balls(point, []), enclose.compile_balls(gap, [x])
    except enclose.Unsupported:
        return None
    for bits in SIGN_BITS:
        with enclose.precision(bits):
            try:
                at = intervals.hull(where([]))
                span = fn([intervals.point(at)]) if at.is_finite() else enclose.NAN
            except (ZeroDivisionError, ValueError, OverflowError):
                return None
            if not enclose.finite(span):
                return None
            if span[0] > 0 or span[1] < 0:
                value = intervals.hull(span)
                return (1 if span[0] > 0 else -1), value.mid().str(8, radius=False), bits
    return None


def _simplified(value: sp.Expr) -> sp.Expr | None:
    """sympy's simplify of the gap at a point, within SIGN_BUDGET heartbeats; None if it runs out, or if sympy
    cannot tell the sign of a part at any precision it tries (⌊e⁸⁰⁰·x⌋ at x = √2: PrecisionExhausted)."""
    try:
        with budget.budget(SIGN_BUDGET):
            return sp.simplify(value)
    except (budget.BudgetExceeded, PrecisionExhausted):
        return None


def _points(gap: sp.Expr, x: sp.Symbol, given: object, strict: bool) -> list[sp.Expr]:
    """The critical points of the gap in the domain (where its slope is 0, and its kinks, where it has
    none), the zeros of the gap itself for a strict inequality, and the domain's closed ends."""
    points: list[sp.Expr] = []
    for condition in _factors([sp.diff(gap, x), *_kinks(gap), *([gap] if strict else [])], x):
        if sp.count_ops(condition) > MAX_OPS:
            continue
        found = solve_bounded(condition, x, _window(given))  # type: ignore[arg-type]
        if isinstance(found, sp.FiniteSet):
            points += [p for p in found if p.is_real]
    domain = getattr(given, "domain", None)
    for end, is_open in (("lo", "open_lo"), ("hi", "open_hi")):
        value = getattr(domain, end, None)
        if isinstance(value, int | float | sp.Rational) and not getattr(domain, is_open, True):
            points.append(exact_end(value))
    return [p for p in dict.fromkeys(points) if _inside(given, p)][:MAX_POINTS]  # type: ignore[arg-type]


def _factors(conditions: list[sp.Expr], x: sp.Symbol) -> list[sp.Expr]:
    """Each condition, a product's factors in place of the product: solveset gives up on xˣ(log x + 1) = 0 but
    solves log x + 1 = 0 (and a factor with no zero, xˣ, has none to add). The product's zeros are its factors'
    (where the others are finite), so it is not solved again: 2000 sin(1000x) cos(1000x) = 0 on [0, 1] has 637,
    each checked against the domain by solveset, and then each factor's again."""
    out: list[sp.Expr] = []
    for c in conditions:
        factors = [f for f in c.args if f.has(x)] if isinstance(c, sp.Mul) else []
        out += factors or [c]
    return list(dict.fromkeys(out))


def _kinks(gap: sp.Expr) -> list[sp.Expr]:
    """Expressions whose zeros are the gap's kinks: |u| at u = 0, max(a, b) and min(a, b) at a = b; and its
    jumps, where the value may be taken on one side only: sign(u) and Heaviside(u) at u = 0, a Piecewise at the
    boundary a = b of each relation of its conditions (red team 140: [x² ≥ 2] ≤ [x² > 2] was CHECKED)."""
    out: list[sp.Expr] = [node.args[0] for node in gap.atoms(sp.Abs, sp.sign, sp.Heaviside)]
    for node in gap.atoms(sp.Max, sp.Min):
        out += [u - v for u, v in zip(node.args, node.args[1:], strict=False)]
    return list(dict.fromkeys(out + boundaries([gap])))


def finding(n: int | None, given: Given, point: sp.Expr, value: str, op: str, bits: int = 0) -> Finding:
    """value: the gap at the point, exact (bits 0) or the midpoint of an arb enclosure at bits that excludes 0."""
    label = given.label
    gap = "lhs − rhs" if op in ("<=", "<") else "rhs − lhs"
    negated = value[1:] if value.startswith("-") else f"-{value}"
    at = _shown(point)
    there = f"exactly {value}" if not bits else f"{value}, its sign certified by arb at {bits} bits"
    reason = f"violated at {label} = {at}, a critical point found exactly: {gap} = {negated}"
    cx = Counterexample(
        n=n, values={label: shown_value(given, point)}, claimed=f"{gap} {'<' if op in ('<', '>') else '≤'} 0",
        observed=negated, relation=op, error=value.lstrip("-"), digits=0 if not bits else int(bits / 3.33),
        note=f"{label} = {at} ≈ {float(point):.6g}; the gap there is {there}",
    )  # fmt: skip
    return Finding(cx, reason, exact={symbol_of(given): point})


def _shown(point: sp.Expr) -> str:
    """The point exactly if its form is short, else by its value (a root of a quartic in radicals)."""
    text = sp.sstr(point)
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{sp.N(point, 17)} (an exact root; its closed form is {len(text):,} characters)"
