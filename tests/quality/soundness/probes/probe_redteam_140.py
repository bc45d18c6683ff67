"""Red team 140: identities in one symbol false only where a jump sits at an irrational point.

sign(x − π)² = 1 on ℝ, x·sign(x² − 2)² = x, H₁(x² − 2) + H₁(2 − x²) = 1 (Heaviside with the value 1 at 0),
[x² ≥ 2] = [x² > 2] and sign(sin x)² = 1 on [1, 4] were CHECKED: each is false at one point (π, ±√2), which no
float sample meets, and the case points (numeric/checks/case_points.py) solved only the equations of a
Piecewise's x = c and x ≠ c. They solve now the boundary of every relation of a Piecewise condition and the zero
of the argument of sign and Heaviside, and compare the sides there exactly: each is REFUTED at π or −√2. The true
controls beside them have jumps at the same points, where the sides agree. The same for inequalities in one
symbol: H(x² − 2) + H(2 − x²) ≤ 1 (H(0) = 1) and [x² ≥ 2] ≤ [x² > 2] were CHECKED; the exact critical points
(numeric/checks/critical.py) take the jumps of sign, Heaviside and a Piecewise's relations as they take the kinks of
|·|, max and min, and both are REFUTED at −√2.

A jump of floor at an irrational point, ⌊x/√2⌋ − ⌈x/√2⌉ + 1 = 0 on [1, 3] (false at x = √2 and 2√2), was CHECKED
too: on a bounded interval the case points now take the points where a linear argument of floor, ceiling or frac
is an integer, and it is REFUTED at √2. In several scalar symbols the case points took none: y·(2 − sign(x² − 2)²)
= y was CHECKED; each symbol is now solved for with the others held at simple points (as the pole search does),
and it is REFUTED at x = √2, y = 1/3. Still CHECKED (KNOWN_WRONG), the same jumps in claims of other kinds:
a gradient of x² + y² off on the circle x² + y² = 3, which has no rational point, and d/dx (x·sign(a² − 2)²) = 1,
false at a = √2 only. E[X² + 1 − sign(a² − 2)²] = 1 for X ~ N(0, 1), false there too, was CHECKED; since red team
170 an expectation's exact identity is tried at its parameters' case points, and it is REFUTED at a = −√2.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Derivative, Expectation, Identity, Inequality, Interval, Normal, Real, Step, claim
from verifier.language.stepwise import Implication, Relation

x = sp.Symbol("x")
y = sp.Symbol("y")
a = sp.Symbol("a")
X = sp.Symbol("X")
ROOT2 = sp.sqrt(2)


@claim()
def sign_squared_off_at_pi() -> Identity:
    """sign(x − π)² = 1 on ℝ (false at x = π: the left side is 0)."""
    return Identity(sp.sign(x - sp.pi) ** 2, sp.Integer(1), where={x: Real()})


@claim()
def sign_squared_off_at_root_two() -> Identity:
    """x·sign(x² − 2)² = x on ℝ (false at x = √2: the left side is 0)."""
    return Identity(x * sp.sign(x**2 - 2) ** 2, x, where={x: Real()})


@claim()
def heaviside_one_at_zero_counted_twice() -> Identity:
    """H(x² − 2) + H(2 − x²) = 1 with H(0) = 1 (false at x = √2: the left side is 2)."""
    return Identity(sp.Heaviside(x**2 - 2, 1) + sp.Heaviside(2 - x**2, 1), sp.Integer(1), where={x: Real()})


@claim()
def weak_and_strict_inequality_rows() -> Identity:
    """[x² ≥ 2] = [x² > 2] on ℝ (false at x = √2: 1 against 0)."""
    left = sp.Piecewise((1, x**2 >= 2), (0, True))
    right = sp.Piecewise((1, x**2 > 2), (0, True))
    return Identity(left, right, where={x: Real()})


@claim()
def sign_of_sine_on_an_interval() -> Identity:
    """sign(sin x)² = 1 on [1, 4] (false at x = π: the left side is 0)."""
    return Identity(sp.sign(sp.sin(x)) ** 2, sp.Integer(1), where={x: Interval(1, 4)})


@claim()
def sign_times_its_argument() -> Identity:
    """(x − π)·sign(x − π) = |x − π| on ℝ.
    Proof: t·sign(t) = |t| for every real t, 0 at t = 0."""
    return Identity((x - sp.pi) * sp.sign(x - sp.pi), sp.Abs(x - sp.pi), where={x: Real()})


@claim()
def heaviside_half_at_zero() -> Identity:
    """H(x² − 2) + H(2 − x²) = 1 with sympy's H(0) = 1/2.
    Proof: for x² ≠ 2 one term is 1 and the other 0; at x² = 2 both are 1/2."""
    return Identity(sp.Heaviside(x**2 - 2) + sp.Heaviside(2 - x**2), sp.Integer(1), where={x: Real()})


@claim()
def rows_that_meet_at_the_boundary() -> Identity:
    """(x² if x² ≥ 2, else 2) = max(x², 2) on ℝ.
    Proof: both are x² where x² ≥ 2 and 2 where x² < 2."""
    return Identity(sp.Piecewise((x**2, x**2 >= 2), (2, True)), sp.Max(x**2, 2), where={x: Real()})


@claim()
def ramp_from_root_two() -> Identity:
    """H(x − √2)·(x − √2) = max(x − √2, 0) with H(0) = 1.
    Proof: both are x − √2 for x ≥ √2 (0 at x = √2) and 0 below."""
    return Identity(sp.Heaviside(x - ROOT2, 1) * (x - ROOT2), sp.Max(x - ROOT2, 0), where={x: Real()})


@claim()
def floor_and_ceiling_at_root_two() -> Identity:
    """⌊x/√2⌋ − ⌈x/√2⌉ + 1 = 0 on [1, 3] (false at x = √2: the left side is 1)."""
    u = x / ROOT2
    return Identity(sp.floor(u) - sp.ceiling(u) + 1, sp.Integer(0), where={x: Interval(1, 3)})


@claim()
def floor_plus_fraction_at_root_two() -> Identity:
    """⌊x/√2⌋ + frac(x/√2) = x/√2 on [1, 3].
    Proof: u = ⌊u⌋ + frac(u) for every real u (frac(u) = u − ⌊u⌋)."""
    u = x / ROOT2
    return Identity(sp.floor(u) + sp.frac(u), u, where={x: Interval(1, 3)})


@claim()
def sign_off_at_root_two_in_two_symbols() -> Identity:
    """y·(2 − sign(x² − 2)²) = y on ℝ² (false at x = √2, y = 1: the left side is 2)."""
    return Identity(y * (2 - sp.sign(x**2 - 2) ** 2), y, where={x: Real(), y: Real()})


@claim()
def gradient_off_on_a_circle_with_no_rational_point() -> Derivative:
    """∇(x² + y²) = (2x + 1 − sign(x² + y² − 3)², 2y) on ℝ² (false at x = √3, y = 0: the first entry is 2√3 + 1)."""
    bump = 1 - sp.sign(x**2 + y**2 - 3) ** 2
    equals = sp.Matrix([2 * x + bump, 2 * y])
    return Derivative(x**2 + y**2, wrt=sp.Matrix([x, y]), equals=equals, where={x: Real(), y: Real()})


@claim()
def heaviside_sum_at_most_one() -> Inequality:
    """H(x² − 2) + H(2 − x²) ≤ 1 with H(0) = 1 (false at x = √2: the left side is 2)."""
    return Inequality(sp.Heaviside(x**2 - 2, 1) + sp.Heaviside(2 - x**2, 1), "<=", sp.Integer(1), where={x: Real()})


@claim()
def weak_row_below_strict_row() -> Inequality:
    """[x² ≥ 2] ≤ [x² > 2] on ℝ (false at x = √2: 1 against 0)."""
    left = sp.Piecewise((1, x**2 >= 2), (0, True))
    right = sp.Piecewise((1, x**2 > 2), (0, True))
    return Inequality(left, "<=", right, where={x: Real()})


@claim()
def weak_row_above_strict_row() -> Inequality:
    """[x² ≥ 2] ≥ [x² > 2] on ℝ.
    Proof: x² > 2 implies x² ≥ 2, so the right side is 1 only where the left one is."""
    left = sp.Piecewise((1, x**2 >= 2), (0, True))
    right = sp.Piecewise((1, x**2 > 2), (0, True))
    return Inequality(left, ">=", right, where={x: Real()})


@claim()
def ramp_from_root_two_nonnegative() -> Inequality:
    """H(x − √2)·(x − √2) ≥ 0 with H(0) = 1.
    Proof: the product is x − √2 ≥ 0 where x ≥ √2, and 0 below."""
    return Inequality(sp.Heaviside(x - ROOT2, 1) * (x - ROOT2), ">=", sp.Integer(0), where={x: Real()})


@claim()
def chain_step_off_where_a_case_names_root_two() -> Chain:
    """y·(2 if x² = 2, else 1) = y as a chain's step on ℝ² (false at x = √2, y = 1: the left side is 2); the same
    line in LaTeX, with a cases environment, was CHECKED too (REFUTED since the case points take several symbols)."""
    start = y * sp.Piecewise((2, sp.Eq(x**2, 2)), (1, True))
    return Chain(start, steps=(Step("=", y, "the case x² = 2 never holds"),), where={x: Real(), y: Real()})


@claim()
def slope_off_where_a_parameter_jumps() -> Derivative:
    """d/dx (x·sign(a² − 2)²) = 1 on ℝ² (false at a = √2: the function is 0 for every x, its slope 0)."""
    return Derivative(x * sp.sign(a**2 - 2) ** 2, wrt=x, equals=sp.Integer(1), where={x: Real(), a: Real()})


@claim()
def expectation_off_where_a_parameter_jumps() -> Expectation:
    """E[X² + 1 − sign(a² − 2)²] = 1 for X ~ N(0, 1), a ∈ ℝ (false at a = √2: the expectation is 2)."""
    return Expectation(X**2 + 1 - sp.sign(a**2 - 2) ** 2, sp.Integer(1), noise={X: Normal(0, 1)}, where={a: Real()})


@claim()
def implication_whose_case_point_fails_the_premise() -> Implication:
    """x > 1 ⇒ [x > 1] = 1 on ℝ (true: where x > 1 the first row is taken, so the left side is 1).
    Its case point x = 1 fails the premise; it was UNKNOWN (helper-141), the premise now filters the points."""
    return Implication(
        Relation(x, ">", sp.Integer(1)),
        Relation(sp.Piecewise((1, x > 1), (0, True)), "=", sp.Integer(1)),
        where={x: Real()},
    )


@claim()
def implication_whose_sign_jump_fails_the_premise() -> Implication:
    """x² > 2 ⇒ x·sign(x² − 2)² = x on ℝ (true: x² − 2 > 0 there, so sign(x² − 2)² = 1).
    Its case points ±√2 fail the premise; it was UNKNOWN (helper-141)."""
    return Implication(
        Relation(x**2, ">", sp.Integer(2)), Relation(x * sp.sign(x**2 - 2) ** 2, "=", x), where={x: Real()}
    )


@claim()
def implication_whose_case_point_meets_the_premise() -> Implication:
    """x ≥ 1 ⇒ [x > 1] = 1 on ℝ (false at x = 1: the left side is 0)."""
    return Implication(
        Relation(x, ">=", sp.Integer(1)),
        Relation(sp.Piecewise((1, x > 1), (0, True)), "=", sp.Integer(1)),
        where={x: Real()},
    )


@claim()
def floor_of_an_imaginary_argument() -> Identity:
    """⌊i·x⌋ = i·⌊x⌋ on [0, 3] (true: sympy's floor of a complex number floors its real and imaginary parts,
    and Re(i·x) = 0). Its argument i·x has no real end to sort: the case points raised (helper-141)."""
    return Identity(sp.floor(sp.I * x), sp.I * sp.floor(x), where={x: Interval(0, 3)})


@claim()
def floor_of_a_huge_slope() -> Identity:
    """⌊e⁸⁰⁰·x⌋ + frac(e⁸⁰⁰·x) = e⁸⁰⁰·x on [0, 1] (true: frac(u) = u − ⌊u⌋ for every real u).
    sympy cannot compute ⌊e⁸⁰⁰⌋ (PrecisionExhausted): the case points raised (helper-141)."""
    u = sp.exp(800) * x
    return Identity(sp.floor(u) + sp.frac(u), u, where={x: Interval(0, 1)})


@claim()
def case_between_truth_values() -> Identity:
    """[x > √2 ≠ x² > 2]·0 + x otherwise, = x on [0, 3] (true: for x ≥ 0, x > √2 exactly when x² > 2, so the
    condition never holds and the second row x is taken). Its relation between truth values raised (helper-141)."""
    condition = sp.Ne(x > ROOT2, x**2 > 2, evaluate=False)
    return Identity(sp.Piecewise((0, condition), (x, True)), x, where={x: Interval(0, 3)})


@claim()
def case_between_truth_values_at_least_x() -> Inequality:
    """[x > 1 = x² > 1 ? x : x + 1] ≥ x on [0, 3] (true: either row is x or x + 1, both ≥ x).
    Its relation between truth values raised in the critical points (helper-141)."""
    condition = sp.Eq(x > 1, x**2 > 1, evaluate=False)
    return Inequality(sp.Piecewise((x, condition), (x + 1, True)), ">=", x, where={x: Interval(0, 3)})


TRUTH = {
    "sign_squared_off_at_pi": ("false", 5, {"x": sp.pi}),
    "sign_squared_off_at_root_two": ("false", 5, {"x": ROOT2}),
    "heaviside_one_at_zero_counted_twice": ("false", 5, {"x": ROOT2}),
    "weak_and_strict_inequality_rows": ("false", 5, {"x": ROOT2}),
    "sign_of_sine_on_an_interval": ("false", 5, {"x": sp.pi}),
    "sign_times_its_argument": ("true", 5, None),
    "heaviside_half_at_zero": ("true", 5, None),
    "rows_that_meet_at_the_boundary": ("true", 5, None),
    "ramp_from_root_two": ("true", 5, None),
    "heaviside_sum_at_most_one": ("false", 5, {"x": ROOT2}),
    "weak_row_below_strict_row": ("false", 5, {"x": ROOT2}),
    "weak_row_above_strict_row": ("true", 5, None),
    "ramp_from_root_two_nonnegative": ("true", 5, None),
    "floor_and_ceiling_at_root_two": ("false", 5, {"x": ROOT2}),
    "floor_plus_fraction_at_root_two": ("true", 5, None),
    "sign_off_at_root_two_in_two_symbols": ("false", 5, {"x": ROOT2, "y": 1}),
    "gradient_off_on_a_circle_with_no_rational_point": ("false", 5, {"x": sp.sqrt(3), "y": 0}),
    "chain_step_off_where_a_case_names_root_two": ("false", 5, {"step": 1, "x": ROOT2, "y": 1}),
    "slope_off_where_a_parameter_jumps": ("false", 5, {"x": 1, "a": ROOT2}),
    "expectation_off_where_a_parameter_jumps": ("false", 5, {"a": ROOT2}),
    "implication_whose_case_point_fails_the_premise": ("true", 5, None),
    "implication_whose_sign_jump_fails_the_premise": ("true", 5, None),
    "implication_whose_case_point_meets_the_premise": ("false", 5, {"x": 1}),
    "floor_of_an_imaginary_argument": ("true", 5, None),
    "floor_of_a_huge_slope": ("true", 5, None),
    "case_between_truth_values": ("true", 5, None),
    "case_between_truth_values_at_least_x": ("true", 5, None),
}
KNOWN_WRONG = {  # CHECKED: the case points take identities only
    "gradient_off_on_a_circle_with_no_rational_point",
    "slope_off_where_a_parameter_jumps",  # a derivative in x whose jump is in another symbol, a
}  # expectation_off_where_a_parameter_jumps left it: an expectation's exact identity is tried at the case points
# of its parameters since red team 170 (REFUTED at a = −√2)
