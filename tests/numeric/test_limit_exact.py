"""A limit is refuted only where its exact value at the exact parameter point differs from the claim (limit_exact)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Interval, Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

t, a, x = sp.symbols("t a x")


def _numeric(body: Limit) -> NumericVerdict:
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    return spot_check(inst, np.random.default_rng(0), Settings(samples=64)).verdict


def test_a_slow_true_limit_is_not_refuted_from_values_at_finite_points() -> None:
    """1/(1 + (a − 1/3)t) → 0 on a ≥ 1/3 + 10⁻²⁰: at a = 0.33333333333333337 it is 0.99999… at t ≈ 10⁸."""
    lo = sp.Rational(1, 3) + sp.Integer(10) ** -20
    body = Limit(1 / (1 + (a - sp.Rational(1, 3)) * t), t, sp.oo, 0, where={a: Interval(lo, 1)})
    assert _numeric(body) is not NumericVerdict.FAIL


def test_a_true_limit_with_a_tiny_constant_is_not_refuted() -> None:
    assert _numeric(Limit(x / (x + sp.Integer(10) ** -30), x, 0, 0, dir="+")) is not NumericVerdict.FAIL
    assert _numeric(Limit(t / (t + sp.Integer(10) ** 30), t, sp.oo, 1)) is not NumericVerdict.FAIL


def test_a_false_limit_is_still_refuted_where_the_exact_limit_differs() -> None:
    wrong = Limit(a**2 * t / (a**2 * t + 1) + 1 / (t + 1), t, sp.oo, 2, where={a: Real()})
    assert _numeric(wrong) is NumericVerdict.FAIL
    assert _numeric(Limit((t + 1) / (2 * t + 3), t, sp.oo, 1)) is NumericVerdict.FAIL


def test_a_limit_false_only_at_a_special_parameter_value_is_refuted_there_exactly() -> None:
    """1/(1 + (3a − 1)²t) → 0 fails only at a = 1/3, which no float sample hits: found exactly (trusted.limits)."""
    body = Limit(1 / (1 + (3 * a - 1) ** 2 * t), t, sp.oo, 0, where={a: Real()})
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    outcome = spot_check(inst, np.random.default_rng(0), Settings(samples=64))
    assert outcome.verdict is NumericVerdict.FAIL
    assert "a = 1/3" in outcome.reason and "is 1, not 0" in outcome.reason, outcome.reason


def test_a_claimed_infinity_is_refuted_where_the_exact_limit_is_finite() -> None:
    """log(x)¹⁰/x^(1/10) grows up to x = e¹⁰⁰, beyond every point sampled, then falls to 0: the sequence's growth
    agreed with a claimed +∞ (CHECKED, red team); sympy's exact limit, 0, refutes it, with or without a parameter."""
    assert _numeric(Limit(sp.log(x) ** 10 / x ** sp.Rational(1, 10), x, sp.oo, sp.oo)) is NumericVerdict.FAIL
    where = {a: Interval(sp.Rational(1, 20), sp.Rational(1, 10))}
    assert _numeric(Limit(sp.log(x) ** 10 / x**a, x, sp.oo, sp.oo, where=where)) is NumericVerdict.FAIL
    assert _numeric(Limit(x**a / sp.log(x) ** 10, x, sp.oo, sp.oo, where=where)) is not NumericVerdict.FAIL
