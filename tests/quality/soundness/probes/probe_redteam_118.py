"""Class 2: Gruntz divides by an oscillation's bound (red team 118).

sympy's limit bounds sin(1/x) at 0 (and sin x at ∞) by [−1, 1] and then divides by it, or takes its logarithm:
lim_{x→0} e^{−1/x²}/sin(1/x), lim_{x→0⁺} x² log|sin(1/x)|, lim_{x→∞} e^{−x}/sin x, lim_{x→∞} log|cos x|/x,
lim_{x→∞} e^{−x} tan x, and the same with sinc(1/x), J₀(1/x) and Ai(−x) in the denominator, came out 0, and the
kernel PROVED them. None exists: each expression is undefined at points accumulating at the limit point
(sin(1/x) = 0 at x = 1/(kπ)) and unbounded near them. The kernel now refuses a function outside a table of
eventually monotone ones whose argument has no finite limit at the point, unless it is sin or cos with only sums,
products, |·| and positive integer powers above it (limits.unguarded_oscillation). The samples, 6 points per side,
never land near a pole, so they were CHECKED; the numeric check's pole hunt (numeric/checks/limit_poles.py) now
finds a zero of the oscillating factor next to the samples at every scale from 10⁻² to 10⁻²⁴ (10² to 10²⁴ at ∞),
confirmed by a sign change at 100 digits, and REFUTES them: the expression is undefined there. The true limits
beside them must stay true: a denominator that is never 0 (2 + sin(1/x), 2 + cos x), one whose zeros do not
accumulate at the point (sin x at 0), one whose zeros lie only on the side the claim does not name. Two false
neighbours the hunt misses stay CHECKED (KNOWN_WRONG): e^{−x}/(1 − cos x) at ∞, whose divisor touches 0 without
changing sign, and x/sin(log x) at 0⁺, whose argument grows too slowly and whose zeros are too sparse.

TRUTH maps each claim to (truth, class, witness); "along" lists points of x far from the claim (at 60 digits),
next to a pole, closer than the numerator's size (kπ + δ, δ = 10⁻³⁰ … 10⁻⁵⁵, within the 60 digits).
"""

from __future__ import annotations

import mpmath
import sympy as sp

from verifier import Convergence, Interval, Limit, Nonnegative, claim, vector

x = sp.Symbol("x")
ZERO = sp.Integer(0)
PI = sp.pi
TINY = sp.Rational(1, 10**40)


def _zero(zeros: object, k: int) -> sp.Float:
    """The k-th zero of J₀ (besseljzero) or of Ai (airyaizero), to 80 digits."""
    with mpmath.workdps(80):
        z = zeros(0, k) if zeros is mpmath.besseljzero else zeros(k)  # type: ignore[operator]
        return sp.Float(z, 80)


@claim()
def exp_over_sine_of_reciprocal() -> Limit:
    """lim_{x→0} e^{−1/x²}/sin(1/x) = 0 (false: undefined at x = 1/(kπ), about 10¹² at x = 1/(2π + 10⁻³⁰))."""
    return Limit(sp.exp(-1 / x**2) / sp.sin(1 / x), x, 0, ZERO)


@claim()
def square_times_log_of_sine_of_reciprocal() -> Limit:
    """lim_{x→0⁺} x² log|sin(1/x)| = 0 (false: undefined at x = 1/(kπ); −11.7 at x = 1/(π + 10⁻⁵⁰))."""
    return Limit(x**2 * sp.log(sp.Abs(sp.sin(1 / x))), x, 0, ZERO, dir="+")


@claim()
def exp_over_sine_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x}/sin x = 0 (false: undefined at x = kπ; about e^{kπ} at x = kπ + e^{−2kπ})."""
    return Limit(sp.exp(-x) / sp.sin(x), x, sp.oo, ZERO)


@claim()
def log_of_cosine_over_x_at_infinity() -> Limit:
    """lim_{x→∞} log|cos x|/x = 0 (false: undefined at x = π/2 + kπ; −3.8 at x = 21π/2 + 10⁻⁵⁵)."""
    return Limit(sp.log(sp.Abs(sp.cos(x))) / x, x, sp.oo, ZERO)


@claim()
def exp_times_tangent_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x} tan x = 0 (false: undefined at x = π/2 + kπ; about 10⁴⁸ at x = 3π/2 − 10⁻⁵⁰)."""
    return Limit(sp.exp(-x) * sp.tan(x), x, sp.oo, ZERO)


