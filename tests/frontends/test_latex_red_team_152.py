"""Readings a red team found wrong (helper-152): a sign after a derivative operator's operand, ^T on a scalar with T
not declared, dy/dx of a declared variable. Each is refused with both ways to write it; what a textbook writes
unambiguously stays read. And \\log of a power of ten, 2 in base 10, says in its reading that it is ln."""

from __future__ import annotations

import pytest

from tests.frontends.homework import SETTINGS
from tests.frontends.homework import read as _read
from tests.frontends.homework import refusal as _refusal
from tests.frontends.homework import status as _status
from verifier.engine import verify_family
from verifier.outcome import Status

pytest.importorskip("lark")


@pytest.mark.parametrize(
    ("line", "first", "second"),
    [
        # read as (d/dx x²) + 3x = 5x: the true line d/dx (x² + 3x) = 2x + 3 was REFUTED
        (
            "\\frac{d}{dx} x^2 + 3x = 2x + 3",
            "\\left(\\frac{d}{d x} x^2\\right) + 3x",
            "\\frac{d}{d x}\\left(x^2 + 3x\\right)",
        ),
        ("\\frac{d}{dx} - x^2 + 1 = -2x", "\\right) + 1", "\\frac{d}{d x}\\left(- x^2 + 1\\right)"),
        ("-\\frac{d}{dx} x^2 + 1 = 1 - 2x", "\\left(-\\frac{d}{d x} x^2\\right) + 1", "\\left(x^2 + 1\\right)"),
        ("\\frac{d}{dx} x \\cdot x - 1 = 2x", "\\left(\\frac{d}{d x} x \\cdot x\\right) - 1", "x \\cdot x - 1"),
    ],
)
def test_a_sign_after_a_derivative_operand_is_refused(line: str, first: str, second: str) -> None:
    message = _refusal("x: real", line)
    assert "ambiguous: does \\frac{d}{d x} take" in message, message
    assert first in message and second in message, message


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\frac{d}{dx}(x^2) + 3x = 5x", Status.PROVED),
        ("\\left(\\frac{d}{dx} x^2\\right) + 3x = 5x", Status.PROVED),
        ("\\frac{d}{dx}\\left(x^2 + 3x\\right) = 2x + 3", Status.PROVED),
        ("\\frac{d}{dx} x^2 + \\frac{d}{dx} x^3 = 2x + 3x^2", Status.PROVED),
        ("\\frac{d}{dx} x^2 - 2\\frac{d}{dx} x^3 = 2x - 6x^2", Status.PROVED),
        ("1 + \\frac{d}{dx} x^2 = 1 + 2x", Status.PROVED),
        ("\\frac{d}{dx} - x^3 = -3x^2", Status.PROVED),
    ],
)
def test_an_operand_that_ends_where_the_page_shows_stays(line: str, status: Status) -> None:
    assert _status("x: real", line) is status


@pytest.mark.parametrize("line", ["2^T = 2", "x^T = x", "\\gamma^{T} = \\gamma", "v_1^T = v_1"])
def test_t_on_a_scalar_with_t_not_declared_is_refused(line: str) -> None:
    # the transpose of a scalar is itself: \\gamma^T = \\gamma was PROVED where the page shows a power
    message = _refusal("x, \\gamma: real; v: vector of size k; k: 2..2", line)
    assert "ambiguous: T is not declared" in message and "(x^n, n: real)" in message and "^\\top" in message, message


@pytest.mark.parametrize("line", ["x^\\top = x", "v^T v = \\sum_i v_i^2", "(v^T v)^T = v^T v", "x^{\\mathsf{T}} = x"])
def test_a_transpose_that_is_one_stays(line: str) -> None:
    assert _status("x: real; v: vector of size k; k: 1..2", line) is Status.PROVED


@pytest.mark.parametrize("line", ["\\frac{dy}{dx} = 0", "\\frac{\\mathrm{d} y}{\\mathrm{d} x} = 0"])
def test_dy_dx_of_a_declared_variable_is_refused(line: str) -> None:
    # 0 and PROVED: y declared as a variable of its own does not depend on x
    message = _refusal("x, y: real", line)
    assert "y is declared as a variable of its own" in message and "define it" in message, message


@pytest.mark.parametrize(
    ("block", "line"),
    [
        ("x, y: real", "\\frac{\\partial y}{\\partial x} = 0"),
        ("x: real", "\\frac{dx}{dx} = 1"),
        ("x: real\ny = x^2", "\\frac{dy}{dx} = 2x"),
        ("x, y: real", "\\frac{d(x y)}{dx} = y"),
    ],
)
def test_other_leibniz_fractions_stay(block: str, line: str) -> None:
    assert _status(block, line) is Status.PROVED


def _reason(declarations: str, line: str) -> str:
    families, errors = _read(declarations, f"$$ {line} $$")
    assert errors == [] and len(families) == 1, errors
    return verify_family(families[0], SETTINGS).reason  # type: ignore[arg-type]


@pytest.mark.parametrize("line", ["\\log 100 = 2", "\\log(1000) = 3", "\\log 0.01 = -2", "\\log 10^{x} = x"])
def test_a_log_of_a_power_of_ten_says_it_is_the_natural_one(line: str) -> None:
    # REFUTED (ln 100 ≈ 4.61), with the reading \\log(100) shown back, which a base-10 reader takes for 2
    assert "\\log read as the natural logarithm ln" in _reason("x: positive", line)


@pytest.mark.parametrize("line", ["\\log_{10} 100 = 2", "\\ln 100 = 2 \\ln 10", "\\log x^2 = 2 \\log x"])
def test_a_log_that_says_its_base_has_no_such_note(line: str) -> None:
    assert "natural logarithm" not in _reason("x: positive", line)
