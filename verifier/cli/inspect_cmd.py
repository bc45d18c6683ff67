"""`verifier list` and `verifier show`: read-only views of the claims."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from verifier.engine import mathtext
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.language.text import clipped, n_text
from verifier.load import loader
from verifier.trusted.instantiate import ClaimError, instantiate


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
            console.print(f"[red]{escape(str(err))}[/]", markup=True, highlight=False)
            status = 1
            continue
        for f in loaded.families:
            cells = (f.derivation, f.name, f.expect.value, n_text(list(f.all_n)), f.statement_text)
            t.add_row(*(Text(c) for c in cells))  # as written: x[i] is no markup
    console.print(t)
    return status


def show_claim(console: Console, paths: list[str], name: str, n: int | None) -> int:
    derivation, claim_name, path = _split(paths, name)
    if path is None:
        console.print(
            f"no derivation named {derivation!r} in {', '.join(paths)} or below the current folder; "
            f"give its file: verifier show {name} PATH/{derivation}.py",
            markup=False,
            highlight=False,
        )
        return 2
    loaded = loader.load(path)
    family = next((f for f in loaded.families if f.name == claim_name), None)
    if family is None:
        names = ", ".join(f.name for f in loaded.families)
        what = f"has no claim {claim_name!r}" if claim_name else "is a file: name a claim, DERIVATION.CLAIM"
        console.print(f"{derivation} ({path}) {what}; claims: {names}", markup=False, highlight=False)
        return 2
    _print_family(console, family, n)
    return 0


def _split(paths: list[str], name: str) -> tuple[str, str, Path | None]:
    """DERIVATION.CLAIM as (derivation, claim, its file): the longest dotted prefix that names a derivation in the
    paths, else below the current folder (ridge.v2.square is ridge.v2's square, as `check` reads it); else the
    text before the first dot, with no file."""
    splits = dotted_splits(name) or [(name, "")]
    for finder in (lambda stem: in_paths(paths, stem), below_here):
        for derivation, claim_name in splits:
            if (path := finder(derivation)) is not None:
                return derivation, claim_name, path
    return (*splits[-1], None)


def dotted_splits(name: str) -> list[tuple[str, str]]:
    """(derivation, claim) at each dot of DERIVATION.CLAIM, the longest derivation first: notes.v2.sq is
    (notes.v2, sq), then (notes, v2.sq)."""
    parts = name.split(".")
    return [(".".join(parts[:i]), ".".join(parts[i:])) for i in range(len(parts) - 1, 0, -1)]


def _print_family(console: Console, family: ClaimFamily, n: int | None) -> None:
    """The claim at one n: its statement in unicode math, its domains and assumptions."""
    sized = [v for v in family.n_values if v is not None]
    chosen = n if n is not None else (min((v for v in sized if v >= 2), default=sized[0]) if sized else None)
    claim = family.build(chosen)
    console.print(
        f"[bold]{escape(str(ClaimKey.of(family)))}[/]  ({claim.kind}, expect {family.expect.value}, "
        f"n = {n_text(list(family.all_n))})"
    )
    console.print(family.statement_text, markup=False)
    if family.notes:
        console.print(f"note: {family.notes}", markup=False)
    text = mathtext.unicode_text(claim, console.width)
    console.print(f"\nat n = {chosen}:" if chosen else "")
    console.print(text or clipped(claim.body, 2000), markup=False, highlight=False)
    try:
        inst = instantiate(claim)
        console.print("\ndomains and assumptions:")
        for a in inst.assumptions:
            console.print(f"  • {a}", markup=False)
    except ClaimError as err:
        console.print(f"\n[red]malformed: {escape(str(err))}[/]")


SKIPPED = {"node_modules", "site-packages", "venv", "env", "build", "dist"}


def find_derivation(paths: list[str], derivation: str) -> Path | None:
    """The file of a derivation: among the given paths, else the nearest below the current folder."""
    return in_paths(paths, derivation) or below_here(derivation)


def in_paths(paths: list[str], derivation: str) -> Path | None:
    return next((p for p in loader.discover(paths) if p.stem == derivation), None)


def below_here(derivation: str) -> Path | None:
    """The derivation file of that name nearest below the current folder (up to 3 levels)."""
    return next(_below(Path(), derivation), None)


def _below(root: Path, stem: str, depth: int = 3) -> Iterator[Path]:
    """Derivation files named stem.py (or a LaTeX stem.md, stem.tex) up to depth folders below root."""
    for folder, dirs, files in os.walk(root):
        level = len(Path(folder).relative_to(root).parts)
        dirs[:] = sorted(d for d in dirs if level < depth and d not in SKIPPED and not d.startswith((".", "_")))
        for suffix in (".py", ".md", ".tex"):
            path = Path(folder) / f"{stem}{suffix}"
            if path.name in files and (suffix == ".py" or latex.has_chains(path)):
                yield path
