"""A condition in words was recognised by a few first words only: `\\sqrt{x^2} = x \\quad \\text{given } x \\ge 0`
was taken for a reason and REFUTED at x = -1, where `\\text{for } x \\ge 0` is refused with what to write."""

from __future__ import annotations

import pytest

from tests.frontends.homework import refusal, status
from verifier.outcome import Status

pytest.importorskip("lark")

WORDS = [
    "given",
    "given that",
    "as long as",
    "so long as",
    "only for",
    "only if",
    "valid for",
    "valid when",
    "holds for",
    "which holds if",
    "it is true when",
    "true for",
    "defined for",
    "on",
    "assume",
    "suppose",
    "supposing",
    "wherever",
    "unless",
    "except where",
    "in case",
    "with",
    "let",
    "(valid for",
]


@pytest.mark.parametrize("words", WORDS)
def test_a_condition_in_words_is_refused_with_what_to_write(words: str) -> None:
    message = refusal("x: real", f"\\sqrt{{x^2}} = x \\quad \\text{{{words} }} x \\ge 0")
    assert "is not used" in message and "declare the domain instead (x: nonnegative" in message, message


def test_a_condition_on_a_row_of_an_aligned_chain_is_refused_too() -> None:
    line = "\\begin{aligned} \\sqrt{x^2} &= |x| \\\\ &= x \\quad \\text{valid for } x \\ge 0 \\end{aligned}"
    assert "declare the domain instead" in refusal("x: real", line)


@pytest.mark.parametrize(
    "reason",
    [
        "\\text{since } x^2 \\ge 0",  # a justification
        "\\text{as } x^2 \\ge 0",
        "\\text{because } x^2 = x \\cdot x",
        "\\text{with } S = x^2",  # `with` and `=` name a term: no condition
        "\\text{only } x \\text{ appears}",
        "\\text{one step}",
        "\\text{on both sides}",
        "\\text{given the rule above}",  # no relation: no condition stated
    ],
)
def test_a_justification_stays_a_reason(reason: str) -> None:
    assert status("x: real\nS = x^2", f"x^2 = S \\quad {reason}") is Status.PROVED
