"""Issue 37, class 3: expectations decided by certified integration, attacked where it could slip.

The rule under attack (numeric/integrate.py): a non-polynomial expectation is enclosed in an arb
ball (acb.integral, the Gaussian tails bounded in closed form from a growth bound of the integrand)
and a claimed value outside the ball is REFUTED after confirmation at 50 and 100 digits. The probes
put a kink exactly where the integrator first splits (the mean of a Gaussian, the middle of a
uniform) and at an irrational point, integrands of heavy (exponential) growth whose mass lies far
out in the tail, a mean that only the tail beyond 8σ makes nonzero (7.6·10⁻¹⁷), and true values that
agree with a tempting wrong one to 5·10⁻¹³: the true ones must never be REFUTED, the false ones
(off by 10⁻²⁵ to 10⁻¹²) must not pass.

Values used (mpmath at 60 digits): E max(X − 8, 0) = φ(8) − 8(1 − Φ(8)) = 7.5502624119464989…·10⁻¹⁷
for X ~ N(0, 1); E σ(X + 1) = 0.69…, σ(1) = 0.7310585786…; E|X − m| = 2φ(m) + m(2Φ(m) − 1).

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Bernoulli, Expectation, Interval, Normal, Positive, Real, Uniform, claim
from verifier.language.mathlib import normal_cdf, sigmoid

X, Y, M = sp.symbols("X Y M")
a, mu, s, p = sp.symbols("a mu s p")
HALF, QUARTER = sp.Rational(1, 2), sp.Rational(1, 4)
THIRD = sp.Rational(1, 3)


def tiny(k: int) -> sp.Rational:
    return sp.Rational(1, 10**k)


def phi(m: sp.Expr) -> sp.Expr:
    return sp.exp(-(m**2) / 2) / sp.sqrt(2 * sp.pi)


# ----------------------------------------------------------------------------- kinks where the integrator splits


@claim()
def abs_mean_kink_at_first_split() -> Expectation:
    """E|X − ½| = ¼ for X ~ U(0, 1): the kink is the middle of [0, 1], the integrator's first split.

    Proof: ∫₀¹ |x − ½| dx = 2∫₀^{½} u du = ¼.
    """
    return Expectation(sp.Abs(X - HALF), QUARTER, noise={X: Uniform(0, 1)})


@claim()
def abs_mean_kink_at_first_split_off() -> Expectation:
    """E|X − ½| = ¼ + 10⁻²⁰ for X ~ U(0, 1) (false: it is ¼)."""
    return Expectation(sp.Abs(X - HALF), QUARTER + tiny(20), noise={X: Uniform(0, 1)})


@claim()
def relu_of_centred_normal() -> Expectation:
    """E max(X − μ, 0) = s/√(2π) for X ~ N(μ, s²): the kink is at the mean, at every μ and s.

    Proof: X − μ = sZ with Z ~ N(0, 1), and E max(Z, 0) = ∫₀^∞ z φ(z) dz = φ(0) = 1/√(2π).
    """
    return Expectation(
        sp.Max(X - mu, 0), s / sp.sqrt(2 * sp.pi), noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()}
    )


@claim()
def relu_of_centred_normal_off() -> Expectation:
    """E max(X − μ, 0) = s/√(2π) + 10⁻²⁰ for X ~ N(μ, s²) (false at μ = 0, s = 1)."""
    rhs = s / sp.sqrt(2 * sp.pi) + tiny(20)
    return Expectation(sp.Max(X - mu, 0), rhs, noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()})


@claim()
def abs_mean_kink_at_a_third() -> Expectation:
    """E|X − ⅓| = 2φ(⅓) + ⅓·erf(1/(3√2)) for X ~ N(0, 1): a kink away from every split.

    Proof: E|X − m| = 2φ(m) + m(2Φ(m) − 1) (split at m, ∫ z φ = −φ), and 2Φ(m) − 1 = erf(m/√2).
    """
    value = 2 * phi(THIRD) + THIRD * sp.erf(THIRD / sp.sqrt(2))
    return Expectation(sp.Abs(X - THIRD), value, noise={X: Normal(0, 1)})


@claim()
def cube_root_mean_of_uniform() -> Expectation:
    """E X^{1/3} = ¾ for X ~ U(0, 1): a branch point at the endpoint.

    Proof: ∫₀¹ x^{1/3} dx = ¾.
    """
    return Expectation(X**THIRD, sp.Rational(3, 4), noise={X: Uniform(0, 1)})


@claim()
def cube_root_mean_of_uniform_off() -> Expectation:
    """E X^{1/3} = ¾ − 10⁻²⁵ for X ~ U(0, 1) (false: it is ¾)."""
    return Expectation(X**THIRD, sp.Rational(3, 4) - tiny(25), noise={X: Uniform(0, 1)})


# ----------------------------------------------------------------------------- heavy growth and far tails


@claim()
def square_times_exponential_mean() -> Expectation:
    """E X²e^{2X} = 5e² for X ~ N(0, 1): the mass sits near x = 2, the integrand grows like e^{2|x|}.

    Proof: E e^{tX} = e^{t²/2}, so E X²e^{tX} = d²/dt² e^{t²/2} = (1 + t²)e^{t²/2}; at t = 2, 5e².
    """
    return Expectation(X**2 * sp.exp(2 * X), 5 * sp.exp(2), noise={X: Normal(0, 1)})


@claim()
def square_times_exponential_mean_off() -> Expectation:
    """E X²e^{2X} = 5e²(1 + 10⁻¹⁵) for X ~ N(0, 1) (false: it is 5e²)."""
    return Expectation(X**2 * sp.exp(2 * X), 5 * sp.exp(2) * (1 + tiny(15)), noise={X: Normal(0, 1)})


@claim()
def hyperbolic_cosine_mean() -> Expectation:
    """E cosh 4X = e⁸ for X ~ N(0, 1).

    Proof: E e^{±4X} = e^{16/2} = e⁸, and cosh is their average.
    """
    return Expectation(sp.cosh(4 * X), sp.exp(8), noise={X: Normal(0, 1)})


@claim()
def lognormal_mean_with_parameters() -> Expectation:
    """E eˣ = e^{μ + s²/2} for X ~ N(μ, s²).

    Proof: the moment generating function of N(μ, s²) at 1.
    """
    return Expectation(sp.exp(X), sp.exp(mu + s**2 / 2), noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()})


@claim()
def lognormal_mean_off_relative() -> Expectation:
    """E eˣ = e^{μ + s²/2}(1 + 10⁻¹²) for X ~ N(μ, s²) (false at μ = 0, s = 1)."""
    rhs = sp.exp(mu + s**2 / 2) * (1 + tiny(12))
    return Expectation(sp.exp(X), rhs, noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()})


@claim()
def far_tail_relu_is_zero() -> Expectation:
    """E max(X − 8, 0) = 0 for X ~ N(0, 1) (false: it is φ(8) − 8(1 − Φ(8)) ≈ 7.6·10⁻¹⁷)."""
    return Expectation(sp.Max(X - 8, 0), sp.Integer(0), noise={X: Normal(0, 1)})


# ----------------------------------------------------------------------------- agreement to 10⁻¹²


@claim()
def cosine_of_tiny_frequency() -> Expectation:
    """E cos(10⁻⁶X) = e^{−10⁻¹²/2} for X ~ N(0, 1): 5·10⁻¹³ below 1, and true.

    Proof: E cos(tX) = Re E e^{itX} = e^{−t²/2}.
    """
    t = tiny(6)
    return Expectation(sp.cos(t * X), sp.exp(-(t**2) / 2), noise={X: Normal(0, 1)})


@claim()
def cosine_of_tiny_frequency_is_one() -> Expectation:
    """E cos(10⁻⁶X) = 1 for X ~ N(0, 1) (false: it is e^{−10⁻¹²/2}, 5·10⁻¹³ below)."""
    return Expectation(sp.cos(tiny(6) * X), sp.Integer(1), noise={X: Normal(0, 1)})


# ----------------------------------------------------------------------------- parameters, products, coins


@claim()
def sigmoid_of_scaled_normal() -> Expectation:
    """E σ(aX) = ½ for X ~ N(0, 1), at every real a.

    Proof: σ(t) + σ(−t) = 1 and aX has the law of −aX.
    """
    return Expectation(sigmoid(a * X), HALF, noise={X: Normal(0, 1)}, where={a: Real()})


@claim()
def sigmoid_of_shift_is_sigmoid_of_mean() -> Expectation:
    """E σ(X + a) = σ(a) for X ~ N(0, 1), a ∈ [1, 2] (false at a = 1: Jensen's gap, 0.69… against 0.731…)."""
    return Expectation(sigmoid(X + a), sigmoid(a), noise={X: Normal(0, 1)}, where={a: Interval(1, 2)})


@claim()
def product_of_independent_sigmoids() -> Expectation:
    """E σ(X)σ(Y) = ¼ for independent X ~ N(0, 1), Y ~ U(−1, 1).

    Proof: independence, E σ(X) = ½ (σ(t) + σ(−t) = 1), and likewise for Y, symmetric about 0.
    """
    return Expectation(sigmoid(X) * sigmoid(Y), QUARTER, noise={X: Normal(0, 1), Y: Uniform(-1, 1)})


@claim()
def coin_gated_normal_cdf() -> Expectation:
    """E MΦ(X) = p/2 for independent M ~ Bernoulli(p), X ~ N(0, 1).

    Proof: E M = p, E Φ(X) = ½ (Φ(t) + Φ(−t) = 1), and independence.
    """
    return Expectation(M * normal_cdf(X), p / 2, noise={X: Normal(0, 1), M: Bernoulli(p)}, where={p: Interval(0, 1)})


TRUTH = {
    "abs_mean_kink_at_first_split": ("true", 3, None),
    "abs_mean_kink_at_first_split_off": ("false", 3, {}),
    "relu_of_centred_normal": ("true", 3, None),
    "relu_of_centred_normal_off": ("false", 3, {"mu": 0, "s": 1}),
    "abs_mean_kink_at_a_third": ("true", 3, None),
    "cube_root_mean_of_uniform": ("true", 3, None),
    "cube_root_mean_of_uniform_off": ("false", 3, {}),
    "square_times_exponential_mean": ("true", 3, None),
    "square_times_exponential_mean_off": ("false", 3, {}),
    "hyperbolic_cosine_mean": ("true", 3, None),
    "lognormal_mean_with_parameters": ("true", 3, None),
    "lognormal_mean_off_relative": ("false", 3, {"mu": 0, "s": 1}),
    "far_tail_relu_is_zero": ("false", 3, {}),
    "cosine_of_tiny_frequency": ("true", 3, None),
    "cosine_of_tiny_frequency_is_one": ("false", 3, {}),
    "sigmoid_of_scaled_normal": ("true", 3, None),
    "sigmoid_of_shift_is_sigmoid_of_mean": ("false", 3, {"a": 1}),
    "product_of_independent_sigmoids": ("true", 3, None),
    "coin_gated_normal_cdf": ("true", 3, None),
}
