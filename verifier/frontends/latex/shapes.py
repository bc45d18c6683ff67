"""Sizes written as expressions of a declared size: `k`, `k+1`, `(k-1)`, `2k`, `2k+1`, or a number.

A shape entry is kept as its canonical text ("k+1") and evaluated at each binding of the
sizes; a size that is below 1 anywhere in the declared range is an error at the declaration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_SIZE = re.compile(r"\(?\s*(\d*)\s*\*?\s*([A-Za-z])?\s*(?:([+-])\s*(\d+))?\s*\)?$")


@dataclass(frozen=True)
class SizeExpr:
    """coefficient · name + offset (name empty for a number)."""

    coefficient: int
    name: str
    offset: int

    def value(self, size_of: Callable[[str], int]) -> int:
        return self.coefficient * size_of(self.name) + self.offset if self.name else self.offset

    def text(self) -> str:
        if not self.name:
            return str(self.offset)
        head = f"{self.coefficient if self.coefficient != 1 else ''}{self.name}"
        return head + (f"{self.offset:+d}" if self.offset else "")


def parse_size(raw: str) -> SizeExpr | None:
    """The size expression raw spells, or None (a word that is no size, such as "matrix")."""
    text = raw.strip().replace("{", "").replace("}", "").replace("\\cdot", "")
    if not text:
        return None
    m = _SIZE.match(text)
    if m is None or (text.startswith("(") != text.endswith(")")):
        return None
    digits, name, sign, offset = m.groups()
    if not name:
        if not digits or sign:
            return None
        return SizeExpr(0, "", int(digits))
    off = int(offset or 0) * (-1 if sign == "-" else 1)
    return SizeExpr(int(digits) if digits else 1, name, off)


def size_value(text: str, size_of: Callable[[str], int]) -> int:
    """The value of a canonical shape entry ("k+1", "3") at the sizes size_of gives."""
    parsed = parse_size(text)
    if parsed is None:
        raise ValueError(f"not a size: {text}")
    return parsed.value(size_of)


def size_names(text: str) -> list[str]:
    parsed = parse_size(text)
    return [parsed.name] if parsed is not None and parsed.name else []
