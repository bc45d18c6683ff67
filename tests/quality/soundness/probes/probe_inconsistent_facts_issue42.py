"""Class 2: claims on a number where sympy's assumptions disagree with themselves (issue 42's red team).

z = (∛3 + 3^{5/6} i)⁶ W(1) + 1 is real: (∛3 + 3^{5/6} i)⁶ = 3²(1 + √3 i)⁶ = 9·64 = 576, so z = 576 W(1) + 1
≈ 327.67 (W(1) ≈ 0.567, the omega constant). sympy's handlers disagree on it: asked is_extended_nonzero, its
shuffled facts answer True under some seeds, False or InconsistentAssumptions under others. The claim
language tries the facts in sorted order (verifier/language/fact_order.py), and sorted answers False. Under
the shuffle, from the seed each claim starts with, the false claim Heaviside(z) = 1/2 was PROVED and the true
Heaviside(z) = 1 REFUTED. Whatever order sympy's facts are tried in, these claims must not get a wrong
verdict.

TRUTH maps each claim to (truth, issue class, witness); a claim with no symbol has the empty witness.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, claim


def _z() -> sp.Expr:
    return (sp.cbrt(3) + 3 ** sp.Rational(5, 6) * sp.I) ** 6 * sp.LambertW(1) + 1


@claim()
def heaviside_of_z_is_a_half() -> Identity:
    """Heaviside(z) = 1/2 (false: z ≈ 327.67 > 0, so Heaviside(z) = 1)."""
    return Identity(sp.Heaviside(_z()), sp.Rational(1, 2))


@claim()
def heaviside_of_z_is_one() -> Identity:
    """Heaviside(z) = 1.

    Proof: z = 576 W(1) + 1 > 0, since W(1) > 0.
    """
    return Identity(sp.Heaviside(_z()), sp.Integer(1))


@claim()
def z_is_not_positive() -> Inequality:
    """z ≤ 0 (false: z ≈ 327.67)."""
    return Inequality(_z(), "<=", sp.Integer(0))


@claim()
def absolute_value_of_z_is_minus_z() -> Identity:
    """|z| = −z (false: z > 0, so |z| = z ≈ 327.67 and −z ≈ −327.67)."""
    return Identity(sp.Abs(_z()), -_z())


@claim()
def sign_of_z_is_minus_one() -> Identity:
    """sign(z) = −1 (false: sign(z) = 1)."""
    return Identity(sp.sign(_z()), sp.Integer(-1))


@claim()
def exp_of_log_of_z() -> Identity:
    """e^{log z} = z.

    Proof: z > 0, so log z is real and e^{log z} = z.
    """
    return Identity(sp.exp(sp.log(_z())), _z())


TRUTH = {
    "heaviside_of_z_is_a_half": ("false", 2, {}),
    "heaviside_of_z_is_one": ("true", 2, None),
    "z_is_not_positive": ("false", 2, {}),
    "absolute_value_of_z_is_minus_z": ("false", 2, {}),
    "sign_of_z_is_minus_one": ("false", 2, {}),
    "exp_of_log_of_z": ("true", 2, None),
}
