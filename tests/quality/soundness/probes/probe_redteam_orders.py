"""Orders and rates of convergence written a little off: Newton's order 2 written 1.99, the secant's φ written 1.618
or 1.6, a vector map's rate 10⁻⁹ or 10⁻¹² off.

What broke (fixed with these probes): an order seen from the iteration was compared with the claim within 0.05,
however well the iteration had settled it. Newton's step shows its order 2 to fourteen digits and the secant's fit
shows φ to as many, yet "Newton converges with order 1.99" and "the secant converges with order 1.618" were CHECKED.
A one-step claim whose constant then looked off at 120 digits and still settling at 240 was taken as a pass.
settling.order_agrees now holds an order to how far its last three estimates may still move (never tighter than
10⁻¹⁰, a float's view of it), and the loose 0.05 only where the estimates settle too slowly to say more. A vector
map's linear rate was held to 10⁻⁶ however exactly its run showed it: gradient descent with rate 9/10 claimed
9/10 + 10⁻⁹ was CHECKED, and claimed 9/10 + 10⁻³ was UNKNOWN ('no usable errors': a gap below 20/N steps was taken
for a transient); a rate whose two quarters of the run agree to 10⁻²⁰ is held to 10⁻³⁰ now (settling.rate_tolerance),
while a Jordan block's k·ρᵏ, close eigenvalues or a non-normal wobble keep the looser comparison. Red team 130 broke
the first order rule with maps whose error ratio wobbles log-periodically: their last three order estimates turned,
the small last step looked like settling, and a true rate was REFUTED; order_agrees now reads the last eight and
holds an order tightly only where they close in steadily (wobbly_halving_*: UNKNOWN, as a wobble may be).

The maps have the root 0, so that their iterates are exact to the working precision however small they get:
e ↦ e²/(1 + 2e) is Newton's step for f(e) = e + e² (e_{k+1}/e_k² → 1), and e_{k+1} = e_k·e_{k−1}/(1 + e_k + e_{k−1}) is
the secant step for the same f (|e_{k+1}|/|e_k|^φ → 1: Traub 1964, constant |f″/(2f′)|^(1/φ) = 1).
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Nonnegative, claim

x = sp.Symbol("x", real=True)
u, v = sp.symbols("u v", real=True)
UV, ORIGIN = sp.Matrix([u, v]), sp.zeros(2, 1)
NINE_TENTHS, HALF = sp.Rational(9, 10), sp.Rational(1, 2)
xk, xk1 = sp.symbols("x_k x_km1")
PHI = (1 + sp.sqrt(5)) / 2
NEWTON = x - (x + x**2) / (1 + 2 * x)
F_NOW, F_BEFORE = xk + xk**2, xk1 + xk1**2
SECANT = xk - F_NOW * (xk - xk1) / (F_NOW - F_BEFORE)


@claim()
def newton_order_two() -> Convergence:
    """Newton's step for e + e² converges to 0 with order 2 and constant 1.
    e − (e + e²)/(1 + 2e) = e²/(1 + 2e), so e_{k+1}/e_k² = 1/(1 + 2e_k) → 1 (Süli & Mayers, Thm 1.8)."""
    return Convergence(NEWTON, x, root=0, order=2, constant=1)


@claim(expect="refuted")
def newton_order_written_199() -> Convergence:
    """Newton's step for e + e² has order 1.99 and constant 1 (false: e_{k+1}/e_k^1.99 = e_k^0.01/(1 + 2e_k) → 0)."""
    return Convergence(NEWTON, x, root=0, order=sp.Rational(199, 100), constant=1)


@claim(expect="refuted")
def halving_order_written_101() -> Convergence:
    """x ↦ x/2 has order 1.01 and constant 1/2 (false: e_{k+1}/e_k^1.01 = e_k^(−0.01)/2 grows without bound)."""
    return Convergence(x / 2, x, root=0, order=sp.Rational(101, 100), constant=sp.Rational(1, 2))


@claim(expect="refuted")
def cubic_order_written_295() -> Convergence:
    """x ↦ x³ + x⁴ has order 2.95 and constant 1 (false: e_{k+1}/e_k^2.95 = e_k^0.05(1 + e_k) → 0)."""
    return Convergence(x**3 + x**4, x, root=0, order=sp.Rational(295, 100), constant=1)


