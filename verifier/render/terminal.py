"""The rich terminal table and summary."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.language.keys import ClaimKey
from verifier.language.text import n_text, plural, reads_as_written, retried_text
from verifier.outcome import ClaimResult, Expect, RunReport, Status, StepResult
from verifier.render import counterexample as cx_text
from verifier.render.hanging import GAP, Hanging

STYLES = {
    Status.PROVED: "bold green",
    Status.CHECKED: "yellow",
    Status.REFUTED: "bold magenta",
    Status.UNKNOWN: "bold bright_black",
    Status.ERROR: "bold red",
}


def status_text(r: ClaimResult, with_cached: bool = True) -> Text:
    label = r.verdict + (f" ({cached_on(r)})" if r.cached and with_cached else "")
    text = Text(label, style=STYLES[r.status])
    if not r.met:
        text.append(" ✗", style="bold red")
    return text


MIN_EVIDENCE = 40  # narrower than this, the evidence goes under each claim instead of into a column
_COLUMN_FRAME = 3  # a column's padding and its border on the left


def table(report: RunReport) -> Table:
    """One row per claim; only the evidence column wraps, so names and verdicts are never cut."""
    t = Table(show_lines=False, header_style="bold", expand=False)
    for name in ("claim", "kind", "status", "n"):
        t.add_column(name, no_wrap=True)
    t.add_column("time", justify="right", no_wrap=True)
    t.add_column("evidence", overflow="fold", ratio=1)
    for r in report.results:
        t.add_row(claim_text(r), r.kind, status_text(r), n_text(r.n_values), time_text(r), evidence_text(r))
    return t


def blocks(report: RunReport, width: int) -> Hanging:
    """The narrow layout: the verdict, then the claim's name and facts (on the next line if they would not
    fit beside it), the evidence on the lines below."""
    statuses = [status_text(r, with_cached=False) for r in report.results]
    room = width - max((cell_len(s.plain) for s in statuses), default=0) - GAP
    out: list[tuple[Text, Text]] = []
    for status, r in zip(statuses, report.results, strict=True):
        body = claim_text(r)
        facts = f"{r.kind} · n {n_text(r.n_values)} · {time_text(r)}" + (f" · {cached_on(r)}" if r.cached else "")
        together = cell_len(body.plain) + 3 + cell_len(facts) <= room
        body.append((" · " if together else "\n") + facts, style="dim")
        body.append("\n")
        body.append_text(evidence_text(r))
        out.append((status, body))
    return Hanging(out)


def claims_view(report: RunReport, width: int) -> Table | Hanging:
    """The table where the evidence column gets at least MIN_EVIDENCE characters, else the blocks."""
    return table(report) if evidence_room(report, width) >= MIN_EVIDENCE else blocks(report, width)


def evidence_room(report: RunReport, width: int) -> int:
    """How wide the table's evidence column would be at this width."""
    cells = [(claim_text(r), r.kind, status_text(r), n_text(r.n_values), time_text(r)) for r in report.results]
    heads = ("claim", "kind", "status", "n", "time")
    widths = [max([len(h), *(cell_len(str(row[i])) for row in cells)]) for i, h in enumerate(heads)]
    return width - sum(widths) - _COLUMN_FRAME * (len(heads) + 1) - 1


def claim_text(r: ClaimResult) -> Text:
    text = Text(str(ClaimKey.of(r)))
    if r.expect is not Expect.HOLDS:
        text.append(" (expect refuted)", style="dim")
    return text


def cached_on(r: ClaimResult) -> str:
    return f"cached {r.cached_at[:10]}".strip()


def time_text(r: ClaimResult) -> str:
    return f"{r.seconds:.1f}s"


def evidence_text(r: ClaimResult) -> Text:
    """The reason, then the counterexample's place and values if there is one."""
    text = Text(r.reason)
    if r.counterexample is not None:
        text.append("\n" + cx_text.headline(r.counterexample, r), style=STYLES[Status.REFUTED])
    return text


SUMMARY_ROOM = 42  # "N did not meet their expectation" and " — " take up to 38 of 80 columns


