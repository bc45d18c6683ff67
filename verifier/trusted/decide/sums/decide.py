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
from verifier.trusted.decide.sums.normal import Normaliser, OutsideFragment, expanded

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
    "substitution under δ",
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


def _one_meaning_per_name(part: sp.Expr) -> None:
    """A scalar may not share its name with a vector (IndexedBase): the rules read the facts (positive, simplex) by
    name, and a real p beside positive entries p_i was taken for positive: PROVED for all n (helper-86)."""
    bases = part.atoms(sp.IndexedBase)
    names = {str(b.label) for b in bases}
    for s in part.xreplace({b: sp.Dummy() for b in bases}).atoms(sp.Symbol):  # a base's own label is no scalar
        if not isinstance(s, sp.Dummy) and s.name in names:
            raise OutsideFragment(f"{s.name} names both a scalar and the vector {s.name} (its entries {s.name}[i])")


def compare(
    lhs: sp.Basic,
    rhs: sp.Basic,
    size: sp.Symbol,
    simplex: frozenset[str] = frozenset(),
    positive: frozenset[str] = frozenset(),
) -> SumsComparison:
    """The two sides' normal forms and whether they are equal for every n ≥ 1 (OutsideFragment if unread)."""
    rows, cols = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    try:
        left, shape = _entries(lhs, rows, cols)
        right, other = _entries(rhs, rows, cols)
    except (TypeError, ValueError) as err:  # a Lambda whose variable is also bound inside: no entry to read
        raise OutsideFragment(f"the entries of a side: {err}") from None
    if any(sp.expand(a - b) != 0 for a, b in zip(shape, other, strict=True)):
        raise OutsideFragment(f"sides of shapes {shape} and {other}")
    for part in (left, right):
        if part.has(sp.I) or part.atoms(sp.Float):
            raise OutsideFragment("a complex or floating-point number")
        _one_meaning_per_name(part)
    if any(p.has(sp.Piecewise) or not isinstance(p, sp.Expr) for p in (left, right)):
        raise OutsideFragment("a piecewise value, or a side that is not an expression")
    ranges = {rows: (sp.S.Zero, shape[0] - 1), cols: (sp.S.Zero, shape[1] - 1)}
    rules = Normaliser(size, dict(ranges), simplex, positive)
    try:
        return _compared(rules, left, right)
    except OutsideFragment:
        raise
    except (ArithmeticError, AttributeError, TypeError, ValueError, sp.PolynomialError) as err:
        raise OutsideFragment(f"the rules could not be applied: {type(err).__name__}: {err}") from None


def _compared(rules: Normaliser, left: sp.Expr, right: sp.Expr) -> SumsComparison:
    a, b = rules.normal(left), rules.normal(right)
    gap = _merged(sp.Add(*(_under_delta(t, rules) for t in sp.Add.make_args(expanded(a - b)))), rules)
    equal = normal_form.is_zero_atoms(_abstracted(gap, rules))
    if gap != expanded(a - b):
        rules.used.add("sums over one range merged")
    used = tuple(r for r in (*RULE_ORDER, "sums over one range merged") if r in rules.used)
    return SumsComparison(equal, used, sp.sstr(a), sp.sstr(b))


def _under_delta(term: sp.Expr, rules: Normaliser) -> sp.Expr:
    """δ(u + p, v + q)·f = δ(u + p, v + q)·f with v written u + p − q (u, v free indices, p, q whole
    numbers): where the δ is not 0 the two are equal. The later symbol (by sort order) is replaced. Not where a sum,
    product or other binder in the term binds u or v: f's Σ_{b0} or Π_k is not about the claim's scalar b0 or k, and
    v := u would capture it (δ(m, k)·Π_k g(k, m) became Π_k g(k, k): false claims PROVED for all n, red team 131)."""
    factors = list(sp.Mul.make_args(term))
    bound = {v for a in sp.preorder_traversal(term) for v in getattr(a, "bound_symbols", ())}
    for k, f in enumerate(factors):
        if not isinstance(f, sp.KroneckerDelta):
            continue
        parts = [_shifted(a) for a in f.args]
        if any(p is None for p in parts):
            continue
        (u, p), (v, q) = sorted((x for x in parts if x is not None), key=lambda x: sp.default_sort_key(x[0]))
        if u == v or u in bound or v in bound:
            continue
        rules.used.add("substitution under δ")
        rest = [g.xreplace({v: u + p - q}) for g in factors[:k] + factors[k + 1 :]]
        return sp.Mul(f, *rest)
    return term


def _shifted(x: sp.Expr) -> tuple[sp.Symbol, sp.Expr] | None:
    """x as a symbol plus a whole number, or None."""
    syms = x.free_symbols
    if len(syms) != 1:
        return None
    (s,) = syms
    shift = sp.expand(x - s)
    return (s, shift) if isinstance(s, sp.Symbol) and shift.is_Integer else None


def _merged(gap: sp.Expr, rules: Normaliser) -> sp.Expr:
    """c₁·Σ_b f + c₂·Σ_b g = Σ_b (c₁f + c₂g) for sums over one range (the cᵢ free of the bound index b):
    each group one sum, its body in one rational form, and 0 if that body vanishes identically."""
    groups: dict[tuple[tuple[sp.Expr, sp.Expr], ...], sp.Expr] = {}
    shared: dict[tuple[tuple[sp.Expr, sp.Expr], ...], tuple[sp.Dummy, ...]] = {}
    rest = sp.S.Zero
    for term in sp.Add.make_args(gap):
        factors = sp.Mul.make_args(term)
        sums = [f for f in factors if isinstance(f, sp.Sum)]
        if len(sums) != 1:
            rest += term
            continue
        s = sums[0]
        coeff = sp.Mul(*(f for f in factors if f is not s))
        if any(coeff.has(v) for v, _, _ in s.limits):
            rest += term
            continue
        key = tuple((lo, hi) for _, lo, hi in s.limits)
        if any(lo.has(v) or hi.has(v) for _, lo, hi in s.limits for v, _, _ in s.limits):
            rest += term
            continue
        common = shared.setdefault(key, tuple(sp.Dummy(f"m{k}", integer=True) for k in range(len(key))))
        body = s.function.xreplace({v: c for (v, _, _), c in zip(s.limits, common, strict=True)})
        groups[key] = groups.get(key, sp.S.Zero) + coeff * body
    for key, body in groups.items():
        if not normal_form.is_zero_atoms(_abstracted(body, rules)):
            limits = [(c, lo, hi) for c, (lo, hi) in zip(shared[key], key, strict=True)]
            rest += rules.normal(sp.Sum(body, *limits))
    return rest


def _abstracted(e: sp.Expr, rules: Normaliser) -> sp.Expr:
    """Each sum, entry and δ a fresh symbol (the same one for structurally equal atoms): real where the rules show
    it real for every n (an entry, a δ, a sum of reals). Σ_i √(4 − i) is real up to n = 4 and complex from n = 5:
    taken for real, |S|² = S² was PROVED for all n (helper-86)."""
    table: dict[sp.Basic, sp.Dummy] = {}
    for atom in sorted(e.atoms(sp.Sum, sp.Indexed, sp.KroneckerDelta), key=sp.default_sort_key):
        table[atom] = sp.Dummy("a", real=True) if rules.real_(atom) else sp.Dummy("a")
    return e.xreplace(table)
