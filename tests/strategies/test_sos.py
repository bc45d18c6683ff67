"""Sum-of-squares search: a numerical SDP proposes, exact rounding makes it rational, the kernel decides."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from verifier import Inequality, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.language.mathlib import dot, squared_norm, vector
from verifier.outcome import Status
from verifier.strategies import ladder
from verifier.strategies.sos import exact as sos_exact
from verifier.strategies.sos import sdp as sos_sdp
from verifier.strategies.sos import search as sos
from verifier.trusted import kernel
from verifier.trusted.instantiate import Instance, instantiate
from verifier.trusted.kernel import Rejected

SETTINGS = EngineSettings(samples=40)
x, y = sp.symbols("x y", real=True)
XS, YS = sp.symbols("x1:4", real=True), sp.symbols("y1:4", real=True)
needs_clarabel = pytest.mark.skipif(not sos_sdp.available(), reason="clarabel absent: pip install '.[sos]'")


def _inst(family: ClaimFamily, n: int | None = None) -> Instance:
    return instantiate(family.build(n if n is not None else family.n_values[0]))


def _squares_sum(found: sos.Found) -> sp.Expr:
    weights, forms = sos.to_squares(found)
    return sp.Add(*[w * f[0] ** 2 for w, f in zip(weights, forms, strict=True)])


def test_projection_spreads_each_residual_evenly_over_its_monomials_entries() -> None:
    """Peyrl–Parrilo: x⁴ + y⁴ − 2x²y² in the basis (x², xy, y²); x²y² is fed by the entries (1,1) and
    (0,2), i.e. three ordered pairs, and each moves by a third of that monomial's residual."""
    view = sos.polynomial_view(x**4 + y**4 - 2 * x**2 * y**2)
    assert isinstance(view, sos.PolyView)
    problem = sos.gram_problem(view)
    assert isinstance(problem, sos_exact.GramProblem)
    contributions = problem.contributions()
    rng = random.Random(0)
    start = [Fraction(rng.randint(-9, 9), 7) for _ in contributions]
    projected = sos_exact.project(problem, start, contributions)
    assert projected is not None
    total: dict[tuple[int, ...], Fraction] = {}
    for value, poly in zip(projected, contributions, strict=True):
        for m, c in poly.items():
            total[m] = total.get(m, Fraction(0)) + value * c
    assert {m: c for m, c in total.items() if c} == view.target  # the constraints hold exactly
    entries = problem.entries()
    feeds = [next(iter(p)) for p in contributions]
    for k, (_, i, j) in enumerate(entries):
        fed = [q for q, m in enumerate(feeds) if m == feeds[k]]
        pairs = sum(1 if entries[q][1] == entries[q][2] else 2 for q in fed)
        residual = view.target.get(feeds[k], Fraction(0)) - sum(start[q] * contributions[q][feeds[k]] for q in fed)
        assert projected[k] - start[k] == residual / pairs, (i, j)


def test_an_indefinite_gram_matrix_has_no_exact_factorisation() -> None:
    half = Fraction(1, 2)
    assert sos_exact.ldl([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(1)]]) is None
    pivots, rows = sos_exact.ldl([[Fraction(2), half], [half, Fraction(1)]]) or ([], [])
    assert all(d > 0 for d in pivots) and len(rows) == 2


@needs_clarabel
@pytest.mark.parametrize(
    "gap",
    [
        x**4 + y**4 - 2 * x**2 * y**2,
        x**4 + y**4 + 1 - x * y,
        (x**2 + y**2) * (sp.Symbol("u", real=True) ** 2 + sp.Symbol("v", real=True) ** 2)
        - (x * sp.Symbol("u", real=True) + y * sp.Symbol("v", real=True)) ** 2,
        sum(a**2 for a in XS) * sum(b**2 for b in YS) - sum(a * b for a, b in zip(XS, YS, strict=True)) ** 2,
    ],
    ids=["x4+y4-2x2y2", "strictly-positive", "lagrange-n2", "lagrange-n3"],
)
def test_a_known_sum_of_squares_is_found_with_exact_rational_weights(gap: sp.Expr) -> None:
    found = sos.search(gap)
    assert isinstance(found, sos.Found), found
    assert all(d > 0 for _, d, _ in found.squares)
    assert sp.expand(_squares_sum(found) - gap) == 0


def test_facial_reduction_keeps_the_exact_complement_of_a_numerical_kernel() -> None:
    """(x² − y²)² has the one Gram matrix [[1,0,−1],[0,0,0],[−1,0,1]] in the basis (x², xy, y²): its
    kernel, read off a perturbed numerical solution and rounded, leaves the basis x² − y² alone."""
    view = sos.polynomial_view((x**2 - y**2) ** 2)
    assert isinstance(view, sos.PolyView)
    problem = sos.gram_problem(view)
    assert isinstance(problem, sos_exact.GramProblem)
    exact = {(0, 0): 1.0, (0, 2): -1.0, (2, 2): 1.0}
    rng = random.Random(1)
    values = [exact.get((i, j), 0.0) + rng.uniform(-1e-9, 1e-9) for _, i, j in problem.entries()]
    reduced = sos_sdp.reduce_faces(problem, values)
    assert reduced is not None and len(reduced.blocks) == 1 and len(reduced.blocks[0].basis) == 1
    (basis,) = reduced.blocks[0].basis
    assert basis in ({(2, 0): 1, (0, 2): -1}, {(2, 0): -1, (0, 2): 1})


@claim()
def motzkin() -> Inequality:
    "x⁴y² + x²y⁴ + 1 ≥ 3x²y²: nonnegative, not a sum of squares."
    return Inequality(x**4 * y**2 + x**2 * y**4 + 1, ">=", 3 * x**2 * y**2, where={x: Real(), y: Real()})


