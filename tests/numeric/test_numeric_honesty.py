"""Issue 24, classes 3 and 5: counterexamples lie in the domain; nothing undefined is skipped silently."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier import Identity, Inequality, Nonzero, PSDMatrix, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains import SPD, Interval, Orthogonal, Simplex
from verifier.language.domains.exact import dyadic_gram, is_orthogonal, square
from verifier.language.mathlib import matrix
from verifier.outcome import Status

FAST = EngineSettings(samples=120)
x, y = sp.Symbol("x"), sp.Symbol("y")


def verdict(statement: Identity | Inequality, n: int = 1, seed: int = 0) -> tuple[Status, str]:
    family = claim(n=[n], name="probe")(lambda n: statement)
    r = verify_family(family, EngineSettings(samples=120, seed=seed))
    return r.status, r.reason


# ---------------------------------------------------------------- class 3: the domain, exactly


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_rounded_singular_psd_sample_is_no_counterexample(seed: int) -> None:
    a = matrix("A", 2)
    statement = Inequality(a.det() * (2 + sp.cos(a[0, 1])), ">=", sp.Integer(0), where={a: PSDMatrix()})
    status, reason = verdict(statement, 2, seed)
    assert status in (Status.CHECKED, Status.PROVED), reason


def test_det_of_a_3x3_psd_matrix_is_nonnegative_without_inconsistency() -> None:
    a = matrix("A", 3)
    status, reason = verdict(Inequality(a.det(), ">=", sp.Integer(0), where={a: PSDMatrix()}), 3)
    assert status is Status.PROVED and "INCONSISTENCY" not in reason, reason


def test_psd_membership_is_exact() -> None:
    tiny = sp.Rational(1, 10**22)
    assert PSDMatrix().contains_exactly([1, 1, 1, 1]) is True
    assert PSDMatrix().contains_exactly([1, 1, 1, 1 - tiny]) is False
    assert SPD().contains_exactly([1, 1, 1, 1]) is False
    assert PSDMatrix().contains_exactly([0, 1, 1, 5]) is False  # a zero pivot with a nonzero row
    assert PSDMatrix().contains_exactly([1, 0, 0, -tiny]) is False


def test_other_domains_decide_membership_by_their_definition() -> None:
    half = sp.Rational(1, 2)
    assert Simplex().contains_exactly([half, half]) is True
    assert Simplex().contains_exactly([half, half + sp.Rational(1, 10**30)]) is False
    assert Interval(0.0, 1.0, open_lo=True).contains_exactly([0]) is False
    assert Interval(0.0, 1.0).contains_exactly([0]) is True
    assert Nonzero().contains_exactly([0]) is False
    assert Orthogonal().contains_exactly([0, 1, 1, 0]) is True
    assert Orthogonal().contains_exactly([1, sp.Rational(1, 10**20), 0, 1]) is False


def test_singular_psd_samples_are_exactly_psd_as_floats() -> None:
    mats = dyadic_gram(np.random.default_rng(0), 3, 2, 50)
    for m in mats:
        values = [sp.Rational(float(v)) for v in m.reshape(-1)]
        assert PSDMatrix().contains_exactly(values) is True
        assert sp.Matrix(3, 3, values).det() == 0


def test_orthogonal_samples_become_exactly_orthogonal() -> None:
    q = Orthogonal().sample(np.random.default_rng(1), (3, 3), 1)[0]
    exact = Orthogonal().exact_values(q)
    m = square(exact)
    assert m is not None and is_orthogonal(m)
    assert np.max(np.abs(np.array([float(v) for v in exact]).reshape(3, 3) - q)) < 1e-12


def test_a_false_psd_claim_is_still_refuted() -> None:
    a = matrix("A", 2)
    status, reason = verdict(Inequality(a.det(), ">", sp.Integer(0), where={a: PSDMatrix()}), 2)
    assert status is Status.REFUTED, reason


# ---------------------------------------------------------------- class 5: nothing skipped silently


def test_log_of_a_square_is_refuted_where_the_right_side_is_complex() -> None:
    status, reason = verdict(Identity(sp.log(y**2), 2 * sp.log(y), where={y: Real()}))
    assert status is Status.REFUTED, reason
    assert "right side is complex" in reason and "log of a negative number" in reason


def test_complex_values_are_compared_in_full() -> None:
    status, reason = verdict(Identity(sp.exp(sp.I * x), sp.cos(x), where={x: Real()}))
    assert status is Status.REFUTED, reason


def test_a_true_complex_identity_still_holds() -> None:
    status, reason = verdict(Identity(sp.exp(sp.I * x), sp.cos(x) + sp.I * sp.sin(x), where={x: Real()}))
    assert status in (Status.CHECKED, Status.PROVED), reason


@pytest.mark.parametrize(
    "statement",
    [
        Identity(sp.Heaviside(x) ** 2, sp.Heaviside(x), where={x: Real()}),
        Identity(sp.sign(x) ** 2, sp.Integer(1), where={x: Real()}),
        Inequality(sp.Max(x, -x), ">", sp.Integer(0), where={x: Real()}),
    ],
    ids=["heaviside", "sign", "max"],
)
def test_claims_failing_only_at_zero_are_refuted_there(statement: Identity | Inequality) -> None:
    family = claim(n=[1], name="probe")(lambda n: statement)
    r = verify_family(family, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and r.counterexample.values["x"] == 0


def test_one_side_undefined_at_zero_is_a_counterexample() -> None:
    status, reason = verdict(Identity((x**2 + x) / x, x + 1, where={x: Real()}))
    assert status is Status.REFUTED and "undefined" in reason and "x = 0" in reason, reason
    assert "division by zero" in reason
    status, reason = verdict(Identity((x**2 + x) / x, x + 1, where={x: Nonzero()}))
    assert status in (Status.CHECKED, Status.PROVED), reason


def test_both_sides_undefined_on_half_the_domain_is_an_error() -> None:
    status, reason = verdict(Identity(sp.log(x) + sp.log(x), 2 * sp.log(x), where={x: Real()}))
    assert status is Status.ERROR and "narrow the domain" in reason, reason


def test_both_sides_undefined_at_a_special_point_is_noted() -> None:
    lhs = 1 / x + sp.Heaviside(x)
    status, reason = verdict(Identity(lhs, 1 / x + (1 + sp.sign(x)) / 2, where={x: Real()}))
    assert status in (Status.CHECKED, Status.PROVED), reason
    assert status is Status.PROVED or "both sides undefined at x = 0" in reason


def test_an_inequality_with_a_complex_side_is_refuted() -> None:
    status, reason = verdict(Inequality(sp.sqrt(x), ">=", sp.Integer(0), where={x: Real()}))
    assert status is Status.REFUTED and "complex" in reason and "square root of a negative number" in reason, reason


def test_special_points_come_first() -> None:
    from verifier.numeric.checks.sampling import Settings, sample
    from verifier.trusted.instantiate import instantiate

    statement = Identity(x + y, y + x, where={x: Real(), y: Interval(0.0, 1.0)})
    inst = instantiate(claim(n=[1])(lambda n: statement).build(1))
    env = sample(inst, np.random.default_rng(0), 200, Settings())
    pairs = {(float(env[x][i]), float(env[y][i])) for i in range(48)}
    assert {(0.0, 0.0), (-1.0, 1.0), (2.0, 0.5)} <= pairs
