"""The declaration block: names with shapes and domains, sizes, free indices, functions, definitions.

    z, y: vectors of size k; y: simplex; k: 2..4
    x: real; a: positive; A: matrix k×k; A: spd
    j: index; f: function; \\sigma: sigmoid; \\operatorname{softmax}: softmax
    \\hat{y} = \\operatorname{softmax}(z); L(z) = -\\sum_i y_i \\log \\hat{y}_i

Entries are separated by `;` or new lines. Each error names the entry's line and column,
and the entry is dropped; the rest of the block stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.latex.document import Text
from verifier.latex.errors import LatexError, Origin
from verifier.latex.macros import DECORATIONS, kind_of, known_kinds

SCALAR_DOMAINS = ("real", "positive", "nonnegative", "nonzero")
VECTOR_DOMAINS = ("simplex", "onehot")
MATRIX_DOMAINS = ("general", "symmetric", "spd", "psd", "invertible", "orthogonal", "diagonal")
MAX_SIZE = 12

_DECOR = re.compile(r"\\(hat|widehat|bar|overline|tilde|widetilde)\s*(?:\{\s*(\\?[A-Za-z]+)\s*\}|(\\?[A-Za-z]+))$")
_FONT = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit|vec)\s*\{\s*(\\?[A-Za-z]+)\s*\}$")
_OPNAME = re.compile(r"\\(?:operatorname|mathrm)\s*\{\s*([A-Za-z]+)\s*\}$")
_SUBSCRIPTED = re.compile(r"(\\?[A-Za-z]+)_\{?\s*([A-Za-z0-9]+)\s*\}?$")
_PLAIN = re.compile(r"(\\?)([A-Za-z]+)$")
_DEFINITION = re.compile(r"\s*([^=:(]+?)\s*(?:\(([^()]*)\))?\s*=(?!=)")
_SQUARED = re.compile(r"(.+?)\s*\^\s*(?:2|\{\s*2\s*\})$")
_ENTRY = re.compile(r"(.+?)\s*_\s*(?:([A-Za-z])|\{\s*([A-Za-z])\s*\})$")
_RANGE = re.compile(r"(\d+)\s*\.\.\s*(\d+)$")
_INTERVAL = re.compile(r"([(\[])\s*(-?\d+)\s*,\s*(-?\d+)\s*([)\]])$")  # a real interval: (0, 1), [0, 1), ...
_VECTOR = re.compile(r"vectors?(?:\s+of\s+(?:size|length|dimension))?\s+(\w+)$")
_MATRIX = re.compile(r"matri(?:x|ces)\s+(\w+)\s*(?:×|x|\\times)\s*(\w+)$")
_IDENTITY = re.compile(r"identity(?:\s+matrix)?\s+(\w+)\s*(?:×|x|\\times)\s*(\w+)$")


@dataclass(frozen=True)
class Name:
    """A declared name: its key ("yhat"), how LaTeX writes it (\\hat{y}), the command it needs, if any."""

    key: str
    latex: str
    command: str = ""


@dataclass
class Declared:
    name: Name
    origin: Origin
    shape: tuple[str, ...] = ()
    domain: str = "real"


@dataclass(frozen=True)
class Definition:
    """name = body; with params a function, with an index (\\hat{x}_i = …) the vector of its entries."""

    name: Name
    params: tuple[str, ...]
    body: Text
    index: str = ""


@dataclass
class Declarations:
    objects: dict[str, Declared] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    indices: dict[str, Origin] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)  # key -> builtin name, or "generic"
    definitions: dict[str, Definition] = field(default_factory=dict)
    commands: set[str] = field(default_factory=set)
    errors: list[LatexError] = field(default_factory=list)


def _greek_or_letter(raw: str) -> str:
    return raw[1:] if raw.startswith("\\") else raw


def parse_name(raw: str) -> Name | None:
    """The Name a declaration's left-hand side spells, or None if it spells none."""
    raw = raw.strip()
    if m := _DECOR.match(raw):
        base = m.group(2) or m.group(3)
        return Name(_greek_or_letter(base) + DECORATIONS[m.group(1)], f"\\{DECORATIONS[m.group(1)]}{{{base}}}")
    if m := _FONT.match(raw):
        return parse_name(m.group(1))
    if m := _OPNAME.match(raw):
        word = m.group(1)
        return Name(word, word if len(word) == 1 else f"\\operatorname{{{word}}}")
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


def _entries(block: list[Text]) -> list[Text]:
    """Each `;`-separated entry of the block (a `\\;` is LaTeX spacing, not a separator)."""
    out: list[Text] = []
    for line in block:
        start = 0
        for m in [*re.finditer(r"(?<!\\);", line.text), None]:
            end = m.start() if m else len(line.text)
            piece = line.text[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Text(piece.strip(), line.origin.at(1, start + lead + 1)))
            start = end + 1
    return out


def parse_block(block: list[Text]) -> Declarations:
    decls = Declarations()
    for entry in _entries(block):
        try:
            _entry(entry, decls)
        except LatexError as err:
            decls.errors.append(err)
    _check_sizes(decls)
    return decls


def _entry(entry: Text, decls: Declarations) -> None:
    if (m := _DEFINITION.match(entry.text)) and ":" not in entry.text[: m.end()]:
        _definition(entry, m, decls)
        return
    names, colon, spec = entry.text.partition(":")
    if not colon:
        raise LatexError(
            entry.origin, f"cannot read '{entry.text}'; write `names: kind` (x: real) or `name = expression`"
        )
    parts = [p.strip() for p in re.split(r",(?![^()]*\))", spec) if p.strip()]
    if not parts:
        raise LatexError(
            entry.origin, f"nothing after ':' in '{entry.text}'; say what the names are (real, vector of size k, ...)"
        )
    for raw in re.split(r",(?![^{}]*\})", names):
        name = parse_name(raw)
        if name is None:
            raise LatexError(
                entry.origin,
                f"'{raw.strip()}' is not a name; use a letter, a Greek letter, \\hat{{y}}, x_1 "
                "or \\operatorname{name}",
            )
        for part in parts:
            _apply(name, part, entry.origin.at(1, entry.text.index(part) + 1), decls)


