"""The reason a claim's walk gives for its verdict: what was proved where, and what the numerics saw."""

from __future__ import annotations

import re

from verifier.language.text import margin_text, n_text
from verifier.numeric.checks.certified import CERTIFIED_NOTE, MONTE_CARLO_NOTE
from verifier.numeric.checks.convergence import NO_VALUE_NOTE
from verifier.numeric.checks.definedness import UNDEFINED_NOTE
from verifier.numeric.checks.enclosure import ENCLOSURE_NOTE
from verifier.numeric.checks.resolve import UNDERFLOW_NOTE
from verifier.outcome import ClaimResult, Status
from verifier.trusted.provisos import narrows

# why a sample was skipped: it has no value there, a float cannot hold its value (10⁴⁰⁰), or it is a kink
SKIPPED_WHY = "no value there, a value beyond floats' range, or a kink"
# the numeric notes a reason repeats
NOTES = (UNDEFINED_NOTE, NO_VALUE_NOTE, ENCLOSURE_NOTE, CERTIFIED_NOTE, MONTE_CARLO_NOTE, UNDERFLOW_NOTE)


def walked(result: ClaimResult, why_not: str) -> str:
    """What the walk showed: the proofs, the numerics, the n checked and why the ladder stopped."""
    checked = [e for e in result.numeric if e.samples]
    samples = sum(e.samples for e in checked)
    worst = max(checked, key=lambda e: e.margin, default=None)  # error and tolerance from the same place
    where = f" at n = {worst.n}" if worst is not None and worst.n is not None and len(checked) > 1 else ""
    margin = f"{margin_text(worst.max_error, worst.tolerance)}{where}" if worst else "no samples"
    escalated = sum(e.escalated for e in checked)
    extra = f"; {escalated} resolved at 100+ digits" if escalated else ""
    skipped = sum(e.skipped for e in checked)
    extra += f"; {skipped:,} skipped: {SKIPPED_WHY}" if skipped else ""  # no silent skipping
    numerics = f"numerics agree on {samples:,} sample{'' if samples == 1 else 's'} ({margin}{extra})"
    marks = [(e.note, tuple(e.note.index(m) for m in NOTES if m in e.note)) for e in result.numeric]
    numerics += "".join(f"; {clause}" for clause in merged([note[min(at) :] for note, at in marks if at]))
    if result.status is Status.PROVED:
        rungs = sorted({p.rung for p in result.proofs})
        only_numeric = [e.n for e in result.numeric if e.n not in result.proved_n]
        extra = f"; checked numerically at n = {n_text(only_numeric)}" if only_numeric else ""
        dims = f"for n = {n_text(result.proved_n)} " if any(n is not None for n in result.proved_n) else ""
        return f"proved {dims}({', '.join(rungs)}){where_it_holds(result.assumptions)}; {numerics}{extra}"
    if result.status is Status.CHECKED:
        proved = f"proved for n = {n_text(result.proved_n)} only; " if result.proved_n else ""
        return f"{numerics}; {proved}no symbolic proof ({why_not or 'none attempted'})"
    if result.status is Status.UNKNOWN:
        return result.reason or "inconclusive"
    return result.reason


def where_it_holds(assumptions: list[str]) -> str:
    """The provisos among a proof's assumptions, as the reason says them after "proved (…)": ", wherever both
    sides are defined (no denominator is 0)", or "" where the proof holds on the whole of the claim's domains."""
    said = [a for a in dict.fromkeys(assumptions) if narrows(a)]
    return "".join(f", {a}" for a in said)


_COUNT = re.compile(r"\b(\d[\d,]*) ((?:undecidable )?sample\(s\)|samples?\b)")
_N, _WORD = "\x00n", "\x00w"  # a note's count and its word "sample(s)", in the note's key


def merged(notes: list[str]) -> list[str]:
    """The notes, each said once: a note that differs from another only in its count of samples, as each n's
    "underflow: 2 samples fell below …", is said once with the counts added, where first said."""
    totals: dict[str, int] = {}
    for note in (unit for tail in notes for unit in _units(tail)):
        found = _COUNT.search(note)
        if found is None or len(_COUNT.findall(note)) > 1 or re.search(r"\d", _COUNT.sub("", note)):
            totals.setdefault(note, 0)  # no count, or another number beside it (boxes, digits): said as it is
            continue
        word = found[2] if found[2].endswith("(s)") else _WORD
        key = f"{note[: found.start()]}{_N} {word}{note[found.end() :]}"
        totals[key] = totals.get(key, 0) + int(found[1].replace(",", ""))
    return [key.replace(_N, f"{n:,}").replace(_WORD, "sample" if n == 1 else "samples") for key, n in totals.items()]


def _units(tail: str) -> list[str]:
    """A numeric note's parts: each begins at a clause that names its kind (NOTES) or replaced samples, and
    takes the clauses after it that do not ("…; they count only where high precision decided them")."""
    units: list[str] = []
    for clause in tail.split("; "):
        starts = any(m in clause for m in NOTES) or re.match(r"\d[\d,]* undecidable", clause)
        if units and not starts:
            units[-1] += f"; {clause}"
        else:
            units.append(clause)
    return units
