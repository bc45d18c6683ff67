"""The library's LaTeX chains, offered on the page as examples to start from (read once, at start-up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verifier.frontends import latex
from verifier.load import library


def library_folder() -> Path | None:
    """./derivations if there is one, else the library (the checkout's or the installed one), if any."""
    return library.default_folder()


def title(text: str, fallback: str) -> str:
    """A Markdown file's first heading, else the fallback."""
    heading = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "")
    return heading or fallback


def load(folder: Path | None) -> list[dict[str, Any]]:
    """Every LaTeX derivation of the folder: its name, format, title and text."""
    if folder is None:
        return []
    out = []
    paths = sorted(p for p in folder.iterdir() if p.is_file() and latex.is_latex(p) and latex.has_chains(p))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        out.append({"name": path.stem, "format": path.suffix[1:], "title": title(text, path.stem), "text": text})
    return out
