"""LaTeX input: derivations written as $$…$$ chains in a .tex or .md file (lark, a dependency).

    from verifier.frontends.latex import parse_chains
    families, errors = parse_chains(text)        # a ClaimFamily of Chain statements per chain

The file declares its symbols (shapes, domains, sizes), the function macros it uses and
its definitions (see :mod:`verifier.frontends.latex.declarations`); every chain is parsed by a
small lark grammar, evaluated by walking the tree, and gated (:mod:`verifier.frontends.latex.gates`).
No text is ever passed to eval, sympify or parse_expr. Errors are one line each,
`path:line:col: what; what to do`, and a broken chain never stops the others.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from verifier.language.families import ClaimFamily

INSTALL_HINT = "LaTeX chains need lark, a dependency of the verifier that is missing here: pip install lark"
SUFFIXES = (".md", ".tex")


def available() -> bool:
    """True if lark is installed (a dependency; an environment can still lack it)."""
    try:
        return importlib.util.find_spec("lark") is not None
    except (ImportError, ValueError):
        return False


def is_latex(path: Path) -> bool:
    return path.suffix in SUFFIXES


def has_chains(path: Path) -> bool:
    """A .md/.tex file in a folder is a derivation only if it has a declaration block."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "```verifier" in text or any(line.strip() == "% verifier" for line in text.splitlines())


def parse_chains(
    text: str, path: str = "<string>", stem: str = "latex", only: str | None = None
) -> tuple[list[ClaimFamily], list[tuple[str, str]]]:
    """The chains of a LaTeX text as claim families, and (name, one-line error) for each part that failed.

    only: read just the chain of this name (a worker verifying one claim skips the others).
    """
    if not available():
        raise ImportError(INSTALL_HINT)
    from verifier.frontends.latex.family import load_text

    return load_text(text, path, stem, only)


def load(path: Path, only: str | None = None) -> tuple[list[ClaimFamily], list[tuple[str, str]]]:
    return parse_chains(path.read_text(encoding="utf-8"), str(path), path.stem, only)


def chain_names(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The file's chains by name and its file-level errors, without reading the chains
    (:mod:`verifier.frontends.latex.listing`)."""
    if not available():
        raise ImportError(INSTALL_HINT)
    from verifier.frontends.latex.listing import names as listed

    return listed(path.read_text(encoding="utf-8"), str(path), path.stem)
