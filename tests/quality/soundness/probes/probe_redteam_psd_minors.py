"""Red team 101: PSD claims in one symbol that fail only near one point, or only at a float end of the domain.

diag(1, (3x − 1)² − 10⁻⁸) is not PSD for |x − 1/3| < 3.4·10⁻⁵, diag((3x − 1)², 1) is singular at x = 1/3, and
[[2, x], [x, 1]] on [−r, r], r = 1.4142135623730951 (the float just above √2), has a negative eigenvalue
of −2.7·10⁻¹⁶ at its ends only. All were CHECKED, while the same minors as Inequality claims were REFUTED by
the critical-point search. Each principal minor (each leading one, for PD) now goes through that search
(`numeric/checks/psd_minors.py`); a minor that is one number everywhere (the determinant of [[eˣ, 1], [1, e⁻ˣ]],
0, claimed definite: UNKNOWN before) is decided by sympy. Beside them, the true claims.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Interval, Real, claim

x = sp.Symbol("x", real=True)
FLOAT_ROOT_TWO = 1.4142135623730951  # above √2: 2 − r² = −2.7·10⁻¹⁶
TINY = sp.Rational(1, 10**8)


@claim()
def negative_minor_near_a_third() -> PSD:
    """diag(1, (3x − 1)² − 10⁻⁸) ⪰ 0 on ℝ (false at x = 1/3: the minor is −10⁻⁸)."""
    return PSD(sp.diag(1, (3 * x - 1) ** 2 - TINY), where={x: Real()})


@claim()
def singular_at_a_third_claimed_definite() -> PSD:
    """diag((3x − 1)², 1) ≻ 0 on ℝ (false at x = 1/3: singular)."""
    return PSD(sp.diag((3 * x - 1) ** 2, 1), strict=True, where={x: Real()})


@claim()
def negative_only_at_the_float_ends() -> PSD:
    """[[2, x], [x, 1]] ⪰ 0 on [−r, r], r the float above √2 (false at x = −r: the determinant is 2 − r² < 0)."""
    return PSD(sp.Matrix([[2, x], [x, 1]]), where={x: Interval(-FLOAT_ROOT_TWO, FLOAT_ROOT_TWO)})


@claim()
def singular_everywhere_claimed_definite() -> PSD:
    """[[eˣ, 1], [1, e⁻ˣ]] ≻ 0 on ℝ (false at x = 0: its determinant is 0 everywhere)."""
    return PSD(sp.Matrix([[sp.exp(x), 1], [1, sp.exp(-x)]]), strict=True, where={x: Real()})


@claim()
def singular_everywhere_semidefinite() -> PSD:
    """[[eˣ, 1], [1, e⁻ˣ]] ⪰ 0 on ℝ.

    Proof: it is v vᵀ with v = (e^{x/2}, e^{−x/2}).
    """
    return PSD(sp.Matrix([[sp.exp(x), 1], [1, sp.exp(-x)]]), where={x: Real()})


@claim()
def touching_zero_at_a_third() -> PSD:
    """diag(1, (3x − 1)²) ⪰ 0 on ℝ.

    Proof: both diagonal entries are squares or 1.
    """
    return PSD(sp.diag(1, (3 * x - 1) ** 2), where={x: Real()})


@claim()
def inside_the_root_two_ends() -> PSD:
    """[[2, x], [x, 1]] ⪰ 0 on [−1.414, 1.414].

    Proof: the trace is 3 > 0 and the determinant 2 − x² ≥ 2 − 1.414² > 0.
    """
    return PSD(sp.Matrix([[2, x], [x, 1]]), where={x: Interval(sp.Rational(-1414, 1000), sp.Rational(1414, 1000))})


TRUTH = {
    "negative_minor_near_a_third": ("false", 1, {"x": sp.Rational(1, 3)}),
    "singular_at_a_third_claimed_definite": ("false", 1, {"x": sp.Rational(1, 3)}),
    "negative_only_at_the_float_ends": ("false", 1, {"x": -sp.Rational(FLOAT_ROOT_TWO)}),
    "singular_everywhere_claimed_definite": ("false", 1, {"x": 0}),
    "singular_everywhere_semidefinite": ("true", 1, None),
    "touching_zero_at_a_third": ("true", 1, None),
    "inside_the_root_two_ends": ("true", 1, None),
}
