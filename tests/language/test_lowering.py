"""Matrix notation: matrix symbols become explicit matrices before anything else sees them,
and sympy's own matrix calculus is never trusted."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import SPD, Derivative, Identity, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.lowering import LoweringError, lower
from verifier.language.mathlib import matrix, vector
from verifier.outcome import Status

FAST = EngineSettings(samples=60)


def test_matrix_symbols_become_the_entries_mathlib_would_make() -> None:
    X, w = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("w", 2, 1)
    body = lower(Identity(X * w, X * w, where={X: Real(), w: Real()}))
    assert body.lhs == matrix("X", 3, 2) * vector("w", 2)
    assert set(body.where) == {sp.ImmutableMatrix(matrix("X", 3, 2)), sp.ImmutableMatrix(vector("w", 2))}


def test_a_statement_without_matrix_symbols_is_left_alone() -> None:
    x = sp.Symbol("x")
    body = Identity(x, x, where={x: Real()})
    assert lower(body) is body


def test_an_unevaluated_derivative_is_taken_entry_by_entry() -> None:
    X = sp.MatrixSymbol("X", 2, 2)
    body = lower(Identity(sp.Derivative(sp.log(sp.det(X)), X), X.inv().T, where={X: Invertible()}))
    assert sp.simplify(sp.Matrix(body.lhs) - sp.Matrix(body.rhs)) == sp.zeros(2, 2)


def test_sympys_matrix_derivative_of_log_det_is_zero_and_is_refuted() -> None:
    """sympy 1.14: diff(log(det(X)), X) == 0. The verifier shows the claim built on it is false."""

    @claim(n=range(1, 3), expect="refuted")
    def sympy_log_det(n: int) -> Identity:
        X = sp.MatrixSymbol("X", n, n)
        return Identity(sp.diff(sp.log(sp.det(X)), X), X.inv().T, where={X: SPD()})

    r = verify_family(sympy_log_det, FAST)
    assert r.status is Status.REFUTED and r.counterexample is not None
    assert r.counterexample.n == 1 and r.counterexample.values == {"X": [1.0]}


def test_matrix_notation_claims_are_proved_and_render_as_written() -> None:
    @claim(n=range(1, 4))
    def log_abs_det_gradient(n: int) -> Derivative:
        X = sp.MatrixSymbol("X", n, n)
        return Derivative(sp.log(sp.det(X) ** 2) / 2, wrt=X, equals=X.inv().T, where={X: Invertible()})

    r = verify_family(log_abs_det_gradient, FAST)
    assert r.status is Status.PROVED, r.reason
    assert "X^{T}" in r.latex and "^{-1}" in r.latex, "the report shows X⁻ᵀ, not a matrix of cofactors"


def test_a_symbolic_size_is_a_clear_error() -> None:
    @claim()
    def generic_size() -> Identity:
        m = sp.Symbol("m", integer=True, positive=True)
        X = sp.MatrixSymbol("X", m, m)
        return Identity(X.T.T, X, where={X: Real()})

    r = verify_family(generic_size, FAST)
    assert r.status is Status.ERROR
    assert "symbolic shape m×m" in r.reason and "MatrixSymbol('X', n, n)" in r.reason


def test_entry_names_that_clash_with_other_symbols_are_refused() -> None:
    X = sp.MatrixSymbol("X", 2, 2)
    clash = sp.Symbol("X12")
    with pytest.raises(LoweringError, match="X12"):
        lower(Identity(sp.trace(X) + clash, clash + sp.trace(X), where={X: Real(), clash: Real()}))


def test_a_zero_of_the_wrong_shape_explains_sympys_matrix_calculus() -> None:
    @claim()
    def scalar_zero() -> Identity:
        x = vector("x", 2)
        return Identity(sp.Integer(0), x, where={x: Real()})

    r = verify_family(scalar_zero, FAST)
    assert r.status is Status.ERROR and "sp.Derivative(f, X) unevaluated" in r.reason


def test_two_matrix_symbols_whose_entries_would_share_names_are_refused() -> None:
    """X (2×2) has entries X11, X12, …; a vector X1 of length 2 would have X11, X12 too."""
    X, X1 = sp.MatrixSymbol("X", 2, 2), sp.MatrixSymbol("X1", 2, 1)
    with pytest.raises(LoweringError, match="X11"):
        lower(Identity(X * X1, X * X1, where={X: Real(), X1: Real()}))


def test_explicit_matrices_are_left_exactly_as_written() -> None:
    """sympy counts an ImmutableMatrix as a MatrixExpr; evaluating it would, for one, turn
    unevaluated mixed partials into sympy's canonical order and prove Schwarz by fiat."""
    u, v = sp.symbols("u v")
    f = sp.Function("f")(u, v)
    hessian = sp.ImmutableMatrix(2, 2, lambda i, j: sp.Derivative(f, (u, v)[i], (u, v)[j]))
    body = Identity(hessian, hessian.T, where={u: Real(), v: Real()})
    assert lower(body) is body


