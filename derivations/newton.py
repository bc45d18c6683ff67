"""Newton's method: quadratic convergence at a simple root, and where it fails.

Newton's iteration x_{k+1} = x_k − f(x_k)/f′(x_k) looks for a root x* of f. Write the
error e = x − x* and expand f(x* + e) = a₁e + a₂e² + a₃e³ with a₁ = f′(x*), a₂ = f″(x*)/2,
a₃ = f‴(x*)/6. Then e_{k+1} = (e f′ − f)/f′ = (a₂e² + 2a₃e³)/(a₁ + 2a₂e + 3a₃e²), so at a
simple root (a₁ ≠ 0) e_{k+1} = (f″(x*)/(2f′(x*)))·e_k² + O(e_k³): quadratic convergence
with constant f″/(2f′) — not f″/f′. The order is exactly 2 when f″(x*) ≠ 0 as well, so each
claim below assumes that the leading coefficient it names is nonzero. Minimising g by
Newton's method is Newton on g′, so near a minimiser with g″(x*) > 0 its constant is
g‴(x*)/(2g″(x*)).

Concrete cases: the cubic x³ − 2x − 4 at x* = 2, eˣ − 2 at log 2, sin x − ½ at π/6, and
the Babylonian square root (Newton on x² − 2 at √2). When also f″(x*) = 0, the e² term
vanishes and e_{k+1} = (f‴(x*)/(3f′(x*)))·e_k³ + O(e_k⁴): Newton on sin x at 0 is
e ↦ e − tan e = −e³/3 + O(e⁵). At a double root f′(x*) = 0 and the method slows to linear
convergence with ratio ½, e.g. for (x − 1)²(x + 2) at 1; the modified step x − 2f/f′
restores quadratic convergence there.

Here |e_{k+1}| ~ C·|e_k|^p is stated with a signed constant C: e_{k+1}/e_k^p → C.

The secant method replaces f′(x_k) by the slope through the last two iterates:
x_{k+1} = x_k − f(x_k)(x_k − x_{k−1})/(f(x_k) − f(x_{k−1})). With the expansion above its
error map is e_{k+1} = (a₂/a₁)·e_k·e_{k−1}·(1 + O(e)), so y_k = log|e_k| obeys
y_{k+1} = y_k + y_{k−1} + log|a₂/a₁| + o(1). The order is the positive root of q² = q + 1,
the golden ratio φ = (1 + √5)/2 ≈ 1.618; the other root 1 − φ = −1/φ lies inside the unit
circle, so y_{k+1} − φy_k settles (slowly, oscillating) at log|a₂/a₁|/φ, that is
|e_{k+1}| ~ |f″(x*)/(2f′(x*))|^{φ−1}·|e_k|^φ (1/φ = φ − 1). For x³ − 2x − 4 at 2 the
constant is (3/5)^{φ−1} ≈ 0.729. Kept as a wrong version: "the secant method converges
quadratically, like Newton's". Its constant is signless (the limit of |e_{k+1}|/|e_k|^φ).

Sources: J. Nocedal and S. Wright, Numerical Optimization, 2nd ed. (2006), Theorem 3.5
and §11.1; E. Süli and D. Mayers, An Introduction to Numerical Analysis (2003), §1.4
(Newton's method) and its exercises on multiple roots, and the secant method in the same
chapter; J. F. Traub, Iterative Methods for the Solution of Equations (1964), on the order
of methods with memory.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Nonzero, Positive, Real, claim
from verifier.language.mathlib import scalar, scalars

e, x = scalar("e"), scalar("x")
e_now, e_prev = scalar("e_k"), scalar("e_{k-1}")
x_now, x_prev = scalar("x_k"), scalar("x_{k-1}")
phi = (1 + sp.sqrt(5)) / 2
a1, a2, a3, a4 = scalars("a1 a2 a3 a4")
b2, b3, b4 = scalars("b2 b3 b4")


def newton_step(f: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """var − f/f′."""
    return var - f / sp.diff(f, var)


def newton_minimisation_step(g: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """var − g′/g″: Newton's method on g′."""
    return newton_step(sp.diff(g, var), var)


