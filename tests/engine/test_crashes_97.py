"""Claims that raised inside the verifier (helper-97): each is now a verdict, never "internal error"."""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Identity, Inequality, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

x = sp.Symbol("x")
SETTINGS = EngineSettings(samples=40)


@claim()
def statements_as_sides() -> Identity:
    """(x² = 1) = true: statements where values belong (TypeError: BooleanAtom not allowed in this context)."""
    return Identity(sp.Eq(x**2, 1), sp.true, where={x: Real()})


@claim()
def an_imaginary_side() -> Inequality:
    """i·x < 1 on ℝ (TypeError: '<' not supported between 'mpc' and 'int', at x = 0)."""
    return Inequality(sp.I * x, "<", 1, where={x: Real()})


@claim()
def a_statement_as_an_entry() -> PSD:
    """[[x > 0]] ⪰ 0: a statement as a matrix's entry (red team 101: it was CHECKED)."""
    return PSD(sp.ImmutableMatrix([[sp.Gt(x, 0)]]), where={x: Real()})


def test_a_statement_as_a_side_is_an_error_that_says_what_to_write() -> None:
    for family in (statements_as_sides, a_statement_as_an_entry):
        r = verify_family(family, SETTINGS)
        assert r.status is Status.ERROR and not r.internal_error, r.reason
        assert "is a statement, true or false, not a value" in r.reason and "use Implication" in r.reason


def test_an_inequality_with_an_imaginary_side_gets_no_sign_where_it_is_not_real() -> None:
    r = verify_family(an_imaginary_side, SETTINGS)
    assert not r.internal_error, r.reason
    assert r.status not in (Status.PROVED, Status.CHECKED), r.reason
