"""A PSD claim's matrix is called not symmetric only where high precision says so: floats of one function
written two ways, (1 − cos x²)/x⁴ and 2 sin²(x²/2)/x⁴, differ by 0.02 at small x (cancellation), and the
claim was an ERROR "not symmetric" (red team 101)."""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x", real=True)
ONE_WAY = (1 - sp.cos(x**2)) / x**4
THE_OTHER = 2 * sp.sin(x**2 / 2) ** 2 / x**4


def _verify(statement: PSD) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_a_symmetric_matrix_whose_floats_differ_is_checked_not_an_error() -> None:
    r = _verify(PSD(sp.Matrix([[1, ONE_WAY], [THE_OTHER, 1]]), where={x: Positive()}))
    assert r.status is Status.CHECKED, r.reason


def test_a_matrix_not_symmetric_in_high_precision_is_an_error_that_says_what_to_write() -> None:
    r = _verify(PSD(sp.Matrix([[1, x], [0, 1]]), where={x: Real()}))
    assert r.status is Status.ERROR
    assert "not symmetric" in r.reason and "in high precision" in r.reason and "(H + Hᵀ)/2" in r.reason
