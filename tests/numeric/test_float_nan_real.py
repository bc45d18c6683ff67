"""Samples where floats have no value but the true one is real are decided in high precision, not skipped.

scipy's binom(−3, 3) is NaN (binomial(−3, 3) = −10), and Γ(a)·Q(a, x) is NaN for a ≤ 0 (Γ(−1/2, 1) = 0.178…):
the definedness probe found both sides real in high precision ("float overflow, no information") and the
comparison skipped them as NaN, so binomial(k, 3) ≥ 0 on −20..20 and Γ(s, 1) ≥ 1/5 on [−1, 1] were CHECKED
(helper-77's red team). Such samples are now wide suspects: a failure is confirmed and REFUTED, an agreement is
evidence (an identity of Γ(s, 1) for s < 0, every float sample NaN, was UNKNOWN "every sample was NaN")."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Integer, Interval, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

FAST = EngineSettings(samples=60)
k, s = sp.symbols("k s")


@claim()
def binomial_of_odd_order_nonnegative() -> Inequality:
    return Inequality(sp.binomial(k, 3), ">=", 0, where={k: Integer(-20, 20)})


@claim()
def upper_gamma_above_a_fifth() -> Inequality:
    return Inequality(sp.uppergamma(s, 1), ">=", sp.Rational(1, 5), where={s: Interval(-1, 1)})


@claim()
def upper_gamma_recurrence() -> Identity:
    """Γ(s, 1) = (Γ(s + 1, 1) − e⁻¹)/s, true for s ≠ 0."""
    lo, hi = -sp.Rational(9, 10), -sp.Rational(1, 10)
    return Identity(sp.uppergamma(s, 1), (sp.uppergamma(s + 1, 1) - sp.exp(-1)) / s, where={s: Interval(lo, hi)})


def test_a_failure_where_floats_give_nan_is_confirmed_in_high_precision() -> None:
    for family, at in ((binomial_of_odd_order_nonnegative, "k"), (upper_gamma_above_a_fifth, "s")):
        r = verify_family(family, FAST)  # type: ignore[arg-type]
        assert r.status is Status.REFUTED, r.reason
        assert r.counterexample is not None and float(r.counterexample.values[at]) < 0, r.counterexample
        assert r.counterexample.error != "complex" and "violated" in r.reason, r.reason


def test_an_agreement_where_floats_give_nan_is_evidence() -> None:
    r = verify_family(upper_gamma_recurrence, FAST)  # type: ignore[arg-type]
    assert r.status is Status.CHECKED, r.reason
    assert r.numeric and all(e.samples > 0 for e in r.numeric), r.numeric
