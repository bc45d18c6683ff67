"""`verifier list` and `verifier show`: read-only views of the claims."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from rich.console import Console
from rich.table import Table

from verifier import loader, mathtext
from verifier.instantiate import ClaimError, instantiate
from verifier.text import n_text


def list_claims(console: Console, paths: list[str]) -> int:
    t = Table(header_style="bold")
    for col in ("derivation", "claim", "expect", "n"):  # names are never cut: only the statement wraps
        t.add_column(col, no_wrap=True)
    t.add_column("statement", overflow="fold", ratio=1)
    status = 0
    for path in loader.discover(paths):
        try:
            loaded = loader.load(path)
        except loader.LoadError as err:
            console.print(f"[red]{err}[/]", markup=True, highlight=False)
            status = 1
            continue
        for f in loaded.families:
            t.add_row(f.derivation, f.name, f.expect.value, n_text(list(f.all_n)), f.statement_text)
    console.print(t)
    return status


def show_claim(console: Console, paths: list[str], name: str, n: int | None) -> int:
    derivation, _, claim_name = name.partition(".")
    for path in loader.discover(paths):
        if Path(path).stem != derivation:
            continue
        loaded = loader.load(path)
        family = next((f for f in loaded.families if f.name == claim_name), None)
        if family is None:
            console.print(
                f"{derivation} has no claim {claim_name!r}; claims: {', '.join(f.name for f in loaded.families)}"
            )
            return 2
        sized = [v for v in family.n_values if v is not None]
        chosen = n if n is not None else (min((v for v in sized if v >= 2), default=sized[0]) if sized else None)
        claim = family.build(chosen)
        console.print(
            f"[bold]{derivation}.{family.name}[/]  ({claim.kind}, expect {family.expect.value}, "
            f"n = {n_text(list(family.all_n))})"
        )
        console.print(family.statement_text, markup=False)
        if family.notes:
            console.print(f"note: {family.notes}", markup=False)
        _, _, text = mathtext.render(claim)
        console.print(f"\nat n = {chosen}:" if chosen else "")
        console.print(text or sp.sstr(claim.body)[:2000], markup=False, highlight=False)
        try:
            inst = instantiate(claim)
            console.print("\ndomains and assumptions:")
            for a in inst.assumptions:
                console.print(f"  • {a}", markup=False)
        except ClaimError as err:
            console.print(f"\n[red]malformed: {err}[/]")
        return 0
    console.print(f"no derivation named {derivation!r}; try `verifier list`")
    return 2
