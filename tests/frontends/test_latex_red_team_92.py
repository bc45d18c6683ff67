"""Readings a red team found wrong (helper-92): math after a reason, a differential as a value, two derivative
operators in a row, a function's power or prime before /, 1/-2x, \\prod before / or \\cdot, displays Markdown
does not render as math."""

from __future__ import annotations

import pytest

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.frontends.latex.document import split
from verifier.outcome import Status

pytest.importorskip("lark")
SETTINGS = EngineSettings(samples=40)


def _read(declarations: str, body: str) -> tuple[list[object], list[str]]:
    families, errors = latex.parse_chains(f"```verifier\n{declarations}\n```\n\n{body}\n", "hw.md", "hw")
    return list(families), [str(e[1]) for e in errors]


def _status(declarations: str, line: str) -> Status:
    families, errors = _read(declarations, f"$$ {line} $$")
    assert errors == [] and len(families) == 1, errors
    return verify_family(families[0], SETTINGS).status  # type: ignore[arg-type]


def _refusal(declarations: str, line: str) -> str:
    families, errors = _read(declarations, f"$$ {line} $$")
    assert families == [] and len(errors) == 1, (families, errors)
    return errors[0]


def test_a_row_that_goes_on_after_a_reason_is_math_not_words_of_the_reason() -> None:
    # `&\quad + 1` below a row with \text{trivially} was joined into the reason: x^2 = x^2 + 1 was PROVED
    aligned = "\\begin{aligned} x^2 &= x^2 && \\text{trivially} \\\\ &\\quad + 1 \\end{aligned}"
    assert _status("x: real", aligned) is Status.REFUTED
    assert _status("x: real", "(x+1)^2 = x^2 + 2x \\quad \\text{expand} \\\\ \\qquad + 1") is Status.PROVED
    doc = split(f"$$ {aligned} $$\n", "f.md")
    (display,) = doc.chains[0].displays
    assert " ".join(display.text.split()) == "x^2 = x^2 \\, \\quad + 1 \\text{trivially}"
