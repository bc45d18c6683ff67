"""The DAG walk finds every function application the engine's decisions depend on."""

from __future__ import annotations

import sympy as sp

from verifier.language import random_functions
from verifier.language.mathlib import numeric_function
from verifier.numeric import batch as numeric

x, y = sp.symbols("x y", real=True)


def test_non_analytic_functions_are_seen_including_max_and_min() -> None:
    """Max and Min are sympy Applications but not Functions; complex step must not be used on them."""
    for expr in (sp.Max(x, 0), sp.Min(x, 1), sp.Abs(x), sp.Heaviside(x), sp.Piecewise((x, x > 0), (0, True))):
        assert not numeric.is_analytic([sp.exp(y) + 2 * expr]), expr
    assert numeric.is_analytic([sp.exp(x) * sp.tanh(y)])


def test_shared_subexpressions_and_matrices_are_walked() -> None:
    f = sp.Function("f")
    shared = sp.exp(x + y) + 1
    matrix = sp.ImmutableMatrix([[shared * f(x), shared], [shared**2, x]])
    assert random_functions.undefined_functions([matrix]) == {f: 1}
    rank = numeric_function("rank_1x1", lambda a: a[:, 0, 0], (1, 1))
    assert numeric.has_opaque([x + rank(sp.ImmutableMatrix([[y]]))])
    assert not numeric.has_opaque([matrix])
