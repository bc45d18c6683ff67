"""Red team 170: cancelled divisors beside other symbols, in inequalities and expectations; dents off the base points.

Cancelled divisors. A divisor on one side only was decided (solved exactly, or shown nonzero) in claims in one
declared scalar; in several it was looked for on lines and else passed over. sinh x − 1 cancelled with a bystander
y ∈ ℝ, eˣ − x − 2 times y, eˣ − x − y over [0, 2] × [5/2, 3], the slope of a quotient cancelling eˣ − x − a, and
an inequality whose left side cancels eˣ − x − 2 were PROVED (sinh x − 1 in an inequality CHECKED), each undefined at
a point of its domain; E[X + (e^(2a) − 9)/(eᵃ − 3)] = eᵃ + 3 on a ∈ [0, 2], 0/0 at a = log 3, and its sibling with
eᵃ − a − 2 were PROVED, and E[e^(tX)] = (eᵗ − 1)/t on t ∈ [−1, 1], whose claimed value is 0/0 at t = 0, was CHECKED.
A divisor in one symbol is now decided on that symbol's domain whatever else the claim declares, one in several
only by sympy's facts or arb enclosures on the bounded box, and inequalities and the parameters of expectations are
held to the same rule (numeric/checks/cancelled.py): each is UNKNOWN. Beside them, the rules of the last round
hold: zeros of polynomials in eˣ and e^(2x) together, of sin(πx) − 1 and log x at a closed end of the domain are
REFUTED there, zeros just past an open end or a closed one (1 − 10⁻⁹) are not, tan, sinh, cosh, x·eˣ, log log x and
sin x − cos x are UNKNOWN, an integer symbol is never refuted at a zero between the integers.

Expectations with an exact form. E[(X + t)²] = 1 + t² + 10⁻⁶(1 − sign(t − √2)²) for t ∈ [−2, 2] (false at t = √2
alone) was CHECKED: the box search cannot decide a jump. The exact identity E = claimed is now tried at the
parameters' case points, as an identity is (numeric/checks/case_points.py), and it is REFUTED at √2 (on t ∈ ℝ too).

Convexity. Flat directions, x⁴ + y⁴, a condition number of 10¹², convexity only on a box, dents at the box's
corner, in three variables and just inside the domain are all decided. A dent along (1, 2) at x + 2y = 1/3, and
one along (1, 1, 1) at x + y + z = √3, away from every base point of the dent search and off the Hessian's least
eigenvector there, were CHECKED: the search (numeric/checks/dent.py) now also follows each eigenvector's line
through the first base point, solves for where f curves the wrong way along it, and proposes the pairs there that
fail at 50 digits; both are REFUTED. Still CHECKED (KNOWN_WRONG): E[e^(tX)] = e^(t²/2) plus a bump of height 10⁻¹⁴
at t = 1/3, which has no exact form (certified integration at sampled t only).

TRUTH maps each claim to (truth, issue class, witness); a convexity witness is two points a, b and a weight θ.
"""

from __future__ import annotations

import sympy as sp

from verifier import (
    Bernoulli,
    Convex,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Integer,
    Interval,
    Normal,
    Positive,
    Real,
    Uniform,
    claim,
)

x = sp.Symbol("x")
y = sp.Symbol("y")
a = sp.Symbol("a")
n = sp.Symbol("n")
t = sp.Symbol("t", real=True)
c = sp.Symbol("c", real=True)
p = sp.Symbol("p", real=True)
X = sp.Symbol("X", real=True)
xr, yr, zr = sp.symbols("xr yr zr", real=True)
E = sp.E
EX = sp.exp(x)
HALF = sp.Rational(1, 2)
MICRO = sp.Rational(1, 10**6)
NANO = sp.Rational(1, 10**9)
V2 = sp.ImmutableMatrix([xr, yr])
V3 = sp.ImmutableMatrix([xr, yr, zr])
LINE = EX - x - 2  # 0 once in (1, 2); no solver writes where


def _on(lo: object, hi: object, **ends: bool) -> dict:
    return {x: Interval(sp.sympify(lo), sp.sympify(hi), **ends)}


# ----------------------------------------------------------------------------- divisors of one symbol, exactly solved


@claim()
def two_exponentials_cancelled() -> Identity:
    """(eˣ − 1)(eˣ − 2)(eˣ + 1) expanded over e^(2x) − 3eˣ + 2 = eˣ + 1 on [1/2, 1]: 0/0 at x = log 2 ≈ 0.693.

    A partial claim: undefined there, on one side only.
    """
    d = sp.exp(2 * x) - 3 * EX + 2
    return Identity(sp.expand((EX - 1) * (EX - 2) * (EX + 1)) / d, EX + 1, where=_on(HALF, 1))


@claim()
def two_exponentials_cancelled_past_their_roots() -> Identity:
    """The same on [1, 2].
    Proof: eˣ ≥ e > 2 there, so e^(2x) − 3eˣ + 2 = (eˣ − 1)(eˣ − 2) ≠ 0, and it cancels."""
    d = sp.exp(2 * x) - 3 * EX + 2
    return Identity(sp.expand((EX - 1) * (EX - 2) * (EX + 1)) / d, EX + 1, where=_on(1, 2))


