"""Markdown with LaTeX math that GitHub renders: one section per derivation."""

from __future__ import annotations

import re
from itertools import groupby

from verifier.language.text import n_text, plural, retried_text
from verifier.outcome import ClaimResult, Expect, RunReport, Status
from verifier.render import counterexample as cx_text

ICONS = {Status.PROVED: "✅", Status.CHECKED: "🔢", Status.REFUTED: "❌", Status.UNKNOWN: "❔", Status.ERROR: "💥"}


# user text: no tag, no link, no code span
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`"})


def _text(s: str) -> str:
    """User text (a docstring, a reason, a name) as Markdown text: no live HTML, <script> shows as written."""
    return s.translate(_HTML)


def _cell(s: str) -> str:
    """Text in a table cell: a | of its own (|x| = |y|) would end the cell."""
    return _text(s).replace("|", "\\|").replace("\n", " ")


def _code(s: str, in_table: bool = False) -> str:
    """A code span that holds s whatever backticks it has (a fence one longer than its longest run)."""
    s = s.replace("|", "\\|") if in_table else s  # GitHub reads \| in a table's code span as |
    fence = "`" * (max((len(run) for run in re.findall("`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _math(s: str) -> str:
    """LaTeX for $$…$$: < and > as \\lt and \\gt, so no renderer that skips the math reads a tag in it."""
    return s.replace("<", "\\lt ").replace(">", "\\gt ")


def _at(n: int | None) -> str:
    return f" at n = {n}" if n is not None else ""


def _where(r: ClaimResult, n: int | None) -> str:
    return " for all n" if n is None and r.for_all_n else _at(n)


def _claim(r: ClaimResult) -> list[str]:
    expect = "" if r.expect is Expect.HOLDS else " *(a known mistake, expected REFUTED)*"
    met = "" if r.met else " — **did not meet its expectation**"
    lines = [f"### {ICONS[r.status]} {_code(r.name)} — {r.verdict}{met}", "", f"{_text(r.statement)}{expect}", ""]
    if r.latex:
        lines += ["$$", _math(r.latex), "$$", ""]
    lines.append(f"- **Verdict:** {r.verdict} — {_text(r.reason)}")
    lines.append(f"- **Kind:** {r.kind}; **n:** {n_text(r.n_values)}; **time:** {r.seconds:.2f} s")
    if r.domains:
        lines.append("- **Domains:** " + _text("; ".join(r.domains)))
    if r.assumptions:
        lines.append("- **Assumptions used by the proof:** " + _text("; ".join(r.assumptions)))
    for p in r.proofs[:3]:
        lines.append(
            f"- **Proof{_where(r, p.n)}:** {_text(p.rule)} via {_code(p.rung)} in {p.seconds:.2f} s"
            + (f" ({_text(p.detail)})" if p.detail else "")
        )
    witnessed = next((p for p in r.proofs if p.witness_latex and (p.n or 0) >= 2), None) or next(
        (p for p in r.proofs if p.witness_latex), None
    )
    if witnessed is not None:
        lines += ["", f"Certificate{_where(r, witnessed.n)}:", "", "$$", _math(witnessed.witness_latex), "$$", ""]
    if len(r.proofs) > 3:
        lines.append(f"- … and {len(r.proofs) - 3} more dimensions proved the same way")
    for e in r.numeric:
        lines.append(
            f"- **Numerics{_at(e.n)}:** {_text(e.method)}; {e.samples} samples, worst error {e.max_error:.3g}, "
            f"tolerance {e.tolerance:.3g}"
            + (f", {e.escalated} escalated to 100 digits" if e.escalated else "")
            + (f", {e.skipped} skipped (NaN/inf, or a kink)" if e.skipped else "")
        )
    if r.steps:
        lines += ["", "| step | | line | because | verdict |", "|---|---|---|---|---|"]
        for step in r.steps:
            mark = " **← first wrong step**" if step.index == r.first_wrong_step else ""
            row = [str(step.index), _cell(step.relation), _code(step.text, True), _cell(step.reason), step.verdict]
            lines.append(f"| {' | '.join(row)}{mark} |")
        lines += ["", f"End result on its own: {_text(r.end_result or 'no conclusion')}"]
    if r.counterexample:
        cx = r.counterexample
        lines += [
            "",
            f"**Counterexample** ({_text(cx_text.where(cx) or 'found')}; {cx_text.confirmed(cx)})",
            "",
            _text(cx_text.result_compared(cx, r) + (f" — {cx.note}" if cx.note else "")),
        ]
    if r.diagnosis is not None:
        lines += ["", f"**Why ({r.diagnosis.kind}):** {_text(r.diagnosis.said)}"]
    if r.notes:
        lines.append(f"- **Note:** {_text(r.notes)}")
    if r.replay and r.status is not Status.PROVED:
        lines.append(f"- **Replay:** {_code(r.replay)}")
    return [*lines, ""]


def render(report: RunReport) -> str:
    counts = report.counts()
    head = [
        "# Derivation verification report",
        "",
        f"{plural(len(report.results), 'claim')} · "
        + " · ".join(f"{ICONS[s]} {counts[s.value]} {s.value}" for s in Status)
        + (f" · {report.for_all_n()} of them PROVED for all n" if report.for_all_n() else "")
        + f" · seed {report.seed} · {report.samples} samples · {report.seconds:.1f} s"
        + (f" · shard {report.shard.index}/{report.shard.count}" if report.shard else "")
        + ("" if report.complete else " · **INCOMPLETE (interrupted)**"),
        "",
        "PROVED for all n: proved in generic dimension (equal canonical index forms, or equal normal forms of "
        "sums written with indices), so for every n ≥ 1, and checked at explicit n. "
        "PROVED: shown symbolically by the kernel at the n listed, and the numerics agree. "
        "CHECKED: numerics only, not a proof. "
        "REFUTED: a counterexample confirmed in high precision. UNKNOWN: inconclusive, with the reason. "
        "ERROR: the claim itself is malformed.",
        "",
        *([f"**Note:** {retried_text(report.retried)}", ""] if report.retried else []),
    ]
    body: list[str] = []
    for derivation, group in groupby(report.results, key=lambda r: r.derivation):
        body += [f"## {_text(derivation)}", ""]
        for r in group:
            body += _claim(r)
    return "\n".join(head + body)
