"""`--help` fits an 80-column terminal, for the program and every subcommand, and keeps its lists' columns."""

from __future__ import annotations

import argparse

import pytest

from verifier.cli.parser import build_parser


def _helps(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("COLUMNS", "80")
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"verifier": parser.format_help(), **{name: p.format_help() for name, p in sub.choices.items()}}


def test_every_help_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    helps = _helps(monkeypatch)
    assert {"verify-all", "check", "grade", "serve", "merge"} <= set(helps)
    wide = [f"{name}: {line!r}" for name, text in helps.items() for line in text.splitlines() if len(line) > 80]
    assert not wide, "help lines over 80 columns:\n" + "\n".join(wide)


def test_a_long_verdict_line_wraps_under_its_second_column(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _helps(monkeypatch)["verifier"]
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  UNKNOWN  "))
    assert len(lines[at]) > 60  # it was one 100-column line
    assert lines[at + 1].startswith(" " * 11) and lines[at + 1].strip()  # continued under "inconclusive"
    assert "with the reason" in lines[at] + lines[at + 1]
