"""Red team 171: the LaTeX reader's fences (frontends/latex/fences.py) and a derivative operator's operand.

Fences: any line that began with ``` was taken for a fence, and only ```, so a ~~~math, ````math or ```math title
block, an unclosed one and one in a blockquote were passed over in silence ("no claims found"); a block shown inside
a ```` block, or a ``` line in a ~~~ block, turned the fences round, so code was read as the student's chain and the
chain after it was hidden; and a .tex file's ``` lines (quotes to LaTeX) hid the displays between them.
"""

from __future__ import annotations

import pytest

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.frontends.latex.document import split
from verifier.outcome import RunReport
from verifier.render import html

HEAD = "# t\n\n```verifier\nx: real\n```\n\n"


def _chains(text: str, path: str = "f.md") -> list[str]:
    return [" ".join(d.text.split()) for c in split(text, path).chains for d in c.displays]


@pytest.mark.parametrize(
    ("block", "shown"),
    [
        ("~~~math\nx + x = 3x\n~~~\n", "a ~~~math block"),
        ("````math\nx + x = 3x\n````\n", "a ````math block"),
        ("```math title\nx + x = 3x\n```\n", "a ```math block"),
        ("```{.math}\nx + x = 3x\n```\n", "a ```math block"),
        ("> ```math\n> x + x = 3x\n> ```\n", "a ```math block"),
        ("1. first\n\n   ```math\n   x + x = 3x\n   ```\n", "a ```math block"),
    ],
)
def test_every_fenced_math_block_holding_a_chain_is_an_error(block: str, shown: str) -> None:
    doc = split(HEAD + block + "\n$$ x + x = 2x $$\n", "f.md")
    [error] = doc.errors
    assert shown in error.message and "between $$ and $$" in error.message, error.message
    assert len(doc.chains) == 1


def test_a_math_block_never_closed_is_an_error_for_its_chain() -> None:
    doc = split(HEAD + "```math\nx + x = 3x\n\n$$ x + x = 2x $$\n", "f.md")
    assert doc.chains == [], "Markdown shows the rest of the file as code"
    [unread, unclosed] = doc.errors
    assert "a ```math block is code" in unread.message and "never closed" in unclosed.message


def test_a_quoted_math_block_without_a_relation_is_no_error() -> None:
    """The blockquote's > marks are no relation."""
    assert split(HEAD + "> ```math\n> \\sum_i x_i\n> ```\n", "f.md").errors == []


def test_a_block_shown_inside_a_longer_fence_is_code_and_the_chain_after_it_is_read() -> None:
    text = HEAD + "````markdown\n```\n$$ x + x = 3x $$\n````\n\n$$ x + x = 2x $$\n"
    assert _chains(text) == ["x + x = 2x"]


def test_a_backtick_line_in_a_tilde_block_is_code_and_closes_nothing() -> None:
    text = HEAD + "~~~python\ns = 1\n```\n~~~\n\n$$ x + x = 2x $$\n\n~~~\n```\n$$ x = 2x $$\n~~~\n"
    assert _chains(text) == ["x + x = 2x"]


def test_an_inline_code_span_at_the_start_of_a_line_opens_no_fence() -> None:
    assert _chains(HEAD + "```x = 1``` is code.\n\n$$ x + x = 2x $$\n") == ["x + x = 2x"]


def test_a_fence_never_closed_that_hides_displays_is_an_error() -> None:
    doc = split(HEAD + "```python\nprint(1)\n\n$$ x + x = 3x $$\n", "f.md")
    assert doc.chains == []
    [error] = doc.errors
    assert (error.where.line, error.where.col) == (7, 1)
    assert "never closed" in error.message and "close it with a line of ```" in error.message


def test_a_display_in_a_code_block_is_code_not_a_chain() -> None:
    """A $$ chain in a ```python or ``` block is shown as code by Markdown: not read, and no error."""
    doc = split(HEAD + '```python\ns = "$$ x + x = 3x $$"\n```\n\n```\n$$ x = 2x $$\n```\n\n$$ x + x = 2x $$\n', "f.md")
    assert (doc.errors, _chains(HEAD + "```\n$$ x = 2x $$\n```\n\n$$ x + x = 2x $$\n")) == ([], ["x + x = 2x"])


def test_a_tex_file_has_no_fences() -> None:
    """LaTeX prints ``` as quotes and typesets the display between such lines: it is read."""
    text = "% verifier\n% x: real\n\n```python\n\n\\[ x + x = 3x \\]\n\n```\n"
    assert (_chains(text, "f.tex"), split(text, "f.tex").errors) == (["x + x = 3x"], [])


