"""certify's FLINT path decides and spells exactly what sympy's cancel and factor do, and a lie in it forges nothing."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from verifier.strategies import certify
from verifier.strategies.budget import WorkClock
from verifier.strategies.field import Field, Fraction

X, X2, X10, Y, B_1, B_10 = sp.symbols("x x2 x10 y b_1 b_10")
E = sp.Dummy("e_z", positive=True)
SYMBOLS = [X, X2, X10, Y, B_1, B_10, E]


def _polynomial(rng: random.Random, terms: int) -> sp.Expr:
    return sp.Add(
        *[
            sp.Rational(rng.randint(-5, 5), rng.randint(1, 4)) * sp.Mul(*rng.sample(SYMBOLS, rng.randint(0, 3)))
            for _ in range(terms)
        ]
    )


def _rational_functions(count: int) -> list[sp.Expr]:
    rng = random.Random(7)
    out = []
    while len(out) < count:
        a, b, c = _polynomial(rng, 3), _polynomial(rng, 2), _polynomial(rng, 2)
        e = a * b / c + b / a if len(out) % 2 else a**2 * c / (b * b)
        if e.is_finite is not False and not e.has(sp.zoo, sp.nan):
            out.append(e)
    return out


def _identically_zero() -> list[sp.Expr]:
    """Zeros that no automatic evaluation sees: the field must find them, as cancel does."""
    return [
        (X + Y) ** 2 - X**2 - 2 * X * Y - Y**2,
        1 / (X - 1) - 1 / (X + 1) - 2 / ((X - 1) * (X + 1)),
        X2 / (E * X2 + X2) - 1 / (E + 1),
        sp.Rational(1, 3) * (B_1 + B_10) ** 3 / (B_1 + B_10) - (B_1**2 + 2 * B_1 * B_10 + B_10**2) / 3,
    ]


@pytest.mark.parametrize("expr", _rational_functions(60) + _identically_zero())
def test_the_field_decides_and_spells_as_sympy(expr: sp.Expr) -> None:
    field = Field.over([expr])
    assert field is not None
    value = field.read(expr)
    cancelled = sp.cancel(expr)
    assert value.is_zero() == (cancelled == 0)
    assert sp.srepr(field.cancel_form(value)) == sp.srepr(cancelled)
    assert sp.srepr(field.factor_form(value)) == sp.srepr(sp.factor(cancelled))


def test_the_field_refuses_what_is_not_a_rational_function_of_symbols() -> None:
    assert Field.over([sp.exp(X) + 1]) is None
    assert Field.over([sp.sqrt(X)]) is None
    assert Field.over([sp.Float(0.5) * X]) is None
    assert Field.over([1 / ((X + 1) ** 2 - X**2 - 2 * X - 1)]) is None  # divides by a zero polynomial
    assert Field.over([X / Y], polynomials=True) is None


def _sympy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(certify.Field, "over", classmethod(lambda cls, exprs, polynomials=False: None))


def _matrices() -> list[sp.Matrix]:
    x, y = sp.symbols("x0:3"), sp.symbols("y0:3")
    gram = sp.Matrix(3, 1, x) * sp.Matrix(1, 3, x)
    norm = sum(v**2 for v in x)
    return [
        sp.eye(3) * norm - gram,  # Cauchy–Schwarz's form in y, coefficients in x
        sp.Matrix([[x[0] ** 2 + 1, x[0] * y[0]], [x[0] * y[0], y[0] ** 2 + 1]]),
        sp.Matrix([[1 / (x[0] + 1), sp.Rational(1, 2)], [sp.Rational(1, 2), x[1] ** 2 / 3]]),
        sp.Matrix([[0, 0, 0], [0, x[1], x[2]], [0, x[2], x[1] + y[1]]]),  # a zero row: skipped
        sp.Matrix([[0, x[0]], [x[0], 0]]),  # zero pivots facing a nonzero entry: no LDLᵀ
    ]


@pytest.mark.parametrize("index", range(5))
def test_ldl_in_the_field_is_sympys_ldl(monkeypatch: pytest.MonkeyPatch, index: int) -> None:
    h = sp.ImmutableMatrix(_matrices()[index])
    assert Field.over(list(h)) is not None
    fast = certify.ldl(h, WorkClock(10**9))
    _sympy_path(monkeypatch)
    slow = certify.ldl(h, WorkClock(10**9))
    assert sp.srepr(fast) == sp.srepr(slow)
    assert (fast is None) == (index == 4)


@pytest.mark.parametrize(
    "gap",
    [
        (X**2 + Y**2) * (X2**2 + X10**2) - (X * X2 + Y * X10) ** 2,
        (X - Y) ** 2 * B_1**2 + sp.Rational(3, 2) * (X2 - X10) * (X - Y) * B_10,
        X**3 + Y**2,
    ],
)
def test_quadratic_forms_in_the_field_are_sympys(monkeypatch: pytest.MonkeyPatch, gap: sp.Expr) -> None:
    variable_sets = [[(X, sp.S.Zero), (Y, sp.S.Zero)], [(X2, X), (X10, Y)], [(X, Y)], [(B_1, sp.S.Zero)]]
    fast = certify._PolynomialGap(gap)
    assert fast.field is not None
    _sympy_path(monkeypatch)
    slow = certify._PolynomialGap(gap)
    assert sorted(map(str, fast.symbols)) == sorted(map(str, slow.symbols))
    for pairs in variable_sets:
        variables = {s for pair in pairs for s in pair if s.is_Symbol}
        assert fast.quadratic_in(variables) == slow.quadratic_in(variables)
        assert sp.srepr(fast.form(pairs)) == sp.srepr(slow.form(pairs))


def test_probabilities_in_the_field_are_sympys() -> None:
    e = sp.symbols("e0:3", positive=True)
    p = [ei / sum(e) for ei in e]
    flat = [sp.together((p[i] if i == j else 0) - p[i] * p[j]) for i in range(3) for j in range(3)]
    field = Field.over(flat)
    assert field is not None
    fast = certify._probabilities_in_field(flat, 3, field)
    assert fast is not None
    assert sp.srepr(fast) == sp.srepr(certify._probabilities(flat, 3))
    wrong = [2 * f for f in flat]
    wrong_field = Field.over(wrong)
    assert wrong_field is not None
    assert certify._probabilities_in_field(wrong, 3, wrong_field) is None
    assert certify._probabilities(wrong, 3) is None


def test_a_lying_zero_test_is_caught_by_the_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the field said 'zero' wrongly, the elimination would differ from sympy's: the tests above would fail."""
    h = sp.ImmutableMatrix(_matrices()[1])
    monkeypatch.setattr(Fraction, "is_zero", lambda self: True)
    lied = certify.ldl(h, WorkClock(10**9))
    monkeypatch.undo()
    _sympy_path(monkeypatch)
    assert sp.srepr(lied) != sp.srepr(certify.ldl(h, WorkClock(10**9)))
