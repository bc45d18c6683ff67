"""Class 4: a claim's stated sizes are its meaning.

Hall's identity [[A, B]², C] = 0 holds for 2×2 matrices only ([A, B] is traceless, so its square
is a multiple of I by Cayley–Hamilton). Stated for n = 2 it is true, and a failure at n = 3 is a
finding about other sizes, never the claim's verdict. The same for Cayley–Hamilton in its 2×2
form and tr(A)² = tr(A²) + 2 det A. The same claims stated for n = 2..3 are false at n = 3 (witness
given), and identities that hold at n = 1 only are false from n = 2. Both explicit matrices and
matrix notation (MatrixSymbol) are probed.

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim
from verifier.language.mathlib import identity, matrix


def commutator(a: sp.MatrixBase | sp.MatrixExpr, b: sp.MatrixBase | sp.MatrixExpr) -> sp.MatrixBase | sp.MatrixExpr:
    return a * b - b * a


def hall(A: sp.MatrixBase | sp.MatrixExpr, B: sp.MatrixBase | sp.MatrixExpr, C: sp.MatrixBase | sp.MatrixExpr):
    """[[A, B]², C]."""
    K = commutator(A, B)
    return commutator(K * K, C)


def square(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


@claim(n=range(2, 3))
def hall_identity_2x2(n: int) -> Identity:
    """[[A, B]², C] = 0 for 2×2 matrices.

    Proof: tr[A, B] = 0, so [A, B]² = −det([A, B])·I by Cayley–Hamilton, which commutes with C.
    """
    A, B, C = matrix("A", n), matrix("B", n), matrix("C", n)
    return Identity(hall(A, B, C), sp.zeros(n, n), where={A: Real(), B: Real(), C: Real()})


@claim(n=range(2, 3))
def hall_identity_2x2_in_matrix_notation(n: int) -> Identity:
    """[[A, B]², C] = 0 for 2×2 matrices, in matrix notation.

    Proof: as hall_identity_2x2.
    """
    A, B, C = square("A", n), square("B", n), square("C", n)
    return Identity(hall(A, B, C), sp.ZeroMatrix(n, n), where={A: Real(), B: Real(), C: Real()})


@claim(n=range(2, 4), expect="refuted")
def hall_identity_up_to_3x3(n: int) -> Identity:
    """[[A, B]², C] = 0 for 2×2 and 3×3 matrices (false at n = 3: A = E₁₂, B = E₂₁, C = E₁₃)."""
    A, B, C = matrix("A", n), matrix("B", n), matrix("C", n)
    return Identity(hall(A, B, C), sp.zeros(n, n), where={A: Real(), B: Real(), C: Real()})


@claim(n=range(2, 4), expect="refuted")
def hall_identity_up_to_3x3_in_matrix_notation(n: int) -> Identity:
    """[[A, B]², C] = 0 for n = 2, 3 in matrix notation (false at n = 3)."""
    A, B, C = square("A", n), square("B", n), square("C", n)
    return Identity(hall(A, B, C), sp.ZeroMatrix(n, n), where={A: Real(), B: Real(), C: Real()})


@claim(n=[2])
def cayley_hamilton_2x2(n: int) -> Identity:
    """A² − tr(A)·A + det(A)·I = 0 for 2×2 A.

    Proof: the characteristic polynomial of a 2×2 matrix is λ² − tr(A)λ + det A (Cayley–Hamilton).
    """
    A = matrix("A", n)
    return Identity(A * A - A.trace() * A + A.det() * identity(n), sp.zeros(n, n), where={A: Real()})


@claim(n=[2, 3], expect="refuted")
def cayley_hamilton_2x2_form_at_3x3(n: int) -> Identity:
    """A² − tr(A)·A + det(A)·I = 0 for n = 2, 3 (false at n = 3, A = I: −I)."""
    A = matrix("A", n)
    return Identity(A * A - A.trace() * A + A.det() * identity(n), sp.zeros(n, n), where={A: Real()})


@claim(n=[2])
def trace_square_2x2_in_matrix_notation(n: int) -> Identity:
    """tr(A)² = tr(A²) + 2 det A for 2×2 A, in matrix notation.

    Proof: with eigenvalues λ, μ: (λ + μ)² = λ² + μ² + 2λμ.
    """
    A = square("A", n)
    return Identity(sp.trace(A) ** 2, sp.trace(A * A) + 2 * sp.det(A), where={A: Real()})


@claim(n=[2, 3], expect="refuted")
def trace_square_up_to_3x3_in_matrix_notation(n: int) -> Identity:
    """tr(A)² = tr(A²) + 2 det A for n = 2, 3 (false at n = 3, A = I: 9 against 5)."""
    A = square("A", n)
    return Identity(sp.trace(A) ** 2, sp.trace(A * A) + 2 * sp.det(A), where={A: Real()})


@claim(n=range(1, 3), expect="refuted")
def square_of_sum_commutes(n: int) -> Identity:
    """(A + B)² = A² + 2AB + B² (true at n = 1 only; false at n = 2, A = E₁₂, B = E₂₁)."""
    A, B = square("A", n), square("B", n)
    return Identity((A + B) * (A + B), A * A + 2 * A * B + B * B, where={A: Real(), B: Real()})


@claim(n=range(1, 3), expect="refuted")
def det_is_additive(n: int) -> Identity:
    """det(A + B) = det A + det B (true at n = 1 only; false at n = 2, A = B = I)."""
    A, B = matrix("A", n), matrix("B", n)
    return Identity((A + B).det(), A.det() + B.det(), where={A: Real(), B: Real()})


@claim(n=range(2, 4), expect="refuted")
def trace_of_three_swaps_first_two(n: int) -> Identity:
    """tr(ABC) = tr(BAC) (false at n = 2, A = E₁₂, B = E₂₁, C = E₁₁)."""
    A, B, C = square("A", n), square("B", n), square("C", n)
    return Identity(sp.trace(A * B * C), sp.trace(B * A * C), where={A: Real(), B: Real(), C: Real()})


@claim(n=range(1, 4))
def trace_is_cyclic(n: int) -> Identity:
    """tr(ABC) = tr(CAB).

    Proof: Σᵢⱼₖ AᵢⱼBⱼₖCₖᵢ is invariant under the cyclic relabelling (Horn & Johnson §0.4).
    """
    A, B, C = square("A", n), square("B", n), square("C", n)
    return Identity(sp.trace(A * B * C), sp.trace(C * A * B), where={A: Real(), B: Real(), C: Real()})


@claim(n=range(1, 4))
def transpose_of_product(n: int) -> Identity:
    """(AB)ᵀ = BᵀAᵀ.

    Proof: ((AB)ᵀ)ᵢⱼ = Σₖ AⱼₖBₖᵢ = (BᵀAᵀ)ᵢⱼ.
    """
    A, B = square("A", n), square("B", n)
    return Identity((A * B).T, B.T * A.T, where={A: Real(), B: Real()})


def unit(n: int, i: int, j: int) -> list[list[int]]:
    """The matrix unit E_ij (1-based) of size n, as a nested list."""
    return [[1 if (r, c) == (i - 1, j - 1) else 0 for c in range(n)] for r in range(n)]


I2 = unit(2, 1, 1)
I2[1][1] = 1
E12, E21 = unit(2, 1, 2), unit(2, 2, 1)
I3 = [[1 if r == c else 0 for c in range(3)] for r in range(3)]
HALL_3 = {"n": 3, "A": unit(3, 1, 2), "B": unit(3, 2, 1), "C": unit(3, 1, 3)}
TRUTH = {
    "hall_identity_2x2": ("true", 4, None),
    "hall_identity_2x2_in_matrix_notation": ("true", 4, None),
    "hall_identity_up_to_3x3": ("false", 4, HALL_3),
    "hall_identity_up_to_3x3_in_matrix_notation": ("false", 4, HALL_3),
    "cayley_hamilton_2x2": ("true", 4, None),
    "cayley_hamilton_2x2_form_at_3x3": ("false", 4, {"n": 3, "A": I3}),
    "trace_square_2x2_in_matrix_notation": ("true", 4, None),
    "trace_square_up_to_3x3_in_matrix_notation": ("false", 4, {"n": 3, "A": I3}),
    "square_of_sum_commutes": ("false", 4, {"n": 2, "A": E12, "B": E21}),
    "det_is_additive": ("false", 4, {"n": 2, "A": I2, "B": I2}),
    "trace_of_three_swaps_first_two": ("false", 4, {"n": 2, "A": E12, "B": E21, "C": unit(2, 1, 1)}),
    "trace_is_cyclic": ("true", 4, None),
    "transpose_of_product": ("true", 4, None),
}
