"""Per-step credit (grade --step-credit): the share of a chain's steps that hold, padding excluded.

A step earns credit only when it makes progress: its line is not a line the chain already wrote, as the verifier
reads it (its LaTeX as verified: the reader has already dropped a `+ 0` or a `1 ·`, sorted the terms and written
(x + y)(x + y) as (x + y)²). A step that restates an earlier line (x = x, or a return to where the chain was) earns
nothing, and neither do the steps of the detour it closes (A = D = A: both). Such steps that hold are left out of
both counts, so writing more of them never raises the share; a step that does not hold always counts, wherever it
is. A detour into new expressions that never comes back (adding 0 written as sin²x + cos²x − 1) is not recognised:
the TA sees every line on the feedback page.
"""

from __future__ import annotations

from verifier.outcome import ClaimResult, Status


def progress(result: ClaimResult) -> set[int]:
    """The indices of the steps whose line is new: on the chain's path once every loop back to a line is cut out."""
    path: list[tuple[int, str]] = [(0, result.start_latex)]
    for step in result.steps:
        seen = next((k for k, (_, latex) in enumerate(path) if latex and latex == step.latex), None)
        if seen is None:
            path.append((step.index, step.latex))
        else:
            del path[seen + 1 :]  # the steps from that line to this one went round in a loop
    return {index for index, _ in path[1:]}


def step_credit(result: ClaimResult) -> tuple[int, int]:
    """(steps that hold and make progress, those plus every step that does not hold)."""
    new = progress(result)
    held = {s.index for s in result.steps if s.status in (Status.PROVED, Status.CHECKED)}
    not_held = {s.index for s in result.steps} - held
    return len(held & new), len(held & new) + len(not_held)
