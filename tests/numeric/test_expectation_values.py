"""An expectation's numeric check compares the values it has, not their real parts, and passes no point where a
draw or the claimed value has no real value (numeric/checks/expectation.py).

Before: Monte Carlo dropped a point whose mean was NaN (√X or log X at a negative draw) as "skipped", and passed
the claim on the others, or on none (E log X = 5 for X ~ N(0, 1) was CHECKED on "0 samples"); and both Monte Carlo
and the enumeration of Bernoulli masks took the real part of the integrand and of the claimed value, so
E e^{iX} = sin 1 (X ~ U[0, 1]) and E X = ½ + i (X ~ Bernoulli(½)) were CHECKED.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier import Bernoulli, Expectation, Interval, Normal, Uniform, claim
from verifier.language.claims import Statement
from verifier.numeric.checks.expectation import check_expectation
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

X, a = sp.symbols("X a")


def _numeric(body: Statement) -> NumericOutcome:
    family = claim()(lambda: body)
    inst = instantiate(family.build(None))
    assert isinstance(body, Expectation)
    return check_expectation(inst, body, np.random.default_rng(0), Settings(samples=40))


def test_an_integrand_complex_on_half_the_noise_is_not_passed() -> None:
    # log X for X ~ N(0, 1) is complex at every negative draw: every Monte Carlo mean is NaN
    out = _numeric(Expectation(sp.log(X), 5, noise={X: Normal(0, 1)}))
    assert out.verdict is NumericVerdict.INCONCLUSIVE and "no real value" in out.reason


def test_a_point_where_the_integrand_has_no_value_is_not_skipped() -> None:
    # √(X + a) for X ~ U[0, 1] is complex at some draws for every a < 0 of the domain
    claimed = sp.Rational(2, 3) * (sp.Abs(1 + a) ** sp.Rational(3, 2) - sp.Abs(a) ** sp.Rational(3, 2))
    out = _numeric(Expectation(sp.sqrt(X + a), claimed, noise={X: Uniform(0, 1)}, where={a: Interval(-1, 1)}))
    assert out.verdict is not NumericVerdict.PASS


def test_the_imaginary_part_of_a_monte_carlo_mean_counts() -> None:
    # E e^{iX} = sin 1 + i(1 − cos 1) for X ~ U[0, 1]: the real part alone is no match, the whole value is
    false = _numeric(Expectation(sp.exp(sp.I * X), sp.sin(1), noise={X: Uniform(0, 1)}))
    assert false.verdict is not NumericVerdict.PASS
    true = _numeric(Expectation(sp.exp(sp.I * X), sp.sin(1) + sp.I * (1 - sp.cos(1)), noise={X: Uniform(0, 1)}))
    assert true.verdict is NumericVerdict.PASS


def test_the_imaginary_part_of_a_claimed_bernoulli_expectation_counts() -> None:
    # E X = ½ for X ~ Bernoulli(½); claimed ½ + i
    out = _numeric(Expectation(X, sp.Rational(1, 2) + sp.I, noise={X: Bernoulli(sp.Rational(1, 2))}))
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None
    true = _numeric(Expectation(sp.I * X, sp.I / 2, noise={X: Bernoulli(sp.Rational(1, 2))}))
    assert true.verdict is NumericVerdict.PASS
