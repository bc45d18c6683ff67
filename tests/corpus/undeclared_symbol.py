"""Broken: b is used but never given a domain."""
import sympy as sp
from verifier import Identity, Real, claim
a, b = sp.symbols("a b")
@claim()
def uses_b():
    """a + b = b + a."""
    return Identity(a + b, b + a, where={a: Real()})
