"""Max and Min of two forms that take both signs' difference: the short cut gives sympy's own result, unasked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.functions.elementary.miscellaneous import MinMaxBase

from tests.language.short_cuts import sympys_own
from verifier.language import extrema

SYMBOLS = [
    sp.Symbol("a"),
    sp.Symbol("b", real=True),
    sp.Symbol("c", positive=True),
    sp.Symbol("d", integer=True),
    sp.Symbol("e", nonnegative=True),
    sp.Symbol("f", negative=True, integer=True),
    sp.Symbol("z", zero=True),  # declared zero: its monomials vanish
    sp.Symbol("i", imaginary=True),  # never real: a comparison raises TypeError
    sp.Symbol("x", extended_real=True),
    sp.Symbol("g", nonzero=True, real=True),
    sp.Dummy("u", real=True),
]
OTHER = [sp.pi, sp.Float(0.5), sp.I, sp.exp(sp.Symbol("b", real=True)), sp.Symbol("A", commutative=False)]


def sympys(f: Callable[[], sp.Basic]) -> sp.Basic:
    """f() as sympy's own Max and Min build it, from an empty cache."""
    return sympys_own(extrema, f)


monomials = st.builds(
    lambda c, powers: sp.Rational(c) * sp.Mul(*[s**k for s, k in powers]),
    st.integers(-3, 3).filter(bool),
    st.lists(st.tuples(st.sampled_from(SYMBOLS), st.integers(1, 3)), max_size=3),
)
forms = st.builds(
    lambda terms, others: sp.Add(*terms, *others),
    st.lists(monomials, min_size=1, max_size=4),
    st.lists(st.sampled_from(OTHER), max_size=1),
)


def test_the_short_cut_is_installed_by_the_claim_language() -> None:
    from verifier.language import mathlib  # noqa: F401  (installs it, as every claim's build does)

    assert MinMaxBase._is_connected.__func__ is extrema.is_connected


@settings(max_examples=300, deadline=None)
@given(forms, forms)
def test_max_and_min_are_sympys(x: sp.Expr, y: sp.Expr) -> None:
    for op in (sp.Max, sp.Min):
        try:
            expected = sympys(lambda: op(x, y, 0))  # noqa: B023  (called at once)
        except (TypeError, ValueError) as err:  # a non-real or noncommuting argument: the short cut raises too
            with pytest.raises(type(err)):
                op(x, y, 0)
            continue
        assert op(x, y, 0) == expected


@settings(max_examples=300, deadline=None)
@given(forms, forms)
def test_a_pair_the_short_cut_answers_is_one_sympy_calls_unconnected(x: sp.Expr, y: sp.Expr) -> None:
    if extrema.takes_both_signs(x - y):
        assert sympys(lambda: MinMaxBase._is_connected(x, y)) is False


def test_the_shapes_answered_and_refused() -> None:
    w, v, b = sp.symbols("w v b", real=True)
    p = sp.Symbol("p", positive=True)
    z = sp.Symbol("z", zero=True)
    assert extrema.takes_both_signs(w * v + b)  # a ReLU's pre-activation: w, v and b to the first power
    assert extrema.takes_both_signs(p**2 * w)  # w has no sign; p² > 0 is a nonzero coefficient
    assert not extrema.takes_both_signs(p + 1)  # p has a sign: p + 1 > 0 everywhere
    assert not extrema.takes_both_signs(w**2 + 1)  # w to an even power only: > 0 everywhere
    assert not extrema.takes_both_signs(w**2 - w)  # w to the first and second powers: not read as a·w + b
    assert not extrema.takes_both_signs(z * w)  # z is declared zero
    assert not extrema.takes_both_signs(sp.pi * w)  # an irrational coefficient: left to sympy
    assert not extrema.takes_both_signs(sp.exp(w) - 1)  # not a polynomial
    assert sp.Max(0, w * v + b) == sympys(lambda: sp.Max(0, w * v + b))
    assert sp.Max(0, p + 1) == p + 1  # sympy's own comparison still decides it
