"""Load derivation modules as untrusted user code, and collect their claims.

A derivation module is Python that runs with the user's rights, like a test file. The
loader contains what a careless module can do to the run: it captures prints, gives
it an empty stdin, turns sys.exit and any exception into a one-line LoadError, and
restores the working directory. Hangs and crashes are contained one level up, by
running the loader in a worker process with a time limit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import hashlib
import importlib.machinery
import importlib.util
import io
import os
import random
import sys
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from verifier.frontends import latex
from verifier.language.families import ClaimFamily, declarations, reset_collected
from verifier.load import library, reads

_T = TypeVar("_T")


class LoadError(Exception):
    """A derivation module could not be loaded; the message is one line."""


@dataclass(frozen=True)
class Loaded:
    path: str
    families: tuple[ClaimFamily, ...]
    duplicates: tuple[str, ...]
    output: str
    errors: tuple[tuple[str, str], ...] = ()  # (claim name, one-line error) for the parts of a LaTeX file that failed
    reads: tuple[str, ...] = ()  # the files the module read as it loaded, beyond its text's imports (load.reads)
    # the claims it imported (declared by another module: reported under that one), which its corollaries may cite
    imported: tuple[ClaimFamily, ...] = ()

    def family(self, name: str) -> ClaimFamily:
        """The claim of that name: the file's own, else one it imported (a premise a corollary cites)."""
        return next(f for f in (*self.families, *self.imported) if f.name == name)


def _in_folder(path: Path, with_latex: bool) -> bool:
    """A folder's derivations: its .py files, and (with lark installed) its .md/.tex files that declare symbols."""
    if path.name.startswith("_"):
        return False
    if path.suffix == ".py":
        return True
    return with_latex and latex.is_latex(path) and latex.has_chains(path)


def discover(paths: list[str]) -> list[Path]:
    """Derivation files: the given .py, .md and .tex files, and the derivations in the given folders."""
    found: list[Path] = []
    with_latex = latex.available()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.iterdir() if q.is_file() and _in_folder(q, with_latex)))
        elif (p.suffix == ".py" or latex.is_latex(p)) and p.exists():
            found.append(p)
        else:
            raise LoadError(f"{raw}: no such derivation file or folder")
    for path in found:
        _utf8_name(path)
    return found


def _utf8_name(path: Path) -> None:
    """LoadError for a path whose name is not UTF-8 text (b"h\\xff.md"): its derivation's name and every report
    would hold a character no file can hold. The name is shown by its bytes."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(os.fsencode(path))[2:-1]
        raise LoadError(f"{shown}: the file's name is not UTF-8 text; rename it") from None


def may_hold(path: str, pattern: str) -> bool:
    """False if no claim of the file can match: `check softmax.jacobian` loads only softmax's file.

    A pattern DERIVATION.CLAIM without glob characters selects a claim by its key (the file's
    stem is the derivation) or, if the claim's own name has a dot, by its name, which the file
    must then spell out. A glob whose text before its first glob character has a dot (`check
    'logistic_loss.hess*'`) is read the same way, with that text in place of the pattern: a key that
    matches begins with it. Other patterns can select claims of any file.
    """
    literal = _literal_prefix(pattern)
    if "." not in literal:
        return True
    stem = Path(path).stem
    globbed = literal != pattern
    if (globbed and fnmatch.fnmatch(stem, pattern)) or literal == stem or literal.startswith(stem + "."):
        return True
    if globbed and (stem + ".").startswith(literal):  # stem ridge.v2 and 'ridge.v*'
        return True
    try:
        return literal in Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # loading it reports the problem


def _literal_prefix(pattern: str) -> str:
    """The pattern up to its first glob character (all of it if it has none)."""
    cut = min((i for i, c in enumerate(pattern) if c in "*?["), default=len(pattern))
    return pattern[:cut]


def skipped_latex(paths: list[str]) -> list[Path]:
    """The LaTeX derivations in the given folders that discover() leaves out because lark is not installed."""
    if latex.available():
        return []
    folders = [Path(raw) for raw in paths if Path(raw).is_dir()]
    return [
        q for f in folders for q in sorted(f.iterdir()) if q.is_file() and _in_folder(q, True) and q.suffix != ".py"
    ]


def _read_latex(path: Path, read: Callable[[Path], _T]) -> _T:
    """read(path) for a LaTeX file, with lark missing or the file unreadable a one-line LoadError."""
    if not latex.available():
        raise LoadError(f"{path}: {latex.INSTALL_HINT}")
    try:
        return read(path)
    except (OSError, UnicodeDecodeError) as err:
        raise LoadError(f"{path}: cannot read: {err}") from None


def _load_latex(path: Path, only: str | None) -> Loaded:
    families, errors = _read_latex(path, lambda p: latex.load(p, only))
    names = [f.name for f in families]
    duplicates = tuple(sorted({n for n in names if names.count(n) > 1}))
    return Loaded(str(path), tuple(families), duplicates, "", tuple(errors))


def module_name(path: Path) -> str:
    """verifier.library.<stem> for the library; a unique name for user files."""
    resolved = path.resolve()
    if library.is_library_file(resolved):
        return library.module_name(resolved)
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:8]
    return f"user_derivations_{digest}.{path.stem}"


def _package(name: str) -> types.ModuleType:
    """The package a derivation module runs in: the installed library, else an empty one of that name."""
    if name == library.PACKAGE:
        with contextlib.suppress(ImportError):
            return importlib.import_module(name)
    return types.ModuleType(name)


class _FreshLoader(importlib.machinery.SourceFileLoader):
    """A derivation, or a module beside it, read from its source and never from a __pycache__ .pyc. Python trusts a
    .pyc whose source has the same size and the same mtime in whole seconds: a same-size edit within a second (a
    `git checkout`, a script, `touch -d`) ran the old code, and 2x = 3x, edited from 3x = 3x, was PROVED even with
    --no-cache. Without the source's stats importlib compiles the source, and writes no .pyc either."""

    def path_stats(self, path: str) -> dict[str, Any]:
        raise OSError("a derivation's bytecode is never cached")


