"""The bounds on what one request may ask: checked in the server, before any worker sees the text.

Each bound has its own message, positioned like the command line's errors (`derivation.md:4:9: …`),
so the page can put it on its line. These checks are cheap and syntactic; the reader's own gates
run afterwards in a worker, and the worker's hard time and memory limits catch whatever gets past
both (a derivation that is slow to read says so, it never hangs the server).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from verifier.serve import scan
from verifier.serve.settings import Bounds

FORMATS = ("md", "tex")
FIELDS = ("text", "seed", "format", "name")
MAX_SEED = 2**32 - 1
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RANGE = re.compile(r"(\d+)\s*\.\.\s*(\d+)")
_FIXED = re.compile(r"(\d+)\s*(?:×|x|\\times)\s*(\d+)")
_SIZE = re.compile(r"(?:size|length|dimension)\s+(\d+)")
MAX_ERRORS = 10
LONE_SURROGATE = "the text holds a character that is not valid Unicode (a lone surrogate); remove it"


@dataclass(frozen=True)
class InputError:
    """What is wrong with the input, and where (line and column are 1-based; None: the input as a whole)."""

    message: str
    line: int | None = None
    col: int | None = None
    kind: str = "input"  # "size": the text or the request is too long (HTTP 413)

    def text(self, path: str) -> str:
        """As the command line prints it: `path:line:col: message`."""
        return f"{path}:{self.line}:{self.col}: {self.message}" if self.line else f"{path}: {self.message}"


@dataclass(frozen=True)
class CheckRequest:
    """One derivation to check: LaTeX text, its format (.md or .tex), the file name it stands for, the seed."""

    text: str
    seed: int = 0
    format: str = "md"
    name: str = "derivation"

    @property
    def path(self) -> str:
        return f"{self.name}.{self.format}"


def read_request(body: bytes, bounds: Bounds) -> CheckRequest | list[InputError]:
    """The request a POST body asks for, or what is wrong with it (a JSON object of FIELDS)."""
    if len(body) > body_limit(bounds):
        return [too_big(len(body), bounds)]
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        return [InputError(f'the request is not JSON ({type(err).__name__}); send {{"text": …, "seed": 0}}')]
    except ValueError:  # Python reads no integer of more than 4300 digits (sys.get_int_max_str_digits)
        return [InputError('the request holds a number of more than 4,300 digits; send {"text": …, "seed": 0}')]
    if not isinstance(data, dict):
        return [InputError('the request must be a JSON object: {"text": …, "seed": 0}')]
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        return [
            InputError(f"unknown field {unknown[0]!r}; a check takes only {', '.join(FIELDS)} (LaTeX text, no code)")
        ]
    return _fields(data)


def _fields(data: dict[str, Any]) -> CheckRequest | list[InputError]:
    text, seed = data.get("text"), data.get("seed", 0)
    fmt, name = data.get("format", "md"), data.get("name", "derivation")
    if not isinstance(text, str):
        return [InputError("text must be a string: the derivation, in LaTeX")]
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        return [InputError(f"seed must be a whole number from 0 to {MAX_SEED}")]
    if fmt not in FORMATS:
        return [InputError(f"format must be md or tex, not {str(fmt)[:20]!r}; only LaTeX chains are checked here")]
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return [InputError("name must be a plain file name: a letter, then letters, digits or _ (at most 40)")]
    if not _encodable(text):
        return [InputError(LONE_SURROGATE)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CheckRequest(text, seed, fmt, name)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def body_limit(bounds: Bounds) -> int:
    """The largest request body worth reading: the text at its bound, escaped as JSON, and the other fields."""
    return bounds.max_bytes * 6 + 1024


def too_big(size: int, bounds: Bounds) -> InputError:
    return InputError(
        f"the derivation is {size:,} bytes or more; this page checks at most {bounds.max_bytes:,} bytes: "
        "check it in parts, or run verifier check FILE on your machine",
        kind="size",
    )


def check_text(text: str, bounds: Bounds) -> list[InputError]:
    """Every bound the text exceeds (at most MAX_ERRORS of them, in the order they occur)."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return [InputError(LONE_SURROGATE)]
    if size > bounds.max_bytes:
        return [too_big(size, bounds)]
    errors = _controls(text) + _nesting(text, bounds) + _sizes(text, bounds) + _counts(text, bounds)
    errors += _lengths(text, bounds) + _numbers(text, bounds)
    return sorted(errors, key=lambda e: (e.line or 0, e.col or 0))[:MAX_ERRORS]


