"""Matrix domains sample their whole size range, as Real does, and stay exactly in their domain.

SPD and PSD samples had eigenvalues in [0.1, 10] only, and invertible ones singular values in [0.3, 3]: a claim
false only for larger or smaller matrices, A₁₁ ≤ 11 for SPD A or det(A)² ≤ 100 for invertible A, was CHECKED
(Real samples a scale from 10⁻³ to 8 times its draws, and x ≤ 11 was REFUTED). Each sample is now scaled by a
power of two, which is exact in floats: a singular LLᵀ stays exactly PSD.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier import SPD, Inequality, Invertible, PSDMatrix, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains import Domain
from verifier.language.mathlib import matrix
from verifier.numeric.checks.sampling import exact_float
from verifier.outcome import Status

DOMAINS = [SPD(), PSDMatrix(), Invertible()]


def _sizes(domain: Domain, samples: np.ndarray) -> np.ndarray:
    """The largest eigenvalue (singular value for a matrix that need not be symmetric) of each sample."""
    if isinstance(domain, Invertible):
        return np.linalg.svd(samples, compute_uv=False).max(axis=1)
    return np.linalg.eigvalsh(samples).max(axis=1)


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: type(d).__name__)
@pytest.mark.parametrize("n", [2, 3])
def test_samples_span_small_and_large_matrices(domain: Domain, n: int) -> None:
    samples = domain.sample(np.random.default_rng(0), (n, n), 400)
    sizes = _sizes(domain, samples)
    assert sizes.max() > 20  # beyond the spectrum of [0.1, 10] (singular values [0.3, 3])
    assert sizes.min() < 0.01


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: type(d).__name__)
@pytest.mark.parametrize("n", [2, 3])
def test_scaled_samples_lie_exactly_in_their_domain(domain: Domain, n: int) -> None:
    samples = domain.sample(np.random.default_rng(1), (n, n), 200)
    for m in samples:
        assert domain.contains_exactly([exact_float(float(v)) for v in m.reshape(-1)]) is True


@claim(n=[2])
def spd_entry_at_most_eleven(n: int) -> Inequality:
    """A₁₁ ≤ 11 for SPD A (false at A = 12I)."""
    a = matrix("A", n)
    return Inequality(a[0, 0], "<=", sp.Integer(11), where={a: SPD()})


@claim(n=[2])
def psd_determinant_at_most_101(n: int) -> Inequality:
    """det A ≤ 101 for PSD A (false at A = 11I)."""
    a = matrix("A", n)
    return Inequality(a.det(), "<=", sp.Integer(101), where={a: PSDMatrix()})


@claim(n=[2])
def invertible_determinant_squared_at_most_100(n: int) -> Inequality:
    """det(A)² ≤ 100 for invertible A (false at A = 4I)."""
    a = matrix("A", n)
    return Inequality(a.det() ** 2, "<=", sp.Integer(100), where={a: Invertible()})


@pytest.mark.parametrize(
    "family", [spd_entry_at_most_eleven, psd_determinant_at_most_101, invertible_determinant_squared_at_most_100]
)
def test_a_claim_false_only_for_large_matrices_is_refuted(family: object) -> None:
    result = verify_family(family, EngineSettings(samples=200))  # type: ignore[arg-type]
    assert result.status is Status.REFUTED, result.reason
