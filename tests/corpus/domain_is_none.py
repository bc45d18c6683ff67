"""Broken: a symbol whose domain is None."""
import sympy as sp
from verifier import Identity, claim
x = sp.Symbol("x")
@claim()
def no_domain():
    """x = x."""
    return Identity(x, x, where={x: None})
