"""Class 1: LDLᵀ proposals over exponentials, computed in FLINT (issue 42).

certify's symmetric elimination now reads a matrix of rational functions of symbols and exponentials into
FLINT: each exponent is expanded and split into terms, and each term's tail has one generator whose whole
powers are its exponentials (e^{x+y} = eˣ·eʸ, e^{2x} = (eˣ)², e^{x/2} and eˣ are g and g²). An exponential with
a number in its exponent (e^{x+1} = e·eˣ), a float, or a power above 64 stays on sympy's path
(verifier/strategies/field.py). The proposal is search: the kernel checks the identity and the pivots' signs.
Each probe sits at an edge of that reading: a Gram matrix scaled by e^{‖x‖²}, pivots whose Schur complement
cancels only through e^{2x} = (eˣ)², the rank-one matrix of e^{x+1}, eˣ, e^{x−1} (singular, through e alone), a
red team's rank-one matrices (of e^{eˣ}; of e^{x/3}, e^{x/5} and e^{x/7}, powers of e^{x/105}), and the false
twins of each. Every false probe has a witness whose smallest eigenvalue is far below 0.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Real, claim

x, y, z = sp.symbols("x y z")


@claim()
def gram_scaled_by_an_exponential() -> PSD:
    """e^{x²+y²}·(I + vvᵀ) ⪰ 0 for v = (x, y).

    Proof: I + vvᵀ ⪰ I, and e^{x²+y²} > 0.
    """
    v = sp.Matrix([x, y])
    return PSD(sp.exp(x**2 + y**2) * (sp.eye(2) + v * v.T), where={x: Real(), y: Real()})


@claim()
def exponential_times_an_indefinite_matrix() -> PSD:
    """eˣ·[[1, 2], [2, 1]] ⪰ 0 (false: the eigenvalue −eˣ; −1 at x = 0)."""
    return PSD(sp.exp(x) * sp.Matrix([[1, 2], [2, 1]]), where={x: Real()})


@claim()
def schur_complement_through_a_square_of_an_exponential() -> PSD:
    """[[e^{2x}, e^{x−y}], [e^{x−y}, e^{−2y} + z²]] ⪰ 0.

    Proof: e^{2x} > 0, and the determinant is e^{2x}(e^{−2y} + z²) − e^{2x−2y} = e^{2x}·z² ≥ 0.
    """
    h = sp.Matrix([[sp.exp(2 * x), sp.exp(x - y)], [sp.exp(x - y), sp.exp(-2 * y) + z**2]])
    return PSD(h, where={x: Real(), y: Real(), z: Real()})


@claim()
def schur_complement_with_the_sign_flipped() -> PSD:
    """[[e^{2x}, e^{x−y}], [e^{x−y}, e^{−2y} − z²]] ⪰ 0 (false: the determinant is −e^{2x}·z²; −1 at x = y = 0,
    z = 1)."""
    h = sp.Matrix([[sp.exp(2 * x), sp.exp(x - y)], [sp.exp(x - y), sp.exp(-2 * y) - z**2]])
    return PSD(h, where={x: Real(), y: Real(), z: Real()})


@claim()
def rank_one_through_e() -> PSD:
    """[[e^{x+1}, eˣ], [eˣ, e^{x−1}]] ⪰ 0.

    Proof: it is uuᵀ for u = (e^{(x+1)/2}, e^{(x−1)/2}).
    """
    h = sp.Matrix([[sp.exp(x + 1), sp.exp(x)], [sp.exp(x), sp.exp(x - 1)]])
    return PSD(h, where={x: Real()})


@claim()
def rank_one_through_e_with_a_corner_halved() -> PSD:
    """[[e^{x+1}, eˣ], [eˣ, e^{x−1}/2]] ⪰ 0 (false: the determinant is −e^{2x}/2; at x = 0)."""
    h = sp.Matrix([[sp.exp(x + 1), sp.exp(x)], [sp.exp(x), sp.exp(x - 1) / 2]])
    return PSD(h, where={x: Real()})


@claim()
def rank_one_through_an_exponential_of_an_exponential() -> PSD:
    """[[e^{eˣ}, eˣ], [eˣ, e^{2x − eˣ}]] ⪰ 0 (a red team's).

    Proof: it is uuᵀ for u = (e^{eˣ/2}, e^{x − eˣ/2}).
    """
    e = sp.exp(x)
    return PSD(sp.Matrix([[sp.exp(e), e], [e, sp.exp(2 * x - e)]]), where={x: Real()})


@claim()
def rank_one_through_an_exponential_of_an_exponential_doubled() -> PSD:
    """[[e^{eˣ}, 2eˣ], [2eˣ, e^{2x − eˣ}]] ⪰ 0 (false: the determinant is −3e^{2x}; at x = 0)."""
    e = sp.exp(x)
    return PSD(sp.Matrix([[sp.exp(e), 2 * e], [2 * e, sp.exp(2 * x - e)]]), where={x: Real()})


@claim()
def rank_one_in_thirds_fifths_and_sevenths() -> PSD:
    """uuᵀ ⪰ 0 for u = (e^{x/3}, e^{x/5}, e^{x/7}, 1) (a red team's: powers of e^{x/105} up to 35).

    Proof: vᵀuuᵀv = (uᵀv)² ≥ 0.
    """
    u = sp.Matrix([sp.exp(x / 3), sp.exp(x / 5), sp.exp(x / 7), 1])
    return PSD(u * u.T, where={x: Real()})


@claim()
def rank_one_in_thirds_fifths_and_sevenths_less_a_corner() -> PSD:
    """uuᵀ − ½·e₄e₄ᵀ ⪰ 0 for u = (e^{x/3}, e^{x/5}, e^{x/7}, 1) (false: at v = (e^{−x/3}, 0, 0, −1) the form is
    0 − ½ < 0; at x = 0)."""
    u = sp.Matrix([sp.exp(x / 3), sp.exp(x / 5), sp.exp(x / 7), 1])
    corner = sp.zeros(4)
    corner[3, 3] = sp.Rational(1, 2)
    return PSD(u * u.T - corner, where={x: Real()})


TRUTH = {
    "rank_one_through_an_exponential_of_an_exponential": ("true", 1, None),
    "rank_one_through_an_exponential_of_an_exponential_doubled": ("false", 1, {"x": 0}),
    "rank_one_in_thirds_fifths_and_sevenths": ("true", 1, None),
    "rank_one_in_thirds_fifths_and_sevenths_less_a_corner": ("false", 1, {"x": 0}),
    "gram_scaled_by_an_exponential": ("true", 1, None),
    "exponential_times_an_indefinite_matrix": ("false", 1, {"x": 0}),
    "schur_complement_through_a_square_of_an_exponential": ("true", 1, None),
    "schur_complement_with_the_sign_flipped": ("false", 1, {"x": 0, "y": 0, "z": 1}),
    "rank_one_through_e": ("true", 1, None),
    "rank_one_through_e_with_a_corner_halved": ("false", 1, {"x": 0}),
}
