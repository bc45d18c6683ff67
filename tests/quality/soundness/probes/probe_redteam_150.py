"""Red team 150: partial identities whose undefined points sit where a step's argument is an integer.

Γ(frac(√3·x) + 1) = frac(√3·x)·Γ(frac(√3·x)) on [1/2, 2] was PROVED "wherever both sides are defined": its right
side is 0·Γ(0), undefined, at x = 1/√3 and 2/√3, inside the domain, where its left side is Γ(1) = 1. The exact pole
search (numeric/checks/poles.py) solved only polynomial conditions and lattice arguments linear in the symbol, and
frac(√3·x) is neither. Its siblings were PROVED or CHECKED the same way: log(a² + a) − log a = log(a + 1) and
cot(π·a)·sin(π·a) = cos(π·a) for a = frac(√2·x) (undefined at x = 1/√2), 1/sign(x − π) = sign(x − π) on [1, 4]
ψ(a + 1) = ψ(a) + 1/a, a = frac(√3·x), and log of a Piecewise row (x² − 2)² (all three CHECKED), Γ of a Piecewise row
x − √2, (s² + s)/s = s + 1 for s = sign(x − π), and the same Γ in two
symbols. The pole search now takes, for each argument of a pole that holds a step, sign, Heaviside or Piecewise
(numeric/checks/jumps.py), the points where those jump and the zeros of each piece between jumps (frac(u) = u − m,
each Piecewise row): each is REFUTED at its point. The true controls beside them state the same identities on
intervals that miss those points, or where the poles are never reached, and stay PROVED or CHECKED.

Siblings away from steps, PROVED the same way: Γ(u + 1) = u·Γ(u) for u = x² − 2 on [6/5, 2] (a lattice argument
not linear), tan(x²)·cos(x²) = sin(x²) on [1, 2] (cos of a square: its zero √(π/2)) and a quintic cancelled at its
real root (degree above 4 was not solved). The pole search now reads the lattice values a polynomial argument
reaches (numeric/checks/levels.py) and solves polynomials to degree 8 (the roots as CRootOf): each is REFUTED.
So were Γ(u + 1) = u·Γ(u) for u = |x − π| and u = max(x − π, π − x) on [1, 4] (a kink, not a jump): each |v|,
Max and Min is now written as each of its branches too, and both are REFUTED at π. On an unbounded domain the jumps
and levels were not looked for: the log above for x > 0 and Γ(x² − 1) = (x² − 2)Γ(x² − 2) on ℝ were PROVED; they are
looked for near the domain's finite end (from 0 for a positive symbol) or the origin. A step inside a step,
frac(2·frac(√2·x) + 1/3), and two steps, frac(√2·x) + frac(√3·x) − 1, in Γ were PROVED: the pieces of one step are
now cut again by the next (two deep), and both are REFUTED. So were Γ(frac(x²) + 1) = frac(x²)·Γ(frac(x²)) and a
cancelled ⌊x²⌋ − x² on [11/10, 19/10] (a step of a square, at √2 and √3): the integers a polynomial argument of a
step reaches are now its jumps and pieces too. (e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 2], 0/0 at x = log 3, stayed
PROVED until the pole search solved a polynomial in one exponential (probe_redteam_160): it is REFUTED there now.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Interval, Positive, Real, claim

x = sp.Symbol("x")
y = sp.Symbol("y")
ROOT2 = sp.sqrt(2)
ROOT3 = sp.sqrt(3)
HALF_TO_TWO = Interval(sp.Rational(1, 2), 2)


def _frac(k: sp.Expr) -> sp.Expr:
    return sp.frac(k * x)


@claim()
def gamma_of_a_fraction_part() -> Identity:
    """Γ(a + 1) = a·Γ(a), a = frac(√3·x), on [1/2, 2]: the right side is 0·Γ(0) at x = 1/√3.

    A partial claim: undefined there, on one side only.
    """
    a = _frac(ROOT3)
    return Identity(sp.gamma(a + 1), a * sp.gamma(a), where={x: HALF_TO_TWO})


@claim()
def gamma_of_a_fraction_part_away_from_its_poles() -> Identity:
    """Γ(a + 1) = a·Γ(a), a = frac(√3·x), on [3/5, 11/10].
    Proof: √3·x lies in (1.03, 1.91) there, so a = √3·x − 1 > 0, and Γ(a + 1) = a·Γ(a) for every a > 0."""
    a = _frac(ROOT3)
    return Identity(sp.gamma(a + 1), a * sp.gamma(a), where={x: Interval(sp.Rational(3, 5), sp.Rational(11, 10))})


@claim()
def gamma_of_a_fraction_part_shifted() -> Identity:
    """Γ(a + 2) = (a + 1)·Γ(a + 1), a = frac(√3·x), on [1/2, 2].
    Proof: a + 1 ≥ 1 > 0 for every x, and Γ(b + 1) = b·Γ(b) for every b > 0."""
    a = _frac(ROOT3)
    return Identity(sp.gamma(a + 2), (a + 1) * sp.gamma(a + 1), where={x: HALF_TO_TWO})


@claim()
def digamma_of_a_fraction_part() -> Identity:
    """ψ(a + 1) = ψ(a) + 1/a, a = frac(√3·x), on [1/2, 2]: the right side is undefined at x = 1/√3."""
    a = _frac(ROOT3)
    return Identity(sp.digamma(a + 1), sp.digamma(a) + 1 / a, where={x: HALF_TO_TWO})


@claim()
def digamma_of_a_fraction_part_away_from_its_poles() -> Identity:
    """ψ(a + 1) = ψ(a) + 1/a, a = frac(√3·x), on [3/5, 11/10].
    Proof: a = √3·x − 1 > 0 there (as above), and ψ(a + 1) = ψ(a) + 1/a for every a > 0."""
    a = _frac(ROOT3)
    return Identity(
        sp.digamma(a + 1), sp.digamma(a) + 1 / a, where={x: Interval(sp.Rational(3, 5), sp.Rational(11, 10))}
    )


@claim()
def log_of_a_fraction_part() -> Identity:
    """log(a² + a) − log a = log(a + 1), a = frac(√2·x), on [1/2, 2]: the left side is log 0 at x = 1/√2.

    A partial claim: undefined there, on one side only.
    """
    a = _frac(ROOT2)
    return Identity(sp.log(a**2 + a) - sp.log(a), sp.log(a + 1), where={x: HALF_TO_TWO})


@claim()
def log_of_a_fraction_part_away_from_its_zeros() -> Identity:
    """log(a² + a) − log a = log(a + 1), a = frac(√2·x), on [3/4, 7/5].
    Proof: √2·x lies in (1.06, 1.98) there, so a > 0, and log(a(a + 1)) = log a + log(a + 1) for a > 0."""
    a = _frac(ROOT2)
    return Identity(
        sp.log(a**2 + a) - sp.log(a), sp.log(a + 1), where={x: Interval(sp.Rational(3, 4), sp.Rational(7, 5))}
    )


@claim()
def cotangent_of_a_fraction_part() -> Identity:
    """cot(π·a)·sin(π·a) = cos(π·a), a = frac(√2·x), on [1/2, 2]: cot(0) has no value, at x = 1/√2.

    A partial claim: undefined there, on one side only.
    """
    t = sp.pi * _frac(ROOT2)
    return Identity(sp.cot(t) * sp.sin(t), sp.cos(t), where={x: HALF_TO_TWO})


@claim()
def cotangent_of_a_ceiling_gap() -> Identity:
    """cot(π·b)·sin(π·b) = cos(π·b), b = ⌈√2·x⌉ − √2·x, on [1/2, 2]: b = 0 at x = 1/√2.

    A partial claim: undefined there, on one side only.
    """
    t = sp.pi * (sp.ceiling(ROOT2 * x) - ROOT2 * x)
    return Identity(sp.cot(t) * sp.sin(t), sp.cos(t), where={x: HALF_TO_TWO})


@claim()
def cotangent_of_a_fraction_part_away_from_its_poles() -> Identity:
    """cot(π·a)·sin(π·a) = cos(π·a), a = frac(√2·x), on [3/4, 7/5].
    Proof: a lies in (0, 1) there (as above), so sin(π·a) ≠ 0 and cot(π·a)·sin(π·a) = cos(π·a)."""
    t = sp.pi * _frac(ROOT2)
    return Identity(sp.cot(t) * sp.sin(t), sp.cos(t), where={x: Interval(sp.Rational(3, 4), sp.Rational(7, 5))})


@claim()
def reciprocal_of_a_sign_through_pi() -> Identity:
    """1/sign(x − π) = sign(x − π) on [1, 4]: the left side is 1/0 at x = π.

    A partial claim: undefined there, on one side only.
    """
    s = sp.sign(x - sp.pi)
    return Identity(1 / s, s, where={x: Interval(1, 4)})


@claim()
def reciprocal_of_a_sign_before_pi() -> Identity:
    """1/sign(x − π) = sign(x − π) on [1, 3].
    Proof: x < π there, so sign(x − π) = −1, and 1/(−1) = −1."""
    s = sp.sign(x - sp.pi)
    return Identity(1 / s, s, where={x: Interval(1, 3)})


@claim()
def sign_cancelled_through_pi() -> Identity:
    """(s² + s)/s = s + 1, s = sign(x − π), on [1, 4]: the left side is 0/0 at x = π.

    A partial claim: undefined there, on one side only.
    """
    s = sp.sign(x - sp.pi)
    return Identity((s**2 + s) / s, s + 1, where={x: Interval(1, 4)})


@claim()
def fraction_part_cancelled() -> Identity:
    """(a² + a)/a = a + 1, a = frac(√2·x), on [1/2, 2]: the left side is 0/0 at x = 1/√2.

    A partial claim: undefined there, on one side only.
    """
    a = _frac(ROOT2)
    return Identity((a**2 + a) / a, a + 1, where={x: HALF_TO_TWO})


@claim()
def gamma_of_a_piecewise_row() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = x − √2 for x > 1 (else 1), on [1/2, 2]: the right side is 0·Γ(0) at x = √2.

    A partial claim: undefined there, on one side only.
    """
    u = sp.Piecewise((x - ROOT2, x > 1), (1, True))
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: HALF_TO_TWO})


