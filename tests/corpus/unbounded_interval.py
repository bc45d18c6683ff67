"""Broken: a domain that cannot be sampled."""
import sympy as sp
from verifier import Identity, Interval, claim
x = sp.Symbol("x")
@claim()
def half_line():
    """x² = x·x on an interval with an infinite end."""
    return Identity(x**2, x * x, where={x: Interval(0, float("inf"))})
