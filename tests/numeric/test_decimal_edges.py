"""Claims written with decimals, at the points the exact and certified checks decide (checks/critical.py,
checks/enclosure.py): their numbers are known to about 15 digits (0.1 is 0.1000000000000000055 in binary),
so a gap of 10⁻¹⁶ there is the decimals' rounding, never a counterexample (confirm.DECIMAL_SLACK, as every
high-precision confirmation reads them). Each true claim here is tight at one point, where its binary value
is below 0 by 10⁻¹⁹ to 10⁻¹⁶; found by a red-team of the arb sign at critical points. A false one by 10⁻⁴
is still refuted."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Identity, Inequality, Interval, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

FAST = EngineSettings(samples=40, diagnose=False)
x = sp.symbols("x")


@claim()
def square_in_decimals() -> Inequality:
    """x² − 0.2x + 0.01 ≥ 0 on ℝ: (x − 0.1)², 0 at x = 0.1 (a critical point: its slope is 0)."""
    return Inequality(x**2 - 0.2 * x + 0.01, ">=", 0, where={x: Real()})


@claim()
def exponential_above_tangent_in_decimals() -> Inequality:
    """e^{x − 0.1} ≥ 1 + x − 0.1 on ℝ (sympy reads the left side as 0.904837418035960·eˣ)."""
    return Inequality(sp.exp(x - 0.1), ">=", 1 + x - 0.1, where={x: Real()})


@claim()
def am_gm_in_decimals() -> Inequality:
    """x(2.2 − x) ≤ 1.21 on [0, 2.2]: equality at x = 1.1."""
    return Inequality(x * (2.2 - x), "<=", 1.21, where={x: Interval(0, 2.2)})


@claim()
def square_expanded_in_decimals() -> Identity:
    """(x − 0.1)² = x² − 0.2x + 0.01 on [0, 1]: the sides' binary values differ by 10⁻¹⁸ at x = 0."""
    return Identity((x - 0.1) ** 2, x**2 - 0.2 * x + 0.01, where={x: Interval(0, 1)})


@claim()
def am_gm_in_decimals_off() -> Inequality:
    """x(2.2 − x) ≤ 1.2099 on [0, 2.2]: false near x = 1.1, by 10⁻⁴."""
    return Inequality(x * (2.2 - x), "<=", 1.2099, where={x: Interval(0, 2.2)})


@pytest.mark.parametrize(
    "family",
    [square_in_decimals, exponential_above_tangent_in_decimals, am_gm_in_decimals, square_expanded_in_decimals],
)
def test_a_gap_of_the_decimals_rounding_is_no_counterexample(family: object) -> None:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert not r.internal_error, r.reason
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason


def test_a_gap_beyond_the_rounding_is_still_refuted() -> None:
    r = verify_family(am_gm_in_decimals_off, FAST)
    assert r.status is Status.REFUTED, r.reason
