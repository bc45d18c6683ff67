"""Convergence claims at the edges a red team found this stop (helper-72, helper-73).

A map g with g(x*) = x* and 0 < |g′(x*)| < 1 converges linearly to x* from every start close enough, with
e_{k+1}/e_k → g′(x*) (Ostrowski's theorem; Ortega & Rheinboldt, Iterative Solution of Nonlinear Equations, 10.1.3),
however large its second-order term: x·cos(1)/2 + 10⁶x² converges from below about 10⁻⁶, not from the check's
start at 10⁻³, and was REFUTED, "no convergence". With g′(x*) = 0 ≠ g″(x*)/2 = C the order is 2 and the
constant C. x ↦ 2x moves every point near 0 away from it.

Two false claims fail only at a parameter value no sample meets (a = √2), where a cancellation or a branch switch
lands on the root. The kernel no longer proves them (it proved both, for a generic a); the numeric check cannot
see a single parameter value, so they are CHECKED: KNOWN_WRONG, the blind spot docs/explanation/known-limits.md
names for claims false on a set of measure zero.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Real, claim

x, y, a = sp.symbols("x y a", real=True)
C = sp.cos(1) / 2
e, c = x - 1, a**2 - 2


@claim()
def steep_linear() -> Convergence:
    """x ↦ x·cos(1)/2 + 10⁶x² converges linearly to 0 with rate cos(1)/2.
    g(0) = 0 and g′(0) = cos(1)/2 ∈ (0, 1): Ostrowski's theorem (see the module docstring)."""
    return Convergence(C * x + 10**6 * x**2, x, root=0, order=1, constant=C)


@claim()
def steep_quadratic() -> Convergence:
    """x ↦ x² + 10¹²x³ converges to 0 with order 2 and constant 1.
    g(e)/e² = 1 + 10¹²e → 1 as e → 0."""
    return Convergence(x**2 + 10**12 * x**3, x, root=0, order=2, constant=1)


@claim()
def steep_vector() -> Convergence:
    """(x, y) ↦ (x/2 + 10⁶x², y/3) converges to 0 with rate 1/2.
    The Jacobian at 0 is diag(1/2, 1/3), whose spectral radius is 1/2 (Ortega & Rheinboldt 10.1.4)."""
    return Convergence(
        sp.Matrix([x / 2 + 10**6 * x**2, y / 3]), sp.Matrix([x, y]), root=sp.Matrix([0, 0]), order=1,
        constant=sp.Rational(1, 2),
    )  # fmt: skip


@claim(expect="refuted")
def doubling_converges() -> Convergence:
    """x ↦ 2x converges linearly to 0 with rate cos(1)/2 (false: every point near 0 moves away from it)."""
    return Convergence(2 * x, x, root=0, order=1, constant=C)


@claim(expect="refuted")
def cancellation_on_the_root() -> Convergence:
    """x ↦ 1 + (c·e³ + e⁵)/(c·e + e⁴), e = x − 1, c = a² − 2, converges to 1 with order 2 and constant 1 for every
    real a (false at a = √2, where the map is x: e_{k+1}/e_k² = 1/e_k)."""
    return Convergence(1 + (c * e**3 + e**5) / (c * e + e**4), x, root=1, order=2, constant=1, where={a: Real()})


@claim(expect="refuted")
def switch_on_the_root() -> Convergence:
    """x ↦ 1 + e²(1 + sign(e − c) − sign(−c)) converges to 1 with order 2 and constant 1 for every real a (false at
    a = √2: e_{k+1}/e_k² is 2 from the right and 0 from the left)."""
    return Convergence(1 + e**2 * (1 + sp.sign(e - c) - sp.sign(-c)), x, root=1, order=2, constant=1, where={a: Real()})


TRUTH = {
    "steep_linear": ("true", 3, None),
    "steep_quadratic": ("true", 3, None),
    "steep_vector": ("true", 3, None),
    "doubling_converges": ("false", 3, {"along": ["1/1000", "-1/1000"], "grows": True}),
    "cancellation_on_the_root": ("false", 2, {"a": sp.sqrt(2), "along": ["1001/1000", "999/1000"]}),
    "switch_on_the_root": ("false", 2, {"a": sp.sqrt(2), "along": ["1001/1000", "999/1000"]}),
}
KNOWN_WRONG = ("cancellation_on_the_root", "switch_on_the_root")  # CHECKED: a = √2 is a single point
