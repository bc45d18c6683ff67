"""A claim declared with a wrong argument is refused where it is declared, with what to write instead."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Derivative, Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.claims import Expect
from verifier.outcome import Status

x = sp.Symbol("x", real=True)


def _statement(n: int | None = None) -> Identity:
    """x = x."""
    return Identity(x, x, where={x: Real()})


@pytest.mark.parametrize(
    ("arguments", "error", "says"),
    [
        ({"expect": "proved"}, ValueError, 'write expect="holds"'),
        ({"n": 3}, TypeError, "write n=[3]"),
        ({"n": "123"}, TypeError, "write e.g. n=[2, 3]"),
        ({"n": [2, 0]}, ValueError, "each size is a whole number ≥ 1"),
        ({"numeric_n": 16}, TypeError, "write numeric_n=[16]"),
        ({"numeric_n": [8.5]}, ValueError, "each size is a whole number ≥ 1"),
        ({"planted": "2"}, ValueError, "as planted=2"),
        ({"planted": 0}, ValueError, "from 1"),
        ({"points": "x"}, ValueError, "as points=2"),
        ({"points": -1}, ValueError, "a number ≥ 0"),
        ({"points": float("nan")}, ValueError, "a number ≥ 0"),
    ],
)
def test_a_wrong_argument_says_what_to_write(arguments: dict[str, object], error: type[Exception], says: str) -> None:
    with pytest.raises(error) as raised:
        claim(**arguments)(_statement)  # type: ignore[arg-type]
    assert says in str(raised.value), raised.value


def test_right_arguments_are_kept() -> None:
    family = claim(n=range(1, 4), numeric_n=(16,), expect="refuted", planted=2, points=0.5)(_statement)
    assert family.n_values == (1, 2, 3) and family.numeric_n == (16,)
    assert family.expect is Expect.REFUTED and family.planted == 2 and family.points == 0.5
    assert claim()(_statement).n_values == (None,)


def test_a_derivative_with_respect_to_a_list_says_to_write_a_matrix() -> None:
    # the typesetting of the statement raised AttributeError: 'str' object has no attribute 'toxml' (helper-82)
    y = sp.Symbol("y", real=True)

    @claim()
    def gradient() -> Derivative:
        """∇(xy) = (y, x)."""
        return Derivative(x * y, wrt=[x, y], equals=sp.Matrix([y, x]), where={x: Real(), y: Real()})

    r = verify_family(gradient, EngineSettings(samples=20))
    assert r.status is Status.ERROR and not r.internal_error, r.reason
    assert "wrt is a list [x, y]; write wrt=sp.Matrix([x, y])" in r.reason, r.reason


def test_a_bare_claim_decorator_declares_the_claim() -> None:
    # `@claim` without parentheses made the builder the decorator: the file said "no claims found"
    @claim
    def double() -> Identity:
        """x + x = 2x."""
        return Identity(x + x, 2 * x, where={x: Real()})

    assert double.name == "double" and double.n_values == (None,) and double.statement_text == "x + x = 2x."
    assert verify_family(double, EngineSettings(samples=20)).status is Status.PROVED


def test_an_undeclared_symbol_is_told_how_to_declare_it() -> None:
    y = sp.Symbol("y", real=True)

    @claim()
    def sum_twice() -> Identity:
        """x + y = y + x."""
        return Identity(x + y, y + x, where={})

    r = verify_family(sum_twice, EngineSettings(samples=20))
    assert r.status is Status.ERROR and "e.g. where={x: Real(), y: Real()}" in r.reason, r.reason


@pytest.mark.parametrize(
    ("returned", "says"),
    [
        (lambda: sp.Eq(x + x, 2 * x), "builder returned True: sympy decided the equation itself as it was built"),
        (lambda: sp.Eq(x**2, x), "builder returned a sympy Eq; return Identity(lhs, rhs, where=…)"),
        (lambda: x**2 >= x, 'builder returned a sympy relation (>=); return Inequality(lhs, ">=", rhs, where=…)'),
        (lambda: "x = x", "builder returned str; return Identity, Derivative, PSD"),
    ],
    ids=["evaluated_eq", "eq", "relation", "string"],
)
def test_a_builder_that_returns_no_statement_is_told_what_to_return(returned: object, says: str) -> None:
    """A sympy relation (or the True that sympy made of one) is not a claim: the error says what to return."""
    family = claim(name="returns_no_statement")(returned)
    with pytest.raises(TypeError) as raised:
        family.build(None)
    assert says in str(raised.value)