def summary_line(report: RunReport) -> Text:
    counts = report.counts()
    unmet = [r for r in report.results if not r.met]
    parts = [f"{counts[s.value]} {s.value}" for s in Status if counts[s.value]]
    if report.for_all_n():
        parts[0] += f" ({report.for_all_n()} for all n)"
    if report.internal_errors():
        parts.append(f"{report.internal_errors()} internal error(s) in the verifier (bugs, please report them)")
    part = f"shard {report.shard.index}/{report.shard.count}: " if report.shard else ""
    head = f"{part}{plural(len(report.results), 'claim')}: " + ", ".join(parts) + f" in {report.seconds:.1f} s"
    text = Text(head + ("\n" if len(head) > SUMMARY_ROOM else " — "))
    if not report.complete:
        text.append("INCOMPLETE (interrupted)", style="bold red")
    elif unmet:
        text.append(f"{len(unmet)} did not meet {'its' if len(unmet) == 1 else 'their'} expectation", style="bold red")
    else:
        text.append("every claim met its expectation", style="bold green")
    return text


def failures(console: Console, report: RunReport) -> None:
    """Details of each unmet claim: summary first, then the counterexample and the replay."""
    for r in report.results:
        if r.met:
            continue
        console.print(Text(f"✗ {ClaimKey.of(r)}: {r.status.value} (expected {r.expect})", style="bold red"))
        _tell(console, r.reason)
        if r.counterexample:
            cx = r.counterexample
            _tell(console, f"counterexample: {cx_text.where(cx) or 'found'}")
            _tell(console, cx_text.result_compared(cx, r) + (f" ({cx.note})" if cx.note else ""))
        if r.diagnosis is not None:
            _tell(console, f"diagnosis ({r.diagnosis.kind}): {r.diagnosis.said}")
        if r.assumptions:
            _tell(console, f"assumptions: {'; '.join(r.assumptions)}")
        if r.source:
            _say(console, f"file: {r.source}")
        if r.replay and r.name != "<module>":
            _say(console, f"replay: {r.replay}")
        if r.detail and r.kind != "corollary":
            console.print(r.detail, markup=False, highlight=False)


def _tell(console: Console, line: str) -> None:
    """A detail line of prose, indented and wrapped at the console's width (80 columns when piped), between words
    only: a path or a name longer than the line stays whole, so that it copies whole."""
    for piece in textwrap.wrap(line, max(20, console.width - 2), break_long_words=False, break_on_hyphens=False):
        console.print(f"  {piece}", markup=False, highlight=False, soft_wrap=True)


def _say(console: Console, line: str) -> None:
    """A detail line, indented; one line however long, so that a path or a replay command copies whole."""
    console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


STEP_MARKS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "=>": "⇒", "<=>": "⇔"}


def chains(console: Console, report: RunReport, verbose: bool = False, unmet_only: bool = False) -> None:
    """Each chain that is not PROVED (unmet_only: that did not meet its expectation), line by line, the first
    wrong step marked; with verbose, every chain, and under each line of a LaTeX chain what the reader
    understood (sympy's LaTeX of it)."""
    for r in report.results:
        if not r.steps or (r.status is Status.PROVED and not verbose) or (unmet_only and r.met):
            continue
        console.print(Text(f"chain {ClaimKey.of(r)}:", style="bold"))
        rows: list[tuple[Text, Text]] = []
        if verbose and r.start_written:
            rows.append((Text("     0"), _read_as(Text(r.start_written), r.start_written, r.start_latex)))
        for step in r.steps:
            mark = "➜" if step.index == r.first_wrong_step else " "
            line = step_text(r, step)
            if verbose:
                line = _read_as(line, step.written, step.latex)
            rows.append((Text(f"  {mark} {step.index:>2} {STEP_MARKS.get(step.relation, step.relation)}"), line))
        console.print(Hanging(rows, gap=1))
        if r.end_result:
            console.print(f"    end result: {r.end_result}", markup=False, highlight=False)


def step_text(r: ClaimResult, step: StepResult) -> Text:
    """A chain's line, its verdict and reason, and at the first wrong step where and how it fails."""
    line = Text(step.text + "  ")
    line.append(step.verdict, style=STYLES.get(step.status, ""))
    if step.reason:
        line.append(f"  ({step.reason})", style="dim")
    cx = step.counterexample
    if step.index == r.first_wrong_step and cx is not None:
        line.append(f"\n{cx_text.where(cx) or 'found'}: {cx_text.step_compared(step, cx)}")
    if step.index == r.first_wrong_step and step.diagnosis is not None:
        line.append(f"\n{step.diagnosis.kind}: {step.diagnosis.said}", style="bold")
    return line


