"""Autograd rules for loss functions, the derivative with respect to the prediction.

Per element, with prediction x, target y and residual d = x − y:
squared error d² has 2d (mean over n entries: 2d/n); absolute error |d| has sign(d);
the Huber loss with threshold δ, ½d² for |d| ≤ δ and δ(|d| − ½δ) beyond, has d inside
and δ·sign(d) outside; smooth L1 with β, ½d²/β for |d| < β and |d| − ½β beyond, has d/β
and sign(d). Binary cross-entropy on logits, log(1 + eˣ) − yx, has σ(x) − y, and with a
positive-class weight w, −[w·y·log σ(x) + (1 − y)log(1 − σ(x))] has
σ(x)(wy + 1 − y) − wy; on probabilities p it has (p − y)/(p(1 − p)). The soft margin
loss log(1 + e^{−yx}) has −y·σ(−yx). The hinge loss max(0, 1 − yx) has −y where
yx < 1 and 0 beyond, written −y·H(1 − yx) (at the kink yx = 1, H(0) = ½ is the midpoint
of the one-sided slopes). The KL divergence term with log-probability input x, y(log y − x),
has −y in x and log y + 1 − x in y. Poisson NLL with log input, eˣ − yx, has eˣ − y;
with a rate input λ, λ − y·log λ, has 1 − y/λ. The Gaussian NLL ½(log v + (x − μ)²/v)
has (x − μ)/v in x and ½(1/v − (x − μ)²/v²) in the variance v.

Kept on purpose as wrong versions: the BCE-with-logits gradient written as σ(x) without
−y; BCE on probabilities with gradient p − y (the logits formula used on probabilities);
the Huber gradient with slope d in the outer branch too (the quadratic branch's slope
carried past δ); MSE's mean gradient without the 2; and the KL gradient in y without the
+1 of d(y log y)/dy.

Sources: PyTorch `tools/autograd/derivatives.yaml` (entries named in each claim, and the
backward kernels they call: mse_loss_backward, huber_loss_backward, …); the JAX
library optax states the same losses; Huber, "Robust Estimation of a Location
Parameter", Ann. Math. Statist. 35 (1964); R. Girshick, "Fast R-CNN" (2015, smooth L1).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Interval, Positive, Real, claim
from verifier.language.mathlib import scalars, sigmoid, squared_norm, vector

half = sp.Rational(1, 2)


def huber(d: sp.Expr, delta: sp.Expr) -> sp.Expr:
    """½d² for |d| ≤ δ, δ(|d| − ½δ) beyond."""
    return sp.Piecewise((d**2 / 2, sp.Abs(d) <= delta), (delta * (sp.Abs(d) - delta / 2), True))


def bce_with_logits(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    """log(1 + eˣ) − yx = −[y log σ(x) + (1 − y) log(1 − σ(x))]."""
    return sp.log(1 + sp.exp(x)) - y * x


def bce(p: sp.Expr, y: sp.Expr) -> sp.Expr:
    """−[y log p + (1 − y) log(1 − p)]."""
    return -(y * sp.log(p) + (1 - y) * sp.log(1 - p))


PROBABILITY = Interval(0, 1, open_lo=True, open_hi=True)


@claim(n=range(1, 5))
def mse_mean_rule(n: int) -> Derivative:
    """∇ₓ (1/n)‖x − y‖² = 2(x − y)/n. PyTorch derivatives.yaml: `mse_loss` (mse_loss_backward, mean)."""
    x, y = vector("x", n), vector("y", n)
    return Derivative(squared_norm(x - y) / n, wrt=x, equals=2 * (x - y) / n, where={x: Real(), y: Real()})


@claim()
def l1_rule() -> Derivative:
    """∂|x − y|/∂x = sign(x − y). PyTorch derivatives.yaml: `l1_loss` (via abs: grad·sgn)."""
    x, y = scalars("x y")
    return Derivative(sp.Abs(x - y), wrt=x, equals=sp.sign(x - y), where={x: Real(), y: Real()})


@claim()
def huber_rule() -> Derivative:
    """∂huber/∂x = d for |d| ≤ δ, δ·sign(d) beyond, d = x − y. PyTorch derivatives.yaml: `huber_loss`."""
    x, y, delta = scalars("x y delta")
    d = x - y
    slope = sp.Piecewise((d, sp.Abs(d) <= delta), (delta * sp.sign(d), True))
    return Derivative(huber(d, delta), wrt=x, equals=slope, where={x: Real(), y: Real(), delta: Positive()})


@claim()
def smooth_l1_rule() -> Derivative:
    """∂smooth_l1/∂x = d/β for |d| < β, sign(d) beyond. PyTorch derivatives.yaml: `smooth_l1_loss`."""
    x, y, beta = scalars("x y beta")
    d = x - y
    loss = sp.Piecewise((d**2 / (2 * beta), sp.Abs(d) < beta), (sp.Abs(d) - beta / 2, True))
    slope = sp.Piecewise((d / beta, sp.Abs(d) < beta), (sp.sign(d), True))
    return Derivative(loss, wrt=x, equals=slope, where={x: Real(), y: Real(), beta: Positive()})


@claim()
def bce_with_logits_rule() -> Derivative:
    """∂/∂x [log(1 + eˣ) − yx] = σ(x) − y. PyTorch derivatives.yaml: `binary_cross_entropy_with_logits`."""
    x, y = scalars("x y")
    return Derivative(bce_with_logits(x, y), wrt=x, equals=sigmoid(x) - y, where={x: Real(), y: Interval(0, 1)})


@claim()
def bce_with_logits_pos_weight_rule() -> Derivative:
    """∂/∂x −[wy log σ + (1 − y) log(1 − σ)] = σ(wy + 1 − y) − wy, σ = σ(x). PyTorch: BCE with logits, pos_weight."""
    x, y, w = scalars("x y w")
    loss = -(w * y * sp.log(sigmoid(x)) + (1 - y) * sp.log(1 - sigmoid(x)))
    slope = sigmoid(x) * (w * y + 1 - y) - w * y
    return Derivative(loss, wrt=x, equals=slope, where={x: Real(), y: Interval(0, 1), w: Positive()})


@claim()
def bce_rule() -> Derivative:
    """∂/∂p −[y log p + (1 − y) log(1 − p)] = (p − y)/(p(1 − p)). PyTorch derivatives.yaml: `binary_cross_entropy`."""
    p, y = scalars("p y")
    return Derivative(bce(p, y), wrt=p, equals=(p - y) / (p * (1 - p)), where={p: PROBABILITY, y: Interval(0, 1)})


@claim()
def soft_margin_rule() -> Derivative:
    """∂log(1 + e^{−yx})/∂x = −y·σ(−yx). PyTorch derivatives.yaml: `soft_margin_loss` (soft_margin_loss_backward)."""
    x, y = scalars("x y")
    return Derivative(sp.log(1 + sp.exp(-y * x)), wrt=x, equals=-y * sigmoid(-y * x), where={x: Real(), y: Real()})


@claim()
def hinge_rule() -> Derivative:
    """∂max(0, 1 − yx)/∂x = −y·H(1 − yx), yx ≠ 1. optax hinge_loss; PyTorch derivatives.yaml: `clamp_min`."""
    x, y = scalars("x y")
    return Derivative(sp.Max(0, 1 - y * x), wrt=x, equals=-y * sp.Heaviside(1 - y * x), where={x: Real(), y: Real()})


@claim()
def kl_div_rule_input() -> Derivative:
    """∂/∂x y(log y − x) = −y, x a log-probability. PyTorch derivatives.yaml: `kl_div` (self)."""
    x, y = scalars("x y")
    return Derivative(y * (sp.log(y) - x), wrt=x, equals=-y, where={x: Real(), y: Positive()})


@claim()
def kl_div_rule_target() -> Derivative:
    """∂/∂y y(log y − x) = log y + 1 − x. PyTorch derivatives.yaml: `kl_div` (target)."""
    x, y = scalars("x y")
    return Derivative(y * (sp.log(y) - x), wrt=y, equals=sp.log(y) + 1 - x, where={x: Real(), y: Positive()})


@claim()
def poisson_nll_log_input_rule() -> Derivative:
    """∂/∂x (eˣ − yx) = eˣ − y. PyTorch: poisson_nll_loss (log_input=True), through `exp` and `mul`."""
    x, y = scalars("x y")
    return Derivative(sp.exp(x) - y * x, wrt=x, equals=sp.exp(x) - y, where={x: Real(), y: Positive()})


@claim()
def poisson_nll_rate_rule() -> Derivative:
    """∂/∂λ (λ − y log λ) = 1 − y/λ. PyTorch: poisson_nll_loss (log_input=False), through `log`."""
    lam, y = scalars("lambda y")
    return Derivative(lam - y * sp.log(lam), wrt=lam, equals=1 - y / lam, where={lam: Positive(), y: Positive()})


@claim()
def gaussian_nll_mean_rule() -> Derivative:
    """∂/∂x ½(log v + (x − μ)²/v) = (x − μ)/v. PyTorch: gaussian_nll_loss, through its elementwise ops."""
    x, mu, v = scalars("x mu v")
    loss = half * (sp.log(v) + (x - mu) ** 2 / v)
    return Derivative(loss, wrt=x, equals=(x - mu) / v, where={x: Real(), mu: Real(), v: Positive()})


@claim()
def gaussian_nll_variance_rule() -> Derivative:
    """∂/∂v ½(log v + (x − μ)²/v) = ½(1/v − (x − μ)²/v²). PyTorch: gaussian_nll_loss."""
    x, mu, v = scalars("x mu v")
    loss = half * (sp.log(v) + (x - mu) ** 2 / v)
    return Derivative(
        loss, wrt=v, equals=half * (1 / v - (x - mu) ** 2 / v**2), where={x: Real(), mu: Real(), v: Positive()}
    )


# --- wrong versions -----------------------------------------------------------------------


@claim(expect="refuted")
def bce_with_logits_rule_without_target() -> Derivative:
    """Wrong: ∂/∂x [log(1 + eˣ) − yx] = σ(x), forgetting −y."""
    x, y = scalars("x y")
    return Derivative(bce_with_logits(x, y), wrt=x, equals=sigmoid(x), where={x: Real(), y: Interval(0, 1)})


@claim(expect="refuted")
def bce_rule_as_logits() -> Derivative:
    """Wrong: ∂BCE/∂p = p − y, the logits formula used on probabilities."""
    p, y = scalars("p y")
    return Derivative(bce(p, y), wrt=p, equals=p - y, where={p: PROBABILITY, y: Interval(0, 1)})


@claim(expect="refuted")
def huber_rule_quadratic_slope_everywhere() -> Derivative:
    """Wrong: ∂huber/∂x = d on both branches, the quadratic branch's slope carried past δ."""
    x, y, delta = scalars("x y delta")
    d = x - y
    slope = sp.Piecewise((d, sp.Abs(d) <= delta), (d, True))
    return Derivative(huber(d, delta), wrt=x, equals=slope, where={x: Real(), y: Real(), delta: Positive()})


@claim(n=range(1, 5), expect="refuted")
def mse_mean_rule_without_two(n: int) -> Derivative:
    """Wrong: ∇ₓ (1/n)‖x − y‖² = (x − y)/n, dropping the 2."""
    x, y = vector("x", n), vector("y", n)
    return Derivative(squared_norm(x - y) / n, wrt=x, equals=(x - y) / n, where={x: Real(), y: Real()})


@claim(expect="refuted")
def kl_div_rule_target_without_one() -> Derivative:
    """Wrong: ∂/∂y y(log y − x) = log y − x, forgetting the +1 from d(y log y)/dy."""
    x, y = scalars("x y")
    return Derivative(y * (sp.log(y) - x), wrt=y, equals=sp.log(y) - x, where={x: Real(), y: Positive()})