@claim()
def gamma_of_a_piecewise_row_past_its_pole() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = x − √2 for x > 1 (else 1), on [3/2, 2].
    Proof: u = x − √2 ≥ 3/2 − √2 > 0 there, and Γ(u + 1) = u·Γ(u) for every u > 0."""
    u = sp.Piecewise((x - ROOT2, x > 1), (1, True))
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(sp.Rational(3, 2), 2)})


@claim()
def log_of_a_piecewise_row() -> Identity:
    """log(u² + u) − log u = log(u + 1), u = (x² − 2)² for x > 1 (else x + 5), on [1, 2]: log 0 at x = √2.

    A partial claim: undefined there, on one side only.
    """
    u = sp.Piecewise(((x**2 - 2) ** 2, x > 1), (x + 5, True))
    return Identity(sp.log(u**2 + u) - sp.log(u), sp.log(u + 1), where={x: Interval(1, 2)})


@claim()
def gamma_of_a_fraction_part_in_two_symbols() -> Identity:
    """Γ(a + 1) = a·Γ(a), a = frac(√2·x + y), on [1/2, 2] × [0, 1]: 0·Γ(0) at x = 3/(2√2), y = 1/2.

    A partial claim: undefined there, on one side only.
    """
    a = sp.frac(ROOT2 * x + y)
    return Identity(sp.gamma(a + 1), a * sp.gamma(a), where={x: HALF_TO_TWO, y: Interval(0, 1)})


@claim()
def gamma_of_a_fraction_part_in_two_symbols_shifted() -> Identity:
    """Γ(a + 2) = (a + 1)·Γ(a + 1), a = frac(√2·x + y), on [1/2, 2] × [0, 1].
    Proof: a + 1 ≥ 1 > 0 everywhere, and Γ(b + 1) = b·Γ(b) for b > 0."""
    a = sp.frac(ROOT2 * x + y)
    return Identity(sp.gamma(a + 2), (a + 1) * sp.gamma(a + 1), where={x: HALF_TO_TWO, y: Interval(0, 1)})


@claim()
def sign_cancelled_in_two_symbols() -> Identity:
    """(s² + s)/s = s + 1, s = sign(x − π·y), on [1, 4] × [1/2, 1]: 0/0 at y = 3/4, x = 3π/4.

    A partial claim: undefined there, on one side only.
    """
    s = sp.sign(x - sp.pi * y)
    return Identity((s**2 + s) / s, s + 1, where={x: Interval(1, 4), y: Interval(sp.Rational(1, 2), 1)})


@claim()
def gamma_of_a_square_through_its_pole() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = x² − 2, on [6/5, 2]: the right side is 0·Γ(0) at x = √2.

    A partial claim: undefined there, on one side only.
    """
    u = x**2 - 2
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(sp.Rational(6, 5), 2)})


