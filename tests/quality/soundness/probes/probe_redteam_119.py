"""Class 3: an iteration started outside the state's declared domain (red team 119).

A convergence claim with where= on its state is about starts in that domain. The numeric check of a one-step scalar
map iterated from 10⁻³ right of the root and from its mirror image left of it, that of a superlinear map with
memory from starts right of the root, whatever the domain, and that of a vector map from starts with every entry on
one side of the root, though the domain may hold a different side for each entry. x ↦ x/2 + 2(x − |x|), which is
x/2 on x ≥ 0 and 4.5x left of 0, grew from the mirrored start ("no convergence"): on x ≥ 0, where the kernel proves
the claim, that was an UNKNOWN, "ENGINE INCONSISTENCY"; on an Interval ending at the root, which gives sympy no
assumption, a false REFUTED. So were a quadratic map on [−1, 0], a two-point map on [−1, 0] whose constant right of
the root is 3^(1/φ), and a vector map on the quadrant x ≥ 0, y ≤ 0. The check now starts only on the sides of the
root the domain holds (every side where it holds none, as before): these are PROVED or CHECKED, and the false claims
beside them stay REFUTED, from the domain's side.

Beside them, class 2: a quadratic map's constant claimed 10⁻¹⁸ or 10⁻³⁰ off was CHECKED, within how far the
constant's estimates settle at 120 digits (10⁻¹⁷ for x² + x³ and for Newton's step at √2); a pass is observed again
at 240 digits now, and both are REFUTED. So is a linear rate claimed 10⁻¹⁵ off, which 40 steps did not resolve.

TRUTH maps each claim to (truth, class, witness); a false claim's "along" lists points of the iterate in the
declared domain, at which (step(a) − root)/(a − root)^order is far (by "gap" if given) from the claimed constant.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Interval, Nonnegative, Positive, claim

x, y = sp.symbols("x y")
xk, xk1 = sp.symbols("x_k x_km1")
HALF = sp.Rational(1, 2)
PHI = (1 + sp.sqrt(5)) / 2


@claim()
def linear_rate_of_a_scalar_map_that_contracts_only_on_its_domain() -> Convergence:
    """x ↦ x/2 + 2(x − |x|) converges to 0 at the rate 1/2 for x ≥ 0.

    Proof: on x ≥ 0 the step is x/2, which maps x ≥ 0 into itself; left of 0 (outside the domain) it is 4.5x."""
    return Convergence(x / 2 + 2 * (x - sp.Abs(x)), x, root=0, order=1, constant=HALF, where={x: Nonnegative()})


@claim()
def linear_rate_of_a_scalar_map_on_the_positive_half_line() -> Convergence:
    """x ↦ x/2 + 2(x − |x|) converges to 0 at the rate 1/2 for x > 0.

    Proof: on x > 0 the step is x/2, which maps x > 0 into itself."""
    return Convergence(x / 2 + 2 * (x - sp.Abs(x)), x, root=0, order=1, constant=HALF, where={x: Positive()})


@claim()
def linear_rate_of_a_scalar_map_that_contracts_only_left_of_its_root() -> Convergence:
    """x ↦ x/2 + 2(x + |x|) converges to 0 at the rate 1/2 for x ∈ [−1, 0].

    Proof: on x ≤ 0 the step is x/2, which maps [−1, 0] into itself; right of 0 (outside the domain) it is 4.5x."""
    return Convergence(x / 2 + 2 * (x + sp.Abs(x)), x, root=0, order=1, constant=HALF, where={x: Interval(-1, 0)})


@claim()
def linear_rate_with_the_root_at_the_left_end_of_an_interval() -> Convergence:
    """x ↦ 1 + e/2 + 2(e − |e|), e = x − 1, converges to 1 at the rate 1/2 for x ∈ [1, 2].

    Proof: on x ≥ 1 the step is 1 + e/2, which maps [1, 2] into itself; left of 1 it is 1 + 4.5e."""
    e = x - 1
    return Convergence(1 + e / 2 + 2 * (e - sp.Abs(e)), x, root=1, order=1, constant=HALF, where={x: Interval(1, 2)})


@claim()
def quadratic_order_left_of_the_root() -> Convergence:
    """x ↦ x·|x| + 3(x + |x|) converges to 0 with order 2 and constant −1 for x ∈ [−1, 0].

    Proof: on x ≤ 0 the step is −x², so e_{k+1}/e_k² = −1, and it maps [−1, 0] into itself; right of 0 it is x² + 6x."""
    return Convergence(x * sp.Abs(x) + 3 * (x + sp.Abs(x)), x, root=0, order=2, constant=-1, where={x: Interval(-1, 0)})


@claim()
def two_point_order_left_of_the_root() -> Convergence:
    """x_{k+1} = −x_k·x_{k−1}(1 + x_k) + 2(x_k + |x_k|)·x_{k−1} converges to 0 with order φ and constant 1 for
    x_k, x_{k−1} ∈ [−1, 0].

    Proof: on x_k ≤ 0 the error map is −e_k·e_{k−1}(1 + e_k) = K·e_k·e_{k−1}(1 + o(1)), K = −1, which keeps the
    iterates in [−1, 0] near 0; the order is φ and the constant |K|^(1/φ) = 1 (Traub 1964, as for the secant
    method). Right of 0, outside the domain, K = 3 and the constant 3^(1/φ) ≈ 1.97."""
    step = -xk * xk1 * (1 + xk) + 2 * (xk + sp.Abs(xk)) * xk1
    box = Interval(-1, 0)
    return Convergence(step, (xk, xk1), root=0, order=PHI, constant=1, where={xk: box, xk1: box})


@claim()
def linear_rate_of_a_vector_map_on_a_mixed_orthant() -> Convergence:
    """(x, y) ↦ (x/2 + (x − |x|)/8, y/2 + (y + |y|)/8) converges to 0 at the rate 1/2 for x ≥ 0, y ∈ [−1, 0].

    Proof: on x ≥ 0, y ≤ 0 the step is (x/2, y/2), which maps the quadrant into itself; outside it one entry
    shrinks by 3/4."""
    step = sp.Matrix([x / 2 + (x - sp.Abs(x)) / 8, y / 2 + (y + sp.Abs(y)) / 8])
    domains = {x: Nonnegative(), y: Interval(-1, 0)}
    return Convergence(step, sp.Matrix([x, y]), root=sp.Matrix([0, 0]), order=1, constant=HALF, where=domains)


@claim(expect="refuted")
def wrong_rate_of_a_scalar_map_that_contracts_only_on_its_domain() -> Convergence:
    """x ↦ x/2 + 2(x − |x|) converges to 0 at the rate 3/5 for x ≥ 0 (false: on x ≥ 0 the step is x/2)."""
    return Convergence(
        x / 2 + 2 * (x - sp.Abs(x)), x, root=0, order=1, constant=sp.Rational(3, 5), where={x: Nonnegative()}
    )


@claim(expect="refuted")
def wrong_constant_of_a_quadratic_map_left_of_the_root() -> Convergence:
    """x ↦ x·|x| + 3(x + |x|) converges to 0 with order 2 and constant −11/10 for x ∈ [−1, 0] (false: on x ≤ 0 the
    step is −x², constant −1)."""
    step = x * sp.Abs(x) + 3 * (x + sp.Abs(x))
    return Convergence(step, x, root=0, order=2, constant=sp.Rational(-11, 10), where={x: Interval(-1, 0)})


@claim(expect="refuted")
def quadratic_constant_off_by_ten_to_the_minus_eighteen() -> Convergence:
    """x ↦ x² + x³ converges to 0 with order 2 and constant 1 + 10⁻¹⁸ (false: e_{k+1}/e_k² = 1 + e_k → 1).

    At 120 digits the constant's last three estimates, 1 + e_k for e_k ≈ 10⁻⁶, 10⁻¹², 10⁻²⁴, extrapolate as a
    geometric tail to within 10⁻¹⁷ of their limit, so 1 + 10⁻¹⁸ passed: CHECKED. A pass is now observed again at
    240 digits, where the estimates reach e_k ≈ 10⁻⁴⁸."""
    return Convergence(x**2 + x**3, x, root=0, order=2, constant=1 + sp.Rational(1, 10**18))


@claim(expect="refuted")
def quadratic_constant_off_by_ten_to_the_minus_thirty() -> Convergence:
    """x ↦ x² + x³ converges to 0 with order 2 and constant 1 + 10⁻³⁰ (false: e_{k+1}/e_k² = 1 + e_k → 1)."""
    return Convergence(x**2 + x**3, x, root=0, order=2, constant=1 + sp.Rational(1, 10**30))


@claim(expect="refuted")
def linear_rate_off_by_ten_to_the_minus_fifteen() -> Convergence:
    """x ↦ x/2 + x² converges to 0 at the rate 1/2 + 10⁻¹⁵ (false: e_{k+1}/e_k = 1/2 + e_k → 1/2).

    The one-step check stopped after 40 steps, at e_k ≈ 10⁻¹⁵ from 10⁻³: the rate's estimates 1/2 + e_k agreed with
    1/2 + 10⁻¹⁵ there (CHECKED). It now runs to the precision's floor."""
    return Convergence(x / 2 + x**2, x, root=0, order=1, constant=HALF + sp.Rational(1, 10**15))


