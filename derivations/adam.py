"""Adam: bias correction of the moment estimates, and the AdaMax limit.

Adam keeps exponential moving averages of the gradient and of its square, started at
zero: m_t = β₁m_{t−1} + (1 − β₁)g_t and v_t = β₂v_{t−1} + (1 − β₂)g_t². Unrolled,
m_t = (1 − β₁) Σᵢ₌₁ᵗ β₁ᵗ⁻ⁱ gᵢ and v_t = (1 − β₂) Σᵢ₌₁ᵗ β₂ᵗ⁻ⁱ gᵢ².

If the gradients are stationary, E[gᵢ] = μ and E[gᵢ²] = μ² + s², the weights sum to
(1 − β)Σᵢ βᵗ⁻ⁱ = 1 − βᵗ, so E[m_t] = (1 − β₁ᵗ)μ and E[v_t] = (1 − β₂ᵗ)(μ² + s²): both are
biased towards their zero initialisation. Dividing by 1 − βᵗ removes the bias:
E[m̂_t] = E[m_t/(1 − β₁ᵗ)] = μ and E[v̂_t] = E[v_t/(1 − β₂ᵗ)] = μ² + s², the uncentred
second moment. Here the gradients are modelled as gᵢ ~ N(μ, s²); the claims are stated
for each concrete step count t (the dimension of the family).

AdaMax replaces the L² moment by an Lᵖ moment, v_t = β₂ᵖv_{t−1} + (1 − β₂ᵖ)|g_t|ᵖ, and
tracks u_t = v_t^{1/p}. Writing v_{t−1} = u_{t−1}ᵖ, one step is
u_t = ((β₂u_{t−1})ᵖ + (1 − β₂ᵖ)|g_t|ᵖ)^{1/p}, and as p → ∞ this tends to
max(β₂u_{t−1}, |g_t|): since β₂ᵖ → 0 the weight 1 − β₂ᵖ → 1, and the Lᵖ norm of two
positive numbers tends to the larger one.

Kept on purpose as wrong versions: the moment without bias correction is unbiased
(E[m_t] = μ); v̂_t estimates the variance s² (it is the uncentred moment μ² + s²);
correcting with 1 − β₁ instead of 1 − β₁ᵗ; and the AdaMax limit without the decay,
max(u_{t−1}, |g_t|).

Source: D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
§3 (initialisation bias correction) and §7.1 (AdaMax).
"""

from __future__ import annotations

import sympy as sp

from verifier import Expectation, Interval, Limit, Normal, Positive, Real, claim
from verifier.language.mathlib import scalar, scalars, vector

STEPS = range(1, 9)

BETA = Interval(0, 1, open_lo=True, open_hi=True)


def first_moment(g: sp.Matrix, beta1: sp.Expr) -> sp.Expr:
    """m_t = (1 − β₁) Σᵢ β₁ᵗ⁻ⁱ gᵢ, the moving average unrolled from m₀ = 0."""
    t = len(g)
    return (1 - beta1) * sp.Add(*[beta1 ** (t - i) * g[i - 1] for i in range(1, t + 1)])


def second_moment(g: sp.Matrix, beta2: sp.Expr) -> sp.Expr:
    """v_t = (1 − β₂) Σᵢ β₂ᵗ⁻ⁱ gᵢ², unrolled from v₀ = 0."""
    t = len(g)
    return (1 - beta2) * sp.Add(*[beta2 ** (t - i) * g[i - 1] ** 2 for i in range(1, t + 1)])


def gradient_noise(t: int) -> tuple[sp.Matrix, sp.Symbol, sp.Symbol, dict[sp.Symbol, Normal]]:
    """Stationary gradients g₁, …, g_t ~ N(μ, s²), independent."""
    g = vector("g", t)
    mu, s = scalars("mu s")
    return g, mu, s, {gi: Normal(mu, s**2) for gi in g}


