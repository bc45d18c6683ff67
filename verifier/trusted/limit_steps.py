"""A limit of an expression with step functions: each step replaced by its value near the point, side by side.

sympy's limit of a step of a function g that vanishes at the point is H(0), whichever way g crosses:
lim_{x→1⁻} Heaviside(log x) is 1/2 to sympy (0 in truth), lim_{x→0} Heaviside(1 − cos x) 1/2 (1), and
Piecewise((5, Eq(x, 1)), (x, True)) at 1 is 5 (1): the value at the point, which a limit never depends on.
So sympy's limit is only taken here of an expression with no step left: each Heaviside(g), sign(g),
floor(g), ceiling(g), frac(g) and each relation in a Piecewise condition (g = lhs − rhs) whose g has the
limit variable is replaced by what it is on a punctured one-sided neighbourhood of the point, decided so:

* L = lim g from that side (g has no step and no parameter: sympy's limit of a step-free expression, the
  kernel's base trust). L ≠ 0 (floor, ceiling, frac: L not an integer, decided exactly): g stays on L's
  side of the jump, and the step is the constant of that side (frac(g) is g − ⌊L⌋).
* L = 0 (an integer for floor, ceiling, frac: g − L): the sign of g near the point is s^k·sign(L_k), where
  L_k = lim g⁽ᵏ⁾ ≠ 0 (possibly ±∞) is the first of g′, g″, g‴ that is not 0 and s = ±1 the side: each
  g⁽ʲ⁾ → 0 with a derivative of one sign is strictly monotone there, so it has the sign of s times its
  derivative's. A derivative with a step (Abs gives sign) or an unevaluated Derivative decides nothing.
  Towards ±∞ the same is done for g(±1/h), h → 0⁺.

Anything not decided so (a parameter in g, a relation that still depends on one, Mod, atan2, arg, a
DiracDelta or KroneckerDelta of var, a floor of an unbounded argument) raises Unsteady: no proof from
sympy's limit, and no exact value for the numeric check to judge a sequence by. An expression with no
step is passed to sympy unchanged; one with steps is passed side by side, the two sides' limits compared.
"""

from __future__ import annotations

import sympy as sp

from verifier.language.text import clipped

STEPS = (sp.Heaviside, sp.sign, sp.floor, sp.ceiling, sp.frac, sp.Piecewise)
OPAQUE = (sp.Mod, sp.atan2, sp.arg, sp.DiracDelta, sp.KroneckerDelta)  # jumps not resolved here
ORDERS = 4  # g, g′, g″, g‴


class Unsteady(ValueError):
    """A step of the limit variable whose value near the point is not decided exactly."""


def limit(expr: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str = "+-") -> sp.Expr:
    """sympy's limit from the sides direction names (any side towards ±∞), each step replaced first.
    Raises ValueError where the sides' limits differ, Unsteady where a step is not decided."""
    to = sp.sympify(to)
    if not has_steps(expr, var):
        return sp.limit(expr, var, to) if to.is_infinite else sp.limit(expr, var, to, dir=direction)
    if to.is_infinite:
        return sp.limit(steady(expr, var, to, "+"), var, to)
    values = [sp.limit(steady(expr, var, to, side), var, to, dir=side) for side in "+-" if side in direction]
    if len(values) == 2 and values[0] != values[1]:
        raise ValueError(f"the one-sided limits differ: {clipped(values[0], 40)} and {clipped(values[1], 40)}")
    return values[0]


def has_steps(expr: sp.Basic, var: sp.Symbol) -> bool:
    """Whether a step function (or a jump not resolved here) has var in its arguments."""
    return any(isinstance(n, STEPS + OPAQUE) and var in n.free_symbols for n in sp.preorder_traversal(expr))


