"""Class 4: a sympy Sum over part of a matrix's axis, in matrix notation (the generic-dimension rule).

The Einstein forms read Σ_{k=0}^{hi} over a dummy as a letter of hi + 1 values. Used as an index of a matrix
whose axis has another size, that letter was taken for the whole axis: Σ_{k=0}^{n−1} X_kk on an (n + 1)-square X
read as tr X, which misses X_nn. The claim below, false at every n, was "proved for all n" and then met its own
counterexample (UNKNOWN, "engine inconsistency"); scaled by n − 1 it was PROVED for all n at n = 1, where it is
0 = 0 (tests/trusted/test_for_all_n_red_team.py). A sum over a whole axis stays in the fragment.

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim

k = sp.Symbol("k", integer=True)


@claim(n=range(1, 3), expect="refuted")
def diagonal_sum_short_of_a_larger_matrix(n: int) -> Identity:
    """Σ_{k=0}^{n−1} X_kk = tr X for an (n + 1)-square X (false at n = 1, X = E₂₂: 0 against 1)."""
    X = sp.MatrixSymbol("X", n + 1, n + 1)
    return Identity(sp.Sum(X[k, k], (k, 0, n - 1)), sp.trace(X), where={X: Real()})


@claim(n=range(1, 4))
def diagonal_sum_over_the_whole_axis(n: int) -> Identity:
    """Σ_{k=0}^{n−1} X_kk = tr X for an n-square X.

    Proof: the trace is the sum of the diagonal entries, k = 0 … n − 1.
    """
    X = sp.MatrixSymbol("X", n, n)
    return Identity(sp.Sum(X[k, k], (k, 0, n - 1)), sp.trace(X), where={X: Real()})


TRUTH = {
    "diagonal_sum_short_of_a_larger_matrix": ("false", 4, {"n": 1, "X": [[0, 0], [0, 1]]}),
    "diagonal_sum_over_the_whole_axis": ("true", 4, None),
}
