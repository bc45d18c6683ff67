"""A derivative operator's operand is shown back when it is a product of factors (functions.py).

`\\frac{d}{dx} \\sin x \\cos x` is d/dx (sin x cos x), as the notation reference says; the line's reading showed
only the derivative worked out (cos²x − sin²x), from which a student cannot see which factors the operator took.
"""

from __future__ import annotations

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import RunReport
from verifier.render import html

DECLARE = "```verifier\nx, w: real\n```\n\n"


def _notes(line: str) -> str:
    (family,), errors = latex.parse_chains(DECLARE + f"$$ {line} $$\n", "d.md", "d")
    assert errors == []
    return family.notes


def test_a_product_after_a_derivative_operator_is_shown_as_its_operand() -> None:
    notes = _notes("\\frac{d}{dx} \\sin x \\cos x = \\cos^2 x - \\sin^2 x")
    assert "\\frac{d}{d x} takes the product after it: \\frac{d}{d x}\\left(\\sin x \\cos x\\right)" in notes


def test_one_operand_needs_no_note() -> None:
    for line in ("\\frac{d}{dx} \\sin(x) = \\cos(x)", "\\frac{d}{dw} \\log(1 + e^{w}) = \\frac{e^w}{1 + e^w}"):
        assert "takes the product" not in _notes(line), line


def test_the_html_report_typesets_the_operand_note() -> None:
    (family,), _ = latex.parse_chains(DECLARE + "$$ \\frac{d}{dx} x \\sin x = \\sin x + x \\cos x $$\n", "d.md", "d")
    result = verify_family(family, EngineSettings(samples=20))
    page = html.render(RunReport(results=[result], seed=0, samples=20, seconds=1.0))
    at = page.index("takes the product after it")
    note = page[page.rindex("<dd>", 0, at) : page.index("</dd>", at)]
    assert "\\frac" not in note and note.count("<math") == 2, note
