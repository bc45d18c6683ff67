"""Broken: lhs is 2×1, rhs is 3×1."""
from verifier import Identity, Real, claim
from verifier.language.mathlib import vector
@claim()
def shapes():
    """u = w."""
    u, w = vector("u", 2), vector("w", 3)
    return Identity(u, w, where={u: Real(), w: Real()})
