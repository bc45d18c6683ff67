"""Red team 171: the LaTeX reader's fences (frontends/latex/fences.py) and a derivative operator's operand.

Fences: any line that began with ``` was taken for a fence, and only ```, so a ~~~math, ````math or ```math title
block, an unclosed one and one in a blockquote were passed over in silence ("no claims found"); a block shown inside
a ```` block, or a ``` line in a ~~~ block, turned the fences round, so code was read as the student's chain and the
chain after it was hidden; and a .tex file's ``` lines (quotes to LaTeX) hid the displays between them.
"""

from __future__ import annotations

import pytest

from verifier.frontends.latex.document import split

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
