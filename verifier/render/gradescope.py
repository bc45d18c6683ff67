"""One submission's grades in the format Gradescope's autograder reads (/autograder/results/results.json).

Gradescope's documented fields: a top-level ``score`` (or per-test scores), ``tests``
(each with ``name``, ``score``, ``max_score``, ``output`` and ``visibility``: "hidden",
"after_due_date", "after_published" or "visible"), ``output`` and ``execution_time``.
One test per reference claim, worth the reference's ``@claim(points=…)`` (default 1);
the integrity notes go in a test of 0 points that only the staff sees ("hidden").
Every output and name is declared plain ``text`` (Gradescope escapes it; its default
would render HTML or Markdown), so a student's text can never become markup there.
"""

from __future__ import annotations

from typing import Any

from verifier.grading.report import ClaimGrade, GradeReport, StudentRow
from verifier.render.grades import grade_counterexample

VISIBLE, HIDDEN = "visible", "hidden"
TEXT = "text"  # Gradescope shows it as plain text, escaped


def _output(g: ClaimGrade) -> str:
    lines = [f"{g.status}" + (f": {g.reason}" if g.reason else "")]
    if g.written:
        lines.append(f"your claim: {g.written}")
    if g.wrong_step:
        lines.append(f"first wrong step ({g.first_wrong_step}): {g.wrong_step}")
    if g.found is not None:
        lines.append(grade_counterexample(g))
    return "\n".join(lines)


def _test(g: ClaimGrade, points: float) -> dict[str, Any]:
    return {
        "name": g.reference,
        "score": points if g.met else 0.0,
        "max_score": points,
        "status": "passed" if g.met else "failed",
        "output": _output(g),
        "output_format": TEXT,
        "name_format": TEXT,
        "visibility": VISIBLE,
    }


def results(report: GradeReport, row: StudentRow) -> dict[str, Any]:
    """Gradescope's results.json for one student's row."""
    tests = [_test(g, float(report.points.get(g.reference, 1))) for g in row.grades]
    if row.integrity:
        tests.append({"name": "integrity", "score": 0.0, "max_score": 0.0, "status": "failed",
                      "output": "\n".join(row.integrity), "output_format": TEXT, "visibility": HIDDEN})  # fmt: skip
    summary = f"{row.score}/{len(row.grades)} claims met" + (f"; {row.problem}" if row.problem else "")
    return {
        "score": sum(t["score"] for t in tests),
        "execution_time": round(report.seconds, 3),
        "output": summary,
        "output_format": TEXT,
        "test_output_format": TEXT,
        "test_name_format": TEXT,
        "visibility": VISIBLE,
        "tests": tests,
    }
