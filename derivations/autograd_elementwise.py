"""Autograd rules for elementwise activations, from the rule tables of PyTorch, JAX and autograd.

Every autodiff library stores, for each primitive, the derivative it multiplies the
incoming gradient by. For an elementwise activation that is a scalar derivative f′(x),
often written through the output y = f(x) so that the backward pass reuses it. This
module states those scalar derivatives one rule at a time.

Smooth units: the sigmoid σ′ = σ(1 − σ); tanh′ = 1 − tanh²; the softplus with slope β,
log(1 + e^{βx})/β, has derivative σ(βx); log σ(x) has derivative 1 − σ(x); the logit
log(p/(1 − p)) has 1/(p(1 − p)). GELU is x·Φ(x) with the normal CDF Φ, so its
derivative is Φ(x) + x·φ(x); the tanh approximation of GELU is a different function and
its rule is the derivative of that approximation itself. SiLU x·σ(x) has
σ(x)(1 + x(1 − σ(x))); Mish x·tanh(softplus(x)) has tanh(s) + x·σ(x)(1 − tanh²(s));
softsign x/(1 + |x|) has 1/(1 + |x|)²; squareplus (x + √(x² + b))/2 has
(1 + x/√(x² + b))/2; tanhshrink x − tanh x has tanh²x; GLU a·σ(b) has σ(b) and
a·σ(b)(1 − σ(b)).

Piecewise units are written as Piecewise expressions and their derivatives as Piecewise
on the same conditions, valid away from the kinks (at a kink any one-sided value is what
the libraries return): ReLU (Heaviside), leaky ReLU (1 or the negative slope), PReLU
with respect to its weight (x on the negative side), ELU (1 or α·eˣ, which PyTorch
computes from the output as y + α), SELU (λ or λα·eˣ), CELU (1 or e^{x/α}), hardtanh
(1 inside [−1, 1]), hardsigmoid (1/6 inside (−3, 3)), hardswish (x/3 + 1/2 inside
(−3, 3), 1 above), softshrink (1 outside [−λ, λ]).

Kept on purpose as wrong versions: softplus′ = σ(−x); tanh′ = 1 + tanh² (the rule of tan);
SiLU′ = σ(1 − σ), the sigmoid's own rule; GELU′ = Φ(x), dropping x·φ(x); hardswish′ =
x/6 + 1/2, the slope off by a factor 2; ELU′ on the negative side computed from the
output as y instead of y + α; logit′ = 1/p − 1/(1 − p), a sign slip in the chain rule.

Sources: PyTorch `tools/autograd/derivatives.yaml` (entries named in each claim); JAX
`jax/_src/nn/functions.py` and `jax/_src/lax/lax.py` (jvp rules); autograd
`autograd/numpy/numpy_vjps.py` and `autograd/scipy/special.py`. Definitions of the units:
D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units" (2016); G. Klambauer et al.,
"Self-Normalizing Neural Networks" (2017); D. Misra, "Mish" (2019); A. Howard et al.,
"Searching for MobileNetV3" (2019, hardswish).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Interval, Positive, Real, claim
from verifier.language.mathlib import scalar, scalars, sigmoid

half = sp.Rational(1, 2)
GELU_CUBIC = sp.Rational(44715, 1000000)  # the 0.044715 of the tanh approximation


def softplus(x: sp.Expr) -> sp.Expr:
    """log(1 + eˣ)."""
    return sp.log(1 + sp.exp(x))


def normal_cdf(x: sp.Expr) -> sp.Expr:
    """Φ(x) = (1 + erf(x/√2))/2."""
    return (1 + sp.erf(x / sp.sqrt(2))) / 2


def normal_pdf(x: sp.Expr) -> sp.Expr:
    """φ(x) = e^{−x²/2}/√(2π)."""
    return sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)


def elu(x: sp.Expr, alpha: sp.Expr) -> sp.Expr:
    """x for x > 0, α(eˣ − 1) otherwise."""
    return sp.Piecewise((x, x > 0), (alpha * (sp.exp(x) - 1), True))


def hardswish(x: sp.Expr) -> sp.Expr:
    """x·relu6(x + 3)/6: 0 below −3, x above 3, x(x + 3)/6 between."""
    return sp.Piecewise((0, x <= -3), (x, x >= 3), (x * (x + 3) / 6, True))


def gelu_tanh(x: sp.Expr) -> sp.Expr:
    """The tanh approximation x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))."""
    return x / 2 * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (x + GELU_CUBIC * x**3)))


# --- smooth units -------------------------------------------------------------------


@claim()
def sigmoid_rule() -> Derivative:
    """σ′(x) = σ(x)(1 − σ(x)). PyTorch derivatives.yaml: `sigmoid` (sigmoid_backward from the result)."""
    x = scalar("x")
    return Derivative(sigmoid(x), wrt=x, equals=sigmoid(x) * (1 - sigmoid(x)), where={x: Real()})


@claim()
def tanh_rule() -> Derivative:
    """tanh′(x) = 1 − tanh²(x). PyTorch derivatives.yaml: `tanh` (tanh_backward from the result)."""
    x = scalar("x")
    return Derivative(sp.tanh(x), wrt=x, equals=1 - sp.tanh(x) ** 2, where={x: Real()})


@claim()
def softplus_rule() -> Derivative:
    """d/dx log(1 + e^{βx})/β = σ(βx). PyTorch derivatives.yaml: `softplus`; JAX nn.softplus."""
    x, beta = scalars("x beta")
    return Derivative(
        sp.log(1 + sp.exp(beta * x)) / beta, wrt=x, equals=sigmoid(beta * x), where={x: Real(), beta: Positive()}
    )


@claim()
def log_sigmoid_rule() -> Derivative:
    """d/dx log σ(x) = 1 − σ(x). PyTorch derivatives.yaml: `log_sigmoid_forward`; JAX nn.log_sigmoid."""
    x = scalar("x")
    return Derivative(sp.log(sigmoid(x)), wrt=x, equals=1 - sigmoid(x), where={x: Real()})


@claim()
def logit_rule() -> Derivative:
    """d/dp log(p/(1 − p)) = 1/(p(1 − p)). PyTorch derivatives.yaml: `logit`; autograd scipy.special `logit`."""
    p = scalar("p")
    return Derivative(
        sp.log(p / (1 - p)), wrt=p, equals=1 / (p * (1 - p)), where={p: Interval(0, 1, open_lo=True, open_hi=True)}
    )


@claim()
def gelu_rule() -> Derivative:
    """d/dx x·Φ(x) = Φ(x) + x·φ(x). PyTorch derivatives.yaml: `gelu` (gelu_backward, approximate='none')."""
    x = scalar("x")
    return Derivative(x * normal_cdf(x), wrt=x, equals=normal_cdf(x) + x * normal_pdf(x), where={x: Real()})


@claim()
def gelu_tanh_approximation_rule() -> Derivative:
    """g = x(1 + t)/2, t = tanh(k(x + cx³)): g′ = (1 + t)/2 + x(1 − t²)k(1 + 3cx²)/2. PyTorch: `gelu` (tanh)."""
    x = scalar("x")
    k = sp.sqrt(2 / sp.pi)
    t = sp.tanh(k * (x + GELU_CUBIC * x**3))
    slope = (1 + t) / 2 + x / 2 * (1 - t**2) * k * (1 + 3 * GELU_CUBIC * x**2)
    return Derivative(gelu_tanh(x), wrt=x, equals=slope, where={x: Real()})


@claim()
def silu_rule() -> Derivative:
    """d/dx x·σ(x) = σ(x)(1 + x(1 − σ(x))). PyTorch derivatives.yaml: `silu` (silu_backward); JAX nn.silu."""
    x = scalar("x")
    return Derivative(x * sigmoid(x), wrt=x, equals=sigmoid(x) * (1 + x * (1 - sigmoid(x))), where={x: Real()})


@claim()
def mish_rule() -> Derivative:
    """d/dx x·tanh(s(x)) = tanh(s) + x·σ(x)(1 − tanh²(s)), s = softplus. PyTorch derivatives.yaml: `mish`."""
    x = scalar("x")
    t = sp.tanh(softplus(x))
    return Derivative(x * t, wrt=x, equals=t + x * sigmoid(x) * (1 - t**2), where={x: Real()})


@claim()
def softsign_rule() -> Derivative:
    """d/dx x/(1 + |x|) = 1/(1 + |x|)². JAX nn.soft_sign (differentiated through |x|)."""
    x = scalar("x")
    return Derivative(x / (1 + sp.Abs(x)), wrt=x, equals=1 / (1 + sp.Abs(x)) ** 2, where={x: Real()})


@claim()
def squareplus_rule() -> Derivative:
    """d/dx (x + √(x² + b))/2 = (1 + x/√(x² + b))/2. JAX nn.squareplus."""
    x, b = scalars("x b")
    return Derivative(
        (x + sp.sqrt(x**2 + b)) / 2, wrt=x, equals=(1 + x / sp.sqrt(x**2 + b)) / 2, where={x: Real(), b: Positive()}
    )


@claim()
def tanhshrink_rule() -> Derivative:
    """d/dx (x − tanh x) = tanh²x. PyTorch: tanhshrink, differentiated through `tanh`."""
    x = scalar("x")
    return Derivative(x - sp.tanh(x), wrt=x, equals=sp.tanh(x) ** 2, where={x: Real()})


@claim()
def glu_rule_value_half() -> Derivative:
    """∂(a·σ(b))/∂a = σ(b). PyTorch derivatives.yaml: `glu` (glu_backward); JAX nn.glu."""
    a, b = scalars("a b")
    return Derivative(a * sigmoid(b), wrt=a, equals=sigmoid(b), where={a: Real(), b: Real()})


@claim()
def glu_rule_gate_half() -> Derivative:
    """∂(a·σ(b))/∂b = a·σ(b)(1 − σ(b)). PyTorch derivatives.yaml: `glu` (glu_backward)."""
    a, b = scalars("a b")
    return Derivative(a * sigmoid(b), wrt=b, equals=a * sigmoid(b) * (1 - sigmoid(b)), where={a: Real(), b: Real()})


# --- piecewise units ------------------------------------------------------------------


@claim()
def relu_rule() -> Derivative:
    """relu′(x) = H(x) for relu(x) = max(x, 0), x ≠ 0. PyTorch derivatives.yaml: `relu` (threshold_backward)."""
    x = scalar("x")
    return Derivative(sp.Max(x, 0), wrt=x, equals=sp.Heaviside(x), where={x: Real()})


@claim()
def relu_piecewise_rule() -> Derivative:
    """relu′ = 1 for x > 0, 0 otherwise, on relu as a Piecewise. JAX nn.relu (custom jvp: 0 at 0)."""
    x = scalar("x")
    relu = sp.Piecewise((x, x > 0), (0, True))
    return Derivative(relu, wrt=x, equals=sp.Piecewise((1, x > 0), (0, True)), where={x: Real()})


@claim()
def leaky_relu_rule() -> Derivative:
    """leaky_relu′ = 1 for x > 0, a otherwise. PyTorch derivatives.yaml: `leaky_relu` (leaky_relu_backward)."""
    x, a = scalars("x a")
    f = sp.Piecewise((x, x > 0), (a * x, True))
    return Derivative(f, wrt=x, equals=sp.Piecewise((1, x > 0), (a, True)), where={x: Real(), a: Interval(0, 1)})


@claim()
def prelu_weight_rule() -> Derivative:
    """∂prelu(x; a)/∂a = 0 for x > 0, x otherwise. PyTorch derivatives.yaml: `_prelu_kernel` (weight)."""
    x, a = scalars("x a")
    f = sp.Piecewise((x, x > 0), (a * x, True))
    return Derivative(f, wrt=a, equals=sp.Piecewise((0, x > 0), (x, True)), where={x: Real(), a: Interval(0, 1)})


@claim()
def elu_rule() -> Derivative:
    """elu′ = 1 for x > 0, α·eˣ otherwise. PyTorch derivatives.yaml: `elu` (elu_backward); JAX nn.elu."""
    x, alpha = scalars("x alpha")
    slope = sp.Piecewise((1, x > 0), (alpha * sp.exp(x), True))
    return Derivative(elu(x, alpha), wrt=x, equals=slope, where={x: Real(), alpha: Positive()})


@claim()
def elu_rule_from_output() -> Derivative:
    """elu′ = 1 for x > 0, y + α otherwise, y = elu(x). PyTorch derivatives.yaml: `elu` (elu_backward, is_result)."""
    x, alpha = scalars("x alpha")
    slope = sp.Piecewise((1, x > 0), (elu(x, alpha) + alpha, True))
    return Derivative(elu(x, alpha), wrt=x, equals=slope, where={x: Real(), alpha: Positive()})


@claim()
def selu_rule() -> Derivative:
    """selu′ = λ for x > 0, λα·eˣ otherwise, selu = λ·elu(x; α). PyTorch derivatives.yaml: `elu` (selu's scale)."""
    x, alpha, lam = scalars("x alpha lambda")
    slope = sp.Piecewise((lam, x > 0), (lam * alpha * sp.exp(x), True))
    return Derivative(lam * elu(x, alpha), wrt=x, equals=slope, where={x: Real(), alpha: Positive(), lam: Positive()})


@claim()
def celu_rule() -> Derivative:
    """celu′ = 1 for x > 0, e^{x/α} otherwise, celu = α(e^{x/α} − 1) for x ≤ 0. PyTorch derivatives.yaml: `celu`."""
    x, alpha = scalars("x alpha")
    f = sp.Piecewise((x, x > 0), (alpha * (sp.exp(x / alpha) - 1), True))
    slope = sp.Piecewise((1, x > 0), (sp.exp(x / alpha), True))
    return Derivative(f, wrt=x, equals=slope, where={x: Real(), alpha: Positive()})


@claim()
def hardtanh_rule() -> Derivative:
    """hardtanh′ = 1 on (−1, 1), 0 outside. PyTorch derivatives.yaml: `hardtanh` (hardtanh_backward)."""
    x = scalar("x")
    f = sp.Piecewise((-1, x < -1), (1, x > 1), (x, True))
    slope = sp.Piecewise((0, x < -1), (0, x > 1), (1, True))
    return Derivative(f, wrt=x, equals=slope, where={x: Interval(-4, 4)})


@claim()
def hardsigmoid_rule() -> Derivative:
    """hardsigmoid′ = 1/6 on (−3, 3), 0 outside, for relu6(x + 3)/6. PyTorch derivatives.yaml: `hardsigmoid`."""
    x = scalar("x")
    f = sp.Piecewise((0, x <= -3), (1, x >= 3), (x / 6 + half, True))
    slope = sp.Piecewise((0, x <= -3), (0, x >= 3), (sp.Rational(1, 6), True))
    return Derivative(f, wrt=x, equals=slope, where={x: Interval(-6, 6)})


@claim()
def hardswish_rule() -> Derivative:
    """hardswish′ = 0 below −3, 1 above 3, x/3 + 1/2 between. PyTorch derivatives.yaml: `hardswish`."""
    x = scalar("x")
    slope = sp.Piecewise((0, x <= -3), (1, x >= 3), (x / 3 + half, True))
    return Derivative(hardswish(x), wrt=x, equals=slope, where={x: Interval(-6, 6)})


@claim()
def softshrink_rule() -> Derivative:
    """softshrink′ = 1 for |x| > λ, 0 otherwise. PyTorch derivatives.yaml: `softshrink` (softshrink_backward)."""
    x, lam = scalars("x lambda")
    f = sp.Piecewise((x - lam, x > lam), (x + lam, x < -lam), (0, True))
    slope = sp.Piecewise((1, x > lam), (1, x < -lam), (0, True))
    return Derivative(f, wrt=x, equals=slope, where={x: Interval(-3, 3), lam: Interval(0, 1, open_lo=True)})


@claim()
def log_sigmoid_as_softplus() -> Identity:
    """log σ(x) = −softplus(−x), the form JAX nn.log_sigmoid evaluates."""
    x = scalar("x")
    return Identity(sp.log(sigmoid(x)), -softplus(-x), where={x: Real()})


# --- wrong versions -------------------------------------------------------------------


@claim(expect="refuted")
def softplus_rule_mirrored() -> Derivative:
    """Wrong: softplus′(x) = σ(−x) = 1 − σ(x), the sigmoid's argument with its sign flipped."""
    x = scalar("x")
    return Derivative(softplus(x), wrt=x, equals=sigmoid(-x), where={x: Real()})


@claim(expect="refuted")
def tanh_rule_plus() -> Derivative:
    """Wrong: tanh′ = 1 + tanh², the rule of tan."""
    x = scalar("x")
    return Derivative(sp.tanh(x), wrt=x, equals=1 + sp.tanh(x) ** 2, where={x: Real()})


@claim(expect="refuted")
def silu_rule_as_sigmoid() -> Derivative:
    """Wrong: SiLU′ = σ(x)(1 − σ(x)), the sigmoid's rule, forgetting the product rule."""
    x = scalar("x")
    return Derivative(x * sigmoid(x), wrt=x, equals=sigmoid(x) * (1 - sigmoid(x)), where={x: Real()})


@claim(expect="refuted")
def gelu_rule_cdf_only() -> Derivative:
    """Wrong: GELU′ = Φ(x), dropping the x·φ(x) term."""
    x = scalar("x")
    return Derivative(x * normal_cdf(x), wrt=x, equals=normal_cdf(x), where={x: Real()})


@claim(expect="refuted")
def hardswish_rule_half_slope() -> Derivative:
    """Wrong: hardswish′ = x/6 + 1/2 between −3 and 3, the x-slope off by a factor 2."""
    x = scalar("x")
    slope = sp.Piecewise((0, x <= -3), (1, x >= 3), (x / 6 + half, True))
    return Derivative(hardswish(x), wrt=x, equals=slope, where={x: Interval(-6, 6)})


@claim(expect="refuted")
def elu_rule_from_output_without_alpha() -> Derivative:
    """Wrong: elu′ = y for x ≤ 0, using the output without adding α."""
    x, alpha = scalars("x alpha")
    slope = sp.Piecewise((1, x > 0), (elu(x, alpha), True))
    return Derivative(elu(x, alpha), wrt=x, equals=slope, where={x: Real(), alpha: Positive()})


@claim(expect="refuted")
def logit_rule_sign_slip() -> Derivative:
    """Wrong: logit′ = 1/p − 1/(1 − p), losing the chain rule's sign on log(1 − p)."""
    p = scalar("p")
    return Derivative(
        sp.log(p / (1 - p)), wrt=p, equals=1 / p - 1 / (1 - p), where={p: Interval(0, 1, open_lo=True, open_hi=True)}
    )
