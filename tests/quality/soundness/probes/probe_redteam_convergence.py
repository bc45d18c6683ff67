"""Red-team probes of Convergence claims: declared starts, tiny gaps in orders and constants, multiple roots.

What a declared start means: docs/reference/claim-kinds.md says a `start` is part of the claim (the iterates from it
must converge to the root), while the kernel's proof of the order is local ("starting values close enough to the
root", among its assumptions). So a PROVED claim with a start rests on the proof near the root and on the iteration
from the start, and the iteration must refute a start that does not converge.

What broke (fixed in this stop, verifier/numeric/checks/basin.py): only a start whose error never shrank was refuted;
one whose iterates shrink at first and then settle elsewhere gave no evidence, the generic starts near the root
passed, and the claim was PROVED: Newton for x² − 2 from −1 (goes to −√2), for x³ − 2x + 2 from 0 (cycles
0 → 1 → 0), for x² − 2 from 0 (a pole at once), for √a from −a on a ∈ [1, 4], and (x, y) ↦ (x², y/2) from (1, 1)
(stays at x = 1). They are REFUTED now, "from the claim's own start". A start whose iterates wander for good (x/2 near
0, a logistic map on [2, 3], from 7/3) was CHECKED from the generic starts; it is UNKNOWN now.

What still breaks (KNOWN_WRONG): the order 2 + 10⁻²⁰ of x ↦ x²(1 + x) at 0 is CHECKED: the iteration sees the order to
about 10⁻¹⁴ (and |e_{k+1}|/|e_k|^(2 + 10⁻²⁰) grows only like |e_k|^(−10⁻²⁰)); the kernel takes integer orders only.
The secant order written as 1.618 instead of (1 + √5)/2, CHECKED when this module was written, is REFUTED now
(probe_redteam_orders.py, whose witness evaluator runs maps with memory).

What held: a constant off by 10⁻²⁵ (REFUTED, and for Newton at √2 too), a root off the step's fixed point by 10⁻³⁰
(REFUTED), Newton at a double root (order 1, constant 1/2: PROVED; order 2: REFUTED), √x/2 on x ≥ 0, which repels
from its edge root 0 (REFUTED), the secant order φ (PROVED), a contracting rotation's complex eigenvalues (rate √2/2
CHECKED, 1/2 REFUTED), |x|^φ with order 1.618 (REFUTED by its constant), starts inside the basin, with and without a
parameter (PROVED), and a start that creeps toward the root (x − x⁷ from 1/2: UNKNOWN, not refuted).
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Interval, Nonnegative, claim

x, y = sp.symbols("x y", real=True)
a = sp.Symbol("a", positive=True)
xk, xk1 = sp.symbols("x_k x_km1")
HALF = sp.Rational(1, 2)
PHI = (1 + sp.sqrt(5)) / 2
SQ2 = sp.sqrt(2)
R3 = -sp.cbrt(1 + sp.sqrt(sp.Rational(19, 27))) - sp.cbrt(1 - sp.sqrt(sp.Rational(19, 27)))  # x³ − 2x + 2 = 0


def _newton(f: sp.Expr) -> sp.Expr:
    return x - f / sp.diff(f, x)


NEWTON_SQ2 = _newton(x**2 - 2)
NEWTON_CUBIC = _newton(x**3 - 2 * x + 2)
CUBIC_C = 3 * R3 / (3 * R3**2 - 2)  # f″/(2f′) at the root
NEWTON_SQRT_A = x - (x**2 - a) / (2 * x)


@claim()
def newton_sqrt2_from_three_halves() -> Convergence:
    """Newton for x² − 2 from 3/2 converges to √2 with order 2 and constant 1/(2√2).
    x ↦ (x + 2/x)/2 maps x > √2 into (√2, x) and e_{k+1} = e_k²/(2x_k) (AM–GM)."""
    return Convergence(NEWTON_SQ2, x, root=SQ2, order=2, constant=1 / (2 * SQ2), start=sp.Rational(3, 2))


@claim(expect="refuted")
def newton_sqrt2_from_minus_one() -> Convergence:
    """Newton for x² − 2 from −1 converges to √2 (false: the iterates go to −√2, the map being odd)."""
    return Convergence(NEWTON_SQ2, x, root=SQ2, order=2, constant=1 / (2 * SQ2), start=-1)


@claim(expect="refuted")
def newton_sqrt2_from_its_pole() -> Convergence:
    """Newton for x² − 2 from 0 converges to √2 (false: the step (x + 2/x)/2 has no value at 0)."""
    return Convergence(NEWTON_SQ2, x, root=SQ2, order=2, constant=1 / (2 * SQ2), start=0)


@claim()
def newton_cubic_from_minus_two() -> Convergence:
    """Newton for x³ − 2x + 2 from −2 converges to its real root r ≈ −1.769 with order 2, constant 3r/(3r² − 2).
    f is concave and increasing left of −√(2/3), f(−2) < 0: each tangent lies above f, so the iterates rise to r."""
    return Convergence(NEWTON_CUBIC, x, root=R3, order=2, constant=CUBIC_C, start=-2)


@claim(expect="refuted")
def newton_cubic_cycles_from_zero() -> Convergence:
    """Newton for x³ − 2x + 2 from 0 converges to its real root (false: 0 → 1 → 0 → …, a 2-cycle)."""
    return Convergence(NEWTON_CUBIC, x, root=R3, order=2, constant=CUBIC_C, start=0)


@claim()
def newton_sqrt_a_from_a() -> Convergence:
    """Newton for x² − a from a converges to √a with order 2 and constant 1/(2√a), a ∈ [1, 4].
    From any x₀ > 0 the iterates are ≥ √a after one step (AM–GM) and then decrease to it."""
    return Convergence(NEWTON_SQRT_A, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), start=a,
                       where={a: Interval(1, 4)})  # fmt: skip


@claim(expect="refuted")
def newton_sqrt_a_from_minus_a() -> Convergence:
    """Newton for x² − a from −a converges to √a, a ∈ [1, 4] (false: from x₀ < 0 it goes to −√a)."""
    return Convergence(NEWTON_SQRT_A, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), start=-a,
                       where={a: Interval(1, 4)})  # fmt: skip


@claim(expect="refuted")
def vector_start_on_another_fixed_point() -> Convergence:
    """(x, y) ↦ (x², y/2) from (1, 1) converges to 0 at the rate 1/2 (false: x stays at 1, a fixed point)."""
    return Convergence(sp.Matrix([x**2, y / 2]), sp.Matrix([x, y]), root=sp.zeros(2, 1), order=1, constant=HALF,
                       start=sp.Matrix([1, 1]))  # fmt: skip


@claim(expect="refuted")
def wandering_start() -> Convergence:
    """x/2 on |x| < 1, 2 + 4(x − 2)(3 − x) elsewhere, from 7/3 converges to 0 at the rate 1/2 (false: the logistic
    map keeps [2, 3] invariant, so the iterates never reach |x| < 1)."""
    step = sp.Piecewise((x / 2, x**2 < 1), (2 + 4 * (x - 2) * (3 - x), True))
    return Convergence(step, x, root=0, order=1, constant=HALF, start=sp.Rational(7, 3))


@claim()
def newton_double_root_is_linear() -> Convergence:
    """Newton for (x − 1)²(x + 2) converges to the double root 1 linearly with constant 1/2.
    g(1 + e) − 1 = e·(e + 3)/(2(e + 3) + e)·… = e/2 + O(e²): f/f′ = e(e + 3)/(3e + 6)."""
    return Convergence(_newton((x - 1) ** 2 * (x + 2)), x, root=1, order=1, constant=HALF)


@claim(expect="refuted")
def newton_double_root_claimed_quadratic() -> Convergence:
    """Newton for (x − 1)²(x + 2) converges to 1 with order 2 and constant 1/3 (false: it is linear, rate 1/2)."""
    return Convergence(_newton((x - 1) ** 2 * (x + 2)), x, root=1, order=2, constant=sp.Rational(1, 3))


@claim(expect="refuted")
def constant_off_by_a_tiny_amount() -> Convergence:
    """x ↦ x²/√2 + x³ converges to 0 with order 2 and constant 1/√2 + 10⁻²⁵ (false: e_{k+1}/e_k² = 1/√2 + e_k)."""
    return Convergence(x**2 / SQ2 + x**3, x, root=0, order=2, constant=1 / SQ2 + sp.Rational(1, 10**25))


@claim(expect="refuted")
def root_off_the_fixed_point() -> Convergence:
    """x ↦ x/2 + 10⁻³⁰ converges to 0 at the rate 1/2 (false: its fixed point is 2·10⁻³⁰)."""
    return Convergence(x / 2 + sp.Rational(1, 10**30), x, root=0, order=1, constant=HALF)


@claim(expect="refuted")
def sqrt_step_repels_from_its_edge() -> Convergence:
    """x ↦ √x/2 converges to 0 at the rate 1/2 on x ≥ 0 (false: √x/2 > x for 0 < x < 1/4)."""
    return Convergence(sp.sqrt(x) / 2, x, root=0, order=1, constant=HALF, where={x: Nonnegative()})


@claim()
def secant_order_golden() -> Convergence:
    """The secant method for x² − 2 converges to √2 with order φ and constant (1/(2√2))^(1/φ).
    e_{k+1} = e_k·e_{k−1}/(x_k + x_{k−1}) exactly; Traub 1964 (order φ, constant |K|^(1/φ))."""
    f = xk**2 - 2
    step = xk - f * (xk - xk1) / (f - (xk1**2 - 2))
    return Convergence(step, (xk, xk1), root=SQ2, order=PHI, constant=(1 / (2 * SQ2)) ** (1 / PHI))


@claim()
def rotation_with_complex_eigenvalues() -> Convergence:
    """(x, y) ↦ ((x − y)/2, (x + y)/2) converges to 0 at the rate √2/2.
    The Jacobian has eigenvalues (1 ± i)/2, of modulus √2/2 (Ortega & Rheinboldt 10.1.4)."""
    step = sp.Matrix([(x - y) / 2, (x + y) / 2])
    return Convergence(step, sp.Matrix([x, y]), root=sp.zeros(2, 1), order=1, constant=SQ2 / 2)


@claim(expect="refuted")
def order_two_plus_a_hair() -> Convergence:
    """x ↦ x²(1 + x) converges to 0 with order 2 + 10⁻²⁰ and constant 1 (false: the order is 2, and
    |e_{k+1}|/|e_k|^(2 + 10⁻²⁰) = |e_k|^(−10⁻²⁰)(1 + e_k) grows without bound)."""
    return Convergence(x**2 * (1 + x), x, root=0, order=2 + sp.Rational(1, 10**20), constant=1)


@claim()
def creeping_start() -> Convergence:
    """x ↦ x − x⁷ from 1/2 converges to 0 with order 1 and constant 1 (sublinearly).
    On (0, 1/2] the step maps into (0, x) and e_{k+1}/e_k = 1 − e_k⁶ → 1."""
    return Convergence(x - x**7, x, root=0, order=1, constant=1, start=HALF)


ORBIT = {"orbit": 40}
TRUTH = {
    "newton_sqrt2_from_three_halves": ("true", 3, None),
    "newton_sqrt2_from_minus_one": ("false", 3, ORBIT),
    "newton_sqrt2_from_its_pole": ("false", 3, ORBIT),
    "newton_cubic_from_minus_two": ("true", 3, None),
    "newton_cubic_cycles_from_zero": ("false", 3, ORBIT),
    "newton_sqrt_a_from_a": ("true", 3, None),
    "newton_sqrt_a_from_minus_a": ("false", 3, {"a": 2, **ORBIT}),
    "vector_start_on_another_fixed_point": ("false", 3, ORBIT),
    "wandering_start": ("false", 3, ORBIT),
    "newton_double_root_is_linear": ("true", 3, None),
    "newton_double_root_claimed_quadratic": ("false", 3, {"along": ["1001/1000", "999/1000"]}),
    "constant_off_by_a_tiny_amount": ("false", 3, {"along": ["1e-40"], "gap": sp.Rational(1, 10**27)}),
    "root_off_the_fixed_point": ("false", 3, {"along": ["1e-40", "-1e-40"]}),
    "sqrt_step_repels_from_its_edge": ("false", 3, {"x": "1/1000", "along": ["1/1000"], "grows": True}),
    "secant_order_golden": ("true", 3, None),
    "rotation_with_complex_eigenvalues": ("true", 3, None),
    "order_two_plus_a_hair": ("false", 3, {"along": ["1e-100"], "gap": sp.Rational(1, 10**19)}),
    "creeping_start": ("true", 3, None),
}
KNOWN_WRONG = ("order_two_plus_a_hair",)  # CHECKED: the iteration sees an order to about 10⁻¹⁴
