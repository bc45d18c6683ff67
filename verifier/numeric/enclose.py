"""Validated enclosures of sympy expressions in ball arithmetic (python-flint's arb and acb).

An enclosure is a ball that contains the exact value of the expression for every value of
its symbols in their input balls; arb guarantees it for every operation, rounding included.
A non-finite ball means "no information" (a division by a ball that contains 0, a log of a
ball that reaches 0 or below, a power of a negative base with a fractional exponent: sympy
calls those values complex or undefined, and arb says nan), never a value. The compiled
form walks the expression's DAG once per call, each shared subexpression once.

Only the functions listed below are compiled; anything else raises Unsupported, so no
enclosure is ever made of a function whose meaning arb and sympy might not share. The
complex form (acb) is for integrands: functions with branch cuts or kinks take arb's
`analytic` flag, so that the integrator never treats them as analytic across a cut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

import flint
import sympy as sp
from flint import acb, arb, fmpq

from verifier.language.text import clipped
from verifier.numeric import intervals
from verifier.numeric.intervals import Span

Ball = Any  # flint.arb or flint.acb
Compiled = Callable[[Sequence[Ball]], Ball]
MAX_NODES = 2000


class Unsupported(ValueError):
    """The expression uses something that has no validated enclosure here."""


@contextmanager
def precision(bits: int) -> Iterator[None]:
    """flint's working precision, restored afterwards."""
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def exact(value: Fraction | sp.Rational | int) -> arb:
    """A rational as a ball (exact when it is dyadic and short; else the tightest ball at the precision)."""
    q = Fraction(int(value.p), int(value.q)) if isinstance(value, sp.Rational) else Fraction(value)
    if q.denominator == 1:
        return arb(flint.fmpz(q.numerator))
    return arb(fmpq(q.numerator, q.denominator))


_COMPLEX: dict[type, Callable[[acb, bool], acb]] = {
    sp.exp: lambda z, a: z.exp(), sp.sin: lambda z, a: z.sin(), sp.cos: lambda z, a: z.cos(),
    sp.tan: lambda z, a: z.tan(), sp.sinh: lambda z, a: z.sinh(), sp.cosh: lambda z, a: z.cosh(),
    sp.tanh: lambda z, a: z.tanh(), sp.erf: lambda z, a: z.erf(), sp.erfc: lambda z, a: z.erfc(),
    sp.log: lambda z, a: z.log(analytic=a), sp.Abs: lambda z, a: z.real_abs(analytic=a),
    sp.sign: lambda z, a: z.real_sgn(analytic=a), sp.floor: lambda z, a: z.real_floor(analytic=a),
    sp.ceiling: lambda z, a: z.real_ceil(analytic=a), sp.Heaviside: lambda z, a: z.real_heaviside(analytic=a),
}  # fmt: skip
_CONSTANTS: dict[sp.Basic, Callable[[], arb]] = {
    sp.pi: arb.pi, sp.E: arb.const_e, sp.EulerGamma: arb.const_euler, sp.Catalan: arb.const_catalan,
}  # fmt: skip


def _nodes(expr: sp.Expr) -> list[sp.Basic]:
    """The DAG's distinct nodes, each after its arguments."""
    order: list[sp.Basic] = []
    seen: set[sp.Basic] = set()

    def visit(node: sp.Basic) -> None:
        if node in seen:
            return
        for arg in node.args:
            visit(arg)
        seen.add(node)
        order.append(node)
        if len(order) > MAX_NODES:
            raise Unsupported(f"more than {MAX_NODES} distinct subexpressions")

    visit(sp.sympify(expr))
    return order


def _leaf(node: sp.Basic, complex_: bool) -> Ball:
    if node.is_Rational:
        value = exact(node)
    elif isinstance(node, sp.Float):
        value = exact(sp.Rational(node))
    elif node in _CONSTANTS:
        value = _CONSTANTS[node]()
    else:
        raise Unsupported(f"no enclosure for {clipped(node, 60)}")
    return acb(value) if complex_ else intervals.point(value)


def _step(node: sp.Basic, args: list[Ball], complex_: bool, analytic: bool) -> Ball:
    """One node's ball from its arguments' balls."""
    if isinstance(node, sp.Add):
        return _fold(args, (lambda a, b: a + b) if complex_ else intervals.add)
    if isinstance(node, sp.Mul):
        return _fold(args, (lambda a, b: a * b) if complex_ else intervals.mul)
    if isinstance(node, sp.Pow):
        e = node.exp
        if complex_:
            return _complex_power(args[0], e, args[1], analytic)
        return intervals.real_power(args[0], e, args[1])
    if isinstance(node, sp.Max | sp.Min):
        if complex_:
            pick = acb.real_max if isinstance(node, sp.Max) else acb.real_min
            return _fold(args, lambda a, b: pick(a, b, analytic=analytic))
        return _fold(args, intervals.maximum if isinstance(node, sp.Max) else intervals.minimum)
    if isinstance(node, sp.Heaviside):  # Heaviside(g) is Heaviside(g, 1/2): both tables take H(0) = 1/2
        if node.args[1:] != (sp.S.Half,):
            raise Unsupported("no enclosure for a Heaviside whose value at 0 is not 1/2")
        args = args[:1]
    table: dict[type, Any] = _COMPLEX if complex_ else intervals.REAL
    fn = table.get(type(node))
    if fn is None or len(args) != 1:
        raise Unsupported(f"no enclosure for {type(node).__name__}")
    return fn(args[0], analytic) if complex_ else fn(args[0])


