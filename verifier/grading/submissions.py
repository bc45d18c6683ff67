"""A course on disk: the reference claims, and one submission per subfolder of the submissions folder."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.outcome import Expect

MAX_LATEX_BYTES = 1_000_000


@dataclass(frozen=True)
class Reference:
    """The claims every submission must contain (those the reference expects to hold)."""

    path: str
    families: tuple[ClaimFamily, ...]
    skipped: tuple[str, ...]  # the reference's known-wrong claims (expect="refuted"), not required

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.families]

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Sent to another machine (a Dask worker) as its path, and loaded there once per process:
        its claims are built by functions of a module that only a load can recreate."""
        return reference_at, (self.path,)

    def family(self, name: str) -> ClaimFamily:
        return next(f for f in self.families if f.name == name)

    def dims(self) -> dict[str, list[int | None]]:
        """The dimensions each claim is checked at: the reference's own."""
        return {f.name: list(f.all_n) for f in self.families}

    def all_dims(self) -> list[int | None]:
        """Every dimension any reference claim uses (where a renamed claim is built)."""
        seen = {n for f in self.families for n in f.all_n if n is not None}
        return [*sorted(seen)]


def reference_at(path: str) -> Reference:
    """load_reference, once per process and version of the file (forked workers inherit it)."""
    try:
        version = Path(path).stat().st_mtime_ns
    except OSError:
        version = 0
    return _loaded(path, version)


@functools.lru_cache(maxsize=4)
def _loaded(path: str, version: int) -> Reference:
    return load_reference(path)


def load_reference(path: str) -> Reference:
    """The teaching assistant's reference, loaded like any derivation (LoadError: one line)."""
    p = Path(path)
    if not p.is_file() or not (p.suffix == ".py" or latex.is_latex(p)):
        raise loader.LoadError(f"{path}: the reference must be a derivation file (.py, .md or .tex)")
    loaded = loader.load(p)
    if loaded.errors:
        name, message = loaded.errors[0]
        raise loader.LoadError(f"{path}: the reference's claim {name!r} does not load: {message}")
    wanted = tuple(f for f in loaded.families if f.expect is Expect.HOLDS and f.name not in loaded.duplicates)
    if not wanted:
        raise loader.LoadError(f"{path}: the reference declares no claim that is expected to hold")
    skipped = tuple(f.name for f in loaded.families if f.expect is not Expect.HOLDS)
    return Reference(str(p), wanted, skipped)


@dataclass(frozen=True)
class Submission:
    """One student's folder: their Python modules and LaTeX chain files."""

    student: str
    folder: Path
    python: tuple[Path, ...]
    latex: tuple[Path, ...]
    problem: str = ""

    @property
    def files(self) -> list[str]:
        return [p.name for p in (*self.python, *self.latex)]


def _latex_file(p: Path) -> bool:
    return latex.is_latex(p) and p.stat().st_size <= MAX_LATEX_BYTES and latex.has_chains(p)


def read_folder(folder: Path) -> Submission:
    """One student's submission; symbolic links are never followed (a link could point at anyone's files)."""
    student = folder.name
    if folder.is_symlink():
        return Submission(student, folder, (), (), f"{student}: a symbolic link, not followed; copy the files in")
    files = sorted(p for p in folder.iterdir() if not p.name.startswith(("_", ".")))
    links = [p.name for p in files if p.is_symlink()]
    plain = [p for p in files if p.is_file() and not p.is_symlink()]
    python = tuple(p for p in plain if p.suffix == ".py")
    chains = tuple(p for p in plain if _latex_file(p))
    problems = []
    if links:
        problems.append(f"symbolic links skipped, not followed (copy the files in): {', '.join(links)}")
    if not python and not chains:
        found = ", ".join(p.name for p in files if p.name not in links) or "nothing else"
        problems.append(
            f"no derivation file (a .py module, or a .md/.tex file with a ```verifier block); found {found}"
        )
    return Submission(student, folder, python, chains, "; ".join(problems))


def discover(root: str, single: bool = False) -> list[Submission]:
    """Every student subfolder of root, by name, or root itself when single (LoadError if root is not a folder)."""
    base = Path(root)
    if not base.is_dir():
        raise loader.LoadError(f"{root}: no such submissions folder")
    if single:
        return [read_folder(base)]
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    return [read_folder(p) for p in folders]
