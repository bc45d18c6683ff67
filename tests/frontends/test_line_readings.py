"""A chain's lines are read once: the diagnosis's edit of one line reads only that line again (issue 42).

What a kept reading is keyed on must be everything the reading depends on, or an edited chain would be
read with a stale line: each test here fails if the key leaves out part of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
import sympy as sp
from lark import Token, Tree

from tests.support import ROOT
from verifier.engine import line_edits
from verifier.frontends import latex
from verifier.frontends.latex import line_readings
from verifier.frontends.latex.declarations import parse_block
from verifier.frontends.latex.document import split
from verifier.frontends.latex.errors import Origin
from verifier.frontends.latex.line_readings import LineReadings
from verifier.frontends.latex.scope import Scope
from verifier.language.families import ClaimFamily

pytest.importorskip("lark")

# a later line reads the definitions an earlier one read first (their memo), and an edit may stop reading them
DEFINED = r"""```verifier
x, v: vectors of size k; k: 2..3
W: matrix k×k
t: real
i: index
h = \tanh(W x)
\hat{t} = v^\top h
```

$$ \frac{\partial}{\partial x_i} \frac{1}{2} (v^\top \tanh(W x) - t)^2
   = (\hat{t} - t) \frac{\partial \hat{t}}{\partial x_i}
   = (\hat{t} - t) \sum_{j=1}^{k} v_j (1 - h_j^2) W_{ji} $$
"""


def _sizes(family: ClaimFamily) -> list[tuple[int, ...]]:
    return [() if n is None else (n,) for n in family.n_values]


def _read_at_every_size(family: ClaimFamily | None) -> Any:
    if family is None:
        return None
    chains = []
    for n in _sizes(family):
        try:
            chains.append(family.builder(*n))
        except Exception as err:  # an edit the builder refuses at a larger size: refused both ways
            chains.append(type(err).__name__)
    return chains, family.notes, family.n_values


def _passing_through(self: LineReadings, tree: Any, origins: Any, indices: Any, scope: Scope, reading: Any) -> Any:
    return reading()


def _edits_read_as_new(load: Callable[[], list[ClaimFamily]], monkeypatch: pytest.MonkeyPatch, per_line: int) -> int:
    """Every step line's first edits, read again through the kept readings and without them: the same chains."""
    kept = load()
    with monkeypatch.context() as m:
        m.setattr(LineReadings, "read", _passing_through)
        fresh = load()
    compared = 0
    for a, b in zip(kept, fresh, strict=True):
        chain = a.builder(*_sizes(a)[0])
        for i, step in enumerate(chain.steps):
            for e in line_edits.edits(step.written)[:per_line]:
                got = _read_at_every_size(a.reread(i + 1, e.written) if a.reread else None)
                with monkeypatch.context() as m:
                    m.setattr(LineReadings, "read", _passing_through)
                    want = _read_at_every_size(b.reread(i + 1, e.written) if b.reread else None)
                assert got == want, (a.name, i + 1, e.written)
                compared += got is not None
    return compared


def test_an_edited_chain_reads_as_a_new_reading_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines after the edited one see another memo of the definitions (an edit may drop \\hat{t}): read again."""

    def load() -> list[ClaimFamily]:
        families, errors = latex.parse_chains(DEFINED, "hw.md", "hw")
        assert errors == []
        return families

    assert _edits_read_as_new(load, monkeypatch, per_line=40) > 10


@pytest.mark.parametrize("name", ["latex_backprop.md"])
def test_the_library_chains_edited_read_as_new(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _edits_read_as_new(lambda: latex.load(ROOT / "derivations" / name)[0], monkeypatch, per_line=3) > 4


def test_the_key_holds_every_field_of_the_scope() -> None:
    """A field the scope gains is state a reading may see: it must be in the key (line_readings._DICTS, _SETS)."""
    bound = {"decls", "sizes", "default", "printed_mode"}  # in the key as the size binding and the reading mode
    fields = {f.name for f in dataclasses.fields(Scope)}
    assert fields == bound | set(line_readings._DICTS) | set(line_readings._SETS)


def _scope(k: int) -> Scope:
    return Scope(parse_block(split(DEFINED, "hw.md").declarations), {"k": k}, "k")


def test_a_reading_is_kept_only_for_the_same_sizes_and_the_same_state() -> None:
    kept, tree, at = LineReadings(), Tree("name", [Token("LETTER", "x")]), Origin("hw.md", 1, 1)
    calls: list[int] = []

    def reading(scope: Scope) -> Callable[[], Any]:
        def read() -> Any:
            calls.append(1)
            scope.object("x")
            scope.readings["dot"] = "u \\cdot v read as a dot product"
            return sp.Integer(len(calls))

        return read

    first = _scope(2)
    assert kept.read(tree, (at, None), [], first, reading(first)) == 1
    again = _scope(2)
    assert kept.read(tree, (at, None), [], again, reading(again)) == 1 and len(calls) == 1
    assert again.touched.keys() == first.touched.keys() and again.readings == first.readings  # the effects replayed
    assert again.where() == first.where() and again.sizes_used == first.sizes_used
    larger = _scope(3)
    assert kept.read(tree, (at, None), [], larger, reading(larger)) == 2  # another size: read again
    touched = _scope(2)
    touched.object("t")
    assert kept.read(tree, (at, None), [], touched, reading(touched)) == 3  # another state going in
    assert kept.read(tree, (at, None), ["i"], _scope(2), reading(_scope(2))) == 4  # other free indices
    moved = Origin("hw.md", 2, 1)
    assert kept.read(tree, (moved, None), [], _scope(2), reading(_scope(2))) == 5  # elsewhere in the file
    printed = dataclasses.replace(_scope(2), printed_mode=True)
    assert kept.read(tree, (at, None), [], printed, reading(printed)) == 6  # sympy's printout read back
