"""A divisor on one side only, beside other symbols or in several (numeric/checks/cancelled.py, red team 170)."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Interval, Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import cancelled
from verifier.trusted.instantiate import Instance, instantiate

x, y, b = sp.symbols("x y b")


def _inst(lhs: sp.Expr, rhs: sp.Expr, where: dict) -> Instance:
    body = Identity(lhs, rhs, where=where)
    return instantiate(Claim(name="c", derivation="d", statement_text="", body=body, expect=Expect.HOLDS, n=None))


def _undecided(lhs: sp.Expr, rhs: sp.Expr, where: dict, searched: bool = True) -> object:
    inst = _inst(lhs, rhs, where)
    return cancelled.undecided(inst, ([lhs], [rhs]), searched)


def test_a_divisor_in_one_symbol_beside_a_bystander_is_decided_on_that_symbols_domain() -> None:
    s = sp.sinh(x)
    found = _undecided((s**2 - 1) / (s - 1) + y, s + 1 + y, {x: Interval(0, 1), y: Real()})
    assert found is not None and found[1] == 0  # the left side divides by sinh x − 1, 0 at asinh 1 ∈ [0, 1]


def test_a_divisor_in_two_symbols_is_ruled_out_by_enclosures_on_the_bounded_box() -> None:
    e = sp.exp(x)
    assert _undecided((sp.exp(2 * x) - y**2) / (e - y), e + y, {x: Interval(1, 2), y: Interval(0, 1)}) is None
    found = _undecided((sp.exp(2 * x) - y**2) / (e - y), e + y, {x: Interval(0, 1), y: Interval(1, 2)})
    assert found is not None  # eˣ = y at x = log y, inside the box


def test_a_zero_found_in_the_domain_leaves_an_unsearched_divisor_undecided() -> None:
    e = sp.exp(x)
    where = {x: Interval(0, 2)}
    assert _undecided((sp.exp(2 * x) - 9) / (e - 3), e + 3, where) is None  # the pole search refutes at log 3
    assert _undecided((sp.exp(2 * x) - 9) / (e - 3), e + 3, where, searched=False) is not None


def test_a_polynomial_of_high_degree_whose_roots_are_the_open_ends_is_decided() -> None:
    where = {b: Interval(0, 1, open_lo=True, open_hi=True)}
    assert _undecided(sp.Integer(1) / (1 - b**32), sp.Integer(1), where, searched=False) is None
    assert _undecided(sp.Integer(1) / (1 - 2 * b**32), sp.Integer(1), where, searched=False) is not None
