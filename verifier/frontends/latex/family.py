"""Each chain of a LaTeX file → one ClaimFamily of Chain statements, one per declared size.

Everything is parsed, evaluated and gated at every size when the file loads, so an error
is reported then, on one line with its position, and the claim families that remain are
built only from expressions that passed every gate. A chain that fails becomes an error
row; the other chains of the file are checked as usual.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import conditions, gates, grammar, macros, reasons, spacing
from verifier.frontends.latex.declarations import Declarations, parse_block
from verifier.frontends.latex.document import ChainSource, past_recursion, split
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.evaluate import Evaluator
from verifier.frontends.latex.line_readings import LineReadings
from verifier.frontends.latex.listing import chain_name, file_errors
from verifier.frontends.latex.scope import Scope
from verifier.frontends.latex.sizes import Sized
from verifier.frontends.latex.symbolic import chain_at
from verifier.frontends.latex.values import Matrix, Value, collapse, shape_of, values_shape
from verifier.language.claims import Expect
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain, Relation, Step

_SIZED = re.compile(r"\\(?:left|[bB]igg?l?)\s*$")  # a size right before a line's first token (\left|): kept in its text
MAX_FREE_INDICES = 2
_LATEX_REL = {"=": "=", "<=": "\\le", ">=": "\\ge", "<": "<", ">": ">", "=>": "\\implies", "<=>": "\\iff"}


@dataclass(frozen=True)
class Line:
    relation: str  # "" for the first line
    tree: Tree
    origin: Origin
    reason: str = ""
    written: str = ""
    base: Origin | None = None  # where the display starts: token positions count from there


def _step_relation(rel: Token, at: Origin) -> str:
    """The relation a step has, or the error for one that no step can have (≠, \\sim)."""
    relation = macros.RELATIONS[rel.value.lstrip("\\")]
    if relation == "~":
        raise LatexError(
            at,
            "\\sim belongs in the declarations: declare the random variable there "
            "(d \\sim \\mathcal{N}(0, 1)) and write \\mathbb{E}[…]",
        )
    if relation == "!=":
        raise LatexError(
            at, "≠ is no step of a chain (it shows nothing about the next line); write =, \\le, \\ge, <, >"
        )
    return relation


def _written(text: str, seg: list[Token]) -> str:
    start = seg[0].start_pos or 0
    start -= len(m.group()) if (m := _SIZED.search(text[:start])) else 0
    return " ".join(text[start : seg[-1].end_pos].split())


def applied(decls: Declarations) -> frozenset[str]:
    """The names a file's lines apply as functions: declared or defined as one, upstream, or a known function the
    file does not declare otherwise (\\Phi); any other name before parentheses multiplies them."""
    known = {k for k in macros.KNOWN if k not in decls.objects and k not in decls.definitions}
    defined = {k for k, d in decls.definitions.items() if d.params}
    return frozenset({*decls.functions, *decls.upstream, *defined, *known})


class Reader:
    """Parses the LaTeX of one file against its declarations (trees are cached by text and position)."""

    def __init__(self, decls: Declarations) -> None:
        self.decls = decls
        self.commands = frozenset(decls.commands)
        self.applied = applied(decls)
        self._trees: dict[tuple[str, Origin | None], Tree] = {}
        self.kept = LineReadings()  # each line's gated value, for the diagnosis's edits of its chain

    def tree(self, text: str, origin: Origin, printed: bool = False) -> Tree:
        """printed: sympy's printout of an entry (the round trip), parsed once per file, whichever line printed it."""
        key = (text, None if printed else origin)
        if key not in self._trees:
            toks = grammar.tokens(text, origin, self.commands)
            grammar.check_balance(toks, origin)
            if not toks:
                raise LatexError(origin, "empty expression; write one")
            self._trees[key] = grammar.parse(toks, origin, self.applied)
        return self._trees[key]

    def lines(self, source: ChainSource) -> list[Line]:
        out: list[Line] = []
        for k, display in enumerate(source.displays):
            if display.refused:
                raise LatexError(display.origin, display.refused)
            text, reason = _reason(display.text)
            reasons.check(reason, display.origin)
            reasons.no_math_after(display.text, display.origin)
            toks = grammar.tokens(text, display.origin, self.commands)
            grammar.check_balance(toks, display.origin)
            parts = grammar.split_relations(toks)
            if k == 0 and not parts[0][1]:
                raise LatexError(display.origin, _empty(reason))
            for i, (rel, seg) in enumerate(parts):
                if rel is None:
                    if seg:
                        first = grammar.parse(seg, display.origin, self.applied)
                        at = grammar.where(display.origin, seg[0])
                        out.append(Line("", first, at, written=_written(text, seg), base=display.origin))
                    continue
                at = grammar.where(display.origin, rel)
                if not seg:
                    if i == len(parts) - 1:
                        raise LatexError(
                            at,
                            f"relation {rel.value} at the end of the line with nothing after it; "
                            "finish the step or remove the relation",
                        )
                    raise LatexError(at, f"empty step after {rel.value}; write the expression between the relations")
                last = i == len(parts) - 1
                relation = _step_relation(rel, at)
                out.append(
                    Line(
                        relation,
                        grammar.parse(seg, display.origin, self.applied),
                        grammar.where(display.origin, seg[0]),
                        reason if last else "",
                        _written(text, seg),
                        display.origin,
                    )
                )
        if len(out) < 2:
            raise LatexError(
                out[0].origin if out else source.origin,
                "no relation in this chain; join its lines with =, \\le, \\ge, <, > or \\Rightarrow",
            )
        return out

    def free_indices(self, lines: list[Line]) -> list[str]:
        names = {
            str(t.value).lstrip("\\")
            for line in lines
            for t in line.tree.scan_values(lambda v: isinstance(v, Token) and v.type in ("LETTER", "NAMECMD"))
        }
        return [k for k in self.decls.indices if k in names]