@claim()
def three_halves_order() -> Convergence:
    """x ↦ x^(3/2) on x ≥ 0 converges to 0 with order 3/2 and constant 1.
    e_{k+1} = e_k^(3/2) exactly, and the step maps [0, 1) into itself."""
    return Convergence(x ** sp.Rational(3, 2), x, root=0, order=sp.Rational(3, 2), constant=1, where={x: Nonnegative()})


@claim()
def secant_order_phi() -> Convergence:
    """The secant step for e + e² converges to 0 with order φ and constant 1.
    e_{k+1} = e_k e_{k−1}/(1 + e_k + e_{k−1}); Traub 1964: order φ, constant |f″/(2f′)|^(1/φ) = 1."""
    return Convergence(SECANT, (xk, xk1), root=0, order=PHI, constant=1)


@claim(expect="refuted")
def secant_order_written_1618() -> Convergence:
    """The secant step for e + e² has order 1.618 and constant 1 (false: |e_{k+1}|/|e_k|^1.618 ~ |e_k|^(φ − 1.618)
    → 0, φ − 1.618 = 3.4·10⁻⁵)."""
    return Convergence(SECANT, (xk, xk1), root=0, order=sp.Rational(1618, 1000), constant=1)


@claim(expect="refuted")
def secant_order_written_16() -> Convergence:
    """The secant step for e + e² has order 1.6 and constant 1 (false: φ − 1.6 ≈ 0.018)."""
    return Convergence(SECANT, (xk, xk1), root=0, order=sp.Rational(16, 10), constant=1)


@claim()
def descent_rate() -> Convergence:
    """Gradient descent on (u² + v²)/2 with step 1/10: (u, v) ↦ (9u/10, 9v/10), rate 9/10.
    The step is 9I/10 exactly: ‖e_{k+1}‖ = 9‖e_k‖/10."""
    return Convergence(NINE_TENTHS * UV, UV, root=ORIGIN, order=1, constant=NINE_TENTHS)


@claim(expect="refuted")
def descent_rate_a_thousandth_off() -> Convergence:
    """(u, v) ↦ (9u/10, 9v/10) has rate 9/10 + 10⁻³ (false: the Jacobian is 9I/10)."""
    return Convergence(NINE_TENTHS * UV, UV, root=ORIGIN, order=1, constant=NINE_TENTHS + sp.Rational(1, 10**3))


@claim(expect="refuted")
def descent_rate_a_billionth_off() -> Convergence:
    """(u, v) ↦ (9u/10, 9v/10) has rate 9/10 + 10⁻⁹ (false)."""
    return Convergence(NINE_TENTHS * UV, UV, root=ORIGIN, order=1, constant=NINE_TENTHS + sp.Rational(1, 10**9))


@claim(expect="refuted")
def nonlinear_rate_off_by_ten_to_the_minus_twelve() -> Convergence:
    """(u, v) ↦ (9 sin(u)/10, v/2 + uv) has rate 9/10 + 10⁻¹² (false: its Jacobian at 0 is diag(9/10, 1/2))."""
    step = sp.Matrix([NINE_TENTHS * sp.sin(u), v / 2 + u * v])
    return Convergence(step, UV, root=ORIGIN, order=1, constant=NINE_TENTHS + sp.Rational(1, 10**12))


@claim()
def jordan_block_rate() -> Convergence:
    """(u, v) ↦ (u/2 + v + v², v/2 + u²) converges to 0 at the rate 1/2.
    The Jacobian at 0 is the Jordan block [[1/2, 1], [0, 1/2]]: spectral radius 1/2 (‖e_k‖ ~ k·2⁻ᵏ)."""
    return Convergence(sp.Matrix([HALF * u + v + v**2, HALF * v + u**2]), UV, root=ORIGIN, order=1, constant=HALF)


@claim()
def non_normal_complex_rate() -> Convergence:
    """(u, v) ↦ (u/2 + 2v + uv, −u/10 + v/2 + u²) converges to 0 at the rate √(9/20).
    The Jacobian at 0, [[1/2, 2], [−1/10, 1/2]], has eigenvalues 1/2 ± i√(1/5), of modulus √(9/20)."""
    step = sp.Matrix([HALF * u + 2 * v + u * v, -u / 10 + HALF * v + u**2])
    return Convergence(step, UV, root=ORIGIN, order=1, constant=sp.sqrt(sp.Rational(9, 20)))


