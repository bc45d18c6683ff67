"""Issue 37, class 1: what `\\sin 2x`, `\\log 2a`, `\\exp 2x`, `\\tanh 2x` mean, as Python claims.

The LaTeX reader once read `\\sin 2x` as sin(2)·x, PROVING `\\sin 2x = x \\sin 2` and REFUTING the
textbook identities below. These probes pin the mathematics the readings must agree with (both
readings, stated explicitly); tests/quality/soundness/test_latex_readings.py runs the LaTeX itself.

Class numbers are issue 37's. TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Positive, Real, claim

x, a = sp.symbols("x a")


@claim()
def sine_double_angle() -> Identity:
    """sin(2x) = 2 sin x cos x.

    Proof: the addition formula sin(x + x) = sin x cos x + cos x sin x.
    """
    return Identity(sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x), where={x: Real()})


@claim()
def sine_of_two_times_x_is_not_sine_double_angle() -> Identity:
    """sin(2)·x = 2 sin x cos x (the misreading of `\\sin 2x`; false at x = ½: ½ sin 2 against sin 1)."""
    return Identity(sp.sin(2) * x, 2 * sp.sin(x) * sp.cos(x), where={x: Real()})


@claim()
def sine_double_angle_is_not_x_sine_two() -> Identity:
    """sin(2x) = x sin 2 (false at x = ½: sin 1 against ½ sin 2 = sin 1 cos 1)."""
    return Identity(sp.sin(2 * x), x * sp.sin(2), where={x: Real()})


@claim()
def log_of_double() -> Identity:
    """log(2a) = log 2 + log a for a > 0.

    Proof: log is a homomorphism on (0, ∞).
    """
    return Identity(sp.log(2 * a), sp.log(2) + sp.log(a), where={a: Positive()})


@claim()
def log_two_times_a_is_not_log_of_double() -> Identity:
    """log(2)·a = log 2 + log a for a > 0 (the misreading of `\\log 2a`; false at a = 4: 4 log 2 against 3 log 2)."""
    return Identity(sp.log(2) * a, sp.log(2) + sp.log(a), where={a: Positive()})


@claim()
def exp_of_double() -> Identity:
    """exp(2x) = (exp x)².

    Proof: e^{x + x} = eˣeˣ.
    """
    return Identity(sp.exp(2 * x), sp.exp(x) ** 2, where={x: Real()})


@claim()
def tanh_double_angle() -> Identity:
    """tanh(2x) = 2 tanh x/(1 + tanh² x).

    Proof: the addition formula tanh(u + v) = (tanh u + tanh v)/(1 + tanh u tanh v).
    """
    return Identity(sp.tanh(2 * x), 2 * sp.tanh(x) / (1 + sp.tanh(x) ** 2), where={x: Real()})


@claim()
def tanh_double_angle_circular_sign() -> Identity:
    """tanh(2x) = 2 tanh x/(1 − tanh² x) (the tan formula; false at x = 1: 0.964 against 2.350)."""
    return Identity(sp.tanh(2 * x), 2 * sp.tanh(x) / (1 - sp.tanh(x) ** 2), where={x: Real()})


@claim()
def sine_times_cosine_half_double() -> Identity:
    """sin x · cos x = sin(2x)/2.

    Proof: the double-angle formula.
    """
    return Identity(sp.sin(x) * sp.cos(x), sp.sin(2 * x) / 2, where={x: Real()})


TRUTH = {
    "sine_double_angle": ("true", 1, None),
    "sine_of_two_times_x_is_not_sine_double_angle": ("false", 1, {"x": sp.Rational(1, 2)}),
    "sine_double_angle_is_not_x_sine_two": ("false", 1, {"x": sp.Rational(1, 2)}),
    "log_of_double": ("true", 1, None),
    "log_two_times_a_is_not_log_of_double": ("false", 1, {"a": 4}),
    "exp_of_double": ("true", 1, None),
    "tanh_double_angle": ("true", 1, None),
    "tanh_double_angle_circular_sign": ("false", 1, {"x": 1}),
    "sine_times_cosine_half_double": ("true", 1, None),
}
