"""Red team 160: a cancelled divisor whose zero is a logarithm, an angle or a root of an exponential equation.

(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 2] was PROVED "wherever both sides are defined", though its left side is 0/0
at x = log 3 (probe_redteam_150's KNOWN_WRONG): the exact pole search (numeric/checks/poles.py) solved polynomial
conditions and sin and cos of a polynomial, not eˣ − 3 = 0. It now solves a polynomial of small degree in one
exponential (2ˣ and e^(x²) too), sine, cosine or logarithm (verifier/language/zeros.py), and each claim below whose
divisor is 0 inside its domain is REFUTED there: 2^(2x) − 9 over 2ˣ − 3, log²x − 1 over log x − 1, cos²x − 1/4 over
cos x − 1/2, e^(2x²) − e² over e^(x²) − e, sin²x − 1 over sin x − 1 for x > 0 (the zero π/2 found near the domain's
end), and a derivative of the first. The true controls state the same identities where the divisor has no zero, one
of them with the zero just past the domain's end (log 3 ≈ 1.09861 > 1.0986).

A divisor whose zero no solver writes, eˣ − x − 2 (0 in (1, 2)), cancelled on one side of an identity or in f of a
derivative, was PROVED too: where a divisor in one symbol on one side only is neither shown nonzero (sympy's facts,
arb enclosures on a bounded domain) nor has its zeros written exactly, the numeric check is now inconclusive and the
claim UNKNOWN, the divisor named (numeric/checks/cancelled.py); on [2, 3], where arb shows it positive, PROVED.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Interval, Positive, Real, claim

x = sp.Symbol("x")
E = sp.E


def _on(lo: object, hi: object) -> dict:
    return {x: Interval(sp.nsimplify(lo), sp.nsimplify(hi))}


@claim()
def power_of_two_cancelled() -> Identity:
    """(2^(2x) − 9)/(2ˣ − 3) = 2ˣ + 3 on [0, 2]: 0/0 at x = log₂ 3 ≈ 1.585.

    A partial claim: undefined there, on one side only.
    """
    return Identity((2 ** (2 * x) - 9) / (2**x - 3), 2**x + 3, where=_on(0, 2))


@claim()
def power_of_two_cancelled_past_its_root() -> Identity:
    """(2^(2x) − 9)/(2ˣ − 3) = 2ˣ + 3 on [2, 3].
    Proof: 2ˣ ≥ 4 there, so 2ˣ − 3 ≠ 0 and 2^(2x) − 9 = (2ˣ − 3)(2ˣ + 3)."""
    return Identity((2 ** (2 * x) - 9) / (2**x - 3), 2**x + 3, where=_on(2, 3))


@claim()
def logarithm_cancelled() -> Identity:
    """(log²x − 1)/(log x − 1) = log x + 1 on [1, 4]: 0/0 at x = e.

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.log(x) ** 2 - 1) / (sp.log(x) - 1), sp.log(x) + 1, where=_on(1, 4))


@claim()
def logarithm_cancelled_past_its_root() -> Identity:
    """(log²x − 1)/(log x − 1) = log x + 1 on [3, 4].
    Proof: log x ≥ log 3 > 1 there, so log x − 1 ≠ 0, and log²x − 1 = (log x − 1)(log x + 1)."""
    return Identity((sp.log(x) ** 2 - 1) / (sp.log(x) - 1), sp.log(x) + 1, where=_on(3, 4))


@claim()
def cosine_cancelled() -> Identity:
    """(cos²x − 1/4)/(cos x − 1/2) = cos x + 1/2 on [0, 2]: 0/0 at x = π/3.

    A partial claim: undefined there, on one side only.
    """
    half = sp.Rational(1, 2)
    return Identity((sp.cos(x) ** 2 - half**2) / (sp.cos(x) - half), sp.cos(x) + half, where=_on(0, 2))


@claim()
def cosine_cancelled_before_its_root() -> Identity:
    """(cos²x − 1/4)/(cos x − 1/2) = cos x + 1/2 on [0, 1].
    Proof: cos x ≥ cos 1 > 0.54 > 1/2 there (1 < π/3), so cos x − 1/2 ≠ 0; the numerator factors."""
    half = sp.Rational(1, 2)
    return Identity((sp.cos(x) ** 2 - half**2) / (sp.cos(x) - half), sp.cos(x) + half, where=_on(0, 1))


@claim()
def gaussian_cancelled() -> Identity:
    """(e^(2x²) − e²)/(e^(x²) − e) = e^(x²) + e on [1/2, 2]: 0/0 at x = 1.

    A partial claim: undefined there, on one side only.
    """
    g = sp.exp(x**2)
    return Identity((sp.exp(2 * x**2) - E**2) / (g - E), g + E, where=_on(sp.Rational(1, 2), 2))


@claim()
def sine_cancelled_for_positive_x() -> Identity:
    """(sin²x − 1)/(sin x − 1) = sin x + 1 for x > 0: 0/0 at x = π/2 (and π/2 + 2kπ).

    A partial claim: undefined there, on one side only.
    """
    return Identity((sp.sin(x) ** 2 - 1) / (sp.sin(x) - 1), sp.sin(x) + 1, where={x: Positive()})


