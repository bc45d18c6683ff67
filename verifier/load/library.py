"""The library of derivations: the folder its files are in, and the module name each of them runs under.

In a checkout the library is ``derivations/`` beside the ``verifier`` package, the tree the code runs
from. Installed, it is the package ``verifier.library`` (pyproject.toml maps ``derivations/`` there):
a name inside ours, so no other project's ``derivations`` can shadow it or be shadowed by it. Its
modules run as ``verifier.library.<stem>``; claim keys stay ``<stem>.<name>`` either way.
"""

from __future__ import annotations

from functools import cache
from importlib import util
from pathlib import Path

PACKAGE = "verifier.library"
SOURCE = "derivations"  # the folder in the checkout, and the default path of the command line


@cache
def folder() -> Path | None:
    """The library's folder: the checkout's derivations/, else the installed verifier.library; None if neither."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / SOURCE / "__init__.py").is_file():
        return checkout / SOURCE
    try:
        spec = util.find_spec(PACKAGE)
    except (ImportError, ValueError):  # ValueError: a module of that name without a spec
        return None
    places = list(spec.submodule_search_locations or []) if spec else []
    return Path(places[0]).resolve() if places else None


def default_folder() -> Path | None:
    """What a command reads when given no path: ./derivations if there is one, else the library."""
    return Path(SOURCE) if Path(SOURCE).is_dir() else folder()


def is_library_file(path: Path) -> bool:
    home = folder()
    return home is not None and path.resolve().parent == home.resolve()


def module_name(path: Path) -> str:
    """verifier.library.<stem>, the name a library file's module runs under."""
    return f"{PACKAGE}.{path.stem}"


def file_of(module: str) -> Path | None:
    """The library file of a module name (verifier.library.softmax), or None if it names none."""
    home = folder()
    if home is None or not module.startswith(PACKAGE + "."):
        return None
    candidate = home.joinpath(*module.removeprefix(PACKAGE + ".").split(".")).with_suffix(".py")
    return candidate if candidate.is_file() else None
