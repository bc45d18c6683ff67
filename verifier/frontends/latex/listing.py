"""A LaTeX file's chains by name, and its file-level errors, without reading a line of any chain.

Reading a chain (parsing, evaluating and gating every line at every size) is most of the cost
of loading a file (:mod:`verifier.frontends.latex.family`). A test collector needs only the
names: the pytest plugin lists a file's chains here and leaves reading them to the run, which
reports a chain that does not read as that chain's ERROR, with its line.
"""

from __future__ import annotations

from verifier.frontends.latex.declarations import Declarations, parse_block
from verifier.frontends.latex.document import ChainSource, Document, split


def chain_name(source: ChainSource, stem: str, index: int) -> str:
    """A chain's name: the one the file gives it, else the file's stem and its place (from 1)."""
    return source.name or f"{stem}_{index}"


def file_errors(doc: Document, decls: Declarations, path: str) -> list[tuple[str, str]]:
    """(part, one-line error) for what is wrong with the file as a whole: its declarations and its chain markers."""
    errors = [("<declarations>", str(e)) for e in decls.errors] + [("<chains>", str(e)) for e in doc.errors]
    if not doc.declarations:
        hint = "add a ```verifier block (Markdown) or `% verifier` comment lines (TeX) naming the symbols"
        errors.append(("<declarations>", f"{path}:1:1: no declarations; {hint}"))
    return errors


def names(text: str, path: str, stem: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The names of the file's chains in order (a name given twice, twice), and its file-level errors."""
    doc = split(text, path)
    chains = [chain_name(source, stem, index) for index, source in enumerate(doc.chains, start=1)]
    return chains, file_errors(doc, parse_block(doc.declarations), path)
