"""The declaration block: names with shapes and domains, sizes, free indices, functions, definitions.

    z, y: vectors of size k; y: simplex; k: 2..4
    x: real; a: positive; A: matrix k×k; A: spd; X: (k+1) \\times k
    x, w \\in \\mathbb{R}^k; \\beta \\in (0, 1); y \\in [0, 1]^k      (sets: :mod:`verifier.frontends.latex.sets`)
    d_i \\sim \\mathcal{N}(1, \\sigma^2) i.i.d.                         (random: :mod:`verifier.frontends.latex.laws`)
    j: index; f: function; \\sigma: sigmoid; \\operatorname{softmax}: softmax
    \\hat{y} = \\operatorname{softmax}(z); L(z) = -\\sum_i y_i \\log \\hat{y}_i
                                                     (:mod:`verifier.frontends.latex.definitions`)

Entries are separated by `;` or new lines. Each error names the entry's line and column,
and the entry is dropped; the rest of the block stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.frontends.latex import definitions, laws, sets
from verifier.frontends.latex.definitions import Definition, Gradient, Upstream
from verifier.frontends.latex.document import Text
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.macros import kind_of, known_kinds
from verifier.frontends.latex.names import Name, parse_name
from verifier.frontends.latex.shapes import parse_size

__all__ = ["Declarations", "Declared", "Definition", "Name", "Upstream", "parse_block", "parse_name"]

SCALAR_DOMAINS = ("real", "positive", "nonnegative", "nonzero", "binary")
VECTOR_DOMAINS = ("simplex", "onehot")
MATRIX_DOMAINS = ("general", "symmetric", "spd", "psd", "invertible", "orthogonal", "diagonal", "fullrank")
MAX_SIZE = 12
PENDING = "?"  # the shape of an indexed random variable or gradient: the chain's one size, once all is read

_RANGE = re.compile(r"(\d+)\s*\.\.\s*(\d+)$")
_VECTOR = re.compile(r"vectors?(?:\s+of\s+(?:size|length|dimension))?\s+(.+)$")
_MATRIX = re.compile(r"(?:matri(?:x|ces)\s+(?:of\s+size\s+)?)(.+?)\s*(?:×|x|\\times)\s*(.+)$")
_BARE_MATRIX = re.compile(r"(.+?)\s*(?:×|\\times)\s*(.+?)(?:\s+matri(?:x|ces))?$")
_IDENTITY = re.compile(r"identity(?:\s+matrix)?\s+(\w+)\s*(?:×|x|\\times)\s*(\w+)$")
_MEMBER = re.compile(r"(?<!\\)\\in(?![A-Za-z])")


@dataclass
class Declared:
    name: Name
    origin: Origin
    shape: tuple[str, ...] = ()
    domain: str = "real"


@dataclass
class Declarations:
    objects: dict[str, Declared] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    indices: dict[str, Origin] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)  # key -> builtin name, or "generic"
    definitions: dict[str, Definition] = field(default_factory=dict)
    upstream: dict[str, Upstream] = field(default_factory=dict)
    random: dict[str, laws.Law] = field(default_factory=dict)
    commands: set[str] = field(default_factory=set)
    errors: list[LatexError] = field(default_factory=list)
    conflicts: dict[str, str] = field(default_factory=dict)  # name → why it is refused (declared twice, ...)
    said: dict[tuple[str, str], tuple[str, object]] = field(default_factory=dict)  # (name, what) → (spelling, value)


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
    gradients: list[tuple[Gradient, Origin]] = []
    for entry in _entries(block):
        try:
            gradients += _entry(entry, decls)
        except LatexError as err:
            decls.errors.append(err)
    for d in list(decls.definitions.values()):
        if (found := definitions.reverse_gradient(d, set(decls.upstream))) is not None:
            del decls.definitions[d.name.key]
            gradients.append((found, d.body.origin))
    for gradient, origin in gradients:
        try:
            _gradient(gradient, origin, decls)
        except LatexError as err:
            decls.errors.append(err)
    _check_shadowing(decls)
    _check_entry_names(decls)
    _drop_conflicts(decls)
    _check_sizes(decls)
    return decls


def _check_shadowing(decls: Declarations) -> None:
    """A name both declared (y: real) and defined (y = x^2) would silently mean one of the two: refused."""
    for key, d in list(decls.definitions.items()):
        found = decls.objects.get(key)
        if found is None or found.domain == "random":
            continue
        shown = d.name.latex
        decls.errors.append(
            LatexError(
                d.body.origin,
                f"{shown} is declared ({shown}: {found.domain or 'a variable'}) and also defined ({shown} = ...); "
                f"keep one: drop {shown} from the declaration to use the definition, or rename one of them",
            )
        )
        decls.conflicts[key] = "it is both declared and defined in the verifier block; keep one of the two"
        del decls.definitions[key], decls.objects[key]  # neither reading is chosen: a line using it is an error


def _check_entry_names(decls: Declarations) -> None:
    """A scalar named like an entry of a declared vector or matrix (x_1 beside x: a vector) would make x_1 the scalar
    where written and the entry where a sum reaches it: refused (it was a 'round trip' error, 'a bug of the reader')."""
    for key in [*decls.objects, *decls.definitions]:
        found = re.fullmatch(r"(.+)_([1-9]\d*)", key)  # x_0 is no entry: a start value beside x stays
        base = decls.objects.get(found.group(1)) if found else None
        if found is None or base is None or not base.shape or key in decls.conflicts:
            continue
        obj = decls.objects.get(key)
        shown = obj.name.latex if obj is not None else decls.definitions[key].name.latex
        kind = "a vector" if len(base.shape) == 1 else "a matrix"
        decls.errors.append(
            LatexError(
                obj.origin if obj is not None else decls.definitions[key].body.origin,
                f"{shown} is declared, and {base.name.latex} is {kind} whose entry {shown} is written the same way; "
                f"rename one of them",
            )
        )
        decls.conflicts[key] = f"it is named like an entry of {base.name.latex}; rename one of them"
        decls.definitions.pop(key, None)


def _said(decls: Declarations, name: Name, raw: str, what: str, value: object, where: Origin) -> bool:
    """Record that a declaration gave `name` (spelled `raw`) this `what` (shape, domain, size, function); False,
    with the name refused, if an earlier one gave it another, or spelled it in another font (\\mathcal{L} and L
    are one name here): neither meaning is picked silently."""
    before = decls.said.get((name.key, what))
    decls.said.setdefault((name.key, what), (raw, value))
    spellings = {raw, *(r for (key, _), (r, _) in decls.said.items() if key == name.key)}
    if len(spellings) > 1:
        shown = " and ".join(sorted(spellings))
        why = f"{shown} are one name here (a font does not make another name); rename one of them"
    elif before is not None and before[1] != value and "real" in (before[1], value) and what == "domain":
        decls.said[(name.key, what)] = (raw, before[1] if value == "real" else value)
        return value != "real"  # real and positive: positive, whichever comes first (both hold)
    elif before is not None and before[1] != value:
        why = f"{name.latex} is declared twice, with {what} {before[1]} and {value}; keep one of the two"
    else:
        return True
    if name.key not in decls.conflicts:
        decls.errors.append(LatexError(where, why))
    decls.conflicts[name.key] = "it is declared twice in the verifier block; keep one of the two"
    return False


def _drop_conflicts(decls: Declarations) -> None:
    """A name declared twice is no name: a line using it is an error (its hint says why)."""
    for key in decls.conflicts:
        decls.objects.pop(key, None)
        decls.sizes.pop(key, None)
        decls.functions.pop(key, None)
        decls.indices.pop(key, None)


def _entry(entry: Text, decls: Declarations) -> list[tuple[Gradient, Origin]]:
    if re.search(r"\\sim(?![A-Za-z])", entry.text):
        for law in laws.parse_law(entry):
            _random(law, decls)
        return []
    m = definitions.DEFINITION.match(entry.text)
    if m and ":" not in entry.text[: m.end()] and not _MEMBER.search(entry.text[: m.end()]):
        return [g for piece in definitions.split(entry) for g in _definition(piece, decls)]
    if (m := _MEMBER.search(entry.text)) and ":" not in entry.text[: m.start()]:
        _member(entry, m, decls)
        return []
    names, colon, spec = entry.text.partition(":")
    if not colon:
        raise LatexError(
            entry.origin,
            f"cannot read '{entry.text}'; write `names: kind` (x: real), `names \\in set` (x \\in \\mathbb{{R}}^k) "
            "or `name = expression`",
        )
    parts = [p.strip() for p in re.split(r",(?![^()\[\]]*[)\]])", spec) if p.strip()]
    if not parts:
        raise LatexError(
            entry.origin, f"nothing after ':' in '{entry.text}'; say what the names are (real, vector of size k, ...)"
        )
    for name, raw in _spelled(entry, names):
        for part in parts:
            _apply(name, raw, part, entry.origin.at(1, entry.text.index(part) + 1), decls)
    return []


def _spelled(entry: Text, raw_names: str) -> list[tuple[Name, str]]:
    """Each name an entry declares, with its spelling (spaces dropped)."""
    out = []
    for raw in re.split(r",(?![^{}]*\})", raw_names):
        name = parse_name(raw)
        if name is None:
            raise LatexError(
                entry.origin,
                f"'{raw.strip()}' is not a name; use a letter, a Greek letter, \\hat{{y}}, x_1 "
                "or \\operatorname{name}",
            )
        out.append((name, re.sub(r"\s+", "", raw)))
    return out


def _member(entry: Text, m: re.Match[str], decls: Declarations) -> None:
    """names \\in set: the set's shape and domain for each name."""
    where = entry.origin.at(1, m.end() + 1)
    try:
        shape, domain = sets.member_of(entry.text[m.end() :])
    except ValueError as err:
        raise LatexError(where, str(err)) from None
    for name, raw in _spelled(entry, entry.text[: m.start()]):
        if not (_said(decls, name, raw, "shape", shape, where) and _said(decls, name, raw, "domain", domain, where)):
            continue
        found = _object(name, where, decls)
        found.shape, found.domain = shape, domain
        if name.command:
            decls.commands.add(name.command)