@claim()
def exponential_zero_at_a_closed_end() -> Identity:
    """(e^(2x) − e²)/(eˣ − e) = eˣ + e on [0, 1]: 0/0 at the end x = 1.

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.exp(2 * x) - E**2) / (EX - E), EX + E, where=_on(0, 1))


@claim()
def exponential_zero_at_an_open_end() -> Identity:
    """(e^(2x) − e²)/(eˣ − e) = eˣ + e on [0, 1).
    Proof: eˣ < e there, so eˣ − e ≠ 0, and e^(2x) − e² = (eˣ − e)(eˣ + e)."""
    return Identity((sp.exp(2 * x) - E**2) / (EX - E), EX + E, where=_on(0, 1, open_hi=True))


@claim()
def exponential_zero_a_billionth_past_the_end() -> Identity:
    """(e^(2x) − e²)/(eˣ − e) = eˣ + e on [0, 1 − 10⁻⁹].
    Proof: x < 1 there, so eˣ − e ≠ 0; the numerator factors."""
    return Identity((sp.exp(2 * x) - E**2) / (EX - E), EX + E, where=_on(0, 1 - NANO))


@claim()
def exponential_zero_past_the_end_off_by_a_billionth() -> Identity:
    """(e^(2x) − e²)/(eˣ − e) = eˣ + e + 10⁻⁹ on [0, 1 − 10⁻⁹] (false at x = 0: 1 + e against 1 + e + 10⁻⁹)."""
    return Identity((sp.exp(2 * x) - E**2) / (EX - E), EX + E + NANO, where=_on(0, 1 - NANO))


@claim()
def exponential_zero_past_an_open_start() -> Identity:
    """(e^(2x) − e²)/(eˣ − e) = eˣ + e on (1, 2].
    Proof: eˣ > e there; the numerator factors."""
    return Identity((sp.exp(2 * x) - E**2) / (EX - E), EX + E, where=_on(1, 2, open_lo=True))


@claim()
def sine_of_pi_x_zero_at_a_closed_end() -> Identity:
    """(sin²(πx) − 1)/(sin(πx) − 1) = sin(πx) + 1 on [0, 1/2]: 0/0 at the end x = 1/2.

    A partial claim: undefined there, on one side only.
    """
    s = sp.sin(sp.pi * x)
    return Identity((s**2 - 1) / (s - 1), s + 1, where=_on(0, HALF))


@claim()
def sine_of_pi_x_zero_at_an_open_end() -> Identity:
    """The same on [0, 1/2).
    Proof: sin(πx) < 1 for x ∈ [0, 1/2), so sin(πx) − 1 ≠ 0; sin² − 1 = (sin − 1)(sin + 1)."""
    s = sp.sin(sp.pi * x)
    return Identity((s**2 - 1) / (s - 1), s + 1, where=_on(0, HALF, open_hi=True))


@claim()
def logarithm_zero_at_a_closed_start() -> Identity:
    """(log²x − log x)/log x = log x − 1 on [1, 2]: 0/0 at the end x = 1.

    A partial claim: undefined there, on one side only.
    """
    g = sp.log(x)
    return Identity((g**2 - g) / g, g - 1, where=_on(1, 2))


@claim()
def logarithm_zero_past_an_open_start() -> Identity:
    """The same on (1, 2].
    Proof: log x > 0 there, so the division is defined, and (log²x − log x)/log x = log x − 1."""
    g = sp.log(x)
    return Identity((g**2 - g) / g, g - 1, where=_on(1, 2, open_lo=True))


@claim()
def exponential_double_zero() -> Identity:
    """(eˣ − 3)²(eˣ + 1) over (eˣ − 3)², both expanded, = eˣ + 1 on [0, 2]: 0/0 at x = log 3, a double zero.

    A partial claim: undefined there, on one side only.
    """
    d = (EX - 3) ** 2
    return Identity(sp.expand(d * (EX + 1)) / sp.expand(d), EX + 1, where=_on(0, 2))


@claim()
def sine_double_zero() -> Identity:
    """(sin x − 1)²(sin x + 2) over (sin x − 1)², both expanded, = sin x + 2 on [0, 2]: 0/0 at x = π/2.

    A partial claim: undefined there, on one side only.
    """
    d = (sp.sin(x) - 1) ** 2
    return Identity(sp.expand(d * (sp.sin(x) + 2)) / sp.expand(d), sp.sin(x) + 2, where=_on(0, 2))


@claim()
def integer_power_of_two_cancelled() -> Identity:
    """(2^(2n) − 16)/(2ⁿ − 4) = 2ⁿ + 4 for integers n ∈ [0, 5]: 0/0 at n = 2.

    A partial claim: undefined there, on one side only.
    """
    return Identity((2 ** (2 * n) - 16) / (2**n - 4), 2**n + 4, where={n: Integer(0, 5)})


@claim()
def integer_exponential_zero_between_the_integers() -> Identity:
    """(e^(2n) − 9)/(eⁿ − 3) = eⁿ + 3 for integers n ∈ [0, 5].
    Proof: e < 3 < e², so eⁿ ≠ 3 for every integer n (its zero log 3 is outside the domain); the numerator factors."""
    return Identity((sp.exp(2 * n) - 9) / (sp.exp(n) - 3), sp.exp(n) + 3, where={n: Integer(0, 5)})


@claim()
def integer_sine_never_one() -> Identity:
    """(sin²n − 1)/(sin n − 1) = sin n + 1 for integers n ∈ [0, 50].
    Proof: sin n = 1 only at n = π/2 + 2kπ, never an integer (π is irrational); then sin² − 1 = (sin − 1)(sin + 1)."""
    return Identity((sp.sin(n) ** 2 - 1) / (sp.sin(n) - 1), sp.sin(n) + 1, where={n: Integer(0, 50)})


@claim()
def absolute_value_divisor_zero_on_half() -> Identity:
    """(|x| − x)(x + 1), expanded, over |x| − x = x + 1 on [−1, 1]: 0/0 on all of [0, 1].

    A partial claim: undefined on an interval, on one side only.
    """
    d = sp.Abs(x) - x
    return Identity(sp.expand(d * (x + 1)) / d, x + 1, where=_on(-1, 1))


@claim()
def floor_divisor_zero_on_an_interval() -> Identity:
    """(⌊x⌋² + ⌊x⌋)/⌊x⌋ = ⌊x⌋ + 1 on [1/2, 3]: 0/0 on [1/2, 1).

    A partial claim: undefined on an interval, on one side only.
    """
    d = sp.floor(x)
    return Identity((d**2 + d) / d, d + 1, where=_on(HALF, 3))


@claim()
def two_symbol_sine_divisor() -> Identity:
    """(sin²x − y²)/(sin x − y) = sin x + y on [0, 2] × [1/2, 1]: 0/0 wherever sin x = y (x = asin y).

    A partial claim: undefined there, on one side only.
    """
    s = sp.sin(x)
    return Identity((s**2 - y**2) / (s - y), s + y, where={x: Interval(0, 2), y: Interval(HALF, 1)})


@claim()
def two_symbol_exponential_divisor_ruled_out() -> Identity:
    """(e^(2x) − y²)/(eˣ − y) = eˣ + y on [1, 2] × [0, 1].
    Proof: eˣ ≥ e > 1 ≥ y there, so eˣ − y ≠ 0, and e^(2x) − y² = (eˣ − y)(eˣ + y)."""
    return Identity((sp.exp(2 * x) - y**2) / (EX - y), EX + y, where={x: Interval(1, 2), y: Interval(0, 1)})


@claim()
def exponential_matrix_inverse() -> Identity:
    """[[eˣ, 3], [1, 1]]⁻¹ = [[1, −3], [−1, eˣ]]/(eˣ − 3) on [0, 2], wherever both sides are real.
    Proof: the 2×2 adjugate over the determinant eˣ − 3; both sides have no value at x = log 3 alone."""
    m = sp.ImmutableMatrix([[EX, 3], [1, 1]])
    return Identity(sp.Inverse(m), sp.ImmutableMatrix([[1, -3], [-1, EX]]) / (EX - 3), where=_on(0, 2))


@claim()
def exponential_matrix_inverse_times_itself() -> Identity:
    """M⁻¹M = I for M = [[eˣ, 3], [1, 1]] on [0, 2], written unevaluated: M is singular at x = log 3.

    A partial claim: the left side is undefined there, the right side is I.
    """
    m = sp.ImmutableMatrix([[EX, 3], [1, 1]])
    return Identity(sp.MatMul(sp.Inverse(m), m), sp.eye(2), where=_on(0, 2))


@claim()
def sine_cosine_matrix_never_singular() -> Identity:
    """M⁻¹M = I for M = [[sin x, 1], [1, cos x]] on [0, 4], written unevaluated.
    Proof: det M = sin x cos x − 1 = sin(2x)/2 − 1 ≤ −1/2, so M is invertible everywhere."""
    m = sp.ImmutableMatrix([[sp.sin(x), 1], [1, sp.cos(x)]])
    return Identity(sp.MatMul(sp.Inverse(m), m), sp.eye(2), where=_on(0, 4))


# ----------------------------------------------------------------------------- divisors no solver writes


@claim()
def sine_minus_cosine_cancelled() -> Identity:
    """(sin²x − cos²x)/(sin x − cos x) = sin x + cos x on [0, 1]: 0/0 at x = π/4.

    A partial claim: undefined there, on one side only.
    """
    s, k = sp.sin(x), sp.cos(x)
    return Identity((s**2 - k**2) / (s - k), s + k, where=_on(0, 1))


@claim()
def sine_minus_cosine_cancelled_before_its_root() -> Identity:
    """The same on [0, 3/4].
    Proof: π/4 > 0.785 > 3/4 and sin x < cos x on [0, π/4), so sin x − cos x ≠ 0; the numerator factors."""
    s, k = sp.sin(x), sp.cos(x)
    return Identity((s**2 - k**2) / (s - k), s + k, where=_on(0, sp.Rational(3, 4)))


@claim()
def tangent_cancelled() -> Identity:
    """(tan²x − 1)/(tan x − 1) = tan x + 1 on [0, 1]: 0/0 at x = π/4.

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.tan(x) ** 2 - 1) / (sp.tan(x) - 1), sp.tan(x) + 1, where=_on(0, 1))


