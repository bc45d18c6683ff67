"""Issue 37, class 3: a red team of the new numeric rules (certified expectations, critical points,
domain ends, undefined conclusions), each probe aimed where the rule could slip.

Holes found and fixed with these probes: a certified expectation of size e^{800} was compared in floats
(inf against inf passed, so E e^{40X} = 2e^{800} was CHECKED); Monte Carlo passed expectations that do
not exist (E 1/X = 0, E 1/X² = 5, E tan X over a pole); an Interval end given as a float was read by
nsimplify where an irrational point was tested (0.30000000000000004 as 3/10: a true claim REFUTED;
1.4142135623730951 as √2 in the proof's parametrisation); an irrational Interval end crashed the
sampler; Newton on a Heaviside's gap crashed on lambdify's DiracDelta.

Values used (mpmath at 30 digits, against the closed forms in the docstrings): E sin X/X = 0.855624391892…,
E log|X| = −0.635181422730…, E|X|^{1/2} = 0.822178958662…, E max(X, 0)^{1/3} = 0.428768849232… for
X ~ N(0, 1). TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Expectation, Inequality, Integer, Interval, Normal, Real, Uniform, claim
from verifier.language.stepwise import Implication, Relation

X, a, x, y = sp.symbols("X a x y")
kk = sp.Symbol("kk", integer=True)
HALF, ZERO, ONE = sp.Rational(1, 2), sp.Integer(0), sp.Integer(1)


def tiny(k: int) -> sp.Rational:
    return sp.Rational(1, 10**k)


def phi(m: sp.Expr) -> sp.Expr:
    return sp.exp(-(m**2) / 2) / sp.sqrt(2 * sp.pi)


def abs_mean(m: sp.Expr) -> sp.Expr:
    """E|X − m| for X ~ N(0, 1): 2φ(m) + m·erf(m/√2)."""
    return 2 * phi(m) + m * sp.erf(m / sp.sqrt(2))


# ----------------------------------------------------------------------------- sizes beyond a float


@claim()
def exponential_mean_beyond_float() -> Expectation:
    """E e^{40X} = e^{800} for X ~ N(0, 1): the value overflows a float (e^{709} is the largest).

    Proof: the moment generating function of N(0, 1) at 40, e^{40²/2}.
    """
    return Expectation(sp.exp(40 * X), sp.exp(800), noise={X: Normal(0, 1)})


@claim()
def exponential_mean_beyond_float_doubled() -> Expectation:
    """E e^{40X} = 2e^{800} for X ~ N(0, 1) (false: it is e^{800}; compared as floats, inf = inf)."""
    return Expectation(sp.exp(40 * X), 2 * sp.exp(800), noise={X: Normal(0, 1)})


@claim()
def exponential_mean_wrong_only_when_huge() -> Expectation:
    """E e^{aX} = e^{a²/2}(1 + H(a − 40)) for X ~ N(0, 1), a ∈ [0, 44] (false for a > 40, where it overflows)."""
    rhs = sp.exp(a**2 / 2) * (1 + sp.Heaviside(a - 40))
    return Expectation(sp.exp(a * X), rhs, noise={X: Normal(0, 1)}, where={a: Interval(0, 44)})


@claim()
def exponential_mean_any_real_rate() -> Expectation:
    """E e^{aX} = e^{a²/2} for X ~ N(0, 1), at every real a (the samples include large |a|).

    Proof: the moment generating function of N(0, 1).
    """
    return Expectation(sp.exp(a * X), sp.exp(a**2 / 2), noise={X: Normal(0, 1)}, where={a: Real()})


# ----------------------------------------------------------------------------- expectations that do not exist


@claim()
def reciprocal_of_normal_is_zero() -> Expectation:
    """E 1/X = 0 for X ~ N(0, 1): undefined (∫|1/x|φ(x) dx = ∞ near 0), though its principal value is 0."""
    return Expectation(1 / X, ZERO, noise={X: Normal(0, 1)})


@claim()
def inverse_square_of_uniform_is_five() -> Expectation:
    """E 1/X² = 5 for X ~ U(−1, 1): undefined, the integral of 1/x² over (−1, 1) is +∞."""
    return Expectation(1 / X**2, sp.Integer(5), noise={X: Uniform(-1, 1)})


@claim()
def tangent_over_its_pole() -> Expectation:
    """E tan X = −log(−cos 2)/2 for X ~ U(0, 2): undefined, tan has a pole at π/2 (that is the principal value)."""
    return Expectation(sp.tan(X), -sp.log(-sp.cos(2)) / 2, noise={X: Uniform(0, 2)})


# ----------------------------------------------------------------------------- singular but integrable (Monte Carlo)


@claim()
def sinc_mean() -> Expectation:
    """E sin X/X = √(π/2)·erf(1/√2) for X ~ N(0, 1): a removable singularity at the mean.

    Proof: sin x/x = ∫₀¹ cos(tx) dt and E cos(tX) = e^{−t²/2}, so E = ∫₀¹ e^{−t²/2} dt = √(π/2) erf(1/√2).
    """
    return Expectation(sp.sin(X) / X, sp.sqrt(sp.pi / 2) * sp.erf(1 / sp.sqrt(2)), noise={X: Normal(0, 1)})


@claim()
def log_abs_mean() -> Expectation:
    """E log|X| = −(γ + log 2)/2 for X ~ N(0, 1): a log singularity at the mean.

    Proof: X² ~ χ²₁ = Gamma(½, 2), E log X² = ψ(½) + log 2 = −γ − log 2, halved.
    """
    return Expectation(sp.log(sp.Abs(X)), -(sp.EulerGamma + sp.log(2)) / 2, noise={X: Normal(0, 1)})


# ----------------------------------------------------------------------------- branch points and jumps, certified


@claim()
def root_abs_mean() -> Expectation:
    """E|X|^{1/2} = 2^{1/4}Γ(3/4)/√π for X ~ N(0, 1): a branch point at the mean.

    Proof: E|X|^p = 2^{p/2}Γ((p + 1)/2)/√π (substitute u = x²/2), at p = ½.
    """
    value = 2 ** sp.Rational(1, 4) * sp.gamma(sp.Rational(3, 4)) / sp.sqrt(sp.pi)
    return Expectation(sp.sqrt(sp.Abs(X)), value, noise={X: Normal(0, 1)})


@claim()
def relu_cube_root_mean() -> Expectation:
    """E max(X, 0)^{1/3} = 2^{1/6}Γ(2/3)/(2√π) for X ~ N(0, 1): a kink and a branch point at 0.

    Proof: half of E|X|^{1/3} = 2^{1/6}Γ(2/3)/√π, by symmetry.
    """
    value = 2 ** sp.Rational(1, 6) * sp.gamma(sp.Rational(2, 3)) / sp.sqrt(sp.pi) / 2
    return Expectation(sp.Max(X, 0) ** sp.Rational(1, 3), value, noise={X: Normal(0, 1)})


@claim()
def floor_mean_jump_at_first_split() -> Expectation:
    """E⌊X⌋ = 3/2 for X ~ U(0, 4): a jump at 2, the integrator's first split, and at 1 and 3.

    Proof: ⌊X⌋ takes 0, 1, 2, 3 with probability ¼ each.
    """
    return Expectation(sp.floor(X), sp.Rational(3, 2), noise={X: Uniform(0, 4)})


@claim()
def floor_mean_jump_off() -> Expectation:
    """E⌊X⌋ = 3/2 + 10⁻¹² for X ~ U(0, 4) (false: it is 3/2)."""
    return Expectation(sp.floor(X), sp.Rational(3, 2) + tiny(12), noise={X: Uniform(0, 4)})


@claim()
def floor_of_normal() -> Expectation:
    """E⌊X⌋ = −½ for X ~ N(0, 1) (no growth bound for ⌊·⌋ here: Monte Carlo).

    Proof: ⌊−x⌋ = −⌊x⌋ − 1 off the integers, and X has the law of −X, so E⌊X⌋ = −E⌊X⌋ − 1.
    """
    return Expectation(sp.floor(X), -HALF, noise={X: Normal(0, 1)})


@claim()
def heaviside_of_normal() -> Expectation:
    """E H(X) = ½ for X ~ N(0, 1), whatever H(0) is.

    Proof: P(X > 0) = ½ and P(X = 0) = 0.
    """
    return Expectation(sp.Heaviside(X), HALF, noise={X: Normal(0, 1)})


@claim()
def sign_times_x_mean() -> Expectation:
    """E sign(X)·X = √(2/π) for X ~ N(0, 1).

    Proof: sign(x)·x = |x|, and E|X| = 2φ(0) = √(2/π).
    """
    return Expectation(sp.sign(X) * X, sp.sqrt(2 / sp.pi), noise={X: Normal(0, 1)})


@claim()
def kink_in_uniform_with_irrational_end() -> Expectation:
    """E|X − 1| = √2 − 1 for X ~ U(0, √2): an irrational end, a kink inside.

    Proof: ∫₀^{√2}|x − 1| dx = ½ + (√2 − 1)²/2 = 2 − √2, divided by √2.
    """
    return Expectation(sp.Abs(X - 1), sp.sqrt(2) - 1, noise={X: Uniform(0, sp.sqrt(2))})


@claim()
def kink_in_uniform_with_irrational_end_off() -> Expectation:
    """E|X − 1| = √2 − 1 + 10⁻²⁰ for X ~ U(0, √2) (false: it is √2 − 1)."""
    return Expectation(sp.Abs(X - 1), sp.sqrt(2) - 1 + tiny(20), noise={X: Uniform(0, sp.sqrt(2))})


@claim()
def max_with_a_parameter() -> Expectation:
    """E max(X, a) = (1 + a²)/2 for X ~ U(0, 1), a ∈ [0, 1]: the kink sits at a sampled parameter.

    Proof: ∫₀^a a dx + ∫_a^1 x dx = a² + (1 − a²)/2.
    """
    return Expectation(sp.Max(X, a), (1 + a**2) / 2, noise={X: Uniform(0, 1)}, where={a: Interval(0, 1)})


@claim()
def max_with_a_parameter_off() -> Expectation:
    """E max(X, a) = (1 + a²)/2 + 10⁻²⁰ for X ~ U(0, 1), a ∈ [0, 1] (false at a = 0)."""
    rhs = (1 + a**2) / 2 + tiny(20)
    return Expectation(sp.Max(X, a), rhs, noise={X: Uniform(0, 1)}, where={a: Interval(0, 1)})


@claim()
def abs_with_parameter_ends() -> Expectation:
    """E|X| = (a² + (a + 1)²)/2 for X ~ U(a, a + 1), a ∈ [−1, 0]: the kink moves through the support.

    Proof: ∫_a^0 (−x) dx + ∫_0^{a+1} x dx = a²/2 + (a + 1)²/2, over a width of 1.
    """
    rhs = (a**2 + (a + 1) ** 2) / 2
    return Expectation(sp.Abs(X), rhs, noise={X: Uniform(a, a + 1)}, where={a: Interval(-1, 0)})


@claim()
def kinks_at_sevenths() -> Expectation:
    """E Σ_{k=−6}^{6}|X − k/7| = Σ E|X − k/7| for X ~ N(0, 1): thirteen kinks, none at a dyadic split.

    Proof: linearity, and E|X − m| = 2φ(m) + m·erf(m/√2) (split at m, ∫ zφ(z) dz = −φ).
    """
    ms = [sp.Rational(k, 7) for k in range(-6, 7)]
    return Expectation(sum(sp.Abs(X - m) for m in ms), sum(abs_mean(m) for m in ms), noise={X: Normal(0, 1)})


@claim()
def kinks_at_sevenths_is_one() -> Expectation:
    """E Σ_{k=−6}^{6}|X − k/7| = 13 for X ~ N(0, 1) (false: each term is at least E|X| = 0.79…, the sum ≈ 14.1)."""
    ms = [sp.Rational(k, 7) for k in range(-6, 7)]
    return Expectation(sum(sp.Abs(X - m) for m in ms), sp.Integer(13), noise={X: Normal(0, 1)})


# ----------------------------------------------------------------------------- huge variances, wide supports


@claim()
def cosine_with_variance_hundred() -> Expectation:
    """E cos X = e^{−50} for X ~ N(0, 100).

    Proof: E cos(X) = Re E e^{iX} = e^{−σ²/2}.
    """
    return Expectation(sp.cos(X), sp.exp(-50), noise={X: Normal(0, 100)})


@claim()
def cosine_with_variance_hundred_is_zero() -> Expectation:
    """E cos X = 0 for X ~ N(0, 100) (false: it is e^{−50} ≈ 1.9·10⁻²²)."""
    return Expectation(sp.cos(X), ZERO, noise={X: Normal(0, 100)})


@claim()
def cosine_with_variance_ten_thousand() -> Expectation:
    """E cos X = e^{−5000} for X ~ N(0, 10⁴): 1600 periods over the integration range.

    Proof: E cos(X) = e^{−σ²/2}.
    """
    return Expectation(sp.cos(X), sp.exp(-5000), noise={X: Normal(0, 10**4)})


@claim()
def sigmoid_with_variance_1e8() -> Expectation:
    """E σ(X) = ½ for X ~ N(0, 10⁸): the sigmoid is a step at the scale of σ.

    Proof: σ(t) + σ(−t) = 1 and X has the law of −X.
    """
    return Expectation(1 / (1 + sp.exp(-X)), HALF, noise={X: Normal(0, 10**8)})


@claim()
def cosine_over_a_million_wide_uniform() -> Expectation:
    """E cos X = sin(10⁶)/10⁶ for X ~ U(0, 10⁶): too oscillatory for the evaluation limit (Monte Carlo).

    Proof: ∫₀^{10⁶} cos x dx = sin(10⁶).
    """
    return Expectation(sp.cos(X), sp.sin(10**6) / 10**6, noise={X: Uniform(0, 10**6)})


@claim()
def abs_sine_integer_frequency() -> Expectation:
    """E|sin(kX)| = 2/π for X ~ U(0, π), k ∈ {50, …, 100}: k kinks at irrational points.

    Proof: substitute u = kx: (1/π)·(1/k)·∫₀^{kπ}|sin u| du = (1/π)(1/k)(2k) = 2/π.
    """
    return Expectation(sp.Abs(sp.sin(kk * X)), 2 / sp.pi, noise={X: Uniform(0, sp.pi)}, where={kk: Integer(50, 100)})


@claim()
def abs_sine_parameter_frequency_is_zero() -> Expectation:
    """E|sin(aX)| = 0 for X ~ U(0, 1), a ∈ [20, 60] (false at a = 20: |sin| > 0 off a null set)."""
    return Expectation(sp.Abs(sp.sin(a * X)), ZERO, noise={X: Uniform(0, 1)}, where={a: Interval(20, 60)})


@claim()
def tanh_pair_cancels() -> Expectation:
    """E[tanh(X + a) + tanh(X − a)] = 0 for X ~ N(0, 1), at every real a.

    Proof: tanh is odd and X has the law of −X: E tanh(X + a) = E tanh(−X + a) = −E tanh(X − a).
    """
    rhs = ZERO
    return Expectation(sp.tanh(X + a) + sp.tanh(X - a), rhs, noise={X: Normal(0, 1)}, where={a: Real()})


# ----------------------------------------------------------------------------- interval ends read exactly


@claim()
def float_end_excludes_an_irrational_root() -> Inequality:
    """(x − c)² > 0 for c = 3/10 + √2·10⁻¹⁷, on [0.30000000000000004, 1]: c lies below the domain.

    Proof: c < 3/10 + 1.5·10⁻¹⁷ < 0.30000000000000004 (and the float's binary value is larger still),
    so x − c > 0 on the domain. Read as nsimplify reads the end (3/10), c would be inside.
    """
    c = sp.Rational(3, 10) + sp.sqrt(2) / 10**17
    return Inequality((x - c) ** 2, ">", ZERO, where={x: Interval(0.30000000000000004, 1)})


@claim()
def float_end_just_above_root_two() -> Inequality:
    """x² < 2 on [0, 1.4142135623730951) (false at x = 1.4142135623730951, above √2 = 1.41421356237309504…)."""
    return Inequality(x**2, "<", sp.Integer(2), where={x: Interval(0, 1.4142135623730951, open_hi=True)})


@claim()
def irrational_interval_end() -> Inequality:
    """cos(x/2) ≥ 0 on [0, π] with π given as a sympy constant: the exact reading of the end is undefined
    (Interval ends are read as Fractions), so the declaration is refused, not crashed on."""
    return Inequality(sp.cos(x / 2), ">=", ZERO, where={x: Interval(0, sp.pi)})


@claim()
def heaviside_at_least_half() -> Inequality:
    """H(x) ≥ ½ on [0, 1], with H(0) = ½ (sympy's convention): its slope is a DiracDelta.

    Proof: H(0) = ½ and H(x) = 1 for x > 0.
    """
    return Inequality(sp.Heaviside(x), ">=", HALF, where={x: Interval(0, 1)})


@claim()
def sign_nonnegative_on_unit() -> Inequality:
    """sign(x) ≥ 0 on [0, 1].

    Proof: sign(0) = 0 and sign(x) = 1 for x > 0.
    """
    return Inequality(sp.sign(x), ">=", ZERO, where={x: Interval(0, 1)})


@claim()
def square_zero_only_at_open_end() -> Inequality:
    """x² − 2x + 1 > 0 on (1, 2]: 0 only at the excluded end x = 1.

    Proof: x² − 2x + 1 = (x − 1)² > 0 for x ≠ 1.
    """
    return Inequality(x**2 - 2 * x + 1, ">", ZERO, where={x: Interval(1, 2, open_lo=True)})


@claim()
def sine_below_identity_open_end() -> Inequality:
    """sin x < x on (0, 1]: equality only at the excluded end 0, the gap x³/6 below every float there.

    Proof: (x − sin x)' = 1 − cos x ≥ 0, zero only at isolated points, and x − sin x = 0 at 0.
    """
    return Inequality(sp.sin(x), "<", x, where={x: Interval(0, 1, open_lo=True)})


@claim()
def kink_at_dyadic_open_end() -> Inequality:
    """|x − 2⁻¹⁰| > 0 on (2⁻¹⁰, 1]: the kink is the excluded end.

    Proof: x > 2⁻¹⁰ on the domain.
    """
    d = sp.Rational(1, 1024)
    return Inequality(sp.Abs(x - d), ">", ZERO, where={x: Interval(d, 1, open_lo=True)})


@claim()
def kink_at_dyadic_closed() -> Inequality:
    """|x − 2⁻¹⁰| > 0 on [0, 1] (false at x = 2⁻¹⁰)."""
    d = sp.Rational(1, 1024)
    return Inequality(sp.Abs(x - d), ">", ZERO, where={x: Interval(0, 1)})


# ----------------------------------------------------------------------------- conclusions undefined off the premise


@claim()
def log_bound_where_positive() -> Implication:
    """x > 0 ⇒ log x ≤ x − 1 on ℝ: log x is undefined only where the premise fails.

    Proof: log is concave with tangent x − 1 at 1.
    """
    return Implication(Relation(x, ">", ZERO), Relation(sp.log(x), "<=", x - 1), where={x: Real()})


@claim()
def pole_off_the_premise() -> Implication:
    """x(x − 1) = 0 ⇒ 1/(x + 1) > 0 on ℝ: the pole x = −1 is not a root of the premise.

    Proof: the premise gives x ∈ {0, 1}, where 1/(x + 1) is 1 or ½.
    """
    return Implication(Relation(x * (x - 1), "=", ZERO), Relation(1 / (x + 1), ">", ZERO), where={x: Real()})


@claim()
def reciprocal_where_product_is_one() -> Implication:
    """xy = 1 ⇒ y = 1/x on ℝ²: x = 0 never satisfies the premise.

    Proof: xy = 1 forces x ≠ 0, and then y = 1/x.
    """
    return Implication(Relation(x * y, "=", ONE), Relation(y, "=", 1 / x), where={x: Real(), y: Real()})


@claim()
def sinc_at_the_premise_point() -> Implication:
    """x² = 0 ⇒ sin x/x = 1 on ℝ (false: the premise holds at x = 0, where sin x/x has no value)."""
    return Implication(Relation(x**2, "=", ZERO), Relation(sp.sin(x) / x, "=", ONE), where={x: Real()})


# ----------------------------------------------------------------------------- claims written with decimals


@claim()
def decimal_mean_of_uniform() -> Expectation:
    """E X = 0.2 for X ~ U(0.1, 0.3), as a student types it.

    Proof: the mean of U(a, b) is (a + b)/2 = 0.2; in binary the ends and 0.2 differ from 1/10, 3/10 and
    1/5 by about 10⁻¹⁷, which the claim's decimals do not state (read to 12 digits).
    """
    return Expectation(X, 0.2, noise={X: Uniform(0.1, 0.3)})


@claim()
def decimal_abs_mean_of_uniform() -> Expectation:
    """E|X − 0.2| = 0.05 for X ~ U(0.1, 0.3), written with decimals.

    Proof: |X − 0.2| is uniform on [0, 0.1] folded twice, with mean 0.05; the binary rounding of the
    decimals moves the integral by about 10⁻¹⁷ (certified integration saw 0.0499999999999999958).
    """
    return Expectation(sp.Abs(X - 0.2), 0.05, noise={X: Uniform(0.1, 0.3)})


@claim()
def decimal_mean_of_uniform_off() -> Expectation:
    """E X = 0.2001 for X ~ U(0.1, 0.3) (false: it is 0.2; a gap of 10⁻⁴ is no rounding of a decimal)."""
    return Expectation(X, 0.2001, noise={X: Uniform(0.1, 0.3)})


@claim()
def decimal_abs_mean_of_uniform_off() -> Expectation:
    """E|X − 0.2| = 0.05 + 10⁻⁹ for X ~ U(0.1, 0.3) (false: a gap of 10⁻⁹ is above the 12 digits a decimal states)."""
    return Expectation(sp.Abs(X - 0.2), 0.050000001, noise={X: Uniform(0.1, 0.3)})


TRUTH = {
    "exponential_mean_beyond_float": ("true", 3, None),
    "exponential_mean_beyond_float_doubled": ("false", 3, {}),
    "exponential_mean_wrong_only_when_huge": ("false", 3, {"a": 42}),
    "exponential_mean_any_real_rate": ("true", 3, None),
    "reciprocal_of_normal_is_zero": ("partial", 3, None),
    "inverse_square_of_uniform_is_five": ("partial", 3, None),
    "tangent_over_its_pole": ("partial", 3, None),
    "sinc_mean": ("true", 3, None),
    "log_abs_mean": ("true", 3, None),
    "root_abs_mean": ("true", 3, None),
    "relu_cube_root_mean": ("true", 3, None),
    "floor_mean_jump_at_first_split": ("true", 3, None),
    "floor_mean_jump_off": ("false", 3, {}),
    "floor_of_normal": ("true", 3, None),
    "heaviside_of_normal": ("true", 3, None),
    "sign_times_x_mean": ("true", 3, None),
    "kink_in_uniform_with_irrational_end": ("true", 3, None),
    "kink_in_uniform_with_irrational_end_off": ("false", 3, {}),
    "max_with_a_parameter": ("true", 3, None),
    "max_with_a_parameter_off": ("false", 3, {"a": 0}),
    "abs_with_parameter_ends": ("true", 3, None),
    "kinks_at_sevenths": ("true", 3, None),
    "kinks_at_sevenths_is_one": ("false", 3, {}),
    "cosine_with_variance_hundred": ("true", 3, None),
    "cosine_with_variance_hundred_is_zero": ("false", 3, {}),
    "cosine_with_variance_ten_thousand": ("true", 3, None),
    "sigmoid_with_variance_1e8": ("true", 3, None),
    "cosine_over_a_million_wide_uniform": ("true", 3, None),
    "abs_sine_integer_frequency": ("true", 3, None),
    "abs_sine_parameter_frequency_is_zero": ("false", 3, {"a": 20}),
    "tanh_pair_cancels": ("true", 3, None),
    "float_end_excludes_an_irrational_root": ("true", 3, None),
    "float_end_just_above_root_two": ("false", 3, {"x": sp.Rational(141421356237309510, 10**17)}),
    "irrational_interval_end": ("malformed", 3, None),
    "heaviside_at_least_half": ("true", 3, None),
    "sign_nonnegative_on_unit": ("true", 3, None),
    "square_zero_only_at_open_end": ("true", 3, None),
    "sine_below_identity_open_end": ("true", 3, None),
    "kink_at_dyadic_open_end": ("true", 3, None),
    "kink_at_dyadic_closed": ("false", 3, {"x": sp.Rational(1, 1024)}),
    "log_bound_where_positive": ("true", 5, None),
    "pole_off_the_premise": ("true", 5, None),
    "reciprocal_where_product_is_one": ("true", 5, None),
    "sinc_at_the_premise_point": ("false", 5, {"x": 0}),
    "decimal_mean_of_uniform": ("true", 3, None),
    "decimal_abs_mean_of_uniform": ("true", 3, None),
    "decimal_mean_of_uniform_off": ("false", 3, {}),
    "decimal_abs_mean_of_uniform_off": ("false", 3, {}),
}

KNOWN_WRONG: set[str] = set()  # every wrong verdict found here is fixed (see the module docstring)
