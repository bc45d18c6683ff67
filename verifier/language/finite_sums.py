"""Sums and products over integer bounds, written out term by term before anything else sees a claim.

Σ_{k=0}^{3} x^k becomes x⁰ + x¹ + x² + x³: exact, and with no side condition, where sympy's doit may
give a closed form, (x⁴ − 1)/(x − 1), undefined at x = 1 where the sum is 4. Each term is the body
with the index replaced by one integer, rebuilt from its leaves up, so nothing sympy evaluates on the
way can hide what the claim says:

- a term undefined at one index (x/(1 + 1/k) at k = 0, where sympy's 1/(1 + zoo) is 0) is refused,
  and a Piecewise row that is not taken there is not evaluated;
- an index whose assumptions the range breaks (k positive, from 0) is refused: sympy has already
  simplified the body with them (δ(k, 0) = 0, |k − 1| = k − 1);
- a construct that binds the index again inside (Subs(k·x, k, 2), an inner Σ over k) keeps its own;
- a sum written downward is refused: sympy reads Σ_{k=3}^{0} as minus the sum from 1 to 2, a
  textbook as empty.

Outer sums first, so an inner bound that is an outer index (Σ_k Σ_{j≤k}) is a number by the time it is
read. At most MAX_TERMS terms are written out for one claim's part.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from verifier.language import walk
from verifier.language.text import clipped

MAX_TERMS = 10_000  # terms written out for one part of a claim, all its sums and products together
UNDEFINED = (sp.zoo, sp.nan, sp.oo, -sp.oo)
SHOWN_FIRST = ("positive", "nonnegative", "negative", "nonpositive", "zero", "nonzero", "even", "odd", "prime")


class SumError(ValueError):
    """A sum or product that cannot be written out as the claim states it; the message says what to write."""


def written_out(part: Any) -> Any:
    """The part with every sum and product over integer bounds written out (a matrix entry by entry)."""
    if isinstance(part, sp.MatrixBase):
        return part.applyfunc(written_out) if part.has(sp.Sum, sp.Product) else part
    if not isinstance(part, sp.Basic) or not part.has(sp.Sum, sp.Product):
        return part
    left = [MAX_TERMS]
    while True:
        found = walk.instances([part], (sp.Sum, sp.Product))
        ready = {e: _terms(e, left) for e in found if _integer(e.limits[-1][1]) and _integer(e.limits[-1][2])}
        if not ready:
            break
        part = part.xreplace(ready)
    for e in found:
        _refuse_bounds(e)
    return part


def _integer(bound: sp.Basic) -> bool:
    return bool(bound.is_Integer)


def _name(e: sp.Sum | sp.Product) -> str:
    return "sum" if isinstance(e, sp.Sum) else "product"


def _karr(e: sp.Sum | sp.Product) -> str:
    """What sympy reads a range that runs down as (Karr's convention): the sum negated, the product inverted."""
    return "minus the sum" if isinstance(e, sp.Sum) else "one over the product"


def _refuse_bounds(e: sp.Sum | sp.Product) -> None:
    index, lo, hi = e.limits[-1]
    if lo.free_symbols or hi.free_symbols:
        raise SumError(
            f"the {_name(e)} over {index} runs from {lo} to {hi}, bounds with symbols: it is written out term by "
            "term, so its bounds must be numbers (a Python claim is checked at concrete sizes: @claim(n=[...]) "
            "gives the builder n), or state the claim for every n in LaTeX (docs/how-to/latex.md)"
        )
    raise SumError(
        f"the {_name(e)} over {index} runs from {lo} to {hi}: it is written out term by term, so its bounds must "
        "be integers (3, not 3.0; no ∞)"
    )


def _terms(e: sp.Sum | sp.Product, left: list[int]) -> sp.Basic:
    """The outermost index's terms (sympy keeps Σ_k Σ_{j≤k} as one Sum, its limits innermost first)."""
    (index, lo, hi), inner = e.limits[-1], e.limits[:-1]
    count = int(hi) - int(lo) + 1
    if count < 0:
        raise SumError(
            f"the {_name(e)} over {index} runs down, from {lo} to {hi}: sympy reads that as {_karr(e)} "
            f"from {hi + 1} to {lo - 1}, a textbook as empty; write the bounds upward"
        )
    left[0] -= count
    if left[0] < 0:
        raise SumError(
            f"the {_name(e)} over {index} from {lo} to {hi} takes the terms written out past {MAX_TERMS}; "
            "state the claim at a smaller size"
        )
    values = [sp.Integer(k) for k in range(int(lo), int(hi) + 1)]
    _check_assumptions(e, index, values)
    body = type(e)(e.function, *inner) if inner else e.function
    terms = [_at(body, index, v, e) for v in values]
    return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)


