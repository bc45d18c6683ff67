"""N(μ, 0) is the point mass at μ (numeric/integrate.py): E f(X) = f(μ), enclosed exactly where f is.

A parameter's domain that reached σ² = 0 (s ∈ [0, 1]) made the certified integral refuse the whole claim
("N(μ, σ²) needs σ² > 0"), so it went to Monte Carlo, whose tolerance near 10⁻² passed E cos X = e^{−s/2} +
s/10⁴ for X ~ N(0, s): CHECKED, a false claim. The point mass is now f(μ), and the other points are integrated.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from flint import arb

from verifier import Expectation, Interval, Normal, claim
from verifier.numeric import integrate
from verifier.numeric.checks.certified import check_certified
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.numeric.enclose import Unsupported
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

X, s = sp.symbols("X s", real=True)


def test_the_point_mass_is_the_value_at_the_mean() -> None:
    got = integrate.gaussian_mean(sp.exp(X) + sp.Abs(X), X, sp.Integer(1), sp.Integer(0), 128)
    assert got.overlaps(arb(1).exp() + 1) and got.rad() < arb(2) ** -100


def test_a_point_mass_where_the_integrand_is_undefined_is_refused() -> None:
    with pytest.raises(Unsupported):
        integrate.gaussian_mean(sp.log(sp.Abs(X)), X, sp.Integer(0), sp.Integer(0), 128)


def _certified(claimed: sp.Expr) -> NumericOutcome | str:
    body = Expectation(sp.cos(X), claimed, noise={X: Normal(0, s)}, where={s: Interval(0, 1)})
    inst = instantiate(claim()(lambda: body).build(None))
    return check_certified(inst, body, np.random.default_rng(0), Settings(samples=40))


def test_a_variance_from_zero_is_certified_and_a_small_gap_refuted() -> None:
    good = _certified(sp.exp(-s / 2))
    assert isinstance(good, NumericOutcome) and good.verdict is NumericVerdict.PASS
    bad = _certified(sp.exp(-s / 2) + s / 10**4)
    assert isinstance(bad, NumericOutcome) and bad.verdict is NumericVerdict.FAIL


def test_a_step_under_a_point_mass_is_refused() -> None:
    # certified integration writes 1[X ≥ 0] as H(X), equal but at 0, which N(0, 0) sits on: E 1[X ≥ 0] = 1 there
    with pytest.raises(Unsupported):
        integrate.gaussian_mean(sp.Heaviside(X), X, sp.Integer(0), sp.Integer(0), 128)


def test_an_indicator_under_a_variance_from_zero_is_not_refuted() -> None:
    step = sp.Piecewise((1, X >= 0), (0, True))
    claimed = sp.Rational(1, 2) + sp.Piecewise((sp.Rational(1, 2), sp.Eq(s, 0)), (0, True))
    body = Expectation(step, claimed, noise={X: Normal(0, s)}, where={s: Interval(0, 1)})
    inst = instantiate(claim()(lambda: body).build(None))
    out = check_certified(inst, body, np.random.default_rng(0), Settings(samples=40))
    assert not (isinstance(out, NumericOutcome) and out.verdict is NumericVerdict.FAIL)
