"""Terminal table and JSON for mutation testing."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.mutate import ClaimMutation


def _rate(killed: int, equivalent: int, total: int) -> str:
    relevant = total - equivalent
    return f"{100 * killed / relevant:.0f}%" if relevant else "–"


def totals(reports: list[ClaimMutation]) -> dict[str, int]:
    return {v: sum(r.count(v) for r in reports) for v in ("killed", "equivalent", "survived")} | {
        "mutants": sum(len(r.mutants) for r in reports),
        "errors": sum(1 for r in reports if r.error),
    }


def render(console: Console, reports: list[ClaimMutation], quiet: bool = False) -> None:
    t = Table(header_style="bold", title="mutation testing")
    for col in ("claim", "n", "mutants", "killed", "equivalent", "survived", "kill rate"):
        t.add_column(col, justify="left" if col == "claim" else "right")
    for r in reports:
        style = "bold red" if r.count("survived") or r.error else ""
        t.add_row(
            Text(f"{r.derivation}.{r.name}", style=style),
            str(r.n or "–"),
            str(len(r.mutants)),
            str(r.count("killed")),
            str(r.count("equivalent")),
            str(r.count("survived")),
            _rate(r.count("killed"), r.count("equivalent"), len(r.mutants)) if not r.error else "error",
        )
    if not quiet:
        console.print(t)
    per = Table(header_style="bold", title="per derivation")
    for col in ("derivation", "mutants", "killed", "equivalent", "survived", "kill rate"):
        per.add_column(col, justify="left" if col == "derivation" else "right")
    for derivation, group in groupby(sorted(reports, key=lambda r: r.derivation), key=lambda r: r.derivation):
        tot = totals(list(group))
        per.add_row(
            derivation,
            str(tot["mutants"]),
            str(tot["killed"]),
            str(tot["equivalent"]),
            str(tot["survived"]),
            _rate(tot["killed"], tot["equivalent"], tot["mutants"]),
        )
    console.print(per)
    for r in reports:
        if r.error:
            console.print(f"✗ {r.derivation}.{r.name}: could not mutate: {r.error}", markup=False, style="red")
        for m in r.mutants:
            if m.verdict == "survived":
                console.print(
                    f"✗ survived: {r.derivation}.{r.name} [{m.operator}] → {m.status}: {m.text}",
                    markup=False,
                    style="red",
                )
    tot = totals(reports)
    line = (
        f"{tot['mutants']} mutants: {tot['killed']} killed, {tot['equivalent']} equivalent, "
        f"{tot['survived']} survived — kill rate {_rate(tot['killed'], tot['equivalent'], tot['mutants'])}"
    )
    console.print(Text(line, style="bold red" if tot["survived"] or tot["errors"] else "bold green"))


def to_json(reports: list[ClaimMutation]) -> dict[str, Any]:
    by_derivation = {}
    for derivation, group in groupby(sorted(reports, key=lambda r: r.derivation), key=lambda r: r.derivation):
        tot = totals(list(group))
        by_derivation[derivation] = {**tot, "kill_rate": _rate(tot["killed"], tot["equivalent"], tot["mutants"])}
    tot = totals(reports)
    return {
        "schema_version": 1,
        "overall": {**tot, "kill_rate": _rate(tot["killed"], tot["equivalent"], tot["mutants"])},
        "derivations": by_derivation,
        "claims": [r.to_json() for r in reports],
    }
