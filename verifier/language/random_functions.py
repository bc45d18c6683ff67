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

from typing import Any

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from verifier.language import walk


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


def random_smooth(arity: int, rng: np.random.Generator) -> sp.Lambda:
    a = sp.symbols(f"a1:{arity + 1}")
    body = _coef(rng) + sum(_coef(rng) * ai for ai in a)
    body += sum(_coef(rng) * a[i] * a[j] for i in range(arity) for j in range(i, arity))
    body += _coef(rng) * sp.sin(sum(_coef(rng) * ai for ai in a))
    body += _coef(rng) * sp.exp(sum(_coef(rng) * ai for ai in a) / 4)
    return sp.Lambda(a, body)


def concretise(obj: Any, table: dict[sp.FunctionClass, sp.Lambda]) -> Any:
    """obj with every undefined function replaced by its concrete stand-in, derivatives done."""
    if isinstance(obj, sp.MatrixBase):
        return sp.ImmutableMatrix(obj.rows, obj.cols, _concretised(list(obj), table))
    if not isinstance(obj, sp.Basic):
        return obj
    return _concretised([obj], table)[0]


def _concretised(exprs: list[sp.Basic], table: dict[sp.FunctionClass, sp.Lambda]) -> list[sp.Basic]:
    """The entries of one part at once: a stand-in and a derivative shared by many entries (a Jacobian's) are
    built and taken once; the doit of each entry took each derivative once per use (matrix_calculus.product_rule
    at n = 6 took 72 distinct derivatives 432 times)."""
    fast = [not e.has(sp.Subs) and _derivatives_by_symbols(e) for e in exprs]
    done = iter(_derivatives_done(_replace_applications([e for e, f in zip(exprs, fast, strict=True) if f], table)))
    return [next(done) if f else _substituted(e, table) for e, f in zip(exprs, fast, strict=True)]


def _substituted(expr: sp.Basic, table: dict[sp.FunctionClass, sp.Lambda]) -> sp.Basic:
    """The general way: bodies hold no undefined functions, so the order of substitution is irrelevant;
    subs turns d/dg(t) into a Subs, which doit evaluates."""
    out = expr.subs(table)
    return out.doit() if out.has(sp.Derivative, sp.Subs) else out


def _derivatives_by_symbols(expr: sp.Basic) -> bool:
    """Every derivative in expr is taken with respect to plain symbols (never d/dg(t))."""
    return all(v.is_Symbol for d in walk.instances([expr], sp.Derivative) for v, _ in d.variable_count)


def _replace_applications(exprs: list[sp.Basic], table: dict[sp.FunctionClass, sp.Lambda]) -> list[sp.Basic]:
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
