"""Every special-function family a derivation uses is evaluated, in floats and in high precision.

True derivative rules are PROVED or CHECKED (never ERROR), wrong ones are REFUTED with a
counterexample confirmed by mpmath, and a function the verifier cannot evaluate is UNKNOWN
("unsupported: …"), never the user's ERROR.
"""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Derivative, Identity, Interval, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

x, y = sp.Symbol("x"), sp.Symbol("y")
UNIT = Interval(-sp.Rational(9, 10), sp.Rational(9, 10))
FAST = EngineSettings(samples=40)

TRUE_RULES = {
    "erf": Derivative(sp.erf(x), wrt=x, equals=2 * sp.exp(-(x**2)) / sp.sqrt(sp.pi), where={x: Real()}),
    "erfc": Derivative(sp.erfc(x), wrt=x, equals=-2 * sp.exp(-(x**2)) / sp.sqrt(sp.pi), where={x: Real()}),
    "erfinv": Derivative(sp.erfinv(x), wrt=x, equals=sp.sqrt(sp.pi) / 2 * sp.exp(sp.erfinv(x) ** 2), where={x: UNIT}),
    "loggamma": Derivative(sp.loggamma(x), wrt=x, equals=sp.digamma(x), where={x: Positive()}),
    "polygamma": Derivative(sp.polygamma(1, x), wrt=x, equals=sp.polygamma(2, x), where={x: Positive()}),
    "besseli": Derivative(sp.besseli(0, x), wrt=x, equals=sp.besseli(1, x), where={x: Positive()}),
    "atan2": Derivative(sp.atan2(y, x), wrt=x, equals=-y / (x**2 + y**2), where={x: Positive(), y: Real()}),
    "lowergamma": Derivative(
        sp.lowergamma(y, x), wrt=x, equals=x ** (y - 1) * sp.exp(-x), where={x: Positive(), y: Interval(1, 3)}
    ),
    "zeta": Identity(sp.zeta(x) - 1, sp.zeta(x) - 1, where={x: Interval(2, 5)}),
    "max_min": Identity(sp.Max(x, y) + sp.Min(x, y), x + y, where={x: Real(), y: Real()}),
}

WRONG_RULES = {
    "erfinv_without_half": Derivative(
        sp.erfinv(x), wrt=x, equals=sp.sqrt(sp.pi) * sp.exp(sp.erfinv(x) ** 2), where={x: UNIT}
    ),
    "loggamma_trigamma": Derivative(sp.loggamma(x), wrt=x, equals=sp.polygamma(1, x), where={x: Positive()}),
    "atan2_sign": Derivative(sp.atan2(y, x), wrt=x, equals=y / (x**2 + y**2), where={x: Positive(), y: Real()}),
}


def _verify(name: str, body: object) -> object:
    return verify_family(claim(name=name)(lambda: body), FAST)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TRUE_RULES))
def test_true_special_function_rules_hold(name: str) -> None:
    r = _verify(name, TRUE_RULES[name])
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason


@pytest.mark.parametrize("name", sorted(WRONG_RULES))
def test_wrong_special_function_rules_are_refuted_in_high_precision(name: str) -> None:
    r = _verify(name, WRONG_RULES[name])
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and r.counterexample.digits >= 100


def test_functions_numpy_and_scipy_lack_go_through_mpmath() -> None:
    unit = Interval(sp.Rational(1, 10), sp.Rational(1, 2))
    good = _verify("polylog", Derivative(sp.polylog(3, x), wrt=x, equals=sp.polylog(2, x) / x, where={x: unit}))
    assert good.status is Status.PROVED, good.reason
    bad = _verify("polylog_wrong", Derivative(sp.polylog(3, x), wrt=x, equals=sp.polylog(2, x), where={x: unit}))
    assert bad.status is Status.REFUTED, bad.reason


def test_a_function_the_verifier_cannot_evaluate_is_unknown_and_named() -> None:
    """Mathieu functions have no numpy, scipy or mpmath implementation here: a limit of the verifier."""
    unit = Interval(sp.Rational(1, 10), sp.Rational(1, 2))
    r = _verify("mathieu", Identity(2 * sp.mathieuc(1, 2, x), sp.mathieuc(1, 2, x) * 2, where={x: unit}))
    assert r.status is Status.UNKNOWN, r.reason
    assert "unsupported" in r.reason and "mathieuc" in r.reason and "\n" not in r.reason


class broken_activation(sp.Function):
    """A user's function whose numeric implementation has a bug of its own."""

    @staticmethod
    def _imp_(value: object) -> object:
        return float(value)  # type: ignore[arg-type]  # TypeError on a batch of samples: the user's mistake


def test_a_bug_in_the_users_own_numeric_implementation_is_an_error_that_names_it() -> None:
    """ERROR is for the user's mistakes: the TypeError comes from their _imp_, not from a gap of ours."""
    f = broken_activation(x)
    r = _verify("broken", Identity(f**2, (f + 1) ** 2 - 2 * f - 1, where={x: Real()}))
    assert r.status is Status.ERROR, r.reason
    assert "_imp_" in r.reason and "broken_activation" in r.reason
