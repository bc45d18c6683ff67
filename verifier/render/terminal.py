"""The rich terminal table and summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.outcome import ClaimResult, RunReport, Status
from verifier.text import n_text, retried_text

STYLES = {
    Status.PROVED: "bold green",
    Status.CHECKED: "yellow",
    Status.REFUTED: "bold magenta",
    Status.UNKNOWN: "bold bright_black",
    Status.ERROR: "bold red",
}


def status_text(r: ClaimResult) -> Text:
    label = r.verdict + (" (cached)" if r.cached else "")
    text = Text(label, style=STYLES[r.status])
    if not r.met:
        text.append(" ✗", style="bold red")
    return text


def table(report: RunReport, width_evidence: int = 90) -> Table:
    t = Table(show_lines=False, header_style="bold", expand=False)
    t.add_column("claim", overflow="fold", max_width=44)
    t.add_column("kind")
    t.add_column("status")
    t.add_column("n", overflow="fold", max_width=12)
    t.add_column("time", justify="right")
    t.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=width_evidence)
    for r in report.results:
        expect = "" if r.expect == "holds" else " [dim](expect refuted)[/]"
        t.add_row(
            f"{r.derivation}.{r.name}{expect}",
            r.kind,
            status_text(r),
            n_text(r.n_values),
            f"{r.seconds:.1f}s",
            r.reason,
        )
    return t


def summary_line(report: RunReport) -> Text:
    counts = report.counts()
    unmet = [r for r in report.results if not r.met]
    parts = [f"{counts[s.value]} {s.value}" for s in Status if counts[s.value]]
    if report.for_all_n():
        parts[0] += f" ({report.for_all_n()} for all n)"
    if report.internal_errors():
        parts.append(f"{report.internal_errors()} internal error(s) in the verifier (bugs, please report them)")
    part = f"shard {report.shard.index}/{report.shard.count}: " if report.shard else ""
    text = Text(f"{part}{len(report.results)} claims: " + ", ".join(parts) + f" in {report.seconds:.1f} s — ")
    if not report.complete:
        text.append("INCOMPLETE (interrupted)", style="bold red")
    elif unmet:
        text.append(f"{len(unmet)} did not meet their expectation", style="bold red")
    else:
        text.append("every claim met its expectation", style="bold green")
    return text


def failures(console: Console, report: RunReport) -> None:
    """Details of each unmet claim: summary first, then the counterexample and the replay."""
    for r in report.results:
        if r.met:
            continue
        console.print(Text(f"✗ {r.derivation}.{r.name}: {r.status.value} (expected {r.expect})", style="bold red"))
        console.print(f"  {r.reason}", markup=False, highlight=False)
        if r.counterexample:
            cx = r.counterexample
            console.print(f"  counterexample at n = {cx.n}: {cx.values}", markup=False, highlight=False)
            console.print(f"  claimed {cx.lhs}, actual {cx.rhs}", markup=False, highlight=False)
        if r.assumptions:
            console.print(f"  assumptions: {'; '.join(r.assumptions)}", markup=False, highlight=False)
        if r.source:
            console.print(f"  file: {r.source}", markup=False, highlight=False)
        if r.replay and r.name != "<module>":
            console.print(f"  replay: {r.replay}", markup=False, highlight=False)
        if r.detail and r.kind != "corollary":
            console.print(r.detail, markup=False, highlight=False)


STEP_MARKS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "=>": "⇒", "<=>": "⇔"}


def chains(console: Console, report: RunReport) -> None:
    """Each chain that is not PROVED, line by line, the first wrong step marked."""
    for r in report.results:
        if not r.steps or r.status is Status.PROVED:
            continue
        console.print(Text(f"chain {r.derivation}.{r.name}:", style="bold"))
        for step in r.steps:
            mark = "➜" if step.index == r.first_wrong_step else " "
            line = Text(f"  {mark} {step.index:>2} {STEP_MARKS.get(step.relation, step.relation)} ")
            line.append(step.text[:70])
            line.append("  ")
            line.append(step.status.value, style=STYLES.get(step.status, ""))
            if step.reason:
                line.append(f"  ({step.reason})", style="dim")
            console.print(line)
            if step.index == r.first_wrong_step and step.counterexample:
                cx = step.counterexample
                console.print(f"       at {cx.values}: left {cx.lhs}, right {cx.rhs}", markup=False, highlight=False)
        if r.end_result:
            console.print(f"    end result: {r.end_result}", markup=False, highlight=False)


def render(console: Console, report: RunReport, quiet: bool = False) -> None:
    if not quiet:
        console.print(table(report))
        chains(console, report)
    failures(console, report)
    if report.retried:
        console.print(Text("note: " + retried_text(report.retried), style="yellow"))
    console.print(summary_line(report))


def baseline_diff(console: Console, changes: list, path: str) -> None:  # list[baseline.Change]
    """The changes against the baseline; regressions first."""
    if not changes:
        console.print(f"baseline {path}: no changes")
        return
    t = Table(title=f"changes against {path}", header_style="bold")
    for col in ("claim", "before", "after", "change"):
        t.add_column(col)
    for c in sorted(changes, key=lambda c: (not c.regression, not c.time_limited, c.key)):
        style = "bold red" if c.regression else "bold yellow" if c.time_limited else "green"
        label = "REGRESSION: " if c.regression else "TIME LIMIT: " if c.time_limited else ""
        t.add_row(c.key, c.before, c.after, Text(label + c.why, style=style))
    console.print(t)
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
