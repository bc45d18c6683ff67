"""A corollary's citations: what each cited claim of the same file was found to be. Never a verdict."""

from __future__ import annotations

from verifier.outcome import ClaimResult, Status


def resolve_corollaries(results: list[ClaimResult]) -> None:
    """Say what each corollary's citations are: claims of the same derivation file, by name.

    A citation never makes a verdict. A corollary with a statement (Corollary(states=...)) has
    the verdict of that statement, verified like any claim; its citations are reported beside it.
    A bare corollary shows nothing by itself: it stays UNKNOWN, "follows from …, not checked"."""
    by_file = {(r.source or r.derivation, r.derivation, r.name): r for r in results}
    for r in results:
        if not r.cites:
            continue
        cited = {name: by_file.get((r.source or r.derivation, r.derivation, name)) for name in r.cites}
        missing = [name for name, c in cited.items() if c is None]
        if missing:
            r.status = Status.ERROR
            r.reason = f"cites unknown claim(s) of its file: {', '.join(missing)}"
            continue
        said = ", ".join(f"{name} ({c.status.value})" for name, c in cited.items() if c is not None)
        if r.kind == "corollary":
            r.status = Status.UNKNOWN
            r.reason = (
                f"follows from {said} by: {r.detail} (not checked: a citation alone shows nothing; "
                "write Corollary(..., states=<the statement>) to have it verified)"
            )
        else:
            r.reason = f"{r.reason}; cites {said}" if r.reason else f"cites {said}"