TRUTH = {
    "linear_rate_of_a_scalar_map_that_contracts_only_on_its_domain": ("true", 3, None),
    "linear_rate_of_a_scalar_map_on_the_positive_half_line": ("true", 3, None),
    "linear_rate_of_a_scalar_map_that_contracts_only_left_of_its_root": ("true", 3, None),
    "linear_rate_with_the_root_at_the_left_end_of_an_interval": ("true", 3, None),
    "quadratic_order_left_of_the_root": ("true", 3, None),
    "two_point_order_left_of_the_root": ("true", 3, None),
    "linear_rate_of_a_vector_map_on_a_mixed_orthant": ("true", 3, None),
    "wrong_rate_of_a_scalar_map_that_contracts_only_on_its_domain": (
        "false",
        3,
        {"x": "1/1000", "along": ["1/1000", "1/10**9"]},
    ),
    "quadratic_constant_off_by_ten_to_the_minus_eighteen": (
        "false",
        2,
        {"along": ["1/10**30", "1/10**40"], "gap": sp.Rational(1, 10**19)},
    ),
    "quadratic_constant_off_by_ten_to_the_minus_thirty": (
        "false",
        2,
        {"along": ["1/10**40", "1/10**50"], "gap": sp.Rational(1, 10**31)},
    ),
    "linear_rate_off_by_ten_to_the_minus_fifteen": (
        "false",
        2,
        {"along": ["1/10**30", "1/10**40"], "gap": sp.Rational(1, 10**16)},
    ),
    "wrong_constant_of_a_quadratic_map_left_of_the_root": (
        "false",
        3,
        {"x": "-1/1000", "along": ["-1/1000", "-1/10**9"]},
    ),
}