@claim()
def hyperbolic_cosine_cancelled() -> Identity:
    """(cosh²x − 4)/(cosh x − 2) = cosh x + 2 on [0, 2]: 0/0 at x = acosh 2 ≈ 1.317.

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.cosh(x) ** 2 - 4) / (sp.cosh(x) - 2), sp.cosh(x) + 2, where=_on(0, 2))


@claim()
def x_times_exponential_cancelled() -> Identity:
    """(x²e^(2x) − 1)/(xeˣ − 1) = xeˣ + 1 on [0, 1]: 0/0 at x = W(1) ≈ 0.567.

    A partial claim: undefined there, on one side only.
    """
    u = x * EX
    return Identity((x**2 * sp.exp(2 * x) - 1) / (u - 1), u + 1, where=_on(0, 1))


@claim()
def log_of_log_cancelled() -> Identity:
    """(log²(log x) − 1)/(log(log x) − 1) = log(log x) + 1 on [2, 20]: 0/0 at x = e^e ≈ 15.15.

    A partial claim: undefined there, on one side only.
    """
    u = sp.log(sp.log(x))
    return Identity((u**2 - 1) / (u - 1), u + 1, where=_on(2, 20))


@claim()
def slope_of_sine_minus_cosine_cancelled() -> Derivative:
    """d/dx (sin²x − cos²x)/(sin x − cos x) = cos x − sin x on [0, 1]: f is 0/0 at x = π/4.

    A partial claim: f is undefined there, the claimed derivative is not.
    """
    s, k = sp.sin(x), sp.cos(x)
    return Derivative((s**2 - k**2) / (s - k), x, k - s, where=_on(0, 1))


# ----------------------------------------------------------------------------- beside other symbols (were PROVED)


@claim()
def hyperbolic_sine_cancelled_beside_a_bystander() -> Identity:
    """(sinh²x − 1)/(sinh x − 1) + y = sinh x + 1 + y on [0, 1] × ℝ: 0/0 at x = asinh 1 ≈ 0.881, for every y.

    A partial claim: undefined there, on one side only. It was PROVED.
    """
    s = sp.sinh(x)
    return Identity((s**2 - 1) / (s - 1) + y, s + 1 + y, where={x: Interval(0, 1), y: Real()})


@claim()
def exponential_minus_a_line_times_a_bystander() -> Identity:
    """y(e^(2x) − (x + 2)²)/(eˣ − x − 2) = y(eˣ + x + 2) on [0, 2] × [1, 2]: 0/0 where eˣ = x + 2, in (1, 2).

    A partial claim: undefined there, on one side only. It was PROVED.
    """
    return Identity(
        y * (sp.exp(2 * x) - (x + 2) ** 2) / LINE, y * (EX + x + 2), where={x: Interval(0, 2), y: Interval(1, 2)}
    )


@claim()
def exponential_minus_a_line_and_a_parameter() -> Identity:
    """(eˣ − x − y)(eˣ + 1), expanded, over eˣ − x − y = eˣ + 1 on [0, 2] × [5/2, 3]: 0/0 where eˣ = x + y, which
    happens for every y there (eˣ − x − y is 1 − y < 0 at x = 0 and e² − 2 − y > 0 at x = 2).

    A partial claim: undefined there, on one side only. It was PROVED.
    """
    d = EX - x - y
    return Identity(sp.expand(d * (EX + 1)) / d, EX + 1, where={x: Interval(0, 2), y: Interval(sp.Rational(5, 2), 3)})


@claim()
def slope_with_a_parameter_in_the_divisor() -> Derivative:
    """d/dx (eˣ − x − a)(eˣ + 1)/(eˣ − x − a) = eˣ on [0, 2] × a ∈ [5/2, 3]: f is 0/0 where eˣ = x + a.

    A partial claim: f is undefined there, the claimed derivative is not. It was PROVED.
    """
    d = EX - x - a
    return Derivative(sp.expand(d * (EX + 1)) / d, x, EX, where={x: Interval(0, 2), a: Interval(sp.Rational(5, 2), 3)})


# ----------------------------------------------------------------------------- inequalities and expectations


@claim()
def inequality_cancelling_exponential_minus_a_line() -> Inequality:
    """(e^(2x) − (x + 2)²)/(eˣ − x − 2) ≥ 2 on [0, 2]: 0/0 where eˣ = x + 2, in (1, 2).

    A partial claim: the left side is undefined there. It was PROVED.
    """
    return Inequality((sp.exp(2 * x) - (x + 2) ** 2) / LINE, ">=", 2, where=_on(0, 2))


@claim()
def inequality_cancelling_exponential_minus_a_line_past_its_root() -> Inequality:
    """(e^(2x) − (x + 2)²)/(eˣ − x − 2) ≥ 2 on [2, 3].
    Proof: eˣ − x − 2 is increasing for x > 0 and e² − 4 > 0, so it is not 0 there; the left side is eˣ + x + 2 ≥ 4."""
    return Inequality((sp.exp(2 * x) - (x + 2) ** 2) / LINE, ">=", 2, where=_on(2, 3))


@claim()
def inequality_cancelling_hyperbolic_sine() -> Inequality:
    """(sinh²x − 1)/(sinh x − 1) ≥ 1 on [0, 1]: 0/0 at x = asinh 1 ≈ 0.881.

    A partial claim: the left side is undefined there. It was CHECKED.
    """
    s = sp.sinh(x)
    return Inequality((s**2 - 1) / (s - 1), ">=", 1, where=_on(0, 1))


@claim()
def expectation_cancelling_an_exponential_parameter() -> Expectation:
    """E[X + (e^(2a) − 9)/(eᵃ − 3)] = eᵃ + 3 for X ~ N(0, 1), a ∈ [0, 2]: 0/0 at a = log 3.

    A partial claim: the expectation is undefined there, the claimed value is not. It was PROVED.
    """
    ea = sp.exp(a)
    return Expectation(X + (sp.exp(2 * a) - 9) / (ea - 3), ea + 3, noise={X: Normal(0, 1)}, where={a: Interval(0, 2)})


@claim()
def expectation_cancelling_an_exponential_parameter_past_its_root() -> Expectation:
    """The same for a ∈ [2, 3].
    Proof: eᵃ ≥ e² > 3 there, so the quotient is eᵃ + 3, and E[X] = 0."""
    ea = sp.exp(a)
    return Expectation(X + (sp.exp(2 * a) - 9) / (ea - 3), ea + 3, noise={X: Normal(0, 1)}, where={a: Interval(2, 3)})


@claim()
def expectation_cancelling_exponential_minus_a_line() -> Expectation:
    """E[X + (e^(2a) − (a + 2)²)/(eᵃ − a − 2)] = eᵃ + a + 2 for X ~ N(0, 1), a ∈ [0, 2]: 0/0 where eᵃ = a + 2.

    A partial claim: the expectation is undefined there, the claimed value is not. It was PROVED.
    """
    d = sp.exp(a) - a - 2
    expr = X + (sp.exp(2 * a) - (a + 2) ** 2) / d
    return Expectation(expr, sp.exp(a) + a + 2, noise={X: Normal(0, 1)}, where={a: Interval(0, 2)})


@claim()
def uniform_moment_generating_function_at_zero() -> Expectation:
    """E[e^(tX)] = (eᵗ − 1)/t for X ~ U(0, 1), t ∈ [−1, 1]: the claimed value is 0/0 at t = 0 (E = 1 there).

    A partial claim: the claimed value is undefined there.
    """
    return Expectation(sp.exp(t * X), (sp.exp(t) - 1) / t, noise={X: Uniform(0, 1)}, where={t: Interval(-1, 1)})


@claim()
def uniform_moment_generating_function_away_from_zero() -> Expectation:
    """E[e^(tX)] = (eᵗ − 1)/t for X ~ U(0, 1), t ∈ [1/2, 1].
    Proof: ∫₀¹ e^(tx) dx = (eᵗ − 1)/t for t ≠ 0."""
    return Expectation(sp.exp(t * X), (sp.exp(t) - 1) / t, noise={X: Uniform(0, 1)}, where={t: Interval(HALF, 1)})


@claim()
def claimed_value_cancelling_exponential_minus_a_line() -> Expectation:
    """E[X²] = (e^(2t) − (t + 2)²)/(eᵗ − t − 2) − eᵗ − t − 1 for X ~ N(0, 1), t ∈ [0, 2]: the claimed value is 1
    wherever eᵗ ≠ t + 2, and 0/0 where eᵗ = t + 2, in (1, 2).

    A partial claim: the claimed value is undefined there.
    """
    d = sp.exp(t) - t - 2
    claimed = (sp.exp(2 * t) - (t + 2) ** 2) / d - sp.exp(t) - t - 1
    return Expectation(X**2, claimed, noise={X: Normal(0, 1)}, where={t: Interval(0, 2)})


@claim()
def sign_bump_at_root_two_bounded() -> Expectation:
    """E[(X + t)²] = 1 + t² + 10⁻⁶(1 − sign(t − √2)²) for X ~ N(0, 1), t ∈ [−2, 2] (false at t = √2 alone)."""
    bump = MICRO * (1 - sp.sign(t - sp.sqrt(2)) ** 2)
    return Expectation((X + t) ** 2, 1 + t**2 + bump, noise={X: Normal(0, 1)}, where={t: Interval(-2, 2)})


@claim()
def sign_bump_at_root_two_unbounded() -> Expectation:
    """E[(X + t)²] = 1 + t² + 10⁻⁶(1 − sign(t − √2)²) for X ~ N(0, 1), t ∈ ℝ (false at t = √2 alone)."""
    bump = MICRO * (1 - sp.sign(t - sp.sqrt(2)) ** 2)
    return Expectation((X + t) ** 2, 1 + t**2 + bump, noise={X: Normal(0, 1)}, where={t: Real()})


@claim()
def sign_of_the_shift_squared_away_from_zero() -> Expectation:
    """E[(X + t)²·sign(t)²] = 1 + t² for X ~ N(0, 1), t ∈ [1, 2].
    Proof: sign(t)² = 1 for t ≠ 0, and E[(X + t)²] = 1 + t²."""
    return Expectation((X + t) ** 2 * sp.sign(t) ** 2, 1 + t**2, noise={X: Normal(0, 1)}, where={t: Interval(1, 2)})


@claim()
def bump_at_root_third_of_an_exact_form() -> Expectation:
    """E[(X + t)²] = 1 + t² + 10⁻⁶·max(0, 10⁻⁸ − (t − 1/√3)²), t ∈ [−1, 1] (false at t = 1/√3: off by 10⁻¹⁴)."""
    bump = MICRO * sp.Max(0, sp.Rational(1, 10**8) - (t - 1 / sp.sqrt(3)) ** 2)
    return Expectation((X + t) ** 2, 1 + t**2 + bump, noise={X: Normal(0, 1)}, where={t: Interval(-1, 1)})


@claim()
def bump_at_a_third_of_a_moment_generating_function() -> Expectation:
    """E[e^(tX)] = e^(t²/2) + 10⁻⁶·max(0, 10⁻⁸ − (t − 1/3)²), t ∈ [−1, 1] (false at t = 1/3: off by 10⁻¹⁴)."""
    bump = MICRO * sp.Max(0, sp.Rational(1, 10**8) - (t - sp.Rational(1, 3)) ** 2)
    return Expectation(sp.exp(t * X), sp.exp(t**2 / 2) + bump, noise={X: Normal(0, 1)}, where={t: Interval(-1, 1)})


@claim()
def absolute_deviation_past_the_support() -> Expectation:
    """E|X − c| = c² − c + 1/2 for X ~ U(0, 1), c ∈ [0, 2] (false at c = 2: the mean is 3/2, the claim 5/2)."""
    return Expectation(sp.Abs(X - c), c**2 - c + HALF, noise={X: Uniform(0, 1)}, where={c: Interval(0, 2)})


@claim()
def absolute_deviation_in_two_rows() -> Expectation:
    """E|X − c| = (c² − c + 1/2 if c ≤ 1, else c − 1/2) for X ~ U(0, 1), c ∈ [0, 2].
    Proof: for c ≤ 1 it is ∫₀ᶜ (c − x) + ∫ᶜ¹ (x − c) = c²/2 + (1 − c)²/2; for c ≥ 1 it is c − E[X] = c − 1/2."""
    claimed = sp.Piecewise((c**2 - c + HALF, c <= 1), (c - HALF, True))
    return Expectation(sp.Abs(X - c), claimed, noise={X: Uniform(0, 1)}, where={c: Interval(0, 2)})


@claim()
def relu_of_a_shifted_gaussian() -> Expectation:
    """E[max(X + c, 0)] = cΦ(c) + φ(c) for X ~ N(0, 1), c ∈ [−2, 2].
    Proof: ∫_{−c}^∞ (x + c)φ(x) dx = φ(−c) + c(1 − Φ(−c)) = φ(c) + cΦ(c)."""
    phi = sp.exp(-(c**2) / 2) / sp.sqrt(2 * sp.pi)
    big_phi = (1 + sp.erf(c / sp.sqrt(2))) / 2
    return Expectation(sp.Max(X + c, 0), c * big_phi + phi, noise={X: Normal(0, 1)}, where={c: Interval(-2, 2)})


@claim()
def coin_over_its_probability_at_zero() -> Expectation:
    """E[M/p] = 1 for M ~ Bernoulli(p), p ∈ [0, 1]: M/p has no value at p = 0.

    A partial claim: undefined there.
    """
    m = sp.Symbol("M", real=True)
    return Expectation(m / p, sp.Integer(1), noise={m: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim()
def second_moment_over_the_width() -> Expectation:
    """E[X²/w] = w/3 for X ~ U(0, w), w ∈ (0, 2].
    Proof: E[X²] = w²/3 on U(0, w)."""
    w = sp.Symbol("w", positive=True)
    return Expectation(X**2 / w, w / 3, noise={X: Uniform(0, w)}, where={w: Interval(0, 2, open_lo=True)})


# ----------------------------------------------------------------------------- convexity


@claim()
def quartic_flat_at_the_origin() -> Convex:
    """x⁴ + y⁴ is convex on ℝ² (its Hessian is 0 at the origin).
    Proof: a sum of convex functions of one variable each."""
    return Convex(xr**4 + yr**4, V2, where={V2: Real()})


@claim()
def square_of_a_difference() -> Convex:
    """(x − y)² is convex on ℝ² (flat along (1, 1)).
    Proof: the square of a linear form."""
    return Convex((xr - yr) ** 2, V2, where={V2: Real()})


@claim()
def condition_number_ten_to_the_twelve() -> Convex:
    """10⁶(x + y)² + 10⁻⁶(x − y)² is convex on ℝ².
    Proof: a sum of nonnegative multiples of squares of linear forms."""
    return Convex(10**6 * (xr + yr) ** 2 + MICRO * (xr - yr) ** 2, V2, where={V2: Real()})


@claim()
def condition_number_ten_to_the_twelve_dented() -> Convex:
    """10⁶(x + y)² + (x − y)⁴ − 10⁻⁶(x − y)² is convex on ℝ² (false: a = (10⁻⁴/2, −10⁻⁴/2), b = −a, θ = ½)."""
    return Convex(10**6 * (xr + yr) ** 2 + (xr - yr) ** 4 - MICRO * (xr - yr) ** 2, V2, where={V2: Real()})


@claim()
def cubic_on_the_unit_square() -> Convex:
    """x³ + y³ is convex on [0, 1]² (its Hessian diag(6x, 6y) is singular at the corner).
    Proof: the Hessian is ⪰ 0 on the box, a convex set."""
    return Convex(xr**3 + yr**3, V2, where={V2: Interval(0, 1)})


@claim()
def double_well_just_into_its_dent() -> Convex:
    """x⁴ − 2x² + y⁴ − 2y² is convex on [57/100, 2]² (false: a = (57/100, 1), b = (575/1000, 1), θ = ½:
    12x² − 4 < 0 for x < 1/√3 ≈ 0.5774)."""
    return Convex(xr**4 - 2 * xr**2 + yr**4 - 2 * yr**2, V2, where={V2: Interval(sp.Rational(57, 100), 2)})


@claim()
def dent_at_the_corner_of_the_box() -> Convex:
    """x⁴ − 10⁻⁶x² + y⁴ is convex on [0, 1]² (false: a = (0, 0), b = (2·10⁻⁴, 0), θ = ½)."""
    return Convex(xr**4 - MICRO * xr**2 + yr**4, V2, where={V2: Interval(0, 1)})


@claim()
def dent_only_outside_the_box() -> Convex:
    """x⁴ − 10⁻⁶x² + y⁴ is convex on [1/100, 1]².
    Proof: the Hessian diag(12x² − 2·10⁻⁶, 12y²) ⪰ 0 there, as 12·10⁻⁴ > 2·10⁻⁶."""
    return Convex(xr**4 - MICRO * xr**2 + yr**4, V2, where={V2: Interval(sp.Rational(1, 100), 1)})


@claim()
def geometric_mean_claimed_convex() -> Convex:
    """√(xy) is convex on the positive quadrant (false: a = (1, 4), b = (4, 1), θ = ½: 5/2 > 2)."""
    return Convex(sp.sqrt(xr * yr), V2, where={V2: Positive()})


@claim()
def dent_in_three_variables() -> Convex:
    """x⁴ + y⁴ + z⁴ + 10⁻⁶(xy + yz + zx) is convex on ℝ³ (false: a = (10⁻⁴, −10⁻⁴, 0), b = −a, θ = ½)."""
    return Convex(xr**4 + yr**4 + zr**4 + MICRO * (xr * yr + yr * zr + zr * xr), V3, where={V3: Real()})


@claim()
def dent_along_one_two_at_a_third() -> Convex:
    """u⁴ − 10⁻⁸u² + (2x − y)², u = x + 2y − 1/3, is convex on ℝ² (false along y = 2x: a at u = −10⁻⁵, b at
    u = 10⁻⁵, θ = ½, f(mid) = 0 > 10⁻²⁰ − 10⁻¹⁸)."""
    u = xr + 2 * yr - sp.Rational(1, 3)
    return Convex(u**4 - sp.Rational(1, 10**8) * u**2 + (2 * xr - yr) ** 2, V2, where={V2: Real()})


@claim()
def dent_along_the_diagonal_at_root_three() -> Convex:
    """u⁴ − 10⁻⁸u² + (x − y)² + (y − z)², u = x + y + z − √3, is convex on ℝ³ (false along x = y = z: a at
    u = −10⁻⁵, b at u = 10⁻⁵, θ = ½)."""
    u = xr + yr + zr - sp.sqrt(3)
    return Convex(u**4 - sp.Rational(1, 10**8) * u**2 + (xr - yr) ** 2 + (yr - zr) ** 2, V3, where={V3: Real()})


@claim()
def undented_along_the_diagonal_at_root_three() -> Convex:
    """u⁴ + (x − y)² + (y − z)², u = x + y + z − √3, is convex on ℝ³.
    Proof: a sum of convex functions of linear forms."""
    u = xr + yr + zr - sp.sqrt(3)
    return Convex(u**4 + (xr - yr) ** 2 + (yr - zr) ** 2, V3, where={V3: Real()})


D5 = sp.Rational(1, 10**5)
A4 = sp.Rational(1, 10**4)
THIRD_A = (sp.Rational(1, 3) - D5) / 5
THIRD_B = (sp.Rational(1, 3) + D5) / 5
ROOT_A = (sp.sqrt(3) - D5) / 3
ROOT_B = (sp.sqrt(3) + D5) / 3

TRUTH = {
    "two_exponentials_cancelled": ("partial", 2, None),
    "two_exponentials_cancelled_past_their_roots": ("true", 2, None),
    "exponential_zero_at_a_closed_end": ("partial", 2, None),
    "exponential_zero_at_an_open_end": ("true", 2, None),
    "exponential_zero_a_billionth_past_the_end": ("true", 2, None),
    "exponential_zero_past_the_end_off_by_a_billionth": ("false", 2, {"x": 0}),
    "exponential_zero_past_an_open_start": ("true", 2, None),
    "sine_of_pi_x_zero_at_a_closed_end": ("partial", 2, None),
    "sine_of_pi_x_zero_at_an_open_end": ("true", 2, None),
    "logarithm_zero_at_a_closed_start": ("partial", 2, None),
    "logarithm_zero_past_an_open_start": ("true", 2, None),
    "exponential_double_zero": ("partial", 2, None),
    "sine_double_zero": ("partial", 2, None),
    "integer_power_of_two_cancelled": ("partial", 2, None),
    "integer_exponential_zero_between_the_integers": ("true", 2, None),
    "integer_sine_never_one": ("true", 2, None),
    "absolute_value_divisor_zero_on_half": ("partial", 2, None),
    "floor_divisor_zero_on_an_interval": ("partial", 2, None),
    "two_symbol_sine_divisor": ("partial", 2, None),
    "two_symbol_exponential_divisor_ruled_out": ("true", 2, None),
    "exponential_matrix_inverse": ("true", 2, None),
    "exponential_matrix_inverse_times_itself": ("partial", 2, None),
    "sine_cosine_matrix_never_singular": ("true", 2, None),
    "sine_minus_cosine_cancelled": ("partial", 2, None),
    "sine_minus_cosine_cancelled_before_its_root": ("true", 2, None),
    "tangent_cancelled": ("partial", 2, None),
    "hyperbolic_cosine_cancelled": ("partial", 2, None),
    "x_times_exponential_cancelled": ("partial", 2, None),
    "log_of_log_cancelled": ("partial", 2, None),
    "slope_of_sine_minus_cosine_cancelled": ("partial", 2, None),
    "hyperbolic_sine_cancelled_beside_a_bystander": ("partial", 2, None),
    "exponential_minus_a_line_times_a_bystander": ("partial", 2, None),
    "exponential_minus_a_line_and_a_parameter": ("partial", 2, None),
    "slope_with_a_parameter_in_the_divisor": ("partial", 2, None),
    "inequality_cancelling_exponential_minus_a_line": ("partial", 2, None),
    "inequality_cancelling_exponential_minus_a_line_past_its_root": ("true", 2, None),
    "inequality_cancelling_hyperbolic_sine": ("partial", 2, None),
    "expectation_cancelling_an_exponential_parameter": ("partial", 2, None),
    "expectation_cancelling_an_exponential_parameter_past_its_root": ("true", 2, None),
    "expectation_cancelling_exponential_minus_a_line": ("partial", 2, None),
    "uniform_moment_generating_function_at_zero": ("partial", 2, None),
    "uniform_moment_generating_function_away_from_zero": ("true", 2, None),
    "claimed_value_cancelling_exponential_minus_a_line": ("partial", 2, None),
    "sign_bump_at_root_two_bounded": ("false", 5, {"t": sp.sqrt(2)}),
    "sign_bump_at_root_two_unbounded": ("false", 5, {"t": sp.sqrt(2)}),
    "sign_of_the_shift_squared_away_from_zero": ("true", 5, None),
    "bump_at_root_third_of_an_exact_form": ("false", 1, {"t": 1 / sp.sqrt(3)}),
    "bump_at_a_third_of_a_moment_generating_function": ("false", 1, {"t": sp.Rational(1, 3)}),
    "absolute_deviation_past_the_support": ("false", 1, {"c": 2}),
    "absolute_deviation_in_two_rows": ("true", 1, None),
    "relu_of_a_shifted_gaussian": ("true", 1, None),
    "coin_over_its_probability_at_zero": ("partial", 7, None),
    "second_moment_over_the_width": ("true", 1, None),
    "quartic_flat_at_the_origin": ("true", 1, None),
    "square_of_a_difference": ("true", 1, None),
    "condition_number_ten_to_the_twelve": ("true", 1, None),
    "condition_number_ten_to_the_twelve_dented": (
        "false",
        1,
        {"a": {"xr": A4 / 2, "yr": -A4 / 2}, "b": {"xr": -A4 / 2, "yr": A4 / 2}, "theta": HALF},
    ),
    "cubic_on_the_unit_square": ("true", 1, None),
    "double_well_just_into_its_dent": (
        "false",
        1,
        {"a": {"xr": sp.Rational(57, 100), "yr": 1}, "b": {"xr": sp.Rational(575, 1000), "yr": 1}, "theta": HALF},
    ),
    "dent_at_the_corner_of_the_box": (
        "false",
        1,
        {"a": {"xr": 0, "yr": 0}, "b": {"xr": 2 * A4, "yr": 0}, "theta": HALF},
    ),
    "dent_only_outside_the_box": ("true", 1, None),
    "geometric_mean_claimed_convex": ("false", 1, {"a": {"xr": 1, "yr": 4}, "b": {"xr": 4, "yr": 1}, "theta": HALF}),
    "dent_in_three_variables": (
        "false",
        1,
        {"a": {"xr": A4, "yr": -A4, "zr": 0}, "b": {"xr": -A4, "yr": A4, "zr": 0}, "theta": HALF},
    ),
    "dent_along_one_two_at_a_third": (
        "false",
        1,
        {"a": {"xr": THIRD_A, "yr": 2 * THIRD_A}, "b": {"xr": THIRD_B, "yr": 2 * THIRD_B}, "theta": HALF},
    ),
    "dent_along_the_diagonal_at_root_three": (
        "false",
        1,
        {
            "a": {"xr": ROOT_A, "yr": ROOT_A, "zr": ROOT_A},
            "b": {"xr": ROOT_B, "yr": ROOT_B, "zr": ROOT_B},
            "theta": HALF,
        },
    ),
    "undented_along_the_diagonal_at_root_three": ("true", 1, None),
}
KNOWN_WRONG = {
    # no exact form (e^(tX) is not a polynomial in X): certified integration at the sampled t only, and the box
    # search over t does not apply
    "bump_at_a_third_of_a_moment_generating_function",
}
