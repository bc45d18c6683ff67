"""The kernel's differentiator: the sum, product, power and chain rules, with free symbols memoised per node."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.core.cache import clear_cache

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


def test_a_product_term_whose_factor_has_derivative_zero_is_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """∂(x·y·eˣ)/∂x: the term for y (∂y/∂x = 0) is left out, not built as a product with 0 (whose flattening asks
    every other factor whether it is infinite); the result is sympy's."""
    built: list[tuple[sp.Basic, ...]] = []
    flatten = sp.Mul.flatten

    def recorded(cls: type[sp.Mul], seq: list[sp.Basic]) -> object:
        built.append(tuple(seq))
        return flatten(seq)

    monkeypatch.setattr(sp.Mul, "flatten", classmethod(recorded))
    clear_cache()  # a product built before would come from sympy's cache, unflattened
    e = x * y * sp.exp(x)
    got = Differentiator()(e, x)
    assert built and not any(sp.S.Zero in args for args in built)
    assert sp.expand(got - sp.diff(e, x)) == 0


def test_with_an_infinite_factor_every_term_is_built_as_sympy_would() -> None:
    """0·∞ is nan: with a literal infinity among a product's factors, no term is left out (∂(∞·x·y)/∂x is nan, as
    sympy.diff gives), nor for ∞ in a Symbol's assumptions."""
    big = sp.Symbol("big", infinite=True)
    for infinite in (sp.oo, sp.zoo, big):
        e = infinite * x * y
        assert Differentiator()(e, x) == sp.diff(e, x), infinite
    assert Differentiator()(sp.oo * x * y, x) is sp.nan
