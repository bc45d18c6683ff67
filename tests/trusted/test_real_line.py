"""The exact decision of whether a condition on one real variable holds nowhere (verifier.trusted.decide.real_line).

A case of a proof by cases is dropped when its condition holds nowhere, so a wrong True drops a case where a claim
can fail: the tests below put roots close together (an irrational root a hair from a rational bound, double roots,
roots shared by two comparisons) and compare every answer with sympy's solvers on random conditions.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status
from verifier.trusted.cases import _empty, cases
from verifier.trusted.decide.real_line import holds_nowhere

y = sp.Symbol("y", real=True)
R = sp.Rational
FAST = EngineSettings(samples=40)


def test_a_condition_with_a_point_is_not_empty_however_close_the_bounds() -> None:
    root_two = R(141421356237, 10**11)  # √2 = 1.41421356237309…: just above this bound
    assert holds_nowhere(sp.And(sp.Eq(y**2, 2), y > root_two), y) is False
    assert holds_nowhere(sp.And(sp.Eq(y**2, 2), y > root_two + R(1, 10**11)), y) is True
    assert holds_nowhere(sp.And(y < 0, sp.Eq(y**2, 2)), y) is False  # y = −√2 (red team helper-56)
    assert holds_nowhere(sp.And(y < 0, sp.Eq(y**2, 2), sp.Not(sp.And(y < 0, y**2 < 2))), y) is False


def test_empty_conditions_are_shown_empty() -> None:
    assert holds_nowhere(sp.And(y > 1, y < 1), y) is True
    assert holds_nowhere(y**2 < 0, y) is True
    assert holds_nowhere(sp.Eq(y**2, -1), y) is True
    assert holds_nowhere(sp.And(sp.Eq(y**2, 2), sp.Eq(y**2, 3)), y) is True
    assert holds_nowhere(sp.And((y - 1) ** 2 <= 0, sp.Ne(y, 1)), y) is True  # a double root, the one point removed
    assert holds_nowhere(sp.And((y - 1) ** 2 <= 0, y >= 1), y) is False  # the double root itself


def test_roots_shared_by_two_comparisons_and_rational_roots_are_read_exactly() -> None:
    both = sp.And(sp.Eq(y**3 - 2 * y, 0), y**2 >= 2, y > 0)  # y = √2, a root of both
    assert holds_nowhere(both, y) is False
    assert holds_nowhere(sp.And(sp.Eq(y**3 - 2 * y, 0), y**2 > 2), y) is True
    assert holds_nowhere(sp.And(sp.Eq(4 * y**2, 1), y > R(1, 2)), y) is True  # y = ±1/2, none above 1/2
    assert holds_nowhere(sp.And(sp.Eq(4 * y**2, 1), y >= R(1, 2)), y) is False


def test_a_comparison_whose_sides_are_equal_is_read_at_the_roots_too() -> None:
    same = sp.Eq(y * (y + 1), y**2 + y, evaluate=False)  # lhs − rhs expands to the zero polynomial
    assert holds_nowhere(sp.And(same, sp.Eq(y**2, 2)), y) is False
    assert holds_nowhere(sp.And(sp.Not(same), sp.Eq(y**2, 2)), y) is True


def test_what_is_not_a_comparison_of_rational_polynomials_is_left_undecided() -> None:
    assert holds_nowhere(sp.exp(y) > 2, y) is None
    assert holds_nowhere(y > sp.sqrt(3), y) is None
    assert holds_nowhere(1 / y > 0, y) is None
    assert holds_nowhere(sp.Contains(y, sp.Interval(0, 1)), y) is None
    assert holds_nowhere(sp.And(sp.Eq(y > 0, y < 1), y > 2), y) is None  # truth values compared
    assert holds_nowhere(sp.And(10**80 * y**2 > 1, y**3 < 3), y) is None  # too large to separate its roots
    assert holds_nowhere(sp.And(*[y**2 > k for k in range(1, 14)]), y) is None  # degree 26


def test_the_cases_of_a_condition_sympy_took_seconds_for_are_the_ones_it_found() -> None:
    """Abs(y² − 2) + sign(y − 1)·Heaviside(y² − 3): sympy's solvers took 13 s over its 26 conditions. The exact
    decision keeps the same 8 cases, and every point below, the roots included, is in one of them."""
    kept = cases(sp.Abs(y**2 - 2) + sp.sign(y - 1) * sp.Heaviside(y**2 - 3))
    assert len(kept) == 8
    for at in [-2, -sp.sqrt(3), -sp.sqrt(2), -1, 0, 1, sp.sqrt(2), sp.sqrt(3), 2]:
        assert sum(sp.sympify(c).subs(y, at) is sp.true for _, c in kept) == 1, at


def test_a_condition_comparing_truth_values_keeps_its_cases() -> None:
    """Eq(y > 0, y < 1) compares truth values: not read here, nor an error (a helper's claim raised TypeError)."""
    kept = cases(sp.Piecewise((1, sp.Eq(y > 0, y < 1)), (0, True)) + sp.Abs(y))
    assert len(kept) >= 2


coefficients = st.integers(-3, 3)
polynomials = st.lists(coefficients, min_size=1, max_size=4).map(lambda cs: sum(c * y**i for i, c in enumerate(cs)))
comparisons = st.tuples(st.sampled_from([sp.Lt, sp.Le, sp.Gt, sp.Ge, sp.Eq, sp.Ne]), polynomials, polynomials).map(
    lambda t: t[0](t[1], t[2])
)


def _combined(parts: list[sp.Basic], how: list[int]) -> sp.Basic:
    out = parts[0]
    for part, h in zip(parts[1:], how, strict=False):
        out = sp.And(out, part) if h == 0 else sp.Or(out, part) if h == 1 else sp.And(out, sp.Not(part))
    return out


@settings(max_examples=30, deadline=None)
@given(st.lists(comparisons, min_size=1, max_size=3), st.lists(st.integers(0, 2), min_size=2, max_size=2))
def test_it_agrees_with_sympys_solvers(parts: list[sp.Basic], how: list[int]) -> None:
    condition = _combined(parts, how)
    if condition in (sp.true, sp.false) or not condition.free_symbols:
        return
    decided = holds_nowhere(condition, y)
    assert decided is not None, condition
    assert decided == (condition.as_set() is sp.S.EmptySet), condition


def test_a_claim_false_only_at_an_irrational_root_beside_a_close_bound_is_not_proved() -> None:
    """(1 − sign(y² − 2)²)·H(y − q) is 1 at y = √2 and 0 elsewhere, for q = 1.41421356 just below √2: the case
    y² = 2, y > q must be kept (a wrong 'empty' proves the claim). With q 10⁻⁸ higher, √2 is below it, the
    case is empty and the claim, true, is proved by cases."""
    t, q = sp.Symbol("t"), R(141421356, 10**8)  # a plain symbol, declared real by the claim
    kink = 1 - sp.sign(t**2 - 2) ** 2
    false = Identity(kink * sp.Heaviside(t - q), sp.Integer(0), where={t: Real()})
    true = Identity(kink * sp.Heaviside(t - q - R(1, 10**8)) * sp.Heaviside(2 - t), sp.Integer(0), where={t: Real()})
    assert verify_family(claim(name="kink_at_root_two")(lambda: false), FAST).status is not Status.PROVED
    proved = verify_family(claim(name="kink_above_root_two")(lambda: true), FAST)
    assert proved.status is Status.PROVED, proved.reason


def test_a_case_sympys_solvers_call_empty_is_kept_and_its_claim_is_not_proved() -> None:
    """sympy's as_set calls y(y⁴ − y³ + y² − y − 2) ≥ 0 true at y = 0 only; it holds for every y ≥ 2. The case
    with y > 10⁴⁰ (too large to decide exactly), y > 10⁶·√2 (irrational) or y¹⁹ ≠ 3 (degree 25) was dropped
    on its word, and each claim below, 1 for every large y, was PROVED (a helper, this stop)."""
    t = sp.Symbol("t")
    q = t * (t**4 - t**3 + t**2 - t - 2)
    for far in [t > 10**40, t > 10**6 * sp.sqrt(2), (t > 10**6) & sp.Ne(t**19, 3)]:
        condition = (q >= 0) & far
        assert not _empty(condition.xreplace({t: y})), condition
        false = Identity(sp.Piecewise((1, condition), (0, True)), sp.Integer(0), where={t: Real()})
        assert verify_family(claim(name="far_case")(lambda: false), FAST).status is not Status.PROVED, condition  # noqa: B023
