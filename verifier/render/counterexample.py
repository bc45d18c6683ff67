"""A counterexample in words, the same in every renderer: where it is, and what was claimed and observed."""

from __future__ import annotations

from typing import Any

from verifier.language.text import confirmation_text
from verifier.outcome import ClaimResult, Counterexample, StepResult


def values_text(values: dict[str, Any]) -> str:
    """{'x': 1.0, 'y': [0.5, 0.5]} → "x = 1.0, y = [0.5, 0.5]"."""
    return ", ".join(f"{name} = {value}" for name, value in values.items())


def confirmed(cx: Counterexample) -> str:
    """ "confirmed at 100 digits", or "decided exactly"."""
    return confirmation_text(cx.digits)


def entries_text(cx: Counterexample) -> str:
    """ "entry 2", "entries 1, 3" or "entry (1, 2)"; "" for a scalar claim."""
    if not cx.entries:
        return ""
    shown = ", ".join(str(e[0]) if len(e) == 1 else f"({', '.join(map(str, e))})" for e in cx.entries)
    return f"{'entry' if len(cx.entries) == 1 else 'entries'} {shown}"


def where(cx: Counterexample) -> str:
    """ "n = 2, entry 2, at x = [1.0, 0.5]": the size, the index and the point, each only if there is one."""
    parts = [f"n = {cx.n}"] if cx.n is not None else []
    parts += [entries_text(cx)] if cx.entries else []
    parts += [f"at {values_text(cx.values)}"] if cx.values else []
    return ", ".join(parts)


def compared(cx: Counterexample) -> str:
    """ "claimed 2, observed 4"; for a bound, "claimed lhs − rhs ≥ 0, observed -1"."""
    if not cx.relation:  # written before the fields had names: only the sides are known
        return f"left side {cx.observed}, right side {cx.claimed}"
    if not cx.claimed:
        return f"claimed {cx.relation}, observed {cx.observed}"
    return f"claimed {cx.claimed}, observed {cx.observed}"


def step_compared(step: StepResult, cx: Counterexample) -> str:
    """A chain step's values by line: this line is what the student claims, the previous line the truth."""
    return line_compared(cx, step.index, step.relation)


def line_compared(cx: Counterexample, index: int | None, relation: str) -> str:
    """The values compared, by line at a chain's line (its index and relation); else as claimed and observed."""
    if index is None or relation != "=" or cx.relation != "=" or not cx.claimed:
        return compared(cx)
    this, before = _e(index), _e(index - 1)
    return f"claimed {this} = {cx.claimed} (this line), observed {before} = {cx.observed} (the line before)"


def result_compared(cx: Counterexample, r: ClaimResult | None = None) -> str:
    """The values compared; for a chain, by line at its first wrong step."""
    wrong = [s for s in r.steps if s.index == r.first_wrong_step] if r is not None else []
    return step_compared(wrong[0], cx) if wrong else compared(cx)


def headline(cx: Counterexample, r: ClaimResult | None = None) -> str:
    """One line: "counterexample (n = 2, entry 1, at x = 1.0): claimed 2, observed 4"."""
    return headline_of(cx, result_compared(cx, r))


def headline_of(cx: Counterexample, compared_text: str) -> str:
    """The headline with the comparison already worded (by line for a chain)."""
    place = where(cx)
    return f"counterexample{f' ({place})' if place else ''}: {compared_text}"


def _e(i: int) -> str:
    return "e" + str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
