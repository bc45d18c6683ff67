"""Which objects the trusted base made itself: by identity, not by what an object carries.

A key in a dataclass field stops a strategy from calling the constructor, but `dataclasses.replace`
(or `copy.copy`) copies the key along with a changed field. So the base also records each Instance,
Fact, Obligation, Proof and ClaimAt it makes, by identity, and its rules and its judge accept only
recorded objects: a copy, however it was made, is not one of them. The record holds weak references,
so it keeps nothing alive.
"""

from __future__ import annotations

import weakref
from typing import TypeVar

T = TypeVar("T")
_MADE: dict[int, weakref.ref[object]] = {}


def mint(obj: T) -> T:
    """Record obj as made by the trusted base, for as long as it lives."""
    ident = id(obj)

    def forget(_: object, ident: int = ident) -> None:
        _MADE.pop(ident, None)

    _MADE[ident] = weakref.ref(obj, forget)
    return obj


def genuine(obj: object) -> bool:
    """obj itself (not a copy) was made by the trusted base."""
    ref = _MADE.get(id(obj))
    return ref is not None and ref() is obj
