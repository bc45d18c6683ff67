"""The numeric checks' questions about a claim's expressions (batch.kinds): one walk, remembered for one claim."""

from __future__ import annotations

import sympy as sp
from sympy.utilities.lambdify import implemented_function

from verifier.language import random_functions
from verifier.numeric import batch
from verifier.numeric.checks.definedness import is_real_claim
from verifier.strategies import budget

x, y = sp.symbols("x y", real=True)
f = sp.Function("f")


def test_kinds_answer_as_sympys_own_walks() -> None:
    cases = [
        [x**2 + 1, sp.exp(x)],
        [sp.Abs(x) + y, sp.Float("0.5") * x],
        [sp.exp(sp.I * x), x],
        [f(x) + 1, sp.Matrix([[x, sp.erfinv(y)]])],
        [2, 1j],
    ]
    for exprs in cases:
        found = batch.kinds(exprs)
        sympified = [sp.sympify(e) for e in exprs]
        assert found.imaginary == any(e.has(sp.I) for e in sympified), exprs
        assert found.floats == any(e.has(sp.Float) for e in sympified), exprs
        assert found.arbitrary == bool(random_functions.undefined_functions(exprs)), exprs
        assert is_real_claim(exprs) is not found.imaginary
    assert not batch.is_analytic([sp.Abs(x)]) and batch.is_analytic([sp.exp(x) * y])
    assert not batch.is_analytic([sp.erfinv(x)])  # real-only: no complex step through it


def test_a_function_with_a_numeric_implementation_is_not_arbitrary() -> None:
    g = implemented_function("g", lambda v: v)
    assert not batch.kinds([g(x) + 1]).arbitrary
    assert batch.kinds([f(x) + 1]).arbitrary


def test_a_claim_starts_with_the_numeric_memos_empty() -> None:
    """What one claim remembered of its expressions is gone when the next claim starts (start_claim)."""
    batch.kinds([x + 1])
    batch.magnitude(x - y)
    assert batch._kinds.cache_info().currsize > 0 and batch.magnitude.cache_info().currsize > 0
    budget.start_claim()
    assert batch._kinds.cache_info().currsize == 0 and batch.magnitude.cache_info().currsize == 0
