"""Class 1: the kernel's product rule, which leaves out a term whose factor has derivative 0 (issue 42).

The kernel differentiates a product term by term and no longer builds the terms whose factor does not depend on
the variable (verifier/trusted/obligations.py, Differentiator): 0 times the other factors is 0 wherever they are
finite, and with a literal infinity among them every term is built, as sympy's product would. Each probe sits at an
edge of that rule: a product of three factors, one or two of them free of the variable; the same with a term
dropped by the student; a Hessian whose mixed entries have such factors; a product with a factor 1/0 written
unevaluated (undefined everywhere, so never PROVED). Every false probe has a witness whose gap is far above a
float's rounding.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Real, claim

x, y, z, a = sp.symbols("x y z a")


@claim()
def product_of_three_factors() -> Derivative:
    """∂(x·y·eˣ)/∂x = (x + 1)·y·eˣ.

    Proof: the product rule; ∂y/∂x = 0, and (x eˣ)′ = eˣ + x eˣ.
    """
    return Derivative(x * y * sp.exp(x), wrt=x, equals=(x + 1) * y * sp.exp(x), where={x: Real(), y: Real()})


@claim()
def product_with_the_exponential_term_dropped() -> Derivative:
    """∂(x·y·eˣ)/∂x = y·eˣ (false: the term x·y·eˣ is dropped; 2e against e at x = y = 1)."""
    return Derivative(x * y * sp.exp(x), wrt=x, equals=y * sp.exp(x), where={x: Real(), y: Real()})


@claim()
def product_whose_other_factors_are_constant() -> Derivative:
    """∂(a·y·sin x·cos y)/∂x = a·y·cos x·cos y.

    Proof: three factors are free of x; (sin x)′ = cos x.
    """
    f = a * y * sp.sin(x) * sp.cos(y)
    return Derivative(f, wrt=x, equals=a * y * sp.cos(x) * sp.cos(y), where={x: Real(), y: Real(), a: Real()})


@claim()
def hessian_of_a_product_of_three() -> Derivative:
    """∇²(x²·y·e^z) with respect to (x, y, z).

    Proof: the product rule in each entry; ∂²/∂x∂y = 2x e^z, ∂²/∂y² = 0.
    """
    v = sp.Matrix([x, y, z])
    e = sp.exp(z)
    h = sp.Matrix(
        [[2 * y * e, 2 * x * e, 2 * x * y * e], [2 * x * e, 0, x**2 * e], [2 * x * y * e, x**2 * e, x**2 * y * e]]
    )
    return Derivative(x**2 * y * e, wrt=v, order=2, equals=h, where={x: Real(), y: Real(), z: Real()})


@claim()
def hessian_of_a_product_with_a_mixed_entry_zeroed() -> Derivative:
    """∇²(x²·y·e^z) with ∂²/∂x∂y written 0 (false: it is 2x e^z; 2 against 0 at x = 1, y = z = 0)."""
    v = sp.Matrix([x, y, z])
    e = sp.exp(z)
    h = sp.Matrix([[2 * y * e, 0, 2 * x * y * e], [0, 0, x**2 * e], [2 * x * y * e, x**2 * e, x**2 * y * e]])
    return Derivative(x**2 * y * e, wrt=v, order=2, equals=h, where={x: Real(), y: Real(), z: Real()})


@claim()
def product_with_an_unevaluated_one_over_zero() -> Derivative:
    """∂((1/0)·x·y)/∂x = 0 with 1/0 written unevaluated: undefined everywhere, never PROVED."""
    infinite = sp.Pow(0, -1, evaluate=False)
    f = sp.Mul(infinite, x, y, evaluate=False)
    return Derivative(f, wrt=x, equals=sp.Integer(0), where={x: Real(), y: Real()})


TRUTH = {
    "product_of_three_factors": ("true", 1, None),
    "product_with_the_exponential_term_dropped": ("false", 1, {"x": 1, "y": 1}),
    "product_whose_other_factors_are_constant": ("true", 1, None),
    "hessian_of_a_product_of_three": ("true", 1, None),
    "hessian_of_a_product_with_a_mixed_entry_zeroed": ("false", 1, {"x": 1, "y": 0, "z": 0}),
    "product_with_an_unevaluated_one_over_zero": ("malformed", 1, None),
}
