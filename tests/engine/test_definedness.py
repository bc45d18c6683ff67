"""Definedness is decided per n: a claim undefined at n = 1 only is verified at every other n."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import vector
from verifier.outcome import Status

FAST = EngineSettings(samples=40)


@claim(n=range(1, 4), expect="refuted")
def mean_with_bessel_correction(n: int) -> Identity:
    """Wrong: Σxᵢ/(n − 1) is the mean (undefined at n = 1, wrong from n = 2)."""
    x = vector("x", n)
    return Identity(sp.Add(*x) / sp.Integer(n - 1), sp.Add(*x) / n, where={x: Real()})


@claim(n=range(1, 4))
def sample_variance(n: int) -> Identity:
    """Σ(xᵢ − x̄)²/(n − 1) = (Σxᵢ² − n·x̄²)/(n − 1), undefined at n = 1."""
    x = vector("x", n)
    mean = sp.Add(*x) / n
    lhs = sp.Add(*[(xi - mean) ** 2 for xi in x]) / (n - 1)
    return Identity(lhs, (sp.Add(*[xi**2 for xi in x]) - n * mean**2) / (n - 1), where={x: Real()})


@claim(n=range(1, 3))
def always_undefined(n: int) -> Identity:
    """1/(x − x) = 1 at every n."""
    x = vector("x", n)
    return Identity(1 / (x[0] - x[0]), sp.Integer(1), where={x: Real()})


def test_a_claim_undefined_at_n_1_is_refuted_at_n_2() -> None:
    r = verify_family(mean_with_bessel_correction, FAST)
    assert r.status is Status.REFUTED and r.counterexample is not None and r.counterexample.n == 2
    assert r.undefined_n == [1]


def test_a_true_claim_undefined_at_n_1_is_proved_at_the_others() -> None:
    r = verify_family(sample_variance, FAST)
    assert r.status is Status.PROVED, r.reason
    assert r.proved_n == [2, 3] and r.undefined_n == [1]
    assert "undefined at n = 1" in r.reason


def test_a_claim_undefined_at_every_n_is_an_error() -> None:
    r = verify_family(always_undefined, FAST)
    assert r.status is Status.ERROR and "undefined" in r.reason
