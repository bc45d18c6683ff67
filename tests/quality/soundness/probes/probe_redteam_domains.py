"""Red team of the domain rules (a claim must be defined at every point of its declared domain).

Sources: Γ has simple poles at 0, −1, −2, … and ψ = Γ'/Γ has them too (DLMF 5.2.1, 5.7.1); Γ(x + 1) = xΓ(x)
for x ∉ {0, −1, …} (DLMF 5.5.1), ψ(x + 1) − ψ(x) = 1/x there (DLMF 5.5.2). √x and asin x are real only on
x ≥ 0 and |x| ≤ 1, and their derivatives exist only on x > 0 and |x| < 1. N(μ, σ²) needs σ² ≥ 0 (the library's
Normal takes the variance) and Bernoulli(p) needs 0 ≤ p ≤ 1; E[X/p] is 0/0 at p = 0. x + 1 > x and k² ≥ k
for integers hold everywhere (trivially: 1 > 0, and k(k − 1) ≥ 0 for integer k). x ↦ a·x converges to 0 only for
|a| < 1 (at a = 2 the error doubles), and x ↦ x/2 + 10⁻³⁰ has its fixed point at 2·10⁻³⁰, not 0.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

from fractions import Fraction as F

import sympy as sp

from verifier import (
    PSD,
    Bernoulli,
    Convergence,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Integer,
    Interval,
    Normal,
    Positive,
    Real,
    claim,
)

x, k, s, p, a, y = sp.symbols("x k s p a y")
X = sp.Symbol("X")
NEAR_ZERO = [sp.Rational(1, 10**20), -sp.Rational(1, 10**20)]


# ----------------------------------------------------------------------------- 1. poles of gamma, digamma


@claim()
def gamma_ratio_on_reals() -> Identity:
    """Γ(x + 1)/Γ(x) = x on ℝ: undefined at x = 0, −1, −2, …"""
    return Identity(sp.gamma(x + 1) / sp.gamma(x), x, where={x: Real()})


@claim()
def gamma_ratio_on_integers() -> Identity:
    """Γ(k + 1)/Γ(k) = k on {−3, …, 3}: undefined at k = 0, −1, −2, −3."""
    return Identity(sp.gamma(k + 1) / sp.gamma(k), k, where={k: Integer(-3, 3)})


@claim()
def gamma_ratio_two_symbols() -> Identity:
    """Γ(k + 1)/Γ(k) + y = k + y on {0, …, 3} × ℝ: undefined at k = 0 (in floats Γ(1)/Γ(0) = 1/inf = 0)."""
    return Identity(sp.gamma(k + 1) / sp.gamma(k) + y, k + y, where={k: Integer(0, 3), y: Real()})


@claim()
def digamma_step_around_minus_two() -> Identity:
    """ψ(x + 1) − ψ(x) = 1/x on [−2.3, −1.9]: undefined at x = −2 (ψ(−2) and ψ(−1) are poles)."""
    return Identity(sp.digamma(x + 1) - sp.digamma(x), 1 / x, where={x: Interval(F(-23, 10), F(-19, 10))})


@claim()
def gamma_squared_positive_around_minus_two() -> Inequality:
    """Γ(x)² > 0 on [−2.3, −1.9]: undefined at x = −2 (a pole of Γ)."""
    return Inequality(sp.gamma(x) ** 2, ">", 0, where={x: Interval(F(-23, 10), F(-19, 10))})


@claim()
def gamma_ratio_on_positives() -> Identity:
    """Γ(x + 1)/Γ(x) = x on x > 0.

    Proof: Γ(x + 1) = xΓ(x) and Γ(x) ≠ 0 there (DLMF 5.5.1).
    """
    return Identity(sp.gamma(x + 1) / sp.gamma(x), x, where={x: Positive()})


@claim()
def gamma_ratio_on_positive_integers() -> Identity:
    """Γ(k + 1)/Γ(k) = k on {1, …, 6}.

    Proof: Γ(k) = (k − 1)! (DLMF 5.4.1).
    """
    return Identity(sp.gamma(k + 1) / sp.gamma(k), k, where={k: Integer(1, 6)})


@claim()
def digamma_step_between_poles() -> Identity:
    """ψ(x + 1) − ψ(x) = 1/x on [−2.9, −2.1].

    Proof: DLMF 5.5.2; neither x nor x + 1 is a nonpositive integer there.
    """
    return Identity(sp.digamma(x + 1) - sp.digamma(x), 1 / x, where={x: Interval(F(-29, 10), F(-21, 10))})


@claim()
def gamma_squared_positive_between_poles() -> Inequality:
    """Γ(x)² > 0 on [−2.9, −2.1].

    Proof: Γ is real, finite and never zero off its poles (DLMF 5.2.1).
    """
    return Inequality(sp.gamma(x) ** 2, ">", 0, where={x: Interval(F(-29, 10), F(-21, 10))})


# ----------------------------------------------------------------------------- 2. derivatives of partial functions


@claim()
def sqrt_derivative_on_reals() -> Derivative:
    """d/dx √x = 1/(2√x) on ℝ: undefined in ℝ for x < 0."""
    return Derivative(sp.sqrt(x), x, 1 / (2 * sp.sqrt(x)), where={x: Real()})


@claim()
def asin_derivative_on_wide_interval() -> Derivative:
    """d/dx asin x = 1/√(1 − x²) on [−3, 3]: undefined in ℝ for |x| > 1."""
    return Derivative(sp.asin(x), x, 1 / sp.sqrt(1 - x**2), where={x: Interval(-3, 3)})


@claim()
def sqrt_derivative_on_positives() -> Derivative:
    """d/dx √x = 1/(2√x) on x > 0.

    Proof: the power rule, d/dx x^(1/2) = x^(−1/2)/2.
    """
    return Derivative(sp.sqrt(x), x, 1 / (2 * sp.sqrt(x)), where={x: Positive()})


@claim()
def asin_derivative_inside() -> Derivative:
    """d/dx asin x = 1/√(1 − x²) on [−0.9, 0.9].

    Proof: the inverse function rule, cos(asin x) = √(1 − x²) > 0 there.
    """
    return Derivative(sp.asin(x), x, 1 / sp.sqrt(1 - x**2), where={x: Interval(F(-9, 10), F(9, 10))})


# ----------------------------------------------------------------------------- 3. distributions off their parameters


@claim()
def normal_negative_variance() -> Expectation:
    """E[X²] = s for X ~ N(0, s) (variance s) on s ∈ ℝ: undefined for s < 0 (no such distribution)."""
    return Expectation(X**2, s, noise={X: Normal(0, s)}, where={s: Real()})


@claim()
def bernoulli_outside_unit_interval() -> Expectation:
    """E[X] = p for X ~ Bernoulli(p) on p ∈ [−1, 2]: undefined for p ∉ [0, 1] (no such distribution)."""
    return Expectation(X, p, noise={X: Bernoulli(p)}, where={p: Interval(-1, 2)})


@claim()
def bernoulli_over_p_at_zero() -> Expectation:
    """E[X/p] = 1 for X ~ Bernoulli(p) on p ∈ [0, 1]: undefined at p = 0 (X/p is 0/0)."""
    return Expectation(X / p, 1, noise={X: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim()
def normal_positive_variance() -> Expectation:
    """E[X²] = s for X ~ N(0, s) (variance s) on s > 0.

    Proof: E[X²] = Var X + (E X)² = s.
    """
    return Expectation(X**2, s, noise={X: Normal(0, s)}, where={s: Positive()})


@claim()
def normal_std_squared() -> Expectation:
    """E[X²] = s² for X ~ N(0, s²) on s ∈ ℝ.

    Proof: E[X²] = Var X = s² ≥ 0 (s = 0: the point mass at 0).
    """
    return Expectation(X**2, s**2, noise={X: Normal(0, s**2)}, where={s: Real()})


@claim()
def bernoulli_mean_on_unit_interval() -> Expectation:
    """E[X] = p for X ~ Bernoulli(p) on p ∈ [0, 1].

    Proof: E X = 1·p + 0·(1 − p).
    """
    return Expectation(X, p, noise={X: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim()
def bernoulli_over_p_positive() -> Expectation:
    """E[X/p] = 1 for X ~ Bernoulli(p) on p ∈ (0, 1].

    Proof: E[X/p] = p/p.
    """
    return Expectation(X / p, 1, noise={X: Bernoulli(p)}, where={p: Interval(0, 1, open_lo=True)})


# ----------------------------------------------------------------------------- 4. huge domains


@claim()
def successor_above_on_huge_interval() -> Inequality:
    """x + 1 > x on [0, 10⁴⁰⁰].

    Proof: the gap is 1.
    """
    return Inequality(x + 1, ">", x, where={x: Interval(0, 10**400)})


@claim()
def square_above_on_huge_integers() -> Inequality:
    """k² ≥ k on {0, …, 10³⁰}.

    Proof: k² − k = k(k − 1) ≥ 0 for every integer k.
    """
    return Inequality(k**2, ">=", k, where={k: Integer(0, 10**30)})


@claim()
def gamma_squared_positive_on_huge_interval() -> Inequality:
    """Γ(x + 1)² > 0 on [−5, 10⁴⁰⁰]: undefined at x = −1, …, −5 (poles of Γ)."""
    return Inequality(sp.gamma(x + 1) ** 2, ">", 0, where={x: Interval(-5, 10**400)})


# ----------------------------------------------------------------------------- 5. convergence


@claim()
def linear_map_past_one() -> Convergence:
    """x ↦ a·x → 0 with order 1, constant a, on a ∈ [0, 3]: diverges for a > 1 (no convergence at a = 2)."""
    return Convergence(a * x, x, root=0, order=1, constant=a, where={a: Interval(0, 3)})


@claim()
def shifted_half_map() -> Convergence:
    """x ↦ x/2 + 10⁻³⁰ → 0: 0 is no fixed point (the iteration tends to 2·10⁻³⁰)."""
    return Convergence(x / 2 + sp.Rational(1, 10**30), x, root=0, order=1, constant=sp.Rational(1, 2))


@claim()
def linear_map_contracting() -> Convergence:
    """x ↦ a·x → 0 with order 1, constant a, on a ∈ [0.1, 0.9].

    Proof: e_(k+1) = a·e_k exactly, and 0 < a < 1.
    """
    return Convergence(a * x, x, root=0, order=1, constant=a, where={a: Interval(F(1, 10), F(9, 10))})


@claim()
def half_map() -> Convergence:
    """x ↦ x/2 → 0 with order 1, constant 1/2.

    Proof: e_(k+1) = e_k/2 exactly.
    """
    return Convergence(x / 2, x, root=0, order=1, constant=sp.Rational(1, 2))


# ----------------------------------------------------------------------------- 6. psd matrices with partial entries


@claim()
def psd_with_a_root_on_reals() -> PSD:
    """diag(√x, 1) ⪰ 0 on ℝ: √x is complex (undefined in ℝ) for x < 0; its real part,
    0, made the eigenvalues look fine."""
    return PSD(sp.Matrix([[sp.sqrt(x), 0], [0, 1]]), where={x: Real()})


@claim()
def psd_with_a_log_square_on_reals() -> PSD:
    """diag(log²x, 1) ⪰ 0 on ℝ: log x is complex for x < 0 and undefined at 0."""
    return PSD(sp.Matrix([[sp.log(x) ** 2, 0], [0, 1]]), where={x: Real()})


@claim()
def psd_with_a_root_on_positives() -> PSD:
    """diag(√x, 1) ⪰ 0 for x > 0.

    A diagonal matrix is PSD iff its diagonal entries are nonnegative, and √x > 0 for x > 0."""
    return PSD(sp.Matrix([[sp.sqrt(x), 0], [0, 1]]), where={x: Positive()})


# ----------------------------------------------------------------------------- 7. undefined past the special points


@claim()
def log_of_a_product_on_reals() -> Identity:
    """log(xy) = log x + log y for x ∈ ℝ, y > 0: both sides undefined in ℝ for x < 0 (only the special points x = 0,
    −1, … were looked at, 16 of them, and gave a note)."""
    return Identity(sp.log(x * y), sp.log(x) + sp.log(y), where={x: Real(), y: Positive()})


@claim()
def log_equals_itself_on_reals() -> Identity:
    """log x = log x on ℝ: complex (undefined in ℝ) for every x < 0."""
    return Identity(sp.log(x), sp.log(x), where={x: Real()})


@claim()
def squared_modulus_of_a_root_below_on_reals() -> Inequality:
    """|√x|² ≤ x on ℝ: √x is undefined in ℝ for x < 0, though |√−2|² = 2 is real (mpmath saw only the real end)."""
    return Inequality(sp.Abs(sp.sqrt(x)) ** 2, "<=", x, where={x: Real()})


@claim()
def psd_of_a_squared_modulus_on_reals() -> PSD:
    """(1 + x − |√x|²) ⪰ 0 on ℝ: √x is undefined in ℝ for x < 0 (the check skipped those samples in silence)."""
    return PSD(sp.Matrix([[1 + x - sp.Abs(sp.sqrt(x)) ** 2]]), where={x: Real()})


TRUTH = {
    "gamma_ratio_on_reals": ("partial", 1, None),
    "gamma_ratio_on_integers": ("partial", 1, None),
    "gamma_ratio_two_symbols": ("partial", 1, None),
    "digamma_step_around_minus_two": ("partial", 1, None),
    "gamma_squared_positive_around_minus_two": ("partial", 1, None),
    "gamma_ratio_on_positives": ("true", 1, None),
    "gamma_ratio_on_positive_integers": ("true", 1, None),
    "digamma_step_between_poles": ("true", 1, None),
    "gamma_squared_positive_between_poles": ("true", 1, None),
    "sqrt_derivative_on_reals": ("partial", 2, None),
    "asin_derivative_on_wide_interval": ("partial", 2, None),
    "sqrt_derivative_on_positives": ("true", 2, None),
    "asin_derivative_inside": ("true", 2, None),
    "normal_negative_variance": ("partial", 3, None),
    "bernoulli_outside_unit_interval": ("partial", 3, None),
    "bernoulli_over_p_at_zero": ("partial", 3, None),
    "normal_positive_variance": ("true", 3, None),
    "normal_std_squared": ("true", 3, None),
    "bernoulli_mean_on_unit_interval": ("true", 3, None),
    "bernoulli_over_p_positive": ("true", 3, None),
    "successor_above_on_huge_interval": ("true", 4, None),
    "square_above_on_huge_integers": ("true", 4, None),
    "gamma_squared_positive_on_huge_interval": ("partial", 4, None),
    "linear_map_past_one": ("false", 5, {"a": 2, "along": NEAR_ZERO, "grows": True}),
    "shifted_half_map": ("false", 5, {"along": [sp.Rational(1, 10**40)]}),
    "linear_map_contracting": ("true", 5, None),
    "half_map": ("true", 5, None),
    "psd_with_a_root_on_reals": ("partial", 6, None),
    "psd_with_a_log_square_on_reals": ("partial", 6, None),
    "psd_with_a_root_on_positives": ("true", 6, None),
    "log_of_a_product_on_reals": ("partial", 7, None),
    "log_equals_itself_on_reals": ("partial", 7, None),
    "squared_modulus_of_a_root_below_on_reals": ("partial", 7, None),
    "psd_of_a_squared_modulus_on_reals": ("partial", 7, None),
}
