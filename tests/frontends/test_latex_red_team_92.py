"""Readings a red team found wrong (helper-92): math after a reason, a differential as a value, two derivative
operators in a row, a function's power or prime before /, 1/-2x, \\prod before / or \\cdot, displays Markdown
does not render as math."""

from __future__ import annotations

import pytest

from tests.frontends.homework import read as _read
from tests.frontends.homework import refusal as _refusal
from tests.frontends.homework import status as _status
from verifier.frontends.latex.document import split
from verifier.outcome import Status

pytest.importorskip("lark")


def test_a_row_that_goes_on_after_a_reason_is_math_not_words_of_the_reason() -> None:
    # `&\quad + 1` below a row with \text{trivially} was joined into the reason: x^2 = x^2 + 1 was PROVED
    aligned = "\\begin{aligned} x^2 &= x^2 && \\text{trivially} \\\\ &\\quad + 1 \\end{aligned}"
    assert _status("x: real", aligned) is Status.REFUTED
    assert _status("x: real", "(x+1)^2 = x^2 + 2x \\quad \\text{expand} \\\\ \\qquad + 1") is Status.PROVED
    doc = split(f"$$ {aligned} $$\n", "f.md")
    (display,) = doc.chains[0].displays
    assert " ".join(display.text.split()) == "x^2 = x^2 \\, + 1 \\text{trivially}"  # the indentation is layout


@pytest.mark.parametrize(
    "line", ["\\mathrm{d}x = x", "\\mathbf{d} x = x", "\\mathit{d} x = x", "2 \\mathrm{d}(x^2) = 4x"]
)
def test_a_differential_outside_a_derivative_is_refused(line: str) -> None:
    # \mathrm{d}x was the identity applied to x: \mathrm{d}x = x was PROVED
    message = _refusal("x: real", line)
    assert message.split(": ", 1)[1].startswith("a differential d is not a value outside a derivative's fraction")
    assert "write the derivative as \\frac{\\mathrm{d}}{\\mathrm{d}x} f" in message


def test_a_declared_or_defined_d_is_that_symbol_under_any_font() -> None:
    # with d = 3 defined, \mathbf{d} x was still the identity applied to x
    assert _status("x: real\nd = 3", "\\mathbf{d} x = 3x") is Status.PROVED
    assert _status("x: real\nd = 3", "\\mathrm{d} x = x") is Status.REFUTED
    assert _status("x, d: real", "\\mathit{d} x = d x") is Status.PROVED
    for line in ("\\frac{\\mathrm{d}}{\\mathrm{d}x} x^2 = 2x", "\\frac{\\mathrm{d}(x^2)}{\\mathrm{d}x} = 2x"):
        assert _status("x: real", line) is Status.PROVED, line  # the derivative's d stays


@pytest.mark.parametrize(
    "line",
    [
        "\\frac{d}{dx} x^2 \\frac{d}{dx} x^3 = 12x^3",
        "\\frac{d}{dx} x^2 \\, \\frac{d}{dx} x^3 = 6x^3",
        "2 \\frac{d}{dx} x^2 \\frac{\\partial}{\\partial x} x^3 = 12x^3",
    ],
)
def test_a_second_derivative_operator_in_the_first_ones_operand_is_refused(line: str) -> None:
    # the second operator was read inside the first one's operand: 12x^3 was PROVED
    message = _refusal("x: real", line)
    assert "ambiguous: does the first derivative in" in message and "the second derivative included?" in message
    assert "write each derivative in parentheses" in message


def test_derivatives_in_parentheses_and_a_second_derivative_stay() -> None:
    for line in (
        "\\left(\\frac{d}{dx} x^2\\right) \\left(\\frac{d}{dx} x^3\\right) = 6x^3",
        "\\frac{d}{dx} \\left(x^2 \\frac{d}{dx} x^3\\right) = 12x^3",
        "\\frac{d}{dx}\\frac{d}{dx} x^3 = 6x",
        "\\frac{d}{dx}(x^2) \\frac{d}{dx}(x^3) = 6x^3",
    ):
        assert _status("x: real", line) is Status.PROVED, line