def test_an_unevaluated_scalar_derivative_is_taken_and_shown_as_written() -> None:
    """A line such as d/dx x² = 2x, written with sp.Derivative, is checked (not UNKNOWN)."""
    from verifier import Identity, Real, claim
    from verifier.engine import EngineSettings, verify_family
    from verifier.outcome import Status

    t = sp.Symbol("t")

    @claim()
    def slope() -> Identity:
        "d/dt t² = 2t."
        return Identity(sp.Derivative(t**2, t), 2 * t, where={t: Real()})

    @claim(expect="refuted")
    def slope_wrong() -> Identity:
        "d/dt t² = t (wrong)."
        return Identity(sp.Derivative(t**2, t), t, where={t: Real()})

    right = verify_family(slope, EngineSettings(samples=40))
    assert right.status is Status.PROVED and right.latex.startswith(r"\frac{d}{d t} t^{2}")
    assert verify_family(slope_wrong, EngineSettings(samples=40)).status is Status.REFUTED


def test_an_inverse_is_sympys_adjugate_over_determinant_and_a_singular_one_is_still_refused() -> None:
    X, lam = sp.MatrixSymbol("X", 3, 3), sp.Symbol("lambda", positive=True)
    ridge = X.T * X + lam * sp.Identity(3)
    body = lower(Identity(ridge.I, ridge.I, where={X: Real(), lam: Real()}))
    explicit = sp.Matrix(matrix("X", 3, 3)).T * sp.Matrix(matrix("X", 3, 3)) + lam * sp.eye(3)
    assert sp.Matrix(body.lhs) == explicit.inv(method="ADJ")
    x = sp.Symbol("x")
    singular = sp.ImmutableMatrix([[sp.sin(x) ** 2 + sp.cos(x) ** 2, 1], [1, 1]])  # det ≡ 0, not as written
    with pytest.raises(LoweringError, match="undefined everywhere: at size 2×2 its determinant is identically 0"):
        lower(Identity(sp.Inverse(singular), sp.eye(2), where={x: Real()}))


def test_sympy_keeps_the_inverse_of_a_possibly_singular_product_as_written() -> None:
    """(XXᵀ)⁻¹(XXᵀ)y is y to sympy before any claim sees it; a claim must see what its author wrote (issue 37)."""
    n = sp.Symbol("n", integer=True, positive=True)
    X, y, A = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n + 1, 1), sp.MatrixSymbol("A", n, n)
    assert (X * X.T).I * (X * X.T) * y != y  # XXᵀ of a tall X is singular everywhere
    assert sp.Identity(n) != (A - A.T).I * (A - A.T)  # singular at every odd n
    assert sp.Identity(n) == (X.T * X).I * (X.T * X)  # XᵀX of a tall X: invertible almost everywhere
    assert sp.Identity(n) == A.I * A and sp.Identity(n) == A.T * A.T.I


def test_an_inverse_singular_at_every_point_is_an_error_that_names_it() -> None:
    X, y = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("y", 3, 1)
    with pytest.raises(LoweringError, match=r"\(X\*X.T\)⁻¹ is undefined everywhere: at size 3×3"):
        lower(Identity((X * X.T).I * (X * X.T) * y, y, where={X: Real(), y: Real()}))