@claim()
def exp_over_sinc_of_reciprocal() -> Limit:
    """lim_{x→0} e^{−1/x²}/sinc(1/x) = 0 (false: undefined at x = 1/(kπ), about 10¹³ at x = 1/(2π + 10⁻³⁰))."""
    return Limit(sp.exp(-1 / x**2) / sp.sinc(1 / x), x, 0, ZERO)


@claim()
def exp_over_bessel_of_reciprocal() -> Limit:
    """lim_{x→0} e^{−1/x²}/J₀(1/x) = 0 (false: undefined at x = 1/j₀,ₖ, J₀'s zeros; huge at 1/(j₀,₁ + 10⁻⁴⁰))."""
    return Limit(sp.exp(-1 / x**2) / sp.besselj(0, 1 / x), x, 0, ZERO)


@claim()
def gaussian_over_airy_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x²}/Ai(−x) = 0 (false: undefined at x = −aₖ, Ai's zeros; huge at −a₁ + 10⁻⁴⁰)."""
    return Limit(sp.exp(-(x**2)) / sp.airyai(-x), x, sp.oo, ZERO)


@claim()
def exp_over_one_minus_cosine_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x}/(1 − cos x) = 0 (false: undefined at x = 2kπ; about 10²⁶ at x = 40π + 10⁻⁴⁰)."""
    return Limit(sp.exp(-x) / (1 - sp.cos(x)), x, sp.oo, ZERO)


@claim()
def x_over_sine_of_log_at_zero() -> Limit:
    """lim_{x→0⁺} x/sin(log x) = 0 (false: undefined at x = e^{−kπ}; about 10²⁶ at x = e^{−10π}(1 + 10⁻⁴⁰))."""
    return Limit(x / sp.sin(sp.log(x)), x, 0, ZERO, dir="+")


@claim()
def square_times_sine_of_reciprocal() -> Limit:
    """lim_{x→0} x² sin(1/x) = 0.

    Proof: |x² sin(1/x)| ≤ x², which tends to 0."""
    return Limit(x**2 * sp.sin(1 / x), x, 0, ZERO)


@claim()
def sine_over_x_at_infinity() -> Limit:
    """lim_{x→∞} sin(x)/x = 0.

    Proof: |sin(x)/x| ≤ 1/x for x > 0, which tends to 0."""
    return Limit(sp.sin(x) / x, x, sp.oo, ZERO)


@claim()
def x_times_abs_sine_of_reciprocal() -> Limit:
    """lim_{x→0} x·|sin(1/x)| = 0.

    Proof: its modulus is at most |x|, which tends to 0."""
    return Limit(x * sp.Abs(sp.sin(1 / x)), x, 0, ZERO)


@claim()
def square_over_two_plus_sine_of_reciprocal() -> Limit:
    """lim_{x→0} x²/(2 + sin(1/x)) = 0.

    Proof: 2 + sin(1/x) ≥ 1, so |x²/(2 + sin(1/x))| ≤ x², which tends to 0."""
    return Limit(x**2 / (2 + sp.sin(1 / x)), x, 0, ZERO)


@claim()
def exp_times_two_plus_sine_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x}(2 + sin x) = 0.

    Proof: 0 < e^{−x}(2 + sin x) ≤ 3e^{−x}, which tends to 0."""
    return Limit(sp.exp(-x) * (2 + sp.sin(x)), x, sp.oo, ZERO)


@claim()
def exp_over_two_plus_cosine_at_infinity() -> Limit:
    """lim_{x→∞} e^{−x}/(2 + cos x) = 0.

    Proof: 2 + cos x ≥ 1, so 0 < e^{−x}/(2 + cos x) ≤ e^{−x}, which tends to 0."""
    return Limit(sp.exp(-x) / (2 + sp.cos(x)), x, sp.oo, ZERO)


