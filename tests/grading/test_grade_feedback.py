"""Feedback pages and the course summary, rendered from hand-made grades (no sandbox, no engine)."""

from __future__ import annotations

import json
from pathlib import Path

from verifier.grading.report import ClaimGrade, GradeOutcome, GradeReport, StudentRow, WrittenLine
from verifier.grading.summary import summarise
from verifier.outcome import Counterexample, Status
from verifier.render import feedback, feedback_html

CX = Counterexample(1, {"X": [1.0], "lambda": 0.5}, "3.0", "4.0", "=", "1.0", 100, entries=((1,),))


def _report() -> GradeReport:
    ok = [
        ClaimGrade("gradient", Status.PROVED, "gradient", "name"),
        ClaimGrade("hessian", Status.PROVED, "hessian", "name"),
    ]
    wrong = ClaimGrade("gradient", Status.REFUTED, "gradient", "name", "counterexample at n = 1",
                       written="∇L = Xᵀ(Xw − y)", found=CX)  # fmt: skip
    missing = ClaimGrade("hessian", GradeOutcome.MISSING, reason="missing; did you mean hess?", suggested="hess")
    unread = [ClaimGrade(n, GradeOutcome.NOT_GRADED, reason="syntax error at line 3") for n in ("gradient", "hessian")]
    rows = [
        StudentRow("alice", ["a.py"], ok),
        StudentRow("bob", ["b.py"], [wrong, missing]),
        StudentRow("carol", ["c.py"], [wrong, missing]),
        StudentRow("dave", ["d.py"], unread, problem="syntax error at line 3"),
        StudentRow("eve", ["e.py"], ok, integrity=["integrity: tried to connect 1 time(s) to 1.1.1.1:80"]),
    ]
    return GradeReport("ref.py", ["gradient", "hessian"], rows, 2.0, "sandbox")


def test_the_summary_counts_each_claim_and_leaves_unread_submissions_out_of_the_mistakes() -> None:
    s = summarise(_report())
    assert (s.students, s.full_marks, s.flagged) == (5, 1, ("eve",))  # eve's notes cost her the full marks
    assert s.unread == (("dave", "syntax error at line 3"),)
    gradient = s.rates[0]
    assert (gradient.met, gradient.students, gradient.rate) == (2, 5, 0.4)
    assert dict(gradient.verdicts) == {"PROVED": 2, "REFUTED": 2, "NOT GRADED": 1}
    assert [(m.claim, m.status, m.students) for m in s.mistakes] == [
        ("gradient", "REFUTED", ("bob", "carol")),
        ("hessian", "MISSING", ("bob", "carol")),
    ]
    assert s.mistakes[1].example == "missing; did you mean hess?"


def test_the_html_pages_show_the_grade_the_counterexample_by_name_and_the_summary(tmp_path: Path) -> None:
    report = _report()
    written = feedback_html.write_feedback(report, str(tmp_path))
    assert sorted(Path(p).name for p in written) == ["alice.html", "bob.html", "carol.html", "dave.html",
                                                     "eve.html", "index.html"]  # fmt: skip
    bob = (tmp_path / "bob.html").read_text()
    assert "∇L = Xᵀ(Xw − y)" in bob and "Counterexample</b> at n = 1 (the reference's size), entry 1" in bob
    assert "<td><code>lambda</code></td><td><code>0.5</code></td>" in bob and "claimed 3.0, observed 4.0" in bob
    assert "your claim <code>hess</code> states the same thing" in bob
    index = (tmp_path / "index.html").read_text()
    assert "<td>gradient</td><td>2/5</td>" in index and "40%" in index
    assert '<a href="bob.html">bob</a>, <a href="carol.html">carol</a>' in index
    assert "<h2>Not graded at all</h2>" in index and "syntax error at line 3" in index
    assert "Content-Security-Policy" in index and "<script" not in index + bob


def test_a_chain_is_shown_line_by_line_with_its_first_wrong_step(tmp_path: Path) -> None:
    lines = [WrittenLine(0, "", r"\frac{\partial L}{\partial z_j}"), WrittenLine(1, "=", r"p_j - y_j", "", "PROVED"),
             WrittenLine(2, "=", r"2 p_j", r"since \sum_j y_j = 1", "REFUTED")]  # fmt: skip
    grade = ClaimGrade("gradient", Status.REFUTED, "gradient", "name", "step 2 is wrong", 2, lines=lines, found=CX)
    page = feedback_html.student_page(GradeReport("ref.md", ["gradient"], [], 1.0, ""), StudentRow("s", [], [grade]))
    wrong = page[page.index('<tr class="wrong">') :].split("</tr>")[0]
    assert "<td>2</td>" in wrong and "first wrong step" in wrong and "<math" in wrong and "since" in wrong
    assert page.count('<tr class="wrong">') == 1


def test_a_students_latex_cannot_put_markup_or_links_in_the_page() -> None:
    """latex2mathml copies \\text{...} unescaped and turns \\href into a link: both must be neutralised."""
    lines = [WrittenLine(1, "=", r"x + \text{<script>alert(1)</script>}", r"\href{javascript:alert(2)}{x}", "PROVED")]
    grade = ClaimGrade("c", Status.PROVED, "c", "name", "<img src=x onerror=alert(3)>",
                       written="<script>alert(4)</script>", lines=lines,
                       latex=r"\text{<b onclick=alert(5)>}")  # fmt: skip
    page = feedback_html.student_page(GradeReport("r.py", ["c"], [], 1.0, ""), StudentRow("<s>", [], [grade]))
    assert "<script" not in page and "javascript:" not in page and "<img" not in page and "<b " not in page
    assert "&lt;script&gt;" in page  # shown as text


def test_page_names_stay_distinct_and_never_replace_the_summary(tmp_path: Path) -> None:
    stems = feedback.page_stems(["a b", "a_b", "index", "A_B", "../x", ""])
    assert len(set(stems.values())) == 6 and "index" not in stems.values()
    assert all("/" not in s and not s.startswith(".") for s in stems.values())
    report = GradeReport("r.py", ["c"], [StudentRow(n, [], [ClaimGrade("c", Status.PROVED)]) for n in stems], 1.0, "")
    assert len(feedback_html.write_feedback(report, str(tmp_path))) == 7


def test_grades_keep_the_counterexample_and_the_chain_through_json() -> None:
    report = _report()
    report.rows[1].grades[0].lines = [WrittenLine(1, "=", "x", "", "PROVED")]
    again = GradeReport.from_json(json.loads(json.dumps(report.to_json())))
    grade = again.rows[1].grades[0]
    assert grade.found == CX and grade.lines == report.rows[1].grades[0].lines
