"""The page's pieces of HTML: a chain laid out before its verdicts, each step as it is decided, the chain's end.

A renderer like `verifier.render.html`: it reads results (`StepResult`, a chain's summary) and
computes nothing. The words of a counterexample are `verifier.render.counterexample`'s, the author's
lines are typeset by `verifier.render.typeset` (MathML, no script). Every other text is escaped.
"""

from __future__ import annotations

import html
from typing import Any

from verifier.language.text import reads_as_written
from verifier.outcome import Counterexample, Diagnosis, Status, StepResult
from verifier.render import counterexample as cx_text
from verifier.render import typeset
from verifier.render.terminal import STEP_MARKS

ALL_N = " for all n"


def esc(text: object) -> str:
    return html.escape(str(text))


def badge(status: str) -> str:
    """A verdict's badge, styled by its class (the page allows no inline style)."""
    css = status.split()[0] if status.split() and status.split()[0] in Status.__members__ else "PENDING"
    return f'<span class="badge {css}">{esc(status)}</span>'


def line_attr(line: int | None) -> str:
    return f' data-line="{line}"' if line else ""


def chain_outline(index: int, outline: dict[str, Any], lines: list[int | None]) -> str:
    """A chain before its verdicts: its name, its first line e₀, and a pending row per step."""
    written = list(outline.get("lines") or [])
    relations = list(outline.get("relations") or [])
    expect = " · expected REFUTED (a planted mistake)" if outline.get("expect") == "refuted" else ""
    planted = f" at step {outline['planted']}" if outline.get("planted") and expect else ""
    notes = f'<p class="notes">{esc(outline["notes"])}</p>' if outline.get("notes") else ""
    first = written[0] if written else ""
    rows = [f'<li class="start"{line_attr(lines[0] if lines else None)}><span class="num">0</span>'
            f'<span class="rel"></span><span class="math">{typeset.formula(first)}</span></li>']  # fmt: skip
    for k, (relation, text) in enumerate(zip(relations, written[1:], strict=False), start=1):
        at = lines[k] if k < len(lines) else None
        rows.append(pending_step(index, k, relation, text, at))
    return (
        f'<section class="chain" id="chain-{index}"><h3>{esc(outline.get("name", ""))}'
        f'<span class="expect">{esc(expect + planted)}</span></h3>{notes}'
        f'<ol class="steps">{"".join(rows)}</ol><div class="result" id="chain-{index}-result">'
        f'<p class="waiting">waiting for its verdicts…</p></div></section>'
    )


def pending_step(chain: int, k: int, relation: str, written: str, line: int | None) -> str:
    return (
        f'<li class="step pending" id="chain-{chain}-step-{k}"{line_attr(line)}><span class="num">{k}</span>'
        f'<span class="rel">{esc(STEP_MARKS.get(relation, relation))}</span>'
        f'<span class="math">{typeset.formula(written)}</span>{badge("checking…")}</li>'
    )


def decided_step(chain: int, step: StepResult, line: int | None, first_wrong: bool) -> str:
    """A step with its verdict; the first wrong one highlighted, with its counterexample."""
    cx = step.counterexample
    detail = ""
    if first_wrong and cx is not None:
        detail = (
            f'<div class="cx"><b>First wrong step.</b> Counterexample {esc(cx_text.where(cx))}: '
            f"{esc(cx_text.step_compared(step, cx))}{_note(cx)}</div>"
        )
    if first_wrong and step.diagnosis is not None:
        detail += diagnosis(step.diagnosis)
    because = f'<span class="because">{typeset.reason(step.reason)}</span>' if step.reason else ""
    wrong = " wrong" if first_wrong else ""
    return (
        f'<li class="step {esc(step.status.value)}{wrong}" id="chain-{chain}-step-{step.index}"{line_attr(line)}>'
        f'<span class="num">{step.index}</span><span class="rel">{esc(STEP_MARKS.get(step.relation, step.relation))}'
        f'</span><span class="math">{typeset.formula(step.written) if step.written else esc(step.text)}</span>'
        f"{badge(step.verdict)}{because}{reading(step.written, step.latex)}"
        f'<div class="evidence">{esc(step.evidence)}</div>{detail}</li>'
    )


