"""Class 1: the symbolic view must see the declared claim, not something else.

A symbol's own sympy assumptions must not survive a wider declared domain, two declared objects
must never share an entry symbol, and two symbols that print the same must not be merged. Each
probe here is either a claim whose declared meaning is false (its witness is a point of the
declared domain where it fails) or a malformed claim (ERROR wanted; REFUTED is acceptable when
the domain alone is honoured). Several of these collapse when sympy builds them (|x| becomes x
for a positive x), so rebuilding the symbols from the domain alone would prove them: only an ERROR
that names the conflict is honest, and their witness is None (the point is named in the docstring).
Control probes with plain symbols check that the fix is not
over-strict.

TRUTH maps each claim to (truth, issue class, witness): truth is "true", "false" or
"malformed"; a witness gives exact values of every declared symbol in its domain.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Interval, Nonnegative, Nonzero, Positive, Real, claim
from verifier.language.mathlib import matrix, vector

xp = sp.Symbol("x", positive=True)
xn = sp.Symbol("x", negative=True)
xi = sp.Symbol("x", integer=True)
x = sp.Symbol("x")
xr = sp.Symbol("x", real=True)
y = sp.Symbol("y")


@claim(expect="refuted")
def log_square_of_positive_symbol_on_reals() -> Identity:
    """log(x²) = 2 log x with x made positive=True but declared on ℝ (false at x = −2)."""
    return Identity(sp.log(xp**2), 2 * sp.log(xp), where={xp: Real()})


@claim(expect="refuted")
def sqrt_square_of_positive_symbol_on_reals() -> Identity:
    """√(x²) = x with a positive=True x declared on ℝ (false at x = −1)."""
    return Identity(sp.sqrt(xp**2), xp, where={xp: Real()})


@claim(expect="refuted")
def abs_of_positive_symbol_on_reals() -> Identity:
    """|x| = x with a positive=True x declared on ℝ (false at x = −3)."""
    return Identity(sp.Abs(xp), xp, where={xp: Real()})


@claim(expect="refuted")
def positive_symbol_is_positive_on_reals() -> Inequality:
    """x > 0 with a positive=True x declared on ℝ (false at x = 0)."""
    return Inequality(xp, ">", sp.Integer(0), where={xp: Real()})


@claim(expect="refuted")
def negative_symbol_abs_on_nonnegative() -> Identity:
    """|x| = −x with a negative=True x declared on [0, ∞) (false at x = 1)."""
    return Identity(sp.Abs(xn), -xn, where={xn: Nonnegative()})


@claim(expect="refuted")
def integer_symbol_sin_pi_on_interval() -> Identity:
    """sin(πx) = 0 with an integer=True x declared on [0, 1] (false at x = 1/2)."""
    return Identity(sp.sin(sp.pi * xi), sp.Integer(0), where={xi: Interval(0, 1)})


@claim(expect="refuted")
def abs_ratio_of_positive_symbol_on_nonzero() -> Identity:
    """|x|/x = 1 with a positive=True x declared on ℝ∖{0} (false at x = −1)."""
    return Identity(sp.Abs(xp) / xp, sp.Integer(1), where={xp: Nonzero()})


@claim(n=[2], expect="refuted")
def matrix_and_vector_share_an_entry(n: int) -> Identity:
    """A₁₁ = v₁₁ for A = matrix('a', 2) and v = vector('a', 12): two objects that share the symbol a11."""
    A, v = matrix("a", n), vector("a", 12)
    return Identity(A[0, 0], v[10], where={A: Real(), v: Real()})


@claim(n=[2], expect="refuted")
def matrix_and_vector_share_an_entry_sum(n: int) -> Inequality:
    """A₁₁ − v₁₁ ≥ 0 for A = matrix('a', 2), v = vector('a', 12), which share a11 (false when the two differ)."""
    A, v = matrix("a", n), vector("a", 12)
    return Inequality(A[0, 0] - v[10], ">=", sp.Integer(0), where={A: Real(), v: Real()})


@claim(expect="refuted")
def same_name_plain_and_real_symbols() -> Identity:
    """x − x = 0, where one x is plain and the other real=True: two symbols that print the same."""
    return Identity(x - xr, sp.Integer(0), where={x: Real(), xr: Real()})


@claim(expect="refuted")
def same_name_plain_and_positive_symbols() -> Inequality:
    """x ≤ x with the left x plain on ℝ and the right x positive on (0, ∞): false at x = 2, x₊ = 1."""
    return Inequality(x, "<=", xp, where={x: Real(), xp: Positive()})


# ----------------------------------------------------------------------------- controls, all true


@claim()
def log_square_on_positive_reals() -> Identity:
    """log(x²) = 2 log x on x > 0.

    Proof: for x > 0, log(x²) = log(x·x) = log x + log x.
    """
    return Identity(sp.log(y**2), 2 * sp.log(y), where={y: Positive()})


@claim()
def sqrt_square_is_abs_on_reals() -> Identity:
    """√(x²) = |x| on ℝ.

    Proof: √ is the nonnegative root and |x|² = x².
    """
    return Identity(sp.sqrt(y**2), sp.Abs(y), where={y: Real()})


@claim()
def positive_symbol_on_positive_domain() -> Identity:
    """|x| = x for a positive=True x declared positive (assumptions agree with the domain).

    Proof: x > 0 so |x| = x.
    """
    return Identity(sp.Abs(xp), xp, where={xp: Positive()})


@claim(n=[2])
def distinct_stems_do_not_share(n: int) -> Identity:
    """tr(A) = A₁₁ + A₂₂ with A = matrix('a', 2) next to v = vector('b', 12).

    Proof: definition of the trace; the objects share no symbol.
    """
    A, v = matrix("a", n), vector("b", 12)
    return Identity(A[0, 0] + A[1, 1] + 0 * v[10], A.trace(), where={A: Real(), v: Real()})


TRUTH = {
    "log_square_of_positive_symbol_on_reals": ("malformed", 1, {"x": -2}),
    "sqrt_square_of_positive_symbol_on_reals": ("malformed", 1, None),
    "abs_of_positive_symbol_on_reals": ("malformed", 1, None),
    "positive_symbol_is_positive_on_reals": ("malformed", 1, {"x": 0}),
    "negative_symbol_abs_on_nonnegative": ("malformed", 1, None),
    "integer_symbol_sin_pi_on_interval": ("malformed", 1, None),
    "abs_ratio_of_positive_symbol_on_nonzero": ("malformed", 1, None),
    "matrix_and_vector_share_an_entry": ("malformed", 1, None),
    "matrix_and_vector_share_an_entry_sum": ("malformed", 1, None),
    "same_name_plain_and_real_symbols": ("malformed", 1, None),
    "same_name_plain_and_positive_symbols": ("malformed", 1, None),
    "log_square_on_positive_reals": ("true", 1, None),
    "sqrt_square_is_abs_on_reals": ("true", 1, None),
    "positive_symbol_on_positive_domain": ("true", 1, None),
    "distinct_stems_do_not_share": ("true", 1, None),
}