def _random(law: laws.Law, decls: Declarations) -> None:
    found = _object(law.name, law.origin, decls)
    if law.indexed and not found.shape:
        found.shape = (PENDING,)
    found.domain = "random"
    decls.random[law.name.key] = law
    if law.name.command:
        decls.commands.add(law.name.command)


def _definition(entry: Text, decls: Declarations) -> list[tuple[Gradient, Origin]]:
    parsed = definitions.parse(entry)
    if isinstance(parsed, Gradient):
        return [(parsed, entry.origin)]
    if isinstance(parsed, Upstream):
        decls.upstream[parsed.name.key] = parsed
    else:
        decls.definitions[parsed.name.key] = parsed
    if parsed.name.command:
        decls.commands.add(parsed.name.command)
    return []


def _gradient(g: Gradient, origin: Origin, decls: Declarations) -> None:
    """∂L/∂y_j = g_j: g becomes a declared vector (a scalar without an index) standing for L's gradient."""
    up = decls.upstream.get(g.function)
    if up is None:
        raise LatexError(
            origin,
            f"{g.function} is not declared as a function of its arguments; write {g.function} = "
            f"{g.function}(y_1, \\dots, y_k) beside its gradient",
        )
    written = re.findall(r"\\?[A-Za-z]+(?:\{[^{}]*\})?", up.args.text)
    keys = {n.key.split("_")[0] for w in written if (n := parse_name(w)) is not None}
    if g.variable not in keys:
        raise LatexError(origin, f"{up.name.latex} is a function of {up.args.text}; give its gradient in those")
    found = _object(g.name, origin, decls)
    if g.indexed and not found.shape:
        found.shape = (PENDING,)
    decls.upstream[g.function] = Upstream(up.name, up.args, g.name.key)
    if g.name.command:
        decls.commands.add(g.name.command)


