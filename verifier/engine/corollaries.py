"""A corollary's citations: what each cited claim of the same file was found to be. Never a verdict."""

from __future__ import annotations

from dataclasses import replace

from verifier.outcome import ClaimResult, Status


def resolve_corollaries(results: list[ClaimResult], across_files: bool = False) -> list[ClaimResult]:
    """The results, each corollary's citations said: claims of the same derivation file, by name (of any of the
    results' files, with across_files: a graded student's claims, one of each name, whichever file declares it).

    A citation never makes a verdict. A corollary with a statement (Corollary(states=...)) has
    the verdict of that statement, verified like any claim; its citations are reported beside it.
    A bare corollary shows nothing by itself: it stays UNKNOWN, "follows from …, not checked"."""
    by_file = {_place(r, r.name, across_files): r for r in results}
    return [_resolved(r, by_file, across_files) if r.cites else r for r in results]


def _place(r: ClaimResult, name: str, across_files: bool) -> tuple[str, str, str]:
    """Where a claim of that name is looked up from r: r's file, or (across_files) anywhere."""
    return ("", "", name) if across_files else (r.source or r.derivation, r.derivation, name)


def _resolved(r: ClaimResult, by_file: dict[tuple[str, str, str], ClaimResult], across_files: bool) -> ClaimResult:
    cited = {name: by_file.get(_place(r, name, across_files)) for name in r.cites}
    missing = [name for name, c in cited.items() if c is None]
    if missing:
        return replace(r, status=Status.ERROR, reason=f"cites unknown claim(s) of its file: {', '.join(missing)}")
    said = ", ".join(f"{name} ({c.status.value})" for name, c in cited.items() if c is not None)
    if r.kind == "corollary":
        reason = (
            f"follows from {said} by: {r.detail} (not checked: a citation alone shows nothing; "
            "write Corollary(..., states=<the statement>) to have it verified)"
        )
        return replace(r, status=Status.UNKNOWN, reason=reason)
    return replace(r, reason=f"{r.reason}; cites {said}" if r.reason else f"cites {said}")
