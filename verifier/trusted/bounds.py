"""Bounds on |f′| by structure, and the mean-value form of a Lipschitz claim (trusted base).

A claim |g(u) − g(w)| ≤ L·|u − w| for real u, w follows from the mean value theorem once
g is differentiable on ℝ and |g′(t)| ≤ L for every real t. :func:`lipschitz_obligation`
recognises the claim and computes g′ itself; :func:`magnitude_bound` bounds |g′| by
structure: |a·b| ≤ |a|·|b|, |a + b| ≤ |a| + |b|, |sin|, |cos|, |tanh| ≤ 1, 0 ≤ 1 − tanh² ≤ 1,
and 1/b ≤ 1 for b ≥ 1. The kernel then only needs L − bound ≥ 0, or −L ≤ g′ ≤ L directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from verifier.language import domains as d
from verifier.language.claims import Inequality
from verifier.trusted.instantiate import Instance
from verifier.trusted.obligations import NotShowable, ordered

# functions that are real-analytic on all of ℝ
ENTIRE = (sp.sin, sp.cos, sp.tanh, sp.sinh, sp.cosh, sp.exp, sp.sech)
UNIT = (sp.sin, sp.cos, sp.tanh, sp.sech)


class NotLipschitz(NotShowable):
    """The claim is not of the form |g(u) − g(w)| ≤ L·|u − w| on ℝ."""


@dataclass(frozen=True)
class Lipschitz:
    slope: sp.Expr  # g′(u)
    constant: sp.Expr  # L
    variable: sp.Symbol  # u


def lipschitz_obligation(inst: Instance) -> Lipschitz:
    """g′ and L of a claim |g(u) − g(w)| ≤ L·|u − w| over real u, w (symbolic view)."""
    body = inst.claim.body
    if not isinstance(body, Inequality) or body.op not in ("<=", ">="):
        raise NotLipschitz("not a ≤ inequality")
    small, big = (body.lhs, body.rhs) if body.op == "<=" else (body.rhs, body.lhs)
    small, big = inst.symbolic(sp.sympify(small)), inst.symbolic(sp.sympify(big))
    ordered(small, big)
    if not isinstance(small, sp.Abs):
        raise NotLipschitz("the smaller side is not |g(u) − g(w)|")
    difference = small.args[0]
    reals = {inst.to_symbolic[s] for g in inst.given if type(g.domain) is d.Real for s in g.symbols()}
    divides = _divisors(big)
    for u in sorted(difference.free_symbols & reals, key=str):
        for w in sorted(difference.free_symbols & reals - {u}, key=str):
            if divides is not None and sp.Abs(u - w) not in divides:
                continue  # L = big/|u − w| would hold u and w: _as_lipschitz returns None, without its questions
            found = _as_lipschitz(difference, big, u, w)
            if found is not None:
                return found
    raise NotLipschitz("no pair u, w over ℝ with g(u) − g(w) ≤ L·|u − w|")


def _divisors(big: sp.Expr) -> set[sp.Basic] | None:
    """The |·| in big: cancel(big/|u − w|) is free of u and w only if |u − w| is one of them, since cancel
    treats |u − w| as a generator and can remove it from the denominator only by a factor of it in the
    numerator; or if big's numerator is the zero polynomial (None: every pair is tried). A pair of parameters
    then costs nothing (composition_lipschitz at n = 8 has 90 pairs, one of them x, x′, and each pair's
    g(u) − g(u) rebuilt the nested sin and tanh of both sides)."""
    if sp.cancel(big) == 0:
        return None
    return set(big.atoms(sp.Abs))


def _as_lipschitz(difference: sp.Expr, big: sp.Expr, u: sp.Symbol, w: sp.Symbol) -> Lipschitz | None:
    """g′ and L for the pair (u, w), or None; g(u) − g(w) vanishing at w = u is asked before cancel finds L."""
    if difference.subs(w, u) != 0:
        return None
    constant = sp.cancel(big / sp.Abs(u - w))
    if constant.has(u, w):
        return None
    if not _analytic(difference):
        return None
    slope = sp.diff(difference, u)
    if slope.has(w) or not _analytic(slope):
        return None
    return Lipschitz(slope, constant, u)


def _analytic(expr: sp.Expr) -> bool:
    """Real-analytic on all of ℝ by construction: ENTIRE functions, log of a positive argument,
    nonnegative integer powers, and any power of a positive base (so g is differentiable
    everywhere, as the mean value theorem needs)."""
    return all(_analytic_node(node) for node in sp.preorder_traversal(expr))


def _analytic_node(node: sp.Basic) -> bool:
    if isinstance(node, sp.log):
        return node.args[0].is_positive is True
    if isinstance(node, sp.Derivative | sp.Subs | sp.Integral):
        return False
    if isinstance(node, sp.Function) and not isinstance(node, ENTIRE):
        return False
    if isinstance(node, sp.Pow) and node.base.is_positive is not True:
        return bool(node.exp.is_Integer and node.exp >= 0)
    return True


def slope_signs(ob: Lipschitz) -> list[tuple[str, list[sp.Expr]]]:
    """Ways to show |g′| ≤ L, each a list of expressions that must all be ≥ 0 everywhere."""
    ways = []
    bound = magnitude_bound(ob.slope)
    if bound is not None:
        ways.append(("|g′| ≤ B by structure, L − B ≥ 0", [_split_abs(ob.constant - bound)]))
    ways.append(("−L ≤ g′ ≤ L", [ob.constant - ob.slope, ob.constant + ob.slope]))
    return ways


def _split_abs(expr: sp.Expr) -> sp.Expr:
    """|a·b| written as |a|·|b| (true for all complex a, b), so that equal bounds cancel."""
    return expr.replace(
        lambda e: isinstance(e, sp.Abs) and isinstance(e.args[0], sp.Mul),
        lambda e: sp.Mul(*[sp.Abs(f) for f in e.args[0].args]),
    )


def magnitude_bound(expr: sp.Expr) -> sp.Expr | None:
    """B ≥ |expr| at every real point of its (real) symbols, by structure; None if not found."""
    if not all(s.is_real for s in expr.free_symbols):
        return None
    return _bound(sp.sympify(expr))


def _bound(e: sp.Expr) -> sp.Expr | None:
    if e.is_number or e.is_Symbol:
        return sp.Abs(e)
    if isinstance(e, UNIT) and e.args[0].is_real:
        return sp.Integer(1)
    if isinstance(e, sp.Add):
        return _one_minus_square(e) or _combine(e.args, sp.Add)
    if isinstance(e, sp.Mul):
        return _combine(e.args, sp.Mul)
    if isinstance(e, sp.Pow) and e.exp.is_Integer:
        if e.exp > 0:
            inner = _bound(e.base)
            return inner**e.exp if inner is not None else None
        if (e.base - 1).is_nonnegative:
            return sp.Integer(1)  # 0 < 1/bᵏ ≤ 1 for b ≥ 1
    if isinstance(e, sp.Abs):
        return _bound(e.args[0])
    return None


def _combine(args: tuple[sp.Expr, ...], op: type[sp.Add] | type[sp.Mul]) -> sp.Expr | None:
    parts = [_bound(a) for a in args]
    return None if any(p is None for p in parts) else op(*parts)


def _one_minus_square(e: sp.Expr) -> sp.Expr | None:
    """1 − f² with |f| ≤ 1 lies in [0, 1] (tanh′ = 1 − tanh²)."""
    if len(e.args) != 2 or sp.Integer(1) not in e.args:
        return None
    rest = next(a for a in e.args if a != 1)
    if isinstance(rest, sp.Mul) and rest.args[0] == -1 and len(rest.args) == 2:
        square = rest.args[1]
        if isinstance(square, sp.Pow) and square.exp == 2 and _bound(square.base) == 1:
            return sp.Integer(1)
    return None
