"""Broken: a builder that asks for n = 10⁶."""
from verifier import Identity, Real, claim
from verifier.language.mathlib import matrix
@claim(n=[10**6])
def enormous(n):
    """A = A for a 10⁶×10⁶ matrix."""
    a = matrix("A", n)
    return Identity(a, a, where={a: Real()})
