"""Feedback as self-contained HTML: one page per student that a TA can hand back, and the course summary.

A student's page shows, per reference claim, their claim as written (a chain's lines
typeset from their own LaTeX, the first wrong step marked), the claim as it was checked
(typeset), the verdict and why, and the counterexample at the reference's size with its
values by name. The summary (``index.html``) shows each claim's pass rate, the class's
most common wrong verdicts and every student's row, linked to their page.

No script, no network: the pages carry their own CSS, math is native MathML, and a
Content-Security-Policy forbids loading anything. Everything that came from a submission
is escaped, and its LaTeX goes through :mod:`verifier.render.typeset`'s allow-list.
Renderers compute nothing: every number comes from the report and its summary.
"""

from __future__ import annotations

import html
from pathlib import Path

from verifier.grading.report import ClaimGrade, GradeOutcome, GradeReport, StudentRow, WrittenLine
from verifier.grading.summary import ClaimRate, CourseSummary, Mistake, summarise
from verifier.outcome import Counterexample
from verifier.render import counterexample as cx_text
from verifier.render import typeset
from verifier.render.feedback import page_stems, write_pages
from verifier.render.grades import grade_compared, step_credit
from verifier.render.html import COLORS, CSS

GRADE_COLORS = {
    **{s.value: c for s, c in COLORS.items()},
    GradeOutcome.MISSING.value: "#cf222e",
    GradeOutcome.DIFFERENT.value: "#bc4c00",
    GradeOutcome.NOT_GRADED.value: "#6e7781",
}
MARKS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "=>": "⇒", "<=>": "⇔"}
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
EXTRA_CSS = """
.integrity{background:#ffebe9;border-left:4px solid #cf222e;padding:8px 12px;margin:12px 0}
.written{font:17px/1.5 "STIX Two Text","Cambria Math",serif;margin:2px 0}
table.values{border-collapse:collapse;margin:6px 0;font-size:13px}
table.values td{padding:1px 10px 1px 0;vertical-align:top}
.bar{display:inline-block;height:10px;background:#1a7f37;border-radius:2px;vertical-align:middle}
.barbox{display:inline-block;width:120px;height:10px;background:#eaeef2;border-radius:2px;margin-right:6px}
.muted{color:#57606a}
dl{grid-template-columns:150px minmax(0,1fr)}
div.math.left{display:flex}
.flag{color:#cf222e;font-size:12px;font-weight:600}
"""


def _esc(text: object) -> str:
    return html.escape(str(text))


def badge(status: str) -> str:
    return f'<span class="badge" style="background:{GRADE_COLORS.get(status, "#57606a")}">{_esc(status)}</span>'


