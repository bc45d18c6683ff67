"""In words, the operation that leaves the reals at a point where a side is undefined or complex ("log of a
negative number"), and what the claim needs on its whole domain for it."""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.printing.str import StrPrinter


def culprit(exprs: Sequence[sp.Expr], point: dict[sp.Symbol, sp.Rational], floats: bool = False) -> str:
    """The innermost operation that leaves the reals, in words ("log of a negative number"); floats: the claim wrote
    floats, read as their binary values (shown)."""
    for expr in exprs:
        for seen, node in enumerate(sp.postorder_traversal(sp.sympify(expr))):
            if seen > 2000:
                return ""
            if isinstance(node, sp.log | sp.Pow):
                text = _describe(node, [sp.sympify(a).xreplace(point) for a in node.args])
                if text:
                    return text + _needs(node, floats)
    return ""


_NEEDS_SHOWN = 60  # characters: a longer condition (a determinant at n) is not spelled out


def _needs(node: sp.Basic, floats: bool) -> str:
    """What the claim needs at every point of its domain, for the operation that failed there:
    "; it needs x - 1 ≠ 0 on the whole domain: narrow the domain (or state the claim where it holds)"."""
    arg = shown(node.args[0], floats)
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


class _FloatsPrinter(StrPrinter):
    """sympy's text, with each binary fraction that is a double printed as that double's shortest repr (which reads
    back as exactly it): nothing is rebuilt, so no function is evaluated again at a lower precision."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        if expr.q >= FLOAT_DENOMINATOR and expr.q & (expr.q - 1) == 0 and sp.Rational(float(expr)) == expr:
            return repr(float(expr))
        return str(super()._print_Rational(expr))


def shown(e: sp.Basic, floats: bool = True) -> str:
    """e as text; where the claim wrote floats (floats), a float that the exact checks read as its binary value is
    shown as that float again: x − 0.1, not x − 3602879701896397/36028797018963968. A claim without floats is shown
    as sympy writes it (its own (2³⁰ + 1)/2³⁰ is no float)."""
    return _FloatsPrinter().doprint(e) if floats else sp.sstr(e)


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