def _at(text: str, offset: int, message: str) -> InputError:
    line, col = scan.position(text, offset)
    return InputError(message, line, col)


def _controls(text: str) -> list[InputError]:
    found = _CONTROL.search(text)
    if found is None:
        return []
    code = ord(found.group(0))
    what = "a NUL byte" if code == 0 else f"a control character (U+{code:04X})"
    return [_at(text, found.start(), f"{what} is not LaTeX; remove it")]


def _segments(text: str) -> list[scan.Segment]:
    return scan.displays(text) + scan.declaration_lines(text)


def _nesting(text: str, bounds: Bounds) -> list[InputError]:
    for segment in _segments(text):
        offset = scan.too_deep(segment, bounds.max_depth)
        if offset is not None:
            message = f"brackets nest deeper than {bounds.max_depth} levels here; write the expression flatter"
            return [_at(text, offset, message)]
    return []


def _sizes(text: str, bounds: Bounds) -> list[InputError]:
    """Declared sizes (k: 2..4, A: matrix 3×3, vectors of size 5) within the page's bound."""
    out = []
    for segment in scan.declaration_lines(text):
        for pattern in (_RANGE, _FIXED, _SIZE):
            for m in pattern.finditer(segment.text):
                if max(int(g) if len(g) <= 9 else 10**9 for g in m.groups()) > bounds.max_size:
                    message = (
                        f"the declared size {m.group(0)} is larger than this page allows (sizes up to "
                        f"{bounds.max_size}; the command line goes to 12)"
                    )
                    out.append(_at(text, segment.offset + m.start(), message))
    return out


def _lengths(text: str, bounds: Bounds) -> list[InputError]:
    """Each display or declaration line at most max_tokens long (the reader walks a long sum by recursion)."""
    for segment in _segments(text):
        toks = scan.tokens(segment)
        if len(toks) > bounds.max_tokens:
            message = (
                f"this line has {len(toks)} symbols and operators; this page reads at most {bounds.max_tokens} "
                "per display: split it into steps"
            )
            return [_at(text, toks[bounds.max_tokens].offset, message)]
    return []


def _counts(text: str, bounds: Bounds) -> list[InputError]:
    found = scan.displays(text)
    if len(found) > bounds.max_displays:
        message = f"display {bounds.max_displays + 1}: this page checks at most {bounds.max_displays} $$ … $$ displays"
        return [_at(text, found[bounds.max_displays].offset, message)]
    relations = [tok for segment in found for tok in scan.top_level_relations(segment)]
    if len(relations) > bounds.max_relations:
        message = f"more than {bounds.max_relations} relations (=, \\le, …) in all; check the chains in parts"
        return [_at(text, relations[bounds.max_relations].offset, message)]
    return []


def _numbers(text: str, bounds: Bounds) -> list[InputError]:
    """Numbers of at most max_digits digits; exponents at most max_exponent; no power of a power of numbers."""
    out = []
    for segment in _segments(text):
        for tok in scan.numbers(segment):
            digits = len(tok.value.replace(".", ""))
            if digits > bounds.max_digits:
                out.append(_at(text, tok.offset, f"a number of {digits} digits; at most {bounds.max_digits} here"))
        if segment.kind != "display":
            continue
        for power in scan.powers(segment):
            problem = _power_problem(power, bounds)
            if problem:
                out.append(_at(text, power.caret.offset, problem))
    return out


def _power_problem(power: scan.Power, bounds: Bounds) -> str:
    if power.bound:
        return ""
    value = power.bare_exponent()
    if value is not None and value > bounds.max_exponent:
        return f"the exponent {value} is larger than this page allows (at most {bounds.max_exponent})"
    tower = (scan.is_numeric(power.exponent) and any(t.value == "^" for t in power.exponent)) or any(
        t.value == "^" for t in power.base
    )
    if power.numeric_base() and tower:
        return (
            "a power of a power of numbers (such as 10^{10^{10}}): its value has too many digits to compute; "
            "write a symbol or a smaller number"
        )
    return ""


def check_parsed(chains: list[tuple[str, int]], bounds: Bounds) -> list[str]:
    """After reading: how many chains, and how many steps each (name, steps); the messages of the bounds exceeded."""
    out = []
    if len(chains) > bounds.max_chains:
        out.append(f"{len(chains)} chains; this page checks at most {bounds.max_chains} at once: check them in parts")
    out += [
        f"chain {name} has {steps} steps; this page checks at most {bounds.max_steps} per chain: split it"
        for name, steps in chains
        if steps > bounds.max_steps
    ]
    return out
