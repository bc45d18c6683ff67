"""Valid but slow: a true claim whose symbolic side cannot finish within its budget."""
import time

import sympy as sp

from verifier import Derivative, Real, claim

x = sp.Symbol("x")


class Slow(sp.Function):
    """The identity map x ↦ x, whose symbolic derivative takes an hour."""

    _imp_ = staticmethod(lambda value: value)

    def fdiff(self, argindex=1):
        time.sleep(3600)
        return sp.Integer(1)


@claim()
def slow_derivative():
    """d Slow(x)²/dx = 2x."""
    return Derivative(Slow(x) ** 2, wrt=x, equals=2 * x, where={x: Real()})
