"""The names a declaration may give: x, \\sigma, \\hat{y}, \\mathbf{x}, x_1, \\operatorname{softmax}."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.frontends.latex.macros import DECORATIONS

_DECOR = re.compile(r"\\(hat|widehat|bar|overline|tilde|widetilde)\s*(?:\{\s*(\\?[A-Za-z]+)\s*\}|(\\?[A-Za-z]+))$")
_FONT = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit|mathcal|vec)\s*\{\s*(.+?)\s*\}$")
_INNER_FONT = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit|mathcal|vec)\s*\{\s*(\\?[A-Za-z]+)\s*\}")
_OPNAME = re.compile(r"\\(?:operatorname|mathrm)\s*\{\s*([A-Za-z]+)\s*\}$")
_SUBSCRIPTED = re.compile(r"(\\?[A-Za-z]+)_\{?\s*([A-Za-z0-9]+)\s*\}?$")
_PLAIN = re.compile(r"(\\?)([A-Za-z]+)$")
# an iterate or an optimum: x^t, x^{t+1}, w^{(k)}, x^* (a letter or index ± a number, in braces or parentheses,
# or a star); never a number alone, so that \sigma^2 = … stays a square's definition
_ITERATE = re.compile(r"(\\?[A-Za-z]+)\^(?:\{\s*(\(?[A-Za-z](?:\s*[+-]\s*[0-9]+)?\)?|\*)\s*\}|([A-Za-z*]))$")


_SPACES = re.compile(r"[{}\s]")


def iterate_key(base: str, script: str) -> str:
    """The key of an iterate's name: x^{t + 1} and x^{t+1} are one name, "x^t+1"."""
    return base + "^" + _SPACES.sub("", script)


@dataclass(frozen=True)
class Name:
    """A declared name: its key ("yhat"), how LaTeX writes it (\\hat{y}), the command it needs, if any."""

    key: str
    latex: str
    command: str = ""


def _greek_or_letter(raw: str) -> str:
    return raw[1:] if raw.startswith("\\") else raw


def parse_name(raw: str) -> Name | None:
    """The Name a declaration's left-hand side spells, or None if it spells none."""
    raw = _INNER_FONT.sub(r"\1", raw.strip()) if not _FONT.match(raw.strip()) else raw.strip()
    if m := _DECOR.match(raw):
        base = m.group(2) or m.group(3)
        return Name(_greek_or_letter(base) + DECORATIONS[m.group(1)], f"\\{DECORATIONS[m.group(1)]}{{{base}}}")
    if m := _FONT.match(raw):
        return parse_name(m.group(1))
    if m := _OPNAME.match(raw):
        word = m.group(1)
        return Name(word, word if len(word) == 1 else f"\\operatorname{{{word}}}")
    if m := _ITERATE.match(raw):
        script = m.group(2) or m.group(3)
        key = iterate_key(_greek_or_letter(m.group(1)), script)
        command = m.group(1)[1:] if m.group(1).startswith("\\") else ""
        return Name(key, m.group(1) + "^{" + _SPACES.sub("", script) + "}", command=command)
    if m := _SUBSCRIPTED.match(raw):
        return Name(f"{_greek_or_letter(m.group(1))}_{m.group(2)}", f"{m.group(1)}_{{{m.group(2)}}}")
    if m := _PLAIN.match(raw):
        slash, word = m.groups()
        if slash:
            return Name(word, raw, command=word)
        for decor in ("hat", "bar", "tilde"):
            if len(word) > len(decor) and word.endswith(decor) and len(word) - len(decor) == 1:
                return Name(word, f"\\{decor}{{{word[0]}}}")
        return Name(word, word if len(word) == 1 else f"\\mathrm{{{word}}}")
    return None
