"""A derivative with respect to a symmetric matrix is taken entry by entry, each entry free (autograd's
convention, docs/reference/claim-kinds.md). Its entries X₁₂ and X₂₁ are one symbol in the kernel's view, so
differentiating that view would take both at once: the kernel proves no such derivative, and the numeric
check decides it. Before, the kernel proved the Matrix Cookbook's symmetric rule, which the numeric check then
refuted: an ENGINE INCONSISTENCY."""

from __future__ import annotations

import sympy as sp

from verifier import SPD, Derivative, Real, Symmetric, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import matrix
from verifier.outcome import ClaimResult, Status

X = matrix("X", 2)
INVERSE = X.inv()


def _verify(statement: Derivative) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=120, diagnose=False))


def test_the_cookbooks_symmetric_rule_is_refuted_not_proved() -> None:
    cookbook = 2 * INVERSE - sp.matrix_multiply_elementwise(INVERSE, sp.eye(2))
    r = _verify(Derivative(sp.log(X.det()), wrt=X, equals=cookbook, where={X: SPD()}))
    assert r.status is Status.REFUTED, r.reason


def test_the_entry_by_entry_gradient_is_checked_with_the_reason_it_is_not_proved() -> None:
    r = _verify(Derivative(sp.log(X.det()), wrt=X, equals=INVERSE.T, where={X: SPD()}))
    assert r.status is Status.CHECKED, r.reason
    assert "two entries of the variable are one symbol" in r.reason


def test_a_trace_on_symmetric_matrices_is_differentiated_as_written() -> None:
    """tr(AX) and tr(AXᵀ) agree on symmetric X, yet entry by entry their gradients are Aᵀ and A."""
    a = matrix("A", 2)
    where = {X: Symmetric(), a: Real()}
    assert _verify(Derivative((a * X).trace(), wrt=X, equals=a.T, where=where)).status is Status.CHECKED
    assert _verify(Derivative((a * X.T).trace(), wrt=X, equals=a, where=where)).status is Status.CHECKED
    assert _verify(Derivative((a * X).trace(), wrt=X, equals=a, where=where)).status is Status.REFUTED
