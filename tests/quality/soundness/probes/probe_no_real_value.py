"""Sides with no real value at a point of a real domain, which the numeric checks must see as findings (helper-77's
red team, /num_findings): sympy refusing Max(i, 0) or √x > 1 at x = −1 was an internal error of the verifier.

A "partial" probe is complex or undefined on part of its declared real domain: REFUTED there, or an ERROR "narrow the
domain", never PROVED or CHECKED. Where sympy itself refuses the witness (Max(i, 0) "is not comparable"), the probe
has no witness and its docstring says where it is undefined.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Interval, Nonnegative, Real, claim

x = sp.Symbol("x")


@claim(expect="refuted")
def max_of_a_root() -> Identity:
    """max(√x, 0) = √max(x, 0) on ℝ: the left side is undefined at x = −1 (max(i, 0) has no value)."""
    return Identity(sp.Max(sp.sqrt(x), 0), sp.sqrt(sp.Max(x, 0)), where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_root() -> Identity:
    """[√x > 1] = H(x − 1) (H(0) = 0) on ℝ: the left side is undefined at x = −1 (i > 1 is no statement)."""
    return Identity(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), sp.Heaviside(x - 1, 0), where={x: Real()})


@claim(expect="refuted")
def max_of_a_root_is_nonnegative() -> Inequality:
    """max(√x, 0) ≥ 0 on ℝ: undefined at x = −1 (PROVED "wherever both sides are real", every x < 0 skipped)."""
    return Inequality(sp.Max(sp.sqrt(x), 0), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def atan2_of_a_root() -> Identity:
    """atan2(√x, 1) = atan √max(x, 0) on ℝ: the left side is undefined at x = −1 (atan2 of i)."""
    return Identity(sp.atan2(sp.sqrt(x), 1), sp.atan(sp.sqrt(sp.Max(x, 0))), where={x: Real()})


@claim(expect="refuted")
def min_of_a_logarithm() -> Inequality:
    """min(log x, 5) ≤ 5 on ℝ: undefined at x = −1 (min(iπ, 5))."""
    return Inequality(sp.Min(sp.log(x), 5), "<=", 5, where={x: Real()})


@claim()
def max_of_a_root_where_it_is_real() -> Inequality:
    """max(√x, 0) ≥ 0 for x ≥ 0.
    √x ≥ 0 there, so the maximum is √x ≥ 0."""
    return Inequality(sp.Max(sp.sqrt(x), 0), ">=", 0, where={x: Nonnegative()})


@claim()
def max_of_a_cosine_written_with_i() -> Identity:
    """max((e^{ix} + e^{−ix})/2, −1) = cos x on ℝ.
    Euler: (e^{ix} + e^{−ix})/2 = cos x ≥ −1, real; its float imaginary part is round-off, not a finding."""
    return Identity(sp.Max((sp.exp(sp.I * x) + sp.exp(-sp.I * x)) / 2, -1), sp.cos(x), where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_root_is_nonnegative() -> Inequality:
    """[√x > 1] ≥ 0 on ℝ: undefined at x = −1 (i > 1 is no statement). The float walk took the real part of √x
    in the condition, 0 > 1, and the claim was PROVED "wherever both sides are real" on samples that never saw
    its undefined half (helper-78)."""
    return Inequality(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_logarithm_in_a_conjunction() -> Inequality:
    """[x < 5 and log x > 0] ≤ 1 on ℝ: undefined at x = −1, where x < 5 holds and log x > 0 is no statement."""
    cond = sp.And(x < 5, sp.log(x) > 0, evaluate=False)
    return Inequality(sp.Piecewise((1, cond), (0, True)), "<=", 1, where={x: Real()})


@claim()
def piecewise_whose_root_is_guarded() -> Inequality:
    """[x > 0 and √x > 1] ≥ 0 on ℝ: the condition is read left to right, as sympy and a textbook read it: where
    x ≤ 0 its first part fails, and √x is never compared, so the row is 0 there. True everywhere on ℝ."""
    cond = sp.And(x > 0, sp.sqrt(x) > 1, evaluate=False)
    return Inequality(sp.Piecewise((1, cond), (0, True)), ">=", 0, where={x: Real()})


@claim()
def piecewise_whose_first_row_decides_first() -> Identity:
    """[x < 0 ? 0 : (√x > 1 ? 1 : 0)] = H(x − 1) on ℝ (H(1) = 0).
    √x is compared only where x ≥ 0, and there √x > 1 iff x > 1; for x < 0 both sides are 0."""
    f = sp.Piecewise((0, x < 0), (1, sp.sqrt(x) > 1), (0, True))
    return Identity(f, sp.Heaviside(x - 1, 0), where={x: Real()})


def _indicator(condition: sp.Basic) -> sp.Expr:
    return sp.Piecewise((1, condition), (0, True))


@claim(expect="refuted")
def implication_from_a_root() -> Inequality:
    """[√x > 1 ⇒ x > 5] ≥ 0 on ℝ: undefined at x = −1, where the premise is no statement (helper-79: PROVED, lambdify
    took NaN for true)."""
    return Inequality(_indicator(sp.Implies(sp.sqrt(x) > 1, x > 5)), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def if_then_else_on_a_root() -> Inequality:
    """[√x > 1 ? x > 5 : x < 0] ≥ 0 on ℝ: undefined at x = −1 (helper-79: PROVED)."""
    return Inequality(_indicator(sp.ITE(sp.sqrt(x) > 1, x > 5, x < 0)), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def exclusive_or_on_a_root() -> Inequality:
    """[√x > 1 xor x > 5] ≤ 1 on ℝ: undefined at x = −1 (helper-79: CHECKED)."""
    return Inequality(_indicator(sp.Xor(sp.sqrt(x) > 1, x > 5)), "<=", 1, where={x: Real()})


@claim(expect="refuted")
def equivalence_on_a_root() -> Inequality:
    """[√x > 1 ⇔ x > 5] ≤ 1 on ℝ: undefined at x = −1 (helper-79: CHECKED)."""
    return Inequality(_indicator(sp.Equivalent(sp.sqrt(x) > 1, x > 5)), "<=", 1, where={x: Real()})


@claim()
def conjunction_whose_guard_sympy_puts_last() -> Inequality:
    """[x² ≤ 1 ∧ asin x > 0] ≥ 0 on ℝ.
    Where |x| > 1 the guard x² ≤ 1 is false, so the conjunction is false whatever asin x is: 0 ≥ 0; elsewhere 1 or 0.
    sympy stores the operands as (asin x > 0, x² ≤ 1), so a left-to-right reading REFUTED it at x = 2 (helper-79)."""
    return Inequality(_indicator(sp.And(x**2 <= 1, sp.asin(x) > 0)), ">=", 0, where={x: Real()})


@claim()
def disjunction_whose_guard_sympy_puts_last() -> Identity:
    """[x² > 1 ∨ asin x > 0] = [x > 0 ∨ x < −1] on ℝ.
    For |x| > 1 the first operand holds (and x > 1 or x < −1); for |x| ≤ 1, asin x > 0 iff x > 0 (helper-79)."""
    left = _indicator(sp.Or(x**2 > 1, sp.asin(x) > 0))
    return Identity(left, _indicator(sp.Or(x > 0, x < -1)), where={x: Real()})


@claim()
def conjunction_false_by_its_real_operand() -> Inequality:
    """[√x > 1 ∧ x > 5] ≥ 0 on ℝ.
    Where x ≤ 5 the operand x > 5 is false, so the conjunction is false (Kleene's and): 0 ≥ 0; for x > 5, 1 ≥ 0."""
    return Inequality(_indicator(sp.And(sp.sqrt(x) > 1, x > 5)), ">=", 0, where={x: Real()})


@claim()
def equality_of_a_tangent_written_with_exponentials() -> Identity:
    """[(e^{2ix} − 1)/(i(e^{2ix} + 1)) = tan x] = 1 on [−1, 1].
    The left side of the equation is tan x exactly (multiply by e^{−ix}/e^{−ix}); floats and 100 digits leave it an
    imaginary part of round-off, and = compared exactly REFUTED the claim (helper-79)."""
    t = (sp.exp(2 * sp.I * x) - 1) / (sp.I * (sp.exp(2 * sp.I * x) + 1))
    return Identity(_indicator(sp.Eq(t, sp.tan(x))), 1, where={x: Interval(-1, 1)})


@claim(expect="refuted")
def implication_from_a_root_on_an_interval() -> Inequality:
    """[√x > 1 ⇒ x > 5] ≥ 0 on [−5, 5]: undefined at x = −1 (helper-79: an internal error, sympy refused i > 1 at the
    domain's end where the exact search for a failing point put it)."""
    return Inequality(_indicator(sp.Implies(sp.sqrt(x) > 1, x > 5)), ">=", 0, where={x: Interval(-5, 5)})


@claim()
def order_real_up_to_round_off_of_large_values() -> Identity:
    """[e^{x}(w − 1) + 1 > 0] = 1 on [30, 40], with w = (cos x + i sin x)³ e^{−3ix}.
    w = e^{3ix} e^{−3ix} = 1, so the condition is 1 > 0; its imaginary part is round-off of e^{40} (helper-79: REFUTED
    "complex" at every precision, the round-off judged against the value 1)."""
    w = (sp.cos(x) + sp.I * sp.sin(x)) ** 3 * sp.exp(-3 * sp.I * x)
    return Identity(_indicator(sp.exp(x) * (w - 1) + 1 > 0), 1, where={x: Interval(30, 40)})


@claim(expect="refuted")
def order_of_a_number_nearly_real() -> Inequality:
    """[e^{x} + i > 0] ≥ 0 on [40, 50]: undefined everywhere (e^{x} + i is not real). Its imaginary part is below
    10⁻¹² of its real part, which the float walk took for round-off, so no sample reached high precision and it was
    CHECKED; any imaginary part now sends the sample there."""
    return Inequality(_indicator(sp.exp(x) + sp.I > 0), ">=", 0, where={x: Interval(40, 50)})


@claim()
def if_then_else_whose_root_branch_is_not_taken() -> Identity:
    """[ITE(x > 0, √x > 1, x < −1)] = [x > 1 ∨ x < −1] on ℝ: √x is only needed where x > 0. The high-precision walk
    computed both branches, met √−1 in the one not taken, and the claim was REFUTED "complex at x = −1"."""
    lhs = _indicator(sp.ITE(x > 0, sp.sqrt(x) > 1, x < -1))
    return Identity(lhs, _indicator(sp.Or(x > 1, x < -1)), where={x: Real()})


@claim()
def conjunction_false_by_an_operand_after_a_root() -> Identity:
    """[√x > 1 ∧ x³ > 125] = [x > 5] on ℝ: at x < 0 the conjunction is false by x³ > 125 (sympy puts √x > 1 first,
    and the root it met made the sample complex: REFUTED at x = −1)."""
    return Identity(_indicator(sp.And(sp.sqrt(x) > 1, x**3 > 125)), _indicator(x > 5), where={x: Real()})


@claim()
def disjunction_true_by_an_operand_after_a_root() -> Identity:
    """[√x > 1 ∨ x³ < 0] = [x > 1 ∨ x < 0] on ℝ.
    At x < 0 the disjunction is true by x³ < 0."""
    lhs = _indicator(sp.Or(sp.sqrt(x) > 1, x**3 < 0))
    return Identity(lhs, _indicator(sp.Or(x > 1, x < 0)), where={x: Real()})


@claim()
def implication_whose_premise_fails_before_a_root() -> Identity:
    """[x > 0 ⇒ √x > 1] = [x ≤ 0 ∨ x > 1] on ℝ.
    Where x ≤ 0 the premise fails, and √x is not needed."""
    lhs = _indicator(sp.Implies(x > 0, sp.sqrt(x) > 1))
    return Identity(lhs, _indicator(sp.Or(x <= 0, x > 1)), where={x: Real()})


TRUTH = {
    "max_of_a_root": ("partial", 2, None),
    "piecewise_on_a_root": ("partial", 2, None),
    "max_of_a_root_is_nonnegative": ("partial", 2, None),
    "atan2_of_a_root": ("partial", 2, None),
    "min_of_a_logarithm": ("partial", 2, None),
    "max_of_a_root_where_it_is_real": ("true", 2, None),
    "max_of_a_cosine_written_with_i": ("true", 2, None),
    "piecewise_on_a_root_is_nonnegative": ("partial", 2, None),
    "piecewise_on_a_logarithm_in_a_conjunction": ("partial", 2, None),
    "piecewise_whose_root_is_guarded": ("true", 2, None),
    "piecewise_whose_first_row_decides_first": ("true", 2, None),
    "implication_from_a_root": ("partial", 2, None),
    "if_then_else_on_a_root": ("partial", 2, None),
    "exclusive_or_on_a_root": ("partial", 2, None),
    "equivalence_on_a_root": ("partial", 2, None),
    "conjunction_whose_guard_sympy_puts_last": ("true", 2, None),
    "disjunction_whose_guard_sympy_puts_last": ("true", 2, None),
    "conjunction_false_by_its_real_operand": ("true", 2, None),
    "equality_of_a_tangent_written_with_exponentials": ("true", 2, None),
    "implication_from_a_root_on_an_interval": ("partial", 2, None),
    "order_real_up_to_round_off_of_large_values": ("true", 2, None),
    "order_of_a_number_nearly_real": ("partial", 2, None),
    "if_then_else_whose_root_branch_is_not_taken": ("true", 2, None),
    "conjunction_false_by_an_operand_after_a_root": ("true", 2, None),
    "disjunction_true_by_an_operand_after_a_root": ("true", 2, None),
    "implication_whose_premise_fails_before_a_root": ("true", 2, None),
}
