"""sympy's LaTeX printer as the reader reads its lines back (gates' round trip, the cases' messages): a case's
chained condition is written as it was read, 0 \\le x \\le 1, where sympy writes 0 \\leq x \\wedge x \\leq 1."""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter


class LinePrinter(LatexPrinter):
    """sympy's printer, with a case's chained condition written as it was read: 0 \\le x \\le 1, not with \\wedge."""

    def _print_And(self, expr: sp.Basic) -> str:
        chain = _chain(expr)
        return (
            super()._print_And(expr)
            if chain is None
            else " ".join(self._print(p) if isinstance(p, sp.Basic) else p for p in chain)
        )


_UPWARD = {sp.StrictLessThan: r"<", sp.LessThan: r"\le"}
_DOWNWARD = {sp.StrictGreaterThan: sp.StrictLessThan, sp.GreaterThan: sp.LessThan}
_WRITTEN = {**_UPWARD, sp.StrictGreaterThan: r">", sp.GreaterThan: r"\ge"}


def _chain(expr: sp.Basic) -> list[sp.Basic | str] | None:
    """[a, rel, b, rel, c] for (a R b) ∧ (b R' c) with R, R' both < or ≤, in either order of the operands and either
    direction of each relation (sympy may write 0 ≤ x as x ≥ 0); None otherwise."""
    if len(expr.args) != 2:
        return None
    kinds = {type(r) in _UPWARD for r in expr.args if type(r) in _WRITTEN}
    if len(kinds) == 1 and all(type(r) in _WRITTEN for r in expr.args):  # one way, as written: 2 \ge x \ge 0
        linked = _linked(expr.args[0], expr.args[1], _WRITTEN)
        if linked is not None:
            return linked
    upward = []
    for r in expr.args:
        if type(r) in _DOWNWARD:
            r = _DOWNWARD[type(r)](r.rhs, r.lhs, evaluate=False)
        if type(r) not in _UPWARD:
            return None
        upward.append(r)
    return _linked(upward[0], upward[1], _UPWARD)


def _linked(one: sp.Basic, other: sp.Basic, symbols: dict[type, str]) -> list[sp.Basic | str] | None:
    """[a, R, b, R', c] if one relation's right side is the other's left, in either order; None otherwise."""
    for first, second in ((one, other), (other, one)):
        if first.rhs == second.lhs:
            return [first.lhs, symbols[type(first)], first.rhs, symbols[type(second)], second.rhs]
    return None


def latex(expr: sp.Basic) -> str:
    return str(LinePrinter().doprint(expr))
