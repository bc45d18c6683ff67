"""Class 1: exp, log and powers built without sympy's questions (issue 42, verifier/language/exponentials.py).

The claim language leaves exp(S) for a sum of monomials S, and log(c + e^S) and (c + e^S)^k for a positive rational
c, as they are without asking sympy whether a sum is zero or a term infinite. Each probe sits at an edge of those
shapes: a near miss that a wrongly kept or wrongly simplified exponential would make true (a constant dropped from
an exponent, a sign flipped inside the sigmoid, c ≤ 0, a term that is a log), and true identities the same shapes
must still prove. Every false probe has a witness whose gap is far above a float's rounding.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Positive, Real, claim

x, w, y = sp.symbols("x w y")
e = sp.exp
REALS = {x: Real(), w: Real(), y: Real()}


def t() -> sp.Expr:
    """A sum of monomials with a constant term: the exponent the short cuts answer for."""
    return x * w + 2 * y - 3


@claim()
def exp_of_a_sum_splits() -> Identity:
    """e^{xw + 2y − 3} = e^{xw}·e^{2y}·e^{−3}.

    Proof: exp(a + b) = exp(a)·exp(b), twice.
    """
    return Identity(e(t()), e(x * w) * e(2 * y) * e(-3), where=REALS)


@claim()
def exp_of_a_sum_drops_its_constant() -> Identity:
    """e^{xw + 2y − 3} = e^{xw}·e^{2y} (false: the factor e^{−3} is lost)."""
    return Identity(e(t()), e(x * w) * e(2 * y), where=REALS)


@claim()
def softplus_difference_is_its_argument() -> Identity:
    """log(1 + e^t) − log(1 + e^{−t}) = t.

    Proof: 1 + e^t = e^t·(1 + e^{−t}), so log(1 + e^t) = t + log(1 + e^{−t}) (both sides positive).
    """
    return Identity(sp.log(1 + e(t())) - sp.log(1 + e(-t())), t(), where=REALS)


@claim()
def softplus_is_its_argument() -> Identity:
    """log(1 + e^{xw}) = xw (false: log 2 at the origin)."""
    return Identity(sp.log(1 + e(x * w)), x * w, where={x: Real(), w: Real()})


@claim()
def softplus_with_half_is_its_argument_plus_log_half() -> Identity:
    """log(1/2 + e^{xw}) = xw + log(1/2) (false: log(3/2) against log(1/2) at the origin)."""
    return Identity(
        sp.log(sp.Rational(1, 2) + e(x * w)), x * w + sp.log(sp.Rational(1, 2)), where={x: Real(), w: Real()}
    )


@claim()
def sigmoid_as_a_ratio() -> Identity:
    """1/(1 + e^{−t}) = e^t/(1 + e^t).

    Proof: multiply the numerator and the denominator by e^t.
    """
    return Identity(1 / (1 + e(-t())), e(t()) / (1 + e(t())), where=REALS)


@claim()
def sigmoid_with_its_sign_flipped() -> Identity:
    """1/(1 + e^{−t}) = 1/(1 + e^{t}) (false: σ(t) ≠ σ(−t) unless t = 0)."""
    return Identity(1 / (1 + e(-t())), 1 / (1 + e(t())), where=REALS)


@claim()
def sigmoid_squared_root() -> Identity:
    """(1 + e^{−t})^{−1/2} squared is the sigmoid.

    Proof: 1 + e^{−t} > 0, so its square root is real and positive, and (a^{−1/2})² = a^{−1} for a > 0.
    """
    return Identity(((1 + e(-t())) ** sp.Rational(-1, 2)) ** 2, 1 / (1 + e(-t())), where=REALS)


@claim()
def log_of_exp_minus_one_splits() -> Identity:
    """log(e^x − 1) = x + log(1 − e^{−x}) for x > 0 (c = −1: outside the short cut's shape).

    Proof: e^x − 1 = e^x·(1 − e^{−x}), both factors positive for x > 0.
    """
    return Identity(sp.log(e(x) - 1), x + sp.log(1 - e(-x)), where={x: Positive()})


@claim()
def log_of_exp_minus_one_on_the_reals() -> Identity:
    """log(e^x − 1) = x + log(1 − e^{−x}) on all of ℝ: undefined in ℝ for x ≤ 0 (e^x − 1 ≤ 0)."""
    return Identity(sp.log(e(x) - 1), x + sp.log(1 - e(-x)), where={x: Real()})


@claim()
def exp_of_a_log_term_is_kept() -> Identity:
    """e^{xw + log y} = y·e^{xw} for y > 0 (a log term: sympy's own exp.eval, not the short cut).

    Proof: exp(a + log y) = exp(a)·y for y > 0.
    """
    return Identity(e(x * w + sp.log(y)), y * e(x * w), where={x: Real(), w: Real(), y: Positive()})


TRUTH = {
    "exp_of_a_sum_splits": ("true", 1, None),
    "exp_of_a_sum_drops_its_constant": ("false", 1, {"x": 0, "w": 0, "y": 0}),
    "softplus_difference_is_its_argument": ("true", 1, None),
    "softplus_is_its_argument": ("false", 1, {"x": 0, "w": 0}),
    "softplus_with_half_is_its_argument_plus_log_half": ("false", 1, {"x": 0, "w": 0}),
    "sigmoid_as_a_ratio": ("true", 1, None),
    "sigmoid_with_its_sign_flipped": ("false", 1, {"x": 1, "w": 1, "y": 0}),
    "sigmoid_squared_root": ("true", 1, None),
    "log_of_exp_minus_one_splits": ("true", 1, None),
    "log_of_exp_minus_one_on_the_reals": ("partial", 1, None),  # both sides agree as complex numbers: no witness
    "exp_of_a_log_term_is_kept": ("true", 1, None),
}
