"""Red team 101: a derivative with respect to a symmetric matrix, whose entries X₁₂ and X₂₁ are one symbol.

The kernel differentiated the tied formula, so ∂/∂X₁₂ took both entries: it proved the Matrix Cookbook's
symmetric rule ∂ log det X/∂X = 2X⁻¹ − X⁻¹∘I, while the numeric check, which moves each entry alone, refuted
it, and the run ended in an ENGINE INCONSISTENCY. The convention is autograd's, each entry free
(docs/reference/claim-kinds.md); the kernel now proves no derivative whose variable repeats a symbol.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import SPD, Derivative, claim
from verifier.language.mathlib import matrix


@claim(n=range(2, 3))
def log_det_by_the_cookbooks_symmetric_rule(n: int) -> Derivative:
    """∂ log det X/∂X = 2X⁻¹ − X⁻¹∘I on SPD (malformed for an entry-by-entry derivative: false at
    X = [[1, 1], [1, 2]], where the off-diagonal entry is −2 against −1)."""
    X = matrix("X", n)
    inverse = X.inv()
    return Derivative(
        sp.log(X.det()),
        wrt=X,
        equals=2 * inverse - sp.matrix_multiply_elementwise(inverse, sp.eye(n)),
        where={X: SPD()},
    )


@claim(n=range(2, 3))
def log_det_entry_by_entry(n: int) -> Derivative:
    """∂ log det X/∂X = X⁻ᵀ on SPD, each entry free.

    Proof: Jacobi's formula, ∂ det X/∂Xᵢⱼ = det X·(X⁻¹)ⱼᵢ (Magnus and Neudecker, Matrix Differential Calculus).
    """
    X = matrix("X", n)
    return Derivative(sp.log(X.det()), wrt=X, equals=X.inv().T, where={X: SPD()})


TRUTH = {
    "log_det_by_the_cookbooks_symmetric_rule": ("malformed", 1, None),
    "log_det_entry_by_entry": ("true", 1, None),
}
