"""certify's FLINT path decides and spells exactly what sympy's cancel and factor do, and a lie in it forges nothing."""

from __future__ import annotations

import functools
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


RANDOM_CASES = 60


@functools.cache  # built when a test first asks, not by every xdist worker at collection (2.3 s of sympy)
def _decided_cases() -> list[sp.Expr]:
    return _rational_functions(RANDOM_CASES) + _identically_zero()


@pytest.mark.parametrize("case", range(RANDOM_CASES + len(_identically_zero())))
def test_the_field_decides_and_spells_as_sympy(case: int) -> None:
    expr = _decided_cases()[case]
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


EXPONENTIALS = [
    sp.exp(X),
    sp.exp(2 * X),
    sp.exp(-Y),
    sp.exp(X / 2),
    sp.exp(3 * X / 2),
    sp.exp(X**2 / 2 + Y),
    sp.exp(X * (Y + 1)),
]
ZEROS_WITH_EXPONENTIALS = [
    (sp.exp(X) + 1) * (sp.exp(X) - 1) - sp.exp(2 * X) + 1,  # zeros only e^{2x} = (eˣ)² shows
    1 / (sp.exp(X) - 1) - (sp.exp(X) + 1) / (sp.exp(2 * X) - 1),
    sp.exp(-X) * (sp.exp(X / 2) + 1) ** 2 - 1 - 2 * sp.exp(-X / 2) - sp.exp(-X),
    (sp.exp(3 * X / 2) - sp.exp(X / 2) ** 3) * Y,
    sp.exp(X * (Y + 1)) - sp.exp(X) * sp.exp(X * Y),  # e^{x(y+1)} = eˣ·e^{xy}: the exponent expanded, split
]


def _with_exponentials(count: int) -> list[sp.Expr]:
    """Rational functions of symbols and exponentials, some of whose exponentials are powers of others."""
    rng = random.Random(11)
    out = []
    for e in _rational_functions(count):
        picks = rng.sample(EXPONENTIALS, 3)
        out.append(e.xreplace({X2: picks[0], B_1: picks[1], X10: picks[2]}))
    return out


EXPONENTIAL_CASES = 40


@functools.cache
def _exponential_cases() -> list[sp.Expr]:
    return [*_with_exponentials(EXPONENTIAL_CASES), *ZEROS_WITH_EXPONENTIALS]


@pytest.mark.parametrize("case", range(EXPONENTIAL_CASES + len(ZEROS_WITH_EXPONENTIALS)))
def test_exponentials_are_generators_as_cancel_reads_them(case: int) -> None:
    """Every zero cancel finds (and those it misses where e^{x/2} and eˣ are its two generators), and the same
    value spelt. The spelling is another where the field cancels a power of e^{x/2} against eˣ, or factors
    further than factor does given exponentials (it left 16·b·x²·e^{3x} + … whole where the field found
    (4bx·e^{3x/2} + …)²)."""
    expr = _exponential_cases()[case]
    field = Field.over([expr], exponentials=True)
    assert field is not None
    value = field.read(expr)
    cancelled = sp.cancel(expr)
    assert value.is_zero() == (cancelled == 0) or expr in ZEROS_WITH_EXPONENTIALS
    assert value.is_zero() == (expr in ZEROS_WITH_EXPONENTIALS)
    assert sp.cancel(field.cancel_form(value) - cancelled) == 0
    assert sp.cancel(field.factor_form(value) - cancelled) == 0


def test_exponentials_are_refused_unless_asked_and_never_of_a_number() -> None:
    assert Field.over([sp.exp(X) * Y]) is None
    assert Field.over([sp.exp(X) * Y], exponentials=True) is not None
    assert Field.over([sp.exp(X) * Y], polynomials=True) is None
    assert Field.over([sp.exp(2) * X], exponentials=True) is None  # e² is a number to sympy's polys
    assert Field.over([sp.exp(X + 1) * X], exponentials=True) is None  # e·eˣ: so is e
    assert Field.over([sp.exp(sp.Float(0.5) * X) + Y], exponentials=True) is None  # a float in the exponent


def test_an_exponential_whose_power_would_be_too_high_stays_on_sympys_path() -> None:
    """e^{x/97}, e^{x/89}, e^{x/83} are powers of e^{x/716539} up to 7,387: FLINT's factoring of a pivot of that
    degree did not finish in 120 s, uninterruptibly (a red team's 2 × 2 matrix); e^{x/3}, e^{x/5}, e^{x/7} (powers up to
    35) stay in the field."""
    a, b, c = sp.exp(X / 97), sp.exp(X / 89), sp.exp(X / 83)
    assert Field.over([1 + a, b, c + 1], exponentials=True) is None
    assert Field.over([sp.exp(X / 3) + sp.exp(X / 5), sp.exp(X / 7)], exponentials=True) is not None
    assert Field.over([sp.exp(65 * X) + 1], exponentials=True) is None
    assert Field.over([sp.exp(64 * X) + 1], exponentials=True) is not None
    assert Field.over([sp.exp(sp.sqrt(X)) + sp.sqrt(X)], exponentials=True) is None  # a radical outside


def _exponential_matrices() -> list[sp.Matrix]:
    x = sp.symbols("x0:3", real=True)
    v = sp.Matrix(x)
    return [
        sp.exp(sum(xi**2 for xi in x) / 2) * (sp.eye(3) + v * v.T),  # convexity.exp_of_convex_convex at n = 3
        sp.Matrix([[sp.exp(2 * x[0]), sp.exp(x[0] - x[1])], [sp.exp(x[0] - x[1]), sp.exp(-2 * x[1]) + x[2] ** 2]]),
        sp.Matrix([[sp.exp(x[0] + 1), sp.exp(x[0])], [sp.exp(x[0]), sp.exp(x[0] - 1)]]),  # e^{x+1} is e·eˣ
    ]


@pytest.mark.parametrize("index", range(3))
def test_ldl_with_exponentials_in_the_field_is_sympys_ldl(monkeypatch: pytest.MonkeyPatch, index: int) -> None:
    """The same pivots and rows as sympy's path, spelt the same; e^{x+1} (index 2) stays on sympy's path."""
    h = sp.ImmutableMatrix(_exponential_matrices()[index])
    assert Field.over(list(h)) is None
    assert (Field.over(list(h), exponentials=True) is None) == (index == 2)
    fast = certify.ldl(h, WorkClock(10**9))
    _sympy_path(monkeypatch)
    slow = certify.ldl(h, WorkClock(10**9))
    assert fast is not None
    assert sp.srepr(fast) == sp.srepr(slow)


def _sympy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(certify.Field, "over", classmethod(lambda cls, exprs, **kinds: None))


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