def _apply(name: Name, raw: str, part: str, where: Origin, decls: Declarations) -> None:
    word = part.lower().replace("-", "")
    word = "fullrank" if word.replace(" ", "") in ("fullcolumnrank", "fullrank") else word
    if not _said(decls, name, raw, _what(part, word), _value(part, word), where):
        return
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
    elif m := _IDENTITY.match(part):
        if m.group(1) != m.group(2):
            raise LatexError(where, f"an identity matrix is square; write {name.latex}: identity k×k")
        found = _object(name, where, decls)
        found.shape, found.domain = _shape(m.groups(), where), "identity"
    elif m := (_VECTOR.match(part) or _MATRIX.match(part) or _BARE_MATRIX.match(part)):
        _object(name, where, decls).shape = _shape(m.groups(), where)
    elif word in (*SCALAR_DOMAINS, *VECTOR_DOMAINS, *MATRIX_DOMAINS):
        _object(name, where, decls).domain = word
    elif part.strip()[:1] in "([":
        try:
            domain = sets.interval(part)
        except ValueError as err:
            raise LatexError(where, f"{err} (for {name.latex})") from None
        if domain is None:
            raise LatexError(where, f"'{part}' is not an interval; write (0, 1), [0, 1] or (0, \\infty)")
        _object(name, where, decls).domain = domain
    else:
        raise LatexError(
            where,
            f"unknown kind '{part}' for {name.latex}; use one of {', '.join(SCALAR_DOMAINS)}, "
            f"{', '.join(VECTOR_DOMAINS)}, {', '.join(MATRIX_DOMAINS)}, an interval such as (0, 1) or [0, 1], "
            "vector of size k, matrix k×k (or (k+1)×k), identity k×k, lo..hi, index, function (an arbitrary "
            f"smooth function), or one of the known functions: {known_kinds()}",
        )


