"""Explicit matrix products of expressions, entry by entry, without sympy's per-entry infinity test.

sympy multiplies matrices of expressions sparsely: it skips a zero entry, so before it uses a nonzero
entry a of the left factor it asks whether 0·a is 0 (a could be infinite, and 0·∞ is nan). That question
is an assumptions query (is a finite?), and on a sum of products of plain symbols it costs milliseconds:
three quarters of the time to build tr(XᵀAX) at n = 16 (issue 42).

The product here is the definition, (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ, over every k where Aᵢₖ or Bₖⱼ is nonzero, each
term a sympy product and each entry one sympy sum: where both are nonzero no zero is multiplied, and
where one of them is zero the term is 0·x as sympy makes it (nan if x is infinite). So every entry is the
expression sympy's own product gives; only the question before the nonzero ones is not asked.

Importing this module installs the product once, in every process that builds claims.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy.polys.matrices import sdm

Rows = dict[int, dict[int, Any]]  # a sparse matrix: row → column → nonzero entry

_original: Callable[[Rows, Rows, Any, int, int], Rows] | None = getattr(sdm, "sdm_matmul_exraw", None)


def explicit_product(a: Rows, b: Rows, domain: Any, rows: int, cols: int) -> Rows:
    """The rows × cols product of a and b (sparse, over sympy's domain of raw expressions)."""
    zero = domain.zero
    inner = sorted(set(b).union(*a.values()))  # every k where a column of a or a row of b is nonzero
    product: Rows = {}
    for i in range(rows):
        a_i = a.get(i, {})
        row = {}
        for j in range(cols):
            terms = [a_i.get(k, zero) * b.get(k, {}).get(j, zero) for k in inner if k in a_i or j in b.get(k, {})]
            entry = domain.sum(terms)
            if entry:
                row[j] = entry
        if row:
            product[i] = row
    return product


def install() -> None:
    """In place of sympy's own, where this sympy has it (1.13, 1.14); another keeps its own product, only slower."""
    if _original is not None:
        sdm.sdm_matmul_exraw = explicit_product


install()
