"""A corollary's citations: what each cited claim of the same file was found to be. Never a verdict."""

from __future__ import annotations

from dataclasses import replace

from verifier.outcome import ClaimResult, Status


def resolve_corollaries(results: list[ClaimResult]) -> list[ClaimResult]:
    """The results, each corollary's citations said: claims of the same derivation file, by name.

    A citation never makes a verdict. A corollary with a statement (Corollary(states=...)) has
    the verdict of that statement, verified like any claim; its citations are reported beside it.
    A bare corollary shows nothing by itself: it stays UNKNOWN, "follows from …, not checked"."""
    by_file = {(r.source or r.derivation, r.derivation, r.name): r for r in results}
    return [_resolved(r, by_file) if r.cites else r for r in results]


def _resolved(r: ClaimResult, by_file: dict[tuple[str, str, str], ClaimResult]) -> ClaimResult:
    cited = {name: by_file.get((r.source or r.derivation, r.derivation, name)) for name in r.cites}
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
