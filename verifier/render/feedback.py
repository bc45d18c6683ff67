"""Feedback a teaching assistant can hand back: one Markdown page per student, and the course's summary.

A student's page shows, per reference claim, their claim as written, the verdict and
why, the counterexample (found at the reference's size, where the student's claim was
verified), and a chain's first wrong line. The summary (``index.md``) gives each claim's
pass rate and the class's most common wrong verdicts. Renderers compute nothing: every
line comes from the :class:`GradeReport`. Text from a submission is shown in code
blocks (fenced longer than any run of backticks in it) or escaped by :func:`md_text`,
never as Markdown or HTML it could shape: ``<`` ``>`` ``&`` become entities, every
mark that could open emphasis, code, a table cell, a link, an image or math is
backslash-escaped, and ``://`` and ``www.`` are broken so that no autolink forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from verifier.grading.report import ClaimGrade, GradeReport, StudentRow
from verifier.grading.summary import CourseSummary, summarise
from verifier.render.grades import grade_counterexample, step_credit
from verifier.run import files


def page_stems(students: list[str]) -> dict[str, str]:
    """Each student's page name without its suffix: inside the feedback folder, never the summary's (index),
    and one per student even where two names differ only in characters a file name cannot keep, or in case."""
    taken, out = {"index"}, {}
    for student in students:
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", student).lstrip(".") or "student"
        unique, k = stem, 2
        while unique.lower() in taken:
            unique, k = f"{stem}-{k}", k + 1
        taken.add(unique.lower())
        out[student] = unique
    return out


_MARKDOWN = re.compile(r"[\\`*\[\]|~#$@]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def md_text(text: object) -> str:
    """Text shown as itself in Markdown (one line): no emphasis, code, table cell, link, image or HTML."""
    one_line = re.sub(r"[\r\n]+", " ", str(text))
    escaped = _MARKDOWN.sub(lambda m: "\\" + m.group(0), one_line)
    escaped = re.sub(r"[&<>\"]", lambda m: _ENTITIES[m.group(0)], escaped)
    return escaped.replace("://", ":\\/\\/").replace("www.", "www\\.")


_cell = md_text


def _block(text: str, info: str = "text") -> list[str]:
    """A fenced code block, its fence longer than any run of backticks in the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, text, fence]


def _claim_section(g: ClaimGrade) -> list[str]:
    mark = "met" if g.met else "not met"
    lines = [f"## {_cell(g.reference)}: {g.status} ({mark})", ""]
    if g.matched and g.matched != g.reference:
        lines += [f"Graded from your claim {_cell(g.matched)} (it states the same thing under another name).", ""]
    if g.written:
        lines += ["Your claim, as written:", "", *_block(g.written), ""]
    if g.latex:
        lines += ["As it was checked (LaTeX):", "", *_block(g.latex, "latex"), ""]
    if g.reason:
        lines += [f"**Why:** {_cell(g.reason)}", ""]
    if g.wrong_step:
        lines += [f"**First wrong step** (step {g.first_wrong_step}):", "", *_block(g.wrong_step), ""]
    if g.found is not None:
        lines += ["**Counterexample** (at the reference's size):", "", *_block(grade_counterexample(g)), ""]
    return lines + _taught(g)


def _taught(g: ClaimGrade) -> list[str]:
    """Why the step is wrong (or, hints only, the kind of slip and where), and a chain's per-step credit."""
    lines: list[str] = []
    d = g.diagnosis
    if d is not None:
        lines += [f"**Why ({_cell(d.kind)}):** {_cell(d.said)}", ""]
    if d is not None and d.repair:
        repaired = _block(f"{d.relation} {d.repair}", "latex")
        lines += [f"The nearest correct line ({_cell(d.repair_verdict)}):", "", *repaired, ""]
    if g.steps_total:
        lines += [f"**Credit:** {_cell(step_credit(g))}.", ""]
    return lines


def student_page(report: GradeReport, row: StudentRow) -> str:
    """One student's feedback page."""
    lines = [f"# Feedback for {_cell(row.student)}", ""]
    lines += [
        f"Score: **{row.score}/{len(row.grades)}** claims met, graded against {_cell(Path(report.reference).name)}."
    ]
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


def _rates(summary: CourseSummary) -> list[str]:
    lines = ["| claim | met | pass rate | verdicts |", "|---|---|---|---|"]
    for c in summary.rates:
        rate = f"{100 * c.rate:.0f}%" if c.rate is not None else "–"
        verdicts = ", ".join(f"{status} {k}" for status, k in c.verdicts)
        lines.append(f"| {_cell(c.name)} | {c.met}/{c.students} | {rate} | {verdicts} |")
    return lines


def _mistakes(summary: CourseSummary) -> list[str]:
    if not summary.mistakes:
        return ["No claim was missed by a submission that could be read."]
    lines = ["| claim | verdict | students | for example |", "|---|---|---|---|"]
    for m in summary.mistakes:
        lines.append(f"| {_cell(m.claim)} | {m.status} | {len(m.students)} | {_cell(m.example[:160])} |")
    return lines


def course_summary(report: GradeReport) -> str:
    """The course at a glance: pass rate per claim, the most common wrong verdicts, and every student's page."""
    s = summarise(report)
    lines = [f"# Course summary: {_cell(Path(s.reference).name)}", ""]
    lines += [f"{s.students} students, {s.full_marks} with full marks, {len(s.flagged)} with integrity notes, "
              f"{len(s.unread)} not graded at all.", ""]  # fmt: skip
    lines += [f"Claims answer the reference {_cell(s.matching)}.", ""]
    lines += ["## Pass rate per claim", "", *_rates(s), "", "## Most common mistakes", "", *_mistakes(s)]
    if s.unread:
        lines += ["", "## Not graded at all", ""] + [f"- {_cell(who)}: {_cell(why)}" for who, why in s.unread]
    lines += ["", "## Students", "", "| student | score | integrity notes | page |", "|---|---|---|---|"]
    stems = page_stems([r.student for r in report.rows])
    for r in report.rows:
        page = stems[r.student] + ".md"
        lines.append(f"| {_cell(r.student)} | {r.score}/{len(r.grades)} | {len(r.integrity)} | [{page}]({page}) |")
    return "\n".join(lines) + "\n"


def write_pages(report: GradeReport, folder: str, suffix: str, summary: Callable[[GradeReport], str],
                page: Callable[[GradeReport, StudentRow], str]) -> list[str]:  # fmt: skip
    """The summary as index{suffix} and one page per student in folder (made if needed); the paths written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = [str(out / f"index{suffix}")]
    files.write_atomic(written[0], summary(report))
    stems = page_stems([r.student for r in report.rows])
    for row in report.rows:
        path = str(out / f"{stems[row.student]}{suffix}")
        files.write_atomic(path, page(report, row))
        written.append(path)
    return written


def write_feedback(report: GradeReport, folder: str) -> list[str]:
    """index.md and one Markdown page per student in folder; the paths written."""
    return write_pages(report, folder, ".md", course_summary, student_page)