def _page(title: str, heading: str, subtitle: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{_esc(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CSS}{EXTRA_CSS}</style></head>
<body><header><h1>{_esc(heading)}</h1><div>{subtitle}</div></header>
<main>{body}</main></body></html>
"""


def _values(cx: Counterexample) -> str:
    cells = [f"<td><code>{_esc(k)}</code></td><td><code>{_esc(v)}</code></td>" for k, v in cx.values.items()]
    rows = "".join(f"<tr>{c}</tr>" for c in cells)
    return f'<table class="values">{rows}</table>' if rows else ""


def counterexample_box(g: ClaimGrade) -> str:
    """The counterexample: where (the size, the entries), the values by name, what was claimed and observed."""
    cx = g.found
    if cx is None:
        return ""
    size = f"at n = {cx.n} (the reference's size)" if cx.n is not None else "(no size: a scalar claim)"
    entries = f", {_esc(cx_text.entries_text(cx))}" if cx.entries else ""
    note = f"<br>{_esc(cx.note)}" if cx.note else ""
    return (
        f'<div class="cx"><b>Counterexample</b> {size}{entries}, {cx_text.confirmed(cx)}{_values(cx)}'
        f"{_esc(grade_compared(g))}{note}</div>"
    )


def _line_row(line: WrittenLine, wrong: int | None) -> str:
    marked = line.index == wrong and wrong is not None
    status = badge(line.status) if line.status else ""
    label = "<br><b>first wrong step</b>" if marked else ""
    mark = _esc(MARKS.get(line.relation, line.relation))
    return (
        f'<tr class="{"wrong" if marked else ""}"><td>{line.index}</td><td>{mark}</td><td>{typeset.formula(line.latex)}'
        f"</td><td>{typeset.reason(line.reason)}</td><td>{status}{label}</td></tr>"
    )


def chain_table(g: ClaimGrade) -> str:
    """A chain's lines as the student wrote them, each step's verdict, the first wrong step marked."""
    head = "<tr><th>line</th><th></th><th>as you wrote it</th><th>because</th><th>verdict</th></tr>"
    return f'<table class="steps">{head}{"".join(_line_row(x, g.first_wrong_step) for x in g.lines)}</table>'


def _as_written(g: ClaimGrade) -> str:
    if g.lines:
        return chain_table(g)
    return f'<p class="written">{_esc(g.written)}</p>' if g.written else ""


def _as_checked(g: ClaimGrade) -> str:
    if not g.latex:
        return ""
    shown = typeset.mathml(g.latex, display=True) or f"<code>{_esc(g.latex)}</code>"
    math = f'<div class="math left">{shown}</div>'
    return f"<details><summary>the chain as it was checked</summary>{math}</details>" if g.lines else math


def _taught(g: ClaimGrade) -> list[tuple[str, str]]:
    """Why the step is wrong (hints only: its kind and where), the repair typeset with its edit underlined,
    and a chain's per-step credit."""
    d, rows = g.diagnosis, []
    if d is not None:
        rows.append((f"why ({_esc(d.kind)})", _esc(d.why or d.edit)))
    if d is not None and d.repair:
        line = typeset.formula(f"{d.relation} {d.repair_marked or d.repair}")
        at = f" ({_esc(d.repair_at)})" if d.repair_at else ""
        rows.append(("did you mean", f"{line} ({_esc(d.edit)}) {badge(d.repair_status)}{at}"))
    if g.steps_total:
        rows.append(("credit", _esc(step_credit(g))))
    return rows


def claim_section(g: ClaimGrade) -> str:
    """One reference claim on a student's page."""
    rows: list[tuple[str, str]] = []
    if g.matched and g.matched != g.reference:
        rows.append(("graded from", f"your claim <code>{_esc(g.matched)}</code> (it states the same thing)"))
    if g.suggested:
        rows.append(("did you mean", f"your claim <code>{_esc(g.suggested)}</code> states the same thing, but the "
                     f"claim must be named <code>{_esc(g.reference)}</code>"))  # fmt: skip
    written, checked = _as_written(g), _as_checked(g)
    rows += [("your claim, as written", written)] if written else []
    rows += [("as it was checked", checked)] if checked else []
    rows.append(("verdict", f"{badge(g.status)} {_esc(g.reason)}"))
    if g.wrong_step and not g.lines:
        rows.append((f"first wrong step ({g.first_wrong_step})", f"<code>{_esc(g.wrong_step)}</code>"))
    rows += _taught(g)
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    unmet = "" if g.met else " unmet"
    mark = "met" if g.met else "not met"
    return (
        f'<section class="claim{unmet}" id="claim-{_esc(g.reference)}"><h3>{badge(g.status)} {_esc(g.reference)} '
        f'<span class="muted">({mark})</span></h3><dl>{dl}</dl>{counterexample_box(g)}</section>'
    )


def student_page(report: GradeReport, row: StudentRow) -> str:
    """One student's feedback page."""
    total = len(row.grades)
    subtitle = f"{row.score}/{total} claims met · graded against {_esc(Path(report.reference).name)}"
    body = f"<p>Files read: {_esc(', '.join(row.files) or 'none')}.</p>"
    if row.problem:
        body += f'<p class="warn"><b>Problems reading your submission:</b> {_esc(row.problem)}</p>'
    if row.integrity:
        items = "".join(f"<li>{_esc(n)}</li>" for n in row.integrity)
        body += f'<div class="integrity"><b>Integrity notes</b> (what the sandbox refused)<ul>{items}</ul></div>'
    links = "".join(
        f'<tr><td><a href="#claim-{_esc(g.reference)}">{_esc(g.reference)}</a></td><td>{badge(g.status)}</td></tr>'
        for g in row.grades
    )
    body += f'<table class="summary"><tr><th>claim</th><th>verdict</th></tr>{links}</table>'
    body += "".join(claim_section(g) for g in row.grades)
    return _page(f"Feedback: {row.student}", f"Feedback for {row.student}", subtitle, body)


def _rate_row(c: ClaimRate) -> str:
    share = c.rate or 0.0
    bar = f'<span class="barbox"><span class="bar" style="width:{round(120 * share)}px"></span></span>'
    rate = f"{100 * c.rate:.0f}%" if c.rate is not None else "–"
    verdicts = " ".join(f"{badge(status)} {k}" for status, k in c.verdicts)
    return f"<tr><td>{_esc(c.name)}</td><td>{c.met}/{c.students}</td><td>{bar}{rate}</td><td>{verdicts}</td></tr>"


def _mistake_row(m: Mistake, stems: dict[str, str]) -> str:
    who = ", ".join(f'<a href="{_esc(stems[s])}.html">{_esc(s)}</a>' for s in m.students[:5])
    more = f" and {len(m.students) - 5} more" if len(m.students) > 5 else ""
    return (
        f"<tr><td>{_esc(m.claim)}</td><td>{badge(m.status)}</td><td>{len(m.students)}</td>"
        f"<td>{_esc(m.example[:200])}</td><td>{who}{more}</td></tr>"
    )


def _student_row(r: StudentRow, stems: dict[str, str]) -> str:
    cells = "".join(f"<td>{badge(g.status)}</td>" for g in r.grades)
    notes = f'<td style="color:#cf222e">{len(r.integrity)}</td>' if r.integrity else "<td>0</td>"
    link = f'<a href="{_esc(stems[r.student])}.html">{_esc(r.student)}</a>'
    return f"<tr><td>{link}</td><td>{r.score}/{len(r.grades)}</td>{cells}{notes}</tr>"


def _cards(s: CourseSummary) -> str:
    cards = [
        ("students", s.students, "#24292f"),
        ("full marks", s.full_marks, "#1a7f37"),
        ("with integrity notes", len(s.flagged), "#cf222e"),
        ("not graded at all", len(s.unread), "#6e7781"),
    ]
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card" style="border-top:4px solid {color}"><b>{k}</b>{label}</div>'
            for label, k, color in cards
        )
        + "</div>"
    )


