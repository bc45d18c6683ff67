"""Certified expectations of one real random variable: E f(X) enclosed in an arb ball.

The integral is arb's (acb.integral: Gauss–Legendre with error bounds from the integrand's
size on complex ellipses, bisecting where it cannot bound it), so the ball contains the exact
value. The integrand is compiled by :mod:`.enclose` in its complex form, which forwards arb's
`analytic` flag to every function with a kink or a branch cut (|·|, max, min, sign, log,
fractional powers): on a segment where such a function is not analytic the integrator bounds
it instead of expanding it, and bisects towards the kink. So a kink needs no split, wherever it
lies (an irrational point, a parameter's value); it only costs bisections.

- X ~ U[a, b]: E f(X) = ∫₀¹ f(a + (b − a)u) du, after f is shown real and finite on [a, b] by
  interval arithmetic on pieces of it (a pole, a log of 0 or a root of a negative: refused).
- X ~ N(μ, 0), the point mass at μ: f(μ). A parameter's domain that reaches σ² = 0 sent the whole claim to
  Monte Carlo, whose tolerance near 10⁻² passed E eˣ = e^{μ + σ²/2} + 10⁻⁴.
- X ~ N(μ, σ²): ∫_{−R}^{R} f(μ + σt) φ(t) dt, plus a ball of the radius of the tails' bound
  (:mod:`.growth`: a global bound on |f| from the expression, and the Gaussian tail in closed
  form); R is chosen so that the tails are below 2^−bits. No growth bound: refused.

A refusal is :class:`~verifier.numeric.enclose.Unsupported`, with the reason; an integral arb
cannot bring below the width asked for (an integrand too oscillatory for the evaluation limit)
comes back wide, and the caller decides what width is enough.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy as sp
from flint import acb, arb

from verifier.language.text import clipped
from verifier.numeric import enclose, growth, intervals
from verifier.numeric.enclose import Unsupported
from verifier.numeric.intervals import Span

EVAL_LIMIT = 30_000  # integrand evaluations per integral: past this arb returns what it has (a wide ball)
PIECES = 16  # pieces of [a, b] on which a uniform integrand is shown real and finite
SPLITS = 4  # bisections of a piece whose enclosure is not finite, before refusing


def ball(value: sp.Expr) -> arb:
    """A real constant (no free symbols) as an arb ball; Unsupported if it has none or is not finite."""
    span = enclose.compile_balls(sp.sympify(value), [])([])
    out = intervals.hull(span)
    if not out.is_finite():
        raise Unsupported(f"{clipped(value, 40)} is not a finite real number")
    return out


def _integrate(fn: Callable[[acb, bool], acb], a: int, b: int) -> arb:
    """∫_a^b fn, which must be real on the path: the real part, or Unsupported if the imaginary is not 0."""
    value = acb.integral(fn, a, b, eval_limit=EVAL_LIMIT)
    if not value.is_finite() or 0 not in value.imag:
        raise Unsupported("the integral is not finite and real")
    return value.real


def uniform_mean(f: sp.Expr, x: sp.Symbol, a: sp.Expr, b: sp.Expr, bits: int) -> arb:
    """E f(X) for X ~ U[a, b], at bits of precision."""
    with enclose.precision(bits):
        lo, hi = ball(a), ball(b)
        if not hi > lo:
            raise Unsupported("U[a, b] needs b > a")
        _real_on(enclose.compile_balls(f, [x]), lo, hi)
        fn = enclose.compile_balls(f, [x], complex_=True)
        start, width = acb(lo), acb(hi - lo)
        return _integrate(lambda u, analytic: fn([start + width * u], analytic), 0, 1)


def _real_on(fn: Callable[[Sequence[Span]], Span], lo: arb, hi: arb) -> None:
    """Unsupported unless f's interval enclosure is finite on every piece of [lo, hi] (bisecting up to SPLITS
    times): then f is real and bounded there, as sympy reads it."""
    width = hi - lo
    todo = [(lo + width * i / PIECES, lo + width * (i + 1) / PIECES, 0) for i in range(PIECES)]
    while todo:
        left, right, depth = todo.pop()
        if enclose.finite(fn([(left, right)])):
            continue
        if depth >= SPLITS:
            mid = float((left + right).mid()) / 2
            raise Unsupported(f"not shown real and finite near x = {mid:.6g}")
        middle = (left + right) / 2
        todo += [(left, middle, depth + 1), (middle, right, depth + 1)]


def gaussian_mean(f: sp.Expr, x: sp.Symbol, mean: sp.Expr, variance: sp.Expr, bits: int) -> arb:
    """E f(X) for X ~ N(mean, variance), at bits of precision, the tails included in the radius."""
    with enclose.precision(bits):
        mu, var = ball(mean), ball(variance)
        if var.is_zero():  # N(μ, 0) is the point mass at μ (a law with variance ≥ 0): E f(X) = f(μ)
            return _at_point(f, x, mu)
        if not var > 0:
            raise Unsupported("N(μ, σ²) needs σ² > 0")
        sigma = var.sqrt()
        bound = growth.growth(f, x)
        R, tail = _tail_radius(bound, mu, sigma, bits)
        fn = enclose.compile_balls(f, [x], complex_=True)
        shift, scale = acb(mu), acb(sigma)
        weight = 1 / (2 * arb.pi()).sqrt()

        def integrand(t: acb, analytic: bool) -> acb:
            return fn([shift + scale * t], analytic) * (-(t * t) / 2).exp() * weight

        body = _integrate(integrand, -R, R)
        return body + arb(0, tail.upper())


def _at_point(f: sp.Expr, x: sp.Symbol, at: arb) -> arb:
    """f(at) as a ball: the expectation under a point mass; Unsupported where f is not real and finite there, or
    holds a step: the caller writes a Piecewise in the noise as steps, equal but where the switch is 0, a set of
    measure zero for a density, which a point mass may sit on (E 1[X ≥ 0] is 1 under N(0, 0), H(0) is ½)."""
    if f.has(sp.Heaviside):
        raise Unsupported("a step at the mean of N(μ, 0): its value at the switch is not the Piecewise's")
    value = intervals.hull(enclose.compile_balls(f, [x])([(at, at)]))
    if not value.is_finite():
        raise Unsupported(f"{clipped(f, 40)} is not real and finite at the mean of N(μ, 0)")
    return value


def _tail_radius(bound: growth.Growth, mu: arb, sigma: arb, bits: int) -> tuple[int, arb]:
    """An integer R with the tails' bound below 2^−bits (or the smallest bound tried), and that bound."""
    gamma = float((bound.c * sigma).upper())
    base = math.sqrt(2 * bits * math.log(2)) + 2
    target = arb(2) ** -bits
    best: tuple[int, arb] | None = None
    for stretch in (1.0, 1.25, 1.6, 2.2):
        R = math.ceil(gamma + base * stretch)
        tail = growth.gaussian_tail(bound, mu, sigma, arb(R))
        if not tail.is_finite():
            continue
        best = (R, tail)
        if tail < target:
            break
    if best is None:
        raise Unsupported("no bound on the Gaussian tails")
    return best
