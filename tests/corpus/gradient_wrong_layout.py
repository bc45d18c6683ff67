"""Broken: a gradient whose shape is neither the variable's nor a Jacobian's."""
from verifier import Derivative, Real, claim
from verifier.language.mathlib import dot, vector


@claim()
def layout():
    """∇(xᵀx) given as a 3-vector for a 2-vector x."""
    x, g = vector("x", 2), vector("g", 3)
    return Derivative(dot(x, x), wrt=x, equals=g, where={x: Real(), g: Real()})
