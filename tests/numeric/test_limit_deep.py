"""A sequence within TOLERANCE (10⁻⁴) of a claimed limit is looked at again at 10⁻²⁰ and 10⁻²⁴ (limit._observed):
a gap that stays there is no agreement (red team: sin(ax)/x → a + 10⁻⁵ and ζ(x) − 1/(x − 1) → γ + 10⁻⁶ were
CHECKED)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Interval
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

x, a = sp.symbols("x a")
ZETA_AT_ONE = sp.zeta(x) - 1 / (x - 1)  # → γ at x = 1; sympy's limit cannot compute it


def _numeric(body: Limit) -> NumericVerdict:
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    return spot_check(inst, np.random.default_rng(0), Settings(samples=64)).verdict


@pytest.mark.parametrize("gap", [sp.Rational(1, 10**5), sp.Rational(1, 10**25)])
def test_a_gap_below_the_tolerance_is_refuted_where_the_exact_limit_differs(gap: sp.Rational) -> None:
    """sin(ax)/x → a, claimed a + 10⁻⁵ on a ∈ [1, 2]: the sequence settles 10⁻⁵ away, and sympy's limit at the
    exact sample confirms it; 10⁻²⁵ away, below FLOOR, sympy's limit at a simple point near a sample finds it."""
    body = Limit(sp.sin(a * x) / x, x, 0, a + gap, where={a: Interval(1, 2)})
    assert _numeric(body) is NumericVerdict.FAIL


@pytest.mark.parametrize("gap", [sp.Rational(1, 10**6), sp.Rational(1, 10**12)])
def test_a_gap_below_the_tolerance_is_no_evidence_where_sympy_cannot_compute_the_limit(gap: sp.Rational) -> None:
    body = Limit(ZETA_AT_ONE, x, 1, sp.EulerGamma + gap)
    assert _numeric(body) is NumericVerdict.INCONCLUSIVE


@pytest.mark.parametrize(
    "body",
    [
        Limit(ZETA_AT_ONE, x, 1, sp.EulerGamma),
        Limit(sp.polygamma(0, x) + 1 / x, x, 0, -sp.EulerGamma),
        Limit((sp.exp(x) - 1 - x - x**2 / 2) / x**3, x, 0, sp.Rational(1, 6)),  # 72 digits cancel at 10⁻²⁴
        Limit(1 + 1 / (10**6 * sp.log(x)), x, 0, 1, dir="+"),  # slow: within 10⁻⁷ at 10⁻⁸, 2·10⁻⁸ at 10⁻²⁴
        Limit(x * (sp.pi / 2 - sp.atan(x)), x, sp.oo, 1),
    ],
)
def test_a_true_limit_still_passes(body: Limit) -> None:
    assert _numeric(body) is NumericVerdict.PASS
