"""Broken: the simplex domain given to a matrix."""
from verifier import Identity, Simplex, claim
from verifier.language.mathlib import matrix
@claim()
def wrong_shape():
    """A = A."""
    a = matrix("A", 2)
    return Identity(a, a, where={a: Simplex()})
