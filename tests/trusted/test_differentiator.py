"""The kernel's differentiator: the sum, product, power and chain rules, with free symbols memoised per node."""

from __future__ import annotations

import sympy as sp

from verifier.trusted.obligations import Differentiator

x, y, z = sp.symbols("x y z", real=True)


def test_the_differentiator_with_memoised_free_symbols_agrees_with_sympy() -> None:
    """Shared subexpressions, a variable absent from some of them, and one a Sum binds: ∂/∂v as sympy.diff gives."""
    i, n = sp.symbols("i n", integer=True)
    shared = 1 / (1 + sp.exp(-(x * y + z)))
    exprs = [sp.log(1 + sp.exp(x * y + z)) - y * z, shared * (1 - shared) * x, sp.Sum(x**i, (i, 0, n)) * shared]
    partial = Differentiator()
    for e in exprs:
        for v in (x, y, z, i):
            assert sp.simplify(partial(e, v) - sp.diff(e, v)) == 0, (e, v)
    assert partial(exprs[2], i) == 0
