"""The Limit check's pole hunt (limit_poles): zeros of an oscillating factor that accumulate at the point refute the
claim; a factor that is never 0, whose zeros do not accumulate there, or lie on a side the claim does not name,
does not (red team 118)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Interval
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.limit_poles import hunted_pieces
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

x, a = sp.symbols("x a")
ZERO = sp.Integer(0)


def _check(body: Limit) -> NumericOutcome:
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    return spot_check(inst, np.random.default_rng(0), Settings(samples=64))


@pytest.mark.parametrize(
    ("body", "piece"),
    [
        (Limit(sp.exp(-1 / x**2) / sp.sin(1 / x), x, 0, ZERO), "sin(1/x) = 0"),
        (Limit(x**2 * sp.log(sp.Abs(sp.sin(1 / x))), x, 0, ZERO, dir="+"), "sin(1/x) = 0"),
        (Limit(sp.exp(-x) * sp.tan(x), x, sp.oo, ZERO), "cos(x) = 0"),
        (Limit(sp.exp(x) * sp.tan(x), x, -sp.oo, ZERO), "cos(x) = 0"),
        (Limit(sp.exp(-(x**2)) / sp.airyai(-x), x, sp.oo, ZERO), "airyai(-x) = 0"),
        (Limit((x - sp.pi) ** 2 / sp.sin(1 / (x - sp.pi)), x, sp.pi, ZERO, dir="-"), "x = pi − "),
        (Limit(sp.exp(-1 / x**2) / sp.sin(a / x), x, 0, ZERO, where={a: Interval(1, 2)}), "sin(a/x) = 0"),
    ],
)
def test_zeros_accumulating_at_the_point_refute_the_limit(body: Limit, piece: str) -> None:
    out = _check(body)
    assert out.verdict is NumericVerdict.FAIL
    assert out.counterexample is not None and "accumulating at" in out.counterexample.note
    assert piece in out.counterexample.note


@pytest.mark.parametrize(
    "body",
    [
        Limit(x**2 / (2 + sp.sin(1 / x)), x, 0, ZERO),  # never 0
        Limit(sp.exp(-x) / (2 + sp.cos(x)), x, sp.oo, ZERO),
        Limit(x / sp.sin(x), x, 0, sp.Integer(1)),  # sin x = 0 at x = 0 only, near 0
        Limit(x**2 / (sp.sin(1 / x) + 1 + 2 * x), x, 0, ZERO, dir="+"),  # zeros only left of 0
        Limit(x**2 * sp.sin(1 / x), x, 0, ZERO),
        Limit(x**2 / (a + sp.sin(1 / x)), x, 0, ZERO, where={a: Interval(2, 3)}),
    ],
)
def test_a_factor_without_zeros_accumulating_on_the_named_sides_refutes_nothing(body: Limit) -> None:
    assert _check(body).verdict is NumericVerdict.PASS


def test_only_a_factor_holding_a_function_outside_the_tame_ones_is_hunted() -> None:
    assert hunted_pieces(sp.exp(-x) * (2 + sp.sin(x)), x, []) == []  # no denominator
    assert hunted_pieces(1 / (x - sp.Rational(1, 300)), x, []) == []  # a polynomial's zeros are finitely many
    assert hunted_pieces(1 / sp.exp(1 / x), x, []) == []  # exp is eventually monotone
    assert hunted_pieces(sp.log(sp.Abs(sp.sin(1 / x)) ** 2), x, []) == [sp.sin(1 / x)]
    assert hunted_pieces(1 / sp.sin(1 / x), sp.Symbol("n", integer=True), []) == []
