"""Both sides of an index-notation Identity at a symbolic size, in normal form, compared (trusted base).

A side is a scalar, or a FunctionMatrix(rows, cols, Lambda((r, c), entry)) whose entry holds for the
free indices r ∈ [0, rows − 1], c ∈ [0, cols − 1]. The sides are equal for every n ≥ 1 when the
difference of their normal forms (:mod:`verifier.trusted.decide.sums.normal`) is zero as a rational
function of its atoms (each canonical sum, entry, δ and function application an indeterminate:
:func:`verifier.trusted.decide.normal_form.is_zero_atoms`). A nonzero difference is "not shown".
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from verifier.trusted.decide import normal_form
from verifier.trusted.decide.sums.normal import Normaliser, OutsideFragment

RULE_ORDER = (
    "linearity",
    "constant",
    "δ contraction",
    "product of sums",
    "renaming bound indices",
    "simplex",
    "log of exp",
    "log of a positive product",
    "log of a positive power",
)


@dataclass(frozen=True)
class SumsComparison:
    """The normal forms of the two sides, and whether their difference is zero."""

    equal: bool
    rules: tuple[str, ...]
    lhs: str
    rhs: str

    @property
    def detail(self) -> str:
        return f"equal normal forms of index sums ({', '.join(self.rules) or 'as written'})"


def _entries(side: sp.Basic, rows: sp.Symbol, cols: sp.Symbol) -> tuple[sp.Expr, tuple[sp.Expr, sp.Expr]]:
    """(the entry with the free indices rows and cols, the shape); a scalar is 1×1."""
    if isinstance(side, sp.FunctionMatrix):
        lam = side.lamda
        if not isinstance(lam, sp.Lambda) or len(lam.variables) != 2:
            raise OutsideFragment("a FunctionMatrix whose entry is not a Lambda of (row, column)")
        return lam(rows, cols), (side.rows, side.cols)
    if isinstance(side, sp.MatrixBase | sp.MatrixExpr):
        raise OutsideFragment("a matrix side that is not a FunctionMatrix of its entries")
    return sp.sympify(side), (sp.S.One, sp.S.One)


def compare(
    lhs: sp.Basic,
    rhs: sp.Basic,
    size: sp.Symbol,
    simplex: frozenset[str] = frozenset(),
    positive: frozenset[str] = frozenset(),
) -> SumsComparison:
    """The two sides' normal forms and whether they are equal for every n ≥ 1 (OutsideFragment if unread)."""
    rows, cols = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    left, shape = _entries(lhs, rows, cols)
    right, other = _entries(rhs, rows, cols)
    if any(sp.expand(a - b) != 0 for a, b in zip(shape, other, strict=True)):
        raise OutsideFragment(f"sides of shapes {shape} and {other}")
    for part in (left, right):
        if part.has(sp.I) or part.atoms(sp.Float):
            raise OutsideFragment("a complex or floating-point number")
    ranges = {rows: (sp.S.Zero, shape[0] - 1), cols: (sp.S.Zero, shape[1] - 1)}
    rules = Normaliser(size, dict(ranges), simplex, positive)
    a, b = rules.normal(left), rules.normal(right)
    equal = normal_form.is_zero_atoms(_abstracted(a - b))
    used = tuple(r for r in RULE_ORDER if r in rules.used)
    return SumsComparison(equal, used, sp.sstr(a), sp.sstr(b))


def _abstracted(e: sp.Expr) -> sp.Expr:
    """Each sum, entry and δ a fresh real symbol (the same one for structurally equal atoms)."""
    table: dict[sp.Basic, sp.Dummy] = {}
    for atom in sorted(e.atoms(sp.Sum, sp.Indexed, sp.KroneckerDelta), key=sp.default_sort_key):
        table[atom] = sp.Dummy("a", real=True)
    return e.xreplace(table)
