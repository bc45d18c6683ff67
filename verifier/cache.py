"""A results cache keyed by the content of each claim, so unchanged claims are not redone.

The key hashes everything a verdict depends on: the engine's own source, the settings
(seed, samples, budget), the derivation module's source, the claim's name, expectation
and dimensions, and the claim's statement at its display dimension. Entries are JSON
read as data, never evaluated. An entry whose stored key, claim name or content digest
does not match is ignored, so an edited or corrupted entry cannot inject a verdict.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import sympy as sp

from verifier.outcome import ClaimResult
from verifier.render.files import write_atomic

DEFAULT_DIR = Path(".verifier-cache")


@cache
def engine_fingerprint() -> str:
    """A hash of the engine's source files: any change to the engine invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(_versions().encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _versions() -> str:
    """What else a verdict depends on: Python (its allocator counts the work budget) and the libraries."""
    import platform

    import mpmath
    import numpy
    import scipy

    versions = (sp.__version__, numpy.__version__, scipy.__version__, mpmath.__version__, _clarabel())
    libraries = "sympy {} numpy {} scipy {} mpmath {} clarabel {}".format(*versions)
    return f"python {platform.python_version()} {libraries}"


def _clarabel() -> str:
    """The SOS search's solver, optional: a verdict can change when it is installed."""
    from importlib import metadata

    try:
        return metadata.version("clarabel")
    except metadata.PackageNotFoundError:
        return "absent"


def claim_key(
    module_source: bytes,
    derivation: str,
    name: str,
    expect: str,
    n_values: tuple[object, ...],
    statement: sp.Basic | object,
    settings: tuple[object, ...],
) -> str:
    digest = hashlib.sha256()
    for part in (engine_fingerprint(), repr(settings), derivation, name, expect, repr(n_values)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(hashlib.sha256(module_source).digest())
    digest.update(sp.srepr(statement).encode() if isinstance(statement, sp.Basic) else repr(statement).encode())
    return digest.hexdigest()


def _content_digest(key: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256((key + canonical).encode()).hexdigest()


def mark_ignored(folder: Path) -> None:
    """Create the cache folder with a .gitignore of its own (`*`), so it is never committed, wherever it is."""
    marker = folder / ".gitignore"
    if marker.exists():
        return
    with contextlib.suppress(OSError):  # an unwritable cache is reported, or skipped, where it is written
        write_atomic(marker, "# created by the verifier: this folder is a cache\n*\n")


class ResultCache:
    def __init__(self, folder: Path = DEFAULT_DIR) -> None:
        mark_ignored(folder)
        self.folder = folder / "results"

    def _path(self, key: str) -> Path:
        return self.folder / f"{key[:2]}" / f"{key}.json"

    def get(self, key: str, derivation: str, name: str) -> ClaimResult | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            payload = entry["result"]
            if entry.get("key") != key or entry.get("digest") != _content_digest(key, payload):
                return None
            if payload.get("derivation") != derivation or payload.get("name") != name:
                return None
            result = ClaimResult.from_json(payload)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        result.cached = True
        return result

    def put(self, key: str, result: ClaimResult) -> None:
        payload = result.to_json()
        payload["cached"] = False
        entry = {"key": key, "digest": _content_digest(key, payload), "result": payload}
        write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False, default=str))
