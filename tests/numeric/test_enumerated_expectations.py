"""An expectation over Bernoulli noise alone is checked by enumerating the masks (numeric/checks/expectation.py).

The numeric verdict is looked at alone. A non-polynomial expression of coins (e^{pX}, √(1 + X)) has no exact
moments, so its gap is seen only in floats and in the high-precision recomputation: a gap below round-off on
an exact claim (10⁻²⁵ beside values near 1, or 1 beside 10²⁰) erred by 0 or near it at every sample, which
was no suspect, and the claim passed; the largest errors, 0 included, are now recomputed, as for the exact
moments. A true claim still passes. Beyond 12 coins the masks are not enumerated: a term that is a product of
factors of one coin each is taken coin by coin, exactly (E g(C) = p·g(1) + (1 − p)·g(0)), and checked as the
exact moments are; Monte Carlo had passed E e^{(C₁ + … + C₁₃)/13} claimed 1/1000 too high.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier import Bernoulli, Expectation, Interval, claim
from verifier.language.claims import Statement
from verifier.numeric.checks.expectation import check_expectation
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

X, Y, p, q = sp.symbols("X Y p q", real=True)
TINY = sp.Rational(1, 10**25)
UNIT = Interval(0, 1)


def _numeric(body: Statement) -> NumericOutcome:
    family = claim()(lambda: body)
    inst = instantiate(family.build(None))
    assert isinstance(body, Expectation)
    return check_expectation(inst, body, np.random.default_rng(0), Settings(samples=40))


def _two_coins(claimed: sp.Expr) -> Expectation:
    return Expectation(sp.exp(X + Y), claimed, noise={X: Bernoulli(p), Y: Bernoulli(q)}, where={p: UNIT, q: UNIT})


def test_a_true_expectation_of_two_coins_passes() -> None:
    out = _numeric(_two_coins((1 - p + p * sp.E) * (1 - q + q * sp.E)))
    assert out.verdict is NumericVerdict.PASS and "Bernoulli masks" in out.evidence.method


def test_a_gap_below_round_off_of_two_coins_is_refuted() -> None:
    out = _numeric(_two_coins((1 - p + p * sp.E) * (1 - q + q * sp.E) + TINY))
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None


def test_a_gap_below_round_off_of_a_fixed_coin_is_refuted() -> None:
    # E e^X = 1 + (e − 1)/3 for X ~ Bernoulli(1/3): no parameter, one point, claimed 10⁻²⁵ above
    third = sp.Rational(1, 3)
    out = _numeric(Expectation(sp.exp(X), 1 + (sp.E - 1) * third + TINY, noise={X: Bernoulli(third)}))
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None


def test_a_unit_gap_beside_a_huge_value_is_refuted() -> None:
    # E 10²⁰√(1 + X) = 10²⁰(1 − p + p√2), claimed 1 above: relative 10⁻²⁰, below round-off
    big = sp.Integer(10) ** 20
    body = Expectation(
        big * sp.sqrt(1 + X), big * (1 - p + p * sp.sqrt(2)) + 1, noise={X: Bernoulli(p)}, where={p: UNIT}
    )
    out = _numeric(body)
    assert out.verdict is NumericVerdict.FAIL and out.counterexample is not None


COINS = sp.symbols("C1:14", real=True)  # thirteen: more than are enumerated


def _thirteen(expr: sp.Expr, claimed: sp.Expr) -> NumericOutcome:
    return _numeric(Expectation(expr, claimed, noise={c: Bernoulli(p) for c in COINS}, where={p: UNIT}))


def test_thirteen_coins_are_taken_coin_by_coin() -> None:
    # E e^{ΣCᵢ/13} = (1 − p + pe^{1/13})¹³: Monte Carlo passed it claimed 1/1000 too high
    exact = (1 - p + p * sp.exp(sp.Rational(1, 13))) ** 13
    good = _thirteen(sp.exp(sum(COINS) / 13), exact)
    assert good.verdict is NumericVerdict.PASS and "exact moments" in good.evidence.method
    bad = _thirteen(sp.exp(sum(COINS) / 13), exact + sp.Rational(1, 1000))
    assert bad.verdict is NumericVerdict.FAIL and bad.counterexample is not None


def test_factors_of_one_coin_are_one_function_of_it() -> None:
    # E e^{C₁} sin C₁ = p·e·sin 1, not E e^{C₁} · E sin C₁
    expr = sp.exp(COINS[0]) * sp.sin(COINS[0]) + sum(COINS[1:])
    assert _thirteen(expr, p * sp.E * sp.sin(1) + 12 * p).verdict is NumericVerdict.PASS
    wrong = (1 - p + p * sp.E) * p * sp.sin(1) + 12 * p
    assert _thirteen(expr, wrong).verdict is NumericVerdict.FAIL


def test_a_factor_of_two_coins_or_a_pole_is_left_to_monte_carlo() -> None:
    for expr in (sp.exp(COINS[0] * COINS[1]) + sum(COINS), 1 / COINS[0] + sum(COINS)):
        out = _thirteen(expr, 1)
        assert "Monte Carlo" in f"{out.evidence.method} {out.evidence.note}"


def test_a_bump_in_a_parameter_no_sample_meets_is_found_in_the_exact_identity() -> None:
    """E[e^{Xa}] = 1 − p + peᵃ + max(0, 10⁻⁸ − (p − 1/3)²): off by 10⁻⁸ on |p − 1/3| < 10⁻⁴ only, which the samples
    miss; the exact expectation (coin by coin) against the claimed value is the identity the box search refutes at
    p = 1/3 (numeric/checks/enclosure.py; red team 162). Without the bump it passes."""
    from verifier.numeric.checks import spot_check

    a = sp.Symbol("a", real=True)
    exact = 1 - p + p * sp.exp(a)
    bump = sp.Max(0, sp.Rational(1, 10**8) - (p - sp.Rational(1, 3)) ** 2)
    for claimed, verdict in ((exact + bump, NumericVerdict.FAIL), (exact, NumericVerdict.PASS)):
        body = Expectation(sp.exp(X * a), claimed, noise={X: Bernoulli(p)}, where={a: UNIT, p: UNIT})
        inst = instantiate(claim()(lambda body=body: body).build(None))
        assert spot_check(inst, np.random.default_rng(0), Settings(samples=40)).verdict is verdict
