"""Where a piece of LaTeX came from, and the one-line error that points back at it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """The file and the 1-based line and column of a text's first character."""

    path: str
    line: int
    col: int

    def at(self, line: int, col: int) -> Origin:
        """The absolute position of (line, col), counted 1-based inside the text."""
        return Origin(self.path, self.line + line - 1, self.col + col - 1 if line == 1 else col)

    def shifted(self, offset: int, text: str) -> Origin:
        """The position of text[offset], for a text that starts here."""
        before = text[:offset]
        line = before.count("\n")
        col = offset - (before.rfind("\n") + 1)
        return self.at(line + 1, col + 1)


class LatexError(Exception):
    """A parse or gate error: `path:line:col: what is wrong; what to do`, on one line."""

    def __init__(self, where: Origin, message: str) -> None:
        self.where = where
        self.message = " ".join(message.split())
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.where.path}:{self.where.line}:{self.where.col}: {self.message}"
