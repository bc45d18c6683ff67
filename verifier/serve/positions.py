"""Where things are in the pasted text: the line of each chain's line as written, the position of an error.

A chain's lines come back from the reader as their author wrote them, with runs of white space
made single; they are found again in the text the same way, in order, so each step's verdict
can be put on the editor line it belongs to.
"""

from __future__ import annotations

import re

_POSITIONED = re.compile(r"(?P<line>\d+):(?P<col>\d+): (?P<message>.*)", re.DOTALL)
OPENERS = ("$$", "\\[")  # a chain's first line starts a display
RELATIONS = ("=", "<", ">", "\\le", "\\leq", "\\ge", "\\geq", "\\leqslant", "\\geqslant", "\\Rightarrow",
             "\\Longrightarrow", "\\implies", "\\iff", "\\Leftrightarrow", "\\Longleftrightarrow")  # fmt: skip


def error_position(message: str, path: str) -> tuple[int | None, int | None]:
    """(line, column) of an error the reader gave as `path:line:col: …`; (None, None) if it names no position."""
    if not message.startswith(path + ":"):
        return None, None
    m = _POSITIONED.match(message, len(path) + 1)
    return (int(m.group("line")), int(m.group("col"))) if m else (None, None)


class Locator:
    """Finds written lines in a text, comparing with white space made single."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        self.offsets: list[int] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            self.offsets.append(i)
        self.flat = "".join(chars)

    def find(self, written: str, start: int, after: tuple[str, ...]) -> tuple[int | None, int]:
        """(the 1-based line where written occurs at or after flat position start, just after one of `after`,
        and the flat position after it); (None, start) if it does not occur there."""
        needle = " ".join(written.split())
        at = self.flat.find(needle, start) if needle else -1
        while at >= 0 and not self.flat[:at].rstrip().endswith(after):
            at = self.flat.find(needle, at + 1)
        if at < 0:
            return None, start
        offset = self.offsets[at]
        return self.text.count("\n", 0, offset) + 1, at + len(needle)


def chain_lines(text: str, chains: list[list[str]]) -> list[list[int | None]]:
    """For each chain (its lines as written, e₀ first), the editor line of each of its lines."""
    locator = Locator(text)
    cursor = 0
    out = []
    for lines in chains:
        found = []
        for k, written in enumerate(lines):
            line, cursor = locator.find(written, cursor, RELATIONS if k else OPENERS)
            found.append(line)
        out.append(found)
    return out
