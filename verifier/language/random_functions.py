"""Random stand-ins for a claim's arbitrary smooth functions, for the numeric side.

A claim about an arbitrary smooth f(u, v, w) (a sympy undefined function) is proved
symbolically for f as it stands. Numbers need a concrete f, so the spot check replaces
every undefined function, consistently in every part of the statement, by a random
analytic function with small rational coefficients:

    f(a₁, …, a_k) = c₀ + Σ cᵢaᵢ + Σ cᵢⱼaᵢaⱼ + d·sin(Σ eᵢaᵢ) + g·exp(Σ hᵢaᵢ / 4)

then evaluates the derivatives that the claim takes of it. Passing means the claim
held for these random instances: evidence, never a proof.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from verifier.language import walk

Table = dict[sp.FunctionClass, "StandIn"]  # each arbitrary function's stand-in


def undefined_functions(objs: list[Any]) -> dict[sp.FunctionClass, int]:
    """Every arbitrary (undefined, with no numeric implementation) function used, with its arity.

    Functions that carry an implementation (`_imp_`, as numeric_function makes them) are
    the user's own numerics and are never replaced.
    """
    found: dict[sp.FunctionClass, int] = {}
    for app in walk.function_applications(objs):
        if isinstance(app, AppliedUndef) and getattr(app.func, "_imp_", None) is None:
            found[app.func] = len(app.args)
    return found


def _coef(rng: np.random.Generator) -> sp.Rational:
    return sp.Rational(int(rng.integers(-6, 7)), int(rng.integers(1, 5)))


@dataclass(frozen=True, eq=False)
class StandIn:
    """f(a) = c₀ + Σ cᵢaᵢ + Σ_{i≤j} cᵢⱼaᵢaⱼ + d·sin(Σ eᵢaᵢ) + g·exp(Σ hᵢaᵢ / 4), kept as its coefficients:
    a partial derivative of any order is written down from them (`partial`), not taken by sympy's diff
    (the 36 first derivatives of six stand-ins of arity 6: 0.65 s by diff, 0.08 s written down)."""

    constant: sp.Rational
    linear: tuple[sp.Rational, ...]
    quadratic: dict[tuple[int, int], sp.Rational]  # (i, j) with i ≤ j
    d: sp.Rational
    e: tuple[sp.Rational, ...]
    g: sp.Rational
    h: tuple[sp.Rational, ...]

    @functools.cached_property
    def lam(self) -> sp.Lambda:
        """f as a sympy Lambda."""
        a = sp.symbols(f"a1:{len(self.linear) + 1}")
        return sp.Lambda(a, self.partial((0,) * len(a), a))

    def __call__(self, *args: sp.Basic) -> sp.Basic:
        return self.partial((0,) * len(args), args)

    def partial(self, orders: tuple[int, ...], args: tuple[sp.Basic, ...]) -> sp.Basic:
        """∂^orders f at args, orders[i] derivatives in the i-th argument: d/dt sin = cos, and so on round."""
        m = sum(orders)
        waves = self.d * sp.Mul(*(ei**k for ei, k in zip(self.e, orders, strict=True)))
        growth = self.g * sp.Mul(*((hi / 4) ** k for hi, k in zip(self.h, orders, strict=True)))
        sign, turn = (1, 1, -1, -1)[m % 4], (sp.sin, sp.cos, sp.sin, sp.cos)[m % 4]
        terms = [*self._polynomial(orders, args), sign * waves * turn(_dot(self.e, args))]
        return sp.Add(*terms, growth * sp.exp(_dot(self.h, args) / 4))

    def _polynomial(self, orders: tuple[int, ...], args: tuple[sp.Basic, ...]) -> list[sp.Basic]:
        """The terms of the quadratic part's derivative."""
        m = sum(orders)
        if m == 0:
            return [
                self.constant,
                _dot(self.linear, args),
                *(c * args[i] * args[j] for (i, j), c in self.quadratic.items()),
            ]
        if m == 1:
            k = orders.index(1)
            return [self.linear[k], *(c * _other(i, j, k, args) for (i, j), c in self.quadratic.items() if k in (i, j))]
        if m == 2:
            i, j = sorted(k for k, count in enumerate(orders) for _ in range(count))
            return [self.quadratic[(i, j)] * (2 if i == j else 1)]
        return []


def _dot(coefficients: tuple[sp.Rational, ...], args: tuple[sp.Basic, ...]) -> sp.Basic:
    return sp.Add(*(c * a for c, a in zip(coefficients, args, strict=True)))


def _other(i: int, j: int, k: int, args: tuple[sp.Basic, ...]) -> sp.Basic:
    """∂(aᵢaⱼ)/∂aₖ, for k one of i, j."""
    return 2 * args[k] if i == j else args[j if i == k else i]


