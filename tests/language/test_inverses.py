"""An inverse written out at a concrete size: adj(M)/det(M), the lowering's form, in place of sympy's elimination."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sympy as sp
from sympy.matrices.exceptions import NonInvertibleMatrixError
from sympy.matrices.expressions.inverse import Inverse

from tests.language import short_cuts
from verifier.language import inverses, lowering, mathlib


@pytest.fixture
def sympys_own() -> Callable[[Callable[[], sp.Basic]], sp.Basic]:
    """What a build gives with sympy's own explicit inverse, from an empty cache."""
    return lambda build: short_cuts.sympys_own(inverses, build)


def test_the_inverse_is_installed_by_the_claim_language() -> None:
    assert Inverse._get_explicit_matrix is inverses.explicit_inverse


@pytest.mark.parametrize("n", [1, 2, 3])
def test_an_entry_of_a_product_with_an_inverse_is_sympys_value(
    n: int, sympys_own: Callable[[Callable[[], sp.Basic]], sp.Basic]
) -> None:
    """aᵀX⁻¹b as the Cookbook prints it: the same expression as sympy's elimination (at n = 4 elimination
    writes another, equal one, and takes minutes: not run here)."""
    X, a, b = sp.MatrixSymbol("X", n, n), sp.MatrixSymbol("a", n, 1), sp.MatrixSymbol("b", n, 1)

    def build() -> sp.Basic:
        return (a.T * X.inv() * b)[0, 0]

    assert build() == sympys_own(build)


def test_each_entry_has_the_determinant_as_its_only_denominator() -> None:
    """Undefined exactly where det X = 0: no pivot of an elimination in a denominator."""
    X = sp.MatrixSymbol("X", 3, 3)
    det = sp.Matrix(X.as_explicit()).det(method="berkowitz")
    for entry in sp.Matrix(X.inv().as_explicit()):
        _, denominator = sp.fraction(sp.cancel(entry))
        assert sp.cancel(denominator / det).is_number


def test_a_structured_matrix_is_inverted_to_an_equal_value(
    sympys_own: Callable[[Callable[[], sp.Basic]], sp.Basic],
) -> None:
    X = sp.MatrixSymbol("X", 3, 2)
    gram = X.T * X + sp.Identity(2)
    assert sp.cancel(gram.inv()[0, 1] - sympys_own(lambda: gram.inv()[0, 1])) == 0


def test_a_singular_matrix_is_still_refused(sympys_own: Callable[[Callable[[], sp.Basic]], sp.Basic]) -> None:
    """uuᵀ is singular at every point: its determinant is not shown nonzero, and sympy's own refuses it."""
    u = sp.MatrixSymbol("u", 2, 1)
    with pytest.raises(NonInvertibleMatrixError):
        (u * u.T).inv()[0, 0]
    with pytest.raises(NonInvertibleMatrixError):
        sympys_own(lambda: (u * u.T).inv()[0, 0])


def test_a_determinant_zero_at_the_point_is_not_shown_nonzero() -> None:
    """The point is exact and fixed: a value of 0 there proves nothing, and the caller falls back to sympy."""
    x, y = sp.symbols("x y")
    point_x = sp.Rational(3, 7)  # the point nonzero_somewhere gives the first symbol (sorted by name)
    assert inverses.nonzero_somewhere(x - y)
    assert not inverses.nonzero_somewhere(x - point_x)
    assert not inverses.nonzero_somewhere(sp.Integer(0))
    assert inverses.adjugate_over_det(sp.Matrix([[x - point_x]])) is None
    assert inverses.adjugate_over_det(sp.Matrix([[x]])) == sp.Matrix([[1 / x]])


def test_the_lowering_writes_its_inverses_the_same_way() -> None:
    m = mathlib.matrix("M", 2)
    assert lowering._adjugate_over_det(sp.Matrix(m)) == sp.Matrix(m.adjugate() / m.det(method="berkowitz"))
