"""Issue 37, class 5: chains with nested denominators, strict steps tight at a special matrix, ⇒ steps
whose conclusion is undefined at a point.

A correct line with a nested denominator (1/(1/x + 1/y) = xy/(x + y)) must not be rejected; a
strict step whose equality case is A = cI (tr A² > (tr A)²/n) is false there, and a non-strict one
that holds at n = 2 can fail at n = 3 (tr A² ≥ (tr A)²/2, false at A = I₃). An implication whose
conclusion is undefined at a point where its premise holds (xw = y ⇒ w = y/x at x = y = 0) holds
nowhere there ("partial": never PROVED or CHECKED); with the bad point excluded by the premise
(x > 1 ⇒ 1/x < 1) it is true.

Class numbers are issue 37's. TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Identity, Inequality, Interval, Nonzero, Positive, Real, Step, Symmetric, claim
from verifier.language.mathlib import matrix
from verifier.language.stepwise import Implication, Relation

x, y, w = sp.symbols("x y w")
ZERO, ONE = sp.Integer(0), sp.Integer(1)


def _sum_sq(A: sp.Matrix) -> sp.Expr:
    return sum(e**2 for e in A)


# ----------------------------------------------------------------------------- nested denominators


@claim()
def harmonic_pair_chain() -> Chain:
    """1/(1/x + 1/y) = xy/(x + y) ≤ (x + y)/4 for x, y > 0.

    Proof: multiply by xy; then 4xy ≤ (x + y)² as (x − y)² ≥ 0.
    """
    return Chain(
        1 / (1 / x + 1 / y),
        steps=(Step("=", x * y / (x + y), "multiply by xy"), Step("<=", (x + y) / 4, "(x − y)² ≥ 0")),
        where={x: Positive(), y: Positive()},
    )


@claim()
def harmonic_pair_chain_inverted() -> Chain:
    """1/(1/x + 1/y) = (x + y)/(xy) for x, y > 0 (false at x = y = 1: ½ against 2)."""
    return Chain(
        1 / (1 / x + 1 / y), steps=(Step("=", (x + y) / (x * y), "invert"),), where={x: Positive(), y: Positive()}
    )


@claim()
def continued_fraction_chain() -> Chain:
    """1 + 1/(1 + 1/(1 + 1/x)) = 1 + (x + 1)/(2x + 1) = (3x + 2)/(2x + 1) for x > 0.

    Proof: 1 + 1/x = (x + 1)/x, 1 + x/(x + 1) = (2x + 1)/(x + 1), invert and add 1.
    """
    start = 1 + 1 / (1 + 1 / (1 + 1 / x))
    return Chain(
        start,
        steps=(Step("=", 1 + (x + 1) / (2 * x + 1), "inner levels"), Step("=", (3 * x + 2) / (2 * x + 1), "add")),
        where={x: Positive()},
    )


@claim()
def continued_fraction_chain_slip() -> Chain:
    """1 + 1/(1 + 1/(1 + 1/x)) = (3x + 1)/(2x + 1) for x > 0 (false at x = 1: 5/3 against 4/3)."""
    start = 1 + 1 / (1 + 1 / (1 + 1 / x))
    return Chain(start, steps=(Step("=", (3 * x + 1) / (2 * x + 1), "collapse"),), where={x: Positive()})


@claim()
def ratio_of_reciprocal_shifts_chain() -> Chain:
    """(1 + 1/x)/(1 − 1/x) = (x + 1)/(x − 1) = 1 + 2/(x − 1) on [2, 5].

    Proof: multiply numerator and denominator by x ≠ 0; x − 1 ≥ 1 there.
    """
    return Chain(
        (1 + 1 / x) / (1 - 1 / x),
        steps=(Step("=", (x + 1) / (x - 1), "multiply by x"), Step("=", 1 + 2 / (x - 1), "divide")),
        where={x: Interval(2, 5)},
    )


@claim()
def ratio_of_reciprocal_shifts_through_zero() -> Chain:
    """(1 + 1/x)/(1 − 1/x) = (x + 1)/(x − 1) on [−½, ½]: the left side is undefined at x = 0 (the right is −1)."""
    return Chain(
        (1 + 1 / x) / (1 - 1 / x),
        steps=(Step("=", (x + 1) / (x - 1), "multiply by x"),),
        where={x: Interval(-0.5, 0.5)},
    )


@claim()
def nested_fraction_step_assumes_nonzero() -> Chain:
    """x/(1 + 1/x) = x²/(x + 1) ≥ 0 for x > 0, the last step with its own assumption.

    Proof: multiply by x > 0; then x² ≥ 0 and x + 1 > 0.
    """
    return Chain(
        x / (1 + 1 / x),
        steps=(Step("=", x**2 / (x + 1), "multiply by x"), Step(">=", ZERO, "both factors ≥ 0")),
        where={x: Positive()},
    )


@claim()
def parallel_resistors_chain_slip() -> Chain:
    """1/(1/x + 1/y) = xy/(x + y) ≥ min(x, y) for x, y > 0 (false at x = y = 1: ½ against 1, step 2)."""
    return Chain(
        1 / (1 / x + 1 / y),
        steps=(Step("=", x * y / (x + y), "multiply by xy"), Step(">=", sp.Min(x, y), "larger than the smaller")),
        where={x: Positive(), y: Positive()},
    )


# ----------------------------------------------------------------------------- strict steps tight at A = cI


@claim(n=[2, 3])
def trace_square_above_mean_square(n: int) -> Inequality:
    """tr A² ≥ (tr A)²/n for symmetric A.

    Proof: Cauchy–Schwarz on the eigenvalues: (Σλᵢ)² ≤ nΣλᵢ²; equality at A = cI.
    """
    A = matrix("A", n)
    return Inequality((A * A).trace(), ">=", A.trace() ** 2 / n, where={A: Symmetric()})


@claim(n=[2, 3])
def trace_square_strictly_above_mean_square(n: int) -> Inequality:
    """tr A² > (tr A)²/n for symmetric A (false at A = I: n against n)."""
    A = matrix("A", n)
    return Inequality((A * A).trace(), ">", A.trace() ** 2 / n, where={A: Symmetric()})


@claim(n=[2, 3])
def trace_square_above_half_square_chain(n: int) -> Chain:
    """tr A² = Σᵢⱼ Aᵢⱼ² ≥ (tr A)²/2 for symmetric A (true at n = 2, false at n = 3, A = I₃: 3 against 9/2)."""
    A = matrix("A", n)
    return Chain(
        (A * A).trace(),
        steps=(Step("=", _sum_sq(A), "A = Aᵀ"), Step(">=", A.trace() ** 2 / 2, "Cauchy–Schwarz")),
        where={A: Symmetric()},
    )


@claim(n=[2])
def determinant_below_half_trace_chain(n: int) -> Chain:
    """det A = A₁₁A₂₂ − A₁₂² ≤ A₁₁A₂₂ ≤ ((A₁₁ + A₂₂)/2)² for symmetric 2×2 A.

    Proof: A₁₂² ≥ 0, then AM–GM in the form (a − d)² ≥ 0.
    """
    A = matrix("A", n)
    a, b, d = A[0, 0], A[0, 1], A[1, 1]
    return Chain(
        A.det(),
        steps=(Step("=", a * d - b**2, "2×2"), Step("<=", a * d, "b² ≥ 0"), Step("<=", ((a + d) / 2) ** 2, "AM–GM")),
        where={A: Symmetric()},
    )


@claim(n=[2])
def determinant_strictly_below_half_trace_chain(n: int) -> Chain:
    """det A = A₁₁A₂₂ − A₁₂² ≤ A₁₁A₂₂ < ((A₁₁ + A₂₂)/2)² for symmetric 2×2 A (false at A = I, step 3)."""
    A = matrix("A", n)
    a, b, d = A[0, 0], A[0, 1], A[1, 1]
    return Chain(
        A.det(),
        steps=(Step("=", a * d - b**2, "2×2"), Step("<=", a * d, "b² ≥ 0"), Step("<", ((a + d) / 2) ** 2, "AM–GM")),
        where={A: Symmetric()},
    )


@claim(n=[2])
def frobenius_strictly_above_trace_square(n: int) -> Inequality:
    """‖A‖_F² > (tr A)²/2 for symmetric 2×2 A (false at A = 2I: 8 against 8)."""
    A = matrix("A", n)
    return Inequality(_sum_sq(A), ">", A.trace() ** 2 / 2, where={A: Symmetric()})


@claim(n=[3])
def trace_square_above_half_square_at_three(n: int) -> Inequality:
    """tr A² ≥ (tr A)²/2 for symmetric 3×3 A (false at A = I₃: 3 against 9/2)."""
    A = matrix("A", n)
    return Inequality((A * A).trace(), ">=", A.trace() ** 2 / 2, where={A: Symmetric()})


# ----------------------------------------------------------------------------- ⇒ steps undefined at a point


@claim()
def solve_linear_by_division() -> Implication:
    """xw = y ⇒ w = y/x on ℝ³: at x = y = 0 the premise holds and the conclusion is undefined."""
    return Implication(Relation(x * w, "=", y), Relation(w, "=", y / x), where={x: Real(), y: Real(), w: Real()})


@claim()
def solve_linear_by_division_nonzero() -> Implication:
    """xw = y ⇒ w = y/x for x ≠ 0.

    Proof: divide both sides by x ≠ 0.
    """
    return Implication(Relation(x * w, "=", y), Relation(w, "=", y / x), where={x: Nonzero(), y: Real(), w: Real()})


@claim()
def square_root_of_both_sides() -> Implication:
    """x² = y ⇒ x = √y on ℝ² (false at x = −1, y = 1)."""
    return Implication(Relation(x**2, "=", y), Relation(x, "=", sp.sqrt(y)), where={x: Real(), y: Real()})


@claim()
def square_root_of_both_sides_abs() -> Implication:
    """x² = y ⇒ |x| = √y on ℝ².

    Proof: y = x² ≥ 0 and √(x²) = |x|.
    """
    return Implication(Relation(x**2, "=", y), Relation(sp.Abs(x), "=", sp.sqrt(y)), where={x: Real(), y: Real()})


@claim()
def exp_equation_solved_by_log() -> Implication:
    """eˣ = y ⇒ x = log y on ℝ².

    Proof: the premise forces y = eˣ > 0, where log is the inverse of exp.
    """
    return Implication(Relation(sp.exp(x), "=", y), Relation(x, "=", sp.log(y)), where={x: Real(), y: Real()})


@claim()
def reciprocal_below_one_wrong_way() -> Implication:
    """1/x < 1 ⇒ x > 1 for x ≠ 0 (false at x = −1)."""
    return Implication(Relation(1 / x, "<", ONE), Relation(x, ">", ONE), where={x: Nonzero()})


@claim()
def above_one_reciprocal_below_one() -> Implication:
    """x > 1 ⇒ 1/x < 1 on ℝ (1/x is undefined at 0, where the premise fails).

    Proof: x > 1 > 0, divide 1 < x by x.
    """
    return Implication(Relation(x, ">", ONE), Relation(1 / x, "<", ONE), where={x: Real()})


@claim()
def nonnegative_reciprocal_nonnegative() -> Implication:
    """x ≥ 0 ⇒ 1/x ≥ 0 on ℝ: at x = 0 the premise holds and 1/x is undefined."""
    return Implication(Relation(x, ">=", ZERO), Relation(1 / x, ">=", ZERO), where={x: Real()})


@claim()
def inside_unit_interval_reciprocal_positive() -> Implication:
    """x² < 1 ⇒ 1/(1 − x²) > 0 on ℝ.

    Proof: the premise gives 1 − x² > 0.
    """
    return Implication(Relation(x**2, "<", ONE), Relation(1 / (1 - x**2), ">", ZERO), where={x: Real()})


@claim()
def closed_unit_interval_reciprocal_positive() -> Implication:
    """x² ≤ 1 ⇒ 1/(1 − x²) > 0 on ℝ: at x = ±1 the premise holds and the conclusion is undefined."""
    return Implication(Relation(x**2, "<=", ONE), Relation(1 / (1 - x**2), ">", ZERO), where={x: Real()})


@claim()
def stationarity_divided_by_x() -> Chain:
    """x³ = x ⇒ x² = 1 on ℝ (false at x = 0: 0 = 0 but 0 ≠ 1)."""
    return Chain(
        Relation(x**3, "=", x), steps=(Step("=>", Relation(x**2, "=", ONE), "divide by x"),), where={x: Real()}
    )


@claim()
def stationarity_factored() -> Chain:
    """x³ = x ⇒ x(x − 1)(x + 1) = 0 ⇒ x² ≤ 1 on ℝ.

    Proof: factor; the roots are −1, 0, 1, each with x² ≤ 1.
    """
    return Chain(
        Relation(x**3, "=", x),
        steps=(
            Step("=>", Relation(x * (x - 1) * (x + 1), "=", ZERO), "factor"),
            Step("=>", Relation(x**2, "<=", ONE), "the roots are −1, 0, 1"),
        ),
        where={x: Real()},
    )


@claim()
def log_both_sides_chain() -> Chain:
    """xy = 1 ⇒ log x + log y = 0 for x, y > 0.

    Proof: log(xy) = log x + log y for positive x, y, and log 1 = 0.
    """
    return Chain(
        Relation(x * y, "=", ONE),
        steps=(Step("=>", Relation(sp.log(x) + sp.log(y), "=", ZERO), "take logs"),),
        where={x: Positive(), y: Positive()},
    )


@claim()
def log_both_sides_chain_on_reals() -> Chain:
    """xy = 1 ⇒ log x + log y = 0 on ℝ²: at x = y = −1 the premise holds and log(−1) is undefined (not real)."""
    return Chain(
        Relation(x * y, "=", ONE),
        steps=(Step("=>", Relation(sp.log(x) + sp.log(y), "=", ZERO), "take logs"),),
        where={x: Real(), y: Real()},
    )


@claim()
def identity_with_nested_denominators() -> Identity:
    """(1/x − 1/y)/(1/x + 1/y) = (y − x)/(y + x) for x, y > 0.

    Proof: multiply numerator and denominator by xy > 0.
    """
    return Identity((1 / x - 1 / y) / (1 / x + 1 / y), (y - x) / (y + x), where={x: Positive(), y: Positive()})


I2 = [[1, 0], [0, 1]]
I3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
TRUTH = {
    "harmonic_pair_chain": ("true", 5, None),
    "harmonic_pair_chain_inverted": ("false", 5, {"x": 1, "y": 1, "step": 1}),
    "continued_fraction_chain": ("true", 5, None),
    "continued_fraction_chain_slip": ("false", 5, {"x": 1, "step": 1}),
    "ratio_of_reciprocal_shifts_chain": ("true", 5, None),
    "ratio_of_reciprocal_shifts_through_zero": ("partial", 5, None),
    "nested_fraction_step_assumes_nonzero": ("true", 5, None),
    "parallel_resistors_chain_slip": ("false", 5, {"x": 1, "y": 1, "step": 2}),
    "trace_square_above_mean_square": ("true", 5, None),
    "trace_square_strictly_above_mean_square": ("false", 5, {"A": I2}),
    "trace_square_above_half_square_chain": ("false", 5, {"n": 3, "A": I3, "step": 2}),
    "determinant_below_half_trace_chain": ("true", 5, None),
    "determinant_strictly_below_half_trace_chain": ("false", 5, {"A": I2, "step": 3}),
    "frobenius_strictly_above_trace_square": ("false", 5, {"A": [[2, 0], [0, 2]]}),
    "trace_square_above_half_square_at_three": ("false", 5, {"A": I3}),
    "solve_linear_by_division": ("partial", 5, None),
    "solve_linear_by_division_nonzero": ("true", 5, None),
    "square_root_of_both_sides": ("false", 5, {"x": -1, "y": 1}),
    "square_root_of_both_sides_abs": ("true", 5, None),
    "exp_equation_solved_by_log": ("true", 5, None),
    "reciprocal_below_one_wrong_way": ("false", 5, {"x": -1}),
    "above_one_reciprocal_below_one": ("true", 5, None),
    "nonnegative_reciprocal_nonnegative": ("partial", 5, None),
    "inside_unit_interval_reciprocal_positive": ("true", 5, None),
    "closed_unit_interval_reciprocal_positive": ("partial", 5, None),
    "stationarity_divided_by_x": ("false", 5, {"x": 0, "step": 1}),
    "stationarity_factored": ("true", 5, None),
    "log_both_sides_chain": ("true", 5, None),
    "log_both_sides_chain_on_reals": ("partial", 5, None),
    "identity_with_nested_denominators": ("true", 5, None),
}

# Wrong verdicts today: none. nonnegative_reciprocal_nonnegative and closed_unit_interval_reciprocal_positive were
# CHECKED when this file was written and are REFUTED since c083751; solve_linear_by_division (x = y = 0, two symbols
# constrained) is found exactly by checks/undefined_conclusion.py.
KNOWN_WRONG: set[str] = set()