W5 = 2 * sp.pi / (5 * sp.log(2))


def _wobbly_halving(w: sp.Expr, s: sp.Expr, phase: sp.Expr) -> sp.Expr:
    """x ↦ (x/2)(1 + sin(w·ln(1/|x|) + phase)·|x|^s): its error ratio wobbles log-periodically on its way to 1/2."""
    return x / 2 * (1 + sp.sin(w * sp.log(1 / sp.Abs(x)) + phase) * sp.Abs(x) ** s)


@claim()
def wobbly_halving_turning() -> Convergence:
    """x ↦ (x/2)(1 + sin(w ln(1/|x|) + 24/5)|x|^(3/100)), w = 2π/(5 ln 2), converges to 0 at the rate 1/2.
    For 0 < |x| ≤ 10⁻³ the factor lies in [(1 − |x|^s)/2, (1 + |x|^s)/2] ⊂ (0, 1): e_{k+1}/e_k = (1 + O(e_k^s))/2 → 1/2.
    Its order estimates turn between the last three (red team 130): REFUTED under the first order rule."""
    return Convergence(_wobbly_halving(W5, sp.Rational(3, 100), sp.Rational(24, 5)), x, root=0, order=1, constant=HALF)


@claim()
def wobbly_halving_turning_again() -> Convergence:
    """x ↦ (x/2)(1 + sin(11 ln(1/|x|)/10 + 21/5)|x|^(3/100)) converges to 0 at the rate 1/2.
    As wobbly_halving_turning: the factor lies in (0, 1) and e_{k+1}/e_k → 1/2."""
    return Convergence(_wobbly_halving(sp.Rational(11, 10), sp.Rational(3, 100), sp.Rational(21, 5)), x, root=0,
                       order=1, constant=HALF)  # fmt: skip


@claim()
def wobbly_halving_constant() -> Convergence:
    """x ↦ (x/2)(1 + sin(w ln(1/|x|) + 7/2)|x|^(3/25)), w = 2π/(5 ln 2), converges to 0 at the rate 1/2.
    As wobbly_halving_turning: e_{k+1}/e_k = (1 + O(e_k^(3/25)))/2 → 1/2; its constant's estimates turn."""
    return Convergence(_wobbly_halving(W5, sp.Rational(3, 25), sp.Rational(7, 2)), x, root=0, order=1, constant=HALF)


MEMORY = {"memory": {"start": ["1/1000", "1/500"], "digits": 50, "steps": 30}}
TRUTH = {
    "newton_order_two": ("true", 3, None),
    "newton_order_written_199": ("false", 3, {"along": ["1e-100"]}),
    "halving_order_written_101": ("false", 3, {"along": ["1e-100"]}),
    "cubic_order_written_295": ("false", 3, {"along": ["1e-100"]}),
    "three_halves_order": ("true", 3, None),
    "secant_order_phi": ("true", 3, None),
    "secant_order_written_1618": ("false", 3, MEMORY),
    "secant_order_written_16": ("false", 3, MEMORY),
    "descent_rate": ("true", 3, None),
    "descent_rate_a_thousandth_off": ("false", 3, {"spectral": True, "gap": sp.Rational(1, 10**4)}),
    "descent_rate_a_billionth_off": ("false", 3, {"spectral": True, "gap": sp.Rational(1, 10**10)}),
    "nonlinear_rate_off_by_ten_to_the_minus_twelve": ("false", 3, {"spectral": True, "gap": sp.Rational(1, 10**13)}),
    "jordan_block_rate": ("true", 3, None),
    "non_normal_complex_rate": ("true", 3, None),
    "wobbly_halving_turning": ("true", 3, None),
    "wobbly_halving_turning_again": ("true", 3, None),
    "wobbly_halving_constant": ("true", 3, None),
}
# REFUTED, and so before this module's rules (red team 130): settling.remaining takes the constant's last three
# estimates at a turn of the wobble for a geometric tail; widening it where they do not close in steadily made the
# false rate 1/2 + 10⁻²⁰ of the same map CHECKED, so it is left open
KNOWN_WRONG = ("wobbly_halving_constant",)