def secant_step(f: sp.Expr, var: sp.Symbol, now: sp.Symbol, prev: sp.Symbol) -> sp.Expr:
    """x_k − f(x_k)(x_k − x_{k−1})/(f(x_k) − f(x_{k−1})) for f written in var."""
    f_now, f_prev = f.subs(var, now), f.subs(var, prev)
    return now - f_now * (now - prev) / (f_now - f_prev)


# ----------------------------------------------------------------------------- generic smooth f


@claim()
def error_map() -> Convergence:
    """f(x* + e) = a₁e + a₂e² + a₃e³, a₁, a₂ ≠ 0: e_{k+1} ≈ (a₂/a₁)·e_k² = (f″/(2f′))·e_k²."""
    f = a1 * e + a2 * e**2 + a3 * e**3
    where = {a1: Nonzero(), a2: Nonzero(), a3: Real()}
    return Convergence(newton_step(f, e), e, root=0, order=2, constant=a2 / a1, where=where)


@claim(expect="refuted")
def error_map_constant_without_half() -> Convergence:
    """Wrong: e_{k+1} ≈ (f″/f′)·e_k² = (2a₂/a₁)·e_k², dropping the ½."""
    f = a1 * e + a2 * e**2 + a3 * e**3
    where = {a1: Nonzero(), a2: Nonzero(), a3: Real()}
    return Convergence(newton_step(f, e), e, root=0, order=2, constant=2 * a2 / a1, where=where)


@claim()
def minimisation_error_map() -> Convergence:
    """Minimise g(x* + e) = g(x*) + b₂e² + b₃e³ + b₄e⁴, b₂ > 0, b₃ ≠ 0: e_{k+1} ≈ (3b₃/(2b₂))·e_k²."""
    g = b2 * e**2 + b3 * e**3 + b4 * e**4
    where = {b2: Positive(), b3: Nonzero(), b4: Real()}
    step = newton_minimisation_step(g, e)
    return Convergence(step, e, root=0, order=2, constant=3 * b3 / (2 * b2), where=where)


@claim()
def error_map_at_inflection() -> Convergence:
    """f(x* + e) = a₁e + a₃e³ + a₄e⁴, f″(x*) = 0 ≠ f‴(x*): e_{k+1} ≈ (2a₃/a₁)·e_k³ = (f‴/(3f′))·e_k³."""
    f = a1 * e + a3 * e**3 + a4 * e**4
    where = {a1: Nonzero(), a3: Nonzero(), a4: Real()}
    return Convergence(newton_step(f, e), e, root=0, order=3, constant=2 * a3 / a1, where=where)


# ----------------------------------------------------------------------------- concrete roots


@claim()
def cubic() -> Convergence:
    """f = x³ − 2x − 4, x* = 2: e_{k+1} ≈ (12/20)·e_k² = (3/5)·e_k²."""
    f = x**3 - 2 * x - 4
    return Convergence(newton_step(f, x), x, root=2, order=2, constant=sp.Rational(3, 5))


@claim()
def exponential() -> Convergence:
    """f = eˣ − 2, x* = log 2: e_{k+1} ≈ (2/(2·2))·e_k² = ½·e_k²."""
    f = sp.exp(x) - 2
    return Convergence(newton_step(f, x), x, root=sp.log(2), order=2, constant=sp.Rational(1, 2))


@claim()
def sine() -> Convergence:
    """f = sin x − ½, x* = π/6: e_{k+1} ≈ (−½/(2·√3/2))·e_k² = −(√3/6)·e_k²."""
    f = sp.sin(x) - sp.Rational(1, 2)
    return Convergence(newton_step(f, x), x, root=sp.pi / 6, order=2, constant=-sp.sqrt(3) / 6)


@claim()
def square_root_of_two() -> Convergence:
    """f = x² − 2 (x ↦ (x + 2/x)/2), x* = √2: e_{k+1} ≈ (2/(2·2√2))·e_k² = (√2/4)·e_k²."""
    f = x**2 - 2
    return Convergence(newton_step(f, x), x, root=sp.sqrt(2), order=2, constant=sp.sqrt(2) / 4)