READING_SHOWN = 600  # characters of LaTeX: a longer reading (a line expanded at n) is left to the report


def reading(written: str, latex: str) -> str:
    """What the reader understood of a line (sympy's LaTeX of it, typeset like the student's own line),
    so that a student sees \\sin 2x read as sin(2x)."""
    if not written or not latex or reads_as_written(written, latex) or len(latex) > READING_SHOWN:
        return ""
    return f'<div class="reading">read as <span class="math">{typeset.formula(latex)}</span></div>'


def diagnosis(d: Diagnosis) -> str:
    """Why the step is wrong, and the nearest correct line typeset under the student's, its edit underlined;
    each verified by the engine."""
    repair = (
        f'<br>Did you mean <span class="math repair">{typeset.formula(f"{d.relation} {d.repair_marked or d.repair}")}'
        f"</span> ({esc(d.edit)})? {badge(d.repair_verdict)}"
        if d.repair
        else ""
    )
    return f'<div class="diagnosis"><b>Why ({esc(d.kind)}).</b> {esc(d.why)}{repair}</div>'


def _note(cx: Counterexample) -> str:
    return f"<br>{esc(cx.note)}" if cx.note else ""


def outcome_words(summary: dict[str, Any]) -> str:
    """What the verdict means for the author: "is wrong at step 3", "holds", or the expectation's outcome."""
    status, wrong = summary.get("status"), summary.get("first_wrong_step")
    if summary.get("expect") == "refuted":
        return "is refuted, as expected (a planted mistake)" if summary.get("met") else "did not meet its expectation"
    if status == "REFUTED":
        return f"is wrong: its first wrong step is step {wrong}" if wrong else "is wrong"
    return {
        "PROVED": "holds: every step is proved",
        "CHECKED": "passed the numeric checks, but not every step is proved",
        "UNKNOWN": "could not be decided",
    }.get(str(status), "could not be checked")


def chain_result(summary: dict[str, Any], replay: str) -> str:
    """The chain's verdict, its end result on its own, what it means, and how to replay it."""
    verdict = str(summary.get("verdict") or summary.get("status", "ERROR"))
    end = summary.get("end_result")
    end_text = f'<p class="end">End result on its own: {badge(end)}</p>' if end else ""
    return (
        f'<p class="verdict">{badge(verdict)} <b>{esc(summary.get("name", ""))}</b> {esc(outcome_words(summary))}</p>'
        f'{end_text}<p class="reason">{esc(summary.get("reason", ""))}</p>'
        f'<p class="replay">On your machine: <code>{esc(replay)}</code></p>'
    )


def failure(message: str) -> str:
    return f'<p class="failure">{esc(message)}</p>'


def error_item(text: str, line: int | None) -> str:
    """One input error, as the command line prints it, on the line it belongs to."""
    return f'<li class="input-error"{line_attr(line)}>{esc(text)}</li>'


def errors_list(items: list[tuple[str, int | None]], chains_read: int = 0) -> str:
    """The input errors under one heading: the whole derivation unread, or only these lines beside chains that
    were read and are checked below (a ```math block beside a $$ chain is not the whole derivation unread)."""
    if not items:
        return ""
    rows = "".join(error_item(text, line) for text, line in items)
    heading = "The derivation could not be read"
    if chains_read:
        them = "the chain that could is" if chains_read == 1 else f"the {chains_read} chains that could are"
        heading = f"These lines could not be read; {them} checked below"
    return f'<section class="errors"><h3>{esc(heading)}</h3><ul>{rows}</ul></section>'


def preview_line(line: int, latex: str) -> str:
    """One display of the editor, typeset (the source in code type when the typesetter cannot read it)."""
    return f'<li{line_attr(line)}><span class="num">{line}</span>{typeset.formula(latex)}</li>'
