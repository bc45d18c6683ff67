"""Counterexamples that say what failed: a Convex claim names its chord's ends, a strict PSD claim its 0 (helper-80).

The two-point inequality f(θa + (1 − θ)b) ≤ θf(a) + (1 − θ)f(b) is checked over copies a and b of wrt. A matrix
copy's entries were named X11_a, X12_a, …, whose common prefix, the label, is X for both copies: the report showed
one matrix, the other written over it, and the counterexample could not be replayed. The original wrt, which the
inequality does not use, was also drawn and shown as if it were the point.
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, SPD, Convex, Interval, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import matrix, vector
from verifier.numeric.checks.convex import convexity_inequality
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=60)
x = sp.Symbol("x")


@claim(n=[2], expect="refuted")
def determinant_convex(n: int) -> Convex:
    """det X is not convex on the SPD matrices."""
    m = matrix("X", n)
    return Convex(m.det(), m, where={m: SPD()})


@claim(n=[2], expect="refuted")
def negative_norm_convex(n: int) -> Convex:
    """−‖w‖² is not convex."""
    w = vector("w", n)
    return Convex(-(w.T * w)[0, 0], w, where={w: Real()})


@claim(expect="refuted")
def cube_convex() -> Convex:
    """x³ is not convex on ℝ."""
    return Convex(x**3, x, where={x: Real()})


def test_the_two_point_inequality_is_over_the_two_copies_and_the_mix_only() -> None:
    for family, labels in ((determinant_convex, ["X_a", "X_b"]), (negative_norm_convex, ["w_a", "w_b"])):
        body = family.builder(2)
        assert [g.label for g in convexity_inequality(body).given()] == [*labels, "theta_mix"]
    assert [g.label for g in convexity_inequality(cube_convex.builder()).given()] == ["x_a", "x_b", "theta_mix"]


def test_a_counterexample_shows_both_ends_of_the_chord() -> None:
    for family, ends in ((determinant_convex, ("X_a", "X_b")), (negative_norm_convex, ("w_a", "w_b"))):
        r = verify_family(family, SETTINGS)  # type: ignore[arg-type]
        assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
        assert set(r.counterexample.values) == {*ends, "theta_mix"}, r.counterexample.values
    r = verify_family(cube_convex, SETTINGS)  # type: ignore[arg-type]
    assert r.counterexample is not None and set(r.counterexample.values) == {"x_a", "x_b", "theta_mix"}


@claim(expect="refuted")
def singular_is_positive_definite() -> PSD:
    """[[eˣ, 1], [1, e⁻ˣ]] ≻ 0 on ℝ is false: its determinant is 0, its smallest eigenvalue 0."""
    return PSD(sp.Matrix([[sp.exp(x), 1], [1, sp.exp(-x)]]), strict=True, where={x: Real()})


def test_a_strict_psd_claim_refuted_at_zero_says_not_positive() -> None:
    # "smallest eigenvalue is 0.0 < 0" (helper-80)
    r = verify_family(singular_is_positive_definite, SETTINGS)  # type: ignore[arg-type]
    assert r.status is Status.REFUTED and "smallest eigenvalue is" in r.reason and "not > 0" in r.reason, r.reason


def test_the_ends_take_names_no_symbol_of_the_claim_has() -> None:
    # a parameter named w_a1 beside w, or x_a beside x, made the claim "two different symbols are both named …"
    w, p, q = vector("w", 2), sp.Symbol("w_a1", real=True), sp.Symbol("x_a", real=True)

    @claim()
    def scaled_norm() -> Convex:
        """w_a1 ‖w‖² is convex in w for w_a1 in [1, 2]."""
        return Convex(p * (w.T * w)[0, 0], w, where={w: Real(), p: Interval(1, 2)})

    @claim()
    def scaled_square() -> Convex:
        """−x_a x² is convex in x for x_a in [−2, −1]."""
        return Convex(-q * x**2, x, where={x: Real(), q: Interval(-2, -1)})

    for family in (scaled_norm, scaled_square):
        r = verify_family(family, SETTINGS)
        assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    body = scaled_norm.builder()
    labels = [g.label for g in convexity_inequality(body).given()]
    assert len(set(labels)) == len(labels) == 4 and labels[0] == "w_a1", labels  # the ends named apart
