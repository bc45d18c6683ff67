"""A PSD claim speaks of a real symmetric matrix: one with a complex entry is neither proved nor passed (red team B).

Before: [[1, i], [i, 1]] was PROVED by Sylvester's criterion (its minors are 1, 1 and 2, yet vᵀHv = 2 + 2i at
v = (1, 1): its eigenvalues are 1 ± i), [[i, 0], [0, 0]] was PROVED from the certificate (e^{iπ/4}·v₁)², and
[[i·a², 0], [0, 1]] was CHECKED: the numeric check took the eigenvalues of the real parts."""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Certificate, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status
from verifier.trusted import obligations
from verifier.trusted.cases import NotShowable
from verifier.trusted.instantiate import instantiate

a, v1, v2 = sp.symbols("a v1 v2")


def _verify(statement: PSD) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_the_kernel_takes_no_matrix_with_a_complex_entry() -> None:
    inst = instantiate(
        claim(name="probe")(lambda: PSD(sp.Matrix([[1, sp.I * a], [sp.I * a, 1]]), where={a: Real()})).build(None)
    )
    try:
        obligations.psd_matrix(inst)
    except NotShowable as err:
        assert "not real" in str(err)
    else:
        raise AssertionError("a complex matrix reached Sylvester's criterion")


def test_a_constant_complex_symmetric_matrix_is_not_proved() -> None:
    r = _verify(PSD(sp.Matrix([[1, sp.I], [sp.I, 1]])))
    assert r.status not in (Status.PROVED, Status.CHECKED), r.reason


def test_a_complex_certificate_proves_nothing() -> None:
    cert = Certificate(sp.Matrix([v1, v2]), [1], [sp.exp(sp.I * sp.pi / 4) * v1])
    r = _verify(PSD(sp.Matrix([[sp.I, 0], [0, 0]]), certificate=cert))
    assert r.status not in (Status.PROVED, Status.CHECKED), r.reason


def test_a_matrix_complex_at_a_sample_is_an_error_that_says_so() -> None:
    r = _verify(PSD(sp.Matrix([[sp.I * a**2, 0], [0, 1]]), where={a: Real()}))
    assert r.status is Status.ERROR and "complex entry" in r.reason, r.reason


def test_a_real_matrix_is_still_proved() -> None:
    assert _verify(PSD(sp.Matrix([[1, a], [a, 1 + a**2]]), where={a: Real()})).status is Status.PROVED
