"""Broken: an inequality with an operator that does not exist."""
import sympy as sp
from verifier import Inequality, Real, claim
x = sp.Symbol("x")
@claim()
def backwards():
    """x² =< x² + 1."""
    return Inequality(x**2, "=<", x**2 + 1, where={x: Real()})
