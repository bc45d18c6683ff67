"""Explicit matrix products: sympy's entries, without an infinity query per nonzero entry."""

from __future__ import annotations

import sympy as sp
from sympy.polys.matrices import sdm

from verifier.language import products
from verifier.language.mathlib import matrix, vector

x, y, z = sp.symbols("x y z")


def sympy_product(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """The product as sympy's own sparse routine makes it."""
    sdm.sdm_matmul_exraw = products._original
    try:
        return sp.ImmutableMatrix(a) * sp.ImmutableMatrix(b)
    finally:
        products.install()


def test_products_are_installed_by_the_claim_language() -> None:
    assert sdm.sdm_matmul_exraw is products.explicit_product


def test_entries_are_the_ones_sympy_makes() -> None:
    cases = [
        (matrix("A", 3, 2), matrix("B", 2, 4)),
        (sp.Matrix([[x + y, 0], [0, 0], [z, x * y]]), sp.Matrix([[0, y], [x - 1, 0]])),
        (sp.Matrix([[sp.oo, 0], [0, 1]]), sp.Matrix([[0, x], [0, 0]])),  # 0·∞ = nan, in a zero row of b too
        (sp.Matrix([[0, 0], [x, 0]]), sp.Matrix([[sp.zoo, 1], [2, y]])),  # ∞ in b against a zero of a
        (sp.Matrix([[sp.exp(x), -sp.exp(x)]]), sp.Matrix([[1], [1]])),  # terms that cancel: a zero entry
        (sp.zeros(2, 3), vector("v", 3)),
        (sp.Matrix([[sp.nan, x]]), sp.Matrix([[0], [0]])),
    ]
    for a, b in cases:
        assert sp.ImmutableMatrix(a) * sp.ImmutableMatrix(b) == sympy_product(a, b)


def test_a_nonzero_entry_is_used_without_asking_whether_it_is_finite() -> None:
    """tr(XᵀAX) at n = 16 spent three quarters of its build asking, of each entry of XᵀA, whether 0·entry is 0."""
    left = sp.ImmutableMatrix(matrix("X", 4).T * matrix("A", 4))
    left * sp.ImmutableMatrix(matrix("Y", 4))
    assert all("finite" not in entry._assumptions for entry in left)