def _empty(reason: str) -> str:
    """Why a chain's first display has no math: none at all, or words (\\text{…}) where the math should start."""
    if not reason:
        return "this display is empty; write an expression"
    word = reason.split()[0]
    if word in macros.TEXT_OPERATORS:  # \\text{sin}\\,x: upright words, not the function (that takes parentheses)
        return (f"\\text{{{word}}} starts the line's words (a reason), so the line has no math; for the function "
                f"write \\operatorname{{{word}}} x, or \\text{{{word}}}(x) with parentheses")  # fmt: skip
    return "this line starts with words (\\text{…}) and has no math; a reason goes after the math it explains"


def _reason(text: str) -> tuple[str, str]:
    """The display's math, and its reason: everything from its first \\text{…} on (\\tag{…} is dropped)."""
    text = reasons.untagged(text)
    at = reasons.start(text)
    if at is None:
        return spacing.unpunctuated(text), ""
    words = re.sub(r"\\(?:text|mbox|textrm)\s*\{([^{}]*)\}", r" \1 ", text[at:])
    words = re.sub(r"\\[,;:! ]|\\q?quad(?![a-zA-Z])", " ", words)
    return spacing.unpunctuated(text[:at]) + " " * (len(text) - at), " ".join(words.split())


def _evaluate(reader: Reader, scope: Scope, line: Line, indices: list[str]) -> Value:
    def at(env: dict[str, Value]) -> Value:
        return Evaluator(scope, line.base or line.origin, reader.tree, env).value(line.tree)

    if not indices:
        return collapse(at({}))
    n = scope.size()
    entry = (
        (lambda i, j: collapse(at({indices[0]: sp.Integer(i + 1), indices[1]: sp.Integer(j + 1)})))
        if len(indices) == 2
        else (lambda i, j: collapse(at({indices[0]: sp.Integer(i + 1)})))
    )
    cols = n if len(indices) == 2 else 1
    cells = [[entry(i, j) for j in range(cols)] for i in range(n)]
    if any(isinstance(c, sp.MatrixBase) for row in cells for c in row):
        raise LatexError(line.origin, f"with the free index {', '.join(indices)} each entry must be a scalar")
    return Matrix(cells)


def _reparse(reader: Reader, scope: Scope, where: Origin) -> gates.Reparse:
    # its own readings: the notes of how sympy's printout read back are no note on the student's line
    printed = dataclasses.replace(scope, printed_mode=True, readings=dict(scope.readings))

    def reparse(text: str) -> Value:
        return Evaluator(printed, where, reader.tree).value(reader.tree(text, where, printed=True))

    return reparse


def statements(lines: list[Line]) -> list[tuple[Line, Line]] | None:
    """A chain of statements A ⇒ B ⇒ … as (lhs line, rhs line) pairs, each joined by one relation;
    None for a chain of expressions (no ⇒ or ⇔ in it)."""
    if not any(line.relation in macros.IMPLIES for line in lines):
        return None
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or line.relation in macros.IMPLIES:
            groups.append([line])
        else:
            groups[-1].append(line)
    for group in groups:
        if len(group) != 2:
            what = "no relation" if len(group) < 2 else "more than one relation"
            raise LatexError(
                group[-1].origin, f"this statement has {what}; between ⇒ and ⇔ write one A = B or A \\le B"
            )
    return [(g[0], g[1]) for g in groups]


