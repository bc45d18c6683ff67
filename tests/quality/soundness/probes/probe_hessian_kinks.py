"""Hessians at a kink of f' (a red team): f'' does not exist there, so a claim true wherever f'' exists must not be
REFUTED by a sample at the kink, where a central difference averages the two one-sided values (max(x, 0)²'' at 0
"observed 1.0"); and a false claim is refuted where f'' exists, never at the kink.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Real, claim

x, y = sp.symbols("x y")
RAMP = sp.Piecewise((2, x + y > 0), (0, True))


@claim()
def relu_squared_hessian() -> Derivative:
    """max(x, 0)²'' = 2 for x > 0, 0 otherwise, wherever it exists (not at x = 0).
    max(x, 0)² is x² for x > 0 (f'' = 2) and 0 for x < 0 (f'' = 0); f' = 2·max(x, 0) has a kink at 0."""
    return Derivative(sp.Max(x, 0) ** 2, wrt=x, order=2, equals=sp.Piecewise((2, x > 0), (0, True)), where={x: Real()})


@claim()
def x_abs_x_hessian() -> Derivative:
    """(x|x|)'' = 2 for x ≥ 0, −2 otherwise, wherever it exists (not at x = 0).
    x|x| is x² for x > 0 (f'' = 2) and −x² for x < 0 (f'' = −2); f' = 2|x| has a kink at 0."""
    equals = sp.Piecewise((2, x >= 0), (-2, True))
    return Derivative(x * sp.Abs(x), wrt=x, order=2, equals=equals, where={x: Real()})


@claim()
def relu_squared_2d_hessian() -> Derivative:
    """∇² max(x + y, 0)² = [x + y > 0]·2·[[1, 1], [1, 1]] wherever it exists (not on the line x + y = 0).
    s = x + y: f = s² for s > 0 (each second partial 2), 0 for s < 0; ∇f = 2·max(s, 0)·(1, 1) kinks at s = 0."""
    equals = sp.Matrix([[RAMP, RAMP], [RAMP, RAMP]])
    return Derivative(
        sp.Max(x + y, 0) ** 2, wrt=sp.Matrix([x, y]), order=2, equals=equals, where={x: Real(), y: Real()}
    )


@claim(expect="refuted")
def x_abs_x_hessian_is_two() -> Derivative:
    """(x|x|)'' = 2 on ℝ (false at x = −1: it is −2 there)."""
    return Derivative(x * sp.Abs(x), wrt=x, order=2, equals=2, where={x: Real()})


@claim(expect="refuted")
def relu_squared_hessian_is_three() -> Derivative:
    """max(x, 0)²'' = 3 for x > 0, 0 otherwise (false at x = 1: it is 2 there)."""
    return Derivative(sp.Max(x, 0) ** 2, wrt=x, order=2, equals=sp.Piecewise((3, x > 0), (0, True)), where={x: Real()})


TRUTH = {
    "relu_squared_hessian": ("true", 5, None),
    "x_abs_x_hessian": ("true", 5, None),
    "relu_squared_2d_hessian": ("true", 5, None),
    "x_abs_x_hessian_is_two": ("false", 5, {"x": -1}),
    "relu_squared_hessian_is_three": ("false", 5, {"x": 1}),
}
