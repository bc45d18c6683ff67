"""Per-step credit (grade --step-credit): the share of a chain's steps that hold, padding excluded.

A step earns credit only when it makes progress: its line is not a line the chain already wrote, as the verifier
reads it (its LaTeX as verified: the reader has already dropped a `+ 0` or a `1 ·`, sorted the terms and written
(x + y)(x + y) as (x + y)²). A step that restates an earlier line (x = x, or a return to where the chain was) earns
nothing, and neither do the steps of the detour it closes (A = D = A: both). Such steps that hold are left out of
both counts, so writing more of them never raises the share; a step that does not hold always counts, wherever it
is. One exception: a step that writes out, shorter, what the reader already worked out in the line just before it
(\\frac{d}{dx} 3x^2 = 6x, x + x = 2x, 2 + 3 = 5) makes progress, though the reader reads both lines alike: it is the
work the exercise asks for, and a step that pads (x = x + 0, x = 2 · ½ x) writes more, not less. Only the first
such step from a line counts (x + x + x = 2x + x = 3x earns one), so a first line padded to be whittled down a term
a step (x + 0 + 0 = x + 0 = x) earns one step at most; and a step that only strikes characters out of the line
before (x^2 + 1 + 0 = x^2 + 1, {x}^2 = x^2, 1 \\cdot x = x) undoes padding, works nothing out and earns none. A
detour into new expressions that never comes back (adding 0 written as sin²x + cos²x − 1) is not recognised: the
TA sees every line on the feedback page.
"""

from __future__ import annotations

import re

from verifier.outcome import ClaimResult, Status

_LAYOUT = re.compile(r"\s+|\\(?:left|right|cdot|[,;:! ]|quad|qquad)(?![a-zA-Z])")


def _size(written: str) -> int:
    """The length of a line as written, spacing and sizing left out (2 \\cdot x is no longer than 2x)."""
    return len(_LAYOUT.sub("", written))


def progress(result: ClaimResult) -> set[int]:
    """The indices of the steps whose line is new: on the chain's path once every loop back to a line is cut out."""
    path: list[tuple[int, str, str, bool]] = [(0, result.start_latex, result.start_written, False)]
    for step in result.steps:
        written = step.written or step.latex
        seen = next((k for k in reversed(range(len(path))) if path[k][1] and path[k][1] == step.latex), None)
        if seen is None:
            path.append((step.index, step.latex, written, False))
        elif seen == len(path) - 1 and _worked_out(path[seen], written):
            path.append((step.index, step.latex, written, True))
        else:
            del path[seen + 1 :]  # the steps from that line to this one went round in a loop
    return {index for index, *_ in path[1:]}


def _worked_out(before: tuple[int, str, str, bool], written: str) -> bool:
    """Whether a line read as the line before it writes out the reader's work: shorter, and the first such step
    from a line (x + 0 + 0 = x + 0 = x, a first line padded to be whittled down, earns one step, not one a term)."""
    return bool(before[2]) and not before[3] and _size(written) < _size(before[2]) and not _erased(before[2], written)


def _erased(longer: str, shorter: str) -> bool:
    """Whether the shorter line is the longer one with characters struck out (spacing aside): it drops what pads
    the line (x^2 + 2x + 1 + 0, 1 \\cdot x^2, {x}^2, (x^2), \\mathrm{x}^2, x^{2}, all read as x^2 + 2x + 1) and
    works nothing out; written after the padded line, it earned a step of its own (x + x = 2x does not erase)."""
    rest = iter(_LAYOUT.sub("", longer))
    return all(char in rest for char in _LAYOUT.sub("", shorter))


def step_credit(result: ClaimResult) -> tuple[int, int]:
    """(steps that hold and make progress, those plus every step that does not hold)."""
    new = progress(result)
    held = {s.index for s in result.steps if s.status in (Status.PROVED, Status.CHECKED)}
    not_held = {s.index for s in result.steps} - held
    return len(held & new), len(held & new) + len(not_held)
