"""Refutations decided exactly where no sample lands (issue 37): a kink, a strict inequality's zero,
a factor of the slope, a point next to an open end (checks/critical.py, checks/ends.py), and a point
where an implication's premise holds and its conclusion is undefined (checks/undefined_conclusion.py).
Each rule is paired with true claims built to tempt it: they must not be REFUTED."""

from __future__ import annotations

import sympy as sp

from verifier import Implication, Inequality, Interval, Nonzero, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.stepwise import Relation
from verifier.outcome import Status

FAST = EngineSettings(samples=40)
x, y, w = sp.symbols("x y w")
TINY = sp.Rational(1, 10**30)


@claim()
def abs_positive_off_quarter_pi() -> Inequality:
    return Inequality(sp.Abs(x - sp.pi / 4), ">", 0, where={x: Interval(0, 1)})


@claim()
def abs_nonnegative() -> Inequality:
    return Inequality(sp.Abs(x - sp.pi / 4), ">=", 0, where={x: Interval(0, 1)})


@claim()
def max_above_half_strictly() -> Inequality:
    """max(x, √2 − x) > √2/2 on [0, 1]: false at the kink x = √2/2, which no sample can hold."""
    return Inequality(sp.Max(x, sp.sqrt(2) - x), ">", sp.sqrt(2) / 2, where={x: Interval(0, 1)})


@claim()
def max_at_least_half() -> Inequality:
    return Inequality(sp.Max(x, sp.sqrt(2) - x), ">=", sp.sqrt(2) / 2, where={x: Interval(0, 1)})


@claim()
def self_power_strict_minimum() -> Inequality:
    return Inequality(x**x, ">", sp.exp(-sp.exp(-1)), where={x: Positive()})


@claim()
def self_power_minimum() -> Inequality:
    return Inequality(x**x, ">=", sp.exp(-sp.exp(-1)), where={x: Positive()})


@claim()
def sine_below_x_minus_tiny() -> Inequality:
    return Inequality(sp.sin(x), "<=", x - TINY, where={x: Interval(0, 1, open_lo=True)})


@claim()
def sine_below_x() -> Inequality:
    return Inequality(sp.sin(x), "<=", x, where={x: Interval(0, 1, open_lo=True)})


@claim()
def square_positive_on_open_interval() -> Inequality:
    """x² > 0 on (0, 1]: the gap tends to 0 at the open end, and is positive at every point."""
    return Inequality(x**2, ">", 0, where={x: Interval(0, 1, open_lo=True)})


@claim()
def log_one_plus_below_x_minus_tiny() -> Inequality:
    """log(1 + x) ≤ x − 10⁻³⁰ for x > 0: false below about 1.4·10⁻¹⁵ (the gap is about x²/2 − 10⁻³⁰)."""
    return Inequality(sp.log(1 + x), "<=", x - TINY, where={x: Positive()})


@claim()
def solve_by_division() -> Implication:
    return Implication(Relation(x * w, "=", y), Relation(w, "=", y / x), where={x: Real(), y: Real(), w: Real()})


@claim()
def solve_by_division_nonzero() -> Implication:
    return Implication(Relation(x * w, "=", y), Relation(w, "=", y / x), where={x: Nonzero(), y: Real(), w: Real()})


@claim()
def reciprocal_of_a_product_one() -> Implication:
    """xy = 1 ⇒ x = 1/y: the premise rules out y = 0, where the conclusion is undefined."""
    return Implication(Relation(x * y, "=", 1), Relation(x, "=", 1 / y), where={x: Real(), y: Real()})


@claim()
def log_of_square_both_sides_undefined() -> Implication:
    """x² = y ⇒ log y = 2 log|x| on ℝ²: at x = y = 0 both sides of the conclusion are undefined (no finding)."""
    rel = Relation(sp.log(y), "=", 2 * sp.log(sp.Abs(x)))
    return Implication(Relation(x**2, "=", y), rel, where={x: Real(), y: Real()})


def _verdict(family: object) -> tuple[Status, str]:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert not r.internal_error, r.reason
    return r.status, r.reason


def test_a_strict_inequality_is_refuted_exactly_at_a_kink_and_a_zero_of_its_gap() -> None:
    status, reason = _verdict(abs_positive_off_quarter_pi)
    assert status is Status.REFUTED and "violated at x = pi/4, a critical point found exactly" in reason
    status, reason = _verdict(max_above_half_strictly)
    assert status is Status.REFUTED and "violated at x = sqrt(2)/2, a critical point found exactly" in reason


def test_a_slope_is_solved_factor_by_factor() -> None:
    status, reason = _verdict(self_power_strict_minimum)
    assert status is Status.REFUTED and "violated at x = exp(-1)" in reason


def test_the_same_inequalities_not_strict_are_not_refuted() -> None:
    for family in (abs_nonnegative, max_at_least_half, self_power_minimum):
        assert _verdict(family)[0] in (Status.PROVED, Status.CHECKED)


def test_a_failure_next_to_an_open_end_is_found_in_arb() -> None:
    status, reason = _verdict(sine_below_x_minus_tiny)
    assert status is Status.REFUTED, reason
    assert "violated at x = 1/18446744073709551616, approaching the end 0 of the domain" in reason
    status, reason = _verdict(log_one_plus_below_x_minus_tiny)
    assert status is Status.REFUTED and "approaching the end 0 of the domain" in reason


def test_a_gap_that_only_tends_to_its_bound_at_an_open_end_is_not_refuted() -> None:
    for family in (sine_below_x, square_positive_on_open_interval):
        assert _verdict(family)[0] in (Status.PROVED, Status.CHECKED)


def test_an_implication_whose_conclusion_is_undefined_where_the_premise_holds_is_refuted() -> None:
    status, reason = _verdict(solve_by_division)
    assert status is Status.REFUTED, reason
    assert "the conclusion is undefined at x = 0, y = 0, w = 0, where the premise holds" in reason
    assert "it needs x ≠ 0 at every point of its declared domain" in reason


def test_an_implication_defined_wherever_its_premise_holds_is_not_refuted() -> None:
    for family in (solve_by_division_nonzero, reciprocal_of_a_product_one):
        assert _verdict(family)[0] in (Status.PROVED, Status.CHECKED)


def test_a_conclusion_undefined_on_both_sides_is_no_finding_of_this_rule() -> None:
    _, reason = _verdict(log_of_square_both_sides_undefined)
    assert "the conclusion is undefined at" not in reason


@claim()
def pole_at_an_open_end_above_a_huge_bound() -> Inequality:
    """1/(1 − 2x) ≤ 10²⁰ on (0, ½): false above ½ − 5·10⁻²¹, where 64 bits cancel 1 − 2x to 0."""
    return Inequality(1 / (1 - 2 * x), "<=", 10**20, where={x: Interval(0, sp.Rational(1, 2), open_hi=True)})


def test_a_point_next_to_a_pole_gets_more_bits_before_it_is_called_undefined() -> None:
    """The point ½ − 2⁻¹²⁹ was enclosed at 64 bits, where 1 − 2x is a ball about 0 and the gap not finite: it was
    taken as undefined at once, no more bits were tried, and the false claim was CHECKED."""
    from fractions import Fraction

    from verifier.numeric import enclose

    fn = enclose.compile_balls(10**20 - 1 / (1 - 2 * x), [x])
    assert enclose.sign_at(fn, [Fraction(1, 2) - Fraction(1, 2**129)])[0] == -1
    status, reason = _verdict(pole_at_an_open_end_above_a_huge_bound)
    assert status is Status.REFUTED and "approaching the end 1/2 of the domain" in reason, reason
