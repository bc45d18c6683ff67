"""An exponent written as a fraction: its root is the denominator as written, in lowest terms.

sympy reduced 2/6 to 1/3 before the reader's rule (an odd root is the real root, an even one the principal
root) looked at the denominator, so on `x: real` `(-1)^{2/6} = -1` and `x^{2/6} = \\sqrt[3]{x}` were PROVED
(the root written is 6, even), `x^{2/6} = (x^2)^{1/6}` REFUTED, and `(-1)^{2/4} = 1` an ERROR about a root
of -1. Below 0 texts differ on such a power, so it is refused there with both ways to write it; on a base
≥ 0, or with an odd denominator, every reading agrees and it is read.
"""

from __future__ import annotations

import pytest

from tests.frontends.homework import refusal, status
from verifier.outcome import Status

pytest.importorskip("lark")

_WRITE = "write the exponent in lowest terms, x^{1/3}, or the root of a power, \\sqrt[6]{x^{2}}"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("(-1)^{2/6} = -1", "write the exponent in lowest terms, (-1)^{1/3}, or the root of a power, \\sqrt[6]"),
        ("(-8)^{2/6} = -2", "the exponent 2/6 is not in lowest terms and (-8) is negative"),
        ("x^{2/6} = \\sqrt[3]{x}", _WRITE),
        ("x^{2/6} = (x^2)^{1/6}", _WRITE),
        ("x^{\\frac{2}{6}} = \\sqrt[3]{x}", _WRITE),
        ("x^{(2/6)} = \\sqrt[3]{x}", _WRITE),
        ("x^{-2/6} = \\frac{1}{\\sqrt[3]{x}}", "in lowest terms, x^{-1/3}, or the root of a power, \\sqrt[6]{x^{-2}}"),
        ("(-1)^{2/4} = 1", "write the exponent in lowest terms, (-1)^{1/2}, or the root of a power, \\sqrt[4]"),
        ("x^{6/2} = x^3", "write the exponent in lowest terms, x^{3}, or the root of a power, \\sqrt{x^{6}}"),
    ],
)
def test_a_fraction_not_in_lowest_terms_on_a_base_that_may_be_negative_is_refused(line: str, says: str) -> None:
    assert says in refusal("x: real", line)


@pytest.mark.parametrize(
    ("declarations", "line", "verdict"),
    [
        ("x: real", "x^{1/3} = \\sqrt[3]{x}", Status.PROVED),  # an odd root is the real root
        ("x: real", "(-8)^{1/3} = -2", Status.PROVED),
        ("x: real", "x^{2/3} = \\sqrt[3]{x^2}", Status.PROVED),
        ("x: real", "x^{2/3} = |x|^{2/3}", Status.PROVED),
        ("x: real", "x^{1/2} = x", Status.REFUTED),  # an even root is the principal one
        ("x: nonnegative", "x^{1/2} = \\sqrt{x}", Status.PROVED),
        ("x: nonnegative", "x^{3/2} = x \\sqrt{x}", Status.PROVED),
        ("x: real", "x^{6/3} = x^2", Status.PROVED),  # an odd denominator: the real root in every reading
        ("x: positive", "x^{2/6} = \\sqrt[3]{x}", Status.PROVED),  # a base > 0: every reading agrees
        ("x: nonnegative", "x^{2/4} = \\sqrt{x}", Status.PROVED),
        ("x: real", "8^{2/6} = 2", Status.PROVED),
        ("x: real", "(1 + x^2)^{2/4} = \\sqrt{1 + x^2}", Status.PROVED),
        ("A: matrix k×k; k: 2..2", "A^{4/2} = A A", Status.PROVED),  # no root of a matrix is read: A^2
        ("v: vector k; k: 2..2", "(v^\\top v)^{2/4} = \\sqrt{v^\\top v}", Status.PROVED),  # a 1×1 value ≥ 0
    ],
)
def test_a_fraction_in_lowest_terms_or_on_a_base_at_least_zero_keeps_its_reading(
    declarations: str, line: str, verdict: Status
) -> None:
    assert status(declarations, line) == verdict


