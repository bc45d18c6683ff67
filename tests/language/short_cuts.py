"""sympy's own methods in place of a short cut the claim language installs, for the tests that compare the two."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from sympy.core.cache import clear_cache

T = TypeVar("T")


class ShortCut(Protocol):
    """A module of verifier.language that replaces a sympy method (exponentials, extrema, inverses)."""

    def install(self) -> None: ...

    def uninstall(self) -> None: ...


def sympys_own(short_cut: ShortCut, build: Callable[[], T]) -> T:
    """build() with sympy's own method in place of the short cut, from an empty cache; the short cut is installed
    again after it, whatever build raised."""
    short_cut.uninstall()
    clear_cache()
    try:
        return build()
    finally:
        short_cut.install()
        clear_cache()
