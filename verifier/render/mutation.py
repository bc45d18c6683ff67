"""Terminal tables and JSON for mutation testing."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.language.keys import ClaimKey
from verifier.quality.mutate import ClaimMutation, MutantVerdict

VERDICTS = tuple(v.value for v in MutantVerdict)


def kill_rate(tot: dict[str, int]) -> str:
    """Killed as a share of the mutants that are real mistakes (not equivalent, not still true)."""
    relevant = tot["mutants"] - tot["equivalent"] - tot["still true"] - tot["invalid"]
    return f"{100 * tot['killed'] / relevant:.0f}%" if relevant else "–"


def totals(reports: list[ClaimMutation]) -> dict[str, int]:
    counts = {v.value: sum(r.count(v) for r in reports) for v in MutantVerdict}
    return counts | {
        "mutants": sum(len(r.mutants) for r in reports),
        "errors": sum(1 for r in reports if r.error),
        "skipped": sum(1 for r in reports if r.skipped),
    }


def _table(title: str, first: str, rows: list[tuple[str, str, dict[str, int], str]]) -> Table:
    t = Table(header_style="bold", title=title)
    for col in (first, "n", "mutants", *VERDICTS, "kill rate"):
        t.add_column(col, justify="left" if col == first else "right")
    for label, n, tot, rate in rows:
        style = "bold red" if tot["survived"] or tot["errors"] else ""
        t.add_row(Text(label, style=style), n, str(tot["mutants"]), *(str(tot[v]) for v in VERDICTS), rate)
    return t


def render(console: Console, reports: list[ClaimMutation], quiet: bool = False) -> None:
    if not quiet:
        rows = [
            (
                str(ClaimKey.of(r)),
                str(r.n or "–"),
                totals([r]),
                "error" if r.error else "skipped" if r.skipped else kill_rate(totals([r])),
            )
            for r in reports
        ]
        console.print(_table("mutation testing", "claim", rows))
    by_derivation = [
        (d, "", totals(list(g)), kill_rate(totals(list(g))))
        for d, g in groupby(sorted(reports, key=lambda r: r.derivation), key=lambda r: r.derivation)
    ]
    console.print(_table("per derivation", "derivation", by_derivation))
    for r in reports:
        if r.error:
            console.print(f"✗ {ClaimKey.of(r)}: could not mutate: {r.error}", markup=False, style="red")
        elif r.skipped and not quiet:
            console.print(f"· {ClaimKey.of(r)}: skipped, {r.skipped}", markup=False, style="dim")
        for m in r.mutants:
            if m.verdict is MutantVerdict.SURVIVED:
                console.print(
                    f"✗ survived: {ClaimKey.of(r)} [{m.operator}] → {m.status}: {m.text}",
                    markup=False,
                    style="red",
                )
    tot = totals(reports)
    line = (
        f"{tot['mutants']} mutants: {tot['killed']} killed, {tot['equivalent']} equivalent, "
        f"{tot['still true']} still true, {tot['invalid']} invalid, {tot['survived']} survived"
        f" — kill rate {kill_rate(tot)} ({tot['skipped']} claims skipped)"
    )
    console.print(Text(line, style="bold red" if tot["survived"] or tot["errors"] else "bold green"))


def to_json(reports: list[ClaimMutation]) -> dict[str, Any]:
    by_derivation = {}
    for derivation, group in groupby(sorted(reports, key=lambda r: r.derivation), key=lambda r: r.derivation):
        tot = totals(list(group))
        by_derivation[derivation] = {**tot, "kill_rate": kill_rate(tot)}
    tot = totals(reports)
    return {
        "schema_version": 1,
        "overall": {**tot, "kill_rate": kill_rate(tot)},
        "derivations": by_derivation,
        "claims": [r.to_json() for r in reports],
    }