def summary_page(report: GradeReport) -> str:
    """The course summary: pass rate per claim, the most common mistakes, and every student linked."""
    s, stems = summarise(report), page_stems([r.student for r in report.rows])
    body = _cards(s) + f"<p>Claims answer the reference {_esc(s.matching)}.</p><h2>Pass rate per claim</h2>"
    rates = "".join(_rate_row(c) for c in s.rates)
    head = "<tr><th>claim</th><th>met</th><th>pass rate</th><th>verdicts</th></tr>"
    body += f'<table class="summary">{head}{rates}</table>'
    body += "<h2>Most common mistakes</h2>"
    if s.mistakes:
        rows = "".join(_mistake_row(m, stems) for m in s.mistakes)
        head = "<tr><th>claim</th><th>verdict</th><th>students</th><th>for example</th><th>who</th></tr>"
        body += f'<table class="summary">{head}{rows}</table>'
    else:
        body += "<p>No claim was missed by a submission that could be read.</p>"
    if s.unread:
        flag = ' <span class="flag">integrity notes</span>'
        items = "".join(
            f'<li><a href="{_esc(stems[w])}.html">{_esc(w)}</a>{flag if w in s.flagged else ""}: {_esc(why)}</li>'
            for w, why in s.unread
        )
        body += f"<h2>Not graded at all</h2><ul>{items}</ul>"
    head = "".join(f"<th>{_esc(c)}</th>" for c in report.claims)
    rows = "".join(_student_row(r, stems) for r in report.rows)
    body += f'<h2>Students</h2><table class="summary"><tr><th>student</th><th>score</th>{head}<th>integrity notes</th>'
    body += f"</tr>{rows}</table>"
    subtitle = f"{s.students} students · graded against {_esc(Path(s.reference).name)}"
    return _page("Course summary", f"Course summary: {Path(s.reference).name}", subtitle, body)


def write_feedback(report: GradeReport, folder: str) -> list[str]:
    """index.html and one HTML page per student in folder; the paths written."""
    return write_pages(report, folder, ".html", summary_page, student_page)