@claim()
def exponential_cancelled_just_before_its_root() -> Identity:
    """(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 1.0986].
    Proof: log 3 = 1.098612… > 1.0986, so eˣ < 3 there, eˣ − 3 ≠ 0, and e^(2x) − 9 = (eˣ − 3)(eˣ + 3)."""
    return Identity((sp.exp(2 * x) - 9) / (sp.exp(x) - 3), sp.exp(x) + 3, where=_on(0, sp.Rational(10986, 10000)))


@claim()
def exponential_plus_one_cancelled() -> Identity:
    """(e^(2x) − 1)/(eˣ + 1) = eˣ − 1 on ℝ.
    Proof: eˣ + 1 > 0, and e^(2x) − 1 = (eˣ − 1)(eˣ + 1)."""
    return Identity((sp.exp(2 * x) - 1) / (sp.exp(x) + 1), sp.exp(x) - 1, where={x: Real()})


@claim()
def slope_of_an_exponential_cancelled() -> Derivative:
    """d/dx (e^(2x) − 9)/(eˣ − 3) = eˣ on [0, 2]: f is 0/0 at x = log 3.

    A partial claim: f is undefined there, the claimed derivative is not.
    """
    return Derivative((sp.exp(2 * x) - 9) / (sp.exp(x) - 3), x, sp.exp(x), where=_on(0, 2))


@claim()
def exponential_minus_a_line_cancelled() -> Identity:
    """(e^(2x) − (x + 2)²)/(eˣ − x − 2) = eˣ + x + 2 on [0, 2]: 0/0 where eˣ = x + 2, in (1, 2) (−0.28 at 1, 3.39 at 2).

    A partial claim: undefined there, on one side only. No solver writes that zero: UNKNOWN, never PROVED.
    """
    d = sp.exp(x) - x - 2
    return Identity((sp.exp(2 * x) - (x + 2) ** 2) / d, sp.exp(x) + x + 2, where=_on(0, 2))


@claim()
def exponential_minus_a_line_cancelled_past_its_root() -> Identity:
    """(e^(2x) − (x + 2)²)/(eˣ − x − 2) = eˣ + x + 2 on [2, 3].
    Proof: eˣ − x − 2 is increasing for x > 0 (its slope eˣ − 1 > 0) and e² − 4 > 3 > 0, so it is not 0 there; the
    numerator is (eˣ − x − 2)(eˣ + x + 2)."""
    d = sp.exp(x) - x - 2
    return Identity((sp.exp(2 * x) - (x + 2) ** 2) / d, sp.exp(x) + x + 2, where=_on(2, 3))


@claim()
def exponential_minus_a_line_cancelled_off_by_one() -> Identity:
    """(e^(2x) − (x + 2)²)/(eˣ − x − 2) = eˣ + x + 3 on [0, 2]: false wherever defined (3 against 4 at x = 0). The
    undecided divisor leaves a pass inconclusive, never a counterexample: REFUTED."""
    d = sp.exp(x) - x - 2
    return Identity((sp.exp(2 * x) - (x + 2) ** 2) / d, sp.exp(x) + x + 3, where=_on(0, 2))


@claim()
def slope_of_an_exponential_minus_a_line_cancelled() -> Derivative:
    """d/dx (e^(2x) − (x + 2)²)/(eˣ − x − 2) = eˣ + 1 on [0, 2]: f is 0/0 where eˣ = x + 2, in (1, 2).

    A partial claim: f is undefined there, the claimed derivative is not. UNKNOWN, never PROVED.
    """
    d = sp.exp(x) - x - 2
    return Derivative((sp.exp(2 * x) - (x + 2) ** 2) / d, x, sp.exp(x) + 1, where=_on(0, 2))


TRUTH = {
    "power_of_two_cancelled": ("partial", 2, None),
    "power_of_two_cancelled_past_its_root": ("true", 2, None),
    "logarithm_cancelled": ("partial", 2, None),
    "logarithm_cancelled_past_its_root": ("true", 2, None),
    "cosine_cancelled": ("partial", 2, None),
    "cosine_cancelled_before_its_root": ("true", 2, None),
    "gaussian_cancelled": ("partial", 2, None),
    "sine_cancelled_for_positive_x": ("partial", 2, None),
    "exponential_cancelled_just_before_its_root": ("true", 2, None),
    "exponential_plus_one_cancelled": ("true", 2, None),
    "slope_of_an_exponential_cancelled": ("partial", 2, None),
    "exponential_minus_a_line_cancelled": ("partial", 2, None),
    "exponential_minus_a_line_cancelled_past_its_root": ("true", 2, None),
    "slope_of_an_exponential_minus_a_line_cancelled": ("partial", 2, None),
    "exponential_minus_a_line_cancelled_off_by_one": ("false", 2, {"x": 0}),
}
KNOWN_WRONG: set[str] = set()