@pytest.mark.parametrize(
    ("line", "write"),
    [
        ("\\sigma^2 x/2 = \\frac{\\sigma(x)^2}{2}", "write \\sigma^2(x/2) or \\frac{\\sigma^2x}{2}"),
        ("\\sigma' x/2 = \\frac{\\sigma'(x)}{2}", "write \\sigma'(x/2) or \\frac{\\sigma'x}{2}"),
        ("\\sin' x/2 = \\frac{\\cos x}{2}", "write \\sin'(x/2) or \\frac{\\sin'x}{2}"),
        ("f' x/2 = 1", "write f'(x/2) or \\frac{f'x}{2}"),
    ],
)
def test_a_functions_power_or_prime_before_a_slash_is_refused(line: str, write: str) -> None:
    # \sigma x/2 was refused, but \sigma^2 x/2 and \sigma' x/2 were read as σ²(x/2), σ'(x/2): PROVED
    message = _refusal("x: real; f: function", line)
    assert "can be read two ways" in message and write in message, message


def test_a_power_of_a_variable_or_of_e_before_a_slash_stays() -> None:
    for line in (
        "e^{x} y/2 = \\frac{e^x y}{2}",
        "x^2 y/2 = \\frac{x^2 y}{2}",
        "\\sigma'(x)/2 = \\frac{\\sigma'(x)}{2}",
    ):
        assert _status("x, y: real", line) is Status.PROVED, line


def test_a_slash_before_a_signed_product_is_refused_as_before_a_product() -> None:
    # 1/2x was refused but 1/-2x read as 1/(-2x): PROVED
    message = _refusal("x: real", "1/-2x = -\\frac{1}{2x}")
    assert "ambiguous: 1/-2x can be read two ways; write \\frac{1}{-2x} or \\frac{1}{-2} x" in message, message
    assert _status("x: real", "1/-x = -\\frac{1}{x}") is Status.PROVED  # one factor: no product to split


@pytest.mark.parametrize(
    ("line", "write"),
    [
        ("\\prod_i v_i / 2 = \\frac{v_1 v_2}{4}", "write \\prod_i\\left(v_i / 2\\right) or \\frac{\\prod_i v_i}{2}"),
        (
            "\\prod_i v_i \\cdot 2 = 4 v_1 v_2",
            "write \\prod_i\\left(v_i \\cdot 2\\right) or \\left(\\prod_i v_i\\right) \\cdot 2",
        ),
    ],
)
def test_a_product_before_a_slash_or_cdot_is_refused_as_max_is(line: str, write: str) -> None:
    # \prod_i took the / or \cdot into its scope (each factor halved): PROVED, while \max_i v_i / 2 is refused
    message = _refusal("k: 2..2; v: vector of size k", line)
    assert "can be read two ways" in message and write in message, message


def test_a_product_in_parentheses_or_juxtaposed_and_a_sum_before_a_slash_stay() -> None:
    block = "k: 2..2; v, w: vector of size k"
    for line in (
        "\\prod_i (v_i / 2) = \\frac{v_1 v_2}{4}",
        "\\frac{\\prod_i v_i}{2} = \\frac{v_1 v_2}{2}",
        "\\prod_i v_i w_i = v_1 v_2 w_1 w_2",
        "\\sum_i v_i / 2 = \\frac{v_1 + v_2}{2}",
    ):
        assert _status(block, line) is Status.PROVED, line


def test_displays_markdown_shows_as_no_math_are_no_lines() -> None:
    # a display in an HTML comment, a code span or an indented code block was read as a line of a chain
    text = (
        "```verifier\nx: real\n```\n\n$$ (x + 1)^2 = x^2 + 2x + 1 $$\n\n<!-- old attempt:\n$$ = x^2 + 1 $$\n-->\n\n"
        "Write `$$ x + x = 3x $$` in notes, or ``a `$$ x = 2x $$` span``.\n\n    $$ x = 2x $$\n\n"
        "<!-- unclosed\n$$ x = 3x $$\n"
    )
    doc = split(text, "f.md")
    assert [[" ".join(d.text.split()) for d in c.displays] for c in doc.chains] == [["(x + 1)^2 = x^2 + 2x + 1"]]
    assert len(split(text.replace("<!--", "").replace("-->", ""), "f.tex").chains) > 1  # TeX has no such comment
    # the comment never closed hides a display: said, with where it opens (the closed one and the spans are fine)
    assert [(e.where.line, e.where.col) for e in doc.errors] == [(15, 1)]
    assert "never closed" in doc.errors[0].message and "1 display(s)" in doc.errors[0].message


