"""A sum or product a builder made that sympy evaluated as it was made: an empty one is empty."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

FAST = EngineSettings(samples=40)
t = sp.Symbol("t", real=True)
k = sp.Symbol("k", integer=True)


def _square(n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol("X", n, n)


@claim(n=range(2, 5))
def empty_product_times_a_trace(n: int) -> Identity:
    """Π_{k=0}^{n−3} e^t · tr X = e^{(n−2)t} tr X: at n = 2 the product is empty, 1.

    Proof: n − 2 factors e^t.
    """
    x = _square(n)
    return Identity(sp.Product(sp.exp(t), (k, 0, n - 3)) * sp.Trace(x), sp.exp((n - 2) * t) * sp.Trace(x), where={
        t: Real(), x: Real()})  # fmt: skip


def test_an_empty_product_beside_a_matrix_is_one_and_a_finding_beyond_the_sizes_is_no_error() -> None:
    """It was an ERROR: the finding beyond the stated n built the claim at n = 1, where the product runs down."""
    r = verify_family(empty_product_times_a_trace, FAST)
    assert r.status is Status.PROVED and 2 in r.proved_n, r.reason