@claim()
def gamma_of_a_square_past_its_pole() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = x² − 2, on [3/2, 2].
    Proof: u ≥ 9/4 − 2 > 0 there, and Γ(u + 1) = u·Γ(u) for every u > 0."""
    u = x**2 - 2
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(sp.Rational(3, 2), 2)})


@claim()
def tangent_of_a_square() -> Identity:
    """tan(x²)·cos(x²) = sin(x²) on [1, 2]: tan has a pole at x = √(π/2).

    A partial claim: undefined there, on one side only.
    """
    return Identity(sp.tan(x**2) * sp.cos(x**2), sp.sin(x**2), where={x: Interval(1, 2)})


@claim()
def tangent_of_a_square_below_its_pole() -> Identity:
    """tan(x²)·cos(x²) = sin(x²) on [1, 6/5].
    Proof: x² lies in [1, 36/25] there, below π/2, so cos(x²) > 0 and tan(x²)·cos(x²) = sin(x²)."""
    return Identity(sp.tan(x**2) * sp.cos(x**2), sp.sin(x**2), where={x: Interval(1, sp.Rational(6, 5))})


@claim()
def quintic_cancelled() -> Identity:
    """(x⁶ + x⁵ − x² − 2x − 1)/(x⁵ − x − 1) = x + 1 on [1, 2]: 0/0 at the real root of x⁵ − x − 1 (≈ 1.1673), a
    number with no radical form.

    A partial claim: undefined there, on one side only.
    """
    p = x**5 - x - 1
    return Identity(sp.expand(p * (x + 1)) / p, x + 1, where={x: Interval(1, 2)})


@claim()
def quintic_cancelled_past_its_root() -> Identity:
    """(x⁶ + x⁵ − x² − 2x − 1)/(x⁵ − x − 1) = x + 1 on [6/5, 2].
    Proof: x⁵ − x − 1 is increasing for x ≥ 1 (5x⁴ > 1) and is 0.288 > 0 at 6/5, so the fraction is x + 1 there."""
    p = x**5 - x - 1
    return Identity(sp.expand(p * (x + 1)) / p, x + 1, where={x: Interval(sp.Rational(6, 5), 2)})


@claim()
def exponential_cancelled() -> Identity:
    """(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 2]: 0/0 at x = log 3.

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.exp(2 * x) - 9) / (sp.exp(x) - 3), sp.exp(x) + 3, where={x: Interval(0, 2)})