@claim()
def x_over_sine_at_zero() -> Limit:
    """lim_{x→0} x/sin x = 1.

    Proof: sin x ≠ 0 for 0 < |x| < π (its zeros kπ do not accumulate at 0), and sin(x)/x → 1."""
    return Limit(x / sp.sin(x), x, 0, sp.Integer(1))


@claim()
def square_over_a_denominator_vanishing_only_left_of_zero() -> Limit:
    """lim_{x→0⁺} x²/(sin(1/x) + 1 + 2x) = 0 (the denominator has zeros accumulating at 0 only for x < 0).

    Proof: for x > 0, sin(1/x) + 1 + 2x ≥ 2x > 0, so 0 < x²/(sin(1/x) + 1 + 2x) ≤ x/2, which tends to 0."""
    return Limit(x**2 / (sp.sin(1 / x) + 1 + 2 * x), x, 0, ZERO, dir="+")


@claim()
def linear_rate_across_the_jump_of_acot() -> Convergence:
    """(x, y) ↦ (x/2 + (acot x − π/2)/4, y/2) converges to 0 at the rate 1/2 (false: sympy's acot jumps from −π/2 to
    π/2 at 0, where its derivative −1/(1 + x²) is finite, so J(0) = diag(1/4, 1/2); a start left of the root is
    thrown to x ≈ −0.79 and settles at x ≈ −1.14)."""
    x = vector("x", 2)
    step = sp.Matrix([x[0] / 2 + (sp.acot(x[0]) - PI / 2) / 4, x[1] / 2])
    return Convergence(step, x, root=sp.Matrix([0, 0]), order=1, constant=sp.Rational(1, 2))


@claim()
def linear_rate_across_the_cut_of_atan2() -> Convergence:
    """(x, y) ↦ (x/2 + y/4, (atan2(y, x − 1) − π)/8 + y/2) converges to 0 at the rate 1/2 (false: the root is on
    atan2's cut, y = 0 with x − 1 < 0; a start below it, y < 0, is thrown to y ≈ −π/4)."""
    x = vector("x", 2)
    step = sp.Matrix([x[0] / 2 + x[1] / 4, (sp.atan2(x[1], x[0] - 1) - PI) / 8 + x[1] / 2])
    return Convergence(step, x, root=sp.Matrix([0, 0]), order=1, constant=sp.Rational(1, 2))


@claim()
def linear_rate_of_a_smooth_vector_map() -> Convergence:
    """(x, y) ↦ (x/2 + y²·acot(y + 3), y/4) converges to 0 at the rate 1/2.

    Proof: J(0) = diag(1/2, 1/4), and acot(y + 3) jumps only at y = −3, away from the root."""
    x = vector("x", 2)
    step = sp.Matrix([x[0] / 2 + x[1] ** 2 * sp.acot(x[1] + 3), x[1] / 4])
    return Convergence(step, x, root=sp.Matrix([0, 0]), order=1, constant=sp.Rational(1, 2))


@claim()
def linear_rate_of_a_map_that_contracts_only_on_its_domain() -> Convergence:
    """(x, y) ↦ (x/2 + 2(x − |x|), y/2) converges to 0 at the rate 1/2 for x, y ≥ 0.

    Proof: on x ≥ 0 the step is (x/2, y/2). Left of 0 it grows, but that side is outside the declared domain, so
    the numeric check's start on the other side of the root must not be taken there."""
    x = vector("x", 2)
    step = sp.Matrix([x[0] / 2 + 2 * (x[0] - sp.Abs(x[0])), x[1] / 2])
    half = sp.Rational(1, 2)
    return Convergence(step, x, root=sp.Matrix([0, 0]), order=1, constant=half, where={x: Nonnegative()})


@claim()
def linear_rate_of_a_map_that_contracts_only_left_of_its_root() -> Convergence:
    """(x, y) ↦ (x/2 + 2(x + |x|), y/2) converges to 0 at the rate 1/2 for x, y ∈ [−1, 0].

    Proof: on x ≤ 0 the step is (x/2, y/2). Right of 0 it grows, outside the declared domain: no start there."""
    x = vector("x", 2)
    step = sp.Matrix([x[0] / 2 + 2 * (x[0] + sp.Abs(x[0])), x[1] / 2])
    half = sp.Rational(1, 2)
    return Convergence(step, x, root=sp.Matrix([0, 0]), order=1, constant=half, where={x: Interval(-1, 0)})


