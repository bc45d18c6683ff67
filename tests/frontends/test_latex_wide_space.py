"""A wide space between two terms (`x^2 = x \\quad x \\ge 0`) was read as a product: x² = x·x ≥ 0 was PROVED.
It is refused, with both ways to write it; a thin space \\, stays a product, and the other uses of \\quad stay."""

from __future__ import annotations

import pytest

from tests.frontends.homework import refusal, status
from verifier.outcome import Status

pytest.importorskip("lark")

WIDE = [
    ("x^2 = x \\quad x \\ge 0", "\\quad", "x \\cdot x"),
    ("x^2 = x \\qquad x \\geq 0", "\\qquad", "x \\cdot x"),
    ("x^2 = x \\;\\; x \\ge 0", "\\;", "x \\cdot x"),
    ("2x = x \\quad 2", "\\quad", "x \\cdot 2"),
    ("2x = x \\: 2", "\\:", "x \\cdot 2"),
    ("2x = x \\ 2", "\\ ", "x \\cdot 2"),
    ("2x = x ~ 2", "~", "x \\cdot 2"),
    ("2x = x \u2003 2", "U+2003", "x \\cdot 2"),  # a typed em space
    ("x^3 = 2 x \\quad x^2", "\\quad", "2x \\cdot x^2"),
    ("x (x + 1) = x \\quad (x + 1)", "\\quad", "x \\cdot (x+1)"),
    ("\\sin x \\cos x = \\sin x \\quad \\cos x", "\\quad", "\\sin x \\cdot \\cos x"),
]


@pytest.mark.parametrize(("line", "space", "product"), WIDE)
def test_a_wide_space_between_two_terms_is_refused_with_both_ways_to_write_it(
    line: str, space: str, product: str
) -> None:
    message = refusal("x: real", line)
    assert f"a wide space ({space}" in message, message
    assert "declare the domain instead (x: nonnegative" in message and f"write {product}" in message, message


@pytest.mark.parametrize(
    "line",
    [
        "x\\,y = y x",  # a thin space is how TeX spaces factors
        "2\\,\\pi x = 2 \\pi x",
        "\\frac{d}{dx} \\; x^2 = 2x",  # a derivative operator takes what follows
        "x^2 = x x \\quad \\text{since } x x = x^2",  # a reason
        "x^2 \\quad = x x",  # a space before a relation
        "\\begin{aligned} x^2 - 1 &= (x + 1) \\\\ &\\qquad (x - 1) \\end{aligned}",  # a row that goes on
        "\\begin{aligned} (x + 1)^2 &= x^2 + 2x \\\\ &\\quad + 1 \\end{aligned}",
        "\\begin{pmatrix} x & \\quad y \\end{pmatrix} = \\begin{pmatrix} x & y \\end{pmatrix}",  # a cell
        "x^{2 \\; } = x x",  # inside a script
    ],
)
def test_the_other_uses_of_a_space_still_read(line: str) -> None:
    assert status("x, y: real", line) is Status.PROVED


def test_a_spaced_argument_of_a_bare_function_keeps_its_own_message() -> None:
    assert "can be read two ways" in refusal("x, y: real", "\\sin x \\quad y = 1")
