"""derivations/convexity.py: the certificate search proves the B&V facts, and the wrong versions are refuted."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from tests.support import ROOT
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains.vector import Simplex
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.outcome import Status
from verifier.strategies import ladder
from verifier.strategies.budget import WorkClock, budget
from verifier.trusted.instantiate import instantiate

SETTINGS = EngineSettings(samples=60)
FAMILIES = {f.name: f for f in loader.load(Path(ROOT) / "derivations" / "convexity.py", False).families}


def at(name: str, n: int | None) -> ClaimFamily:
    """The claim narrowed to one n, checked numerically there only."""
    return dataclasses.replace(FAMILIES[name], n_values=(n,), numeric_n=())


def accepted(name: str, n: int) -> ladder.CertificateAttempt:
    """The first certificate the search proposes and the kernel accepts, within the engine's budget."""
    refused = []
    with budget(SETTINGS.budget * 2):
        for attempt in ladder.certificate_attempts(instantiate(FAMILIES[name].build(n)), WorkClock(SETTINGS.budget)):
            if attempt.proof is not None:
                return attempt
            refused.append(f"{attempt.name}: {attempt.why}")
    raise AssertionError(f"no certificate accepted: {refused}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "n", "proposal", "rule"),
    [
        ("gram_psd", 5, "Gram AᵀA", "PSD certificate"),
        ("least_squares_convex", 5, "Gram 2·AᵀA", "PSD certificate"),
        ("covariance_on_simplex", 5, "covariance of p ∈ Δ", "PSD certificate"),
        ("log_sum_exp_convex", 5, "covariance of a probability vector", "PSD certificate"),
        ("geometric_mean_concave", 5, "LDLᵀ", "PSD certificate"),
        ("cauchy_schwarz", 4, "LDLᵀ of a quadratic form in x", "sum of squares"),
        ("first_order_condition", 3, "Gram 1/2·AᵀA of a quadratic form in y − x", "sum of squares"),
        ("jensen_for_the_square", 4, "covariance of theta ∈ Δ of a quadratic form in x", "sum of squares"),
        ("log_det_concave", 2, "LDLᵀ of a quadratic form in V", "sum of squares"),
    ],
)
def test_the_search_finds_the_certificate_and_the_claim_is_proved(name: str, n: int, proposal: str, rule: str) -> None:
    attempt = accepted(name, n)
    assert attempt.name == proposal and attempt.proof is not None and attempt.proof.rule == rule
    result = verify_family(at(name, n), SETTINGS)
    assert result.status is Status.PROVED, result.reason


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "n"),
    [
        ("log_sum_exp_hessian_without_outer_product", 2),
        ("covariance_twice", 2),
        ("quadratic_over_linear_convex_for_negative_y", None),
        ("quadratic_over_linear_hessian_sign_slip", None),
        ("geometric_mean_convex", 2),
        ("entropy_convex", 2),
        ("negative_log_det_concave", 2),
        ("first_order_condition_indefinite", 2),
    ],
)
def test_the_wrong_versions_are_refuted(name: str, n: int | None) -> None:
    result = verify_family(at(name, n), SETTINGS)
    assert result.status is Status.REFUTED, result.reason


def test_a_hessian_is_differentiated_by_the_engine_and_proved() -> None:
    for name, n in (("log_sum_exp_hessian", 3), ("geometric_mean_hessian", 3), ("quadratic_over_linear_hessian", None)):
        result = verify_family(at(name, n), SETTINGS)
        assert result.status is Status.PROVED, (name, result.reason)


def test_simplex_samples_lie_on_the_simplex_exactly() -> None:
    """The relation p_n = 1 − Σ the others must not make p_n negative (a false counterexample at a vertex)."""
    rng = np.random.default_rng(0)
    for sample in (Simplex().sample, Simplex().corner_sample):
        rows = sample(rng, (4, 1), 2000).reshape(2000, 4)
        assert all(sum(map(Fraction, row[:-1].tolist())) <= 1 for row in rows)
        assert np.all(rows >= 0) and np.allclose(rows.sum(axis=1), 1)
