"""What a row may show: no host path, no control character, whatever produced the text.

A grade's reason, a row's problem and a counterexample (its sides, values and note: data that
a renderer words) are words from the grader, the engine, the loader and the sandbox, and any
of them may quote a path on the grading host (a LaTeX file's error names the file by its full
path; an exception may name a library file). Students see these rows (feedback pages,
Gradescope, the course index), and the course folder's path is the teaching assistant's, so
:func:`scrub_row` rewrites each row once, before any renderer reads it: the student's folder,
the submissions folder, the reference's folder and the working directory become relative,
the home folder ``~``, Python's installation ``<python>`` and the verifier's package
``<verifier>``; any other absolute path outside what the sandbox shows a submission
(``/submission``, ``/usr``, …) is cut to its last component. Control characters (terminal
escapes) are removed from every text field, the student's own included. Escaping for a
format (Markdown, HTML) stays the renderer's job.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from pathlib import Path

from verifier.grading.report import ClaimGrade, StudentRow, WrittenLine
from verifier.grading.statements import clean_text
from verifier.outcome import Counterexample

SANDBOX_PATHS = ("/submission", "/opt/verifier-lib", "/usr", "/proc", "/dev", "/etc", "/bin", "/lib")
_PATH = re.compile(r"(?<![\w/.~<>-])/(?:[^\s/:'\"(),;`<>|]+/)+[^\s/:'\"(),;`<>|]*")
_GRADER_TEXT = ("reason", "wrong_step")


def host_roots(folder: Path, submissions: Path, reference: str) -> list[tuple[str, str]]:
    """(host prefix, what to show instead), longest first."""
    import verifier

    pairs = {str(Path(verifier.__file__).resolve().parent): "<verifier>"}
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix):
        pairs[str(Path(prefix).resolve())] = "<python>"
        pairs[prefix] = "<python>"
    pairs[str(Path.home())] = "~"
    for place in (Path.cwd(), Path(reference).parent, submissions, folder):
        for form in {str(place), str(place.resolve()), os.path.abspath(place)}:
            if form not in ("/", ".", ""):
                pairs[form] = ""
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def scrub(text: str, roots: list[tuple[str, str]]) -> str:
    """text without control characters, with every host path relative or cut to its last component."""
    for prefix, shown in roots:
        if prefix in text:
            text = text.replace(prefix + "/", f"{shown}/" if shown else "").replace(prefix, shown or ".")
    return _PATH.sub(_cut, _plain(text))


def _rooted(text: str, roots: list[tuple[str, str]]) -> str:
    text = _plain(text)
    for prefix, shown in roots:
        text = text.replace(prefix + "/", f"{shown}/" if shown else "") if prefix in text else text
    return text


def _cut(found: re.Match[str]) -> str:
    path = found.group(0)
    if any(path == p or path.startswith(p + "/") for p in SANDBOX_PATHS):
        return path
    return path.rstrip("/").rsplit("/", 1)[-1] or path


def _plain(text: str) -> str:
    return clean_text(text, len(text) + 1)


def _found(cx: Counterexample | None, roots: list[tuple[str, str]]) -> Counterexample | None:
    """The counterexample's words as a renderer will quote them: its values' names and texts, its sides, its note."""
    if cx is None:
        return None
    return dataclasses.replace(
        cx,
        values={_plain(str(name)): _value(v, roots) for name, v in cx.values.items()},
        claimed=scrub(cx.claimed, roots),
        observed=scrub(cx.observed, roots),
        relation=scrub(cx.relation, roots),
        error=scrub(cx.error, roots),
        note=scrub(cx.note, roots),
    )


def _value(value: object, roots: list[tuple[str, str]]) -> object:
    if isinstance(value, str):
        return scrub(value, roots)
    if isinstance(value, list | tuple):
        return [_value(v, roots) for v in value]
    return value


def _grade(g: ClaimGrade, roots: list[tuple[str, str]]) -> ClaimGrade:
    changes: dict[str, object] = {name: scrub(getattr(g, name), roots) for name in _GRADER_TEXT}
    changes["found"] = _found(g.found, roots)
    changes |= {name: _plain(getattr(g, name)) for name in ("matched", "suggested", "written", "latex")}
    changes["lines"] = [
        WrittenLine(x.index, _plain(x.relation), _plain(x.latex), _plain(x.reason), x.status) for x in g.lines
    ]
    return dataclasses.replace(g, **changes)  # type: ignore[arg-type]


def scrub_row(row: StudentRow, roots: list[tuple[str, str]]) -> StudentRow:
    """The row as students may see it (see the module's docstring)."""
    row.student = _plain(row.student)
    row.files = [_plain(f) for f in row.files]
    row.problem = scrub(row.problem, roots)
    row.integrity = [_rooted(n, roots) for n in row.integrity]  # the paths it tried: its own words
    row.extra = [_plain(x) for x in row.extra]
    row.grades = [_grade(g, roots) for g in row.grades]
    return row
