"""Import paths of earlier releases, kept for one release with a DeprecationWarning (issue 39).

Derivations, references and submissions written against the documented API of 0.0.x import
``verifier.mathlib``, ``verifier.stepwise``, ``verifier.domains`` and the like. Those modules now
live in ``verifier.language``, and the LaTeX reader (``verifier.latex``, later ``verifier.load.latex``)
in ``verifier.frontends.latex``. An old path gives a module holding the same objects as the module at
its new home (``verifier.mathlib.matrix is verifier.language.mathlib.matrix``), and warns once with
the line to write instead. Every name a derivation author needs is also importable from ``verifier``.

The finder goes first on ``sys.meta_path``: a checkout updated in place keeps the old folder with
only its ``__pycache__``, which the path finder would otherwise import as an empty namespace package.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence

REMOVED_IN = "0.3"
MOVED = {
    "verifier.claims": "verifier.language.claims",
    "verifier.distributions": "verifier.language.distributions",
    "verifier.domains": "verifier.language.domains",
    "verifier.expect": "verifier.language.expect",
    "verifier.families": "verifier.language.families",
    "verifier.iteration": "verifier.language.iteration",
    "verifier.lowering": "verifier.language.lowering",
    "verifier.mathlib": "verifier.language.mathlib",
    "verifier.random_functions": "verifier.language.random_functions",
    "verifier.stepwise": "verifier.language.stepwise",
    "verifier.walk": "verifier.language.walk",
    "verifier.latex": "verifier.frontends.latex",
    "verifier.load.latex": "verifier.frontends.latex",
    "verifier.pytest_plugin": "verifier.cli.pytest_plugin",
}


def new_home(name: str) -> str | None:
    """The module's current name, for an old name or a submodule of one (verifier.domains.base)."""
    for old, new in MOVED.items():
        if name == old or name.startswith(old + "."):
            return new + name[len(old) :]
    return None


class _Alias(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        warnings.warn(
            f"{spec.name} moved to {self.target}; import it from there, or the names from verifier "
            f"(from verifier import ...). The old path goes in {REMOVED_IN}.",
            DeprecationWarning,
            stacklevel=2,  # the importing line: warnings.warn skips importlib's own frames by itself
        )
        return types.ModuleType(spec.name, f"Moved to {self.target} (deprecated alias).")

    def exec_module(self, module: types.ModuleType) -> None:
        """The alias holds the names of the module at its new home (the same objects)."""
        home = importlib.import_module(self.target)
        module.__dict__.update({k: v for k, v in vars(home).items() if not k.startswith("__")})
        if hasattr(home, "__all__"):
            module.__dict__["__all__"] = list(home.__all__)


class MovedFinder(importlib.abc.MetaPathFinder):
    """Finds the old names of moved modules; every other import goes on as usual."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        target_name = new_home(fullname)
        if target_name is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(target_name), is_package=True)


def install() -> None:
    if not any(isinstance(f, MovedFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, MovedFinder())
