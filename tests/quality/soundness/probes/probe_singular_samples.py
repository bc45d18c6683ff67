"""Class 3: a counterexample must lie in the domain, for the kinds with a check of their own.

M = [[p, 1], [1, q]] declared invertible: the float sampler gives p and q simple values, and p = q = 1 (or
p = −1, q = −1, or p = 2, q = ½) makes M singular. sign(det M)² is 1 on the domain and 0 off it, so each claim
below is true on its domain and false at those singular points. Limit, an Implication whose premise is solved, and
one-step and vector Convergence were REFUTED there (helpers 52 and 53); Identity and Inequality never were.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Identity, Invertible, Limit, Real, claim
from verifier.language.mathlib import Matrix
from verifier.language.stepwise import Implication, Relation

p, q, t, x, a, b, u = sp.symbols("p q t x a b u")
M = Matrix([[p, 1], [1, q]])
D = M.det()  # pq − 1
ONE = sp.sign(D) ** 2


@claim()
def limit_of_a_sign_squared_on_invertible() -> Limit:
    """lim_{t→0} (sign(det M)² + t) = 1 for invertible M.

    Proof: det M ≠ 0, so sign(det M)² = 1, and 1 + t → 1.
    """
    return Limit(ONE + t, t, 0, equals=1, where={M: Invertible()})


@claim()
def identity_of_a_sign_squared_on_invertible() -> Identity:
    """sign(det M)² = 1 for invertible M.

    Proof: det M ≠ 0, so its sign is ±1.
    """
    return Identity(ONE, sp.Integer(1), where={M: Invertible()})


@claim()
def solved_premise_defined_on_invertible() -> Implication:
    """(pq − 1)·u = p − q ⇒ u = (p − q)/(pq − 1) for invertible M.

    Proof: det M = pq − 1 ≠ 0 on the domain; divide both sides by it.
    """
    return Implication(Relation(D * u, "=", p - q), Relation(u, "=", (p - q) / D), where={M: Invertible(), u: Real()})


@claim()
def one_step_rate_on_invertible() -> Convergence:
    """x ↦ x/2 − 3x/8·(1 − sign(det M)²) converges to 0 linearly with constant 1/2 for invertible M.

    Proof: sign(det M)² = 1 on the domain, so the map is x ↦ x/2, whose error halves at every step.
    """
    return Convergence(x / 2 - 3 * x / 8 * (1 - ONE), x, 0, 1, sp.Rational(1, 2), where={M: Invertible()})


@claim()
def vector_rate_on_invertible() -> Convergence:
    """(a, b) ↦ (a/2 − 3a/8·(1 − sign(det M)²), b/4) converges to 0 linearly with rate 1/2 for invertible M.

    Proof: on the domain the map is diag(1/2, 1/4), whose spectral radius is 1/2.
    """
    step = sp.Matrix([a / 2 - 3 * a / 8 * (1 - ONE), b / 4])
    return Convergence(step, sp.Matrix([a, b]), sp.Matrix([0, 0]), 1, sp.Rational(1, 2), where={M: Invertible()})


TRUTH = {
    "limit_of_a_sign_squared_on_invertible": ("true", 3, None),
    "identity_of_a_sign_squared_on_invertible": ("true", 3, None),
    "solved_premise_defined_on_invertible": ("true", 3, None),
    "one_step_rate_on_invertible": ("true", 3, None),
    "vector_rate_on_invertible": ("true", 3, None),
}
