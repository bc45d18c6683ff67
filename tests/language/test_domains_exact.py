"""Domain properties that floats only approximate are imposed exactly before confirmation."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Orthogonal, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import identity, matrix, vector
from verifier.outcome import Status


def test_orthogonal_samples_never_refute_an_orthogonality_identity() -> None:
    """QᵀQ = I holds only to ~1e-16 for float samples; it must never be 'confirmed' false."""

    @claim(n=range(2, 4))
    def rotation_preserves_norm(n: int) -> Identity:
        """‖Qx‖² = ‖x‖² for orthogonal Q."""
        q, x = matrix("Q", n), vector("x", n)
        return Identity(((q * x).T * (q * x))[0, 0], (x.T * x)[0, 0], where={q: Orthogonal(), x: Real()})

    r = verify_family(rotation_preserves_norm, EngineSettings(samples=80))
    assert r.status is Status.CHECKED, r.reason

    @claim(n=[3])
    def gram(n: int) -> Identity:
        """QᵀQ = I."""
        q = matrix("Q", n)
        return Identity(q.T * q, identity(n), where={q: Orthogonal()})

    assert verify_family(gram, EngineSettings(samples=80)).status is Status.CHECKED


def test_labels_keep_the_names_the_symbols_were_made_with() -> None:
    from verifier.language.claims import Given

    assert Given(matrix("W1", 2, 3), Real()).label == "W1"
    assert Given(matrix("W2", 2, 3), Real()).label == "W2"
    assert Given(vector("z", 12), Real()).label == "z"
    assert Given(sp.Symbol("t"), Real()).label == "t"
