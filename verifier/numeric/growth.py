"""A global growth bound of a function of one real variable, and the Gaussian tail it allows.

To enclose E f(X) for X ~ N(μ, σ²) by integrating over a finite range, the mass outside must be
bounded, which needs a bound on |f| everywhere. This module derives one from the expression's
structure: for every real x,

    f(x) is real and finite, |f(x)| ≤ A·(1 + |x|)^p·e^{c|x|}, and lo ≤ f(x) ≤ hi (where known),

built up node by node (sums add, products multiply, eᵍ is bounded by e^{hi} or by e^{A(1 + |x|)}
for g of linear growth, sin, tanh, erf, sigmoid's 1/(1 + e^{−x}) are bounded, a division needs its
denominator bounded away from 0, a log or a fractional power a base bounded below). Anything else
(tan, a pole, e^{x²}, a function it does not know) raises Unsupported: no bound, so no decision.
Constants are arb balls, so every A, c, lo, hi is a rigorous enclosure, and the tail bound is an
upper bound computed in ball arithmetic (its upper end).

The tail: with x = μ + σt, 1 + |x| ≤ a + σ|t| (a = 1 + |μ|) and e^{c|x|} ≤ e^{c|μ|}e^{γ|t|} (γ = cσ).
Completing the square, e^{γt}φ(t) = e^{γ²/2}φ(t − γ); for s = t − γ ≥ S = R − γ > 0,
a + σt ≤ (a'/S + σ)s with a' = a + σγ, and ∫_S^∞ sᵖe^{−s²/2} ds ≤ S^{p−1}e^{−S²/2}/(1 − q/S²),
q = max(p − 1, 0) (integration by parts, for S² > q). Both tails together:

    ∫_{|t|>R} |f(μ + σt)| φ(t) dt ≤ 2A·e^{c|μ|}·e^{γ²/2}·(a'/S + σ)^p·S^{p−1}e^{−S²/2} / ((1 − q/S²)√(2π)).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy as sp
from flint import arb

from verifier.language.text import clipped
from verifier.numeric import enclose, intervals
from verifier.numeric.enclose import Unsupported

_RANGES: dict[type, tuple[int, int]] = {
    sp.sin: (-1, 1), sp.cos: (-1, 1), sp.tanh: (-1, 1), sp.erf: (-1, 1), sp.erfc: (0, 2),
    sp.sign: (-1, 1), sp.Heaviside: (0, 1),
}  # fmt: skip
MAX_NODES = 400


@dataclass(frozen=True)
class Growth:
    """|g(x)| ≤ A(1 + |x|)^p e^{c|x|} and lo ≤ g(x) ≤ hi for every real x (None: not known)."""

    A: arb
    p: Fraction
    c: arb
    lo: arb | None = None
    hi: arb | None = None

    def bounded(self) -> Growth:
        """The tighter constant bound when both ends are known."""
        if self.lo is None or self.hi is None:
            return self
        return Growth(abs(self.lo).max(abs(self.hi)), Fraction(0), arb(0), self.lo, self.hi)


def _const(v: arb) -> Growth:
    return Growth(abs(v), Fraction(0), arb(0), v, v)


def _number(node: sp.Expr) -> Growth:
    if node.is_real is not True and not node.is_Rational:
        raise Unsupported(f"not a real number: {clipped(node, 40)}")
    ball = intervals.hull(enclose.compile_balls(node, [])([]))
    if not ball.is_finite():
        raise Unsupported(f"no enclosure of {clipped(node, 40)}")
    return _const(ball)


def growth(expr: sp.Expr, x: sp.Symbol) -> Growth:
    """The growth bound of expr as a function of the real variable x (Unsupported if none is derived)."""
    memo: dict[sp.Basic, Growth] = {}

    def walk(node: sp.Basic) -> Growth:
        if node in memo:
            return memo[node]
        if len(memo) > MAX_NODES:
            raise Unsupported(f"more than {MAX_NODES} subexpressions")
        if node == x:
            out = Growth(arb(1), Fraction(1), arb(0))
        elif not node.free_symbols:
            out = _number(node)
        elif node.free_symbols != {x}:
            raise Unsupported(f"other symbols than {x}: {sorted(map(str, node.free_symbols))}")
        else:
            out = _step(node, [walk(a) for a in _operands(node)]).bounded()
        memo[node] = out
        return out

    return walk(sp.sympify(expr))


def _operands(node: sp.Basic) -> tuple[sp.Basic, ...]:
    if isinstance(node, sp.Pow) and node.base.is_number and node.base.is_positive:
        return (node.exp * sp.log(node.base),)  # bˣ = e^{x log b}
    return node.args


def _step(node: sp.Basic, args: list[Growth]) -> Growth:
    if isinstance(node, sp.Add):
        return _add(args)
    if isinstance(node, sp.Mul):
        return _mul(args)
    if isinstance(node, sp.Pow):
        if node.base.is_number and node.base.is_positive:
            return _exp(args[0])
        if not node.exp.is_Rational:
            raise Unsupported("a power with a varying exponent")
        return _power(args[0], Fraction(int(node.exp.p), int(node.exp.q)))
    if isinstance(node, sp.exp):
        return _exp(args[0])
    if isinstance(node, sp.log):
        return _log(args[0])
    if isinstance(node, sp.Abs):
        g = args[0]
        top = abs(g.lo).max(abs(g.hi)) if g.lo is not None and g.hi is not None else None
        return Growth(g.A, g.p, g.c, arb(0), top)
    if isinstance(node, sp.Max | sp.Min):
        return _extremum(args, isinstance(node, sp.Max))
    if isinstance(node, sp.cosh | sp.sinh):
        return _hyperbolic(args[0], isinstance(node, sp.cosh))
    if type(node) in _RANGES:
        lo, hi = _RANGES[type(node)]
        return Growth(arb(max(-lo, hi)), Fraction(0), arb(0), arb(lo), arb(hi))
    raise Unsupported(f"no growth bound for {type(node).__name__}")


def _sum(values: list[arb | None]) -> arb | None:
    total = arb(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _add(args: list[Growth]) -> Growth:
    A = _sum([g.A for g in args])
    assert A is not None
    c = args[0].c
    for g in args[1:]:
        c = c.max(g.c)
    return Growth(A, max(g.p for g in args), c, _sum([g.lo for g in args]), _sum([g.hi for g in args]))


def _mul(args: list[Growth]) -> Growth:
    out = args[0]
    for g in args[1:]:
        lo, hi = _range_product(out, g)
        out = Growth(out.A * g.A, out.p + g.p, out.c + g.c, lo, hi)
    return out


def _range_product(f: Growth, g: Growth) -> tuple[arb | None, arb | None]:
    """The range of a product: exact for a constant factor or two known ranges, 0 below two nonnegatives."""
    for k, h in ((f, g), (g, f)):
        if k.lo is not None and k.lo is k.hi and (k.lo >= 0 or k.lo <= 0):  # a constant of known sign
            ends = (None if h.lo is None else k.lo * h.lo, None if h.hi is None else k.lo * h.hi)
            return ends if k.lo >= 0 else (ends[1], ends[0])
    if None not in (f.lo, f.hi, g.lo, g.hi):
        ps = [a * b for a in (f.lo, f.hi) for b in (g.lo, g.hi)]  # type: ignore[operator]
        lo, hi = ps[0], ps[0]
        for v in ps[1:]:
            lo, hi = lo.min(v), hi.max(v)
        return lo, hi
    if f.lo is not None and g.lo is not None and f.lo >= 0 and g.lo >= 0:
        top = f.hi * g.hi if f.hi is not None and g.hi is not None else None
        return f.lo * g.lo, top
    return None, None


def _power(g: Growth, e: Fraction) -> Growth:
    """gᵉ for a rational e: an integer power anywhere, a fractional one of a base ≥ 0, a negative one
    of a base bounded away from 0."""
    if e.denominator != 1 and not (g.lo is not None and g.lo >= 0):
        raise Unsupported("a fractional power of a base not shown to be ≥ 0")
    if e > 0:
        ends = _power_range(g, e)
        return Growth(_rpow(g.A, e), g.p * e, g.c * arb(e.numerator) / e.denominator, *ends)
    if g.lo is not None and g.lo > 0:
        least, sign = g.lo, 1
    elif g.hi is not None and g.hi < 0 and e.denominator == 1:
        least, sign = -g.hi, (-1) ** (e.numerator % 2)
    else:
        raise Unsupported("a division by something not bounded away from 0")
    top = _rpow(least, e)
    return Growth(top, Fraction(0), arb(0), -top if sign < 0 else arb(0), top)


def _rpow(v: arb, e: Fraction) -> arb:
    if e.denominator == 1:
        return v ** int(e.numerator)
    return v ** (arb(e.numerator) / e.denominator)


def _power_range(g: Growth, e: Fraction) -> tuple[arb | None, arb | None]:
    if g.lo is not None and g.lo >= 0:
        return _rpow(g.lo, e), None if g.hi is None else _rpow(g.hi, e)
    if e.denominator == 1 and e.numerator % 2 == 0:
        top = None if g.lo is None or g.hi is None else _rpow(abs(g.lo).max(abs(g.hi)), e)
        return arb(0), top
    if e.denominator == 1:  # odd: increasing
        return None if g.lo is None else _rpow(g.lo, e), None if g.hi is None else _rpow(g.hi, e)
    return None, None


def _exp(g: Growth) -> Growth:
    lo = arb(0) if g.lo is None else g.lo.exp()
    if g.hi is not None:
        return Growth(g.hi.exp(), Fraction(0), arb(0), lo, g.hi.exp())
    if g.p <= 1 and g.c == 0:  # |g| ≤ A(1 + |x|), so eᵍ ≤ e^A·e^{A|x|}
        return Growth(g.A.exp(), Fraction(0), g.A, lo, None)
    raise Unsupported("an exponential of something growing faster than linearly")


def _log(g: Growth) -> Growth:
    if g.lo is None or not g.lo > 0:
        raise Unsupported("a log of something not bounded away from 0")
    bottom = g.lo.log()
    top = None if g.hi is None else g.hi.log()
    # log g ≤ log A + p·log(1 + |x|) + c|x| ≤ (log⁺A + p + c)(1 + |x|), and log g ≥ log lo
    size = abs(bottom) + g.A.log().max(arb(0)) + arb(g.p.numerator) / g.p.denominator + g.c
    return Growth(size, Fraction(1), arb(0), bottom, top)


def _extremum(args: list[Growth], is_max: bool) -> Growth:
    A = _sum([g.A for g in args])
    assert A is not None
    c = args[0].c
    for g in args[1:]:
        c = c.max(g.c)
    lows, highs = [g.lo for g in args], [g.hi for g in args]
    pick = arb.max if is_max else arb.min
    if is_max:  # max ≥ each argument's lower end; ≤ the largest upper end if all are known
        known = [v for v in lows if v is not None]
        lo, hi = _fold(known, pick), (None if None in highs else _fold(highs, pick))
    else:
        known = [v for v in highs if v is not None]
        lo, hi = (None if None in lows else _fold(lows, pick)), _fold(known, pick)
    return Growth(A, max(g.p for g in args), c, lo, hi)


def _fold(values: list, pick: object) -> arb | None:
    if not values:
        return None
    out = values[0]
    for v in values[1:]:
        out = pick(out, v)  # type: ignore[operator]
    return out


def _hyperbolic(g: Growth, is_cosh: bool) -> Growth:
    if g.lo is not None and g.hi is not None:
        m = abs(g.lo).max(abs(g.hi)).cosh()
        return Growth(m, Fraction(0), arb(0), arb(1) if is_cosh else -m, m)
    if g.p <= 1 and g.c == 0:  # |sinh g|, cosh g ≤ e^{|g|} ≤ e^A·e^{A|x|}
        return Growth(g.A.exp(), Fraction(0), g.A, arb(1) if is_cosh else None, None)
    raise Unsupported("a hyperbolic function of something growing faster than linearly")


def gaussian_tail(g: Growth, mu: arb, sigma: arb, R: arb) -> arb:
    """An upper bound (a ball whose upper end bounds it) on ∫_{|t|>R} |f(μ + σt)| φ(t) dt; nan if the
    bound does not apply (R not beyond the shift γ = cσ plus the margin the formula needs)."""
    p = arb(g.p.numerator) / g.p.denominator
    gamma = g.c * sigma
    S = R - gamma
    q = (p - 1).max(arb(0))
    if not (S > 1 and 2 * q < S * S):
        return arb("nan")
    a_shift = 1 + abs(mu) + sigma * gamma
    K = (a_shift / S + sigma) ** p if g.p else arb(1)
    I_p = S ** (p - 1) * (-(S * S) / 2).exp() / (1 - q / (S * S))
    total = 2 * g.A * (g.c * abs(mu)).exp() * (gamma * gamma / 2).exp() * K * I_p / (2 * arb.pi()).sqrt()
    return arb(total.upper())
