"""Autograd rules for two-argument functions, one claim per argument, from PyTorch, JAX and autograd.

A binary primitive has one backward formula per input. For the angle atan2(y, x) of the
point (x, y): ∂/∂y = x/(x² + y²) and ∂/∂x = −y/(x² + y²). For the power xʸ with x > 0:
∂/∂x = y·x^{y−1} and ∂/∂y = xʸ·log x. For hypot(x, y) = √(x² + y²): ∂/∂x = x/hypot.
For logaddexp(a, b) = log(eᵃ + eᵇ): ∂/∂a = σ(a − b) = eᵃ/(eᵃ + eᵇ); logaddexp2 is the
same in base 2. Division a/b has ∂/∂b = −a/b². Linear interpolation
lerp(s, e, w) = s + w(e − s) has ∂/∂w = e − s and ∂/∂s = 1 − w.

The non-smooth ones are differentiable away from ties and jumps: maximum(a, b) passes
the gradient to the larger argument and minimum to the smaller, and at a tie all three
libraries split it, ½ to each side, which is H(a − b) with H(0) = ½ (the value at a tie is
a convention, not a derivative: no derivative exists there, so only the rule away from ties
is checkable, and the tie-split Piecewise forms are not stated);
copysign(a, b) = |a|·sign(b) has ∂/∂a = sign(a)·sign(b); remainder(a, b) = a − b⌊a/b⌋ has
∂/∂a = 1 and ∂/∂b = −⌊a/b⌋ between jumps, where ⌊a/b⌋ is locally constant.

Kept on purpose as wrong versions: ∂atan2(y, x)/∂y = −x/(x² + y²), the sign swapped with
∂/∂x; ∂xʸ/∂y = y·x^{y−1}, the power rule applied to the exponent; and
∂hypot/∂x = x/(x² + y²), dividing by hypot² instead of hypot.

Sources: PyTorch `tools/autograd/derivatives.yaml` (entries named in each claim); JAX
`jax/_src/lax/lax.py` (atan2_p, pow_p, max_p, min_p, rem_p jvps) and
`jax/_src/numpy/ufuncs.py` (logaddexp); autograd `autograd/numpy/numpy_vjps.py`
(arctan2, power, hypot, logaddexp, maximum, minimum, remainder).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Interval, Nonzero, Positive, Real, claim
from verifier.language.mathlib import scalars, sigmoid

half = sp.Rational(1, 2)


def atan2_args() -> tuple[sp.Symbol, sp.Symbol, dict[sp.Symbol, object]]:
    """y, x and their domains (away from the origin: both nonzero)."""
    y, x = scalars("y x")
    return y, x, {y: Nonzero(), x: Nonzero()}


@claim()
def atan2_rule_y() -> Derivative:
    """∂atan2(y, x)/∂y = x/(x² + y²). PyTorch derivatives.yaml: `atan2` (self); JAX lax.atan2_p; autograd `arctan2`."""
    y, x, where = atan2_args()
    return Derivative(sp.atan2(y, x), wrt=y, equals=x / (x**2 + y**2), where=where)


@claim()
def atan2_rule_x() -> Derivative:
    """∂atan2(y, x)/∂x = −y/(x² + y²). PyTorch derivatives.yaml: `atan2` (other); autograd `arctan2`."""
    y, x, where = atan2_args()
    return Derivative(sp.atan2(y, x), wrt=x, equals=-y / (x**2 + y**2), where=where)


@claim()
def pow_rule_base() -> Derivative:
    """∂xʸ/∂x = y·x^{y−1}. PyTorch derivatives.yaml: `pow.Tensor_Tensor` (self); JAX lax.pow_p; autograd `power`."""
    x, y = scalars("x y")
    return Derivative(x**y, wrt=x, equals=y * x ** (y - 1), where={x: Positive(), y: Real()})


@claim()
def pow_rule_exponent() -> Derivative:
    """∂xʸ/∂y = xʸ·log x. PyTorch derivatives.yaml: `pow.Tensor_Tensor` (exponent); autograd `power`."""
    x, y = scalars("x y")
    return Derivative(x**y, wrt=y, equals=x**y * sp.log(x), where={x: Positive(), y: Real()})


@claim()
def hypot_rule() -> Derivative:
    """∂hypot(x, y)/∂x = x/hypot(x, y). PyTorch derivatives.yaml: `hypot`; autograd `hypot`."""
    x, y = scalars("x y")
    h = sp.sqrt(x**2 + y**2)
    return Derivative(h, wrt=x, equals=x / h, where={x: Nonzero(), y: Nonzero()})


@claim()
def logaddexp_rule() -> Derivative:
    """∂log(eᵃ + eᵇ)/∂a = σ(a − b). PyTorch derivatives.yaml: `logaddexp`; autograd `logaddexp`."""
    a, b = scalars("a b")
    return Derivative(sp.log(sp.exp(a) + sp.exp(b)), wrt=a, equals=sigmoid(a - b), where={a: Real(), b: Real()})


@claim()
def logaddexp2_rule() -> Derivative:
    """∂log₂(2ᵃ + 2ᵇ)/∂a = 2ᵃ/(2ᵃ + 2ᵇ). PyTorch derivatives.yaml: `logaddexp2`; autograd `logaddexp2`."""
    a, b = scalars("a b")
    f = sp.log(2**a + 2**b) / sp.log(2)
    return Derivative(f, wrt=a, equals=2**a / (2**a + 2**b), where={a: Real(), b: Real()})


@claim()
def div_rule_denominator() -> Derivative:
    """∂(a/b)/∂b = −a/b². PyTorch derivatives.yaml: `div.Tensor` (other); JAX lax.div_p."""
    a, b = scalars("a b")
    return Derivative(a / b, wrt=b, equals=-a / b**2, where={a: Real(), b: Nonzero()})


@claim()
def lerp_rule_weight() -> Derivative:
    """∂lerp(s, e, w)/∂w = e − s. PyTorch derivatives.yaml: `lerp.Tensor` (weight)."""
    s, e, w = scalars("s e w")
    return Derivative(s + w * (e - s), wrt=w, equals=e - s, where={s: Real(), e: Real(), w: Interval(0, 1)})


@claim()
def lerp_rule_start() -> Derivative:
    """∂lerp(s, e, w)/∂s = 1 − w. PyTorch derivatives.yaml: `lerp.Tensor` (self)."""
    s, e, w = scalars("s e w")
    return Derivative(s + w * (e - s), wrt=s, equals=1 - w, where={s: Real(), e: Real(), w: Interval(0, 1)})


@claim()
def maximum_rule() -> Derivative:
    """∂max(a, b)/∂a = H(a − b), a ≠ b. PyTorch derivatives.yaml: `maximum`; JAX lax.max_p; autograd `maximum`."""
    a, b = scalars("a b")
    return Derivative(sp.Max(a, b), wrt=a, equals=sp.Heaviside(a - b), where={a: Real(), b: Real()})


@claim()
def copysign_rule() -> Derivative:
    """∂(|a|·sign(b))/∂a = sign(a)·sign(b), a ≠ 0. PyTorch derivatives.yaml: `copysign.Tensor` (self)."""
    a, b = scalars("a b")
    return Derivative(sp.Abs(a) * sp.sign(b), wrt=a, equals=sp.sign(a) * sp.sign(b), where={a: Nonzero(), b: Nonzero()})


@claim()
def remainder_rule_dividend() -> Derivative:
    """∂(a − b⌊a/b⌋)/∂a = 1 between jumps. PyTorch derivatives.yaml: `remainder.Tensor` (self); autograd `remainder`."""
    a, b = scalars("a b")
    return Derivative(a - b * sp.floor(a / b), wrt=a, equals=sp.Integer(1), where={a: Real(), b: Positive()})


@claim()
def remainder_rule_divisor() -> Derivative:
    """∂(a − b⌊a/b⌋)/∂b = −⌊a/b⌋ between jumps. PyTorch derivatives.yaml: `remainder.Tensor` (other)."""
    a, b = scalars("a b")
    return Derivative(a - b * sp.floor(a / b), wrt=b, equals=-sp.floor(a / b), where={a: Real(), b: Positive()})


# --- wrong versions -----------------------------------------------------------------------


@claim(expect="refuted")
def atan2_rule_y_sign_swapped() -> Derivative:
    """Wrong: ∂atan2(y, x)/∂y = −x/(x² + y²), the sign of ∂/∂x taken for ∂/∂y."""
    y, x, where = atan2_args()
    return Derivative(sp.atan2(y, x), wrt=y, equals=-x / (x**2 + y**2), where=where)


@claim(expect="refuted")
def pow_rule_exponent_as_power_rule() -> Derivative:
    """Wrong: ∂xʸ/∂y = y·x^{y−1}, the power rule applied to the exponent."""
    x, y = scalars("x y")
    return Derivative(x**y, wrt=y, equals=y * x ** (y - 1), where={x: Positive(), y: Real()})


@claim(expect="refuted")
def hypot_rule_squared_denominator() -> Derivative:
    """Wrong: ∂hypot(x, y)/∂x = x/(x² + y²), dividing by hypot² instead of hypot."""
    x, y = scalars("x y")
    h = sp.sqrt(x**2 + y**2)
    return Derivative(h, wrt=x, equals=x / (x**2 + y**2), where={x: Nonzero(), y: Nonzero()})
