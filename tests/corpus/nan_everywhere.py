"""Broken: a left side that is complex at every real sample (the right side is 0)."""
import sympy as sp
from verifier import Identity, Real, claim
x = sp.Symbol("x")
@claim()
def log_of_negative():
    """log(−1 − x²) = log(−1 − x²) + 0·x."""
    return Identity(sp.log(-1 - x**2) * sp.sqrt(-1 - x**2), sp.Integer(0) * x, where={x: Real()})