@claim()
def exponential_cancelled_past_its_root() -> Identity:
    """(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [3/2, 2].
    Proof: eˣ ≥ e^1.5 > 4 there, so eˣ − 3 ≠ 0 and e^(2x) − 9 = (eˣ − 3)(eˣ + 3)."""
    return Identity((sp.exp(2 * x) - 9) / (sp.exp(x) - 3), sp.exp(x) + 3, where={x: Interval(sp.Rational(3, 2), 2)})


@claim()
def gamma_of_a_distance_to_pi() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = |x − π|, on [1, 4]: the right side is 0·Γ(0) at x = π.

    A partial claim: undefined there, on one side only.
    """
    u = sp.Abs(x - sp.pi)
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(1, 4)})


@claim()
def gamma_of_a_distance_to_pi_before_it() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = |x − π|, on [1, 3].
    Proof: u = π − x ≥ π − 3 > 0 there, and Γ(u + 1) = u·Γ(u) for every u > 0."""
    u = sp.Abs(x - sp.pi)
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(1, 3)})


@claim()
def gamma_of_a_distance_to_pi_shifted() -> Identity:
    """Γ(u + 2) = (u + 1)·Γ(u + 1), u = |x − π|, on [1, 4].
    Proof: u + 1 ≥ 1 > 0 everywhere, and Γ(b + 1) = b·Γ(b) for b > 0."""
    u = sp.Abs(x - sp.pi)
    return Identity(sp.gamma(u + 2), (u + 1) * sp.gamma(u + 1), where={x: Interval(1, 4)})