TRUTH = {
    "exp_over_sine_of_reciprocal": (
        "false",
        2,
        {"along": [1 / (2 * PI + sp.Rational(1, 10**30)), 1 / (3 * PI + sp.Rational(1, 10**45))]},
    ),
    "square_times_log_of_sine_of_reciprocal": (
        "false",
        2,
        {"along": [1 / (PI + sp.Rational(1, 10**50)), 1 / (2 * PI + sp.Rational(1, 10**55))]},
    ),
    "exp_over_sine_at_infinity": (
        "false",
        2,
        {"along": [10 * PI + sp.exp(-20 * PI), 12 * PI + sp.exp(-24 * PI)]},
    ),
    "log_of_cosine_over_x_at_infinity": (
        "false",
        2,
        {"along": [21 * PI / 2 + sp.Rational(1, 10**55), 41 * PI / 2 + sp.Rational(1, 10**55)]},
    ),
    "exp_times_tangent_at_infinity": (
        "false",
        2,
        {"along": [3 * PI / 2 - sp.Rational(1, 10**50), 7 * PI / 2 - sp.Rational(1, 10**50)]},
    ),
    "exp_over_sinc_of_reciprocal": (
        "false",
        2,
        {"along": [1 / (2 * PI + sp.Rational(1, 10**30)), 1 / (3 * PI + sp.Rational(1, 10**45))]},
    ),
    "exp_over_bessel_of_reciprocal": (
        "false",
        2,
        {"along": [1 / (_zero(mpmath.besseljzero, k) + TINY) for k in (1, 2)]},
    ),
    "gaussian_over_airy_at_infinity": ("false", 2, {"along": [-_zero(mpmath.airyaizero, k) + TINY for k in (1, 2)]}),
    "exp_over_one_minus_cosine_at_infinity": (
        "false",
        2,
        {"along": [40 * PI + sp.Rational(1, 10**40), 60 * PI + sp.Rational(1, 10**40)]},
    ),
    "x_over_sine_of_log_at_zero": (
        "false",
        2,
        {"along": [sp.exp(-10 * PI) * (1 + sp.Rational(1, 10**40)), sp.exp(-12 * PI) * (1 + sp.Rational(1, 10**40))]},
    ),
    "linear_rate_across_the_jump_of_acot": (
        "false",
        2,
        {"along": [["-1/1000", "0"], ["-1/10**9", "1/10**9"]], "grows": True},
    ),
    "linear_rate_across_the_cut_of_atan2": (
        "false",
        2,
        {"along": [["0", "-1/1000"], ["1/10**9", "-1/10**9"]], "grows": True},
    ),
    "linear_rate_of_a_smooth_vector_map": ("true", 2, None),
    "linear_rate_of_a_map_that_contracts_only_on_its_domain": ("true", 2, None),
    "linear_rate_of_a_map_that_contracts_only_left_of_its_root": ("true", 2, None),
    "square_times_sine_of_reciprocal": ("true", 2, None),
    "sine_over_x_at_infinity": ("true", 2, None),
    "x_times_abs_sine_of_reciprocal": ("true", 2, None),
    "square_over_two_plus_sine_of_reciprocal": ("true", 2, None),
    "exp_times_two_plus_sine_at_infinity": ("true", 2, None),
    "exp_over_two_plus_cosine_at_infinity": ("true", 2, None),
    "x_over_sine_at_zero": ("true", 2, None),
    "square_over_a_denominator_vanishing_only_left_of_zero": ("true", 2, None),
}

KNOWN_WRONG = {  # the eight above are REFUTED by the pole hunt (numeric/checks/limit_poles.py); these two it misses
    "exp_over_one_minus_cosine_at_infinity",  # 1 − cos x touches 0 at 2kπ without changing sign: no sign change
    "x_over_sine_of_log_at_zero",  # log x grows too slowly to be hunted (55 at 10⁻²⁴); zeros e^{−kπ} 23 times apart
}