def _complex_power(z: acb, e: sp.Expr, exponent: acb, analytic: bool) -> acb:
    """zᵉ on sympy's principal branch. Off the analytic mode (a segment the integrator bounds rather than
    expands) a ball that reaches 0 gets the disc |zᵉ| ≤ sup|z|ᵉ for a fixed e > 0, as √ does: e^{e·log z}
    would be nan there, and an integrand such as √x on [0, 1] could never be enclosed near 0."""
    if e.is_Integer:
        return z ** int(e)
    if e == sp.S.Half:
        return z.sqrt(analytic=analytic)
    if not analytic and e.is_Rational and e > 0 and 0 in z:
        top = abs(z).upper() ** exponent.real
        return acb(arb(0, top.upper()), arb(0, top.upper()))
    return (z.log(analytic=analytic) * exponent).exp()


def _fold(args: list[Ball], op: Callable[[Ball, Ball], Ball]) -> Ball:
    out = args[0]
    for a in args[1:]:
        out = op(out, a)
    return out


def _refuse_unknown(node: sp.Basic, slot: dict[sp.Symbol, int], complex_: bool) -> None:
    """Unsupported now, not at a call, for a node that has no enclosure here."""
    if isinstance(node, sp.Symbol):
        if node not in slot:
            raise Unsupported(f"a symbol {node} that is not a variable here")
    elif not node.args:
        _leaf(node, complex_)
    elif not isinstance(node, sp.Add | sp.Mul | sp.Pow | sp.Max | sp.Min) and type(node) not in (
        _COMPLEX if complex_ else intervals.REAL
    ):
        raise Unsupported(f"no enclosure for {type(node).__name__}")


def compile_balls(expr: sp.Expr, symbols: Sequence[sp.Symbol], complex_: bool = False) -> Callable[..., Ball]:
    """expr as a function of one ball per symbol (and, if complex_, the integrator's analytic flag).
    Unsupported if a function, constant or symbol has no enclosure here (checked now, not at the call)."""
    order = _nodes(expr)
    slot = {s: i for i, s in enumerate(symbols)}
    index = {node: i for i, node in enumerate(order)}
    plan: list[tuple[sp.Basic, list[int]]] = []
    for node in order:
        _refuse_unknown(node, slot, complex_)
        plan.append((node, [index[a] for a in node.args]))

    leaves: dict[tuple[int, int], Ball] = {}  # (precision, node) → its ball: an integrand is called 10⁴ times

    def leaf(i: int, node: sp.Basic) -> Ball:
        key = (flint.ctx.prec, i)
        if key not in leaves:
            leaves[key] = _leaf(node, complex_)
        return leaves[key]

    def run(inputs: Sequence[Ball], analytic: bool = False) -> Ball:
        values: list[Ball] = []
        for i, (node, args) in enumerate(plan):
            if isinstance(node, sp.Symbol):
                values.append(inputs[slot[node]])
            elif not args:
                values.append(leaf(i, node))
            else:
                values.append(_step(node, [values[i] for i in args], complex_, analytic))
        return values[-1]

    return run


def finite(value: Ball | Span) -> bool:
    if isinstance(value, tuple):
        return bool(value[0].is_finite() and value[1].is_finite())
    return bool(value.is_finite())


SIGN_PRECISIONS = (64, 192, 640, 2048, 6144)
NAN: Span = (arb("nan"), arb("nan"))


def sign_at(
    fn: Callable[..., Span], point: Sequence[Fraction], precisions: Sequence[int] = SIGN_PRECISIONS
) -> tuple[int | None, Span, int]:
    """The sign of fn at an exact point, decided rigorously: +1, -1, 0 (the enclosure is exactly 0),
    or None (undefined there, or 0 is still inside at the last precision); with the span and its bits."""
    span, bits = NAN, precisions[0]
    for bits in precisions:
        with precision(bits):
            try:
                span = fn([intervals.point(exact(v)) for v in point])
            except (ZeroDivisionError, ValueError, OverflowError):
                return None, NAN, bits
        if not finite(span):  # undefined, or cancellation at too few bits (1 − 2x at x = ½ − 2⁻¹²⁹ in 64): more bits
            continue
        if span[0] > 0:
            return 1, span, bits
        if span[1] < 0:
            return -1, span, bits
        if all(v.is_exact() and v.is_zero() for v in span):
            return 0, span, bits
    return None, span, bits
