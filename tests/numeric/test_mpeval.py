"""The mpmath evaluator's plan computes what the walk computes: the same values bit for bit, the
same Peak, the same errors, and lazy branches stay lazy."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from verifier.numeric.mpeval import MpEvaluator, Peak, _Walk

x, y, z = sp.symbols("x y z", real=True)
EXPRESSIONS = [
    sp.exp(x) / (1 + sp.exp(x)) - 1 / (1 + sp.exp(-x)),
    sp.sqrt(x**2 + y**2) * sp.log(1 + sp.exp(y)) ** 3 + sp.erf(x / sp.sqrt(2)),
    (x + y) ** sp.Rational(3, 2) + sp.Abs(x - y) ** z + sp.Max(x, y, 0) * sp.tanh(z),
    sp.besseli(1, x) + sp.Heaviside(x - y) * sp.pi + sp.Rational(1, 3) * sp.E,
    sp.Piecewise((1 / (x - 1), x > 1), (sp.log(-x + 2), True)) + (x * y + 1) ** 7,
]


def _walked(point: dict[sp.Symbol, mpmath.mpf], exprs: list[sp.Expr]) -> tuple[list[object], float]:
    Peak.reset()
    walk = _Walk(point)
    values = [walk.value(e) for e in exprs]
    return values, Peak.digits


@pytest.mark.parametrize("dps", [30, 120])
@pytest.mark.parametrize("at", [(0.5, 1.25, 2.0), (3.0, -1.5, 0.25), (1.0, 2.0, -2.0)])
def test_the_plan_gives_the_walks_values_and_peak(dps: int, at: tuple[float, float, float]) -> None:
    point = [mpmath.mpf(v) for v in at]
    evaluator = MpEvaluator((x, y, z), EXPRESSIONS)
    with mpmath.workdps(dps):
        expected, peak = _walked(dict(zip((x, y, z), point, strict=True)), EXPRESSIONS)
        for _ in range(2):  # the plan is built on the first call and reused on the second
            Peak.reset()
            got = evaluator(*point)
            assert [mpmath.nstr(v, dps) for v in got] == [mpmath.nstr(v, dps) for v in expected]
            assert got == expected and Peak.digits == peak
        assert evaluator.entries(point, [4, 1]) == [expected[4], expected[1]]


def test_a_branch_not_taken_is_never_computed_and_a_missing_value_is_named() -> None:
    guarded = sp.Piecewise((1 / x, sp.Ne(x, 0)), (0, True))
    assert MpEvaluator((x,), [guarded])(mpmath.mpf(0)) == [0]
    with pytest.raises(ZeroDivisionError):
        MpEvaluator((x,), [1 / x])(mpmath.mpf(0))
    with pytest.raises(TypeError, match="no value for y"):
        MpEvaluator((x,), [x + y])(mpmath.mpf(1))
