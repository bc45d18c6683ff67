"""Real interval arithmetic with arb endpoints: a Span (a, b) stands for [a.lower(), b.upper()].

Ball arithmetic alone is loose on wide inputs (the square of [1, 3] as a ball is 4 ± 5) and
its radius is rounded up, so a box [0, 1] becomes [−10⁻⁹, 1 + 10⁻⁹] and √ of it is nan. Here
each endpoint is its own tight ball: a box's sides are exact, monotone functions take their
endpoints' values, products the least and greatest of the four endpoint products, even powers
and |·| start at 0 when the span contains 0; anything else (sin, tan, Γ, ...) is arb's ball
over the whole span. A nan endpoint makes the span undefined: no information.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from flint import arb, fmpq

Span = tuple[arb, arb]


def point(value: arb) -> Span:
    return (value, value)


def hull(span: Span) -> arb:
    """One ball that contains the whole span."""
    a, b = span
    return a if a is b else a.union(b)


def add(x: Span, y: Span) -> Span:
    return (x[0] + y[0], x[1] + y[1])


def mul(x: Span, y: Span) -> Span:
    if x[0] is x[1] and y[0] is y[1]:
        p = x[0] * y[0]
        return (p, p)
    products = [x[0] * y[0], x[0] * y[1], x[1] * y[0], x[1] * y[1]]
    lo, hi = products[0], products[0]
    for p in products[1:]:
        lo, hi = lo.min(p), hi.max(p)
    return (lo, hi)


def _positive(x: Span) -> bool:
    return bool(x[0] > 0)


def _negative(x: Span) -> bool:
    return bool(x[1] < 0)


def reciprocal(x: Span) -> Span:
    if _positive(x) or _negative(x):
        return (1 / x[1], 1 / x[0])
    return (arb("nan"), arb("nan"))


def _ipow(v: arb, k: int) -> arb:
    """v**k for k >= 1 by squaring (arb's own power says nan for a ball that contains 0)."""
    out, base = arb(1), v
    while k:
        if k & 1:
            out = out * base
        base, k = base * base, k >> 1
    return out


def power(x: Span, k: int) -> Span:
    """x**k for an integer k, tight: even powers of a span that contains 0 start at 0."""
    if k == 0:
        return (arb(1), arb(1))
    if k < 0:
        return reciprocal(power(x, -k))
    a, b = _ipow(x[0], k), _ipow(x[1], k)
    if k % 2 or _positive(x):
        return (a, b)
    if _negative(x):
        return (b, a)
    return (arb(0), a.max(b))


def increasing(fn: Callable[[arb], arb]) -> Callable[[Span], Span]:
    return lambda x: (fn(x[0]), fn(x[1]))


def decreasing(fn: Callable[[arb], arb]) -> Callable[[Span], Span]:
    return lambda x: (fn(x[1]), fn(x[0]))


def over_hull(fn: Callable[[arb], arb]) -> Callable[[Span], Span]:
    def run(x: Span) -> Span:
        value = fn(hull(x))
        return (value, value)

    return run


def absolute(x: Span) -> Span:
    if _positive(x) or bool(x[0] >= 0):
        return x
    if _negative(x) or bool(x[1] <= 0):
        return (-x[1], -x[0])
    return (arb(0), (-x[0]).max(x[1]))


def cosh(x: Span) -> Span:
    return increasing(arb.cosh)(absolute(x))


def heaviside(v: arb) -> arb:
    """sympy's Heaviside at one endpoint: 0 below 0, 1/2 at 0, 1 above (nondecreasing)."""
    if v > 0:
        return arb(1)
    if v < 0:
        return arb(0)
    if v.is_exact() and v.is_zero():
        return arb(fmpq(1, 2))
    return arb(0).union(arb(1))


def real_power(x: Span, e: sp.Expr, exponent: Span) -> Span:
    """x**e: integer e tight; a fixed rational e > 0 increasing on [0, ∞), e < 0 decreasing on (0, ∞);
    a varying exponent as exp(e·log x). A base that reaches below 0 is nan: sympy's power is complex there."""
    if e.is_Integer:
        return power(x, int(e))
    nan = (arb("nan"), arb("nan"))
    if not e.is_Rational:
        return increasing(arb.exp)(mul(exponent, increasing(arb.log)(x)))
    fixed = exponent[0]
    if e > 0:
        if not bool(x[0] >= 0):
            return nan
        return increasing(lambda v: _root_power(v, fixed, e == sp.S.Half))(x)
    return decreasing(lambda v: v**fixed)(x) if _positive(x) else nan


def _root_power(v: arb, fixed: arb, square_root: bool) -> arb:
    """v**e for one endpoint v >= 0 and e > 0 (a ball that reaches 0: from 0 to its upper end's power)."""
    if v.is_exact() and v.is_zero():
        return arb(0)
    if not v > 0:
        return arb(0).union(v.upper().sqrt() if square_root else v.upper() ** fixed)
    return v.sqrt() if square_root else v**fixed


def maximum(x: Span, y: Span) -> Span:
    return (x[0].max(y[0]), x[1].max(y[1]))


def minimum(x: Span, y: Span) -> Span:
    return (x[0].min(y[0]), x[1].min(y[1]))


REAL: dict[type, Callable[[Span], Span]] = {
    sp.exp: increasing(arb.exp), sp.log: increasing(arb.log), sp.atan: increasing(arb.atan),
    sp.asin: increasing(arb.asin), sp.acos: decreasing(arb.acos), sp.sinh: increasing(arb.sinh),
    sp.tanh: increasing(arb.tanh), sp.asinh: increasing(arb.asinh), sp.acosh: increasing(arb.acosh),
    sp.atanh: increasing(arb.atanh), sp.erf: increasing(arb.erf), sp.erfc: decreasing(arb.erfc),
    sp.floor: increasing(arb.floor), sp.ceiling: increasing(arb.ceil), sp.sign: increasing(arb.sgn),
    sp.Heaviside: increasing(heaviside), sp.Abs: absolute, sp.cosh: cosh,
    sp.sin: over_hull(arb.sin), sp.cos: over_hull(arb.cos), sp.tan: over_hull(arb.tan),
    sp.cot: over_hull(arb.cot), sp.sec: over_hull(arb.sec), sp.csc: over_hull(arb.csc),
    sp.coth: over_hull(arb.coth), sp.gamma: over_hull(arb.gamma),
}  # fmt: skip
