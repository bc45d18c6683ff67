"""Broken: division by zero at every point."""
import sympy as sp
from verifier import Identity, Real, claim
x = sp.Symbol("x")
@claim()
def over_zero():
    """1/(x − x) = 1."""
    return Identity(1 / (x - x), sp.Integer(1), where={x: Real()})
