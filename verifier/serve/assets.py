"""The page's files (index.html, app.js, app.css), read from the package once; no route reads a file."""

from __future__ import annotations

import functools
from importlib import resources

NAMES = ("index.html", "app.js", "app.css")


@functools.cache
def text(name: str) -> str:
    """One of NAMES, as text (KeyError for any other name)."""
    if name not in NAMES:
        raise KeyError(name)
    return resources.files("verifier.serve").joinpath("page", name).read_text(encoding="utf-8")