def random_smooth(arity: int, rng: np.random.Generator) -> StandIn:
    """A random stand-in of this arity, its coefficients drawn from rng in a fixed order."""
    constant = _coef(rng)
    linear = tuple(_coef(rng) for _ in range(arity))
    quadratic = {(i, j): _coef(rng) for i in range(arity) for j in range(i, arity)}
    d = _coef(rng)
    e = tuple(_coef(rng) for _ in range(arity))
    g = _coef(rng)
    h = tuple(_coef(rng) for _ in range(arity))
    return StandIn(constant, linear, quadratic, d, e, g, h)


def concretise(obj: Any, table: Table) -> Any:
    """obj with every undefined function replaced by its concrete stand-in, derivatives done."""
    if isinstance(obj, sp.MatrixBase):
        return sp.ImmutableMatrix(obj.rows, obj.cols, _concretised(list(obj), table))
    if not isinstance(obj, sp.Basic):
        return obj
    return _concretised([obj], table)[0]


def _concretised(exprs: list[sp.Basic], table: Table) -> list[sp.Basic]:
    """The entries of one part at once: a stand-in and a derivative shared by many entries (a Jacobian's) are
    built and taken once; the doit of each entry took each derivative once per use (matrix_calculus.product_rule
    at n = 6 took 72 distinct derivatives 432 times)."""
    fast = [not e.has(sp.Subs) and _derivatives_by_symbols(e) for e in exprs]
    written = _partials_written([e for e, f in zip(exprs, fast, strict=True) if f], table)
    done = iter(_derivatives_done(_replace_applications(written, table)))
    return [next(done) if f else _substituted(e, table) for e, f in zip(exprs, fast, strict=True)]


def _substituted(expr: sp.Basic, table: Table) -> sp.Basic:
    """The general way: bodies hold no undefined functions, so the order of substitution is irrelevant;
    subs turns d/dg(t) into a Subs, which doit evaluates."""
    out = expr.subs({f: stand_in.lam for f, stand_in in table.items()})
    return out.doit() if out.has(sp.Derivative, sp.Subs) else out


def _derivatives_by_symbols(expr: sp.Basic) -> bool:
    """Every derivative in expr is taken with respect to plain symbols (never d/dg(t))."""
    return all(v.is_Symbol for d in walk.instances([expr], sp.Derivative) for v, _ in d.variable_count)


def _partials_written(exprs: list[sp.Basic], table: Table) -> list[sp.Basic]:
    """Each derivative of a stand-in in its own arguments, all distinct symbols (∂²f(x, y)/∂x∂y), written
    down from the stand-in's coefficients, not taken by sympy's diff of its body (the three claims of
    matrix_calculus.py with arbitrary functions: 5.0 s of CPU in-process, 2.0 s so). Any other derivative is left
    to `_derivatives_done`."""
    partials: dict[sp.Basic, sp.Basic] = {}
    for d in walk.instances(exprs, sp.Derivative):
        f = d.expr
        if not (isinstance(f, AppliedUndef) and f.func in table and _distinct_symbols(f.args)):
            continue
        if not all(count.is_Integer for _, count in d.variable_count):
            continue  # a symbolic order (dᵏf/dxᵏ) goes the general way, as before
        orders = [0] * len(f.args)
        for v, count in d.variable_count:
            if v not in f.args:
                partials[d] = sp.Integer(0)
                break
            orders[f.args.index(v)] += int(count)
        else:
            partials[d] = table[f.func].partial(tuple(orders), f.args)
    if not partials:
        return exprs
    memo: walk.Replaced = {}
    return [walk.replaced(e, partials, memo) for e in exprs]


def _distinct_symbols(args: tuple[sp.Basic, ...]) -> bool:
    return all(a.is_Symbol for a in args) and len(set(args)) == len(args)


def _replace_applications(exprs: list[sp.Basic], table: Table) -> list[sp.Basic]:
    """Every f(args) with f in the table becomes its body; nested ones (f(g(t))) in later passes."""
    for _ in range(32):
        apps = {a: table[a.func](*a.args) for a in walk.instances(exprs, AppliedUndef) if a.func in table}
        if not apps:
            return exprs
        memo: walk.Replaced = {}
        exprs = [walk.replaced(e, apps, memo) for e in exprs]
    return exprs


def _derivatives_done(exprs: list[sp.Basic]) -> list[sp.Basic]:
    """Each distinct derivative evaluated once, in every entry it occurs in."""
    derivatives = walk.instances(exprs, sp.Derivative)
    if not derivatives:
        return exprs
    done = {d: d.doit() for d in sorted(derivatives, key=sp.default_sort_key)}
    memo: walk.Replaced = {}
    return [walk.replaced(e, done, memo) for e in exprs]
