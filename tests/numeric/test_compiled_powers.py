"""Powers of constants in the numeric compiler: what Python refuses for two floats is an undefined sample, not a crash.

`0.0 ** -1.0` raises ZeroDivisionError and `10.0 ** 1000.0` OverflowError in Python, where numpy gives inf for the
same power of an array. A claim written with an unevaluated 1/0 reached the first: the check raised from our own code
(an internal error) instead of finding the claim undefined.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier.numeric.compile import Compiled

x = sp.Symbol("x", real=True)


def test_an_unevaluated_one_over_zero_has_no_value_at_every_sample() -> None:
    f = sp.Mul(sp.Pow(0, -1, evaluate=False), x, evaluate=False)
    out = Compiled([x], [f])({x: np.array([0.5, 2.0])})
    assert np.all(np.isnan(out)), out  # NaN, not ∞, which reads as a value in a condition (1/0 > 1)


def test_a_constant_power_beyond_a_float_is_infinite() -> None:
    f = sp.Mul(sp.Pow(sp.Float(10.0), sp.Integer(1000), evaluate=False), x, evaluate=False)
    out = Compiled([x], [f])({x: np.array([1.0, 3.0])})
    assert np.all(np.isinf(out)), out


def test_a_power_python_computes_keeps_its_value() -> None:
    f = sp.Pow(sp.Float(2.0), sp.Float(-2.0), evaluate=False) * x
    out = Compiled([x], [f])({x: np.array([1.0, 4.0])})
    assert np.allclose(out[:, 0], [0.25, 1.0])