def _what(part: str, word: str) -> str:
    """What a declaration's part gives its name: a size, an index, a function, a shape or a domain."""
    if _RANGE.match(part):
        return "size"
    if word in ("index", "indices"):
        return "index"
    if word in ("function", "functions") or kind_of(part):
        return "function"
    if _IDENTITY.match(part) or _VECTOR.match(part) or _MATRIX.match(part) or _BARE_MATRIX.match(part):
        return "shape"
    return "domain"


def _value(part: str, word: str) -> object:
    """The part as compared with an earlier one: a shape by its sizes, anything else by its words."""
    if m := (_IDENTITY.match(part) or _VECTOR.match(part) or _MATRIX.match(part) or _BARE_MATRIX.match(part)):
        return tuple(re.sub(r"\s+", "", g) for g in m.groups() if g is not None)
    return re.sub(r"\s+", "", word.removesuffix("s") if word in ("functions", "indices") else word)


def _shape(raw: tuple[str, ...], where: Origin) -> tuple[str, ...]:
    out = []
    for text in raw:
        size = parse_size(text)
        if size is None:
            raise LatexError(where, f"'{text.strip()}' is not a size; write k, 3, k+1, 2k or (k+1) \\times k")
        out.append(size.text())
    return tuple(out)


def _object(name: Name, where: Origin, decls: Declarations) -> Declared:
    return decls.objects.setdefault(name.key, Declared(name, where))


def _shape_problem(obj: Declared, decls: Declarations) -> str:
    for text in obj.shape:
        size = parse_size(text)
        if size is None or (size.name and size.name not in decls.sizes):
            name = size.name if size is not None else text
            return f"the size {name} of {obj.name.latex} is not declared; add `{name}: 2..4`"
        lo = size.value(lambda s: decls.sizes[s][0])
        if not 1 <= lo <= 2 * MAX_SIZE:
            low = f" at {size.name} = {decls.sizes[size.name][0]}" if size.name else ""
            return f"the size {size.text()} of {obj.name.latex} is {lo}{low}, out of range 1..{2 * MAX_SIZE}"
    if obj.domain in VECTOR_DOMAINS and len(obj.shape) != 1:
        return f"{obj.domain} needs a vector; declare {obj.name.latex}: vector of size k"
    if obj.domain in MATRIX_DOMAINS and len(obj.shape) != 2:
        return f"{obj.domain} needs a matrix; declare {obj.name.latex}: matrix k×k"
    return ""


def _check_sizes(decls: Declarations) -> None:
    """Every symbolic size is declared, and every domain fits its object's shape; a misfit is dropped."""
    for key, obj in list(decls.objects.items()):
        if obj.shape == (PENDING,):
            if len(decls.sizes) != 1:
                decls.errors.append(
                    LatexError(obj.origin, f"give {obj.name.latex} its size: {obj.name.latex}: vector of size k")
                )
                del decls.objects[key]
                continue
            obj.shape = (next(iter(decls.sizes)),)
        problem = _shape_problem(obj, decls)
        if problem:
            decls.errors.append(LatexError(obj.origin, problem))
            del decls.objects[key]
