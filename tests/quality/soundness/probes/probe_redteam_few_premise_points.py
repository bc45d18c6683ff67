"""Red team: an implication over matrices whose premise holds at a few special points only.

A² = I ⇒ A = I over invertible 2×2 A was UNKNOWN ("the premise held at 3 of 800 samples; too few to check the
conclusion"), though the swap [[0, 1], [1, 0]] and −I, special points of the domain among those three, break the
conclusion; so was A² = A ⇒ A = I over every real A, false at A = 0. The conclusion is now checked at those few
points, and a confirmed counterexample among them refutes; they still pass nothing (the true claims beside them
stay UNKNOWN or better).

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

from verifier import General, Invertible, Orthogonal, claim
from verifier.language.mathlib import identity, matrix
from verifier.language.stepwise import Implication, Relation


@claim(n=[2])
def involution_is_the_identity(n: int) -> Implication:
    """A² = I ⇒ A = I for invertible A (false at A = [[0, 1], [1, 0]])."""
    A = matrix("A", n)
    return Implication(Relation(A * A, "=", identity(n)), Relation(A, "=", identity(n)), where={A: Invertible()})


@claim(n=[2])
def idempotent_is_the_identity(n: int) -> Implication:
    """A² = A ⇒ A = I for every real A (false at A = 0)."""
    A = matrix("A", n)
    return Implication(Relation(A * A, "=", A), Relation(A, "=", identity(n)), where={A: General()})


@claim(n=[2])
def invertible_idempotent_is_the_identity(n: int) -> Implication:
    """A² = A ⇒ A = I for invertible A.

    Proof: multiply A² = A by A⁻¹."""
    A = matrix("A", n)
    return Implication(Relation(A * A, "=", A), Relation(A, "=", identity(n)), where={A: Invertible()})


@claim(n=[2])
def symmetric_orthogonal_is_an_involution(n: int) -> Implication:
    """Q = Qᵀ ⇒ Q² = I for orthogonal Q.

    Proof: Q² = QQᵀ = I."""
    Q = matrix("Q", n)
    return Implication(Relation(Q, "=", Q.T), Relation(Q * Q, "=", identity(n)), where={Q: Orthogonal()})


TRUTH = {
    "involution_is_the_identity": ("false", 1, {"A": [[0, 1], [1, 0]]}),
    "idempotent_is_the_identity": ("false", 1, {"A": [[0, 0], [0, 0]]}),
    "invertible_idempotent_is_the_identity": ("true", 1, None),
    "symmetric_orthogonal_is_an_involution": ("true", 1, None),
}