@claim()
def gamma_of_a_larger_distance_to_pi() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = max(x − π, π − x), on [1, 4]: the right side is 0·Γ(0) at x = π.

    A partial claim: undefined there, on one side only.
    """
    u = sp.Max(x - sp.pi, sp.pi - x)
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Interval(1, 4)})


@claim()
def log_of_a_fraction_part_for_positive_x() -> Identity:
    """log(a² + a) − log a = log(a + 1), a = frac(√2·x), for x > 0: the left side is log 0 at x = 1/√2.

    A partial claim: undefined there, on one side only.
    """
    a = _frac(ROOT2)
    return Identity(sp.log(a**2 + a) - sp.log(a), sp.log(a + 1), where={x: Positive()})


@claim()
def log_of_a_shifted_fraction_part_for_positive_x() -> Identity:
    """log(a² + 3a + 2) = log(a + 1) + log(a + 2), a = frac(√2·x), for x > 0.
    Proof: a ≥ 0, so a + 1 > 0 and a + 2 > 0, and log((a + 1)(a + 2)) = log(a + 1) + log(a + 2)."""
    a = _frac(ROOT2)
    return Identity(sp.log(a**2 + 3 * a + 2), sp.log(a + 1) + sp.log(a + 2), where={x: Positive()})


@claim()
def gamma_of_a_square_on_the_line() -> Identity:
    """Γ(u + 1) = u·Γ(u), u = x² − 2, on ℝ: the right side is 0·Γ(0) at x = √2.

    A partial claim: undefined there, on one side only.
    """
    u = x**2 - 2
    return Identity(sp.gamma(u + 1), u * sp.gamma(u), where={x: Real()})


@claim()
def gamma_of_a_square_shifted_on_the_line() -> Identity:
    """Γ(x² + 2) = (x² + 1)·Γ(x² + 1) on ℝ.
    Proof: x² + 1 ≥ 1 > 0 for every real x, and Γ(b + 1) = b·Γ(b) for b > 0."""
    return Identity(sp.gamma(x**2 + 2), (x**2 + 1) * sp.gamma(x**2 + 1), where={x: Real()})


@claim()
def gamma_of_a_nested_fraction_part() -> Identity:
    """Γ(b + 1) = b·Γ(b), b = frac(2·frac(√2·x) + 1/3), on [1/2, 2]: b = 0 where frac(√2·x) = 1/3, at x = 4/(3√2)
    (the inner step's own jumps, x = m/√2, are no poles: b = 1/3 there).

    A partial claim: undefined there, on one side only.
    """
    b = sp.frac(2 * _frac(ROOT2) + sp.Rational(1, 3))
    return Identity(sp.gamma(b + 1), b * sp.gamma(b), where={x: HALF_TO_TWO})


@claim()
def gamma_of_two_fraction_parts() -> Identity:
    """Γ(b + 1) = b·Γ(b), b = frac(√2·x) + frac(√3·x) − 1, on [1/2, 2]: b = 0 at x = 2/(√2 + √3), where
    √2·x = 0.899… and √3·x = 1.101…, no jump of either.

    A partial claim: undefined there, on one side only.
    """
    b = _frac(ROOT2) + _frac(ROOT3) - 1
    return Identity(sp.gamma(b + 1), b * sp.gamma(b), where={x: HALF_TO_TWO})


@claim()
def gamma_of_two_fraction_parts_shifted() -> Identity:
    """Γ(b + 2) = (b + 1)·Γ(b + 1), b = frac(√2·x) + frac(√3·x) − 1, on [1/2, 2].
    Proof: b + 1 is a sum of two fraction parts, ≥ 0, and 0 only where √2·x and √3·x are both integers, only at
    x = 0 (√2/√3 is irrational), outside the domain; so b + 1 > 0, and Γ(c + 1) = c·Γ(c) for c > 0."""
    b = _frac(ROOT2) + _frac(ROOT3) - 1
    return Identity(sp.gamma(b + 2), (b + 1) * sp.gamma(b + 1), where={x: HALF_TO_TWO})


@claim()
def logistic_written_two_ways() -> Identity:
    """1/(1 + e^(−x)) = eˣ/(eˣ + 1) on ℝ.
    Proof: multiply the left side's numerator and denominator by eˣ > 0; no denominator is 0 (both exceed 1)."""
    return Identity(1 / (1 + sp.exp(-x)), sp.exp(x) / (sp.exp(x) + 1), where={x: Real()})


@claim()
def gamma_of_the_fraction_part_of_a_square() -> Identity:
    """Γ(a + 1) = a·Γ(a), a = frac(x²), on [11/10, 19/10]: the right side is 0·Γ(0) at x = √2 and √3.

    A partial claim: undefined there, on one side only.
    """
    a = sp.frac(x**2)
    return Identity(sp.gamma(a + 1), a * sp.gamma(a), where={x: Interval(sp.Rational(11, 10), sp.Rational(19, 10))})


@claim()
def gamma_of_the_fraction_part_of_a_square_shifted() -> Identity:
    """Γ(a + 2) = (a + 1)·Γ(a + 1), a = frac(x²), on [11/10, 19/10].
    Proof: a + 1 ≥ 1 > 0 everywhere, and Γ(b + 1) = b·Γ(b) for b > 0."""
    a = sp.frac(x**2)
    return Identity(
        sp.gamma(a + 2), (a + 1) * sp.gamma(a + 1), where={x: Interval(sp.Rational(11, 10), sp.Rational(19, 10))}
    )


@claim()
def floor_of_a_square_cancelled() -> Identity:
    """(b² + b)/b = b + 1, b = ⌊x²⌋ − x², on [11/10, 19/10]: the left side is 0/0 at x = √2 and √3.

    A partial claim: undefined there, on one side only.
    """
    b = sp.floor(x**2) - x**2
    return Identity((b**2 + b) / b, b + 1, where={x: Interval(sp.Rational(11, 10), sp.Rational(19, 10))})


TRUTH = {
    "gamma_of_a_fraction_part": ("partial", 2, None),
    "gamma_of_a_fraction_part_away_from_its_poles": ("true", 2, None),
    "gamma_of_a_fraction_part_shifted": ("true", 2, None),
    "digamma_of_a_fraction_part": ("partial", 2, None),
    "digamma_of_a_fraction_part_away_from_its_poles": ("true", 2, None),
    "log_of_a_fraction_part": ("partial", 2, None),
    "log_of_a_fraction_part_away_from_its_zeros": ("true", 2, None),
    "cotangent_of_a_fraction_part": ("partial", 2, None),
    "cotangent_of_a_ceiling_gap": ("partial", 2, None),
    "cotangent_of_a_fraction_part_away_from_its_poles": ("true", 2, None),
    "reciprocal_of_a_sign_through_pi": ("partial", 2, None),
    "reciprocal_of_a_sign_before_pi": ("true", 2, None),
    "sign_cancelled_through_pi": ("partial", 2, None),
    "fraction_part_cancelled": ("partial", 2, None),
    "gamma_of_a_piecewise_row": ("partial", 2, None),
    "gamma_of_a_piecewise_row_past_its_pole": ("true", 2, None),
    "log_of_a_piecewise_row": ("partial", 2, None),
    "gamma_of_a_fraction_part_in_two_symbols": ("partial", 2, None),
    "gamma_of_a_fraction_part_in_two_symbols_shifted": ("true", 2, None),
    "sign_cancelled_in_two_symbols": ("partial", 2, None),
    "gamma_of_a_square_through_its_pole": ("partial", 2, None),
    "gamma_of_a_square_past_its_pole": ("true", 2, None),
    "tangent_of_a_square": ("partial", 2, None),
    "tangent_of_a_square_below_its_pole": ("true", 2, None),
    "quintic_cancelled": ("partial", 2, None),
    "quintic_cancelled_past_its_root": ("true", 2, None),
    "exponential_cancelled": ("partial", 2, None),
    "exponential_cancelled_past_its_root": ("true", 2, None),
    "gamma_of_a_distance_to_pi": ("partial", 2, None),
    "gamma_of_a_distance_to_pi_before_it": ("true", 2, None),
    "gamma_of_a_distance_to_pi_shifted": ("true", 2, None),
    "gamma_of_a_larger_distance_to_pi": ("partial", 2, None),
    "log_of_a_fraction_part_for_positive_x": ("partial", 2, None),
    "log_of_a_shifted_fraction_part_for_positive_x": ("true", 2, None),
    "gamma_of_a_square_on_the_line": ("partial", 2, None),
    "gamma_of_a_square_shifted_on_the_line": ("true", 2, None),
    "gamma_of_a_nested_fraction_part": ("partial", 2, None),
    "gamma_of_two_fraction_parts": ("partial", 2, None),
    "gamma_of_two_fraction_parts_shifted": ("true", 2, None),
    "logistic_written_two_ways": ("true", 2, None),
    "gamma_of_the_fraction_part_of_a_square": ("partial", 2, None),
    "gamma_of_the_fraction_part_of_a_square_shifted": ("true", 2, None),
    "floor_of_a_square_cancelled": ("partial", 2, None),
}
KNOWN_WRONG: set[str] = set()  # exponential_cancelled: REFUTED at log 3 since helper-160 (probe_redteam_160)
