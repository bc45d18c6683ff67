"""A builder at a symbolic n asks sympy for a sum's closed form once per sum (verifier/strategies/sum_memo.py)."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp
from sympy.concrete import summations

from verifier.strategies import sum_memo
from verifier.strategies.dimension import SIZE


def _variance() -> sp.Expr:
    """vᵀv/m for v = x − 11ᵀx/m at a symbolic size: its sums have no closed form, and each operation asks again."""
    x = sp.MatrixSymbol("x", SIZE + 1, 1)
    c = x - sp.OneMatrix(SIZE + 1, SIZE + 1) * x / (SIZE + 1)
    return ((c.T * c)[0, 0] / (SIZE + 1) + sp.Symbol("epsilon")).doit()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every call that reaches sympy's own eval_sum."""
    calls: list[Any] = []
    original = summations.eval_sum

    def counted(f: Any, limits: Any) -> Any:
        calls.append(limits)
        return original(f, limits)

    monkeypatch.setattr(summations, "eval_sum", counted)
    return calls


def test_a_sum_without_closed_form_is_asked_about_once(asked: list[Any]) -> None:
    plain = _variance()
    without_memo = len(asked)
    asked.clear()
    remembered = sum_memo.without_repeated_failures(_variance)
    assert sp.srepr(remembered).count("Sum") == sp.srepr(plain).count("Sum")
    assert str(remembered) == str(plain)
    assert 0 < len(asked) < without_memo


def test_closed_forms_are_still_found_and_nothing_outlives_the_call(asked: list[Any]) -> None:
    i = sp.Symbol("i", integer=True)
    counted = summations.eval_sum

    def twice() -> tuple[sp.Expr, sp.Expr]:
        return sp.Sum(i, (i, 1, SIZE)).doit(), sp.Sum(i, (i, 1, SIZE)).doit()

    first, second = sum_memo.without_repeated_failures(twice)
    assert sp.expand(first - SIZE * (SIZE + 1) / 2) == 0 and first == second
    assert len(asked) == 2  # a closed form is never taken from memory
    assert summations.eval_sum is counted


def test_dummies_of_other_assumptions_are_other_sums() -> None:
    canonical: dict[Any, sp.Dummy] = {}
    a, b = sp.Dummy("a", integer=True), sp.Dummy("b", positive=True)
    assert sum_memo._key(a, (a, 0, SIZE), canonical) != sum_memo._key(b, (b, 0, SIZE), canonical)
    c = sp.Dummy("c", integer=True)
    assert sum_memo._key(a, (a, 0, SIZE), canonical) == sum_memo._key(c, (c, 0, SIZE), canonical)