def _build_statements(values: list[Value], pairs: list[tuple[Line, Line]], scope: Scope) -> Chain:
    relations = []
    for (_, rhs), (left, right) in zip(pairs, zip(values[::2], values[1::2], strict=True), strict=True):
        left, right = _zero_of_shape(left, right), _zero_of_shape(right, left)
        if rhs.relation != "=" and (isinstance(left, sp.MatrixBase) or isinstance(right, sp.MatrixBase)):
            raise LatexError(rhs.origin, "an inequality between vectors or matrices; state it for a scalar")
        if values_shape(left) != values_shape(right):
            raise LatexError(rhs.origin, f"the sides are {shape_of(left)} and {shape_of(right)}; give them one shape")
        relations.append(Relation(left, rhs.relation, right))
    steps = tuple(
        Step(lhs.relation, rel, rhs.reason, written=f"{lhs.written} {_LATEX_REL[rhs.relation]} {rhs.written}")
        for (lhs, rhs), rel in zip(pairs[1:], relations[1:], strict=True)
    )
    first, second = pairs[0]
    start = f"{first.written} {_LATEX_REL[second.relation]} {second.written}"
    return Chain(relations[0], steps, where=scope.where(), start_written=start)


def _zero_of_shape(side: Value, other: Value) -> Value:
    """A 0 facing a vector or matrix is the zero of its shape (∇L = 0)."""
    if side == 0 and isinstance(other, sp.MatrixBase):
        return sp.ImmutableMatrix.zeros(*other.shape)
    return side


def _read(reader: Reader, scope: Scope, line: Line, indices: list[str], premises: tuple[sp.Basic, ...] = ()) -> Value:
    """The line's value, gated (kept: a line the diagnosis did not edit is not read again), its conditions before its
    round trip (√−1 is undefined, no bug of the reader); roots and logarithms need signs only where premises hold."""
    reparse = _reparse(reader, scope, line.origin)

    def read() -> Value:
        with conditions.guarded(*premises), conditions.recording() as needed:
            value = _evaluate(reader, scope, line, indices)
        return gates.check_line(gates.check_conditions(value, needed, scope, line.origin), scope, line.origin, reparse)

    return reader.kept.read(line.tree, (line.origin, line.base), indices, scope, read)


def build_chain(reader: Reader, lines: list[Line], scope: Scope) -> Chain:
    indices = reader.free_indices(lines)
    if len(indices) > MAX_FREE_INDICES:
        raise LatexError(lines[0].origin, f"at most {MAX_FREE_INDICES} free indices per chain, not {len(indices)}")
    pairs = statements(lines)
    values: list[Value] = []
    for i, line in enumerate(lines):
        values.append(_read(reader, scope, line, indices, conditions.premises(values, lines, i) if pairs else ()))
    if pairs is not None:
        return _build_statements(values, pairs, scope)
    steps = []
    for line, value, previous in zip(lines[1:], values[1:], values[:-1], strict=True):
        if line.relation != "=" and (isinstance(value, sp.MatrixBase) or isinstance(previous, sp.MatrixBase)):
            raise LatexError(line.origin, "an inequality between vectors or matrices; state it for a scalar")
        if values_shape(value) != values_shape(previous):
            raise LatexError(
                line.origin,
                f"this line is {shape_of(value)} but the line before is {shape_of(previous)}; "
                "both sides of a step need the same shape",
            )
        steps.append(Step(line.relation, value, line.reason, written=line.written))
    return Chain(values[0], tuple(steps), where=scope.where(), start_written=lines[0].written)


def family(reader: Reader, source: ChainSource, name: str, stem: str) -> ClaimFamily:
    """The claim family of one chain, built and gated at every size it uses."""
    if source.expect not in ("holds", "refuted"):
        raise LatexError(source.origin, f"expect: {source.expect}; write `% expect: refuted` or leave it out")
    lines = reader.lines(source)
    planted = _planted(source, len(lines) - 1)

    def reread(index: int, written: str) -> ClaimFamily | None:
        """The same chain with line `index` written as `written` (the diagnosis's edit), or None."""
        if not 0 <= index < len(lines):
            return None
        old = lines[index]
        try:
            edited = dataclasses.replace(old, tree=reader.tree(written, old.base or old.origin), written=written)
            changed = [*lines[:index], edited, *lines[index + 1 :]]
            again = _built(reader, changed, source, name, stem, planted, lazy=True)
        except (LatexError, RecursionError, ValueError, TypeError):
            return None
        return again

    return dataclasses.replace(_built(reader, lines, source, name, stem, planted), reread=reread)


