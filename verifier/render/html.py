"""One self-contained HTML report: no network, no scripts, math as native MathML.

Plots (for example Newton's error per iteration, on a log scale) are embedded as SVG
when matplotlib is installed (`pip install ".[plots]"`); otherwise the report says so.
"""

from __future__ import annotations

import html
import io
import re
from itertools import groupby

from verifier.language.text import margin_text, n_text, plural, reads_as_written, retried_text, unmet_text
from verifier.outcome import ClaimResult, Diagnosis, Expect, RunReport, Status
from verifier.render import counterexample as cx_text
from verifier.render import typeset

COLORS = {
    Status.PROVED: "#1a7f37",
    Status.CHECKED: "#9a6700",
    Status.REFUTED: "#8250df",
    Status.UNKNOWN: "#57606a",
    Status.ERROR: "#cf222e",
}

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:24px 40px}
header h1{margin:0 0 6px;font-size:24px}
main{max-width:1100px;margin:0 auto;padding:24px 40px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border-radius:8px;padding:10px 18px;border:1px solid #d0d7de;min-width:110px}
.card b{display:block;font-size:26px}
.badge{display:inline-block;color:#fff;border-radius:12px;padding:1px 10px;font-size:12px;font-weight:600}
section.claim{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:14px 0;padding:14px 20px}
section.claim{overflow-x:auto}
section.claim.unmet{border:2px solid #cf222e}
section.claim h3{margin:0 0 4px;font-size:16px}
.stmt{color:#57606a;margin:2px 0 8px}
.math{overflow-x:auto;padding:6px 0;font-size:17px}
dl{display:grid;grid-template-columns:150px 1fr;gap:4px 12px;margin:8px 0}
dt{color:#57606a}
dd{margin:0;min-width:0;overflow-wrap:anywhere}
code{background:#f6f8fa;padding:1px 4px;border-radius:4px;font-size:13px}
.cx{background:#fbefff;border-left:4px solid #8250df;padding:8px 12px;margin:8px 0}
.warn{background:#fff8c5;border-left:4px solid #9a6700;padding:8px 12px}
table.summary{border-collapse:collapse;width:100%;background:#fff}
table.steps{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
table.steps td,table.steps th{border-bottom:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
table.steps td math{font-size:1.35em}
details summary{font-size:12px;color:#57606a;cursor:pointer}
.reading{font-size:12px;color:#57606a;margin-top:2px}
table.steps td .reading math{font-size:1.1em}
table.steps tr.wrong{background:#fbefff;outline:2px solid #8250df}
.repair munder{color:#1a7f37;font-weight:bold}
table.summary td,table.summary th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;font-size:13px}
"""

# nothing is loaded and no script runs, whatever a student's line held (as the feedback pages: render.feedback_html)
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _esc(text: object) -> str:
    return html.escape(str(text))


def _badge(status: Status, label: str = "") -> str:
    return f'<span class="badge" style="background:{COLORS[status]}">{label or status.value}</span>'


def _plot(series: dict[str, list[float]]) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return '<p class="warn">Plot left out: install matplotlib (<code>pip install ".[plots]"</code>) to see it.</p>'
    fig, ax = plt.subplots(figsize=(5.2, 2.6))
    for label, values in series.items():
        ax.plot(range(len(values)), values, marker="o", label=label)
    ax.set_xlabel("iteration k")
    ax.set_ylabel("log₁₀ |e_k|")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def claim_section(r: ClaimResult) -> str:
    math = f'<div class="math">{r.mathml}</div>' if r.mathml else ""
    if r.start_written:  # a LaTeX chain: its lines are typeset below; the expanded whole is on demand
        math = f"<details><summary>the chain as verified</summary>{math}</details>" if math else ""
    math += _steps(r) if r.steps else ""
    plot = _plot(r.series) if r.series else ""
    unmet = "" if r.met else " unmet"
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in _rows(r))
    stmt = "" if r.start_written else f'<p class="stmt">{_esc(r.statement)}</p>'  # a chain's lines say it
    return (
        f'<section class="claim{unmet}" id="{_esc(r.key)}"><h3>{_badge(r.status, r.verdict)} {_esc(r.name)}</h3>'
        f"{stmt}{math}<dl>{dl}</dl>{_counterexample_box(r)}{plot}</section>"
    )


def _rows(r: ClaimResult) -> list[tuple[str, str]]:
    """The claim's facts, one (term, HTML) row each: verdict, expectation, evidence, replay."""
    rows = [
        ("verdict", f"{_badge(r.status, r.verdict)} {_verdict_sentence(r)}"),
        ("expectation", "holds" if r.expect is Expect.HOLDS else "a known mistake: expected REFUTED"),
        ("kind · n · time", f"{_esc(r.kind)} · {_esc(n_text(r.n_values))} · {r.seconds:.2f} s"),
    ]
    if r.domains:
        rows.append(("domains", _esc("; ".join(r.domains))))
    if r.assumptions:
        rows.append(("assumptions used", _esc("; ".join(r.assumptions))))
    rows += _proof_rows(r)
    for e in [] if r.steps else r.numeric:  # a chain's numerics are in its steps' evidence
        rows.append(
            (
                "numerics" + (f" n = {e.n}" if e.n is not None else ""),
                _esc(
                    f"{e.method}: {e.samples} samples, {margin_text(e.max_error, e.tolerance, 3)}"
                    + (f", {e.escalated} escalated to 100 digits" if e.escalated else "")
                ),
            )
        )
    if r.notes:
        rows.append(("note", _notes(r.notes) if r.start_written else _esc(r.notes)))
    if r.diagnosis is not None and not r.steps:  # a chain's is under its first wrong step
        rows.append((f"why ({_esc(r.diagnosis.kind)})", diagnosis_html(r.diagnosis)))
    if r.replay and r.status is not Status.PROVED:
        rows.append(("replay", f"<code>{_esc(r.replay)}</code>"))
    return rows


def _proof_rows(r: ClaimResult) -> list[tuple[str, str]]:
    """The proof for all n, the last proof at a given n, and the certificate a proof rests on."""
    rows = []
    general = next((q for q in r.proofs if q.n is None), None) if r.for_all_n else None
    if general is not None:
        rows.append(("proof for all n", _esc(f"{general.rule} via {general.rung}; {general.detail}")))
    if not r.proofs:
        return rows
    p = r.proofs[-1]
    how = f"{p.rule} via {p.rung}"
    if r.status is Status.REFUTED:  # true at a smaller size, false at the counterexample's: say so
        rows.append(("holds only at", _esc(f"n = {n_text(r.proved_n)} ({how}); not at the counterexample's n")))
    else:
        at = f", n = {n_text(r.proved_n)}" if any(r.proved_n) else ""
        rows.append(("proof", _esc(how + at + (f"; {p.detail}" if p.detail else ""))))
    shown = next((q for q in r.proofs if q.witness_mathml and (q.n or 0) >= 2), None) or next(
        (q for q in r.proofs if q.witness_mathml), None
    )
    if shown is not None:
        rows.append(
            (
                "certificate" + (f" (n = {_esc(shown.n)})" if shown.n is not None else ""),
                f'<div class="math">{shown.witness_mathml}</div>',
            )
        )
    return rows


def _counterexample_box(r: ClaimResult) -> str:
    c = r.counterexample
    if not c:
        return ""
    return (
        f'<div class="cx"><b>Counterexample</b> {_esc(cx_text.where(c))} ({cx_text.confirmed(c)})'
        f"<br>{_esc(cx_text.result_compared(c, r))}" + (f"<br>{_esc(c.note)}" if c.note else "") + "</div>"
    )


def _verdict_sentence(r: ClaimResult) -> str:
    """The reason, with a LaTeX chain's wrong line typeset as its author wrote it (the sentence quotes
    its source), and without the notes, which have a row of their own."""
    text = r.reason
    if not r.start_written:
        return _esc(text)
    if r.notes:
        text = text.replace(f"; note: {r.notes}", "")
    wrong = next((s for s in r.steps if s.index == r.first_wrong_step), None)
    if wrong is None or not wrong.written or f" {wrong.text})" not in text:
        return _esc(text)
    before, _, after = text.partition(f" {wrong.text})")
    return f"{_esc(before)} {typeset.formula(wrong.written)}){_esc(after)}"


_NAME_READ = re.compile(r"(\\operatorname\{[^{}]*\}|\\[A-Za-z]+)( read as .*)")
_DECLARE = re.compile(r"\(declare ([^()]*?: \w+)([^()]*)\)")
# a derivative operator's operand (functions.py, operands.py)
_TAKES = re.compile(r"(.+?)( takes the product after it: | takes only its parentheses: )(.+)")


def _notes(notes: str) -> str:
    """A LaTeX chain's notes ("\\Phi read as the standard normal CDF ... (declare \\Phi: real for a
    variable)"): each name typeset as the reader took it, and what to write instead as code."""
    out = []
    for part in notes.split("; "):
        if takes := _TAKES.fullmatch(part):
            out.append(typeset.formula(takes.group(1)) + takes.group(2) + typeset.formula(takes.group(3)))
            continue
        named = _NAME_READ.fullmatch(part)
        head, rest = (typeset.formula(named.group(1)), named.group(2)) if named else ("", part)
        out.append(head + _DECLARE.sub(lambda m: f"(declare <code>{m.group(1)}</code>{m.group(2)})", _esc(rest)))
    return "; ".join(out)


_MARKS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "=>": "⇒", "<=>": "⇔"}


def diagnosis_html(d: Diagnosis) -> str:
    """Why, verified, and the nearest correct line typeset with its edit underlined (in the repair colour)."""
    why = f"<b>why ({_esc(d.kind)}):</b> {_esc(d.why)}" if d.why else f"<b>why ({_esc(d.kind)})</b>"
    if not d.repair:
        return why
    line = typeset.formula(f"{d.relation} {d.repair_marked or d.repair}")
    return f'{why}<br>did you mean <span class="repair">{line}</span> ({_esc(d.edit)})? <b>{_esc(d.repair_verdict)}</b>'


def _steps(r: ClaimResult) -> str:
    """A chain line by line: one badge per step, the first wrong step highlighted with its counterexample.

    A LaTeX chain's lines are typeset from what its author wrote; the instance the engine verified
    (expanded at its n) is a detail on demand."""
    rows = [_first_line(r)]
    for step in r.steps:
        wrong = step.index == r.first_wrong_step
        cx = step.counterexample
        where = (
            f"<br>counterexample {_esc(cx_text.where(cx))}: {_esc(cx_text.step_compared(step, cx))}"
            if wrong and cx
            else ""
        )
        if wrong and step.diagnosis is not None:
            where += "<br>" + diagnosis_html(step.diagnosis)
        mark = _esc(_MARKS.get(step.relation, step.relation))
        because = typeset.reason(step.reason) if step.written else _esc(step.reason)
        rows.append(
            f'<tr class="{"wrong" if wrong else ""}"><td>{step.index}</td><td>{mark}</td>'
            f"<td>{_line(step.written, step.mathml, step.text, step.latex)}</td><td>{because}</td>"
            f"<td>{_badge(step.status, step.verdict)}</td><td>{_esc(step.evidence)}{where}</td></tr>"
        )
    end = f"<p>End result on its own: <b>{_esc(r.end_result)}</b></p>" if r.end_result else ""
    head = "<tr><th>line</th><th></th><th>as written</th><th>because</th><th>verdict</th><th>evidence</th></tr>"
    return f'<table class="steps">{head}{"".join(rows)}</table>{end}'


def _first_line(r: ClaimResult) -> str:
    """Row e₀: the line every step starts from, with no verdict of its own."""
    shown = _line(r.start_written, r.start_mathml, "", r.start_latex)
    return f"<tr><td>0</td><td></td><td>{shown}</td><td></td><td></td><td>the line the chain starts from</td></tr>"


_READING_SHOWN = 3000  # characters of MathML: a reading longer than this (a line expanded at n) is folded away


def _line(written: str, verified: str, text: str, reading: str = "") -> str:
    """The author's line typeset, with what the reader understood of it under it (the line as verified:
    shown when short, folded away when it is a long expansion at n); or the verified line alone."""
    if not written:
        return verified or _esc(text)
    if not verified or (reading and reads_as_written(written, reading)):
        return typeset.formula(written)
    if len(verified) <= _READING_SHOWN:
        return typeset.formula(written) + f'<div class="reading">read as <span class="math">{verified}</span></div>'
    folded = f'<details><summary>as verified</summary><div class="math">{verified}</div></details>'
    return typeset.formula(written) + folded


def status_cards(results: list[ClaimResult]) -> str:
    """One card per status with its count."""
    counts = {s: sum(r.status is s for r in results) for s in Status}
    return "".join(
        f'<div class="card" style="border-top:4px solid {COLORS[s]}"><b>{counts[s]}</b>{s.value}</div>' for s in Status
    )


def summary_table(results: list[ClaimResult]) -> str:
    """One row per claim, linked to its card."""
    rows = "".join(
        f'<tr><td><a href="#{_esc(r.key)}">{_esc(r.key)}</a></td><td>{_badge(r.status, r.verdict)}</td>'
        f"<td>{_esc(r.kind)}</td><td>{_esc(n_text(r.n_values))}</td><td>{r.seconds:.1f}s</td></tr>"
        for r in results
    )
    head = "<tr><th>claim</th><th>status</th><th>kind</th><th>n</th><th>time</th></tr>"
    return f'<table class="summary">{head}{rows}</table>'


def render(report: RunReport) -> str:
    cards = status_cards(report.results)
    verdict = unmet_text(sum(not r.met for r in report.results))
    verdict += "" if report.complete else " · INCOMPLETE (interrupted)"
    sections = []
    for derivation, group in groupby(report.results, key=lambda r: r.derivation):
        sections.append(f"<h2>{_esc(derivation)}</h2>" + "".join(claim_section(r) for r in group))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>Derivation verification report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>
<body><header><h1>Derivation verification report</h1>
<div>{plural(len(report.results), "claim")} · {verdict} · seed {report.seed} · {report.samples} samples ·
{report.seconds:.1f} s · engine {report.engine_version}</div></header>
<main><div class="cards">{cards}</div>
<p>PROVED for all n: proved in generic dimension (equal canonical index forms, or equal normal forms of sums
written with indices), so for every n ≥ 1, and checked at explicit n.
PROVED: shown symbolically by the kernel at the n listed, and the numerics agree.
CHECKED: numerics only, not a proof.
REFUTED: a counterexample confirmed in high precision. UNKNOWN: inconclusive, with the reason.
ERROR: the claim is malformed.</p>
{f"<p><b>Note:</b> {_esc(retried_text(report.retried))}</p>" if report.retried else ""}
{summary_table(report.results)}
{"".join(sections)}</main></body></html>
"""
