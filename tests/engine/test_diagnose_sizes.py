"""A repair verified at the refuted size only says so wherever it is shown (issue 41)."""

from __future__ import annotations

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import ClaimResult, Diagnosis, Status
from verifier.render.html import diagnosis_html
from verifier.serve import fragments

SETTINGS = EngineSettings(samples=60)


def _chain(line: str) -> ClaimResult:
    text = f"```verifier\nx, y: real\nk: 2..3\n```\n\n$$ {line} $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert errors == []
    return verify_family(families[0], SETTINGS)


def _diagnosis(line: str) -> Diagnosis:
    r = _chain(line)
    assert r.status is Status.REFUTED and r.steps[0].diagnosis is not None, r.reason
    return r.steps[0].diagnosis


def test_a_relation_repair_true_at_one_size_only_is_not_shown_as_the_authors_line_proved() -> None:
    """x² + k < x² + 2 fails at k = 2; ≤ holds there but not at k = 3. It was offered as the author's line,
    "did you mean ≤ x^2 + 2 (relax < to ≤)? PROVED", false at k = 3; now it is verified at every size first."""
    d = _diagnosis("x^2 + \\sum_{i=1}^{k} 1 < x^2 + 2")
    assert d.kind == "relation" and d.repair_at == "at n = 2", d
    assert d.said.endswith("PROVED (at n = 2)") and d.repair_verdict == "PROVED (at n = 2)"
    assert _chain("x^2 + \\sum_{i=1}^{k} 1 \\le x^2 + 2").status is Status.REFUTED  # false at k = 3 indeed


def test_a_relation_repair_true_at_every_size_is_the_authors_line() -> None:
    d = _diagnosis("\\sum_{i=1}^{k} x^2 < k x^2")
    assert d.kind == "relation" and d.repair == "k x^2" and d.relation == "\\le", d
    assert d.repair_at == "" and d.repair_verdict == "PROVED" and "(at n" not in d.said


def test_a_repair_at_the_refuted_size_keeps_its_size_on_the_pages() -> None:
    """(x + y)² k = k x² + k y²: the repair 2x² + 4xy + 2y² holds at k = 2 only; the sentence said "(at n = 2)" but
    the HTML report and the page showed "did you mean = 2x² + 4xy + 2y²? PROVED" alone."""
    d = _diagnosis("(x + y)^2 \\sum_{i=1}^{k} 1 = k x^2 + k y^2")
    assert d.repair and d.repair_at == "at n = 2" and d.said.endswith("PROVED (at n = 2)"), d
    assert "PROVED (at n = 2)" in diagnosis_html(d)
    assert "PROVED (at n = 2)" in fragments.diagnosis(d)
