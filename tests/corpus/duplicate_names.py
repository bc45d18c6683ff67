"""Broken: two claims with the same name."""
import sympy as sp
from verifier import Identity, Real, claim
x = sp.Symbol("x")
@claim(name="same")
def first():
    """x = x."""
    return Identity(x, x, where={x: Real()})
@claim(name="same")
def second():
    """2x = x + x."""
    return Identity(2 * x, x + x, where={x: Real()})
