"""A ⇒ B with A solved for a symbol it is linear in: where the coefficient vanishes, A holds for every value of that
symbol, so B must too (helper-93: 2λw = 0 ⇒ w = 0 was CHECKED; the solution w = 0 had no denominator left to say
that λ = 0 is another story). The determinant of the coefficient matrix, as solved, marks those points."""

from __future__ import annotations

import sympy as sp

from verifier import Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status

lam, w, x, y = sp.symbols("lambda w x y")
SETTINGS = EngineSettings(samples=60)
REALS = {w: Real(), lam: Real()}


@claim()
def divide_by_lambda() -> Implication:
    return Implication(Relation(2 * lam * w, "=", 0), Relation(w, "=", 0), where=REALS)


@claim()
def a_product_is_zero() -> Implication:
    return Implication(Relation(x * y, "=", 0), Relation(x, "=", 0), where={x: Real(), y: Real()})


@claim()
def divide_by_lambda_kept() -> Implication:
    """True: λw = 0 wherever 2λw = 0, λ = 0 included."""
    return Implication(Relation(2 * lam * w, "=", 0), Relation(lam * w, "=", 0), where=REALS)


@claim()
def never_singular() -> Implication:
    """True: λ² + 1 is never 0."""
    return Implication(Relation((lam**2 + 1) * w, "=", 0), Relation(w, "=", 0), where=REALS)


@claim()
def true_at_the_singular_point_too() -> Implication:
    """True: λw = λ ⇒ λ(w − 1) = 0, at λ = 0 as well."""
    return Implication(Relation(lam * w, "=", lam), Relation(lam * (w - 1), "=", 0), where=REALS)


def _verified(family: ClaimFamily) -> tuple[Status, str, dict[str, object]]:
    r = verify_family(family, SETTINGS)
    return r.status, r.reason, dict(r.counterexample.values) if r.counterexample else {}


def test_dividing_the_premise_by_a_coefficient_that_can_vanish_is_refuted_where_it_does() -> None:
    status, reason, values = _verified(divide_by_lambda)
    assert status is Status.REFUTED, reason
    assert values == {"lambda": 0.0, "w": 1.0} and "decided exactly" in reason, (values, reason)
    assert "the premise holds for every w" in reason


def test_a_product_that_is_zero_needs_no_factor_to_be() -> None:
    status, reason, values = _verified(a_product_is_zero)
    assert status is Status.REFUTED, reason
    assert values["x"] != 0.0 and values["y"] == 0.0, values


def test_true_implications_with_singular_points_are_not_refuted() -> None:
    for family in (divide_by_lambda_kept, never_singular, true_at_the_singular_point_too):
        status, reason, _ = _verified(family)
        assert status in (Status.PROVED, Status.CHECKED), (family.name, status, reason)


@claim()
def decimals_in_the_conclusion() -> Implication:
    """True as written, to the 12 digits decimals are decided to: 0.1 + 0.2 is 0.3 there (helper-96)."""
    return Implication(Relation(lam * w, "=", lam), Relation(0.1 * w + 0.2 * w, "=", 0.3 * w), where=REALS)


@claim()
def strict_at_the_origin() -> Implication:
    """False at λ = w = 0, where the solution w = 0 is defined though the coefficient λ vanishes (helper-96)."""
    return Implication(Relation(lam * w, "=", 0), Relation(lam**2 + w**2, ">", 0), where=REALS)


@claim()
def complex_where_the_premise_is_free() -> Implication:
    """False (√(λ + 1/2) has no value at λ = −1, where w = 3 holds the premise): no internal error (helper-96)."""
    return Implication(
        Relation(lam * (w - 3), "=", 0), Relation(sp.sqrt(lam + sp.Rational(1, 2)), ">", -1), where=REALS
    )


def test_decimals_are_not_decided_exactly_where_the_premise_is_free() -> None:
    status, reason, _ = _verified(decimals_in_the_conclusion)
    assert status is not Status.REFUTED, reason


def test_the_solution_is_still_a_point_of_the_premise_where_its_coefficient_vanishes() -> None:
    status, reason, values = _verified(strict_at_the_origin)
    assert status is Status.REFUTED and values == {"w": 0.0, "lambda": 0.0}, (reason, values)


def test_a_conclusion_with_no_real_value_at_the_tried_points_is_no_internal_error() -> None:
    status, reason, _ = _verified(complex_where_the_premise_is_free)
    assert status is not Status.UNKNOWN and "internal error" not in reason, reason
