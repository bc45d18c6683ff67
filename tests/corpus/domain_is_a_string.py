"""Broken: a domain written as a string."""
import sympy as sp
from verifier import Identity, claim
x = sp.Symbol("x")
@claim()
def stringly():
    """x = x."""
    return Identity(x, x, where={x: "real"})
