"""Red team of the new rules (issue 24): symbol identity, two-sided limits, one-step rates, corollaries
with states=, the Float guard, the kink proviso, definedness, constants in high precision, domain points.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import (
    Convergence,
    Corollary,
    Derivative,
    Identity,
    Inequality,
    Integer,
    Interval,
    Limit,
    Orthogonal,
    Real,
    Simplex,
    claim,
)
from verifier.language.domains import FullColumnRank
from verifier.language.mathlib import matrix, vector

x, t, a = sp.symbols("x t a")
zn = sp.Symbol("z", nonzero=True)
y = sp.Symbol("y")
xp = sp.Symbol("x", positive=True)
ki = sp.Symbol("k", integer=True)
TINY = [sp.Rational(1, 10**20), sp.Rational(1, 10**40)]
LEFT = [-v for v in TINY]
HUGE = [sp.Integer(10) ** 20, sp.Integer(10) ** 40]


# ----------------------------------------------------------------------------- symbol identity


@claim()
def integer_symbol_on_integers() -> Identity:
    """cos(πk)² = 1 for an integer=True k on {0, …, 5}.

    Proof: cos(πk) = (−1)ᵏ.
    """
    return Identity(sp.cos(sp.pi * ki) ** 2, sp.Integer(1), where={ki: Integer(0, 5)})


@claim(expect="refuted")
def positive_symbol_on_closed_unit_interval() -> Inequality:
    """x > 0 for a positive=True x declared on [0, 1] (false at x = 0)."""
    return Inequality(xp, ">", sp.Integer(0), where={xp: Interval(0, 1)})


# ----------------------------------------------------------------------------- limits


@claim(expect="refuted")
def exp_decay_any_rate() -> Limit:
    """lim_{t→∞} e^{−at} = 0 for every real a (false at a = 0)."""
    return Limit(sp.exp(-a * t), t, sp.oo, sp.Integer(0), where={a: Real()})


@claim()
def abs_ratio_from_the_right() -> Limit:
    """lim_{x→0⁺} |x|/x = 1.

    Proof: |x|/x = 1 for x > 0.
    """
    return Limit(sp.Abs(x) / x, x, 0, sp.Integer(1), dir="+")


@claim()
def floor_from_the_left() -> Limit:
    """lim_{x→0⁻} ⌊x⌋ = −1.

    Proof: ⌊x⌋ = −1 on [−1, 0).
    """
    return Limit(sp.floor(x), x, 0, sp.Integer(-1), dir="-")


@claim(expect="refuted")
def abs_ratio_from_the_left_is_one() -> Limit:
    """lim_{x→0⁻} |x|/x = 1 (it is −1)."""
    return Limit(sp.Abs(x) / x, x, 0, sp.Integer(1), dir="-")


@claim(expect="refuted")
def sin_reciprocal_at_zero() -> Limit:
    """lim_{x→0} sin(1/x) = 0 (no limit: 1 at x = 1/(π/2 + 2πk))."""
    return Limit(sp.sin(1 / x), x, 0, sp.Integer(0))


@claim()
def x_floor_reciprocal() -> Limit:
    """lim_{x→0} x⌊1/x⌋ = 1.

    Proof: 1/x − 1 < ⌊1/x⌋ ≤ 1/x; multiply by x (the inequalities flip for x < 0): |x⌊1/x⌋ − 1| ≤ |x|.
    """
    return Limit(x * sp.floor(1 / x), x, 0, sp.Integer(1))


@claim(expect="refuted")
def floor_squared_at_zero() -> Limit:
    """lim_{x→0} ⌊x⌋² = 0 (from the left it is 1)."""
    return Limit(sp.floor(x) ** 2, x, 0, sp.Integer(0))


@claim(expect="refuted")
def relu_ratio_at_zero() -> Limit:
    """lim_{x→0} max(x, 0)/x = 1 (from the left it is 0)."""
    return Limit(sp.Max(x, 0) / x, x, 0, sp.Integer(1))


@claim()
def abs_over_square_at_zero() -> Limit:
    """lim_{x→0} |x|/x² = ∞.

    Proof: |x|/x² = 1/|x| → +∞ from both sides.
    """
    return Limit(sp.Abs(x) / x**2, x, 0, sp.oo)


@claim(expect="refuted")
def reciprocal_cube_at_zero() -> Limit:
    """lim_{x→0} 1/x³ = ∞ (from the left it is −∞)."""
    return Limit(1 / x**3, x, 0, sp.oo)


@claim()
def flat_function_at_zero() -> Limit:
    """lim_{x→0} e^{−1/x²} = 0.

    Proof: −1/x² → −∞ from both sides.
    """
    return Limit(sp.exp(-1 / x**2), x, 0, sp.Integer(0))


@claim()
def e_two_sided() -> Limit:
    """lim_{x→0} (1 + x)^{1/x} = e.

    Proof: log((1 + x)^{1/x}) = log(1 + x)/x → 1 from both sides.
    """
    return Limit((1 + x) ** (1 / x), x, 0, sp.E)


# ----------------------------------------------------------------------------- one-step rates


@claim()
def abs_cube_map_constant_one() -> Convergence:
    """x ↦ |x|³ converges to 0 with e_{k+1}/e_k³ → 1.

    Proof: after one step every iterate is > 0, where the ratio is exactly 1 (from either start side).
    """
    return Convergence(sp.Abs(x) ** 3, x, root=0, order=3, constant=sp.Integer(1))


@claim()
def half_abs_map_rate() -> Convergence:
    """x ↦ |x|/2 converges linearly to 0 with e_{k+1}/e_k → 1/2.

    Proof: after one step every iterate is ≥ 0, where the ratio is exactly 1/2.
    """
    return Convergence(sp.Abs(x) / 2, x, root=0, order=1, constant=sp.Rational(1, 2))


@claim(expect="refuted")
def minus_x_abs_x_constant() -> Convergence:
    """x ↦ −x|x| with e_{k+1}/e_k² → −1 (the iterates alternate in sign and the ratio with them)."""
    return Convergence(-x * sp.Abs(x), x, root=0, order=2, constant=sp.Integer(-1))


# ----------------------------------------------------------------------------- corollaries


@claim()
def base_fact() -> Inequality:
    """x² ≥ 0 on ℝ.

    Proof: a square.
    """
    return Inequality(x**2, ">=", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def false_lemma() -> Inequality:
    """x² ≥ 1 on ℝ (false at x = 0)."""
    return Inequality(x**2, ">=", sp.Integer(1), where={x: Real()})


@claim(expect="refuted")
def corollary_of_a_false_lemma() -> Corollary:
    """x⁴ ≥ 1 on ℝ, stated, citing the false lemma (false at x = 0)."""
    return Corollary(
        of=("false_lemma",), because="square both sides",
        states=Inequality(x**4, ">=", sp.Integer(1), where={x: Real()}),
    )  # fmt: skip


@claim(expect="refuted")
def corollary_stating_one_is_two() -> Corollary:
    """1 = 2, stated, citing a true claim (false)."""
    return Corollary(of=("base_fact",), because="nothing", states=Identity(sp.Integer(1), sp.Integer(2)))


@claim()
def corollary_of_a_true_fact() -> Corollary:
    """x⁴ ≥ 0 on ℝ, stated, citing x² ≥ 0.

    Proof: x⁴ = (x²)².
    """
    return Corollary(
        of=("base_fact",), because="square", states=Inequality(x**4, ">=", sp.Integer(0), where={x: Real()}),
    )  # fmt: skip


# ----------------------------------------------------------------------------- floats


@claim()
def float_half_power() -> Identity:
    """(x²)^0.5 = |x| on ℝ (0.5 is exactly ½ in binary).

    Proof: √(x²) = |x|.
    """
    return Identity((x**2) ** sp.Float(0.5), sp.Abs(x), where={x: Real()})


# ----------------------------------------------------------------------------- kinks


@claim(expect="refuted")
def derivative_of_abs_is_heaviside() -> Derivative:
    """d/dx |x| = H(x) on ℝ (false at x = −1: it is −1)."""
    return Derivative(sp.Abs(x), x, sp.Heaviside(x), where={x: Real()})


@claim(expect="refuted")
def derivative_of_relu_wrong_side() -> Derivative:
    """d/dx max(x, 0) = H(−x) on ℝ (false at x = 1)."""
    return Derivative(sp.Max(x, 0), x, sp.Heaviside(-x), where={x: Real()})


# ----------------------------------------------------------------------------- constants, definedness


@claim()
def ramanujan_is_below() -> Inequality:
    """e^{π√163} < 640320³ + 744.

    Proof: e^{π√163} = 640320³ + 744 − 7.4999…·10⁻¹³ (Ramanujan's constant; mpmath at 60 digits).
    """
    return Inequality(sp.exp(sp.pi * sp.sqrt(163)), "<", sp.Integer(640320) ** 3 + 744)


@claim(expect="refuted")
def ramanujan_is_above() -> Inequality:
    """e^{π√163} > 640320³ + 744 (false: it is 7.5·10⁻¹³ below)."""
    return Inequality(sp.exp(sp.pi * sp.sqrt(163)), ">", sp.Integer(640320) ** 3 + 744)


@claim()
def one_plus_tiny_exponential_above() -> Inequality:
    """1 + e^{−10000} > 1.

    Proof: e^{−10000} > 0.
    """
    return Inequality(1 + sp.exp(-(sp.Integer(10) ** 4)), ">", sp.Integer(1))


@claim()
def heptagon_cosines() -> Identity:
    """cos(π/7) − cos(2π/7) + cos(3π/7) = 1/2.

    Proof: a classical identity (sum of cos(kπ/7) via 2 sin(π/14) telescoping).
    """
    return Identity(sp.cos(sp.pi / 7) - sp.cos(2 * sp.pi / 7) + sp.cos(3 * sp.pi / 7), sp.Rational(1, 2))


# ----------------------------------------------------------------------------- domain points


@claim(n=[3])
def simplex_mass_at_most_one(n: int) -> Inequality:
    """1 − Σpᵢ ≥ 0 on the simplex.

    Proof: Σpᵢ = 1 exactly.
    """
    p = vector("p", n)
    return Inequality(1 - sum(p), ">=", sp.Integer(0), where={p: Simplex()})


@claim(n=[3])
def orthogonal_entry_at_most_one(n: int) -> Inequality:
    """|Q₁₁| ≤ 1 for orthogonal Q.

    Proof: the first column of Q has norm 1.
    """
    Q = sp.MatrixSymbol("Q", n, n)
    return Inequality(sp.Abs(Q[0, 0]), "<=", sp.Integer(1), where={Q: Orthogonal()})


@claim(n=[3])
def orthogonal_column_norm_at_most_one(n: int) -> Inequality:
    """Q₁₁² + Q₂₁² + Q₃₁² ≤ 1 for orthogonal Q.

    Proof: the first column of Q has norm exactly 1.
    """
    Q = sp.MatrixSymbol("Q", n, n)
    return Inequality(Q[0, 0] ** 2 + Q[1, 0] ** 2 + Q[2, 0] ** 2, "<=", sp.Integer(1), where={Q: Orthogonal()})


@claim()
def derivative_of_floor_away_from_integers() -> Derivative:
    """d⌊x⌋/dx = 0 on ℝ, away from the integers where ⌊x⌋ jumps.

    Proof: ⌊x⌋ is constant on each (k, k + 1).
    """
    return Derivative(sp.floor(x), x, sp.Integer(0), where={x: Real()})


@claim()
def nonzero_symbol_on_positive_interval() -> Identity:
    """z/z = 1 for a nonzero=True z declared on [1, 2].

    Proof: the domain implies z ≠ 0.
    """
    return Identity(zn / zn, sp.Integer(1), where={zn: Interval(1, 2)})


@claim(expect="refuted")
def sqrt_of_square_minus_a_hundredth() -> Inequality:
    """√(x² − 1/100) ≥ 0 on ℝ: complex for |x| < 1/10 (false at x = 0: the left side is i/10)."""
    return Inequality(sp.sqrt(x**2 - sp.Rational(1, 100)), ">=", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def sqrt_of_product_on_reals() -> Identity:
    """√(xy) = √x·√y on ℝ² (false at x = y = −1: 1 against i·i = −1; complex for x < 0 < y)."""
    return Identity(sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y), where={x: Real(), y: Real()})


@claim(expect="refuted")
def log_of_product_on_an_interval() -> Identity:
    """log(xy) = log x + log y for x ∈ [−2, 3], y ∈ [1, 2]: both sides undefined (complex) for x < 0."""
    return Identity(sp.log(x * y), sp.log(x) + sp.log(y), where={x: Interval(-2, 3), y: Interval(1, 2)})


@claim(expect="refuted")
def cancelled_fraction_on_reals() -> Identity:
    """(x² − x)/x = x − 1 on ℝ: the left side is undefined at x = 0."""
    return Identity((x**2 - x) / x, x - 1, where={x: Real()})


@claim(n=[3])
def gram_determinant_full_column_rank(n: int) -> Inequality:
    """det(XᵀX) > 0 for a 3×2 X of full column rank.

    Proof: XᵀX is positive definite when X has independent columns.
    """
    X = matrix("X", n)[:, :2]
    return Inequality((X.T * X).det(), ">", sp.Integer(0), where={X: FullColumnRank()})


@claim(expect="refuted")
def e_to_pi_minus_pi_to_e() -> Identity:
    """e^π − π^e = 0.6815 (false: it is 0.68153…)."""
    return Identity(sp.exp(sp.pi) - sp.pi**sp.E, sp.Rational(6815, 10000))


@claim()
def tiny_exponential_is_positive() -> Inequality:
    """e^{−10000} > 0.

    Proof: exp is positive.
    """
    return Inequality(sp.exp(-(sp.Integer(10) ** 4)), ">", sp.Integer(0))


@claim(expect="refuted")
def logistic_at_zero() -> Limit:
    """lim_{x→0} e^{1/x}/(1 + e^{1/x}) = 1 (from the left it is 0)."""
    return Limit(sp.exp(1 / x) / (1 + sp.exp(1 / x)), x, 0, sp.Integer(1))


@claim(expect="refuted")
def x_abs_x_plus_cube_constant_one() -> Convergence:
    """x ↦ x|x| + x³ with e_{k+1}/e_k² → 1 (from the left the iterates stay < 0 and the ratio is −1 + x)."""
    return Convergence(x * sp.Abs(x) + x**3, x, root=0, order=2, constant=sp.Integer(1))


@claim()
def float_constant_of_halved_square() -> Convergence:
    """x ↦ x²/2 with e_{k+1}/e_k² → 0.5 (0.5 is exactly ½ in binary).

    Proof: the ratio is exactly ½.
    """
    return Convergence(x**2 / 2, x, root=0, order=2, constant=sp.Float(0.5))


W = sp.pi / 2 + 2 * sp.pi * 10**6
TRUTH = {
    "integer_symbol_on_integers": ("true", 1, None),
    "positive_symbol_on_closed_unit_interval": ("malformed", 1, None),
    "exp_decay_any_rate": ("false", 2, {"a": 0, "along": HUGE}),
    "abs_ratio_from_the_right": ("true", 2, None),
    "floor_from_the_left": ("true", 2, None),
    "abs_ratio_from_the_left_is_one": ("false", 2, {"along": LEFT}),
    "sin_reciprocal_at_zero": ("false", 2, {"along": [1 / W]}),
    "x_floor_reciprocal": ("true", 2, None),
    "floor_squared_at_zero": ("false", 2, {"along": LEFT}),
    "relu_ratio_at_zero": ("false", 2, {"along": LEFT}),
    "abs_over_square_at_zero": ("true", 2, None),
    "reciprocal_cube_at_zero": ("false", 2, {"along": LEFT}),
    "flat_function_at_zero": ("true", 2, None),
    "e_two_sided": ("true", 2, None),
    "abs_cube_map_constant_one": ("true", 2, None),
    "half_abs_map_rate": ("true", 2, None),
    "minus_x_abs_x_constant": ("false", 2, {"along": LEFT}),
    "base_fact": ("true", 7, None),
    "false_lemma": ("false", 7, {"x": 0}),
    "corollary_of_a_false_lemma": ("false", 7, {"x": 0}),
    "corollary_stating_one_is_two": ("false", 7, {}),
    "corollary_of_a_true_fact": ("true", 7, None),
    "float_half_power": ("true", 6, None),
    "derivative_of_abs_is_heaviside": ("false", 5, {"x": -1}),
    "derivative_of_relu_wrong_side": ("false", 5, {"x": 1}),
    "ramanujan_is_below": ("true", 6, None),
    "ramanujan_is_above": ("false", 6, {}),
    "one_plus_tiny_exponential_above": ("true", 6, None),
    "heptagon_cosines": ("true", 6, None),
    "simplex_mass_at_most_one": ("true", 3, None),
    "orthogonal_entry_at_most_one": ("true", 3, None),
    "orthogonal_column_norm_at_most_one": ("true", 3, None),
    "derivative_of_floor_away_from_integers": ("true", 5, None),
    "nonzero_symbol_on_positive_interval": ("true", 1, None),
    "sqrt_of_square_minus_a_hundredth": ("partial", 5, {"x": 0}),
    "sqrt_of_product_on_reals": ("partial", 5, {"x": -1, "y": -1}),
    "log_of_product_on_an_interval": ("partial", 5, None),
    "cancelled_fraction_on_reals": ("partial", 5, None),
    "gram_determinant_full_column_rank": ("true", 3, None),
    "e_to_pi_minus_pi_to_e": ("false", 6, {}),
    "tiny_exponential_is_positive": ("true", 6, None),
    "logistic_at_zero": ("false", 2, {"along": LEFT}),
    "x_abs_x_plus_cube_constant_one": ("false", 2, {"along": LEFT}),
    "float_constant_of_halved_square": ("true", 6, None),
}
