"""Rows of a label and a body, the body's wrapped lines hanging under its first: no cell padding.

rich's grid pads every cell to the column's width, so each line of the narrow view ended in a run of spaces
(visible in a piped log, a diff, a copied terminal). Here each body is wrapped to the room left of the labels,
and every line ends where its text ends.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.text import Text

GAP = 2  # spaces between the label column and the bodies


@dataclass(frozen=True)
class Hanging:
    """Each (label, body): the label, then the body wrapped to the width left, its later lines indented."""

    rows: Sequence[tuple[Text, Text]]
    gap: int = GAP

    @property
    def indent(self) -> int:
        return max((cell_len(label.plain) for label, _ in self.rows), default=0) + self.gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        indent = self.indent
        room = max(options.max_width - indent, 20)
        for label, body in self.rows:
            for i, line in enumerate(body.wrap(console, room, overflow="fold")):
                head = label.copy() if i == 0 else Text("")
                head.pad_right(indent - cell_len(head.plain))
                line.rstrip()
                yield Text.assemble(head, line, end="\n")