def test_a_finite_sum_is_written_out_term_by_term_with_no_side_condition() -> None:
    """Σ_{k=0}^{3} x^k was an ERROR, "no value for the symbol k". sympy's closed form, (x⁴ − 1)/(x − 1),
    would be undefined at x = 1, where the sum is 4: the terms are written out instead."""
    x, k = sp.Symbol("x"), sp.Symbol("k", integer=True)
    body = lower(Identity(sp.Sum(x**k, (k, 0, 3)), sp.Product(1 + x / k, (k, 1, 2)), where={x: Real()}))
    assert body.lhs == 1 + x + x**2 + x**3
    assert body.rhs == (1 + x) * (1 + x / 2)
    j = sp.Symbol("j", integer=True)  # an inner bound that is the outer index: sympy keeps one Sum of two limits
    assert lower(Identity(sp.Sum(sp.Sum(x**j, (j, 0, k)), (k, 0, 2)), x, where={x: Real()})).lhs == x**2 + 2 * x + 3
    with pytest.raises(LoweringError, match="runs down, from 3 to 0"):
        lower(Identity(sp.Sum(x**k, (k, 3, 0)), x, where={x: Real()}))

    @claim(expect="refuted")
    def off_by_one() -> Identity:
        return Identity(sp.Sum(x**k, (k, 0, 3)), (x**3 - 1) / (x - 1), where={x: Real()})

    r = verify_family(off_by_one, FAST)
    assert r.status is Status.REFUTED, r.reason


def test_a_sum_with_a_symbolic_bound_says_to_write_the_bound_as_a_number() -> None:
    @claim()
    def to_m() -> Identity:
        x, k, m = sp.Symbol("x"), sp.Symbol("k", integer=True), sp.Symbol("m", integer=True, positive=True)
        return Identity(sp.Sum(x**k, (k, 0, m)), x, where={x: Real()})

    r = verify_family(to_m, FAST)
    assert r.status is Status.ERROR
    assert "the sum over k runs from 0 to m" in r.reason and "no value for the symbol" not in r.reason


def test_constant_matrices_at_a_concrete_size_are_written_out() -> None:
    """det(A + I) was UNKNOWN, "Identity has no numeric implementation": sympy's doit leaves I + (an
    explicit matrix) alone inside a determinant."""

    @claim(n=[2, 3])
    def det_shift(n: int) -> Identity:
        A = sp.MatrixSymbol("A", n, n)
        return Identity(sp.det(A + sp.Identity(n)), sp.det(sp.Identity(n) + A.T), where={A: Real()})

    @claim(n=[2, 3], expect="refuted")
    def det_shift_wrong(n: int) -> Identity:
        A = sp.MatrixSymbol("A", n, n)
        return Identity(sp.det(A + sp.Identity(n)), sp.det(A) + 1, where={A: Real()})

    assert verify_family(det_shift, FAST).status is Status.PROVED
    assert verify_family(det_shift_wrong, FAST).status is Status.REFUTED
    assert lower(Identity(sp.det(sp.Identity(2) + sp.OneMatrix(2, 2)), sp.Integer(3))).lhs == 3


def test_a_subs_that_binds_the_index_is_left_to_its_own_and_says_what_stops_the_numerics() -> None:
    """Σ_{k=0}^{1} (k·x)|_{k=2}: the Subs binds its own k, so writing the sum out leaves it alone (it was
    Subs(0, 0, 2) + Subs(x, 1, 2), and a true claim REFUTED: helper-88); the numeric check cannot evaluate a
    Subs, and says so instead of "no value for the symbol k"."""
    x, k = sp.Symbol("x"), sp.Symbol("k", integer=True)
    body = lower(Identity(sp.Sum(sp.Subs(k * x, k, 2), (k, 0, 1)), 4 * x, where={x: Real()}))
    assert body.lhs == 2 * sp.Subs(k * x, k, 2)

    @claim()
    def bound_twice() -> Identity:
        return Identity(sp.Sum(sp.Subs(k * x, k, 2), (k, 0, 1)), 4 * x, where={x: Real()})

    r = verify_family(bound_twice, FAST)
    assert r.status is Status.ERROR and "bound inside the claim (by a Subs" in r.reason, r.reason