def _read_as(line: Text, written: str, reading: str) -> Text:
    """A LaTeX line with what the reader understood under it (sympy's LaTeX of the line as verified)."""
    if written and reading and not reads_as_written(written, reading):
        line.append(f"\n  read as: {reading}", style="dim")
    return line


# one character per claim in the compact view, as pytest's progress: a met claim by its verdict, an unmet
# one by its status's capital letter
MET_MARKS = {Status.PROVED: ".", Status.CHECKED: "c", Status.REFUTED: "x"}


def mark(r: ClaimResult) -> Text:
    if r.met:
        return Text(MET_MARKS.get(r.status, "?"), style="green" if r.status is Status.PROVED else "")
    return Text(r.status.value[0], style="bold red")


def progress_lines(report: RunReport, width: int) -> list[Text]:
    """One line per file, as pytest prints them: its path, a character per claim, and how far the run is."""
    files: dict[str, list[ClaimResult]] = {}
    for r in report.results:
        files.setdefault(r.source or r.derivation, []).append(r)
    total, done, lines = max(1, len(report.results)), 0, []
    for path, results in files.items():
        room = max(10, width - len(path) - 8)
        for start in range(0, len(results), room):
            chunk = results[start : start + room]
            done += len(chunk)
            line = Text(f"{path} " if start == 0 else " " * (len(path) + 1))
            for r in chunk:
                line.append_text(mark(r))
            pad = max(1, width - line.cell_len - 7)
            line.append(" " * pad + f"[{100 * done // total:>3}%]")
            lines.append(line)
    return lines


def cached_text(report: RunReport) -> str:
    """How many results are an earlier run's, from the cache, and since when (none: "")."""
    dates = sorted(r.cached_at[:10] for r in report.results if r.cached)
    if not dates:
        return ""
    since = f"cached {dates[0]}"
    return f"{plural(len(dates), 'result')} from the cache of an earlier run ({since}); --reverify verifies again"


LEGEND = ". proved  c checked  x refuted as expected  P C R U E: not as expected"


def render(
    console: Console, report: RunReport, quiet: bool = False, verbose: bool = False, compact: bool = False
) -> None:
    """The claims (a table, or with compact a line per file as pytest prints), the chains that need a look,
    each unmet claim's details, and the summary line last. verbose: the full table and every chain."""
    if compact and not verbose and not quiet:
        for line in progress_lines(report, console.width):
            console.print(line, soft_wrap=True)
        if any(not r.met or r.status is not Status.PROVED for r in report.results):
            console.print(Text(LEGEND, style="dim"), soft_wrap=False, overflow="ellipsis")
        if cached := cached_text(report):
            console.print(Text(cached, style="dim"))
        chains(console, report, unmet_only=True)
    elif not quiet:
        console.print(claims_view(report, console.width))
        chains(console, report, verbose)
    failures(console, report)
    if report.retried:
        console.print(Text("note: " + retried_text(report.retried), style="yellow"))
    console.print(summary_line(report))


def baseline_diff(console: Console, changes: list, path: str) -> None:  # list[baseline.Change]
    """The changes against the baseline; regressions first."""
    if not changes:
        console.print(f"baseline {path}: no changes")
        return
    console.print(Text(f"changes against {path}:", style="bold"), soft_wrap=True)
    for c in sorted(changes, key=lambda c: (not c.regression, not c.time_limited, c.key)):
        style = "bold red" if c.regression else "bold yellow" if c.time_limited else "green"
        label = "REGRESSION: " if c.regression else "TIME LIMIT: " if c.time_limited else ""
        line = Text(f"  {c.key}: {c.before} → {c.after} — ")
        console.print(line.append(label + c.why, style=style), soft_wrap=True)  # one line each: grep finds it
    bad = sum(1 for c in changes if c.regression)
    limited = sum(1 for c in changes if c.time_limited)
    console.print(
        Text(
            f"{bad} regression(s) against the baseline" if bad else "no regressions against the baseline",
            style="bold red" if bad else "bold green",
        )
    )
    if limited:
        console.print(
            Text(
                f"{limited} claim(s) stopped by the wall-clock time limit: not a verdict, not a regression, not cached",
                style="bold yellow",
            )
        )