def _fresh_finder(folder: str) -> Callable[[str], importlib.machinery.FileFinder]:
    """A path hook: a finder with _FreshLoader for the folder's .py files and its packages' (an ImportError, for any
    other path, lets the next hook answer)."""
    loaders = [
        (_FreshLoader, importlib.machinery.SOURCE_SUFFIXES),
        (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
        (importlib.machinery.SourcelessFileLoader, importlib.machinery.BYTECODE_SUFFIXES),
    ]

    def hook(entry: str) -> importlib.machinery.FileFinder:
        if not entry or not Path(entry).resolve().is_relative_to(folder):
            raise ImportError(entry)
        return importlib.machinery.FileFinder(entry, *loaders)

    return hook


def _forget_finders(folder: str) -> None:
    for entry in [e for e in sys.path_importer_cache if e and Path(e).resolve().is_relative_to(folder)]:
        sys.path_importer_cache.pop(entry, None)


@contextlib.contextmanager
def _beside(path: Path) -> Iterator[None]:
    """The file's own folder first on the import path while it runs, as Python does for a script: a derivation
    imports a module beside it from any working directory, through any door (the working directory itself is on no
    path the CLI sets up: `verifier.cli.reexec.path_flags`). The modules it imported from there are forgotten
    afterwards, so that a file in another folder, loaded by the same process, gets its own helper.py."""
    folder = str(path.resolve().parent)
    before = set(sys.modules)
    hook = _fresh_finder(folder)  # its modules read from their source, as the file itself (_FreshLoader)
    sys.path_hooks.insert(0, hook)
    _forget_finders(folder)
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)
        with contextlib.suppress(ValueError):
            sys.path_hooks.remove(hook)
        _forget_finders(folder)
        for name in set(sys.modules) - before:  # the file's own module is registered before: it stays
            if _inside(sys.modules.get(name), folder):
                sys.modules.pop(name, None)


@contextlib.contextmanager
def seeded_randomness() -> Iterator[None]:
    """Python's and numpy's global random generators seeded with 0 while a derivation's code runs (its module, a
    claim's builders), and given back afterwards. A claim built from random.randint or np.random.rand at import was
    another claim in every run: `--seed` could not replay it, and the cache showed one run's verdict for another
    run's claim. The caller's own state (a notebook's, pytest's) is left as it was. numpy's is seeded only where
    numpy.random is imported already (a run's holders import it first: `plan.SHRINKER`), so as to move no imports."""
    numpy_random = sys.modules.get("numpy.random")
    saved = random.getstate(), numpy_random.get_state() if numpy_random is not None else None
    random.seed(0)
    if numpy_random is not None:
        numpy_random.seed(0)
    try:
        yield
    finally:
        random.setstate(saved[0])
        if numpy_random is not None:
            numpy_random.set_state(saved[1])


def _inside(module: types.ModuleType | None, folder: str) -> bool:
    where = getattr(module, "__file__", None)
    return isinstance(where, str) and Path(where).resolve().is_relative_to(folder)


def _syntax_line(err: SyntaxError, path: Path) -> str:
    return f"{path}: syntax error at line {err.lineno}: {err.msg}"


