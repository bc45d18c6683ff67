"""What a submission replaced in the code the sandbox's extractor runs on: the verifier's, and the libraries'.

Inside the sandbox (:mod:`verifier.grading.audit`), :func:`take` records, before the
student's code is imported, the identity of every attribute of the verifier's loaded
modules, of each function and class of the libraries the grader relies on
(:data:`LIBRARIES`), and of each function and descriptor of the classes those modules
define. :func:`changes` compares them once the student's code has run: an attribute of the
verifier's replaced or added as the submission's code is a patch of the verifier; a
function or class of a library replaced (by anything but a submodule imported under its
name), or an attribute that is the submission's code, a patch of that library. A library's
data (a counter, a cache, a precision) changes as it works and is not compared; nor is a
class's. Python raises no audit event when a class's attribute is set, so classes are
compared here too. None of it earns anything (the grader decodes and verifies the claims
outside the sandbox); the TA is told.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

LIBRARIES = ("json", "sympy", "numpy", "mpmath", "flint", "math", "fractions", "builtins")
CODE = (property, classmethod, staticmethod)  # a class's descriptors that are code, besides callables


def ours(name: object) -> bool:
    """The verifier's modules, and the extractor itself, which runs as __main__ in the sandbox (a name that is not
    a string, as a submission can set a class's __module__ or a key of sys.modules, is none)."""
    return isinstance(name, str) and (name in ("verifier", "__main__") or name.startswith("verifier."))


def library(name: object) -> bool:
    return isinstance(name, str) and any(name == lib or name.startswith(lib + ".") for lib in LIBRARIES)


def foreign(value: object, cwd: str) -> bool:
    """A function (or method) whose code the submission wrote."""
    code = getattr(getattr(value, "__func__", value), "__code__", None)
    filename = getattr(code, "co_filename", None)
    return isinstance(filename, str) and bool(filename) and os.path.join(cwd, filename).startswith("/submission/")


def _planted(value: object, cwd: str) -> bool:
    """The submission's code where a class or library holds it. Not code made from a string (a dataclass's
    methods, a namedtuple's: "<string>") or frozen ("<frozen posixpath>"), nor a compiled library's, which names
    its source relatively (flint's "src/flint/types/arb.pyx"): relative, as foreign() reads them."""
    if not foreign(value, cwd):
        return False
    filename = str(getattr(getattr(getattr(value, "__func__", value), "__code__", None), "co_filename", ""))
    if filename.startswith("<"):
        return False
    return os.path.isabs(filename) or not library(str(getattr(value, "__module__", "") or ""))


def _code(value: object) -> bool:
    """A function, a class or a descriptor of code: what replacing is a patch (data changes as a library works)."""
    return (callable(value) or isinstance(value, CODE)) and not isinstance(value, ModuleType)


Ids = dict[str, tuple[int, bool]]  # each attribute's identity, and whether it is code (_code)


@dataclass(frozen=True)
class Snapshot:
    modules: dict[str, dict[str, int]]  # the verifier's modules: every attribute's identity
    libraries: dict[str, Ids]  # the libraries' modules
    classes: dict[str, tuple[type, Ids]]  # "module.Class": each class the watched modules define


def _watched() -> list[tuple[str, ModuleType]]:
    return [(n, m) for n, m in list(sys.modules.items()) if isinstance(m, ModuleType) and (ours(n) or library(n))]


_WARM: list[tuple[dict[str, Ids], dict[str, tuple[type, Ids]]]] = []  # the zygote's, inherited by each fork


def warm() -> None:
    """In the zygote, once: the libraries' and classes' identities (a tenth of a second), which each submission's
    fork inherits (its memory is the zygote's) instead of taking them again. The verifier's modules are still taken
    in the fork, just before the submission runs: their data is compared too, and the extractor changes some."""
    _WARM[:] = [_code_of(_watched())]


def _code_of(watched: list[tuple[str, ModuleType]]) -> tuple[dict[str, Ids], dict[str, tuple[type, Ids]]]:
    libraries = {n: _ids(vars(m)) for n, m in watched if library(n)}
    defined = [(f"{n}.{c.__qualname__}", c) for n, m in watched for c in list(vars(m).values()) if _defined(c, n)]
    return libraries, {where: (c, _ids(vars(c))) for where, c in defined}


def take() -> Snapshot:
    """The identities, before the submission runs."""
    watched = _watched()
    modules = {n: {k: id(v) for k, v in vars(m).items()} for n, m in watched if ours(n)}
    # taken out of the module: the submission could reach it there (patches._WARM) and make its patch the snapshot
    return Snapshot(modules, *(_WARM.pop() if _WARM else _code_of(watched)))


def _ids(namespace: Any) -> Ids:
    return {k: (id(v), _code(v)) for k, v in list(namespace.items())}


def _defined(value: object, module: str) -> bool:
    return isinstance(value, type) and value.__module__ == module


def _changed(now: Any, ids: Ids, cwd: str) -> set[str]:
    """The attributes of a library's module or a watched class that are the submission's code, and its code that was
    replaced or removed: not by a submodule imported under its name, nor by the verifier's own mend of a library
    (verifier/trusted/sympy_mends.py, loaded with the engine after the snapshot). Data is not compared."""
    found = {k for k, (_, code) in ids.items() if code and k not in now}
    for key, value in list(now.items()):
        old = ids.get(key)
        if old is not None and old[0] == id(value):
            continue
        replaced = old is not None and old[1] and not isinstance(value, ModuleType) and not _mend(value)
        if replaced or _planted(value, cwd):
            found.add(key)
    return found


VERIFIER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the verifier package's folder


def _mend(value: object) -> bool:
    """A function of the verifier's own source."""
    filename = getattr(getattr(getattr(value, "__func__", value), "__code__", None), "co_filename", None)
    return isinstance(filename, str) and filename.startswith(VERIFIER + os.sep)


def _in_modules(snap: Snapshot, cwd: str) -> list[tuple[str, str]]:
    found = []
    for name, module in _watched():
        now = vars(module)
        if ours(name):
            ids = snap.modules.get(name, {})
            changed = {k for k, i in ids.items() if id(now.get(k)) != i or k not in now}
            changed |= {k for k, v in now.items() if foreign(v, cwd)}
            dunders = {k for k in changed if k.startswith("__") and not foreign(now.get(k), cwd)}
            found += [("patch", f"{name}.{k}") for k in sorted(changed - dunders)]
        elif name in snap.libraries or not _theirs(module, cwd):  # not the student's own module under that name
            found += [("library", f"{name}.{k}") for k in sorted(_changed(now, snap.libraries.get(name, {}), cwd))]
    return found


def _in_classes(snap: Snapshot, cwd: str) -> list[tuple[str, str]]:
    found = []
    for where, (cls, ids) in snap.classes.items():
        kind = "patch" if ours(cls.__module__) else "library"
        found += [(kind, f"{where}.{k}") for k in sorted(_changed(vars(cls), ids, cwd))]
    return found


def changes(snap: Snapshot, cwd: str) -> list[tuple[str, str]]:
    """(kind, what) for each attribute the submission replaced: kind "patch" for the verifier's, "library" for a
    library's."""
    return _in_modules(snap, cwd) + _in_classes(snap, cwd)


def _theirs(module: ModuleType, cwd: str) -> bool:
    """A module loaded from the submission's folder."""
    filename = vars(module).get("__file__")
    return isinstance(filename, str) and bool(filename) and os.path.join(cwd, filename).startswith("/submission/")
