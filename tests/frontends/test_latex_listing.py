"""Listing a LaTeX file's chains by name without reading them (what the pytest plugin collects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.load import library, loader

NOTES = """```verifier
t: real
```

% claim: square
$$ (t - 1)^2 = t^2 - 2t + 1 $$

% claim: broken
$$ t \\cdot q = q \\cdot t $$

$$ t = t $$

% claim: square
$$ t^3 = t \\cdot t^2 $$
"""


def test_chains_are_named_in_order_once_each_without_being_read(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES)
    names, errors = loader.listed(notes)
    assert names == ("square", "broken", "notes_3")  # the unnamed third chain: the stem and its place
    assert errors == ()  # `broken` names an undeclared q: only reading it finds that
    read = loader.load(notes)
    assert dict(read.errors)["broken"].endswith("undeclared symbol q; declare it in the verifier block (q: real)")
    assert read.duplicates == ("square",)


def test_a_file_without_declarations_is_a_file_level_error_in_the_listing_as_when_read(tmp_path: Path) -> None:
    notes = tmp_path / "bare.md"
    notes.write_text("% claim: one\n$$ 1 = 1 $$\n")
    names, errors = loader.listed(notes)
    assert names == ("one",)
    assert errors == tuple(e for e in loader.load(notes).errors if e[0].startswith("<"))
    assert [part for part, _ in errors] == ["<declarations>"]
    assert "no declarations; add a ```verifier block" in errors[0][1]


LIBRARY = library.folder() or Path(library.SOURCE)  # the checkout's derivations/, wherever pytest runs


@pytest.mark.parametrize("path", sorted(p for p in LIBRARY.iterdir() if p.suffix in (".md", ".tex")),
                         ids=lambda p: p.name)  # fmt: skip
def test_the_listing_names_the_chains_reading_the_file_finds(path: Path) -> None:
    names, errors = loader.listed(path)
    assert names and not errors
    for name in {names[0], names[-1]}:  # the reader, asked for a chain by its listed name, reads that chain
        assert [f.name for f in loader.load(path, only=name).families] == [name]
