"""Issue 17's LaTeX library and implication steps: every LaTeX student chain names its planted
step, no correct LaTeX chain has a wrong step, and A ⇒ B is proved, checked, refuted or unknown."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sympy as sp

from tests.support import ROOT
from verifier import Positive, Real, Step
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.frontends.latex.document import ChainSource, split
from verifier.language.claims import Expect
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain, Relation
from verifier.outcome import Status

pytest.importorskip("lark")

SETTINGS = EngineSettings(samples=40)
FILES = sorted([*(ROOT / "derivations").glob("*.md"), *(ROOT / "derivations").glob("*.tex")])


def _sources(path: Path) -> list[tuple[str, ChainSource]]:
    """Each chain's name and marks as the file gives them, read without building it (as load_text names it)."""
    doc = split(path.read_text(encoding="utf-8"), str(path))
    return [(source.name or f"{path.stem}_{i}", source) for i, source in enumerate(doc.chains, start=1)]


# collected by each xdist worker: the chains are named here from the text, and each is built (every gate, at
# every size) by its own test only, once in the run, not by every worker at collection (19 s of CPU each)
SOURCES = [(path, name, source) for path in FILES for name, source in _sources(path)]
PLANTED = [pytest.param(p, name, id=f"{p.name}:{name}") for p, name, s in SOURCES if s.expect == "refuted"]
CORRECT = [pytest.param(p, name, id=f"{p.name}:{name}") for p, name, s in SOURCES if s.expect != "refuted"]


def _loaded(path: Path, name: str) -> ClaimFamily:
    """The chain `name` of the file, built as a worker of verify-all builds it; it reads without an error."""
    families, errors = latex.load(path, only=name)
    assert errors == [], errors
    (family,) = families
    return family


def _smallest(family: ClaimFamily) -> ClaimFamily:
    """The family at its smallest size only (verify-all checks every size)."""
    return dataclasses.replace(family, n_values=family.n_values[:1])


def test_the_latex_library_has_twenty_planted_chains_and_every_file_loads() -> None:
    # the files' own parts (declarations, the chains' layout); each chain's errors: its own test (_loaded)
    unread = {path.name: latex.load(path, only="")[1] for path in FILES}  # only "": no chain is named ""
    assert {name: errors for name, errors in unread.items() if errors} == {}
    assert len(PLANTED) >= 20
    assert all(source.planted for _, _, source in SOURCES if source.expect == "refuted")


@pytest.mark.parametrize(("path", "name"), PLANTED)
def test_every_latex_student_chain_names_its_planted_step(path: Path, name: str) -> None:
    # every size: a slip may show only at a larger one (AM–GM of 2 numbers); without the diagnosis after the first
    # wrong step, which nothing here reads (every verdict is decided before it; tests/engine/test_diagnose*.py)
    family = _loaded(path, name)
    assert family.expect is Expect.REFUTED and family.planted is not None
    r = verify_family(family, dataclasses.replace(SETTINGS, diagnose=False))
    assert r.status is Status.REFUTED, r.reason
    assert r.first_wrong_step == family.planted, r.reason
    assert r.reason.startswith(f"step {family.planted} of {len(r.steps)} is wrong"), r.reason
    assert r.steps[family.planted - 1].counterexample is not None  # type: ignore[operator]
    assert r.met


# the one correct chain that is not proved: an implication that is no rearrangement (x ≥ 1 ⇒ x² ≥ 1), checked
# where its premise holds (test_an_implication_that_is_no_rearrangement_is_checked_where_the_premise_holds)
CHECKED_ONLY = {"latex_implications.md:squaring"}


@pytest.mark.parametrize(("path", "name"), CORRECT)
def test_no_correct_latex_chain_has_a_wrong_step(path: Path, name: str) -> None:
    """Each is PROVED, its end result too (issue 27's homework among them), at its smallest size here; verify-all
    checks every size against the baseline in CI."""
    family = _loaded(path, name)
    assert family.expect is Expect.HOLDS
    r = verify_family(_smallest(family), SETTINGS)
    want = Status.CHECKED if f"{path.name}:{name}" in CHECKED_ONLY else Status.PROVED
    assert r.status is want and r.end_result == want.value, r.reason
    assert not any(step.status is Status.REFUTED for step in r.steps), r.reason


DECLARE = "```verifier\na, b, c, x: real; s: positive\n```\n\n"


def test_a_planted_step_that_is_not_the_first_wrong_one_does_not_meet_the_expectation() -> None:
    text = DECLARE + "% claim: slip\n% expect: refuted\n% planted: 1\n$$ (a + b)^2 = a^2 + 2ab + b^2 = a^2 + b^2 $$\n"
    (family,), errors = latex.parse_chains(text, "p.md", "p")
    r = verify_family(family, SETTINGS)
    assert errors == [] and r.status is Status.REFUTED and r.first_wrong_step == 2
    assert not r.met
    assert "the planted slip is step 1, but step 2 was named" in r.reason


