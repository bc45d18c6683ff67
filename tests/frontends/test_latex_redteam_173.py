"""Red team 173: a display in a Markdown blockquote whose > marks were still read as relations
(frontends/latex/fences.py `unquoted`): one that opens after words on the quoted line, and one in a blockquote
in a list item. Markdown shows x² − 1 0 in both; the reader took x² − 1 > 0."""

from __future__ import annotations

import pytest

from verifier.frontends.latex.document import split

HEAD = "# t\n\n```verifier\nx: real\n```\n\n"


def _displays(text: str) -> list[str]:
    return [" ".join(d.text.split()) for c in split(HEAD + text, "f.md").chains for d in c.displays]


@pytest.mark.parametrize(
    "quoted",
    [
        "> so $$ x^2 + 1\n> 0 $$\n",  # the display opens after words on the quoted line
        "- > $$ x^2 + 1\n  > 0 $$\n",  # a blockquote in a list item, its next line indented with it
        "10. > $$ x^2 + 1\n    > 0 $$\n",
    ],
)
def test_a_display_in_any_blockquote_reads_its_lines_without_the_quote_marks(quoted: str) -> None:
    assert _displays(quoted) == ["x^2 + 1 0"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a > b, so $$ x^2 + 1\n> 0 $$\n", "x^2 + 1 > 0"),  # a > in the words of a line that is no blockquote
        ("- $$ x^2 + 1\n  > 0 $$\n", "x^2 + 1 > 0"),  # a list item with no blockquote
    ],
)
def test_a_display_outside_a_blockquote_keeps_a_row_that_starts_with_a_mark(text: str, read: str) -> None:
    assert _displays(text) == [read]


@pytest.mark.parametrize(
    "fenced",
    [
        "- ```\n  $$ x + x = 3x $$\n  ```\n",  # code in a list item
        "- > ```\n  > $$ x + x = 3x $$\n  > ```\n",  # in a blockquote in a list item
        "- item\n  * ```\n    $$ x + x = 3x $$\n    ```\n",  # in a nested list item
    ],
)
def test_a_fence_that_opens_in_a_list_item_hides_its_code(fenced: str) -> None:
    """`- ```` was no fence to the reader: the code in it was read as a chain, and its closing ``` taken for a fence
    never closed, which hid the chain after it."""
    doc = split(HEAD + fenced + "\n$$ x + x = 2x $$\n", "f.md")
    assert ([" ".join(d.text.split()) for c in doc.chains for d in c.displays], doc.errors) == (["x + x = 2x"], [])


def test_a_math_fence_in_a_list_item_is_an_error_that_says_what_to_write() -> None:
    doc = split(HEAD + "1. ```math\n   x + x = 3x\n   ```\n\n$$ x + x = 2x $$\n", "f.md")
    assert [" ".join(d.text.split()) for c in doc.chains for d in c.displays] == ["x + x = 2x"]
    assert len(doc.errors) == 1 and "a ```math block is code to Markdown" in str(doc.errors[0]), doc.errors
