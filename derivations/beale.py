"""Beale's function: gradient, Hessian, a saddle and the global minimum.

Beale's test function is a sum of three squared residuals,
f(x, y) = r₁² + r₂² + r₃², with rᵢ = cᵢ − x + x·yⁱ and c = (3/2, 9/4, 21/8).
Each residual has ∂rᵢ/∂x = yⁱ − 1 and ∂rᵢ/∂y = i·x·yⁱ⁻¹, so the gradient is
∇f = 2 Σᵢ rᵢ·(yⁱ − 1, i·x·yⁱ⁻¹), and the Hessian, entry by entry, is
f_xx = 2 Σᵢ (yⁱ − 1)²,
f_xy = 2 Σᵢ [(yⁱ − 1)·i·x·yⁱ⁻¹ + rᵢ·i·yⁱ⁻¹],
f_yy = 2 Σᵢ [(i·x·yⁱ⁻¹)² + rᵢ·i(i − 1)·x·yⁱ⁻²].

At (0, 1) both factors yⁱ − 1 and i·x·yⁱ⁻¹ vanish, so (0, 1) is a stationary point. It is
not a minimum: there the Hessian is [[0, 111/4], [111/4, 0]], which is indefinite, so
(0, 1) is a saddle (f is constant, 909/64, along the whole line x = 0).

At (3, 1/2) every residual is zero (3/2 − 3 + 3/2 = 9/4 − 3 + 3/4 = 21/8 − 3 + 3/8 = 0), so
f = 0 there, and since f is a sum of squares, f ≥ 0 everywhere: (3, 1/2) is a global
minimum. With zero residuals the Hessian is the Gauss–Newton matrix 2JᵀJ; it equals
[[101/32, −183/16], [−183/16, 369/8]], and its LDLᵀ factorisation
vᵀHv = 101/32·(v₁ − 366/101·v₂)² + 945/202·v₂² shows it is positive semidefinite; both
pivots are positive (leading minors 101/32 and det = 945/64), so it is even definite.

Kept on purpose as wrong versions: "(0, 1) is a local minimum, its Hessian is PSD" (a
stationary point with f bounded below is not automatically a minimum), and the gradient
with ∂rᵢ/∂x taken as −1, dropping the x·yⁱ term of the residual.

Source: E. M. L. Beale, "On an iterative method for finding a local minimum of a function
of more than one variable", Tech. Rep. 25, Statistical Techniques Research Group, Princeton
(1958); S. Surjanovic and D. Bingham, *Virtual Library of Simulation Experiments: Test
Functions and Datasets*, Simon Fraser University, "Beale function" (optimisation test
problems, plate-shaped functions).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Certificate, Derivative, Identity, Inequality, Real, claim
from verifier.language.mathlib import Matrix, scalars, vector

C = (sp.Rational(3, 2), sp.Rational(9, 4), sp.Rational(21, 8))
MINIMUM = (sp.Integer(3), sp.Rational(1, 2))
SADDLE = (sp.Integer(0), sp.Integer(1))


def residuals(x: sp.Expr, y: sp.Expr) -> list[sp.Expr]:
    """rᵢ = cᵢ − x + x·yⁱ for i = 1, 2, 3."""
    return [c - x + x * y**i for i, c in enumerate(C, start=1)]


def beale(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    """f(x, y) = Σᵢ rᵢ²."""
    return sp.Add(*[r**2 for r in residuals(x, y)])


def gradient(x: sp.Expr, y: sp.Expr) -> Matrix:
    """∇f = 2 Σᵢ rᵢ·(yⁱ − 1, i·x·yⁱ⁻¹), written out by the chain rule."""
    r = residuals(x, y)
    fx = 2 * sp.Add(*[r[i - 1] * (y**i - 1) for i in (1, 2, 3)])
    fy = 2 * sp.Add(*[r[i - 1] * i * x * y ** (i - 1) for i in (1, 2, 3)])
    return Matrix([fx, fy])


def hessian(x: sp.Expr, y: sp.Expr) -> Matrix:
    """∇²f entry by entry: f_xx, f_xy, f_yy as in the module docstring."""
    r = residuals(x, y)
    ix = (1, 2, 3)
    fxx = 2 * sp.Add(*[(y**i - 1) ** 2 for i in ix])
    fxy = 2 * sp.Add(*[(y**i - 1) * i * x * y ** (i - 1) + r[i - 1] * i * y ** (i - 1) for i in ix])
    fyy = 2 * sp.Add(*[(i * x * y ** (i - 1)) ** 2 + r[i - 1] * i * (i - 1) * x * y ** (i - 2) for i in ix])
    return Matrix([[fxx, fxy], [fxy, fyy]])


@claim()
def gradient_formula() -> Derivative:
    """∇f = 2 Σᵢ rᵢ·(yⁱ − 1, i·x·yⁱ⁻¹)."""
    x, y = scalars("x y")
    return Derivative(beale(x, y), wrt=Matrix([x, y]), equals=gradient(x, y), where={x: Real(), y: Real()})


@claim()
def hessian_formula() -> Derivative:
    """∇²f = [[f_xx, f_xy], [f_xy, f_yy]] with the entries written out by the product rule."""
    x, y = scalars("x y")
    return Derivative(beale(x, y), wrt=Matrix([x, y]), order=2, equals=hessian(x, y), where={x: Real(), y: Real()})


@claim()
def stationary_at_0_1() -> Identity:
    """∇f(0, 1) = 0: (0, 1) is a stationary point."""
    return Identity(gradient(*SADDLE), Matrix([0, 0]))


@claim()
def hessian_at_0_1() -> Identity:
    """∇²f(0, 1) = [[0, 111/4], [111/4, 0]] (indefinite: a saddle)."""
    b = sp.Rational(111, 4)
    return Identity(hessian(*SADDLE), Matrix([[0, b], [b, 0]]))


@claim()
def zero_residuals_at_minimum() -> Identity:
    """r(3, 1/2) = 0, so f(3, 1/2) = 0."""
    return Identity(Matrix([*residuals(*MINIMUM), beale(*MINIMUM)]), Matrix([0, 0, 0, 0]))


@claim()
def nonnegative() -> Inequality:
    """f(x, y) ≥ 0 everywhere (a sum of squares), so (3, 1/2) is a global minimum."""
    x, y = scalars("x y")
    return Inequality(beale(x, y), ">=", 0, where={x: Real(), y: Real()})


@claim()
def stationary_at_minimum() -> Identity:
    """∇f(3, 1/2) = 0."""
    return Identity(gradient(*MINIMUM), Matrix([0, 0]))


@claim()
def hessian_at_minimum() -> Identity:
    """∇²f(3, 1/2) = [[101/32, −183/16], [−183/16, 369/8]]."""
    off = sp.Rational(-183, 16)
    return Identity(hessian(*MINIMUM), Matrix([[sp.Rational(101, 32), off], [off, sp.Rational(369, 8)]]))


@claim()
def hessian_at_minimum_psd() -> PSD:
    """∇²f(3, 1/2) ⪰ 0: vᵀHv = 101/32·(v₁ − 366/101·v₂)² + 945/202·v₂² (LDLᵀ)."""
    v = vector("v", 2)
    return PSD(
        hessian(*MINIMUM),
        certificate=Certificate(
            v,
            weights=(sp.Rational(101, 32), sp.Rational(945, 202)),
            forms=(v[0] - sp.Rational(366, 101) * v[1], v[1]),
        ),
    )


@claim()
def hessian_at_minimum_pd() -> PSD:
    """∇²f(3, 1/2) ≻ 0: leading minors 101/32 > 0 and det = 945/64 > 0."""
    return PSD(hessian(*MINIMUM), strict=True)


@claim(expect="refuted")
def saddle_is_minimum() -> PSD:
    """Wrong: ∇²f(0, 1) ⪰ 0, i.e. the stationary point (0, 1) is a local minimum."""
    return PSD(hessian(*SADDLE))


@claim(expect="refuted")
def gradient_without_chain_factor() -> Derivative:
    """Wrong: ∂f/∂x = −2 Σᵢ rᵢ, taking ∂rᵢ/∂x = −1 instead of yⁱ − 1."""
    x, y = scalars("x y")
    r = residuals(x, y)
    return Derivative(
        beale(x, y),
        wrt=Matrix([x, y]),
        equals=Matrix([-2 * sp.Add(*r), gradient(x, y)[1]]),
        where={x: Real(), y: Real()},
    )
