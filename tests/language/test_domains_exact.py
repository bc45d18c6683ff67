"""Domain properties that floats only approximate are imposed exactly before confirmation."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from verifier import PSD, Bernoulli, Expectation, Identity, Inequality, Interval, Orthogonal, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains.scalar import float_ends
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


# ---------------------------------------------------------------- interval ends no float holds

UP = Fraction(10**12 + 1, 10**12)  # float(UP) > UP
DOWN = Fraction(10**12 + 2, 10**12)  # float(DOWN) < DOWN


def test_an_intervals_ends_are_rounded_inward_to_floats() -> None:
    """The nearest float to an end can lie outside the interval; the samples drawn there were dropped, and a claim
    false only at that end was CHECKED (helper-80). Each end is now the nearest float inside."""
    for lo, hi in ((-1, UP), (-1, DOWN), (-UP, 1), (Fraction(1, 3), Fraction(2, 3)), (0, 1), (-0.5, 0.25)):
        low, high = float_ends(lo, hi)
        assert Fraction(lo) <= Fraction(low) and Fraction(high) <= Fraction(hi), (lo, hi, low, high)
        assert low == float(lo) or math.nextafter(float(lo), math.inf) == low, (lo, low)
        assert high == float(hi) or math.nextafter(float(hi), -math.inf) == high, (hi, high)
        rng = np.random.default_rng(0)
        drawn = Interval(lo, hi).sample(rng, (1, 1), 400)
        assert all(Fraction(lo) <= Fraction(float(v)) <= Fraction(hi) for v in drawn.flat)


def test_a_claim_false_only_at_an_end_no_float_holds_is_refuted() -> None:
    a, p, m = sp.symbols("a p M")

    @claim()
    def correlation() -> PSD:
        """[[1, a], [a, 1]] ⪰ 0 on [−1, 1 + 10⁻¹²]: false at the upper end."""
        return PSD(sp.Matrix([[1, a], [a, 1]]), where={a: Interval(-1, UP)})

    @claim()
    def coin() -> Expectation:
        """E M = p for M ~ Bernoulli(p), p in [0, 1 + 10⁻¹²]: no law for p > 1 (it was PROVED)."""
        return Expectation(m, p, noise={m: Bernoulli(p)}, where={p: Interval(0, UP)})

    r = verify_family(correlation, EngineSettings(samples=80))
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
    r = verify_family(coin, EngineSettings(samples=80))
    assert r.status is Status.ERROR and "is no distribution where p <= 1 fails" in r.reason, r.reason
    assert "at p = 1.0000000000009999, a point of the domain" in r.reason, r.reason  # was "at p = 1"


def test_a_counterexample_on_an_interval_no_float_holds_shows_its_exact_point() -> None:
    """On [1 + 10⁻³⁰, 1 + 2·10⁻³⁰] the nearest float to every point is 1.0, outside: the counterexample was shown
    "at x = 1.0". Its value is now the exact point, which lies in the domain."""
    x = sp.Symbol("x")
    lo, hi = 1 + sp.Rational(1, 10**30), 1 + sp.Rational(2, 10**30)

    @claim()
    def above_one() -> Inequality:
        return Inequality(x, "<=", 1, where={x: Interval(lo, hi)})

    r = verify_family(above_one, EngineSettings(samples=40))
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
    shown = r.counterexample.values["x"]
    assert isinstance(shown, str) and lo <= sp.Rational(shown) <= hi, shown


def test_an_interval_that_holds_no_float_gives_no_evidence() -> None:
    """Every sample of [1 + 10⁻³⁰, 1 + 2·10⁻³⁰] is the float 1.0, outside it: a claim true at 1.0 and false on the
    whole interval was CHECKED. Such an interval says so, and a pass there is no evidence (UNKNOWN)."""
    x = sp.Symbol("x")
    narrow = Interval(1 + Fraction(1, 10**30), 1 + Fraction(2, 10**30))
    assert not narrow.covered_by_floats()
    assert "1000000000000000000000000000001/1000000000000000000000000000000" in narrow.describe()  # not "[1, 1]"
    for wide in (Interval(0, 1), Interval(1, UP), Interval(Fraction(1, 2), Fraction(1, 2)), Interval(-1, 0, True)):
        assert wide.covered_by_floats(), wide
    assert not Interval(1, math.nextafter(1, 2), open_lo=True, open_hi=True).covered_by_floats()
    assert not Interval(Fraction(1, 3), Fraction(1, 3)).covered_by_floats()  # one point, and no float is it
    assert not Interval(1, 1 + Fraction(1, 10**30)).covered_by_floats()  # one float: every sample at one point
    assert not Interval(2 * 10**300, 10**305).covered_by_floats()  # beyond the floats' reach (its ends clamped)

    @claim()
    def step() -> Inequality:
        return Inequality(sp.Piecewise((x, x > 1), (0, True)), "<=", 1, where={x: narrow})

    r = verify_family(step, EngineSettings(samples=40))
    assert r.status is Status.UNKNOWN and "an interval that float samples cannot cover" in r.reason, r.reason


def test_an_infinite_float_end_is_refused_as_unbounded() -> None:
    """Interval(lo=-1, hi=float("inf")), a half-line, was an OverflowError from Fraction(inf) in validate (an
    exception from our own code); it is the DomainError an unbounded interval gets (Positive and Nonnegative are the
    half-lines)."""
    from verifier.language.domains import DomainError, Interval

    with pytest.raises(DomainError, match="unbounded"):
        Interval(lo=-1, hi=float("inf")).validate(())
