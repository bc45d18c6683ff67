"""exp of a sum of monomials, log(c + exp of one): the short cuts give sympy's own result, without its questions."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.language.short_cuts import sympys_own
from verifier.language import exponentials

SYMBOLS = [
    sp.Symbol("a"),
    sp.Symbol("b", real=True),
    sp.Symbol("c", positive=True),
    sp.Symbol("d", integer=True),
    sp.Symbol("z", zero=True),  # declared zero: its monomials are zero, sympy's answer changes
    sp.Symbol("i", imaginary=True),
    sp.Dummy("u", real=True),
]
OTHER = [
    sp.pi * sp.I,
    sp.pi * sp.I / 2,
    sp.log(sp.Symbol("y", positive=True)),
    sp.Float(0.5),
    sp.I,
    sp.Symbol("A", commutative=False),
]


def sympys(f: Callable[[sp.Basic], sp.Basic], arg: sp.Basic) -> sp.Basic:
    """f(arg) as sympy's own eval builds it, from an empty cache."""
    return sympys_own(exponentials, lambda: f(arg))


monomials = st.builds(
    lambda c, powers: sp.Rational(c) * sp.Mul(*[s**k for s, k in powers]),
    st.integers(-3, 3).filter(bool),
    st.lists(st.tuples(st.sampled_from(SYMBOLS), st.integers(-2, 3)), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(monomials, min_size=1, max_size=6), st.lists(st.sampled_from(OTHER), max_size=1))
def test_the_short_cut_gives_sympys_result(terms: list[sp.Expr], others: list[sp.Expr]) -> None:
    arg = sp.Add(*terms, *others)
    assert sp.exp(arg) == sympys(sp.exp, arg)


@settings(max_examples=300, deadline=None)
@given(
    st.fractions(min_value=-2, max_value=3, max_denominator=4),
    st.lists(monomials, min_size=1, max_size=4),
    st.lists(st.sampled_from(OTHER), max_size=1),
)
def test_the_softplus_short_cut_gives_sympys_result(c: object, terms: list[sp.Expr], others: list[sp.Expr]) -> None:
    arg = sp.Rational(c) + sp.exp(sp.Add(*terms, *others))
    assert sp.log(arg) == sympys(sp.log, arg)
    for exponent in (-1, 2, sp.Rational(-1, 2), sp.Symbol("k"), sp.oo):
        assert sp.Pow(arg, exponent) == sympys(lambda a, e=exponent: sp.Pow(a, e), arg)


def test_it_answers_for_sums_of_monomials_only() -> None:
    x, w = sp.symbols("x w", real=True)
    z = sp.Symbol("z", zero=True)
    assert exponentials.is_sum_of_monomials(2 * x * w - x**2 + 3)
    assert not exponentials.is_sum_of_monomials(x * w)  # a product goes to sympy's own branch
    assert not exponentials.is_sum_of_monomials(x + z)  # z is declared zero: e^{z} is 1
    assert not exponentials.is_sum_of_monomials(x + sp.log(w))  # e^{log w} is w
    assert not exponentials.is_sum_of_monomials(x + sp.I * sp.pi)  # e^{iπ} is −1
    assert not exponentials.is_sum_of_monomials(x + sp.Float(0.5))  # e^{0.5} is a float
    assert not exponentials.is_sum_of_monomials(x + sp.sqrt(w))  # not an integer power


def test_softplus_arguments_only() -> None:
    x, w = sp.symbols("x w", real=True)
    assert exponentials.is_softplus_argument(1 + sp.exp(x * w - 2 * x))
    assert exponentials.is_softplus_argument(sp.Rational(1, 2) + sp.exp(-x))
    assert not exponentials.is_softplus_argument(1 - sp.exp(x))  # a sum of two terms that is not c + e^S
    assert not exponentials.is_softplus_argument(-1 + sp.exp(x))  # c ≤ 0
    assert not exponentials.is_softplus_argument(1 + sp.exp(x) + x)
    assert not exponentials.is_softplus_argument(1 + sp.exp(sp.log(x)))  # e^{log x} is x: not c + e^S once built
    assert not exponentials.is_softplus_argument(1 + sp.exp(sp.sin(x)))


def test_the_sums_are_left_without_asking_whether_they_are_zero() -> None:
    """logistic_loss.gradient at n = 32 spent two thirds of its build on these questions (issue 42)."""
    xs, ws = sp.symbols("x1:9", real=True), sp.symbols("w1:9", real=True)
    z = sp.Add(*[x * w for x, w in zip(xs, ws, strict=True)])
    assert isinstance(sp.exp(z), sp.exp) and sp.exp(z).args[0] == z
    assert "zero" not in z._assumptions
    softplus = 1 + sp.exp(z)
    assert isinstance(sp.log(softplus), sp.log) and sp.log(softplus).args[0] == softplus
    sigmoid = 1 / (1 + sp.exp(-z))
    assert sigmoid == sp.Pow(1 + sp.exp(-z), -1, evaluate=False)
    assert "zero" not in softplus._assumptions and "infinite" not in sigmoid.args[0].args[1]._assumptions


def test_the_short_cut_is_installed_by_the_claim_language() -> None:
    import verifier.language.mathlib  # noqa: F401

    assert sp.exp.eval.__func__ is exponentials.exp_eval
    assert sp.log.eval.__func__ is exponentials.log_eval
    assert sp.Add._eval_power is exponentials.add_power
