"""A side with no real value at a point of a real domain is a finding, never a crash or a skipped sample.

Max(√x, 0) at x = −1 is Max(i, 0): sympy refuses it ("the argument 'I' is not comparable"), and so does
√x > 1 in a Piecewise ("invalid comparison of non-real I"); the exact refutation read those exceptions as
the verifier's own (an internal error). They say the side has no real value there, where the other side
has one: REFUTED, as (1 + √x)(1 − √x) = 1 − x on ℝ is at x = −1."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from verifier import Identity, Inequality, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric import confirm
from verifier.numeric.compile import Compiled
from verifier.numeric.mpfunctions import NoRealValue
from verifier.outcome import Status

FAST = EngineSettings(samples=40)
x = sp.Symbol("x")


@claim()
def max_of_a_root() -> Identity:
    return Identity(sp.Max(sp.sqrt(x), 0), sp.sqrt(sp.Max(x, 0)), where={x: Real()})


@claim()
def piecewise_on_a_root() -> Identity:
    return Identity(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), sp.Heaviside(x - 1, 0), where={x: Real()})


def test_a_side_sympy_cannot_evaluate_at_a_negative_point_is_complex_there_not_a_crash() -> None:
    for family in (max_of_a_root, piecewise_on_a_root):
        r = verify_family(family, FAST)  # type: ignore[arg-type]
        assert not r.internal_error, r.reason
        assert r.status is Status.REFUTED, r.reason
        assert r.counterexample is not None and r.counterexample.error == "complex", r.counterexample
        assert "the left side is complex (undefined in ℝ) at x = -" in r.reason, r.reason


# ---------------------------------------------------------------- functions of the reals at a non-real argument


@claim()
def max_of_a_root_nonnegative() -> Inequality:
    return Inequality(sp.Max(sp.sqrt(x), 0), ">=", 0, where={x: Real()})


@claim()
def atan2_of_a_root() -> Identity:
    return Identity(sp.atan2(sp.sqrt(x), 1), sp.atan(sp.sqrt(sp.Max(x, 0))), where={x: Real()})


REAL_ONLY = [
    sp.Max(sp.sqrt(x), 0),
    sp.Min(sp.sqrt(x), 5),
    sp.atan2(sp.sqrt(x), 1),
    sp.floor(sp.sqrt(x)),
    sp.ceiling(sp.sqrt(x)),
    sp.Heaviside(sp.sqrt(x)),
]


def test_the_float_walk_gives_nan_for_a_function_of_the_reals_at_a_non_real_argument() -> None:
    """np.real inside max, min, atan2, floor, ceiling and H made each real at x < 0: the sample never reached the
    definedness probe (on complex samples, as a claim with the imaginary unit is walked: on real ones √−1 is NaN
    already). A real argument keeps its value. Any imaginary part is NaN, round-off too: floats cannot tell it from
    a number nearly real (e^{40} + i), and high precision can (there the cosine is real)."""
    values = Compiled([x], REAL_ONLY)({x: np.array([-1.0 + 0j, 4.0 + 0j])})
    assert np.all(np.isnan(values[0])), values[0]
    assert np.all(np.isfinite(values[1])), values[1]
    cosine = sp.Max(sp.exp(sp.I * x) + sp.exp(-sp.I * x), 0)
    nearly = sp.Max(sp.exp(x) + sp.I, 0)
    rounded = Compiled([x], [cosine, nearly])({x: np.array([0.3, 40.0])})
    assert rounded[0, 0] == 2 * np.cos(0.3) and np.isnan(rounded[:, 1]).all(), rounded  # e^{ix} + e^{−ix}: imag 0
    wound = sp.Max(((sp.cos(x) + sp.I * sp.sin(x)) ** 3 * sp.exp(-3 * sp.I * x)).expand(), 0)  # 1, up to round-off
    assert np.isnan(Compiled([x], [wound])({x: np.array([0.3])})[0, 0])
    with mpmath.workdps(100):
        assert abs(confirm.mp_compile([x], [wound])(mpmath.mpf("0.3"))[0] - 1) < 1e-90
        with pytest.raises(NoRealValue):  # at 100 digits, i is no round-off of e^{40}
            confirm.mp_compile([x], [nearly])(mpmath.mpf(40))


def test_the_high_precision_walk_finds_no_real_value_for_a_function_of_the_reals_at_a_non_real_argument() -> None:
    """mpmath's max, atan2 and < raised a TypeError on an mpc, read as "cannot evaluate": the sample was skipped."""
    for e in [*REAL_ONLY[:3], REAL_ONLY[5], sp.Piecewise((1, sp.sqrt(x) > 1), (0, True))]:
        with mpmath.workdps(50), pytest.raises(NoRealValue):
            confirm.mp_compile([x], [e])(mpmath.mpf(-1))
    with mpmath.workdps(50):
        assert confirm.mp_compile([x], [sp.Max(sp.sqrt(x), 0)])(mpmath.mpf(4)) == [2]


