"""verifier.verify from Python or a notebook: a statement, a @claim function or a file."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from tests.support import write_module
from verifier import Derivative, Identity, Real, claim, verify
from verifier.api import ResultList
from verifier.outcome import ClaimResult

x = sp.Symbol("x")

SQUARE = '''
"""Two claims about a square."""
import sympy as sp
from verifier import Identity, Real, claim

x, y = sp.symbols("x y")

@claim()
def square_of_sum():
    """(x + y)² = x² + 2xy + y²."""
    return Identity((x + y) ** 2, x**2 + 2 * x * y + y**2, where={x: Real(), y: Real()})

@claim()
def freshman_dream():
    """(x + y)² = x² + y² (stated as true, which it is not)."""
    return Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})
'''


def test_a_bare_statement_is_verified_as_a_notebook_claim() -> None:
    result = verify(Derivative(x**3, wrt=x, equals=3 * x**2, where={x: Real()}), samples=30)
    assert isinstance(result, ClaimResult)
    assert result.key == "notebook.claim" and result.status.value == "PROVED"
    wrong = verify(Identity(sp.sin(x) ** 2, 1 - sp.cos(x), where={x: Real()}), samples=30, name="slip")
    assert isinstance(wrong, ClaimResult) and wrong.key == "notebook.slip" and wrong.status.value == "REFUTED"
    assert "notebook.slip" in wrong._repr_html_()  # type: ignore[attr-defined]


def test_a_claim_function_is_verified_as_it_stands() -> None:
    @claim()
    def cube() -> Derivative:
        """d/dx x³ = 3x²."""
        return Derivative(x**3, wrt=x, equals=3 * x**2, where={x: Real()})

    result = verify(cube, samples=30)
    assert isinstance(result, ClaimResult) and result.name == "cube" and result.met


def test_a_file_gives_a_list_shown_as_a_table_and_cards(tmp_path: Path) -> None:
    results = verify(write_module(tmp_path, "square", SQUARE), samples=30)
    assert isinstance(results, ResultList) and isinstance(results, list) and len(results) == 2
    assert [r.name for r in results] == ["square_of_sum", "freshman_dream"]
    text = repr(results).splitlines()
    assert text[0] == "2 claims: 1 PROVED, 1 REFUTED; 1 claim did not meet its expectation"
    assert text[2].split()[:2] == ["square.freshman_dream", "REFUTED"]
    page = results._repr_html_()
    assert page.count('<section class="claim') == 2 and '<table class="summary">' in page
    assert "body{" not in page and ".verifier-output code{" in page  # the style never restyles the notebook


def test_anything_else_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"verify\(\) takes a statement .* got int"):
        verify(3)  # type: ignore[arg-type]
