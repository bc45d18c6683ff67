"""Broken: a misspelt keyword to a statement."""
import sympy as sp
from verifier import Identity, Real, claim
x = sp.Symbol("x")
@claim()
def typo():
    """x = x."""
    return Identity(x, x, wehre={x: Real()})
