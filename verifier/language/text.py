"""Small text helpers shared by the engine, the strategies and the renderers (plain strings, no sympy)."""

from __future__ import annotations

import re
from dataclasses import fields

import mpmath


def n_text(values: list[int | None]) -> str:
    """[1, 2, 3, 4, 32] → "1–4, 32"."""
    nums = [v for v in values if v is not None]
    if not nums:
        return "–"
    runs: list[list[int]] = []
    for v in sorted(set(nums)):
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def plural(count: int, noun: str) -> str:
    """1 claim, 2 claims."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def unmet_text(unmet: int) -> str:
    """ "every claim met its expectation", "1 claim did not meet its expectation", "2 claims … their …"."""
    if not unmet:
        return "every claim met its expectation"
    return f"{plural(unmet, 'claim')} did not meet {'its' if unmet == 1 else 'their'} expectation"


def retried_text(retried: dict[str, int]) -> str:
    """The claims a cluster ran again after losing their worker, as one note ("" if none)."""
    if not retried:
        return ""
    shown = ", ".join(f"{key} ({count}×)" if count > 1 else key for key, count in retried.items())
    return f"re-run after their worker was lost ({len(retried)}; the verdicts are the re-runs'): {shown}"


EXACT_TOLERANCE = 1e-250  # tolerances carry a 1e-300 floor (no division by zero): below this, the comparison was exact


def margin_text(worst: float, tolerance: float, digits: int = 2) -> str:
    """'worst 3.1e-16, tol 2.2e-14'; an exact comparison (a tolerance at its floor, no error) says so, not
    'tol 1e-300'. An error beside a tolerance that small is a comparison of values below floats' normal range, not
    an exact one: both are shown as numbers."""
    exact = tolerance < EXACT_TOLERANCE and worst == 0
    tol = "0 (exact)" if exact else f"{tolerance:.{digits}g}"
    return f"worst {worst:.{digits}g}, tol {tol}"


_LAYOUT = re.compile(r"\\left|\\right|\\,|\\;|\\!|[{}\s]")


LONG_RATIONAL = 40  # characters: a longer exact rational is shown by its decimal value and its size


def rational_text(value: object) -> str:
    """An exact number as a reader takes it in: itself while short, else its first 17 significant digits and how
    long it is exactly (a gap of 10⁻³⁴⁰ between sides at a float point is a fraction of 340 digits)."""
    text = str(value)
    numerator, _, denominator = text.lstrip("-").partition("/")
    if len(text) <= LONG_RATIONAL or not numerator.isdigit() or not (denominator or "1").isdigit():
        return text
    with mpmath.workdps(20):
        shown = mpmath.nstr(mpmath.mpf(int(numerator)) / int(denominator or "1"), 17, min_fixed=0, max_fixed=0)
    sign = "-" if text.startswith("-") else ""
    over = len(denominator or "1")
    return f"{sign}{shown} (exactly: {plural(len(numerator), 'digit')} over {over})"


def reads_as_written(written: str, reading: str) -> bool:
    """Whether what the reader understood (sympy's LaTeX of a line) is the line as written, up to braces,
    spaces and \\left/\\right: then showing the reading says nothing new."""
    return _LAYOUT.sub("", written) == _LAYOUT.sub("", reading)


# control characters other than tab and newline: an ESC from a student's \text{…} or docstring would colour or
# overwrite a terminal line (hide a REFUTED), so a result never holds one: each is written as its escape, "\x1b".
# So are the bidirectional formatting characters: a U+202E (right-to-left override) draws the rest of a terminal
# line or a Markdown row reversed, "DEVORP │ 0/1 │ REFUTED" as "DETUFER │ 1/0 │ PROVED"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """text with each control character but tab and newline, and each bidirectional formatting character, written
    as its escape (ESC as "\\x1b", a right-to-left override as "\\u202e")."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def make_visible(result: object) -> None:
    """Each text field of a frozen result (each text of a list or tuple, each key of a dict) with its control
    characters escaped."""
    for f in fields(result):  # type: ignore[arg-type]
        value = getattr(result, f.name)
        if isinstance(value, str) and CONTROL.search(value):
            object.__setattr__(result, f.name, visible(value))
        elif isinstance(value, list | tuple) and any(isinstance(v, str) and CONTROL.search(v) for v in value):
            object.__setattr__(result, f.name, type(value)(visible(v) if isinstance(v, str) else v for v in value))
        elif isinstance(value, dict) and any(isinstance(k, str) and CONTROL.search(k) for k in value):
            object.__setattr__(result, f.name, {visible(k) if isinstance(k, str) else k: v for k, v in value.items()})


LONG_DIGITS = 24  # a longer run of digits in a message is shown by its ends and its length
_DIGIT_RUN = re.compile(rf"\d{{{LONG_DIGITS + 1},}}")


def clipped(text: object, limit: int) -> str:
    """str(text) shortened for a message, never to another number: each run of more than LONG_DIGITS digits is shown by
    its ends and its length (10⁻⁴⁰⁰ is 1/1000…000 (401 digits)), and text still longer than limit is cut with an
    ellipsis (cut silently, a² − 1/10⁴⁰⁰ read as a² − 1/10⁶⁶)."""
    short = _DIGIT_RUN.sub(lambda m: f"{m[0][:4]}…{m[0][-3:]} ({len(m[0])} digits)", str(text))
    return short if len(short) <= limit else short[: max(limit - 1, 0)] + "…"


def confirmation_text(digits: int) -> str:
    """How a counterexample was confirmed: "confirmed at 100 digits", or "decided exactly" (0 digits: an exact
    decision, with no precision to name)."""
    return "decided exactly" if digits == 0 else f"confirmed at {digits} digits"