def load(path: Path, verbose: bool = False, only: str | None = None) -> Loaded:
    """Import one derivation file (or read a LaTeX one) and return the claim families it declares.

    only: the one claim a worker needs; a LaTeX file then reads just that chain (a Python module
    is imported whole either way)."""
    if latex.is_latex(path):
        return _load_latex(path, only)
    name = module_name(path)
    spec = importlib.util.spec_from_file_location(name, path, loader=_FreshLoader(name, str(path)))
    if spec is None or spec.loader is None:
        raise LoadError(f"{path}: not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    if "." in name and (package := name.rpartition(".")[0]) not in sys.modules:
        sys.modules[package] = _package(package)
    sys.modules[name] = module
    reset_collected()
    captured = io.StringIO()
    cwd = os.getcwd()
    stdin = sys.stdin
    try:
        sys.stdin = io.StringIO("")
        quiet = contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured)
        with quiet[0], quiet[1], _beside(path), seeded_randomness(), reads.recording() as opened:
            spec.loader.exec_module(module)
    except SyntaxError as err:
        raise LoadError(_syntax_line(err, path)) from None
    except SystemExit as err:
        raise LoadError(f"{path}: module called sys.exit({err.code!r}) while loading") from None
    except KeyboardInterrupt:
        raise
    except BaseException as err:
        where = _user_frame(err, path)
        detail = f"\n{traceback.format_exc()}" if verbose else ""
        raise LoadError(f"{path}{where}: {type(err).__name__} while loading: {err}{detail}") from None
    finally:
        sys.stdin = stdin
        if os.getcwd() != cwd:
            os.chdir(cwd)
    families, imported = _declared(module, path)
    names = [f.name for f in families]
    duplicates = tuple(sorted({n for n in names if names.count(n) > 1}))
    kept = reads.kept(opened, path, Path(cwd))
    return Loaded(str(path), tuple(families), duplicates, captured.getvalue(), reads=kept, imported=imported)


def _declared(module: types.ModuleType, path: Path) -> tuple[list[ClaimFamily], tuple[ClaimFamily, ...]]:
    """The claims the module's own code declared, and those it imported, each of its derivation. A claim belongs to
    the module that declares it: `from base import square` ran base.py's code, whose claim is base's, reported under
    base.py only (it was reported under the importing file as well). One the module has from a module imported
    before (its code not run again) is imported too. An imported claim is only ever a premise: see `Loaded.imported`."""
    declared, namespace = declarations(), vars(module)
    reset_collected()
    others = [family for family, where in declared if where is not namespace and _a_derivation(where, path)]
    theirs = {id(family) for family in others}
    own = [family for family, _ in declared if id(family) not in theirs]
    for family in own:
        object.__setattr__(family, "derivation", path.stem)
    bound = [v for v in namespace.values() if isinstance(v, ClaimFamily)]
    imported: dict[str, ClaimFamily] = {}
    for family in [*others, *bound]:  # the first of a name; never one of the file's own names
        if all(family.name != f.name for f in own):
            imported.setdefault(family.name, dataclasses.replace(family, derivation=path.stem))
    return own, tuple(imported.values())


def _a_derivation(where: dict[str, Any] | None, importer: Path) -> bool:
    """Whether a module (its namespace) that declared claims as another imported it is a derivation file that a run
    of the importer's folder reports (base.py beside it), or one of the library's modules: otherwise (a helper
    module, _shared.py, a package's __init__.py or its modules, pkg/mod.py, a file outside the folder, code with no
    file) its claims are reported under the file that imported it, as they were, and not by no file at all."""
    file = where.get("__file__") if where is not None else None
    if not isinstance(file, str) or not _in_folder(Path(file), with_latex=False):
        return False
    return Path(file).parent.resolve() == importer.resolve().parent or library.is_library_file(Path(file))


def listed(path: Path) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The names of a file's claims, each once in order, and (part, one-line error) for the file-level problems a
    listing finds. A LaTeX file's chains are named without being read: one that does not read is found by the
    run, which reports it as that claim's ERROR with its line. A Python module is imported (LoadError if it
    cannot be)."""
    if not latex.is_latex(path):
        return tuple(f.name for f in load(path).families), ()
    chains, errors = _read_latex(path, latex.chain_names)
    return tuple(dict.fromkeys(chains)), tuple(errors)


def _user_frame(err: BaseException, path: Path) -> str:
    tb = err.__traceback__
    line = None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).resolve() == path.resolve():
            line = tb.tb_lineno
        tb = tb.tb_next
    return f":{line}" if line else ""