def _definition(entry: Text, m: re.Match[str], decls: Declarations) -> None:
    name, index = _defined_name(entry, m.group(1).strip())
    if index and m.group(2):
        raise LatexError(entry.origin, f"{name.latex}_{index} cannot have parameters as well; define one or the other")
    params = tuple(p.key for raw in (m.group(2) or "").split(",") if raw.strip() for p in [parse_name(raw)] if p)
    rest = entry.text[m.end() :]
    lead = len(rest) - len(rest.lstrip())
    body = Text(rest.strip(), entry.origin.at(1, m.end() + lead + 1))
    if not body.text:
        raise LatexError(entry.origin, f"the definition of {name.latex} is empty; write {name.latex} = expression")
    decls.definitions[name.key] = Definition(name, params, body, index)
    if name.command:
        decls.commands.add(name.command)


def _defined_name(entry: Text, raw: str) -> tuple[Name, str]:
    """The name a definition's left side defines, and the index of an entrywise one (\\hat{x}_i = …).

    \\sigma^2 = … defines the square, under the key sigma^2 (a bare \\sigma is then its root)."""
    if (name := parse_name(raw)) is not None:
        return name, ""
    if (m := _SQUARED.match(raw)) and (base := parse_name(m.group(1))) is not None and "_" not in base.key:
        return Name(base.key + "^2", base.latex + "^{2}", base.command), ""
    if (m := _ENTRY.match(raw)) and (base := parse_name(m.group(1))) is not None and "_" not in base.key:
        return base, m.group(2) or m.group(3)
    raise LatexError(
        entry.origin,
        f"'{raw}' is not a name to define; write a name (\\mu = …, \\hat{{x}} = …, x_1 = …), a function "
        "(f(x) = …), a square (\\sigma^2 = …) or a vector by its entries (\\hat{x}_i = …)",
    )


def _apply(name: Name, part: str, where: Origin, decls: Declarations) -> None:
    word = part.lower().replace("-", "")
    if name.command:
        decls.commands.add(name.command)
    if m := _RANGE.match(part):
        lo, hi = int(m.group(1)), int(m.group(2))
        if not 1 <= lo <= hi <= MAX_SIZE:
            raise LatexError(
                where, f"bad size range {part} for {name.latex}; write lo..hi with 1 ≤ lo ≤ hi ≤ {MAX_SIZE}"
            )
        decls.sizes[name.key] = (lo, hi)
    elif word in ("index", "indices"):
        decls.indices[name.key] = where
    elif word in ("function", "functions"):
        decls.functions[name.key] = "generic"
    elif builtin := kind_of(part):
        decls.functions[name.key] = builtin
    elif m := (_VECTOR.match(part) or _MATRIX.match(part)):
        _object(name, where, decls).shape = tuple(m.groups())
    elif m := _IDENTITY.match(part):
        if m.group(1) != m.group(2):
            raise LatexError(where, f"an identity matrix is square; write {name.latex}: identity k×k")
        found = _object(name, where, decls)
        found.shape, found.domain = tuple(m.groups()), "identity"
    elif m := _INTERVAL.match(part.strip()):
        if int(m.group(2)) >= int(m.group(3)):
            raise LatexError(where, f"empty interval {part} for {name.latex}; write (lo, hi) with lo < hi")
        _object(name, where, decls).domain = "".join(m.groups()[:1]) + f"{m.group(2)},{m.group(3)}" + m.group(4)
    elif word in (*SCALAR_DOMAINS, *VECTOR_DOMAINS, *MATRIX_DOMAINS):
        _object(name, where, decls).domain = word
    else:
        raise LatexError(
            where,
            f"unknown kind '{part}' for {name.latex}; use one of {', '.join(SCALAR_DOMAINS)}, "
            f"{', '.join(VECTOR_DOMAINS)}, {', '.join(MATRIX_DOMAINS)}, an interval such as (0, 1) or [0, 1], "
            "vector of size k, "
            "matrix k×k, identity k×k, lo..hi, index, function (an arbitrary smooth function), "
            f"or one of the known functions: {known_kinds()}",
        )


def _object(name: Name, where: Origin, decls: Declarations) -> Declared:
    return decls.objects.setdefault(name.key, Declared(name, where))


def _check_sizes(decls: Declarations) -> None:
    """Every symbolic size is declared, and every domain fits its object's shape; a misfit is dropped."""
    for key, obj in list(decls.objects.items()):
        problem = ""
        for size in obj.shape:
            if not size.isdigit() and size not in decls.sizes:
                problem = f"the size {size} of {obj.name.latex} is not declared; add `{size}: 2..4`"
            elif size.isdigit() and not 1 <= int(size) <= MAX_SIZE:
                problem = f"the size {size} of {obj.name.latex} is out of range 1..{MAX_SIZE}"
        if obj.domain in VECTOR_DOMAINS and len(obj.shape) != 1:
            problem = f"{obj.domain} needs a vector; declare {obj.name.latex}: vector of size k"
        if obj.domain in MATRIX_DOMAINS and len(obj.shape) != 2:
            problem = f"{obj.domain} needs a matrix; declare {obj.name.latex}: matrix k×k"
        if problem:
            decls.errors.append(LatexError(obj.origin, problem))
            del decls.objects[key]