_WORKED_OUT = "write the exponent as one fraction, x^{1/3}, or the root, \\sqrt[3]{x}"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("(-8)^{1/6 + 1/6} = -2", "the exponent works out to 1/3 and (-8) is negative"),  # was PROVED
        ("x^{1/6 + 1/6} = \\sqrt[3]{x}", _WORKED_OUT),
        ("x^{2 \\cdot \\frac{1}{6}} = \\sqrt[3]{x}", _WORKED_OUT),
        ("x^{1 - 2/3} = \\sqrt[3]{x}", _WORKED_OUT),
        ("x^{2/6 + 1/3} = \\sqrt[3]{x^2}", "one fraction, x^{2/3}, or the root, \\sqrt[3]{x^{2}}"),
    ],
)
def test_an_odd_root_worked_out_from_arithmetic_on_a_base_that_may_be_negative_is_refused(line: str, says: str) -> None:
    """sympy adds 1/6 + 1/6 up to 1/3 before the reader's odd-root rule sees it: (-8)^{1/6 + 1/6} = -2 was proved,
    where (-8)^{1/6} (-8)^{1/6} is not real."""
    assert says in refusal("x: real", line)


@pytest.mark.parametrize(
    ("declarations", "line"),
    [
        ("x: positive", "x^{1/6 + 1/6} = \\sqrt[3]{x}"),  # a base > 0: every reading agrees
        ("x: real", "(1 + x^2)^{1/6 + 1/6} = \\sqrt[3]{1 + x^2}"),
        ("x: real", "x^{\\tfrac{1}{3}} = \\sqrt[3]{x}"),  # one fraction as written
        ("x: real", "x^{(1/3)} = \\sqrt[3]{x}"),
    ],
)
def test_a_worked_out_exponent_on_a_base_at_least_zero_or_one_fraction_is_read(declarations: str, line: str) -> None:
    assert status(declarations, line) == Status.PROVED


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("(-32)^{0.2} = -2", "the decimal exponent 0.2 is 1/5 and (-32) is negative"),  # was PROVED
        ("(-32)^{-0.2} = -\\frac{1}{2}", "the decimal exponent -0.2 is -1/5"),  # was refused as worked out
        ("x^{0.2} = \\sqrt[5]{x}", "write the exponent as one fraction, x^{1/5}, or the root, \\sqrt[5]{x}"),
        ("x^{1.2} = x \\sqrt[5]{x}", "one fraction, x^{6/5}, or the root, \\sqrt[5]{x^{6}}"),
    ],
)
def test_a_decimal_exponent_with_an_odd_root_on_a_base_that_may_be_negative_is_refused(line: str, says: str) -> None:
    """0.2 is 1/5, and the odd-root rule read (-32)^{0.2} as the real root -2, where many texts define a decimal
    power for a base > 0 only (and 0.2 = 2/10 as a root of a power, \\sqrt[10]{x^2}, is ≥ 0)."""
    assert says in refusal("x: real", line)


@pytest.mark.parametrize(
    ("declarations", "line"),
    [
        ("x: positive", "x^{0.2} = \\sqrt[5]{x}"),
        ("x: real", "32^{0.2} = 2"),
        ("x: real", "(1 + x^2)^{0.2} = \\sqrt[5]{1 + x^2}"),
        ("x: real", "(-32)^{1.0} = -32"),
    ],
)
def test_a_decimal_exponent_on_a_base_at_least_zero_or_a_whole_one_is_read(declarations: str, line: str) -> None:
    assert status(declarations, line) == Status.PROVED


@pytest.mark.parametrize(
    "line",
    [
        "(e^x)^{1/3} = e^{x/3}",  # was refused: "function re came out of the parse"
        "\\sqrt[3]{e^x} = e^{x/3}",
        "(2^{x})^{0.2} = 2^{x/5}",
        "\\sqrt[3]{x e^x} = \\sqrt[3]{x} e^{x/3}",  # a base of either sign: |x e^x| was |x| e^{re(x)}
    ],
)
def test_an_odd_root_of_an_exponential_is_read(line: str) -> None:
    """The real root sign(a)|a|^{1/n} of e^x: sympy, with x of no sign, writes |e^x| as e^{re(x)}, and the line was
    refused as naming an undeclared function re. On a base ≥ 0 the real root is the principal one, as written; on
    one of either sign, |a| is taken with its symbols real."""
    assert status("x: real", line) == Status.PROVED