@pytest.mark.parametrize(
    ("chain", "at", "phrase"),
    [
        ("% expect: refuted\n% planted: 3\n$$ a = a + 0 $$", (7, 1), "planted: 3; give the step of the slip, 1..1"),
        ("% planted: 1\n$$ a = a + 1 $$", (6, 1), "add `% expect: refuted`"),
        ("$$ a \\le b \\implies a + c $$", (6, 21), "this statement has no relation"),
        ("$$ a = b = c \\implies a = c $$", (6, 12), "this statement has more than one relation"),
        ("$$ a \\le b $$\n$$ \\Rightarrow x $$", (7, 16), "this statement has no relation"),
    ],
)
def test_malformed_planted_marks_and_implications_are_one_positioned_line(
    chain: str, at: tuple[int, int], phrase: str
) -> None:
    text = DECLARE + "% claim: bad\n" + chain + "\n\n% claim: good\n$$ a \\le b \\implies a + c \\le b + c $$\n"
    families, errors = latex.parse_chains(text, "m.md", "m")
    assert [f.name for f in families] == ["good"]
    ((_, message),) = errors
    assert "\n" not in message and message.startswith(f"m.md:{at[0]}:{at[1]}: "), message
    assert phrase in message, message


x, w, y, lam, a, b, c = sp.symbols("x w y lambda a b c")
REALS = {a: Real(), b: Real(), c: Real(), x: Real(), w: Real(), y: Real()}


def _verify(start: Relation, *steps: tuple[str, Relation], where: dict[object, object] | None = None) -> object:
    chain = Chain(start, tuple(Step(op, rel, "why") for op, rel in steps), where=where or REALS)  # type: ignore[arg-type]
    family = ClaimFamily("imp", "t", "imp", lambda: chain, (None,), (), Expect.HOLDS, "")
    return verify_family(family, SETTINGS)


def test_an_exact_transformation_is_proved_and_the_stationary_point_follows() -> None:
    where = {**REALS, lam: Positive()}
    r = _verify(
        Relation(2 * x * (x * w - y) + 2 * lam * w, "=", 0),
        ("=>", Relation((x**2 + lam) * w, "=", x * y)),
        ("<=>", Relation(w, "=", x * y / (x**2 + lam))),
        where=where,  # type: ignore[arg-type]
    )
    assert r.status is Status.PROVED, r.reason  # type: ignore[attr-defined]
    assert r.end_result == "PROVED"  # type: ignore[attr-defined]


def test_an_implication_that_is_no_rearrangement_is_checked_where_the_premise_holds() -> None:
    r = _verify(Relation(x, ">=", 1), ("=>", Relation(x**2, ">=", 1)))
    assert r.status is Status.CHECKED, r.reason  # type: ignore[attr-defined]
    assert "x + 1 not provably nonnegative" in r.reason  # type: ignore[attr-defined]


def test_dividing_by_a_quantity_that_may_be_negative_is_refuted_with_a_confirmed_counterexample() -> None:
    r = _verify(Relation(a, "<=", b), ("=>", Relation(a / c, "<=", b / c)))
    assert r.status is Status.REFUTED and r.first_wrong_step == 1, r.reason  # type: ignore[attr-defined]
    cx = r.counterexample  # type: ignore[attr-defined]
    at = {a: sp.Rational(cx.values["a"]), b: sp.Rational(cx.values["b"]), c: sp.Rational(cx.values["c"])}
    assert at[a] <= at[b] and not (at[a] / at[c] <= at[b] / at[c])


def test_a_converse_that_fails_refutes_an_iff() -> None:
    r = _verify(Relation(x, ">=", 1), ("<=>", Relation(x**2, ">=", 1)))
    assert r.status is Status.REFUTED, r.reason  # type: ignore[attr-defined]
    assert r.counterexample.values["x"] <= -1  # type: ignore[attr-defined]


def test_a_premise_that_cannot_be_sampled_or_solved_is_unknown_with_its_reason() -> None:
    r = _verify(Relation(x**2 + y**2, "=", 1), ("=>", Relation(x, "<=", 1)))
    assert r.status is Status.UNKNOWN  # type: ignore[attr-defined]
    assert "cannot be solved for a declared symbol" in r.reason  # type: ignore[attr-defined]


def test_a_chain_mixing_statements_and_expressions_is_an_error() -> None:
    r = _verify(Relation(a, "<=", b), ("=", a + 1))  # type: ignore[arg-type]
    assert r.status is Status.ERROR and "a chain of statements joins them with =>, <=>" in r.reason  # type: ignore[attr-defined]


