"""A results cache: the verdict an earlier run on this machine gave for exactly the same inputs.

What a hit guarantees, and what it does not:

- **Same inputs.** A result is filed under a key that hashes everything its verdict depends
  on: the derivation file's bytes and those of the modules it imports from the library, from its
  own folder (`from helpers import f`) or from the import path outside the installed libraries
  (found by reading its imports, never by running it), the files it read as it loaded (a data file it
  opened, a module it imported by name: recorded when it was loaded, verifier.load.reads), the
  engine's own sources (every file of the `verifier` package, hashed once per run), the versions
  of Python and of the libraries the engine calls, the environment variables that steer them
  (`SYMPY_USE_CACHE`, `SYMPY_GROUND_TYPES`, …), and the options (seed, samples, budget, corner
  fraction, shrinking) and the claim's name. Change any of them and the entry is not found.
  Computing a key runs no user code and builds no claim, so a warm run imports no derivation
  module: the list of a module's claims is cached under the module's key as well.
- **An earlier run on this machine, not a proof now.** A hit is not re-checked by the
  kernel. It is reported as cached, with the date it was stored (`cached_at`), never as
  freshly proved. `--no-cache` verifies everything again; `--reverify` verifies again and
  refreshes the cache.
- **Written by you.** Each entry carries an HMAC under a key private to this user on this
  machine (`~/.cache/verifier/cache-key`, mode 0600). An entry edited by hand, copied from
  another machine or account, or committed to a repository fails the check and is ignored
  (the claim is verified again). Anyone who can run code as you can forge an entry: the
  cache is exactly as trustworthy as your account. Without a key file the cache is off.
- **Never a time or memory limit's outcome.** A claim stopped by the wall-clock time limit, one that ran
  out of memory anywhere (`memory_limited`: verifier.strategies.memory), or one whose diagnosis its
  wall-clock safety net stopped (`diagnosis_cut`) depends on the machine; the runner never stores
  it. Entries are JSON read as data, never evaluated.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import datetime
import hashlib
import hmac
import json
import os
import platform
import secrets
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from verifier.load import library, reads
from verifier.outcome import ClaimResult
from verifier.run.files import write_atomic

DEFAULT_DIR = Path(".verifier-cache")
PACKAGE = Path(__file__).resolve().parent.parent  # verifier/: every source of the engine, whatever its layer
LIBRARIES = (
    "sympy", "numpy", "scipy", "mpmath", "python-flint", "gmpy2", "clarabel", "hypothesis", "symengine", "lark",
)  # fmt: skip
# the variables that change the path sympy or mpmath take, and with it the work a proof counts: SYMPY_USE_CACHE=no took
# softmax.hessian_psd from 19 heartbeats to 41 (--budget 20: CHECKED, not PROVED). BLAS's threads move only a float's
# last bits, which no work count reads (how-it-decides.md), and a Dask worker started as the docs say has its own
ENVIRONMENT = (
    "SYMPY_GROUND_TYPES", "SYMPY_USE_CACHE", "SYMPY_CACHE_SIZE", "SYMPY_DEBUG", "MPMATH_NOGMPY", "MPMATH_NOSAGE",
)  # fmt: skip


def engine_fingerprint(hashseed: str | None = None) -> str:
    """A hash of the engine's sources and the library versions: any change invalidates the cache. The variables are
    read at each call (a Dask LocalCluster's nannies set PYTHONHASHSEED in the process that starts them); `hashseed`
    stands for the PYTHONHASHSEED the verifying processes have, when it is not this process's."""
    return _fingerprint(versions(hashseed))


@cache
def _fingerprint(libraries: str) -> str:
    digest = hashlib.sha256(libraries.encode())
    for name, source in _sources().items():
        digest.update(name.encode() + b"\0")
        digest.update(bytes.fromhex(source))
    return digest.hexdigest()


@cache
def _sources() -> dict[str, str]:
    return source_digests()


def source_digests() -> dict[str, str]:
    """Each engine source's path in the package and the SHA-256 of its bytes, read now (a Dask worker's are compared
    file by file with the run's, to name the files that differ)."""
    return {str(path.relative_to(PACKAGE)): hashlib.sha256(path.read_bytes()).hexdigest() for path in engine_sources()}


def engine_sources() -> list[Path]:
    """Every Python source of the verifier package, in every layer folder (what a cached verdict rests on);
    not the library installed inside it (verifier/library/): a derivation's key holds the files it imports."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "library")


def versions(hashseed: str | None = None) -> str:
    """Python (its allocator counts the work budget), the libraries, read without importing them, and the environment
    variables they read (PYTHONHASHSEED: `hashseed` if given)."""
    found = list(_library_versions())
    found += [f"{name}={os.environ[name]!r}" for name in ENVIRONMENT if name in os.environ]
    # PYTHONINTMAXSTRDIGITS=640 (or -X int_max_str_digits) made (x + 3³⁰⁰⁰)² = … an ERROR, PROVED under the default
    found.append(f"int_max_str_digits {sys.get_int_max_str_digits()}")
    seed = os.environ.get("PYTHONHASHSEED", "") if hashseed is None else hashseed
    return f"python {platform.python_version()} {seed}; " + "; ".join(found)


@cache
def _library_versions() -> tuple[str, ...]:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return tuple(found)


def _imported(path: Path, source: bytes, folder: Path) -> list[Path]:
    """The modules a derivation file (or a module it imports) imports from the library or from `folder`, the
    derivation's own, first on the import path while it loads; read from its text (Python files only)."""
    if path.suffix != ".py":
        return []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return [p for name in names for p in [_library_file(name), *_beside(folder, name), *_on_path(name)] if p]


def _beside(folder: Path, name: str) -> list[Path]:
    """The files a module name may name in the derivation's folder (`loader._beside` puts it first on the import
    path): each package's __init__.py on the way and the module's own file (helpers.py, tools/__init__.py and
    tools/algebra.py for `import tools.algebra`). Both a package and a module of one name are kept: the key only
    needs to hold every file the import may read."""
    found: list[Path] = []
    place = folder
    for part in name.split("."):
        place = place / part
        found += [f for f in (place / "__init__.py", place.parent / f"{part}.py") if f.is_file()]
    return found


def _library_file(name: str) -> Path | None:
    """The library file a module name names: verifier.library.<stem>, or derivations.<stem> in a checkout."""
    home = library.folder()
    if name.startswith(library.SOURCE + ".") and home is not None and home.name == library.SOURCE:
        name = library.PACKAGE + name.removeprefix(library.SOURCE)
    return library.file_of(name)


def _on_path(name: str) -> list[Path]:
    """The files of a module name on the import path, where Python finds it, unless that is among the installed
    libraries (their versions are in the key) or the standard library: a helper on PYTHONPATH, a project's module the
    pytest plugin puts on the path (`from courselib import f`). The verifier's own modules are the engine's."""
    top = name.partition(".")[0]
    if top in sys.stdlib_module_names or top in sys.builtin_module_names or top == PACKAGE.name:
        return []
    for entry in sys.path:
        place = Path(entry or os.curdir)
        if (place / top / "__init__.py").is_file() or (place / f"{top}.py").is_file():
            return [] if reads.installed(place) else _beside(place, name)
    return []


def module_key(path: Path) -> str | None:
    """The key of a derivation file: its bytes, the modules it imports from the library or from beside it, the
    engine (None: unreadable)."""
    digest = hashlib.sha256(engine_fingerprint().encode())
    todo, seen, folder = [path], set(), path.resolve().parent
    try:
        while todo:
            current = todo.pop()
            if current.resolve() in seen:
                continue
            seen.add(current.resolve())
            source = current.read_bytes()
            digest.update(hashlib.sha256(source).digest())
            todo += _imported(current, source, folder)
    except OSError:
        return None
    return digest.hexdigest()


def read_digests(paths: tuple[str, ...] | list[str], folder: Path) -> tuple[tuple[str, str], ...]:
    """Each file a module read as it loaded (verifier.load.reads), named relative to the module's folder where it
    lies below it (a copy of the folder elsewhere reads its own data), with the digest of its bytes now ("" if it
    is gone or unreadable)."""
    out = []
    for path in paths:
        place = Path(path) if Path(path).is_absolute() else folder / path
        shown = place.relative_to(folder).as_posix() if place.is_relative_to(folder) else str(place)
        try:
            out.append((shown, hashlib.sha256(place.read_bytes()).hexdigest()))
        except OSError:
            out.append((shown, ""))
    return tuple(out)


def with_reads(module: str, read: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """A module's key, with the files it read as it loaded: the module's key itself where it read none."""
    if not read:
        return module
    return hashlib.sha256("\0".join([module, *(f"{p}\0{d}" for p, d in read)]).encode()).hexdigest()


def reads_current(read: tuple[tuple[str, str], ...] | list[tuple[str, str]], folder: Path) -> bool:
    """Whether every file a module read as it loaded still has the bytes it had then."""
    now = read_digests([p for p, _ in read], folder)
    return all(tuple(a) == tuple(b) for a, b in zip(now, read, strict=True))


def claim_key(module: str, name: str, options: tuple[object, ...]) -> str:
    """The key of one claim: its module's key, its name and the options that decide its verdict."""
    return hashlib.sha256("\0".join((module, name, repr(options))).encode()).hexdigest()


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "verifier" / "cache-key"


KEY_BYTES = 64  # a key's hex digits: a shorter file (an empty one, left by a first write that failed) is no key


@cache
def _secret() -> bytes | None:
    """This user's key for signing entries, made on first use (None: it cannot be made; no caching). An empty key file
    signed entries with the empty key, which anyone can: a forged entry showed a false claim's cached PROVED."""
    path = _key_file()
    for _ in range(2):
        with contextlib.suppress(OSError):
            key = path.read_bytes()
            if len(key) >= KEY_BYTES:
                return key
            path.unlink()  # cut short: made again below
        with contextlib.suppress(OSError):
            _make_key(path)
    return None


def _make_key(path: Path) -> None:
    """A new key, private to this user, at path: there whole or not at all (a key already there is kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cache-key.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_hex(KEY_BYTES // 2).encode())
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)  # fails if another process made one first: that one is read
    finally:
        os.unlink(tmp)


def _signature(key: str, payload: Any) -> str:
    secret = _secret() or b""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=True, default=str)
    return hmac.new(secret, (key + canonical).encode(), hashlib.sha256).hexdigest()


def mark_ignored(folder: Path) -> None:
    """Create the cache folder with a .gitignore of its own (`*`), so it is never committed, wherever it is."""
    marker = folder / ".gitignore"
    if marker.exists():
        return
    with contextlib.suppress(OSError):  # an unwritable cache is reported, or skipped, where it is written
        write_atomic(marker, "# created by the verifier: this folder is a cache\n*\n")


class ResultCache:
    """Results by claim key, and each module's list of claims by module key; `read` False: write only."""

    def __init__(self, folder: Path = DEFAULT_DIR, read: bool = True) -> None:
        mark_ignored(folder)
        self.folder = folder
        self.read = read and _secret() is not None
        self.write = _secret() is not None

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.json"

    def _load(self, kind: str, key: str) -> tuple[Any, str] | None:
        """The stored payload and its date, if the entry is there and its signature holds."""
        if not self.read:
            return None
        try:
            entry = json.loads(self._path(kind, key).read_text(encoding="utf-8"))
            payload, stored = entry["payload"], entry["stored"]
            if entry.get("key") != key or not hmac.compare_digest(entry["hmac"], _signature(key, [payload, stored])):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return payload, str(stored)

    def _save(self, kind: str, key: str, payload: Any) -> None:
        if not self.write:
            return
        stored = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        entry = {"key": key, "stored": stored, "hmac": _signature(key, [payload, stored]), "payload": payload}
        write_atomic(self._path(kind, key), json.dumps(entry, ensure_ascii=False, default=str))

    def get(self, key: str, derivation: str, name: str) -> ClaimResult | None:
        found = self._load("results", key)
        if found is None or found[0].get("derivation") != derivation or found[0].get("name") != name:
            return None
        try:
            result = ClaimResult.from_json(found[0])
        except (ValueError, KeyError, TypeError):
            return None
        return dataclasses.replace(result, cached=True, cached_at=found[1])

    def put(self, key: str, result: ClaimResult) -> None:
        if result.time_limited or result.memory_limited or result.diagnosis_cut:
            return  # depends on the machine, not on the claim
        payload = result.to_json()
        payload["cached"], payload["cached_at"] = False, ""
        self._save("results", key, payload)

    def get_listing(self, key: str) -> list[dict[str, Any]] | None:
        found = self._load("modules", key)
        return found[0] if found is not None and isinstance(found[0], list) else None

    def put_listing(self, key: str, claims: list[dict[str, Any]]) -> None:
        self._save("modules", key, claims)