@claim()
def sine_at_zero_is_cubic() -> Convergence:
    """f = sin x, x* = 0, f″(0) = 0: e_{k+1} = e_k − tan e_k ≈ −⅓·e_k³."""
    f = sp.sin(x)
    return Convergence(newton_step(f, x), x, root=0, order=3, constant=sp.Rational(-1, 3))


# ----------------------------------------------------------------------------- a double root


@claim()
def double_root_is_linear() -> Convergence:
    """f = (x − 1)²(x + 2), x* = 1 double: e_{k+1} ≈ ½·e_k (linear)."""
    f = (x - 1) ** 2 * (x + 2)
    return Convergence(newton_step(f, x), x, root=1, order=1, constant=sp.Rational(1, 2))


@claim(expect="refuted")
def double_root_is_quadratic() -> Convergence:
    """Wrong: f = (x − 1)²(x + 2), x* = 1 double: e_{k+1} ≈ (1/6)·e_k² (quadratic)."""
    f = (x - 1) ** 2 * (x + 2)
    return Convergence(newton_step(f, x), x, root=1, order=2, constant=sp.Rational(1, 6))


@claim()
def double_root_modified_step() -> Convergence:
    """f = (x − 1)²(x + 2), step x − 2f/f′: e_{k+1} ≈ (f‴/(6f″))·e_k² = (1/6)·e_k²."""
    f = (x - 1) ** 2 * (x + 2)
    step = x - 2 * f / sp.diff(f, x)
    return Convergence(step, x, root=1, order=2, constant=sp.Rational(1, 6))


# ----------------------------------------------------------------------------- the secant method


@claim()
def secant_error_map() -> Convergence:
    """Secant on f(x* + e) = a₁e + a₂e² + a₃e³, a₁, a₂ ≠ 0: |e_{k+1}| ≈ |a₂/a₁|^{φ−1}·|e_k|^φ, φ = (1 + √5)/2."""
    f = a1 * e + a2 * e**2 + a3 * e**3
    where = {a1: Nonzero(), a2: Nonzero(), a3: Real()}
    step = secant_step(f, e, e_now, e_prev)
    return Convergence(step, (e_now, e_prev), root=0, order=phi, constant=sp.Abs(a2 / a1) ** (phi - 1), where=where)


@claim(expect="refuted")
def secant_is_quadratic() -> Convergence:
    """Wrong: the secant method converges quadratically, |e_{k+1}| ≈ |a₂/a₁|·|e_k|²."""
    f = a1 * e + a2 * e**2 + a3 * e**3
    where = {a1: Nonzero(), a2: Nonzero(), a3: Real()}
    step = secant_step(f, e, e_now, e_prev)
    return Convergence(step, (e_now, e_prev), root=0, order=2, constant=sp.Abs(a2 / a1), where=where)


@claim()
def secant_cubic() -> Convergence:
    """Secant on f = x³ − 2x − 4, x* = 2: |e_{k+1}| ≈ (12/20)^{φ−1}·|e_k|^φ = (3/5)^{φ−1}·|e_k|^φ."""
    f = x**3 - 2 * x - 4
    step = secant_step(f, x, x_now, x_prev)
    return Convergence(step, (x_now, x_prev), root=2, order=phi, constant=sp.Rational(3, 5) ** (phi - 1))


@claim(
    notes="CHECKED only: the error map of eˣ − 2 is not a rational function of the errors, "
    "which the kernel's rule for maps with memory needs"
)
def secant_exponential() -> Convergence:
    """Secant on f = eˣ − 2, x* = log 2: |e_{k+1}| ≈ (2/(2·2))^{φ−1}·|e_k|^φ = (1/2)^{φ−1}·|e_k|^φ."""
    f = sp.exp(x) - 2
    step = secant_step(f, x, x_now, x_prev)
    return Convergence(step, (x_now, x_prev), root=sp.log(2), order=phi, constant=sp.Rational(1, 2) ** (phi - 1))
