"""A polynomial expectation is checked by its exact moments at every sampled point (numeric/checks/expectation.py).

The numeric verdict is looked at alone (the kernel may prove or fail to prove the same claims): a true claim
passes, a gap far below a Monte Carlo tolerance (about 10⁻²) is refuted, and on an exact claim a gap below
round-off is refuted too, from the high-precision recomputation of the largest float errors, 0 included.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier import Expectation, Normal, Real, Uniform, claim
from verifier.language.claims import Statement
from verifier.numeric.checks.expectation import check_expectation
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

X, Y, a = sp.symbols("X Y a")


def _numeric(body: Statement) -> NumericOutcome:
    family = claim()(lambda: body)
    inst = instantiate(family.build(None))
    assert isinstance(body, Expectation)
    return check_expectation(inst, body, np.random.default_rng(0), Settings(samples=40))


def test_a_true_polynomial_expectation_passes_on_exact_moments() -> None:
    # E[(aX + Y)²] = a²(μ² + s) + E[Y²] with X ~ N(1, 2), Y ~ U[0, 1]: a²·3 + 1/3
    body = Expectation(
        (a * X + Y) ** 2, 3 * a**2 + a + sp.Rational(1, 3), noise={X: Normal(1, 2), Y: Uniform(0, 1)}, where={a: Real()}
    )
    out = _numeric(body)
    assert out.verdict is NumericVerdict.PASS and "exact moments" in out.evidence.method


def test_a_gap_a_monte_carlo_tolerance_hides_is_refuted() -> None:
    # E[a²X²] = a² for X ~ N(0, 1); claimed a²·(1 + 10⁻⁶)
    out = _numeric(
        Expectation(a**2 * X**2, a**2 * (1 + sp.Rational(1, 10**6)), noise={X: Normal(0, 1)}, where={a: Real()})
    )
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None
    assert "exact expectation" in out.reason


def test_a_gap_below_round_off_on_an_exact_claim_is_refuted() -> None:
    # E[X² + a] = 1 + a; claimed 1 + a + 10⁻²⁰: every float sample errs by 0
    out = _numeric(Expectation(X**2 + a, 1 + a + sp.Rational(1, 10**20), noise={X: Normal(0, 1)}, where={a: Real()}))
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None
