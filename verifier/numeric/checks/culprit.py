"""In words, the operation that leaves the reals at a point where a side is undefined or complex ("log of a
negative number"), and what the claim needs on its whole domain for it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sympy as sp


def culprit(exprs: Sequence[sp.Expr], point: dict[sp.Symbol, sp.Rational]) -> str:
    """The innermost operation that leaves the reals, in words ("log of a negative number")."""
    for expr in exprs:
        for seen, node in enumerate(sp.postorder_traversal(sp.sympify(expr))):
            if seen > 2000:
                return ""
            if isinstance(node, sp.log | sp.Pow):
                text = _describe(node, [sp.sympify(a).xreplace(point) for a in node.args])
                if text:
                    return text + _needs(node)
    return ""


_NEEDS_SHOWN = 60  # characters: a longer condition (a determinant at n) is not spelled out


def _needs(node: sp.Basic) -> str:
    """What the claim needs at every point of its domain, for the operation that failed there:
    "; it needs x - 1 ≠ 0 on the whole domain: narrow the domain (or state the claim where it holds)"."""
    arg = shown(node.args[0])
    if isinstance(node, sp.log):
        condition = f"{arg} > 0"
    elif node.args[1].is_negative and node.args[1].is_integer:
        condition = f"{arg} ≠ 0"
    elif node.args[1].is_negative:
        condition = f"{arg} > 0"
    else:
        condition = f"{arg} ≥ 0"
    if len(condition) > _NEEDS_SHOWN:
        return "; a claim must hold at every point of its declared domain: narrow the domain to where it is defined"
    return f"; it needs {condition} at every point of its declared domain: narrow the domain to where that holds"


FLOAT_DENOMINATOR = 2**20  # a binary fraction this fine came from a float the claim wrote (0.1 is n/2⁵⁵)


def shown(e: sp.Basic) -> str:
    """e as text, a float of the claim's that the exact checks read as its binary value shown as that float again:
    x − 0.1, not x − 3602879701896397/36028797018963968. The float's shortest repr reads back as exactly it."""
    floats = {r: _float(r) for r in sp.sympify(e).atoms(sp.Rational) if _from_a_float(r)}
    return sp.sstr(e.xreplace(floats) if floats else e)


def _float(r: sp.Rational) -> sp.Float:
    """The float, with as many digits as its shortest repr has, so that sympy prints that repr."""
    text = repr(float(r))
    digits = len(Decimal(text).as_tuple().digits) + ("e" in text)  # sympy prints 1e-7 with one digit as "1.e-7"
    return sp.Float(text, digits)


def _from_a_float(r: sp.Rational) -> bool:
    return r.q >= FLOAT_DENOMINATOR and r.q & (r.q - 1) == 0 and sp.Rational(float(r)) == r


def _describe(node: sp.Basic, args: list[sp.Expr]) -> str:
    if not all(a.is_number and a.is_real for a in args):
        return ""
    if isinstance(node, sp.log):
        return "log of 0" if args[0].is_zero else ("log of a negative number" if args[0].is_negative else "")
    base, exponent = args
    if base.is_zero and exponent.is_negative:
        return "division by zero"
    if base.is_negative and exponent.is_integer is False:
        root = exponent == sp.S.Half
        return "square root of a negative number" if root else "a fractional power of a negative number"
    return ""
