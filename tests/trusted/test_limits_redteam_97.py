"""Red team 97: limits of steps of a function that vanishes at the point, of a value set by its own Piecewise
row, and of a limit variable declared in where= (redteam_97: lim3, lim4, lim5, lim6, lim_pw)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Interval, Positive, Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted import kernel, limit_steps
from verifier.trusted.instantiate import ClaimError, Instance, instantiate
from verifier.trusted.kernel.base import Rejected

x = sp.Symbol("x")
HALF = sp.Rational(1, 2)
H, PW = sp.Heaviside, sp.Piecewise
POINT_ROW = PW((5, sp.Eq(x, 1)), (x, True))
SINC_ROW = PW((sp.sin(x) / x, sp.Ne(x, 0)), (0, True))
STRICT_ROWS = PW((x**2, x < 0), (x**2, x > 0), (5, True))
LOG_ROW = PW((1, sp.log(x) >= 0), (0, True))


def _inst(body: Limit) -> Instance:
    return instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))


def _numeric(body: Limit) -> NumericVerdict:
    return spot_check(_inst(body), np.random.default_rng(0), Settings(samples=64)).verdict


FALSE = [
    Limit(H(sp.log(x)), x, 1, HALF, dir="-"),
    Limit(H(x**3 - x), x, 1, HALF, dir="-"),
    Limit(H(sp.sin(x)), x, sp.pi, HALF, dir="+"),
    Limit(H(x - 1), x, 1, HALF, dir="+"),
    Limit(H(1 - sp.cos(x)), x, 0, HALF),
    Limit(LOG_ROW, x, 1, 1, dir="-"),
    Limit(POINT_ROW, x, 1, 5),
    Limit(SINC_ROW, x, 0, 0),
    Limit(STRICT_ROWS, x, 0, 5),
    Limit(PW((5, sp.And(x >= 0, x <= 0)), (x, True)), x, 0, 5),
    Limit(PW((3, sp.Eq(x, 0)), (1 + x, True)), x, 0, 3, dir="+"),
    Limit(PW((0, sp.Eq(x, 2)), ((x**2 - 4) / (x - 2), True)), x, 2, 0),
    Limit(PW((7, sp.Eq(x, 0)), (x**2, True)), x, 0, 7, dir="+"),
    Limit(PW((7, sp.Eq(x, 0)), (1 / (1 + x**2), True)), x, sp.oo, 7),
]

TRUE = [
    Limit(H(sp.log(x)), x, 1, 0, dir="-"),
    Limit(H(x**3 - x), x, 1, 0, dir="-"),
    Limit(H(sp.sin(x)), x, sp.pi, 0, dir="+"),
    Limit(H(1 - sp.cos(x)), x, 0, 1),
    Limit(LOG_ROW, x, 1, 0, dir="-"),
    Limit(POINT_ROW, x, 1, 1),
    Limit(SINC_ROW, x, 0, 1),
    Limit(STRICT_ROWS, x, 0, 0),
    Limit(sp.floor(x), x, 1, 1, dir="+"),  # steps whose side is decided exactly stay proved
    Limit(sp.ceiling(x), x, 1, 1, dir="-"),
    Limit(sp.floor(sp.sin(x)), x, sp.pi, -1, dir="+"),
]


@pytest.mark.parametrize("body", FALSE)
def test_a_false_limit_of_a_step_or_a_point_row_is_not_proved_and_is_refuted(body: Limit) -> None:
    with pytest.raises(Rejected):
        kernel.prove_limit(_inst(body))
    assert _numeric(body) == NumericVerdict.FAIL


@pytest.mark.parametrize("body", TRUE)
def test_a_true_limit_of_a_step_or_a_point_row_is_proved_and_not_refuted(body: Limit) -> None:
    assert kernel.prove_limit(_inst(body)).rule == "limit"
    assert _numeric(body) != NumericVerdict.FAIL


@pytest.mark.parametrize("claimed", [HALF, sp.Integer(1)])
def test_a_step_whose_side_is_not_decided_exactly_gives_no_proof_and_no_exact_judge(claimed: sp.Expr) -> None:
    """H(|x|) at 0: the derivative of |x| is sign x, so the side of |x| is not decided here (it is 1)."""
    body = Limit(H(sp.Abs(x)), x, 0, claimed)
    with pytest.raises(Rejected, match="may jump at the limit point"):
        kernel.prove_limit(_inst(body))
    assert _numeric(body) != (NumericVerdict.FAIL if claimed == 1 else NumericVerdict.PASS)


@pytest.mark.parametrize(
    ("expr", "to", "side", "value"),
    [
        (H(sp.log(x)), 1, "-", 0),  # sympy: 1/2
        (H(x**3 - x), 1, "-", 0),  # sympy: 1/2
        (H(sp.sin(x)), sp.pi, "+", 0),  # sympy: 1/2
        (H(1 - sp.cos(x)), 0, "+-", 1),  # sympy: 1/2
        (LOG_ROW, 1, "-", 0),  # sympy: 1
        (POINT_ROW, 1, "+-", 1),  # sympy: 5
        (SINC_ROW, 0, "+-", 1),  # sympy: 0
        (H(1 / x), sp.oo, "+-", 1),
    ],
)
def test_each_step_is_replaced_by_its_value_near_the_point(expr: sp.Expr, to: sp.Expr, side: str, value: int) -> None:
    assert limit_steps.limit(expr, x, sp.sympify(to), side) == value


@pytest.mark.parametrize(
    "body",
    [
        Limit(sp.sin(x) / x, x, 0, sp.sin(x) / x, where={x: Positive()}),
        Limit(x, x, 0, x, dir="+", where={x: Positive()}),
        Limit(1 / x, x, sp.oo, 1 / x, where={x: Real()}),
        Limit(x**2, x, 1, 5, where={x: Interval(0, 2)}),
        Limit(sp.sin(x) / x, x, 0, 1, dir="+", where={x: Positive()}),
    ],
)
def test_the_limit_variable_declared_in_where_is_an_error(body: Limit) -> None:
    with pytest.raises(ClaimError, match=r"bound by the limit.*declare only the parameters"):
        _inst(body)


def test_a_sequence_with_no_imaginary_part_left_is_compared_as_real_numbers() -> None:
    """helper-100: lim_{x→0⁻} ⌊√x + ½⌋ raised "no ordering relation is defined for complex numbers" (internal error):
    mpmath's values of √x on the left are complex numbers whose imaginary part can be 0."""
    from verifier import claim
    from verifier.engine import EngineSettings, verify_family

    t = sp.Symbol("t")

    @claim()
    def floor_of_a_root_from_the_left() -> Limit:
        return Limit(sp.floor(sp.sqrt(t) + sp.Rational(1, 2)), t, 0, 0, dir="-")

    result = verify_family(floor_of_a_root_from_the_left, EngineSettings(samples=40))
    assert not result.internal_error, result.reason
