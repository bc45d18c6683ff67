"""Braces used as parentheses: TeX's braces group without printing, so where the page shows another grouping the
line is refused. `2{x+1} = 2x + 2` is typeset 2x+1 = 2x+2, `{x-1}^2` as x−1², `\\sin{x+1} = \\sin(x+1)` as
sin x + 1 = sin(x+1): all three were PROVED, read as if the braces were parentheses."""

from __future__ import annotations

import pytest

from tests.frontends.homework import refusal, status
from verifier.outcome import Status

pytest.importorskip("lark")


@pytest.mark.parametrize(
    ("line", "group"),
    [
        ("2{x+1} = 2x + 2", "x+1"),  # typeset 2x+1 = 2x+2: was PROVED
        ("{x-1}^{2} = x^2 - 2x + 1", "x-1"),  # typeset x−1²
        ("{-2}^{2} = 4", "-2"),  # typeset −2², which is −4
        ("{2x}^{2} = 4x^2", "2x"),  # typeset 2x²
        ("-{x+1} = -x - 1", "x+1"),
        ("x - {x - 1} = 1", "x-1"),
        ("{x+1}/2 = \\frac{x+1}{2}", "x+1"),  # typeset x+1/2
        ("3 \\cdot {x+1} = 3x + 3", "x+1"),
        ("\\frac{1}{2}{x+1} = \\frac{x+1}{2}", "x+1"),  # typeset ½x+1
        ("\\sin{x+1} = \\sin(x+1)", "x+1"),  # typeset sin x + 1: was PROVED
        ("\\sum_{i=1}^{2} {x + i} = 2x + 3", "x+i"),
        ("{{x-1}}^{2} = x^2 - 2x + 1", "x-1"),  # nested braces print nothing either: was PROVED
        ("2{{x+1}} = 2x + 2", "x+1"),  # was PROVED
        ("{x/y}z = \\frac{xz}{y}", "x/y"),  # typeset x/yz, which is refused as ambiguous: was PROVED
        ("z{x/y}z = \\frac{z^2 x}{y}", "x/y"),  # typeset zx/yz: was PROVED
        ("\\sin^2{x \\cdot y} = \\sin^2(xy)", "x \\cdot y"),  # as \\sin{x \\cdot y} is: was PROVED
        ("\\log_2{x/y} = \\log_2(x/y)", "x/y"),  # typeset log₂ x/y: was PROVED
    ],
)
def test_braces_whose_grouping_does_not_print_are_refused(line: str, group: str) -> None:
    says = refusal("x: real", line)
    assert f"braces do not print: {{{group}}} is typeset as {group}" in says
    assert f"write parentheses, ({group})" in says


@pytest.mark.parametrize(
    "line",
    [
        "{x+1} + 2 = x + 3",  # a whole term: the page says the same
        "{x}^{2} = x^2",  # one atom
        "{(x+1)}^{2} = (x+1)^2",  # its parentheses print
        "\\sin{2x} = \\sin(2x)",  # a product after a function: sin 2x
        "\\frac{x+1}{2} = \\frac{1}{2}(x+1)",  # the arguments of \\frac
        "|{x-1}| = |x-1|",
        "{{x}}^{2} = x^2",
        "z{x/y} = \\frac{zx}{y}",  # typeset zx/y, the same value
        "\\sin^2{2x} = \\sin^2(2x)",
    ],
)
def test_braces_that_change_nothing_on_the_page_stay(line: str) -> None:
    assert status("x: real\ny: positive\nz: real", line) == Status.PROVED


@pytest.mark.parametrize(
    "line",
    [
        "{v_1}^{2} = v_1^2",  # a subscript is not a difference, though both are `sub` in the tree: was refused
        "2{v_1} = 2 v_1",
        "w - {v_1} = w - v_1",
        "\\frac{1}{k}\\sum_{i=1}^{k} {v_i} = \\frac{1}{k}\\sum_{i=1}^{k} v_i",
    ],
)
def test_a_braced_subscripted_name_stays(line: str) -> None:
    assert status("k: 2..4\nv: vector of size k\nw: real", line) == Status.PROVED
