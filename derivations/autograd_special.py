"""Autograd rules for special and elementary functions, from PyTorch, JAX and autograd.

The error function erf(x) = (2/√π)∫₀ˣ e^{−t²}dt has erf′ = (2/√π)e^{−x²}, and erfc = 1 − erf
the negative of that. Its inverse y = erfinv(x) has, by the inverse function rule,
erfinv′(x) = 1/erf′(y) = (√π/2)·e^{y²}; erfcinv(x) = erfinv(1 − x) has −(√π/2)·e^{erfcinv(x)²}.
The scaled erfcx(x) = e^{x²}erfc(x) has 2x·erfcx(x) − 2/√π. The normal CDF
ndtr(x) = (1 + erf(x/√2))/2 has the density φ(x) = e^{−x²/2}/√(2π); log_ndtr′ = φ/Φ, which
PyTorch evaluates as e^{−x²/2 − log_ndtr(x)}/√(2π); and ndtri(p) = √2·erfinv(2p − 1),
the quantile, has √(2π)·e^{ndtri(p)²/2}.

The gamma family: (log Γ)′ = ψ (digamma), ψ′ = ψ₁ (trigamma), ψ_n′ = ψ_{n+1};
Γ′ = Γ·ψ; ∂B(a, b)/∂a = B(a, b)(ψ(a) − ψ(a + b)); the multivariate log-gamma
log Γ_p(x) = p(p − 1)/4·log π + Σ_{j=1}^{p} log Γ(x + (1 − j)/2) has Σⱼ ψ(x + (1 − j)/2).
The regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) has
∂P/∂x = x^{a−1}e^{−x}/Γ(a), and Q = 1 − P the negative; the Hurwitz zeta ζ(s, q) has
∂ζ/∂q = −s·ζ(s + 1, q) (libraries give no derivative in s).

Modified Bessel functions: I₀′ = I₁ and I₁′ = I₀ − I₁/x = (I₀ + I₂)/2, by the
recurrence I₀ − I₂ = 2I₁/x. The exponentially scaled ive_ν(x) = e^{−|x|}I_ν(x) has
ive_{ν+1} + (ν/x − sign x)·ive_ν; in particular i0e′ = i1e − sign(x)·i0e and
i1e′ = i0e − i1e·(sign(x) + 1/x).

Elementary rules kept in the tables because they are computed from the output or guard
precision: expm1′ = expm1 + 1, log1p′ = 1/(1 + x), the normalised sinc(x) = sin(πx)/(πx)
has (cos(πx)·πx − sin(πx))/(πx²), entr(x) = −x log x has −(1 + log x), and
xlogy(x, y) = x log y has ∂ₓ = log y, ∂ᵧ = x/y (xlog1py likewise with log(1 + y)).

Kept on purpose as wrong versions: erf′ = e^{−x²} without 2/√π; erfinv′ = √π·e^{y²}
without the 1/2; erfcinv′ with a plus sign; (log Γ)′ = ψ₁ and ψ′ = ψ (digamma and
trigamma swapped); Γ′ = ψ, forgetting the factor Γ; I₁′ = I₀ without −I₁/x; and
∂P(a, x)/∂x = x^{a−1}e^{−x}, forgetting to divide by Γ(a).

Sources: PyTorch `tools/autograd/derivatives.yaml` (entries named in each claim); JAX
`jax/_src/lax/special.py` and `jax/_src/lax/lax.py` (jvp rules); autograd
`autograd/scipy/special.py`. Formulas: NIST Digital Library of Mathematical Functions,
§7.10 (erf), §5.15 (polygamma), §5.12 (beta), §8.8 (incomplete gamma), §25.11 (Hurwitz
zeta), §10.29 (modified Bessel functions).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Integer, Interval, Positive, Real, claim
from verifier.language.mathlib import scalar, scalars

half = sp.Rational(1, 2)
ERFINV_RANGE = Interval(sp.Rational(-9, 10), sp.Rational(9, 10))
ERFCINV_RANGE = Interval(sp.Rational(1, 10), sp.Rational(19, 10))
GAMMA_RANGE = Interval(half, 5)


def normal_pdf(x: sp.Expr) -> sp.Expr:
    """φ(x) = e^{−x²/2}/√(2π)."""
    return sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)


def ndtr(x: sp.Expr) -> sp.Expr:
    """Φ(x) = (1 + erf(x/√2))/2."""
    return (1 + sp.erf(x / sp.sqrt(2))) / 2


def ndtri(p: sp.Expr) -> sp.Expr:
    """Φ⁻¹(p) = √2·erfinv(2p − 1)."""
    return sp.sqrt(2) * sp.erfinv(2 * p - 1)


def i0e(x: sp.Expr) -> sp.Expr:
    """e^{−|x|}I₀(x)."""
    return sp.exp(-sp.Abs(x)) * sp.besseli(0, x)


def i1e(x: sp.Expr) -> sp.Expr:
    """e^{−|x|}I₁(x)."""
    return sp.exp(-sp.Abs(x)) * sp.besseli(1, x)


def regularized_lower_gamma(a: sp.Expr, x: sp.Expr) -> sp.Expr:
    """P(a, x) = γ(a, x)/Γ(a)."""
    return sp.lowergamma(a, x) / sp.gamma(a)


# --- error function family ---------------------------------------------------------------


@claim()
def erf_rule() -> Derivative:
    """erf′(x) = (2/√π)e^{−x²}. PyTorch derivatives.yaml: `erf`; JAX lax.erf_p; autograd scipy.special `erf`."""
    x = scalar("x")
    return Derivative(sp.erf(x), wrt=x, equals=2 / sp.sqrt(sp.pi) * sp.exp(-(x**2)), where={x: Real()})


@claim()
def erfc_rule() -> Derivative:
    """erfc′(x) = −(2/√π)e^{−x²}. PyTorch derivatives.yaml: `erfc`; JAX lax.erfc_p; autograd `erfc`."""
    x = scalar("x")
    return Derivative(sp.erfc(x), wrt=x, equals=-2 / sp.sqrt(sp.pi) * sp.exp(-(x**2)), where={x: Real()})


@claim()
def erfinv_rule() -> Derivative:
    """erfinv′(x) = (√π/2)e^{erfinv(x)²}. PyTorch derivatives.yaml: `erfinv`; JAX lax.erf_inv_p; autograd `erfinv`."""
    x = scalar("x")
    slope = sp.sqrt(sp.pi) / 2 * sp.exp(sp.erfinv(x) ** 2)
    return Derivative(sp.erfinv(x), wrt=x, equals=slope, where={x: ERFINV_RANGE})


@claim()
def erfcinv_rule() -> Derivative:
    """erfcinv′(x) = −(√π/2)e^{erfcinv(x)²}. autograd scipy.special: `erfcinv`."""
    x = scalar("x")
    slope = -sp.sqrt(sp.pi) / 2 * sp.exp(sp.erfcinv(x) ** 2)
    return Derivative(sp.erfcinv(x), wrt=x, equals=slope, where={x: ERFCINV_RANGE})


@claim()
def erfcinv_via_erfinv_rule() -> Derivative:
    """d/dx erfinv(1 − x) = −(√π/2)e^{erfinv(1 − x)²}, erfcinv written through erfinv. autograd: `erfcinv`."""
    x = scalar("x")
    slope = -sp.sqrt(sp.pi) / 2 * sp.exp(sp.erfinv(1 - x) ** 2)
    return Derivative(sp.erfinv(1 - x), wrt=x, equals=slope, where={x: ERFCINV_RANGE})


@claim()
def erfcx_rule() -> Derivative:
    """erfcx′(x) = 2x·erfcx(x) − 2/√π, erfcx = e^{x²}erfc(x). PyTorch derivatives.yaml: `special_erfcx`."""
    x = scalar("x")
    erfcx = sp.exp(x**2) * sp.erfc(x)
    return Derivative(erfcx, wrt=x, equals=2 * x * erfcx - 2 / sp.sqrt(sp.pi), where={x: Interval(-3, 3)})


@claim()
def ndtr_rule() -> Derivative:
    """ndtr′(x) = e^{−x²/2}/√(2π). PyTorch derivatives.yaml: `special_ndtr`."""
    x = scalar("x")
    return Derivative(ndtr(x), wrt=x, equals=normal_pdf(x), where={x: Real()})


@claim()
def log_ndtr_rule() -> Derivative:
    """log_ndtr′(x) = e^{−x²/2 − log_ndtr(x)}/√(2π). PyTorch derivatives.yaml: `special_log_ndtr`."""
    x = scalar("x")
    log_ndtr = sp.log(ndtr(x))
    slope = sp.exp(-(x**2) / 2 - log_ndtr) / sp.sqrt(2 * sp.pi)
    return Derivative(log_ndtr, wrt=x, equals=slope, where={x: Interval(-5, 5)})


@claim()
def ndtri_rule() -> Derivative:
    """ndtri′(p) = √(2π)·e^{ndtri(p)²/2}. PyTorch derivatives.yaml: `special_ndtri`."""
    p = scalar("p")
    slope = sp.sqrt(2 * sp.pi) * sp.exp(ndtri(p) ** 2 / 2)
    return Derivative(ndtri(p), wrt=p, equals=slope, where={p: Interval(sp.Rational(1, 20), sp.Rational(19, 20))})


@claim()
def erfcinv_as_erfinv() -> Identity:
    """erfcinv(x) = erfinv(1 − x)."""
    x = scalar("x")
    return Identity(sp.erfcinv(x), sp.erfinv(1 - x), where={x: ERFCINV_RANGE})


# --- gamma family -------------------------------------------------------------------------


@claim()
def lgamma_rule() -> Derivative:
    """(log Γ)′(x) = ψ(x). PyTorch derivatives.yaml: `lgamma`; JAX lax.lgamma_p; autograd `gammaln`."""
    x = scalar("x")
    return Derivative(sp.loggamma(x), wrt=x, equals=sp.digamma(x), where={x: Positive()})


@claim()
def digamma_rule() -> Derivative:
    """ψ′(x) = ψ₁(x). PyTorch derivatives.yaml: `digamma`; JAX lax.digamma_p; autograd `psi`."""
    x = scalar("x")
    return Derivative(sp.digamma(x), wrt=x, equals=sp.polygamma(1, x), where={x: GAMMA_RANGE})


@claim()
def polygamma_rule() -> Derivative:
    """ψ_n′(x) = ψ_{n+1}(x). PyTorch derivatives.yaml: `polygamma`; JAX lax.polygamma; autograd `polygamma`."""
    n, x = scalars("n x")
    return Derivative(
        sp.polygamma(n, x), wrt=x, equals=sp.polygamma(n + 1, x), where={n: Integer(0, 4), x: GAMMA_RANGE}
    )


@claim()
def gamma_rule() -> Derivative:
    """Γ′(x) = Γ(x)ψ(x). autograd scipy.special: `gamma`."""
    x = scalar("x")
    return Derivative(sp.gamma(x), wrt=x, equals=sp.gamma(x) * sp.digamma(x), where={x: GAMMA_RANGE})


@claim()
def beta_rule() -> Derivative:
    """∂B(a, b)/∂a = B(a, b)(ψ(a) − ψ(a + b)). autograd scipy.special: `beta`."""
    a, b = scalars("a b")
    slope = sp.beta(a, b) * (sp.digamma(a) - sp.digamma(a + b))
    return Derivative(sp.beta(a, b), wrt=a, equals=slope, where={a: GAMMA_RANGE, b: GAMMA_RANGE})


@claim()
def log_beta_rule() -> Derivative:
    """∂ log B(a, b)/∂b = ψ(b) − ψ(a + b), log B = log Γ(a) + log Γ(b) − log Γ(a + b). autograd: `betaln`."""
    a, b = scalars("a b")
    log_beta = sp.loggamma(a) + sp.loggamma(b) - sp.loggamma(a + b)
    return Derivative(log_beta, wrt=b, equals=sp.digamma(b) - sp.digamma(a + b), where={a: Positive(), b: Positive()})


@claim()
def mvlgamma_rule() -> Derivative:
    """d/dx log Γ₃(x) = Σ_{j=1}^{3} ψ(x + (1 − j)/2). PyTorch derivatives.yaml: `mvlgamma`; autograd `multigammaln`."""
    x = scalar("x")
    p = 3
    mvlgamma = sp.Rational(p * (p - 1), 4) * sp.log(sp.pi) + sp.Add(
        *[sp.loggamma(x + sp.Rational(1 - j, 2)) for j in range(1, p + 1)]
    )
    slope = sp.Add(*[sp.digamma(x + sp.Rational(1 - j, 2)) for j in range(1, p + 1)])
    return Derivative(mvlgamma, wrt=x, equals=slope, where={x: Interval(2, 6)})


@claim()
def igamma_rule() -> Derivative:
    """∂P(a, x)/∂x = x^{a−1}e^{−x}/Γ(a). PyTorch derivatives.yaml: `igamma` (other); JAX lax.igamma_p."""
    a, x = scalars("a x")
    slope = x ** (a - 1) * sp.exp(-x) / sp.gamma(a)
    return Derivative(regularized_lower_gamma(a, x), wrt=x, equals=slope, where={a: GAMMA_RANGE, x: GAMMA_RANGE})


@claim()
def igammac_rule() -> Derivative:
    """∂Q(a, x)/∂x = −x^{a−1}e^{−x}/Γ(a), Q = Γ(a, x)/Γ(a). PyTorch derivatives.yaml: `igammac` (other)."""
    a, x = scalars("a x")
    slope = -(x ** (a - 1)) * sp.exp(-x) / sp.gamma(a)
    upper = sp.uppergamma(a, x) / sp.gamma(a)
    return Derivative(upper, wrt=x, equals=slope, where={a: GAMMA_RANGE, x: GAMMA_RANGE})


@claim()
def zeta_rule() -> Derivative:
    """∂ζ(s, q)/∂q = −s·ζ(s + 1, q). PyTorch derivatives.yaml: `special_zeta` (other)."""
    s, q = scalars("s q")
    return Derivative(sp.zeta(s, q), wrt=q, equals=-s * sp.zeta(s + 1, q), where={s: Interval(2, 5), q: GAMMA_RANGE})


# --- modified Bessel functions --------------------------------------------------------------


@claim()
def i0_rule() -> Derivative:
    """I₀′(x) = I₁(x). PyTorch derivatives.yaml: `i0`; JAX lax.bessel_i0e_p (through i0e); autograd `i0`."""
    x = scalar("x")
    return Derivative(sp.besseli(0, x), wrt=x, equals=sp.besseli(1, x), where={x: Interval(-5, 5)})


@claim()
def i1_rule() -> Derivative:
    """I₁′(x) = I₀(x) − I₁(x)/x. PyTorch derivatives.yaml: `special_i1`."""
    x = scalar("x")
    slope = sp.besseli(0, x) - sp.besseli(1, x) / x
    return Derivative(sp.besseli(1, x), wrt=x, equals=slope, where={x: Interval(sp.Rational(1, 10), 5)})


@claim()
def i1_rule_autograd_form() -> Derivative:
    """I₁′(x) = (I₀(x) + I₂(x))/2, equal to I₀ − I₁/x by the recurrence. autograd scipy.special: `i1`."""
    x = scalar("x")
    slope = (sp.besseli(0, x) + sp.besseli(2, x)) / 2
    return Derivative(sp.besseli(1, x), wrt=x, equals=slope, where={x: Interval(-5, 5)})


@claim()
def ive_rule() -> Derivative:
    """d/dx e^{−|x|}I_ν(x) = ive_{ν+1}(x) + ive_ν(x)(ν/x − sign x), x ≠ 0. autograd scipy.special: `ive`."""
    nu, x = scalars("nu x")
    ive = sp.exp(-sp.Abs(x)) * sp.besseli(nu, x)
    slope = sp.exp(-sp.Abs(x)) * sp.besseli(nu + 1, x) + ive * (nu / x - sp.sign(x))
    return Derivative(ive, wrt=x, equals=slope, where={nu: Integer(0, 3), x: Interval(sp.Rational(1, 10), 5)})


@claim()
def i0e_rule() -> Derivative:
    """i0e′(x) = i1e(x) − sign(x)·i0e(x). PyTorch derivatives.yaml: `special_i0e`; JAX lax.bessel_i0e_p."""
    x = scalar("x")
    return Derivative(i0e(x), wrt=x, equals=i1e(x) - sp.sign(x) * i0e(x), where={x: Interval(-5, 5)})


@claim()
def i1e_rule() -> Derivative:
    """i1e′(x) = i0e(x) − i1e(x)(sign(x) + 1/x). PyTorch derivatives.yaml: `special_i1e`; JAX lax.bessel_i1e_p."""
    x = scalar("x")
    slope = i0e(x) - i1e(x) * (sp.sign(x) + 1 / x)
    return Derivative(i1e(x), wrt=x, equals=slope, where={x: Interval(sp.Rational(1, 10), 5)})


# --- elementary functions with their own table entries -------------------------------------


@claim()
def expm1_rule() -> Derivative:
    """expm1′(x) = expm1(x) + 1, from the result. PyTorch derivatives.yaml: `expm1`; JAX lax.expm1_p."""
    x = scalar("x")
    expm1 = sp.exp(x) - 1
    return Derivative(expm1, wrt=x, equals=expm1 + 1, where={x: Real()})


@claim()
def log1p_rule() -> Derivative:
    """log1p′(x) = 1/(1 + x). PyTorch derivatives.yaml: `log1p`; JAX lax.log1p_p; autograd `log1p`."""
    x = scalar("x")
    return Derivative(sp.log(1 + x), wrt=x, equals=1 / (1 + x), where={x: Positive()})


@claim()
def sinc_rule() -> Derivative:
    """sinc′(x) = (πx·cos(πx) − sin(πx))/(πx²) for sin(πx)/(πx), x ≠ 0. PyTorch derivatives.yaml: `sinc`."""
    x = scalar("x")
    sinc = sp.sin(sp.pi * x) / (sp.pi * x)
    slope = (sp.cos(sp.pi * x) * sp.pi * x - sp.sin(sp.pi * x)) / (sp.pi * x**2)
    return Derivative(sinc, wrt=x, equals=slope, where={x: Interval(sp.Rational(1, 10), 4)})


@claim()
def entr_rule() -> Derivative:
    """entr′(x) = −(1 + log x), entr = −x log x. PyTorch derivatives.yaml: `special_entr`."""
    x = scalar("x")
    return Derivative(-x * sp.log(x), wrt=x, equals=-(1 + sp.log(x)), where={x: Positive()})


@claim()
def xlogy_rule_x() -> Derivative:
    """∂(x log y)/∂x = log y. PyTorch derivatives.yaml: `xlogy.Tensor` (self)."""
    x, y = scalars("x y")
    return Derivative(x * sp.log(y), wrt=x, equals=sp.log(y), where={x: Real(), y: Positive()})


@claim()
def xlogy_rule_y() -> Derivative:
    """∂(x log y)/∂y = x/y. PyTorch derivatives.yaml: `xlogy.Tensor` (other)."""
    x, y = scalars("x y")
    return Derivative(x * sp.log(y), wrt=y, equals=x / y, where={x: Real(), y: Positive()})


@claim()
def xlog1py_rule_y() -> Derivative:
    """∂(x log(1 + y))/∂y = x/(1 + y). PyTorch derivatives.yaml: `special_xlog1py` (other)."""
    x, y = scalars("x y")
    return Derivative(x * sp.log(1 + y), wrt=y, equals=x / (1 + y), where={x: Real(), y: Positive()})


# --- wrong versions ---------------------------------------------------------------------------


@claim(expect="refuted")
def erf_rule_without_constant() -> Derivative:
    """Wrong: erf′(x) = e^{−x²}, dropping the factor 2/√π."""
    x = scalar("x")
    return Derivative(sp.erf(x), wrt=x, equals=sp.exp(-(x**2)), where={x: Real()})


@claim(expect="refuted")
def erfinv_rule_without_half() -> Derivative:
    """Wrong: erfinv′(x) = √π·e^{erfinv(x)²}, without the 1/2."""
    x = scalar("x")
    return Derivative(sp.erfinv(x), wrt=x, equals=sp.sqrt(sp.pi) * sp.exp(sp.erfinv(x) ** 2), where={x: ERFINV_RANGE})


@claim(expect="refuted")
def erfcinv_rule_sign_lost() -> Derivative:
    """Wrong: erfcinv′(x) = +(√π/2)e^{erfcinv(x)²}, losing the sign of 1 − x."""
    x = scalar("x")
    slope = sp.sqrt(sp.pi) / 2 * sp.exp(sp.erfcinv(x) ** 2)
    return Derivative(sp.erfcinv(x), wrt=x, equals=slope, where={x: ERFCINV_RANGE})


@claim(expect="refuted")
def lgamma_rule_trigamma() -> Derivative:
    """Wrong: (log Γ)′ = ψ₁, trigamma where digamma belongs."""
    x = scalar("x")
    return Derivative(sp.loggamma(x), wrt=x, equals=sp.polygamma(1, x), where={x: GAMMA_RANGE})


@claim(expect="refuted")
def digamma_rule_digamma() -> Derivative:
    """Wrong: ψ′ = ψ, digamma where trigamma belongs."""
    x = scalar("x")
    return Derivative(sp.digamma(x), wrt=x, equals=sp.digamma(x), where={x: GAMMA_RANGE})


@claim(expect="refuted")
def gamma_rule_without_gamma() -> Derivative:
    """Wrong: Γ′ = ψ, forgetting the factor Γ ((log Γ)′ taken for Γ′)."""
    x = scalar("x")
    return Derivative(sp.gamma(x), wrt=x, equals=sp.digamma(x), where={x: GAMMA_RANGE})


@claim(expect="refuted")
def i1_rule_without_correction() -> Derivative:
    """Wrong: I₁′ = I₀, copying I₀′ = I₁ without the −I₁/x term."""
    x = scalar("x")
    return Derivative(sp.besseli(1, x), wrt=x, equals=sp.besseli(0, x), where={x: Interval(sp.Rational(1, 10), 5)})


@claim(expect="refuted")
def igamma_rule_unregularized() -> Derivative:
    """Wrong: ∂P(a, x)/∂x = x^{a−1}e^{−x}, forgetting P = γ/Γ(a) is regularised."""
    a, x = scalars("a x")
    return Derivative(
        regularized_lower_gamma(a, x),
        wrt=x,
        equals=x ** (a - 1) * sp.exp(-x),
        where={a: GAMMA_RANGE, x: GAMMA_RANGE},
    )