# A derivative operator's operand ------------------------------------------------------------------------------------
DECLARE = "```verifier\nx, h: real\n```\n\n"


def _notes(line: str) -> str:
    (family,), errors = latex.parse_chains(DECLARE + f"$$ {line} $$\n", "d.md", "d")
    assert errors == []
    return str(family.notes)


@pytest.mark.parametrize(
    ("line", "taken"),
    [
        ("\\frac{d}{dx} e^x \\cdot x = e^x x + e^x", "\\left(e^x \\cdot x\\right)"),
        ("\\frac{d}{dx} x \\cdot \\sin x = \\sin x + x \\cos x", "\\left(x \\cdot \\sin x\\right)"),
        ("\\frac{d^2}{dx^2} x^2 \\cdot x = 6 x", "\\left(x^2 \\cdot x\\right)"),
    ],
)
def test_an_operand_taken_across_a_cdot_is_shown_as_the_operators(line: str, taken: str) -> None:
    """ambiguity._extend moves the \\cdot inside the operator's scope, so the operand was one factor and the reading
    did not say the operator took the product, as it does for \\frac{d}{dx} e^x x."""
    notes = _notes(line)
    assert "takes the product after it: " in notes and taken in notes, notes


@pytest.mark.parametrize(
    "line",
    [
        "\\frac{d}{dx}(x^2) \\cdot x = 2 x^2",
        "\\frac{d}{dx}\\left( x^2 \\right) \\cdot h = 2 x h",
        "- \\frac{d}{dx}(x^2) \\times x = -2 x^2",
        "\\frac{d}{dx}(x^2) \\cdot \\sin x + x^2 \\cdot \\frac{d}{dx}(\\sin x) = 2 x \\sin x + x^2 \\cos x",
    ],
)
def test_a_parenthesised_operand_before_a_cdot_says_the_operator_takes_only_it(line: str) -> None:
    """(d/dx x²)·x = 2x², as the product rule is written: the value shown back, 2x², did not say which."""
    notes = _notes(line)
    assert "takes only its parentheses: \\left(\\frac{d}{d x}(x^2)\\right)" in notes, notes


def test_a_product_of_two_derivatives_needs_no_parentheses_note() -> None:
    assert "takes only" not in _notes("\\frac{d}{dx}(x^2) \\cdot \\frac{d}{dx}(x^3) = 6 x^3")


@pytest.mark.parametrize(
    "line",
    ["\\frac{d}{dx} x^2 + 3x = 2x + 3", "\\frac{d}{dx} (x^2) x = 3 x^2", "\\frac{d}{dx} x^2 - x = 2x - 1"],
)
def test_an_operand_that_may_end_at_a_sign_or_a_parenthesis_is_refused(line: str) -> None:
    _, errors = latex.parse_chains(DECLARE + f"$$ {line} $$\n", "d.md", "d")
    assert len(errors) == 1 and "ambiguous: does \\frac{d}{d x} take" in errors[0][1], errors


def test_the_html_report_typesets_the_parentheses_note() -> None:
    (family,), _ = latex.parse_chains(DECLARE + "$$ \\frac{d}{dx}(x^2) \\cdot x = 2 x^2 $$\n", "d.md", "d")
    result = verify_family(family, EngineSettings(samples=20))
    page = html.render(RunReport(results=[result], seed=0, samples=20, seconds=1.0))
    at = page.index("takes only its parentheses")
    note = page[page.rindex("<dd>", 0, at) : page.index("</dd>", at)]
    assert "\\frac" not in note and note.count("<math") == 2, note


def test_a_fence_in_an_html_comment_is_hidden_with_it() -> None:
    """Markdown hides the ``` line with the comment; it was taken for a fence never closed, hiding the chain after."""
    text = HEAD + "<!--\n```\n-->\n\n$$ x + x = 2x $$\n\n<!-- ```math -->\n$$ x = x $$\n"
    assert (_chains(text), split(text, "f.md").errors) == (["x + x = 2x", "x = x"], [])


def test_a_display_in_a_blockquote_reads_its_lines_without_the_quote_marks() -> None:
    """`> $$ x^2 + 1` over `> 0 $$` is one display, x² + 1 0, to Markdown: the second > was read as a relation, and
    x² + 1 > 0 PROVED, a claim never written. A display outside a blockquote keeps a row that starts with >."""
    doc = split(HEAD + "> $$ x^2 + 1\n> 0 $$\n\n> $$ x + x\n> = 2x $$\n\n$$ x^2 + 1\n> 0 $$\n", "f.md")
    assert [" ".join(d.text.split()) for c in doc.chains for d in c.displays] == [
        "x^2 + 1 0",
        "x + x = 2x",
        "x^2 + 1 > 0",
    ]
