"""Classic inequalities, proved by sums of squares: Cauchy–Schwarz, AM–GM, the power means.

Cauchy–Schwarz |xᵀy| ≤ ‖x‖‖y‖: both sides are ≥ 0, so it is enough that ‖x‖²‖y‖² − (xᵀy)² ≥ 0,
and that gap is Lagrange's identity ½ Σᵢ Σⱼ (xᵢyⱼ − xⱼyᵢ)². The quadratic mean is at least the
arithmetic mean, √(Σxᵢ²/n) ≥ |Σxᵢ|/n, for the same reason: n·Σxᵢ² − (Σxᵢ)² = Σ_{i<j} (xᵢ − xⱼ)².
AM–GM, (x₁ + … + xₙ)/n ≥ (x₁⋯xₙ)^{1/n} for xᵢ > 0: with xᵢ = tᵢⁿ the gap is the polynomial
(Σ tᵢⁿ)/n − Π tᵢ, which Hurwitz (1891) wrote as a sum of squares for even n; for odd n it is a
sum of tₖ·(square) with tₖ ≥ 0. Its power form ((Σxᵢ)/n)ⁿ ≥ Π xᵢ holds on the orthant only.
Each gap is a polynomial (after xᵢ = tᵢⁿ), and the engine finds its sum of squares by a
numerical semidefinite program rounded to exact rationals; the kernel checks the identity.

Motzkin's polynomial x⁴y² + x²y⁴ + 1 − 3x²y² is ≥ 0 (AM–GM on x⁴y², x²y⁴, 1) but is not a sum of
squares of polynomials: no SOS certificate exists, and the claim stays CHECKED.

Kept on purpose as wrong versions: AM–GM reversed, Cauchy–Schwarz with a spurious 1/√n, the
quadratic mean below the arithmetic mean, and Motzkin's polynomial lowered by 1/100.

Sources: G. H. Hardy, J. E. Littlewood & G. Pólya, *Inequalities* (2nd ed., 1952), §2.5 (AM–GM),
§2.4 (Cauchy's inequality), §2.9–2.10 (power means); T. S. Motzkin (1967) for the polynomial;
H. Peyrl & P. A. Parrilo, *Computing sum of squares decompositions with rational coefficients*,
Theor. Comput. Sci. 409 (2008), for the rounding.
"""

from __future__ import annotations

import sympy as sp

from verifier import Inequality, Nonnegative, Positive, Real, claim
from verifier.language.mathlib import Matrix, dot, squared_norm, sum_entries, vector

x_, y_ = sp.symbols("x y")

MOTZKIN = x_**4 * y_**2 + x_**2 * y_**4 + 1 - 3 * x_**2 * y_**2


def norm(v: Matrix) -> sp.Expr:
    """‖v‖ = √(vᵀv)."""
    return sp.sqrt(squared_norm(v))


def product(v: Matrix) -> sp.Expr:
    return sp.Mul(*v)


@claim(n=range(1, 5), numeric_n=(12,))
def cauchy_schwarz(n: int) -> Inequality:
    """|xᵀy| ≤ ‖x‖‖y‖."""
    x, y = vector("x", n), vector("y", n)
    return Inequality(sp.Abs(dot(x, y)), "<=", norm(x) * norm(y), where={x: Real(), y: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def quadratic_mean_above_arithmetic_mean(n: int) -> Inequality:
    """√(Σxᵢ²/n) ≥ |Σxᵢ|/n."""
    x = vector("x", n)
    return Inequality(sp.sqrt(squared_norm(x) / n), ">=", sp.Abs(sum_entries(x)) / n, where={x: Real()})


@claim(n=range(2, 6), numeric_n=(12,))
def am_gm(n: int) -> Inequality:
    """(x₁ + … + xₙ)/n ≥ (x₁⋯xₙ)^{1/n} for xᵢ > 0."""
    x = vector("x", n)
    return Inequality(sum_entries(x) / n, ">=", product(x) ** sp.Rational(1, n), where={x: Positive()})


@claim(n=range(2, 5), numeric_n=(8,))
def am_gm_power_form(n: int) -> Inequality:
    """((x₁ + … + xₙ)/n)ⁿ ≥ x₁⋯xₙ for xᵢ ≥ 0."""
    x = vector("x", n)
    return Inequality((sum_entries(x) / n) ** n, ">=", product(x), where={x: Nonnegative()})


@claim()
def two_fourth_powers() -> Inequality:
    """x⁴ + y⁴ ≥ x³y + xy³, since the gap is (x − y)²(x² + xy + y²)."""
    return Inequality(x_**4 + y_**4, ">=", x_**3 * y_ + x_ * y_**3, where={x_: Real(), y_: Real()})


@claim(notes="CHECKED expected: nonnegative by AM–GM, but not a sum of squares of polynomials (Motzkin)")
def motzkin_nonnegative() -> Inequality:
    """x⁴y² + x²y⁴ + 1 ≥ 3x²y²."""
    return Inequality(MOTZKIN, ">=", 0, where={x_: Real(), y_: Real()})


@claim(n=range(2, 7), expect="refuted")
def am_gm_reversed(n: int) -> Inequality:
    """Wrong: (x₁ + … + xₙ)/n ≤ (x₁⋯xₙ)^{1/n}."""
    x = vector("x", n)
    return Inequality(sum_entries(x) / n, "<=", product(x) ** sp.Rational(1, n), where={x: Positive()})


@claim(n=range(2, 6), expect="refuted")
def cauchy_schwarz_over_root_n(n: int) -> Inequality:
    """Wrong: |xᵀy| ≤ ‖x‖‖y‖/√n (equality in Cauchy–Schwarz is at x = y)."""
    x, y = vector("x", n), vector("y", n)
    return Inequality(sp.Abs(dot(x, y)), "<=", norm(x) * norm(y) / sp.sqrt(n), where={x: Real(), y: Real()})


@claim(n=range(2, 7), expect="refuted")
def quadratic_mean_below_arithmetic_mean(n: int) -> Inequality:
    """Wrong: √(Σxᵢ²/n) ≤ |Σxᵢ|/n."""
    x = vector("x", n)
    return Inequality(sp.sqrt(squared_norm(x) / n), "<=", sp.Abs(sum_entries(x)) / n, where={x: Real()})


@claim(expect="refuted")
def motzkin_lowered() -> Inequality:
    """Wrong: x⁴y² + x²y⁴ + 1 − 3x²y² ≥ 1/100 (it is 0 at x = y = 1)."""
    return Inequality(MOTZKIN, ">=", sp.Rational(1, 100), where={x_: Real(), y_: Real()})
