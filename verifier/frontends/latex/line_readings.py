"""A line's reading, kept for the diagnosis's edits of its chain (issue 42).

The diagnosis reads a chain again for each edit it tries (verifier/engine/line_edits.py), and an
edit changes one line: the others would be read, evaluated and gated exactly as before. So each
line's gated value is kept, with what reading it did to the scope, and given back when the same
line is read again under the same conditions.

What a reading depends on, and so what it is keyed on: the line's parse tree (its tokens, types
and values), where it is (its origin and its display's, which the errors and an upstream's
arguments are read at), the chain's free indices, the binding of every size and the default one,
whether the scope reads sympy's printout, and the scope's state going in: the objects touched,
the sizes used, the readings so far, the forbidden symbols, the upstream markers, the held
variables read, and the memos of sequences and definitions (a memo hit skips what the memo's first
reading did). A line read after another one that the edit changed sees another state, so it is
read again unless that state is the same. Only a reading that passed every gate is kept; an error
is raised again by reading again. Given back, the reading's effects on the scope are replayed in
the order they were made, so the scope ends as a new reading would leave it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from lark import Tree

from verifier.frontends.latex.errors import Origin
from verifier.frontends.latex.scope import Scope
from verifier.frontends.latex.values import Value

_DICTS = ("touched", "readings", "forbidden", "markers", "memo", "definition_values", "_cache")
_SETS = ("sizes_used", "held_used", "in_progress")


@dataclass(frozen=True)
class _Effects:
    """What one reading did to the scope: each dict's new or changed items in order, each set's new members."""

    items: tuple[tuple[str, tuple[tuple[Any, Any], ...]], ...]
    members: tuple[tuple[str, frozenset[Any]], ...]


def state(scope: Scope) -> Hashable:
    """The scope's state going into a reading, as far as a reading can see it (values compared by ==)."""
    dicts = tuple(tuple((k, _token(v)) for k, v in getattr(scope, name).items()) for name in _DICTS)
    sets = tuple(frozenset(getattr(scope, name)) for name in _SETS)
    return dicts, sets


class _Same:
    """A value that cannot be hashed (a declaration), compared by identity; kept alive while compared."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


def _token(value: Any) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return _Same(value)
    return value


def _snapshot(scope: Scope) -> tuple[dict[str, dict[Any, Any]], dict[str, frozenset[Any]]]:
    return (
        {name: dict(getattr(scope, name)) for name in _DICTS},
        {name: frozenset(getattr(scope, name)) for name in _SETS},
    )


def _effects(scope: Scope, before: tuple[dict[str, dict[Any, Any]], dict[str, frozenset[Any]]]) -> _Effects:
    dicts, sets = before
    items = tuple((name, _changed(dicts[name], getattr(scope, name))) for name in _DICTS)
    members = tuple((name, frozenset(getattr(scope, name)) - sets[name]) for name in _SETS)
    return _Effects(items, members)


def _changed(before: dict[Any, Any], after: dict[Any, Any]) -> tuple[tuple[Any, Any], ...]:
    """The items a reading added or set anew, in the dict's order."""
    return tuple((k, v) for k, v in after.items() if k not in before or before[k] is not v)


def _replay(scope: Scope, effects: _Effects) -> None:
    for name, changed in effects.items:
        target = getattr(scope, name)
        for k, v in changed:
            target[k] = v
    for name, new in effects.members:
        getattr(scope, name).update(new)


class LineReadings:
    """The gated value of each line read so far, by everything its reading depends on."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Value, _Effects]] = {}

    def read(
        self, tree: Tree, origins: tuple[Origin, Origin | None], indices: list[str], scope: Scope,
        reading: Callable[[], Value],
    ) -> Value:  # fmt: skip
        """The line's value: kept from an earlier reading under the same conditions, or `reading()`."""
        sizes = (tuple(scope.sizes.items()), scope.default, scope.printed_mode)
        key = (tree, origins, tuple(indices), sizes, state(scope))
        kept = self._kept.get(key)
        if kept is not None:
            _replay(scope, kept[1])
            return kept[0]
        before = _snapshot(scope)
        value = reading()
        self._kept[key] = (value, _effects(scope, before))
        return value

    def __len__(self) -> int:
        return len(self._kept)