def _built(
    reader: Reader, lines: list[Line], source: ChainSource, name: str, stem: str, planted: int | None,
    lazy: bool = False,
) -> ClaimFamily:  # fmt: skip
    """The claim family of a chain's lines, built and gated at every size it uses (lazy: at its lowest size
    now, at another when first asked for, so that an edit the diagnosis tries costs one size; its errors
    then come from the builder)."""
    decls = reader.decls
    lows = {s: lo for s, (lo, _) in decls.sizes.items()}
    default = next(iter(decls.sizes)) if len(decls.sizes) == 1 else None
    probe = Scope(decls, lows, default)
    first = build_chain(reader, lines, probe)
    ranging = sorted(s for s in probe.sizes_used if decls.sizes[s][0] != decls.sizes[s][1])
    if len(ranging) > 1:
        raise LatexError(
            source.origin,
            f"this chain uses the sizes {', '.join(ranging)}, each over a range; give all but one of them "
            f"a single value ({ranging[0]}: {decls.sizes[ranging[0]][0]}..{decls.sizes[ranging[0]][0]})",
        )
    built: dict[int | None, Chain] = {}
    size = ""
    if probe.sizes_used:  # one size runs over its range; any other has a single value, its low one
        size = ranging[0] if ranging else sorted(probe.sizes_used)[0]
        lo, hi = decls.sizes[size]
        for n in range(lo, hi + 1):
            if n == lo or not lazy:
                scope = Scope(decls, {**lows, size: n}, size)
                built[n] = first if n == lo else build_chain(reader, lines, scope)
                probe.readings.update(scope.readings)  # a reading may show only at a larger size
        sizes: tuple[int | None, ...] = tuple(range(lo, hi + 1))
    else:
        built[None] = first
        sizes = (None,)

    ranging_size = (ranging[0] if ranging else sorted(probe.sizes_used)[0]) if probe.sizes_used else None
    sized = Sized(
        built,
        lambda at: build_chain(reader, lines, Scope(decls, {**lows, size: at}, size)),
        lambda n: chain_at(reader, lines, ranging_size, n),
    )

    text = " ".join(f"{_LATEX_REL[line.relation]} {line.written}" if line.relation else line.written for line in lines)
    return ClaimFamily(
        name,
        stem,
        text if len(text) <= 160 else text[:157] + "...",
        sized.lazily if lazy else sized.at,
        sizes,
        (),
        Expect(source.expect),
        "; ".join(probe.readings.values()),
        planted,
    )


def _planted(source: ChainSource, steps: int) -> int | None:
    """The step of `% planted: N`, checked against the chain it marks."""
    if not source.planted:
        return None
    at = source.planted_at or source.origin
    if not source.planted.isdigit() or not 1 <= int(source.planted) <= steps:
        raise LatexError(at, f"planted: {source.planted}; give the step of the slip, 1..{steps}")
    if source.expect != "refuted":
        raise LatexError(at, "a planted slip makes the chain wrong; add `% expect: refuted`")
    return int(source.planted)


def load_text(
    text: str, path: str, stem: str, only: str | None = None
) -> tuple[list[ClaimFamily], list[tuple[str, str]]]:
    """The claim families of a file's text, and (claim name, one-line error) for each part that failed
    (only: just the chain of that name)."""
    doc = split(text, path)
    decls = parse_block(doc.declarations)
    errors = file_errors(doc, decls, path)
    reader = Reader(decls)
    families: list[ClaimFamily] = []
    for index, source in enumerate(doc.chains, start=1):
        name = chain_name(source, stem, index)
        if only is not None and name != only:
            continue
        try:
            families.append(family(reader, source, name, stem))
        except LatexError as err:
            errors.append((name, str(err)))
        except RecursionError:
            cycle = f"{source.origin.path}:{source.origin.line}:{source.origin.col}: a definition refers to itself"
            errors.append((name, past_recursion(source) or f"{cycle}; break the cycle"))
    return families, errors
