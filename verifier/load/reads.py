"""The files a derivation module reads while it loads, beyond what its text shows.

The results cache keys a module by its bytes and those of the modules its text imports (read from the text,
never by running it). A module that opens a data file as it loads (`W = json.load(open("weights.json"))`) or
imports a helper by name (`importlib.import_module("helpers")`, or from a spec made from its path) depends on
files the text does not show: a verdict cached under the old key would be served after the data changed. So the
loader records every file opened for reading while the module runs, and every module first imported then, and
the cache keys the module's claims by those files' bytes too.

Not recorded: the standard library, installed libraries (their versions are in the key), the verifier itself,
and the module's own file. Nor a file opened another way (`os.open`, `io.FileIO`, a C extension's own reader),
nor one a claim's builder opens when the claim is built (in its worker, not at load): docs/reference/cli.md.
"""

from __future__ import annotations

import _io
import builtins
import contextlib
import importlib.util
import io
import os
import site
import sys
import sysconfig
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent  # verifier/


_ACTIVE: list[set[str]] = []  # the sets of the open recording() blocks, of any thread
_LOCK = threading.Lock()
_REAL_OPEN, _REAL_OPEN_CODE = builtins.open, io.open_code
_HELD: list[tuple[dict[Any, Any], Any]] = []  # the places holding open that the watch swapped (restored after)


def _record(file: Any) -> None:
    for opened in list(_ACTIVE):
        opened.add(os.path.abspath(os.fsdecode(file)))  # where it is now: after an os.chdir too


def _watched(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    if isinstance(file, str | bytes | os.PathLike) and ("r" in mode or "+" in mode):
        _record(file)
    return _REAL_OPEN(file, mode, *args, **kwargs)


def _watched_code(path: str) -> Any:  # importlib's reader of a module's source, by a spec from a path too
    _record(path)
    return _REAL_OPEN_CODE(path)


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """The paths of the files opened for reading inside the block (`open`, `io.open`, pathlib's readers, numpy's
    loaders, importlib's `io.open_code`), and the files of the modules first imported in it; see `kept`.

    `open` is wrapped while a block is open, and restored when the last one closes (two threads loading at once
    share the wrapper, and each block sees what either opened: more files in a key, never fewer). An audit hook
    would stay for the life of the process, and every audit event it saw later, in the claims' work, would
    allocate (its arguments), which moves the heartbeats a proof counts from one door to another."""
    opened: set[str] = set()
    before = set(sys.modules)
    with _LOCK:
        if not _ACTIVE:
            _HELD[:] = _held_opens(_REAL_OPEN)
            _swap(_HELD, _watched, _watched_code)
        _ACTIVE.append(opened)
    try:
        yield opened
    finally:
        with _LOCK:
            del _ACTIVE[next(i for i, held in enumerate(_ACTIVE) if held is opened)]  # by identity: sets compare equal
            if not _ACTIVE:
                _swap(_HELD, _REAL_OPEN, _REAL_OPEN_CODE)
                _HELD.clear()
        for name in set(sys.modules) - before:
            file = getattr(sys.modules.get(name), "__file__", None)
            if isinstance(file, str):
                opened.add(file)


def _held_opens(real: Any) -> list[tuple[dict[Any, Any], Any]]:
    """The places that hold `open` itself, taken when their module was imported (before the block): numpy's
    readers (np.loadtxt, np.genfromtxt) open through a table made at numpy's import, tokenize.open through its own
    name; wrapping builtins.open alone missed them, and np.loadtxt's edited data was served a cached verdict."""
    places: list[tuple[dict[Any, Any], Any]] = []
    source = sys.modules.get("numpy.lib._datasource")
    table = getattr(getattr(source, "_file_openers", None), "_file_openers", None)
    if isinstance(table, dict) and table.get(None) is real:
        places.append((table, None))
    tokenize = sys.modules.get("tokenize")
    if tokenize is not None and getattr(tokenize, "_builtin_open", None) is real:
        places.append((vars(tokenize), "_builtin_open"))
    return places


def _swap(held: list[tuple[dict[Any, Any], Any]], opener: Any, code: Any) -> None:
    builtins.open = io.open = opener
    io.open_code = _io.open_code = code
    for table, key in held:
        table[key] = opener


def kept(opened: set[str], own: Path, cwd: Path) -> tuple[str, ...]:
    """The files among those opened that the module's verdicts may depend on, resolved and sorted: a compiled
    module as its source, no installed or standard library, no verifier source, not the module's own file."""
    found: set[str] = set()
    for name in opened:
        path = Path(name) if Path(name).is_absolute() else cwd / name
        if path.suffix == ".pyc" and path.parent.name == "__pycache__":
            with contextlib.suppress(ValueError, NotImplementedError):
                path = Path(importlib.util.source_from_cache(str(path)))
        try:
            path = path.resolve()
        except (OSError, RuntimeError):
            continue
        if path.is_file() and path != own.resolve() and not installed(path) and not path.is_relative_to(PACKAGE):
            found.add(str(path))
    return tuple(sorted(found))


@cache
def installed_roots() -> tuple[Path, ...]:
    places = sysconfig.get_paths()
    roots = {places[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in places}
    roots |= {*site.getsitepackages(), site.getusersitepackages()}
    return tuple(Path(root).resolve() for root in roots)


def installed(place: Path) -> bool:
    """Whether a path is in the standard library's or an installed library's folder."""
    resolved = place.resolve()
    return any(resolved.is_relative_to(root) for root in installed_roots())
