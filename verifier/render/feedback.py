"""Feedback a teaching assistant can hand back: one Markdown page per student, and the course's summary.

A student's page shows, per reference claim, their claim as written, the verdict and
why, the counterexample (found at the reference's size, where the student's claim was
verified), and a chain's first wrong line. The summary (``index.md``) gives each claim's
pass rate and the class's most common wrong verdicts. Renderers compute nothing: every
line comes from the :class:`GradeReport`. Text from a submission is shown in code
blocks or escaped table cells, never as Markdown it could shape.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from verifier.grading.report import MET, ClaimGrade, GradeReport, StudentRow
from verifier.render import files

TOP_MISTAKES = 10


def page_name(student: str) -> str:
    """A file name for a student's page that stays inside the feedback folder."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", student).lstrip(".") + ".md"


def _cell(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _block(text: str) -> list[str]:
    return ["```text", text.replace("```", "ʼʼʼ"), "```"]


def _claim_section(g: ClaimGrade) -> list[str]:
    mark = "met" if g.met else "not met"
    lines = [f"## {g.reference}: {g.status} ({mark})", ""]
    if g.matched and g.matched != g.reference:
        lines += [f"Graded from your claim `{_cell(g.matched)}` (it states the same thing under another name).", ""]
    if g.written:
        lines += ["Your claim, as written:", "", *_block(g.written), ""]
    if g.latex:
        lines += ["As it was checked:", "", "$$", g.latex.replace("$$", ""), "$$", ""]
    if g.reason:
        lines += [f"**Why:** {_cell(g.reason)}", ""]
    if g.wrong_step:
        lines += [f"**First wrong step** (step {g.first_wrong_step}):", "", *_block(g.wrong_step), ""]
    if g.counterexample:
        lines += ["**Counterexample** (at the reference's size):", "", *_block(g.counterexample), ""]
    return lines


def student_page(report: GradeReport, row: StudentRow) -> str:
    """One student's feedback page."""
    lines = [f"# Feedback for {_cell(row.student)}", ""]
    lines += [f"Score: **{row.score}/{len(row.grades)}** claims met, graded against `{Path(report.reference).name}`."]
    lines += ["", f"Files read: {_cell(', '.join(row.files) or 'none')}.", ""]
    if row.problem:
        lines += ["Problems reading your submission:", "", *_block(row.problem), ""]
    if row.integrity:
        lines += ["Integrity notes (what the sandbox refused):", ""] + [f"- {_cell(n)}" for n in row.integrity] + [""]
    lines += ["| claim | verdict |", "|---|---|"]
    lines += [f"| {_cell(g.reference)} | {g.status} |" for g in row.grades]
    lines.append("")
    for g in row.grades:
        lines += _claim_section(g)
    return "\n".join(lines).rstrip() + "\n"


def _rates(report: GradeReport) -> list[str]:
    lines = ["| claim | met | pass rate | verdicts |", "|---|---|---|---|"]
    for i, name in enumerate(report.claims):
        grades = [r.grades[i] for r in report.rows if i < len(r.grades)]
        met = sum(g.met for g in grades)
        rate = f"{100 * met / len(grades):.0f}%" if grades else "–"
        counts = Counter(g.status for g in grades)
        verdicts = ", ".join(f"{status} {k}" for status, k in counts.most_common())
        lines.append(f"| {_cell(name)} | {met}/{len(grades)} | {rate} | {verdicts} |")
    return lines


def _mistakes(report: GradeReport) -> list[str]:
    wrong = Counter((g.reference, g.status) for r in report.rows for g in r.grades if g.status not in MET)
    if not wrong:
        return ["No claim was missed."]
    lines = ["| claim | verdict | students | for example |", "|---|---|---|---|"]
    for (name, status), k in wrong.most_common(TOP_MISTAKES):
        example = next(g.reason for r in report.rows for g in r.grades if (g.reference, g.status) == (name, status))
        lines.append(f"| {_cell(name)} | {status} | {k} | {_cell(example[:160])} |")
    return lines


def course_summary(report: GradeReport) -> str:
    """The course at a glance: pass rate per claim, the most common wrong verdicts, and every student's page."""
    full = sum(r.full_marks for r in report.rows)
    lines = [f"# Course summary: {Path(report.reference).name}", ""]
    flagged = len(report.with_integrity_notes)
    lines += [f"{len(report.rows)} students, {full} with full marks, {flagged} with integrity notes.", ""]
    lines += [f"Claims answer the reference {report.matching}.", ""]
    lines += ["## Pass rate per claim", "", *_rates(report), "", "## Most common mistakes", "", *_mistakes(report)]
    lines += ["", "## Students", "", "| student | score | integrity notes | page |", "|---|---|---|---|"]
    for r in report.rows:
        page = page_name(r.student)
        lines.append(f"| {_cell(r.student)} | {r.score}/{len(r.grades)} | {len(r.integrity)} | [{page}]({page}) |")
    return "\n".join(lines) + "\n"


def write_feedback(report: GradeReport, folder: str) -> list[str]:
    """index.md and one page per student in folder (made if needed); the paths written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = [str(out / "index.md")]
    files.write_atomic(written[0], course_summary(report))
    for row in report.rows:
        path = str(out / page_name(row.student))
        files.write_atomic(path, student_page(report, row))
        written.append(path)
    return written
