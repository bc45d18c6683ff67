"""Arbitrary smooth functions become random concrete ones for the numeric side, consistently."""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier.language import random_functions

z1, z2 = sp.symbols("z1 z2")
f, g = sp.Function("f"), sp.Function("g")


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
    expected = [e.subs(table).doit() for e in part]
    assert all(sp.expand(a - b) == 0 for a, b in zip(got, expected, strict=True))
    assert random_functions.concretise(sp.Derivative(fz, z1), table) == table[f](z1, z2).diff(z1)
