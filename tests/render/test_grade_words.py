"""A grade's counterexample is data; the renderers word it, from what the row may show (scrubbed)."""

from __future__ import annotations

from pathlib import Path

from verifier.grading.report import ClaimGrade, GradeReport, StudentRow, WrittenLine
from verifier.grading.shown import host_roots, scrub_row
from verifier.outcome import Counterexample, Status
from verifier.render import feedback, gradescope
from verifier.render.grades import grade_compared, grade_counterexample, report_json

CX = Counterexample(2, {"x": [1.0, 0.5]}, "3.0", "4.0", "=", "1.0", 50, entries=((1,),))


def test_a_claims_counterexample_is_worded_as_claimed_and_observed() -> None:
    grade = ClaimGrade("gradient", Status.REFUTED, "gradient", "name", found=CX)
    assert grade_compared(grade) == "claimed 3.0, observed 4.0"
    assert grade_counterexample(grade) == (
        "counterexample (n = 2, entry 1, at x = [1.0, 0.5]): claimed 3.0, observed 4.0 (confirmed at 50 digits)"
    )
    assert grade_counterexample(ClaimGrade("gradient", Status.PROVED)) == ""


def test_a_chains_counterexample_is_worded_by_line_at_its_first_wrong_step() -> None:
    lines = [WrittenLine(0, "", "a"), WrittenLine(1, "=", "b", "", "PROVED"), WrittenLine(2, "=", "c", "", "REFUTED")]
    grade = ClaimGrade("chain", Status.REFUTED, "chain", "name", "", 2, found=CX, lines=lines)
    assert grade_compared(grade) == "claimed e₂ = 3.0 (this line), observed e₁ = 4.0 (the line before)"


def test_the_feedback_and_gradescope_quote_the_scrubbed_counterexample(tmp_path: Path) -> None:
    folder = tmp_path / "course" / "submissions" / "s1"
    folder.mkdir(parents=True)
    found = Counterexample(1, {"w\x1b[31m": "at " + str(folder / "x.py")}, "1", "2", "=", "1", 50,
                           note=f"see {folder / 'notes.txt'}\x07")  # fmt: skip
    row = StudentRow("s1", ["x.py"], [ClaimGrade("c", Status.REFUTED, "c", "name", found=found)])
    row = scrub_row(row, host_roots(folder, folder.parent, str(tmp_path / "course" / "ref.py")))
    report = GradeReport("ref.py", ["c"], [row], 1.0, "")
    page, out = feedback.student_page(report, row), gradescope.results(report, row)
    worded = grade_counterexample(row.grades[0]) + (row.grades[0].found.note if row.grades[0].found else "")
    for text in (worded, page, str(out)):
        assert str(tmp_path) not in text and "\x1b" not in text and "\x07" not in text
    assert "x.py" in worded and "w\\x1b[31m" in worded  # a result holds no control character: ESC as its escape


def test_the_grades_json_keeps_the_worded_fields_of_earlier_versions_and_reads_back() -> None:
    grade = ClaimGrade("gradient", Status.REFUTED, "gradient", "name", found=CX)
    row = StudentRow("s1", ["x.py"], [grade, ClaimGrade("hessian", Status.PROVED)])
    report = GradeReport("ref.py", ["gradient", "hessian"], [row], 1.0, "")
    data = report_json(report)
    refuted, proved = data["students"][0]["grades"]
    assert refuted["counterexample"] == grade_counterexample(grade)
    assert refuted["compared"] == "claimed 3.0, observed 4.0"
    assert proved["counterexample"] == "" and proved["compared"] == ""
    assert refuted["found"]["claimed"] == "3.0"  # the data beside the words
    assert GradeReport.from_json(data).rows[0].grades[0] == grade