def _check_assumptions(e: sp.Sum | sp.Product, index: sp.Symbol, values: list[sp.Integer]) -> None:
    """Every value the index takes has the facts the index was made with (sympy used them on the body)."""
    facts = {fact: value for fact, value in index.assumptions0.items() if value is not None}
    ordered = [f for f in SHOWN_FIRST if f in facts] + sorted(f for f in facts if f not in SHOWN_FIRST)
    for v in values:
        for fact in ordered:
            if getattr(v, f"is_{fact}") is (not facts[fact]):
                made = fact if facts[fact] else f"not {fact}"
                raise SumError(
                    f"the {_name(e)}'s index {index} is made {made}, but runs through {v}; sympy may already have "
                    f"simplified the terms with that (|{index}| = {index} for a {index} made nonnegative): make it "
                    f"Symbol({str(index)!r}, integer=True)"
                )


def _at(body: sp.Basic, index: sp.Symbol, value: sp.Integer, e: sp.Sum | sp.Product) -> sp.Basic:
    """The body at index = value, rebuilt from the leaves up; a subexpression undefined there is an error."""
    memo: dict[sp.Basic, sp.Basic] = {}
    free: dict[sp.Basic, frozenset[sp.Basic]] = {}

    def at(node: sp.Basic) -> sp.Basic:
        if node in memo:
            return memo[node]
        if index not in walk.free_symbols_of(node, free):
            return node
        if node == index:
            return value
        if index in getattr(node, "bound_symbols", ()) or (isinstance(node, sp.Derivative) and index in node.variables):
            raise SumError(
                f"the {_name(e)}'s index {index} is also bound inside its term, in {clipped(node, 80)}; "
                "give the inner one another name"
            )
        if isinstance(node, sp.Piecewise):
            new = _piecewise_at(node, at)
        else:
            new = node.func(*(at(a) if isinstance(a, sp.Basic) else a for a in node.args))
        if isinstance(new, sp.Sum | sp.Product):
            _refuse_downward(new, node, f"{index} = {value}")
        if new in UNDEFINED:
            raise SumError(
                f"the {_name(e)}'s term is undefined at {index} = {value}: {clipped(node, 80)} has no value there; "
                f"start the {_name(e)} where every term is defined"
            )
        memo[node] = new
        return new

    return at(body)


def _refuse_downward(new: sp.Sum | sp.Product, written: sp.Sum | sp.Product, where: str) -> None:
    """An inner sum whose bounds, at the outer index's value, run down (Σ_{j=k}^{1} at k = 3)."""
    for (j, lo, hi), (_, lo_written, hi_written) in zip(new.limits, written.limits, strict=True):
        if lo.is_Integer and hi.is_Integer and hi < lo - 1:
            raise SumError(
                f"the {_name(new)} over {j}, from {lo_written} to {hi_written}, runs down where {where}: from {lo} "
                f"to {hi}, which sympy reads as {_karr(new)} from {hi + 1} to {lo - 1}, a textbook as "
                "empty; bound it so that it runs upward, or is empty (from k + 1 to k)"
            )


def _piecewise_at(node: sp.Piecewise, at: Any) -> sp.Basic:
    """A Piecewise at the index's value: only the rows up to the one taken are evaluated."""
    rows = []
    for expr, cond in node.args:
        taken = at(cond)
        if taken is sp.false:
            continue
        rows.append((at(expr), taken))
        if taken is sp.true:
            break
    return sp.Piecewise(*rows) if rows else sp.nan
