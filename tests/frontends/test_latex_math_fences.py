"""A chain written in a ```math or ```latex block is not read, and the reader says so (frontends/latex/fences.py).

GitHub draws a ```math block as an equation; a student who wrote the derivation's only chain in one was told
"no claims found", and one written beside a $$ chain was passed over without a word."""

from __future__ import annotations

import pytest

from verifier.frontends.latex.document import split

CHAIN = "\\frac{d}{dw} \\log(1 + e^{-w}) = \\frac{1}{1 + e^{w}}"


@pytest.mark.parametrize("language", ["math", "latex", "LaTeX", "tex"])
def test_a_math_block_holding_a_chain_is_an_error_that_says_what_to_write(language: str) -> None:
    text = f"# title\n\n```{language}\n{CHAIN}\n```\n\n$$ x + x = 2x $$\n"
    doc = split(text, "f.md")
    assert len(doc.chains) == 1, "the $$ chain is still read"
    [error] = doc.errors
    assert (error.where.line, error.where.col) == (3, 1)
    assert f"a ```{language.lower()} block is code to Markdown" in error.message
    assert "between $$ and $$" in error.message


def test_other_blocks_and_math_blocks_without_a_relation_are_no_error() -> None:
    text = "```python\nx = 1\n```\n\n```math\n\\sum_i x_i\n```\n\n```verifier\nx: real\n```\n\n$$ x + x = 2x $$\n"
    doc = split(text, "f.md")
    assert doc.errors == []
    assert len(doc.chains) == 1
