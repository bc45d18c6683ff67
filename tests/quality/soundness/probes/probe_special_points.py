"""Class 5: no silent skipping and no vacuous evidence; claims false only at special points.

Each false probe fails on a set the sampler never hits by chance (x = 0, x = ±1, an integer, an
interval end, the identity or the zero matrix), or on half of its domain where one side leaves the
reals (a NaN there is a finding, not noise), or in its imaginary part. Its witness is that point.
"partial" probes are complex or undefined somewhere in their declared domain: REFUTED there or an
ERROR "narrow the domain" are honest; PROVED and CHECKED are not.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Inequality, Integer, Interval, Nonnegative, Orthogonal, Real, claim
from verifier.language.mathlib import matrix

x, y, k = sp.symbols("x y k")


@claim(expect="refuted")
def log_of_square_on_reals() -> Identity:
    """log(y²) = 2 log y on ℝ (false at y = −2; log 0 undefined at y = 0)."""
    return Identity(sp.log(y**2), 2 * sp.log(y), where={y: Real()})


@claim(expect="refuted")
def euler_is_cosine() -> Identity:
    """e^{ix} = cos x on ℝ (false at x = 1: the imaginary parts differ)."""
    return Identity(sp.exp(sp.I * x), sp.cos(x), where={x: Real()})


@claim(expect="refuted")
def heaviside_is_idempotent() -> Identity:
    """H(x)² = H(x) on ℝ (false at x = 0, where sympy's H(0) = ½)."""
    return Identity(sp.Heaviside(x) ** 2, sp.Heaviside(x), where={x: Real()})


@claim(expect="refuted")
def sign_squared_is_one() -> Identity:
    """sign(x)² = 1 on ℝ (false at x = 0)."""
    return Identity(sp.sign(x) ** 2, sp.Integer(1), where={x: Real()})


@claim(expect="refuted")
def max_of_x_and_minus_x_is_positive() -> Inequality:
    """max(x, −x) > 0 on ℝ (false at x = 0)."""
    return Inequality(sp.Max(x, -x), ">", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def abs_is_positive() -> Inequality:
    """|x| > 0 on ℝ (false at x = 0)."""
    return Inequality(sp.Abs(x), ">", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def nonnegative_is_positive() -> Inequality:
    """x > 0 on [0, ∞) (false at x = 0)."""
    return Inequality(x, ">", sp.Integer(0), where={x: Nonnegative()})


@claim(expect="refuted")
def square_minus_one_squared_is_positive() -> Inequality:
    """(x² − 1)² > 0 on ℝ (false at x = ±1)."""
    return Inequality((x**2 - 1) ** 2, ">", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def distance_to_plus_minus_one() -> Inequality:
    """| |x| − 1 | > 0 on ℝ (false at x = −1)."""
    return Inequality(sp.Abs(sp.Abs(x) - 1), ">", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def half_circle_is_positive() -> Inequality:
    """√(1 − x²) > 0 on [−1, 1] (false at the endpoints ±1)."""
    return Inequality(sp.sqrt(1 - x**2), ">", sp.Integer(0), where={x: Interval(-1, 1)})


@claim(expect="refuted")
def sum_of_distances_exceeds_two() -> Inequality:
    """|x − 1| + |x + 1| > 2 on ℝ (false on [−1, 1], e.g. at x = 0)."""
    return Inequality(sp.Abs(x - 1) + sp.Abs(x + 1), ">", sp.Integer(2), where={x: Real()})


@claim(expect="refuted")
def floor_is_below() -> Inequality:
    """⌊x⌋ < x on ℝ (false at every integer, e.g. x = 0)."""
    return Inequality(sp.floor(x), "<", x, where={x: Real()})


@claim(expect="refuted")
def below_right_end() -> Inequality:
    """x < 1 on [0, 1] (false at the endpoint 1)."""
    return Inequality(x, "<", sp.Integer(1), where={x: Interval(0, 1)})


@claim(expect="refuted")
def sine_of_half_pi_multiples() -> Identity:
    """sin(πk/2) = 0 for k ∈ {0, …, 4} (false at k = 1)."""
    return Identity(sp.sin(sp.pi * k / 2), sp.Integer(0), where={k: Integer(0, 4)})


@claim(expect="refuted")
def removable_singularity_cancelled() -> Identity:
    """(x² − 1)/(x − 1) = x + 1 on ℝ (undefined at x = 1)."""
    return Identity((x**2 - 1) / (x - 1), x + 1, where={x: Real()})


@claim(expect="refuted")
def reciprocal_square_is_positive() -> Inequality:
    """1/x² > 0 on ℝ (undefined at x = 0)."""
    return Inequality(1 / x**2, ">", sp.Integer(0), where={x: Real()})


@claim()
def derivative_of_abs_is_sign() -> Derivative:
    """d|x|/dx = sign x on ℝ, away from x = 0 where |x| is not differentiable: a proof must say so
    (tests/engine/test_meaning.py checks the proviso)."""
    return Derivative(sp.Abs(x), wrt=x, equals=sp.sign(x), where={x: Real()})


@claim(n=[2], expect="refuted")
def orthogonal_trace_below_n(n: int) -> Inequality:
    """tr Q < 2 for 2×2 orthogonal Q (false at Q = I)."""
    Q = matrix("Q", n)
    return Inequality(Q.trace(), "<", sp.Integer(2), where={Q: Orthogonal()})


@claim(n=[2], expect="refuted")
def frobenius_norm_is_positive(n: int) -> Inequality:
    """tr(A²) > 0 for real 2×2 A (false at the zero matrix)."""
    A = matrix("A", n)
    return Inequality((A.T * A).trace(), ">", sp.Integer(0), where={A: Real()})


# ----------------------------------------------------------------------------- true controls


@claim()
def derivative_of_x_abs_x() -> Derivative:
    """d(x|x|)/dx = 2|x| on ℝ.

    Proof: x² for x > 0, −x² for x < 0, and (h|h|)/h → 0 at 0 (Rudin, Principles, §5.1).
    """
    return Derivative(x * sp.Abs(x), wrt=x, equals=2 * sp.Abs(x), where={x: Real()})


@claim()
def sign_squared_times_square() -> Identity:
    """sign(x)²·x² = x² on ℝ.

    Proof: sign(x)² = 1 for x ≠ 0, and both sides are 0 at x = 0.
    """
    return Identity(sp.sign(x) ** 2 * x**2, x**2, where={x: Real()})


@claim()
def max_of_x_and_minus_x_is_abs() -> Identity:
    """max(x, −x) = |x| on ℝ.

    Proof: definition of |x|, including x = 0.
    """
    return Identity(sp.Max(x, -x), sp.Abs(x), where={x: Real()})


@claim()
def euler_real_part() -> Identity:
    """Re e^{ix} = cos x on ℝ.

    Proof: Euler's formula e^{ix} = cos x + i sin x.
    """
    return Identity(sp.re(sp.exp(sp.I * x)), sp.cos(x), where={x: Real()})


@claim()
def cosine_of_pi_multiples() -> Identity:
    """cos(πk) = (−1)ᵏ for k ∈ {0, …, 4}.

    Proof: cos(πk) alternates between 1 and −1 on the integers.
    """
    return Identity(sp.cos(sp.pi * k), (-1) ** k, where={k: Integer(0, 4)})


TRUTH = {
    "log_of_square_on_reals": ("partial", 5, {"y": -2}),
    "euler_is_cosine": ("false", 5, {"x": 1}),
    "heaviside_is_idempotent": ("false", 5, {"x": 0}),
    "sign_squared_is_one": ("false", 5, {"x": 0}),
    "max_of_x_and_minus_x_is_positive": ("false", 5, {"x": 0}),
    "abs_is_positive": ("false", 5, {"x": 0}),
    "nonnegative_is_positive": ("false", 5, {"x": 0}),
    "square_minus_one_squared_is_positive": ("false", 5, {"x": 1}),
    "distance_to_plus_minus_one": ("false", 5, {"x": -1}),
    "half_circle_is_positive": ("false", 5, {"x": -1}),
    "sum_of_distances_exceeds_two": ("false", 5, {"x": 0}),
    "floor_is_below": ("false", 5, {"x": 0}),
    "below_right_end": ("false", 5, {"x": 1}),
    "sine_of_half_pi_multiples": ("false", 5, {"k": 1}),
    "removable_singularity_cancelled": ("partial", 5, {"x": 1}),
    "reciprocal_square_is_positive": ("partial", 5, {"x": 0}),
    "derivative_of_abs_is_sign": ("true", 5, None),
    "orthogonal_trace_below_n": ("false", 5, {"Q": [[1, 0], [0, 1]]}),
    "frobenius_norm_is_positive": ("false", 5, {"A": [[0, 0], [0, 0]]}),
    "derivative_of_x_abs_x": ("true", 5, None),
    "sign_squared_times_square": ("true", 5, None),
    "max_of_x_and_minus_x_is_abs": ("true", 5, None),
    "euler_real_part": ("true", 5, None),
    "cosine_of_pi_multiples": ("true", 5, None),
}
