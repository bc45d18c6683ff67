"""A student's text reaches every report as text: no live markup in the Markdown report, and no control
character (an ESC that colours or overwrites a terminal line) in any result (red team 102)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from markdown_it import MarkdownIt
from rich.console import Console

from verifier.outcome import ClaimResult, Expect, ProofEvidence, RunReport, Status, StepResult
from verifier.render import junit, markdown, terminal

SCRIPT = "<script>alert(1)</script>"
ESC = "\x1b[31mRED\x1b[0m"


def _step(index: int, text: str, reason: str) -> StepResult:
    return StepResult(index, "=", text, "", "", reason, Status.PROVED, "proved (exact)")


def _hostile() -> ClaimResult:
    steps = [
        _step(1, "x \\cdot x", f"by {SCRIPT}"),
        _step(2, "|x y|", "since |ab| = |a||b| and `code` [link](javascript:alert(2))"),
        _step(3, "x", f"by {ESC}"),
    ]
    return ClaimResult(
        "chain", "homework", "chain", f"doc <img src=x onerror=alert(3)> {ESC}", Expect.HOLDS, Status.PROVED,
        f"3 steps PROVED {SCRIPT}", steps=steps, notes="a & b <b>bold</b>",
    )  # fmt: skip


def test_the_markdown_report_has_no_live_markup_and_keeps_its_table() -> None:
    text = markdown.render(RunReport([_hostile()], seed=0, samples=60, seconds=1.0))
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as written
    rows = [line for line in html.splitlines() if line.startswith("<tr>")]
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == 3 and body.count("<td>PROVED</td>") == 3, body
    assert "<code>|x y|</code>" in body and "|ab| = |a||b|" in body
    assert "`code`" in body  # a backtick in a reason is shown, not taken for a code span
    assert rows


def test_no_result_holds_a_control_character_and_the_terminal_prints_none() -> None:
    result = _hostile()
    assert "\x1b" not in result.statement and "\x1b" not in result.steps[2].reason
    assert "\\x1b[31mRED" in result.steps[2].reason  # written as its escape, visible
    proof = ProofEvidence(1, "rule", "exact", 0.0, assumptions=("y\x1b[31m ∈ ℝ",))
    assert proof.assumptions == ("y\\x1b[31m ∈ ℝ",)  # a symbol's name in the assumptions too (red team 105)
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=False, color_system=None)
    terminal.render(console, RunReport([result], seed=0, samples=60, seconds=1.0), verbose=True)
    terminal.chains(console, RunReport([result], seed=0, samples=60, seconds=1.0), verbose=True)
    assert "\x1b" not in out.getvalue()


BIDI = "\u202eDEVORP\u202c \u2067x\u2069 \u200f"  # right-to-left override: the rest of a line drawn reversed


def test_no_result_holds_a_bidirectional_override_and_the_terminal_prints_none() -> None:
    """A U+202E in a student's text reversed the rest of its terminal line or Markdown row: a row with
    "s1_\u202eDEVORP │ 0/1 │ REFUTED" was drawn "s1_│ DETUFER │ 1/0 │ PROVED" (red team 122)."""
    step = _step(1, "x", f"by {BIDI}")
    result = ClaimResult("chain", "homework", "chain", f"doc {BIDI}", Expect.HOLDS, Status.PROVED, "1 step",
                         steps=[step], notes=BIDI)  # fmt: skip
    assert "\\u202eDEVORP\\u202c" in result.statement and "\\u2067x\\u2069 \\u200f" in result.notes
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=False, color_system=None)
    report = RunReport([result], seed=0, samples=60, seconds=1.0)
    terminal.render(console, report, verbose=True)
    terminal.chains(console, report, verbose=True)
    shown = out.getvalue() + markdown.render(report)
    assert not any(c in shown for c in "\u202e\u202c\u2067\u2069\u200f"), shown


def test_the_junit_report_stays_well_formed_xml_whatever_a_name_holds() -> None:
    """`% claim: sq\uffff` (or a file named so) put a character XML 1.0 forbids in the JUnit report: a CI system's
    parser refused the whole file, "not well-formed (invalid token)" (red team 122). Each is written as its escape."""
    odd = "sq\ufffe\uffff\ud800<b>]]>&"
    result = ClaimResult(odd, odd, odd, odd, Expect.HOLDS, Status.REFUTED, f"1 step REFUTED {odd}",
                         steps=[_step(1, "x", odd)])  # fmt: skip
    text = junit.render(RunReport([result], seed=0, samples=60, seconds=1.0))
    case = ET.fromstring(text.encode()).find("testsuite/testcase")
    assert case is not None and case.get("name") == "sq\\ufffe\\uffff\\ud800<b>]]>&"


def test_the_html_report_forbids_every_script_as_the_feedback_pages_do() -> None:
    """The report of `verifier check --html` typesets a student's own lines (a TA checks a student's .md), yet
    unlike the feedback pages it had no Content-Security-Policy: one escaping slip would have run (red team 122)."""
    from verifier.render import html

    page = html.render(RunReport([_hostile()], seed=0, samples=60, seconds=1.0))
    head = page[: page.index("</head>")]
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in head


def test_a_symbol_named_as_markup_is_text_in_the_typeset_claim() -> None:
    """sympy writes MathML's text nodes unescaped (so that they can hold &InvisibleTimes;): a Python claim's symbol
    named <img src=x onerror=alert(1)> was live markup in the HTML report, in the claim's typeset math."""
    import sympy as sp

    from verifier.engine import mathtext

    named = sp.Symbol("<img src=x onerror=alert(1)>")
    typeset = mathtext.mathml(2 * named + sp.Function("<b>f")(named))
    assert "<img" not in typeset and "<b>" not in typeset, typeset
    assert "&lt;img src=x onerror=alert(1)&gt;" in typeset
    assert "&InvisibleTimes;" in typeset, "sympy's own entities stay entities"
    ET.fromstring(f"<math>{typeset.replace('&InvisibleTimes;', '&#x2062;')}</math>")  # well-formed XML
