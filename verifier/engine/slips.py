"""The catalogue of slips students make: one edit of the claimed line, each a candidate repair (issue 41).

A candidate is only a proposal: verifier/engine/diagnose.py tries it at the counterexample and then
verifies it with the engine; nothing here decides anything. The edits, in the order they are tried:

- sign: flip the sign of one term;
- factor: scale one term by 2, ½, n, 1/n or n − 1 (n: a symbol named n, m or N, else the size the
  claim was refuted at);
- term: drop one term, or add one that the left side (the line before) has, expanded;
- exponent: (1 − h)² for 1 − h² and back, q⁻¹ for q⁻², a square for a cube…;
- transpose: a square matrix symbol A read as Aᵀ (its entries swapped), or the whole line transposed;
- index: a line of two free indices with i and j swapped (the line's matrix of entries transposed);
- relation: an inequality relaxed (≤ for <) or reversed (≥ for ≤).

Each candidate also carries the repaired line with the edit marked, so a renderer can show the
student's line and where it changed: in LaTeX (\\underline) and in text («»).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sympy as sp

MARK = sp.Symbol("DIAGNOSISMARK")  # stands for the edited part while the repaired line is printed
SIZE_NAMES = ("n", "m", "N")
RELAX = {"<": "<=", ">": ">="}
REVERSE = {"<=": ">=", ">=": "<=", "<": ">", ">": "<"}
RELATION_WORDS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}


@dataclass(frozen=True)
class Candidate:
    """One edit of the claimed line: the repaired line, its relation, the kind of slip and the edit in words."""

    rhs: Any
    op: str
    kind: str
    edit: str
    marked_latex: str = ""  # the repaired line, its edited part in \underline{…}
    marked_text: str = ""  # the same in text, its edited part in «…»
    written: bool = False  # rhs is the student's own line as LaTeX, edited (verifier/engine/line_edits.py)


def text(e: Any) -> str:
    """An expression as a sentence shows it: x^2 - 2·x·y."""
    return sp.sstr(e).replace("**", "^").replace("*", "·")


def _marked(rest: sp.Expr, piece: sp.Expr) -> tuple[str, str]:
    """rest + piece printed with piece marked: (LaTeX, text)."""
    latex, shown = sp.latex(rest + MARK), text(rest + MARK)
    mark_latex, mark_text = sp.latex(MARK), text(MARK)
    negative = piece.could_extract_minus_sign()
    inner_latex, inner_text = _grouped(-piece if negative else piece, not negative)
    if negative:
        latex = _fold(latex, mark_latex, f"\\underline{{{inner_latex}}}")
        shown = _fold(shown, mark_text, f"«{inner_text}»")
        return latex, shown
    return latex.replace(mark_latex, f"\\underline{{{inner_latex}}}"), shown.replace(mark_text, f"«{inner_text}»")


def _grouped(e: sp.Expr, bare: bool) -> tuple[str, str]:
    """e printed (LaTeX, text) to stand in a line: a sum in brackets unless it is a term added as it is (after a
    minus sign, "x - a^2 + b^2" would read as another line than x − (a² + b²), the one verified)."""
    if bare or not e.is_Add:
        return sp.latex(e), text(e)
    return f"\\left({sp.latex(e)}\\right)", f"({text(e)})"


def _fold(printed: str, mark: str, marked: str) -> str:
    """Put a negative piece in: "a + M" becomes "a - «p»", a leading "M + a" becomes "- «p» + a"."""
    if f"+ {mark}" in printed:
        return printed.replace(f"+ {mark}", f"- {marked}")
    return printed.replace(mark, f"- {marked}")


def _term_edit(rhs: sp.Expr, op: str, others: list[sp.Expr], piece: sp.Expr, kind: str, edit: str) -> Candidate:
    new = sp.Add(*others, piece)
    latex, shown = _marked(sp.Add(*others), piece)
    return Candidate(new, op, kind, edit, latex, shown)


def _scales(lhs: sp.Expr, rhs: sp.Expr, n: int | None) -> list[tuple[Any, str, str]]:
    """(scale, kind, verb) for one term: −1 is a sign slip, the others a factor slip."""
    out: list[tuple[Any, str, str]] = [
        (-1, "sign", "flip the sign of"), (2, "factor", "double"), (sp.Rational(1, 2), "factor", "halve"),
    ]  # fmt: skip
    named = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s.name in SIZE_NAMES), key=str)
    size: Any = named[0] if named else (n if n is not None and n >= 2 else None)
    if size is not None:
        out += [(size, "factor", f"multiply by {size}"), (1 / sp.sympify(size), "factor", f"divide by {size}")]
        if size != 2:  # n − 1 is 1 when n = 2: no edit
            out.append((size - 1, "factor", f"multiply by {text(size - 1)}"))
    return out


def term_edits(lhs: sp.Expr, rhs: sp.Expr, op: str, n: int | None) -> Iterator[Candidate]:
    """Flip, scale or drop one term of the line; add one the line before had."""
    terms = list(sp.Add.make_args(rhs))
    for i, t in enumerate(terms):
        others = terms[:i] + terms[i + 1 :]
        for scale, kind, verb in _scales(lhs, rhs, n):
            yield _term_edit(rhs, op, others, scale * t, kind, f"{verb} the term {text(t)}")
        if len(terms) > 1:
            yield Candidate(sp.Add(*others), op, "term", f"drop the term {text(t)}", sp.latex(sp.Add(*others)),
                            text(sp.Add(*others)))  # fmt: skip
    have = set(terms)
    looked = sp.count_ops(lhs) < 60 and not rhs.is_number  # a bound (≥ 0) dropped no term of the line before
    for t in sp.Add.make_args(sp.expand(lhs)) if looked else ():
        if t not in have and not t.is_number:
            yield _term_edit(rhs, op, terms, t, "term", f"add the term {text(t)} (the expanded left side has it)")


def _powers(rhs: sp.Expr) -> list[sp.Pow]:
    return sorted((p for p in rhs.atoms(sp.Pow) if p.exp.is_Integer), key=sp.default_sort_key)


def exponent_edits(rhs: sp.Expr, op: str) -> Iterator[Candidate]:
    """Move an exponent onto the last term and back ((1 − h)² ↔ 1 − h²); change a power by one or by 2×."""
    for p in _powers(rhs):
        base, e = p.as_base_exp()
        if isinstance(base, sp.Add) and e.is_Integer and e > 1:
            spread = sp.Add(*(_powered(t, e) for t in sp.Add.make_args(base)))
            yield _replaced(rhs, op, p, spread, f"apply the exponent to each term: {text(spread)} for {text(p)}")
        for new_e in dict.fromkeys((e * 2, e + sp.sign(e), e - sp.sign(e), e / 2)):
            if new_e != e and new_e != 0 and new_e.is_Integer:
                yield _replaced(rhs, op, p, base**new_e, f"the power {text(base**new_e)} for {text(p)}")
    for t in sp.Add.make_args(rhs):
        c, rest = t.as_coeff_Mul()
        if isinstance(rest, sp.Pow) and rest.exp.is_Integer and rest.exp > 1 and c in (1, -1):
            others = sp.Add(*(u for u in sp.Add.make_args(rhs) if u != t))
            if others != 0 and not others.is_Add:
                gathered = (others + c * rest.base) ** rest.exp
                verb = "square the whole" if rest.exp == 2 else f"raise the whole to the power {rest.exp}"
                yield _replaced(rhs, op, rhs, gathered, f"{verb}: {text(gathered)} for {text(rhs)}")


def _powered(t: sp.Expr, e: sp.Integer) -> sp.Expr:
    c, rest = t.as_coeff_Mul()
    return sp.sign(c) * (abs(c) * rest) ** e if c.is_number and c < 0 else t**e


def _replaced(rhs: sp.Expr, op: str, old: sp.Expr, new: sp.Expr, edit: str) -> Candidate:
    """The line with one subexpression replaced, the new one marked."""
    placed = rhs.xreplace({old: MARK})
    inner_latex, inner_text = _grouped(new, placed == MARK or MARK in sp.Add.make_args(placed))
    latex = sp.latex(placed).replace(sp.latex(MARK), f"\\underline{{{inner_latex}}}")
    shown = text(placed).replace(text(MARK), f"«{inner_text}»")
    return Candidate(rhs.xreplace({old: new}), op, "exponent", edit, latex, shown)


def matrix_edits(rhs: Any, where: list[tuple[Any, Any]], op: str) -> Iterator[Candidate]:
    """Transpose one square matrix symbol (swap its entries); transpose a square line (swap i and j)."""
    for target, _ in where:
        if isinstance(target, sp.MatrixBase) and target.rows == target.cols > 1:
            swap = {target[i, j]: target[j, i] for i in range(target.rows) for j in range(target.cols) if i != j}
            new = rhs.xreplace(swap)
            if new != rhs:
                name = _label(target)
                yield Candidate(new, op, "transpose", f"transpose {name}: {name}ᵀ for {name}",
                                sp.latex(new), text(new))  # fmt: skip
    if isinstance(rhs, sp.MatrixBase) and rhs.rows == rhs.cols > 1:
        yield Candidate(rhs.T, op, "index", "swap the two free indices (i and j)", sp.latex(rhs.T), text(rhs.T))


def _label(target: sp.MatrixBase) -> str:
    names = [str(e) for e in target if isinstance(e, sp.Symbol)]
    stem = names[0].rstrip("0123456789_") if names else "A"
    return stem or "A"


def relation_edits(rhs: sp.Expr, op: str) -> Iterator[Candidate]:
    """An inequality relaxed (≤ for <) or reversed (≥ for ≤)."""
    if op in RELAX:
        yield Candidate(rhs, RELAX[op], "relation", f"relax {RELATION_WORDS[op]} to {RELATION_WORDS[RELAX[op]]}")
    if op in REVERSE:
        yield Candidate(rhs, REVERSE[op], "relation", f"reverse {RELATION_WORDS[op]} to {RELATION_WORDS[REVERSE[op]]}")


def candidates(lhs: Any, rhs: Any, op: str, where: list[tuple[Any, Any]], n: int | None) -> Iterator[Candidate]:
    """Every one-edit candidate, in the catalogue's order (the first verified one is offered)."""
    if op != "=":
        yield from relation_edits(rhs, op)
    yield from matrix_edits(rhs, where, op)
    if isinstance(rhs, sp.MatrixBase) or isinstance(lhs, sp.MatrixBase):
        return
    rhs = sp.sympify(rhs)
    yield from term_edits(sp.sympify(lhs), rhs, op, n)
    yield from exponent_edits(rhs, op)
