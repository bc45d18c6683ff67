"""Broken: differentiating with respect to an expression."""
import sympy as sp
from verifier import Derivative, Real, claim
x = sp.Symbol("x")
@claim()
def by_square():
    """d(x⁴)/d(x²) = 2x²."""
    return Derivative(x**4, wrt=x**2, equals=2 * x**2, where={x: Real()})