def steady(expr: sp.Basic, var: sp.Symbol, to: sp.Expr, side: str) -> sp.Basic:
    """expr with each step of var replaced by its value near the point on the side ("+" or "-")."""
    if not isinstance(expr, sp.Basic) or var not in expr.free_symbols:
        return expr
    if isinstance(expr, sp.Piecewise):
        for piece, cond in expr.args:
            truth = _truth(cond, var, to, side)
            if truth is None:
                raise Unsteady(f"the Piecewise condition {clipped(cond, 40)} is not decided near the limit point")
            if truth:
                return steady(piece, var, to, side)
        raise Unsteady("no row of the Piecewise applies near the limit point")
    if isinstance(expr, OPAQUE):
        raise Unsteady(f"{clipped(expr, 40)} may jump at the limit point: sympy's limit of it is not trusted")
    args = [steady(a, var, to, side) for a in expr.args]
    if any(a is not b for a, b in zip(args, expr.args, strict=True)):
        expr = expr.func(*args)
    if not isinstance(expr, STEPS) or var not in expr.free_symbols:
        return expr
    return _step(expr, var, to, side)


def _step(node: sp.Expr, var: sp.Symbol, to: sp.Expr, side: str) -> sp.Expr:
    g = node.args[0]
    why = f"{clipped(node, 40)} may jump at the limit point, its side not decided exactly: no proof from sympy's limit"
    if isinstance(node, sp.Heaviside | sp.sign):
        sign = _sign_near(g, var, to, side)
        if sign is None:
            raise Unsteady(why)
        return sp.Integer(sign) if isinstance(node, sp.sign) else sp.Integer(1 if sign > 0 else 0)
    value = None if g.free_symbols - {var} else _limit_of(g, var, to, side)
    if value is None or not value.is_finite or value.free_symbols:
        raise Unsteady(why)
    whole = value.is_integer
    if whole is False:
        low = sp.floor(value)
        return {sp.floor: low, sp.ceiling: low + 1, sp.frac: g - low}[node.func]
    sign = _sign_near(g - value, var, to, side) if whole else None
    if sign is None:
        raise Unsteady(why)
    if sign > 0:
        return {sp.floor: value, sp.ceiling: value + 1, sp.frac: g - value}[node.func]
    return {sp.floor: value - 1, sp.ceiling: value, sp.frac: g - value + 1}[node.func]


def _truth(cond: sp.Basic, var: sp.Symbol, to: sp.Expr, side: str) -> bool | None:
    """The condition's truth near the point on the side: each relation of var decided by the sign of lhs − rhs."""
    relations = {}
    for rel in cond.atoms(sp.core.relational.Relational):
        if var in rel.free_symbols:
            sign = _sign_near(steady(rel.lhs - rel.rhs, var, to, side), var, to, side)
            if sign is None:
                return None
            relations[rel] = rel.func(sp.Integer(sign), 0)
    truth = cond.xreplace(relations)
    return True if truth is sp.true else False if truth is sp.false else None


def _sign_near(g: sp.Expr, var: sp.Symbol, to: sp.Expr, side: str) -> int | None:
    """±1, the sign of g on a punctured one-sided neighbourhood of the point, or None if not decided exactly."""
    if g.free_symbols - {var}:
        return None  # a parameter: sympy's limit would be a generic value's
    x = sp.Dummy("x", real=True)
    if to.is_infinite:
        h = sp.Dummy("h", positive=True)
        g, x, to, side = g.xreplace({var: (1 if to == sp.oo else -1) / h}), h, sp.Integer(0), "+"
    else:
        g = g.xreplace({var: x})
    s = 1 if side == "+" else -1
    for k in range(ORDERS):
        if k:
            g = g.diff(x)
        if has_steps(g, x) or g.has(sp.Derivative, sp.Subs):
            return None
        value = _limit_of(g, x, to, side)
        if value is None or value.is_zero is None:
            return None
        if value.is_zero:
            continue
        if value.is_extended_positive:
            return s**k
        if value.is_extended_negative:
            return -(s**k)
        return None
    return None


def _limit_of(g: sp.Expr, var: sp.Symbol, to: sp.Expr, side: str) -> sp.Expr | None:
    """sympy's limit of a step-free g from the side (any towards ±∞); None where it is no real number or ±∞."""
    if has_steps(g, var):
        return None
    try:
        value = sp.limit(g, var, to) if to.is_infinite else sp.limit(g, var, to, dir=side)
    except (ValueError, NotImplementedError, TypeError):
        return None
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo) or value.is_extended_real is not True:
        return None
    return value
