"""Broken: a 2×3 matrix in a psd claim."""
from verifier import PSD, Real, claim
from verifier.language.mathlib import matrix
@claim()
def rectangular():
    """A ⪰ 0 for a 2×3 A."""
    a = matrix("A", 2, 3)
    return PSD(a, where={a: Real()})