@claim(n=STEPS, numeric_n=(32,))
def first_moment_unbiased(t: int) -> Expectation:
    """E[m̂_t] = E[m_t/(1 − β₁ᵗ)] = μ for stationary gradients E[gᵢ] = μ."""
    g, mu, s, noise = gradient_noise(t)
    beta1 = scalar("beta1")
    m_hat = first_moment(g, beta1) / (1 - beta1**t)
    return Expectation(m_hat, equals=mu, noise=noise, where={beta1: BETA, mu: Real(), s: Positive()})


@claim(n=STEPS, numeric_n=(32,))
def second_moment_unbiased(t: int) -> Expectation:
    """E[v̂_t] = E[v_t/(1 − β₂ᵗ)] = E[g²] = μ² + s²."""
    g, mu, s, noise = gradient_noise(t)
    beta2 = scalar("beta2")
    v_hat = second_moment(g, beta2) / (1 - beta2**t)
    return Expectation(v_hat, equals=mu**2 + s**2, noise=noise, where={beta2: BETA, mu: Real(), s: Positive()})


@claim(
    notes="CHECKED only: the limit is a max, piecewise in β₂u against |g|; sympy's limit "
    "cannot split the cases (it needs the sign of log(β₂u/|g|))"
)
def adamax_limit() -> Limit:
    """lim_{p→∞} ((β₂u)ᵖ + (1 − β₂ᵖ)|g|ᵖ)^{1/p} = max(β₂u, |g|)."""
    p, beta2, u, g_abs = scalars("p beta2 u g_abs")
    step = (beta2**p * u**p + (1 - beta2**p) * g_abs**p) ** (1 / p)
    return Limit(
        step,
        var=p,
        to=sp.oo,
        equals=sp.Max(beta2 * u, g_abs),
        where={beta2: BETA, u: Positive(), g_abs: Positive()},
    )


@claim(n=STEPS, expect="refuted")
def first_moment_uncorrected(t: int) -> Expectation:
    """Wrong: E[m_t] = μ without bias correction (it is (1 − β₁ᵗ)μ)."""
    g, mu, s, noise = gradient_noise(t)
    beta1 = scalar("beta1")
    return Expectation(
        first_moment(g, beta1),
        equals=mu,
        noise=noise,
        where={beta1: BETA, mu: Real(), s: Positive()},
    )


@claim(n=STEPS, expect="refuted")
def second_moment_is_variance(t: int) -> Expectation:
    """Wrong: E[v̂_t] = s², the variance (v̂_t is the uncentred moment μ² + s²)."""
    g, mu, s, noise = gradient_noise(t)
    beta2 = scalar("beta2")
    v_hat = second_moment(g, beta2) / (1 - beta2**t)
    return Expectation(v_hat, equals=s**2, noise=noise, where={beta2: BETA, mu: Real(), s: Positive()})


@claim(n=range(2, 9), expect="refuted")
def correction_without_power(t: int) -> Expectation:
    """Wrong: E[m_t/(1 − β₁)] = μ, correcting with 1 − β₁ instead of 1 − β₁ᵗ."""
    g, mu, s, noise = gradient_noise(t)
    beta1 = scalar("beta1")
    return Expectation(
        first_moment(g, beta1) / (1 - beta1),
        equals=mu,
        noise=noise,
        where={beta1: BETA, mu: Real(), s: Positive()},
    )


@claim(expect="refuted")
def adamax_limit_without_decay() -> Limit:
    """Wrong: lim_{p→∞} ((β₂u)ᵖ + (1 − β₂ᵖ)|g|ᵖ)^{1/p} = max(u, |g|)."""
    p, beta2, u, g_abs = scalars("p beta2 u g_abs")
    step = (beta2**p * u**p + (1 - beta2**p) * g_abs**p) ** (1 / p)
    return Limit(
        step,
        var=p,
        to=sp.oo,
        equals=sp.Max(u, g_abs),
        where={beta2: BETA, u: Positive(), g_abs: Positive()},
    )