@claim()
def nearly_sos() -> Inequality:
    "Wrong: (x² − y²)² ≥ 10⁻⁹ (0 at x = y); a numerical SDP is within its tolerance of feasible."
    return Inequality((x**2 - y**2) ** 2, ">=", sp.Rational(1, 10**9), where={x: Real(), y: Real()})


@claim(n=[3])
def am_gm(n: int) -> Inequality:
    "(x₁ + x₂ + x₃)/3 ≥ (x₁x₂x₃)^{1/3}."
    v = vector("x", n)
    return Inequality(sum(v) / n, ">=", sp.Mul(*v) ** sp.Rational(1, n), where={v: Positive()})


@claim(n=[3], expect="refuted")
def am_gm_reversed(n: int) -> Inequality:
    "Wrong: (x₁ + x₂ + x₃)/3 ≤ (x₁x₂x₃)^{1/3}."
    v = vector("x", n)
    return Inequality(sum(v) / n, "<=", sp.Mul(*v) ** sp.Rational(1, n), where={v: Positive()})


@claim(n=[3])
def cauchy_schwarz_norms(n: int) -> Inequality:
    "|xᵀy| ≤ ‖x‖‖y‖, by squared sides."
    a, b = vector("x", n), vector("y", n)
    bound = sp.sqrt(squared_norm(a)) * sp.sqrt(squared_norm(b))
    return Inequality(sp.Abs(dot(a, b)), "<=", bound, where={a: Real(), b: Real()})


@claim()
def at_least_its_absolute_value() -> Inequality:
    "Wrong: x ≥ |x|; its squared sides x² − x² = 0 would 'prove' it without x ≥ 0."
    return Inequality(x, ">=", sp.Abs(x), where={x: Real()})


@needs_clarabel
def test_motzkin_is_not_proved_and_says_why() -> None:
    result = verify_family(motzkin, SETTINGS)
    assert result.status is Status.CHECKED
    assert "sum of squares (SDP)" in result.reason and "not positive semidefinite" in result.reason


@needs_clarabel
@pytest.mark.parametrize(("family", "status"), [(am_gm, Status.PROVED), (am_gm_reversed, Status.REFUTED)])
def test_am_gm_is_proved_and_its_reversal_refuted(family: ClaimFamily, status: Status) -> None:
    result = verify_family(family, SETTINGS)
    assert result.status is status, result.reason
    if status is Status.PROVED:
        assert result.proofs[0].rule == "sum of squares" and "SDP" not in result.proofs[0].rule


@needs_clarabel
def test_a_false_claim_close_to_a_sum_of_squares_is_never_proved() -> None:
    inst = _inst(nearly_sos)
    assert ladder.prove(inst, 300).proof is None
    true_gap = sos.search((x**2 - y**2) ** 2)  # the certificate of the neighbouring true claim
    assert isinstance(true_gap, sos.Found)
    weights, forms = sos.to_squares(true_gap)
    with pytest.raises(Rejected, match="identity"):
        kernel.prove_inequality(inst, [], (weights, forms))
    assert verify_family(nearly_sos, SETTINGS).status is not Status.PROVED  # random samples miss x = y


@needs_clarabel
def test_squared_sides_prove_cauchy_schwarz_with_norms() -> None:
    proof = ladder.prove(_inst(cauchy_schwarz_norms), 300).proof
    assert proof is not None and proof.rule == "squared sides, sum of squares"


def test_squared_sides_need_the_greater_side_nonnegative() -> None:
    inst = _inst(at_least_its_absolute_value)
    with pytest.raises(Rejected, match="greater side"):
        kernel.prove_inequality(inst, [kernel.nonnegative(sp.Integer(1))], sides=True)
    assert ladder.prove(inst, 100).proof is None
    assert verify_family(at_least_its_absolute_value, SETTINGS).status is Status.REFUTED


def test_without_clarabel_the_claim_stays_checked_and_says_how_to_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sos_sdp, "available", lambda: False)
    result = verify_family(am_gm, SETTINGS)
    assert result.status is Status.CHECKED
    assert sos_sdp.INSTALL_HINT in result.reason


@needs_clarabel
def test_the_newton_polytopes_membership_test_keeps_faces_and_refuses_what_lies_outside() -> None:
    """The LP behind half_newton (Clarabel since scipy.optimize's linprog went): a point inside, on an edge or at
    a vertex is in the hull, one off it is not, with the exponents' rows dependent (every point of degree 4,
    points repeated) as a homogeneous target's are. A dependent row must not be dropped: x + y = 2 for every
    point, so (1, 0) is outside though it is a combination of the other rows' equations."""
    square = np.array([[0, 0], [4, 0], [0, 4], [4, 4]], dtype=float)
    for q, inside in [((2, 2), True), ((4, 2), True), ((0, 0), True), ((5, 2), False), ((2, -1), False)]:
        assert sos._in_hull(square, np.array(q, dtype=float)) is inside, q
    degree_four = np.array([[4, 0], [2, 2], [0, 4], [4, 0]], dtype=float)
    for q, inside in [((3, 1), True), ((1, 3), True), ((2, 1), False), ((3, 2), False), ((5, -1), False)]:
        assert sos._in_hull(degree_four, np.array(q, dtype=float)) is inside, q
    on_a_line = np.array([[2, 0], [0, 2], [1, 1]], dtype=float)
    assert not sos_sdp.nonnegative_solution(np.vstack([on_a_line.T, np.ones(3)]), np.array([1.0, 0.0, 1.0]))
