"""Broken: a domain that cannot be sampled."""
import sympy as sp
from verifier import Identity, Interval, claim
x = sp.Symbol("x")
@claim()
def empty():
    """x² = x·x on an empty interval."""
    return Identity(x**2, x * x, where={x: Interval(2, 1)})
