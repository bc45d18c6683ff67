"""The point where a cancelled division has no value is shown readably: a root radicals cannot write by its value."""

from __future__ import annotations

import sympy as sp

from verifier.frontends.latex import gates

x = sp.Symbol("x")


def test_a_root_is_shown_by_its_value_and_its_polynomial() -> None:
    # it was \operatorname{CRootOf}(x^{3} - 3 x + 1, 1), sympy's name for the second root, counted from 0
    shown = gates._decimal(sp.CRootOf(x**3 - 3 * x + 1, 1))
    assert shown == "0.347296… (a root of x^{3} - 3 x + 1)", shown
    assert gates._decimal(-sp.sqrt(2)) == "-\\sqrt{2}" and gates._decimal(sp.Rational(-1, 2)) == "-0.5"
