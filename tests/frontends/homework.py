"""A student's homework as the LaTeX reader sees it: declarations, then a display, read and verified as one file."""

from __future__ import annotations

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=40)


def read(declarations: str, body: str) -> tuple[list[object], list[str]]:
    """The families the file gives, and its errors' text."""
    families, errors = latex.parse_chains(f"```verifier\n{declarations}\n```\n\n{body}\n", "hw.md", "hw")
    return list(families), [str(e[1]) for e in errors]


def status(declarations: str, line: str) -> Status:
    """The verdict on the one display `$$ line $$`, which must be read."""
    families, errors = read(declarations, f"$$ {line} $$")
    assert errors == [] and len(families) == 1, errors
    return verify_family(families[0], SETTINGS).status  # type: ignore[arg-type]


def refusal(declarations: str, line: str) -> str:
    """The one error of the display `$$ line $$`, which must be refused."""
    families, errors = read(declarations, f"$$ {line} $$")
    assert families == [] and len(errors) == 1, (families, errors)
    return errors[0]
