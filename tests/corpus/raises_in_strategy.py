"""Broken: a function whose derivative raises inside the engine."""
import sympy as sp
from verifier import Derivative, Real, claim
x = sp.Symbol("x")


class Spiky(sp.Function):
    """A function sympy cannot differentiate or evaluate."""

    def fdiff(self, argindex=1):
        raise RuntimeError("Spiky has no derivative")


@claim()
def spiky_derivative():
    """d Spiky(x)/dx = 1."""
    return Derivative(Spiky(x), wrt=x, equals=sp.Integer(1), where={x: Real()})
