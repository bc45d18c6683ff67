"""Class 1: arbitrary smooth functions, whose random stand-ins' derivatives are written down (issue 42).

The numeric check replaces f, g by random stand-ins and writes each derivative of a stand-in at
distinct symbols down from its coefficients (verifier.language.random_functions.StandIn.partial).
A wrong turn of the sine, a lost factor of the exponential or a dropped 2 on the quadratic's diagonal
would make these true claims about derivatives of f and g look false at random points: each must
never be REFUTED. They mix orders (up to the third), arguments in either order, a function of one
variable beside one of two, and a function at a repeated argument (which goes the general way).

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Real, claim

x, y = sp.symbols("x y")
f, g = sp.Function("f"), sp.Function("g")
REALS = {x: Real(), y: Real()}


@claim()
def square_of_a_function() -> Derivative:
    """d/dx f(x, y)² = 2·f·∂f/∂x.

    Proof: the chain rule.
    """
    return Derivative(f(x, y) ** 2, wrt=x, equals=2 * f(x, y) * sp.Derivative(f(x, y), x), where=REALS)


@claim()
def third_derivative_of_x_times_f() -> Derivative:
    """d²/dx² (x·∂f/∂x(x, y)) = 2·∂²f/∂x² + x·∂³f/∂x³.

    Proof: Leibniz's rule; the derivatives of x past the first vanish.
    """
    fx = f(x, y)
    equals = 2 * sp.Derivative(fx, (x, 2)) + x * sp.Derivative(fx, (x, 3))
    return Derivative(x * sp.Derivative(fx, x), wrt=x, order=2, equals=equals, where=REALS)


@claim()
def mixed_partials_with_swapped_arguments() -> Identity:
    """∂²/∂x∂y (f(y, x)·g(x)) = ∂²f/∂y∂x(y, x)·g(x) + ∂f/∂y(y, x)·g′(x), the arguments of f swapped.

    Proof: the product rule in x of ∂/∂y (f(y, x)·g(x)) = ∂f/∂y(y, x)·g(x).
    """
    fyx = f(y, x)
    lhs = sp.Derivative(fyx * g(x), x, y)
    rhs = sp.Derivative(fyx, x, y) * g(x) + sp.Derivative(fyx, y) * sp.Derivative(g(x), x)
    return Identity(lhs, rhs, where=REALS)


@claim()
def function_at_a_repeated_argument() -> Derivative:
    """d/dx f(x, x) = ∂₁f(x, x) + ∂₂f(x, x), each partial at the diagonal.

    Proof: the chain rule along t ↦ (t, t).
    """
    t, u = sp.symbols("t u")
    first = sp.Subs(sp.Derivative(f(t, x), t), t, x)
    second = sp.Subs(sp.Derivative(f(x, u), u), u, x)
    return Derivative(f(x, x), wrt=x, equals=first + second, where={x: Real()})


TRUTH = {
    "square_of_a_function": ("true", 1, None),
    "third_derivative_of_x_times_f": ("true", 1, None),
    "mixed_partials_with_swapped_arguments": ("true", 1, None),
    "function_at_a_repeated_argument": ("true", 1, None),
}
