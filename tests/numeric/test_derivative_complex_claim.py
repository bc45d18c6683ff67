"""A claimed derivative is compared with its imaginary part: d/dx x² = 2x + i on ℝ was CHECKED, the numeric check
taking the real part of the claimed value (red team B)."""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x")


def _verify(statement: Derivative) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_an_imaginary_term_in_a_claimed_derivative_is_refuted() -> None:
    r = _verify(Derivative(x**2, x, 2 * x + sp.I, where={x: Real()}))
    assert r.status is Status.REFUTED, r.reason


def test_a_tiny_imaginary_term_in_a_claimed_derivative_is_refuted() -> None:
    r = _verify(Derivative(x**2, x, 2 * x + sp.I / 10**20, where={x: Real()}))
    assert r.status is Status.REFUTED, r.reason


def test_a_real_derivative_written_with_i_still_passes() -> None:
    # −(e^{ix} − e^{−ix})/(2i) = −sin x
    r = _verify(Derivative(sp.cos(x), x, -(sp.exp(sp.I * x) - sp.exp(-sp.I * x)) / (2 * sp.I), where={x: Real()}))
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
