"""Arbitrary smooth functions become random concrete ones for the numeric side, consistently."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

from verifier.language import random_functions

z1, z2 = sp.symbols("z1 z2")
f, g = sp.Function("f"), sp.Function("g")


def _by_substitution(expr: sp.Basic, table: random_functions.Table) -> sp.Basic:
    """The slow, general way: each stand-in substituted as a Lambda, every derivative taken by sympy."""
    return expr.subs({fn: stand_in.lam for fn, stand_in in table.items()}).doit()


def test_a_jacobians_shared_derivatives_are_taken_and_agree_with_substitution() -> None:
    """Every entry of a part is concretised at once (each distinct derivative taken once): the same
    expressions as substituting the stand-ins and evaluating each entry on its own."""
    fz, gz = f(z1, z2), g(z1, z2)
    jacobian = sp.ImmutableMatrix([[fz, gz]]).jacobian([z1, z2])
    part = sp.ImmutableMatrix([jacobian[0, 0] * gz + jacobian[1, 0] * fz, jacobian[0, 1] + f(g(z1, z2), z2)])
    rng = np.random.default_rng(3)
    table = {f: random_functions.random_smooth(2, rng), g: random_functions.random_smooth(2, rng)}
    got = random_functions.concretise(part, table)
    assert not got.has(sp.Derivative, sp.core.function.AppliedUndef)
    expected = [_by_substitution(e, table) for e in part]
    assert all(sp.expand(a - b) == 0 for a, b in zip(got, expected, strict=True))
    assert sp.expand(random_functions.concretise(sp.Derivative(fz, z1), table) - table[f].lam(z1, z2).diff(z1)) == 0


@pytest.mark.parametrize("arity", [1, 2, 3])
def test_a_stand_ins_partial_derivatives_are_sympys(arity: int) -> None:
    """The derivatives written down from a stand-in's coefficients (every order up to 5, every mix of
    arguments) are exactly sympy's derivatives of its body: the sine's turn, the exponential's factor
    and the quadratic's 2 on the diagonal included."""
    stand_in = random_functions.random_smooth(arity, np.random.default_rng(arity))
    xs = sp.symbols(f"x1:{arity + 1}", real=True)
    body = stand_in.lam(*xs)
    for orders in itertools.product(range(6), repeat=arity):
        if sum(orders) > 5:
            continue
        wanted = sp.diff(body, *[(x, k) for x, k in zip(xs, orders, strict=True) if k]) if any(orders) else body
        assert sp.expand(stand_in.partial(orders, xs) - wanted) == 0, orders


def test_derivatives_the_closed_form_does_not_take_still_agree_with_substitution() -> None:
    """A stand-in at repeated arguments, at another function's value, or differentiated along a symbol it
    does not take, goes the general way, and every one agrees with substituting and differentiating."""
    x, y, t = sp.symbols("x y t", real=True)
    rng = np.random.default_rng(5)
    table = {f: random_functions.random_smooth(2, rng), g: random_functions.random_smooth(1, rng)}
    exprs = [
        sp.diff(f(x, y) * g(x), x, y),
        sp.diff(f(x, x), x),
        sp.diff(f(g(t), t), t),
        sp.diff(f(x, y), x, 3) + f(y, x).diff(y),
        sp.Derivative(f(x, y), t),
    ]
    for e in exprs:
        got = random_functions.concretise(e, table)
        assert not got.has(sp.Derivative, sp.Subs, sp.core.function.AppliedUndef), e
        assert sp.simplify(got - _by_substitution(e, table)) == 0, e


def test_a_derivative_of_symbolic_order_is_left_as_substitution_leaves_it() -> None:
    """dᵏf/dxᵏ with k a symbol has no closed form to write down: it comes out as substituting gives it (an
    unevaluated derivative of the stand-in's body), not as an exception from the stand-in."""
    x, k = sp.Symbol("x"), sp.Symbol("k", integer=True, positive=True)
    table = {f: random_functions.random_smooth(1, np.random.default_rng(0))}
    expr = sp.Derivative(f(x), (x, k))
    assert random_functions.concretise(expr, table) == _by_substitution(expr, table)


def test_the_stand_ins_coefficients_are_drawn_in_the_same_order_as_ever() -> None:
    """The coefficients come from the generator in a fixed order (constant, linear, quadratic, the sine's,
    the exponential's): a check's samples, drawn after them from the same generator, stay where they were."""
    rng = np.random.default_rng(0)
    stand_in = random_functions.random_smooth(2, rng)
    a1, a2 = sp.symbols("a1 a2")
    replay = np.random.default_rng(0)
    c = [sp.Rational(int(replay.integers(-6, 7)), int(replay.integers(1, 5))) for _ in range(12)]
    body = c[0] + c[1] * a1 + c[2] * a2 + c[3] * a1**2 + c[4] * a1 * a2 + c[5] * a2**2
    body += c[6] * sp.sin(c[7] * a1 + c[8] * a2) + c[9] * sp.exp((c[10] * a1 + c[11] * a2) / 4)
    assert sp.expand(stand_in.lam(a1, a2) - body) == 0
    assert rng.integers(0, 2**62) == replay.integers(0, 2**62)
