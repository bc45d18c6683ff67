"""Proof by cases: Abs, Max, Min, Heaviside, sign and Piecewise are split by their conditions,
each case is shown zero by the kernel, and a wrong branch is still refuted."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Derivative, Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.claims import Expect
from verifier.language.families import Claim
from verifier.outcome import Status
from verifier.trusted import kernel, obligations
from verifier.trusted.cases import _no_signs_fit, split_products
from verifier.trusted.instantiate import instantiate
from verifier.trusted.kernel import Rejected

x, y = sp.Symbol("x"), sp.Symbol("y")
Y = sp.Symbol("y", real=True)
FAST = EngineSettings(samples=40)
SMOOTH_L1 = sp.Piecewise((x**2 / 2, sp.Abs(x) < 1), (sp.Abs(x) - sp.Rational(1, 2), True))


def _verify(name: str, body: object) -> object:
    return verify_family(claim(name=name)(lambda: body), FAST)


@pytest.mark.slow
def test_max_plus_min_is_proved_by_cases() -> None:
    r = _verify("max_min", Identity(sp.Max(x, y) + sp.Min(x, y), x + y, where={x: Real(), y: Real()}))
    assert r.status is Status.PROVED, r.reason
    assert r.proofs[0].rule == "proof by cases"


@pytest.mark.slow
def test_smooth_l1_gradient_as_a_clamp_is_proved_with_the_kink_proviso() -> None:
    body = Derivative(SMOOTH_L1, wrt=x, equals=sp.Max(-1, sp.Min(1, x)), where={x: Real()})
    r = _verify("smooth_l1", body)
    assert r.status is Status.PROVED, r.reason
    assert any("case by case" in a for a in r.assumptions)


@pytest.mark.slow
def test_a_wrong_branch_is_refuted_and_named() -> None:
    body = Derivative(SMOOTH_L1, wrt=x, equals=sp.Max(-2, sp.Min(2, x)), where={x: Real()})
    assert _verify("smooth_l1_wrong", body).status is Status.REFUTED
    slope_two = sp.Piecewise((x, sp.Abs(x) < 1), (2 * sp.sign(x), True))
    r = _verify("outer_slope_two", Derivative(SMOOTH_L1, wrt=x, equals=slope_two, where={x: Real()}))
    assert r.status is Status.REFUTED
    assert "in the case 1 <= x" in r.reason or "in the case x <= -1" in r.reason, r.reason
    assert r.counterexample is not None and "in the case" in r.counterexample.note


@pytest.mark.parametrize(
    ("lhs", "case"),
    [(sp.sign(x - sp.pi) ** 2, "in the case x = pi"), (sp.sign(sp.sin(x)) ** 2, "in the case sin(x) = 0")],
)
def test_a_point_found_exactly_is_explained_by_its_own_case(lhs: sp.Expr, case: str) -> None:
    """sign(x − π)² = 1, refuted exactly at π, was said to fail 'in the case x <= pi' (where it holds): the case
    was read at the shown float 3.141592653589793, which lies below π. It is read at the exact point now."""
    r = _verify("jump", Identity(lhs, 1, where={x: Real()}))
    assert r.status is Status.REFUTED, r.reason
    assert r.reason.endswith(case), r.reason
    assert r.counterexample is not None and r.counterexample.note.startswith(case + ";")
    # the float shown beside an irrational point is not where the claim fails (sign(3.141592653589793 − π)² = 1):
    # the note says the point is exact, and "decided exactly" is said once, not in the reason and after it
    assert "exactly at x = pi, not its float" in r.counterexample.note or "sin" in case, r.counterexample.note
    assert r.reason.count("decided exactly") <= 1, r.reason


def test_unreachable_cases_are_dropped_and_kinks_are_substituted() -> None:
    xr = sp.Symbol("x", real=True)
    assert all(value == 0 for value, _ in obligations.cases(sp.Max(xr, 0) - xr * sp.Heaviside(xr)))
    values = [value for value, _ in obligations.cases(sp.Max(xr, 0) - xr)]
    assert -xr in values, "the case x <= 0 is not zero: no proof"


def test_a_modulus_or_sign_of_a_product_of_reals_is_split_and_nothing_else_is() -> None:
    xr, yr, zr = sp.symbols("x y z", real=True)
    inner = sp.Abs(xr * sp.Abs(yr) * zr)  # sympy keeps |x·z| whole: four branching functions, 16 cases
    assert obligations.cases(inner - sp.Abs(xr) * sp.Abs(yr) * sp.Abs(zr)) == [(0, sp.true)]
    assert split_products(sp.Abs(xr * yr) + sp.Abs(xr + yr)) == sp.Abs(xr) * sp.Abs(yr) + sp.Abs(xr + yr)
    assert split_products(sp.Abs(sp.I * xr * yr)) == sp.Abs(xr) * sp.Abs(yr)  # sympy takes |i| out first
    complex_factor = sp.Abs(sp.sqrt(x) * yr)  # √x is not known to be real: left whole
    assert split_products(complex_factor) == complex_factor
    assert split_products(sp.sign(xr * yr) ** 2) == sp.sign(xr) ** 2 * sp.sign(yr) ** 2  # sign is multiplicative
    assert split_products(sp.Heaviside(xr * yr)) == sp.Heaviside(xr * yr)  # Heaviside is not


def test_a_modulus_of_a_product_is_proved_by_its_split_and_a_dropped_sign_is_refuted() -> None:
    z = sp.Symbol("z")
    reals = {x: Real(), y: Real(), z: Real()}
    r = _verify("split", Identity(sp.Abs(x * sp.Abs(y) * z), sp.Abs(x) * sp.Abs(y) * sp.Abs(z), where=reals))
    assert r.status is Status.PROVED, r.reason  # was CHECKED: its 16 cases ran out of the symbolic budget
    wrong = _verify("sign_kept", Identity(sp.Abs(x * y * z), sp.Abs(x) * sp.Abs(y) * z, where=reals))
    assert wrong.status is Status.REFUTED, wrong.reason


def test_a_denominator_cancelled_by_the_split_is_still_a_point_where_the_left_side_is_undefined() -> None:
    """Red team: |x·|y|·(z − π)|/|z − π| = |x|·|y| is undefined at z = π, which no sample meets. Split, the left
    side is |x|·|y|, one case of value 0, and the proof held "wherever both sides are defined". The exact search
    now looks for poles in several symbols too: z = π is found, the left side has no value there and the right
    side has one, so the claim is refuted there, as in one symbol; no case explains it (the shown float of π
    lies in the case z < π)."""
    z = sp.Symbol("z")
    g = z - sp.pi
    reals = {x: Real(), y: Real(), z: Real()}
    body = Identity(sp.Abs(x * sp.Abs(y) * g) / sp.Abs(g), sp.Abs(x) * sp.Abs(y), where=reals)
    r = _verify("cancelled", body)
    assert r.status is Status.REFUTED, r.reason
    assert "the left side is undefined at x = 1/3, y = 1/3, z = pi" in r.reason and "in the case" not in r.reason


@pytest.mark.parametrize(
    "expr",
    [
        sp.sign(Y) * sp.sign(Y**2 - 2),  # sympy's simplify made the case y = −√2 empty (red team helper-56)
        sp.sign(Y * (Y**2 - 2)) * sp.sign(Y**2 - 2),
        sp.Abs(Y**2 - 2) + sp.sign(Y - 1) * sp.Heaviside(Y**2 - 3),
        sp.Max(Y**2, 2) - sp.Min(Y, sp.sqrt(3)),
    ],
)
def test_every_point_is_in_a_case_that_is_kept(expr: sp.Expr) -> None:
    """The cases cover every point, the roots of the conditions included, where a dropped case would let a proof
    skip the one point where the claim fails."""
    kept = [condition for _, condition in obligations.cases(expr)]
    for at in [-2, -sp.sqrt(3), -sp.sqrt(2), -1, 0, 1, sp.sqrt(2), sp.sqrt(3), 2, sp.Rational(3, 2)]:
        assert any(sp.sympify(c).subs(Y, at) is sp.true for c in kept), f"no case holds at y = {at}"


def test_a_case_is_dropped_when_no_signs_fit_it() -> None:
    xr, yr = sp.symbols("x y", real=True)
    values = [value for value, _ in obligations.cases(sp.Max(xr, yr) + sp.Min(xr, yr) - xr - yr)]
    assert values == [0, 0]  # the third case, x ≥ y and x ≤ y both false, has no point: x − y has no sign
    assert not _no_signs_fit(sp.And(yr < 0, sp.Eq(yr**2, 2)))  # y = −√2: its signs fit, kept
    assert _no_signs_fit(sp.And(sp.Or(xr > yr, sp.Eq(xr, yr)), xr < yr))  # x − y ≥ 0 and < 0
    assert not _no_signs_fit(sp.And(xr > 0, yr > 0))


def test_the_kernel_refuses_facts_for_cases_it_did_not_compute() -> None:
    wrong = instantiate(Claim("w", "test", "w", Identity(sp.Max(x, 0), x, where={x: Real()}), Expect.HOLDS, None))
    obligation = kernel.residual(wrong)
    with pytest.raises(Rejected, match="no zero fact"):
        kernel.prove_residual_by_cases(wrong, obligation, [kernel.zero(sp.Integer(0), "exact")])


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 2, 3])
def test_a_kink_is_no_evidence_for_or_against_a_derivative_claim(seed: int) -> None:
    """At a tie the one-sided derivatives of Max differ: a derivative claim says nothing checkable
    there, so simple values that hit the tie are skipped, never a counterexample of a true rule."""
    a, b = sp.Symbol("a"), sp.Symbol("b")
    where = {a: Real(), b: Real()}
    true_rule = Derivative(sp.Max(a, b), wrt=a, equals=sp.Piecewise((1, a >= b), (0, True)), where=where)
    r = verify_family(claim(name="max_rule")(lambda: true_rule), EngineSettings(samples=200, seed=seed))
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    wrong = Derivative(sp.Max(a, b), wrt=a, equals=sp.Piecewise((0, a >= b), (1, True)), where=where)
    assert verify_family(claim(name="max_wrong")(lambda: wrong), FAST).status is Status.REFUTED


def test_an_equality_whose_coefficient_may_vanish_fixes_no_symbol() -> None:
    """sign(xy) = 0 holds at y = 0 for every x: solving xy = 0 as x = 0 dropped that branch, and the kernel PROVED
    x(1 − sign(xy)²) = 0, which is 1 at x = 1, y = 0 (a red team's probe)."""
    xr, yr = sp.symbols("x y", real=True)
    values = [v for v, _ in obligations.cases(xr * (1 - sp.sign(xr * yr) ** 2))]
    assert xr in values  # the case sign(xy) = 0 keeps its value x: not zero
    kink = (xr - 2 * yr) * sp.sign(xr - 2 * yr) - sp.Abs(xr - 2 * yr)  # x − 2y = 0 still fixes x = 2y
    assert all(v == 0 for v, _ in obligations.cases(kink))
    r = _verify("dropped_branch", Identity(x * (1 - sp.sign(x * y) ** 2), sp.Integer(0), where={x: Real(), y: Real()}))
    assert r.status is not Status.PROVED, r.reason
