"""Certified confirmations in arb: the sides of a suspect sample enclosed in balls (python-flint).

mpmath's confirmation (:mod:`verifier.numeric.confirm`) evaluates the sides at 50 and 100 digits and
reads the gap's stability between the two. An arb ball at 100 digits encloses the exact value, rounding
included, so one evaluation decides where the answer is clear: a gap whose ball lies above
CONFIRM_RELATIVE of the values' scale is a counterexample (confirmed at 100 digits), a gap whose ball lies
within NOISE_RELATIVE of the scale is round-off. Anything between, a ball too wide to tell (a
cancellation), a value arb calls nan (outside the real domain sympy means: a log or a root of a negative)
and any function not listed here go to mpmath as before: arb only decides the clear cases.

A derivative is enclosed with no step to choose: f along base + t·v as a power series in t (arb_series)
has the directional derivative as its t-coefficient, and uᵀHv is (c₂(u + v) − c₂(u − v))/2 from the
t²-coefficients c₂ along u ± v (polarisation; H is symmetric for the analytic f these are used on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp
from flint import arb, arb_series, fmpq

from verifier.language.text import clipped

Ball = Any  # flint.arb or flint.arb_series
BITS = 340  # 100 digits (333 bits) and a few more


class Unsupported(ValueError):
    """No certified evaluation here for this expression: mpmath decides."""


def _tanh(x: Ball) -> Ball:
    return 1 - 2 / ((2 * x).exp() + 1)


def _sinh(x: Ball) -> Ball:
    return (x.exp() - (-x).exp()) / 2


def _cosh(x: Ball) -> Ball:
    return (x.exp() + (-x).exp()) / 2


def _abs(x: Ball) -> Ball:
    if isinstance(x, arb_series):
        raise Unsupported("|·| of a power series")
    return abs(x)


_FUNCTIONS: dict[type, Callable[[Ball], Ball]] = {
    sp.exp: lambda x: x.exp(),
    sp.log: lambda x: x.log(),
    sp.sin: lambda x: x.sin(),
    sp.cos: lambda x: x.cos(),
    sp.tan: lambda x: x.tan(),
    sp.atan: lambda x: x.atan(),
    sp.erf: lambda x: x.erf(),
    sp.erfc: lambda x: x.erfc(),
    sp.tanh: _tanh,
    sp.sinh: _sinh,
    sp.cosh: _cosh,
    sp.Abs: _abs,
}
_CONSTANTS: dict[sp.Basic, Callable[[], arb]] = {sp.pi: arb.pi, sp.E: arb.const_e}


def exact(value: Fraction | sp.Rational | int) -> arb:
    """A rational as a ball: exact when dyadic, else the tightest ball at the working precision."""
    q = Fraction(int(value.p), int(value.q)) if isinstance(value, sp.Rational) else Fraction(value)
    return arb(fmpq(q.numerator, q.denominator))


# A node laid out for evaluation: its kind, what the kind needs (a symbol's position, a number, a function),
# and the slots of its arguments.
Step = tuple[int, Any, tuple[int, ...]]
_SYMBOL, _NUMBER, _CONSTANT, _ADD, _MUL, _POW, _FUNCTION = range(7)


class BallEvaluator:
    """Entries of a list of expressions at a point, as arb balls (or power series in t), on demand.

    Every node asked for is laid out once, after its arguments, in one list shared by all the entries (a
    Jacobian's rows share the softmax denominator); the entries asked for together are evaluated over the
    nodes they reach, each once, in that order: the same arb operations on the same balls as a walk of
    their expressions, so the same balls."""

    def __init__(self, symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Basic]) -> None:
        self.symbols = {s: i for i, s in enumerate(symbols)}
        self.exprs = [sp.sympify(e) for e in exprs]
        self._slot: dict[sp.Basic, int] = {}
        self._steps: list[Step] = []
        self._plans: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}

    def entries(self, args: Sequence[Ball], indices: Sequence[int]) -> list[Ball]:
        """The entries at these indices at the point args (balls, or series: one per symbol, in order)."""
        key = tuple(indices)
        if key not in self._plans:
            self._plans[key] = self._plan(key)
        order, outputs = self._plans[key]
        values: list[Ball] = [None] * len(self._steps)
        steps = self._steps
        for slot in order:
            kind, what, kids = steps[slot]
            if kind == _SYMBOL:
                values[slot] = args[what]
            elif kind in (_ADD, _MUL):
                out = values[kids[0]]
                for k in kids[1:]:
                    out = out + values[k] if kind == _ADD else out * values[k]
                values[slot] = out
            elif kind == _NUMBER:
                values[slot] = arb(what)
            elif kind == _POW:
                values[slot] = _power(values[kids[0]], what, values[kids[1]])
            elif kind == _FUNCTION:
                values[slot] = what(values[kids[0]])
            else:
                values[slot] = what()
        return [values[i] for i in outputs]

    def _plan(self, key: tuple[int, ...]) -> tuple[list[int], list[int]]:
        """The slots the entries at key reach, in evaluation order, and their own slots."""
        outputs = [self._layout(self.exprs[i]) for i in key]
        reached: set[int] = set()
        stack = list(outputs)
        while stack:
            slot = stack.pop()
            if slot not in reached:
                reached.add(slot)
                stack.extend(self._steps[slot][2])
        return sorted(reached), outputs

    def _layout(self, expr: sp.Basic) -> int:
        """The slot of expr, laying out each node not met before after its arguments; Unsupported for anything
        a ball cannot be computed for."""
        slot, steps = self._slot, self._steps
        stack: list[tuple[sp.Basic, bool]] = [(expr, False)]
        while stack:
            node, ready = stack.pop()
            if node in slot:
                continue
            children = () if node.is_Atom else node.args
            if not ready:
                stack.append((node, True))
                stack.extend((c, False) for c in reversed(children))
                continue
            _refuse(node, self.symbols)
            step = _step(node, self.symbols, tuple(slot[c] for c in children))
            slot[node] = len(steps)
            steps.append(step)
        return slot[expr]


def _step(node: sp.Basic, symbols: dict[sp.Symbol, int], kids: tuple[int, ...]) -> Step:
    """How a node (one _refuse accepts) is evaluated from its arguments' slots."""
    if node.is_Symbol:
        return _SYMBOL, symbols[node], kids
    if node.is_Rational or node.is_Float:
        q = node if node.is_Rational else sp.Rational(node)
        return _NUMBER, fmpq(int(q.p), int(q.q)), kids  # exact()'s ball, made at the working precision
    if node in _CONSTANTS:
        return _CONSTANT, _CONSTANTS[node], kids
    if isinstance(node, sp.Add):
        return _ADD, None, kids
    if isinstance(node, sp.Mul):
        return _MUL, None, kids
    if isinstance(node, sp.Pow):
        return _POW, node.exp, kids
    return _FUNCTION, _FUNCTIONS[type(node)], kids


def _refuse(node: sp.Basic, symbols: dict[sp.Symbol, int]) -> None:
    if node.is_Symbol:
        if node not in symbols:
            raise Unsupported(f"no value for {node}")
    elif node.is_Atom:
        if not (node.is_Rational or node.is_Float or node in _CONSTANTS):
            raise Unsupported(f"no ball for {clipped(node, 40)}")
    elif not isinstance(node, sp.Add | sp.Mul | sp.Pow) and type(node) not in _FUNCTIONS:
        raise Unsupported(f"no ball for {type(node).__name__}")


def _power(base: Ball, e: sp.Expr, exponent: Ball) -> Ball:
    """base^e on sympy's real branch: an integer power, a square root, else exp(e·log base) (nan for base ≤ 0)."""
    if e.is_Integer:
        return base ** int(e)
    if e == sp.S.Half:
        return base.sqrt()
    return (exponent * base.log()).exp()


def constant(value: arb, order: int) -> arb_series:
    return arb_series([value], prec=order + 1)


def line(value: arb, slope: arb, order: int) -> arb_series:
    """value + slope·t, to order tᵒʳᵈᵉʳ."""
    return arb_series([value, slope], prec=order + 1)


def coefficient(series: Ball, k: int) -> arb:
    """The tᵏ coefficient of a series (0 past its stored terms); a ball is its own t⁰ coefficient."""
    if not isinstance(series, arb_series):
        return series if k == 0 else arb(0)
    coeffs = series.coeffs()
    return coeffs[k] if k < len(coeffs) else arb(0)
