"""Evaluate sympy expressions in mpmath by walking their DAG: nothing is printed or compiled.

High-precision confirmation needs a handful of entries at a handful of points. Printing
and compiling a whole matrix for mpmath (what ``lambdify(..., "mpmath")`` does) cost
tens of seconds on an n = 16 Hessian, only to confirm a few samples; walking the
expression DAG costs time in proportion to the entries asked for. Shared
subexpressions are evaluated once per call. Evaluation uses the current ``mpmath.mp.dps``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy as sp

Value = Any  # mpmath.mpf, mpmath.mpc or bool


def _heaviside(x: Value, at_zero: Value = None) -> Value:
    if x < 0:
        return mpmath.mpf(0)
    if x > 0:
        return mpmath.mpf(1)
    return mpmath.mpf(1) / 2 if at_zero is None else at_zero


_FUNCTIONS: dict[type, Callable[..., Value]] = {
    sp.exp: mpmath.exp,
    sp.log: mpmath.log,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.cot: mpmath.cot,
    sp.sec: mpmath.sec,
    sp.csc: mpmath.csc,
    sp.asin: mpmath.asin,
    sp.acos: mpmath.acos,
    sp.atan: mpmath.atan,
    sp.acot: mpmath.acot,
    sp.atan2: mpmath.atan2,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.tanh: mpmath.tanh,
    sp.coth: mpmath.coth,
    sp.asinh: mpmath.asinh,
    sp.acosh: mpmath.acosh,
    sp.atanh: mpmath.atanh,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    sp.floor: mpmath.floor,
    sp.ceiling: mpmath.ceil,
    sp.re: mpmath.re,
    sp.im: mpmath.im,
    sp.conjugate: mpmath.conj,
    sp.Max: max,
    sp.Min: min,
    sp.Heaviside: _heaviside,
    sp.erf: mpmath.erf,
    sp.erfc: mpmath.erfc,
    sp.erfi: mpmath.erfi,
    sp.erfinv: mpmath.erfinv,
    sp.erfcinv: lambda x: mpmath.erfinv(1 - x),
    sp.gamma: mpmath.gamma,
    sp.loggamma: mpmath.loggamma,
    sp.digamma: mpmath.digamma,
    sp.polygamma: mpmath.polygamma,
    sp.beta: mpmath.beta,
    sp.zeta: mpmath.zeta,
    sp.lowergamma: lambda s, x: mpmath.gammainc(s, 0, x),
    sp.uppergamma: lambda s, x: mpmath.gammainc(s, x),
    sp.besselj: mpmath.besselj,
    sp.bessely: mpmath.bessely,
    sp.besseli: mpmath.besseli,
    sp.besselk: mpmath.besselk,
    sp.LambertW: mpmath.lambertw,
    sp.factorial: mpmath.factorial,
    sp.binomial: mpmath.binomial,
    sp.Ei: mpmath.ei,
    sp.Si: mpmath.si,
    sp.Ci: mpmath.ci,
}

_RELATIONS: dict[type, Callable[[Value, Value], bool]] = {
    sp.StrictLessThan: lambda a, b: a < b,
    sp.LessThan: lambda a, b: a <= b,
    sp.StrictGreaterThan: lambda a, b: a > b,
    sp.GreaterThan: lambda a, b: a >= b,
    sp.Equality: lambda a, b: a == b,
    sp.Unequality: lambda a, b: a != b,
}


class Peak:
    """The largest magnitude of any value a walk computed (inputs and intermediates), in decimal
    digits: the precision a cancellation among such values can eat (1 − σ(240) needs > 104)."""

    digits = 0.0

    @classmethod
    def reset(cls) -> None:
        cls.digits = 0.0

    @classmethod
    def see(cls, value: Value) -> None:
        if isinstance(value, mpmath.mpf | mpmath.mpc) and value != 0 and mpmath.isfinite(value):
            cls.digits = max(cls.digits, float(mpmath.mag(value)) * 0.30103)


class MpEvaluator:
    """Entries of a list of expressions at a point, in mpmath, computed on demand."""

    def __init__(self, symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Basic]) -> None:
        self.symbols = tuple(symbols)
        self.exprs = [sp.sympify(e) for e in exprs]

    def __call__(self, *args: Value) -> list[Value]:
        """Every entry at the point args (in the order of the symbols)."""
        return self.entries(args, range(len(self.exprs)))

    def entries(self, args: Sequence[Value], indices: Sequence[int] | range) -> list[Value]:
        """Only the entries at these indices; subexpressions they share are computed once."""
        walk = _Walk(dict(zip(self.symbols, args, strict=True)))
        return [walk.value(self.exprs[i]) for i in indices]


class _Walk:
    def __init__(self, env: dict[sp.Symbol, Value]) -> None:
        self.env = env
        self.memo: dict[sp.Basic, Value] = {}

    def value(self, node: sp.Basic) -> Value:
        known = self.memo.get(node)
        if known is None:
            try:
                known = self._compute(node)
            except RecursionError:
                raise TypeError("expression too deep for the mpmath walk") from None
            self.memo[node] = known
            Peak.see(known)
        return known

    def _compute(self, node: sp.Basic) -> Value:
        if node.is_Symbol:
            if node not in self.env:
                raise TypeError(f"no value for {node}")
            return self.env[node]
        if node.is_Number or node.is_NumberSymbol or node is sp.I:
            return _constant(node)
        if isinstance(node, sp.Add):
            return mpmath.fsum(self.value(a) for a in node.args)
        if isinstance(node, sp.Mul):
            out = self.value(node.args[0])
            for a in node.args[1:]:
                out = out * self.value(a)
            return out
        if isinstance(node, sp.Pow):
            return self._power(node)
        if isinstance(node, sp.Piecewise):
            return self._piecewise(node)
        if isinstance(node, sp.logic.boolalg.BooleanAtom):
            return bool(node)
        return self._call(node)

    def _power(self, node: sp.Pow) -> Value:
        base, exponent = node.args
        b = self.value(base)
        if exponent == sp.S.Half:
            return mpmath.sqrt(b)
        if exponent.is_Integer:
            return b ** int(exponent)
        return mpmath.power(b, self.value(exponent))

    def _piecewise(self, node: sp.Piecewise) -> Value:
        for expr, cond in node.args:
            if self._truth(cond):
                return self.value(expr)
        return mpmath.nan

    def _truth(self, cond: sp.Basic) -> bool:
        if isinstance(cond, sp.logic.boolalg.BooleanAtom):
            return bool(cond)
        if type(cond) in _RELATIONS:
            lhs, rhs = (self.value(a) for a in cond.args)
            return _RELATIONS[type(cond)](lhs, rhs)
        if isinstance(cond, sp.And):
            return all(self._truth(a) for a in cond.args)
        if isinstance(cond, sp.Or):
            return any(self._truth(a) for a in cond.args)
        if isinstance(cond, sp.Not):
            return not self._truth(cond.args[0])
        raise TypeError(f"cannot decide the condition {cond}")

    def _call(self, node: sp.Basic) -> Value:
        if type(node) in _RELATIONS or isinstance(node, sp.And | sp.Or | sp.Not):
            return self._truth(node)
        args = [self.value(a) for a in node.args]
        known = _FUNCTIONS.get(type(node))
        if known is not None:
            return known(*args)
        return _fallback(type(node), len(args))(*args)


def _constant(node: sp.Basic) -> Value:
    if node is sp.I:
        return mpmath.mpc(0, 1)
    if node.is_Integer:
        return mpmath.mpf(int(node))
    if node.is_Rational:
        return mpmath.mpf(int(node.p)) / int(node.q)
    if node.is_Float:
        return mpmath.mpf(node._mpf_)
    if node is sp.pi:
        return +mpmath.pi
    if node is sp.E:
        return mpmath.e()
    if node in (sp.oo, -sp.oo, sp.zoo, sp.nan):
        return {sp.oo: mpmath.inf, -sp.oo: -mpmath.inf}.get(node, mpmath.nan)
    return mpmath.mpf(str(sp.N(node, mpmath.mp.dps + 10)))


_FALLBACKS: dict[tuple[Any, int], Callable[..., Value]] = {}


def _fallback(kind: Any, arity: int) -> Callable[..., Value]:
    """A function the table does not know, through sympy's own mpmath printer (once per kind)."""
    if (kind, arity) not in _FALLBACKS:
        _FALLBACKS[kind, arity] = _print_for_mpmath(kind, arity)
    return _FALLBACKS[kind, arity]


def _print_for_mpmath(kind: Any, arity: int) -> Callable[..., Value]:
    slots = sp.symbols(f"a0:{arity}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fn = sp.lambdify(slots, kind(*slots), modules=["mpmath"])
        except Exception as err:
            raise TypeError(f"no high-precision implementation of {kind.__name__}: {err}") from None
    return fn