def test_a_function_of_the_reals_at_a_non_real_argument_is_refuted_not_skipped() -> None:
    """max(√x, 0) ≥ 0 on ℝ was PROVED ("wherever both sides are real") and atan2(√x, 1) = atan √max(x, 0) CHECKED:
    every x < 0 was skipped. Each is REFUTED where the left side is complex."""
    for family in (max_of_a_root_nonnegative, atan2_of_a_root):
        r = verify_family(family, FAST)  # type: ignore[arg-type]
        assert r.status is Status.REFUTED, r.reason
        assert r.counterexample is not None and r.counterexample.error == "complex", r.counterexample
        assert "the left side is complex (undefined in ℝ) at x = -" in r.reason, r.reason


# ---------------------------------------------------------------- orders of non-real numbers in conditions


@claim()
def piecewise_on_a_root_nonnegative() -> Inequality:
    return Inequality(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), ">=", 0, where={x: Real()})


def test_an_order_of_a_non_real_number_has_no_truth_value_in_the_float_walk() -> None:
    """√x > 1 at x = −1 was np.real(i) > 1, false, and the Piecewise took its next row: 0, a real value the mpmath
    walk never gives (it raises NoRealValue there). Now the row and the Piecewise have no value: NaN."""
    e = sp.Piecewise((1, sp.sqrt(x) > 1), (0, True))
    values = Compiled([x], [e])({x: np.array([-1.0 + 0j, 4.0 + 0j, 0.25 + 0j])})
    assert np.isnan(values[0, 0]), values
    assert values[1, 0] == 1 and values[2, 0] == 0, values


def test_conditions_are_kleenes_three_valued_logic_in_both_walks() -> None:
    """And is false where an operand is false, whatever the others, in any order (sympy sorts the operands: the
    order written is gone); Or is true where an operand is true; else no value where an operand has none. Implies,
    ITE, Xor and Equivalent too (lambdify took NaN for true: [√x > 1 ⇒ x > 5] ≥ 0 on ℝ was PROVED, helper-79)."""
    root = sp.sqrt(x) > 1
    conditions = [
        (sp.And(x > 0, root, evaluate=False), 0.0),
        (sp.And(root, x > 0, evaluate=False), 0.0),  # the same, the other way round
        (sp.Or(x < 0, root, evaluate=False), 1.0),
        (sp.Or(root, x < 0, evaluate=False), 1.0),
        (sp.And(x < 5, root, evaluate=False), None),
        (sp.Not(root, evaluate=False), None),
        (sp.Implies(root, x > 5), None),
        (sp.Implies(x < 0, root), None),
        (sp.Implies(x > 0, root), 1.0),  # a false premise
        (sp.ITE(root, x > 5, x < 0), None),
        (sp.ITE(x < 0, x < 1, root), 1.0),
        (sp.Xor(root, x > 5), None),
        (sp.Equivalent(root, x > 5), None),
    ]
    exprs = [sp.Piecewise((1, c), (0, True)) for c, _ in conditions]
    values = Compiled([x], exprs)({x: np.array([-1.0 + 0j])})
    for (condition, want), got in zip(conditions, values[0], strict=True):
        assert np.isnan(got) if want is None else got == want, (condition, got)
        with mpmath.workdps(30):
            if want is None:
                with pytest.raises(NoRealValue):
                    confirm.mp_compile([x], [sp.Piecewise((1, condition), (0, True))])(mpmath.mpf(-1))
            else:
                assert confirm.mp_compile([x], [sp.Piecewise((1, condition), (0, True))])(mpmath.mpf(-1)) == [want]


def test_a_piecewise_whose_condition_is_undefined_on_half_the_line_is_refuted_not_proved() -> None:
    """[√x > 1] ≥ 0 on ℝ was PROVED "wherever both sides are real"; it is REFUTED where √x is imaginary."""
    r = verify_family(piecewise_on_a_root_nonnegative, FAST)  # type: ignore[arg-type]
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and r.counterexample.error == "complex", r.counterexample
    assert "the left side is complex (undefined in ℝ) at x = -" in r.reason, r.reason


def test_an_order_is_real_up_to_the_round_off_of_the_values_met_on_the_way() -> None:
    """e^{x}(w − 1) + 1 > 0 with w = 1 up to round-off: its imaginary part is round-off of e^{40} · 10^{−dps}, beyond
    10^{10−dps} of the value 1 at every precision, and the true claim [… > 0] = 1 was REFUTED (helper-79)."""
    w = (sp.cos(x) + sp.I * sp.sin(x)) ** 3 * sp.exp(-3 * sp.I * x)
    condition = sp.Piecewise((1, sp.exp(x) * (w - 1) + 1 > 0), (0, True))
    for dps in (50, 100, 200):
        with mpmath.workdps(dps):
            assert confirm.mp_compile([x], [condition])(mpmath.mpf(40)) == [1], dps
    with mpmath.workdps(50), pytest.raises(NoRealValue):  # a non-real number beyond that round-off has no order
        confirm.mp_compile([x], [sp.Piecewise((1, sp.exp(x) * (w - 1) + 1 + sp.I > 0), (0, True))])(mpmath.mpf(40))
