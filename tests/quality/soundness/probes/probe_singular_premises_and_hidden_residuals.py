"""Red teams 93 and 96: premises solved through a coefficient that can vanish, residuals hidden below 192 bits, and
integers past 2⁵³ (the rules of this stop's implication, interval and parity checks, and the claims built to fool them).

2λw = 0 ⇒ w = 0 was CHECKED: solved for w, the solution 0 had no denominator left to show that at λ = 0 every w
holds the premise. eˣ(cosh x − sinh x) = 0 on [200, 300] was CHECKED: floats, 100 digits and 192-bit balls all see
0. (−1)ᵏ = 1 on [2⁶⁰, 2⁶¹] was CHECKED: every float sample is even. The true claims beside them must stay true: a
decimal conclusion that holds to 12 digits, a conclusion that holds at the singular point too, a true identity
whose terms cancel, and a parity identity true at every integer.

TRUTH maps each claim to (truth, class, witness). tanh x = 1 on [400, 500], off by 10⁻³⁴⁷, is in
tests/numeric/test_numeric_gaps.py: the witnesses here are checked at 60 digits, which cannot see it.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Integer, Interval, Real, claim
from verifier.language.stepwise import Implication, Relation

lam, w, x, k = sp.symbols("lambda w x k")
REALS = {w: Real(), lam: Real()}  # w first: the premise is solved for w (the order decides which)


@claim()
def divide_by_a_coefficient_that_vanishes() -> Implication:
    """2λw = 0 ⇒ w = 0 on ℝ² (false at λ = 0, w = 1)."""
    return Implication(Relation(2 * lam * w, "=", 0), Relation(w, "=", 0), where=REALS)


@claim()
def strict_where_the_coefficient_vanishes() -> Implication:
    """λw = 0 ⇒ λ² + w² > 0 (false at λ = w = 0, where the solution w = 0 is still defined)."""
    return Implication(Relation(lam * w, "=", 0), Relation(lam**2 + w**2, ">", 0), where=REALS)


@claim()
def kept_at_the_singular_point() -> Implication:
    """λw = λ ⇒ λ(w − 1) = 0 on ℝ².
    Proof: λ(w − 1) = λw − λ = 0 wherever the premise holds, λ = 0 included."""
    return Implication(Relation(lam * w, "=", lam), Relation(lam * (w - 1), "=", 0), where=REALS)


@claim()
def decimals_where_the_premise_is_free() -> Implication:
    """λw = λ ⇒ 0.1w + 0.2w = 0.3w, decimals decided to 12 digits (how-it-decides.md).
    Proof: 0.1 + 0.2 = 0.3 as decimals, so the conclusion holds for every w."""
    return Implication(Relation(lam * w, "=", lam), Relation(0.1 * w + 0.2 * w, "=", 0.3 * w), where=REALS)


@claim()
def cancellation_hides_one() -> Identity:
    """eˣ(cosh x − sinh x) = 0 on [200, 300] (false: it is 1 everywhere)."""
    return Identity(sp.exp(x) * (sp.cosh(x) - sp.sinh(x)), 0, where={x: Interval(200, 300)})


@claim()
def cancellation_kept() -> Identity:
    """cosh² x − sinh² x = 1 on [200, 300].
    Proof: cosh² − sinh² = 1 for every real x (the terms are 10¹⁷⁴ and cancel)."""
    return Identity(sp.cosh(x) ** 2 - sp.sinh(x) ** 2, 1, where={x: Interval(200, 300)})


@claim()
def parity_past_two_to_the_53() -> Identity:
    """(−1)ᵏ = 1 on the integers of [2⁶⁰, 2⁶¹] (false at k = 2⁶⁰ + 1)."""
    return Identity((-1) ** k, 1, where={k: Integer(2**60, 2**61)})


@claim()
def parity_of_an_even_power() -> Identity:
    """(−1)^(k² + k) = 1 on the integers of [2⁶⁰, 2⁶¹].
    Proof: k² + k = k(k + 1) is even for every integer k."""
    return Identity((-1) ** (k**2 + k), 1, where={k: Integer(2**60, 2**61)})


TRUTH = {
    "divide_by_a_coefficient_that_vanishes": ("false", 1, {"lambda": 0, "w": 1}),
    "strict_where_the_coefficient_vanishes": ("false", 1, {"lambda": 0, "w": 0}),
    "kept_at_the_singular_point": ("true", 1, None),
    "decimals_where_the_premise_is_free": ("true", 1, None),
    "cancellation_hides_one": ("false", 3, {"x": 200}),
    "cancellation_kept": ("true", 3, None),
    "parity_past_two_to_the_53": ("false", 3, {"k": 2**60 + 1}),
    "parity_of_an_even_power": ("true", 3, None),
}