def test_a_comment_begun_inside_a_display_is_an_error_not_a_silent_cut() -> None:
    # Markdown starts a comment at <!-- even in \text{...}: the rest of the file vanished ("no claims found")
    text = "```verifier\nx: real\n```\n\n$$ (x+1)^2 = x^2 + 2x + 1 \\text{ <!-- a note } $$\n\n$$ x = 2x $$\n"
    doc = split(text, "f.md")
    assert [(e.where.line, e.where.col) for e in doc.errors] == [(5, 34)]
    assert "inside a display" in doc.errors[0].message
    assert split(text, "f.tex").errors == []  # TeX has no such comment
    # a comment around a whole display, or one that hides no display, is no error; nor is `<!--` in a code span
    quiet = "$$ x = x $$\n\n<!-- $$ x = 2x $$ -->\n\nSee `$$ a <!-- b $$`.\n\n<!-- a last note, unclosed\n"
    assert split(quiet, "f.md").errors == []


def test_an_indented_display_in_a_list_or_in_a_display_is_read() -> None:
    text = "1. a step:\n\n    $$ x + x = 2x $$\n\n$$\n    (x+1)^2\n\n    = x^2 + 2x + 1\n$$\n"
    doc = split(text, "f.md")
    assert [[" ".join(d.text.split()) for d in c.displays] for c in doc.chains] == [
        ["x + x = 2x"],
        ["(x+1)^2 = x^2 + 2x + 1"],
    ]


@pytest.mark.parametrize("line", ["x^2 = x^2 \\quad \\text{trivially} + 1", "x = x \\text{by X} \\cdot 2"])
def test_an_operation_right_after_a_reason_is_refused(line: str) -> None:
    # on one row, \text{trivially} + 1 took the + 1 as words of the reason: x^2 = x^2 + 1 was PROVED
    message = _refusal("x: real", line)
    assert message.split(": ", 1)[1].startswith("math after a reason: '\\text{"), message
    assert "put the reason at the end of the line" in message


def test_a_justification_whose_math_starts_with_a_minus_stays() -> None:
    assert _status("x: real", "-x = -x \\quad \\text{since } -x \\le |x|") is Status.PROVED


def test_a_closed_interval_of_one_number_is_named_as_such_not_empty() -> None:
    """helper-92: `x: [1, 1]` was "[1, 1] is empty"; it is the one number 1, and the message says what to write."""
    _, errors = _read("x: [1, 1]", "$$ x = x $$")
    assert any("is the one number 1, no range" in e for e in errors), errors


def test_a_constant_with_no_real_value_is_not_blamed_on_a_sum() -> None:
    """helper-92: (−1)^{1/2} = 0, with no sum in it, was explained as "a term of a sum at one of its indices"."""
    message = _refusal("x: real", "(-1)^{1/2} = 0")
    assert "undefined in ℝ" in message and message.index("write a line that has a real value") < message.index("sum")


def test_html_comments_are_read_from_the_left_as_commonmark_reads_them() -> None:
    # a `$$` in a comment paired with the next display's opener, so a later comment sat 'inside a display': an error
    decl = "```verifier\nx: real\n```\n\n"
    odd = decl + "<!-- written with $$ delimiters -->\n\n$$ x = x $$\n\n<!-- a note -->\n\n$$ x + 0 = x $$\n"
    assert split(odd, "f.md").errors == [] and len(split(odd, "f.md").chains) == 2
    # `<!--` in a code span hid every later display in silence ("no claims found")
    span = decl + "Use `<!--` to open a comment.\n\n$$ x + 1 = x + 2 $$\n"
    assert len(split(span, "f.md").chains) == 1
    # <!--> and <!---> are whole comments (CommonMark), not openers that ran to the next -->
    short = decl + "<!-->\n\n$$ x = x $$\n\n<!--->\n\n$$ x + 0 = x $$\n"
    assert len(split(short, "f.md").chains) == 2
    # an opener within a line stays in its paragraph: unclosed there it is text, hiding nothing and no error
    inline = decl + "The token <!-- opens comments; $a <!-- b$.\n\n$$ x = 2x $$\n\nan arrow --> here.\n"
    assert split(inline, "f.md").errors == [] and len(split(inline, "f.md").chains) == 1
    closed = decl + "A note <!-- hidden\nstill hidden --> shown.\n\n$$ x = x $$\n"
    assert split(closed, "f.md").errors == [] and len(split(closed, "f.md").chains) == 1