def test_the_html_report_typesets_the_students_own_lines_and_the_first_line() -> None:
    from verifier.outcome import RunReport
    from verifier.render import html

    family = _loaded(ROOT / "derivations" / "latex_gelu.md", "gelu_derivative_student")
    r = verify_family(family, SETTINGS, source="derivations/latex_gelu.md")
    assert r.start_written == r"\frac{d}{dx} x \Phi(x)"
    assert [s.written for s in r.steps][1] == r"\Phi(x) + x \phi(x)"
    page = html.render(RunReport(results=[r], seed=0, samples=40, seconds=1.0))
    steps = page[page.index('<table class="steps">') :]
    first_row = steps[steps.index("<tr><td>0</td>") : steps.index("</tr>", steps.index("<tr><td>0</td>"))]
    assert "<mfrac>" in first_row and "<mi>d</mi>" in first_row, "e₀ is typeset from d/dx x Φ(x) as written"
    assert "\\frac" not in steps, "no LaTeX source in place of a typeset line"
    # what the reader understood is shown under each line (issue 37): short here, so not folded away
    assert '<div class="reading">read as <span class="math"><math' in first_row
    assert "since <math" in steps, "a reason keeps its words and typesets its math"
    assert '<p class="stmt">' not in page, "a chain's lines replace its raw source as the heading"
    verdict = page[page.index("<dt>verdict</dt>") : page.index("</dd>", page.index("<dt>verdict</dt>"))]
    assert "step 3 of 3 is wrong (= <math" in verdict, "the wrong line in the verdict is typeset as written"
    assert "\\frac" not in verdict and "\\Phi" not in verdict and "note:" not in verdict
    note = page[page.index("<dt>note</dt>") : page.index("</dd>", page.index("<dt>note</dt>"))]
    assert "<mi>Φ</mi></mrow></math> read as the standard normal CDF" in note
    assert "(declare <code>\\Phi: real</code> for a variable)" in note, "what to write stays as code"


def test_a_long_reading_is_folded_away_and_a_short_one_shown() -> None:
    from verifier.render import html

    short = html._line("x", "<math><mi>x</mi></math>", "x")
    assert 'class="reading">read as' in short and "<details>" not in short
    long = html._line("x", "<math>" + "<mi>x</mi>" * 1000 + "</math>", "x")
    assert "<summary>as verified</summary>" in long and 'class="reading"' not in long


def test_a_row_that_goes_on_is_joined_to_the_row_above_and_keeps_its_columns() -> None:
    display = "\\begin{aligned} (x+1)^2 &= x^2 + 2x \\\\ &\\quad + 1 \\\\ &= 1 + 2x + x^2 \\end{aligned}"
    text = f"```verifier\nx: real\n```\n$$ {display} $$\n"
    doc = split(text, "f.md")
    assert not doc.errors and len(doc.chains) == 1
    first, second = (" ".join(d.text.split()) for d in doc.chains[0].displays)
    # the row break is kept as a thin space: a bare function's argument does not run on past it; the indentation
    # after it (&\\quad) is layout, blanked: a wide space there sets nothing apart (gaps.py)
    assert first == "(x+1)^2 = x^2 + 2x \\, + 1" and second == "= 1 + 2x + x^2"
    assert doc.chains[0].displays[1].origin.col == text.split("\n")[3].index("\\\\ &=") + 3  # offsets stay true


def test_a_line_break_in_a_plain_display_starts_a_new_chain_and_a_second_equation_in_a_column_is_refused() -> None:
    doc = split("$$ x^2 = x \\\\ x = x^2 $$\n$$ a &= b & c &= d $$\n$$ a &= b && \\text{by parts} $$\n", "f.md")
    assert [[" ".join(d.text.split()) for d in c.displays] for c in doc.chains] == [
        ["x^2 = x"], ["x = x^2"], ["a = b c = d"], ["a = b \\text{by parts}"]
    ]
    refused = [d.refused for c in doc.chains for d in c.displays]
    assert refused[:2] == ["", ""] and "own row" in refused[2] and refused[3] == ""


def test_a_name_declared_twice_or_in_two_fonts_is_refused_and_alike_twice_is_not() -> None:
    from verifier.frontends.latex.declarations import parse_block
    from verifier.frontends.latex.document import Text
    from verifier.frontends.latex.errors import Origin

    def errors(block: str) -> list[str]:
        return [str(e) for e in parse_block([Text(block, Origin("f.md", 1, 1))]).errors]

    assert "x is declared twice, with domain positive and negative" in errors("x: positive; x: negative")[0]
    assert errors("x: positive; x: real") == errors("x: real; x: positive") == []  # both hold: x is positive
    assert "L and \\mathcal{L} are one name here" in errors("L: real; \\mathcal{L}: positive")[0]
    assert errors("u, v: vectors of size k; u: vector of size k; k: 2..3; k: 2..3") == []
    assert errors("A: matrix k×k; A: symmetric; k: 2..3") == []
