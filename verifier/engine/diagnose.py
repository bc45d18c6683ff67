"""Why a refuted step is wrong, each part decided by the engine, never guessed (issue 41).

After the verdict, for a refuted identity or inequality (a claim, or a chain's step: the line before rel this
line), the diagnosis looks for:

1. the nearest correct line: one edit of the claimed line from the catalogue of slips (verifier/engine/slips.py:
   sign, factor, term, exponent, transpose, index, relation), tried at the counterexample first (a candidate that
   fails there is dropped at once, for the price of an evaluation), then verified by the same engine. Only a
   PROVED repair is offered, or a CHECKED one said so;
2. the exact difference (left − right = d) and the exact ratio (left = c · right), when short,
   each verified as an identity of its own;
3. a missing assumption, when no repair is found: a declared symbol narrowed to a domain of the
   catalogue (verifier/engine/assume.py), the sizes from 2, or the entries off the diagonal (i ≠ j),
   verified: "holds if y ∈ Δ (probability simplex) (declare y: simplex)".

Each verification is an ordinary claim, verified by verify_one with diagnose off, so nothing here can say PROVED by
itself, and nothing unverified reaches the Diagnosis. The work is bounded by counts, so the diagnosis is the same on a
busy machine: at most MAX_TRIED candidates evaluated at the counterexample and MAX_VERIFIED claims verified, each under
the settings' own budget. A wall clock (settings.diagnose_seconds) is only a safety net against a verification the
budget does not stop: when it fires, the diagnosis ends with what it has verified and says so (its absence is never an
error).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import sympy as sp

from verifier.engine import assume, derived, line_edits, slips
from verifier.engine.derived import Verifier as _Verifier
from verifier.engine.derived import VerifyOne
from verifier.language import random_functions
from verifier.language.claims import Identity, Inequality, Statement
from verifier.language.families import ClaimFamily
from verifier.outcome import CUT, ClaimResult, Counterexample, Diagnosis, Status
from verifier.strategies import memory

MAX_OPS = 40  # a difference longer than this is not shown
MAX_LINE_OPS = 160  # a line longer than this is not diagnosed
MAX_TRIED = 80  # candidates evaluated at the counterexample
ACCEPTED = {Status.PROVED, Status.CHECKED}  # a repair's verdicts that are offered (the engine's)
RELATION_LATEX = {"=": "=", "<=": "\\le", ">=": "\\ge", "<": "<", ">": ">"}


Reread = Callable[[str], ClaimFamily | None]  # a chain step's family with its line written as the LaTeX given


def diagnose(
    family: ClaimFamily, result: ClaimResult, verify_one: VerifyOne, settings: Any,
    line: tuple[str, Reread] | None = None,
) -> Diagnosis | None:  # fmt: skip
    """The diagnosis of a refuted identity or inequality, or None (another kind of claim, or nothing verified).

    line: a LaTeX chain step's line as written and how to read it edited; its edits are tried first
    (verifier/engine/line_edits.py), each verified at every size of the chain."""
    cx = result.counterexample
    n, undefined = (cx.n, cx.error == "undefined") if cx is not None else (None, False)  # undefined: no term edit
    try:
        body = family.build(n).body
    except Exception as err:  # the builder is user code; a diagnosis is optional
        return memory.noted(err, None)
    if not isinstance(body, Identity | Inequality) or _ops(body.lhs) + _ops(body.rhs) > MAX_LINE_OPS:
        return None
    verifier = _Verifier(family, n, settings, verify_one)
    where = list(body.where.items()) if isinstance(body.where, dict) else list(body.where)
    point = _point(where, [g.label for g in body.given()], cx.values if cx is not None else {})
    found = _line_repair(line, point, n, verifier) if line is not None and line[0] else None
    sized = "" if found is not None else _sizes_from_two(cx, verifier)  # a step wrong only at n = 1
    if sized:
        return Diagnosis(kind="assumption", said=f"the step {sized}", holds_if=sized)
    ratio = _ratio(body, verifier)
    if found is None and ratio is not None and line is not None and line[0]:
        found = _scaled_line(line, ratio, verifier)  # the student's line scaled, before any sympy-level edit
    found = found or (None if undefined else _repair(body, where if line is None else [], point, n, verifier))
    if found is not None and found[0].kind == "index" and len(line_edits.index_letters(line[0] if line else "")) < 2:
        found = dataclasses.replace(found[0], kind="transpose", edit="transpose the whole line"), found[1]  # no i, j
    if found is not None and line is not None and line[0] and found[0].rhs == body.rhs:  # the relation alone changed
        found = _relation_line(found, line[0], verifier)
    difference = _difference(body, verifier)
    if found is None and ratio is not None and not isinstance(body.rhs, sp.MatrixBase):  # lhs = c·rhs, verified
        scaled = sp.sympify(body.rhs) * ratio
        flip = ratio == -1
        kind, verb = ("sign", "flip the sign of the line") if flip else ("factor", f"multiply the line by {ratio}")
        assert verifier.ratio_status is not None  # set when the ratio was proved
        found = slips.Candidate(scaled, "=", kind, verb, sp.latex(scaled), slips.text(scaled)), verifier.ratio_status
    holds_if = "" if found is not None else _holds_if(body, where, point, cx, verifier)
    if found is None and difference is None and ratio is None and not holds_if and not verifier.cut:
        return None  # nothing found in the whole search; a search cut short says so, found or not
    sizes = {v for v in family.n_values if v is not None}
    at = f" (at n = {n})" if len(sizes) > 1 and n is not None else ""
    return _assembled(found, difference, ratio, holds_if, verifier.cut, at)


def _ops(e: Any) -> int:
    if isinstance(e, sp.MatrixBase):
        return sum(sp.count_ops(x) for x in e)
    return int(sp.count_ops(sp.sympify(e)))


def _op(body: Identity | Inequality) -> str:
    return body.op if isinstance(body, Inequality) else "="


def _rebuilt(body: Identity | Inequality, rhs: Any, op: str, where: Any = None) -> Statement:
    where = body.where if where is None else where
    if op == "=":
        return Identity(body.lhs, rhs, where=where)
    return Inequality(body.lhs, op, rhs, where=where)


def _point(where: list[tuple[Any, Any]], labels: list[str], values: dict[str, Any]) -> dict[sp.Symbol, sp.Rational]:
    """The counterexample as exact values of the claim's symbols (those it gives a plain number)."""
    point: dict[sp.Symbol, sp.Rational] = {}
    for (target, _), label in zip(where, labels, strict=False):
        entries = list(target) if isinstance(target, sp.MatrixBase) else [target]
        flat = _flat(values.get(label, values.get(sp.sstr(target))))
        if flat is None or len(flat) != len(entries):
            continue
        for e, v in zip(entries, flat, strict=True):
            if isinstance(e, sp.Symbol) and isinstance(v, int | float | str) and not isinstance(v, bool):
                try:
                    point[e] = sp.Rational(v)
                except (TypeError, ValueError):
                    continue
    return point


def _flat(v: Any) -> list[Any] | None:
    if v is None:
        return None
    if isinstance(v, list | tuple):
        return [x for item in v for x in (_flat(item) or [None])]
    return [v]


def _value(e: Any, point: dict[sp.Symbol, sp.Rational]) -> list[sp.Expr] | None:
    """e's entries at the point, in 30 digits; None when the point does not fix them all (nor f of f: function)."""
    entries = list(e) if isinstance(e, sp.MatrixBase) else [sp.sympify(e)]
    if random_functions.undefined_functions(entries) or any(not x.free_symbols <= point.keys() for x in entries):
        return None
    try:
        return [sp.N(x.xreplace(point), 30) for x in entries]
    except Exception as err:
        return memory.noted(err, None)


def _fails_at(lhs: Any, rhs: Any, op: str, point: dict[sp.Symbol, sp.Rational]) -> bool:
    """The candidate visibly fails at the counterexample (so it is not verified); False if it cannot be told."""
    left, right = _value(lhs, point), _value(rhs, point)
    if left is None or right is None or len(left) != len(right):
        return left is not None and right is not None
    for a, b in zip(left, right, strict=True):
        if not (a.is_finite and b.is_finite and a.is_real and b.is_real):
            return False
        gap, tol = a - b, 1e-20 * (1 + abs(a))
        ok = {"=": abs(gap) <= tol, "<=": gap <= tol, ">=": gap >= -tol, "<": gap < -tol, ">": gap > tol}[op]
        if not ok:
            return True
    return False


def _repair(
    body: Identity | Inequality, where: list[tuple[Any, Any]], point: dict[sp.Symbol, sp.Rational],
    n: int | None, verifier: _Verifier,
) -> tuple[slips.Candidate, Status] | None:  # fmt: skip
    """The first candidate of the catalogue that holds at the counterexample and is then verified."""
    for tried, c in enumerate(slips.candidates(body.lhs, body.rhs, _op(body), where, n)):
        if tried >= MAX_TRIED:
            return None
        if (c.rhs == body.rhs and c.op == _op(body)) or _fails_at(body.lhs, c.rhs, c.op, point):
            continue
        status = verifier.status(_rebuilt(body, c.rhs, c.op))
        if status is None:
            return None
        if status in ACCEPTED:
            return c, status
    return None


def _line_repair(
    line: tuple[str, Reread], point: dict[sp.Symbol, sp.Rational], n: int | None, verifier: _Verifier
) -> tuple[slips.Candidate, Status] | None:
    """The first edit of the line as written that the reader reads, that holds at the counterexample,
    and that the engine then verifies at every size of the chain."""
    written, reread = line
    for e in line_edits.edits(written):
        family = reread(e.written)
        if family is None:
            continue
        try:
            body = family.build(n).body
        except Exception as err:  # an edit the reader took but the builder refuses: not a candidate
            memory.noted(err, None)
            continue
        if not isinstance(body, Identity | Inequality) or _fails_at(body.lhs, body.rhs, _op(body), point):
            continue
        sizes = tuple(v for v in family.n_values if v is not None)
        if len(sizes) > 1 and verifier.status(None, (n,), family) not in ACCEPTED:
            continue  # refuted (or past the budget) at the refuted size: no need to try every size
        status = verifier.status(None, family.n_values, family)
        if status is None:
            return None
        if status in ACCEPTED:
            return slips.Candidate(e.written, _op(body), e.kind, e.edit, e.marked_latex, e.marked_text, True), status
    return None


def _relation_line(
    found: tuple[slips.Candidate, Status], written: str, verifier: _Verifier
) -> tuple[slips.Candidate, Status]:
    """A relation repair shown as the author's line once the engine verified it at every size of the chain (< for
    ≤ can hold at n = 2 alone); otherwise as verified, at the refuted size, and said so."""
    c, status = found
    if len({v for v in verifier.family.n_values if v is not None}) > 1:
        every = verifier.status(None, verifier.family.n_values, derived.with_relation(verifier.family, c.op))
        if every not in ACCEPTED or every is None:
            return found
        status = every
    return dataclasses.replace(c, rhs=written, marked_latex=written, marked_text=written, written=True), status


def _scaled_line(
    line: tuple[str, Reread], ratio: sp.Expr, verifier: _Verifier
) -> tuple[slips.Candidate, Status] | None:
    """The student's line scaled by the verified ratio c, as written (c x^2, c (a + b); 4x becomes 2x for
    c = ½), verified at every size."""
    written, reread = line
    factor, rest = _scaled(written, ratio)
    shown = f"{factor} {rest}".strip()
    family = reread(shown)
    if family is None:
        return None
    status = verifier.status(None, family.n_values, family)
    if status not in ACCEPTED or status is None:
        return None
    kind, verb = ("sign", "flip the sign of the line") if ratio == -1 else ("factor", f"multiply the line by {ratio}")
    marked = f"\\underline{{{factor}}} {rest}" if factor else f"\\underline{{{rest}}}"  # no factor left: all of it
    text = f"«{factor}» {rest}" if factor else f"«{rest}»"
    return slips.Candidate(shown, "=", kind, verb, marked, text, True), status  # a ratio is an identity's


def _scaled(written: str, ratio: sp.Expr) -> tuple[str, str]:
    """(the new leading factor, the rest of the line): a leading whole number is multiplied by c."""
    single = len(line_edits.term_spans(written)) == 1
    m = re.match(r"\s*(\d+)(?![\d.])\s*", written) if single else None
    if m is not None:
        c, rest = ratio * int(m.group(1)), written[m.end() :]
    else:
        c, rest = ratio, written if single else f"\\left({written}\\right)"
    return ("" if c == 1 else "-" if c == -1 else sp.latex(c)), rest


def _scalars(body: Identity | Inequality) -> tuple[sp.Expr, sp.Expr] | None:
    if not isinstance(body, Identity) or any(isinstance(e, sp.MatrixBase) for e in (body.lhs, body.rhs)):
        return None
    return sp.sympify(body.lhs), sp.sympify(body.rhs)


def _difference(body: Identity | Inequality, verifier: _Verifier) -> sp.Expr | None:
    sides = _scalars(body)
    if sides is None:
        return None
    raw = sides[0] - sides[1]
    d = sp.factor_terms(sp.cancel(sp.together(raw)))
    if d == 0 or sp.count_ops(d) > MAX_OPS or sp.count_ops(d) >= max(1, sp.count_ops(raw) // 2):
        return None  # no simpler than the two sides side by side: it would say nothing
    return d if verifier.status(Identity(raw, d, where=body.where)) is Status.PROVED else None


def _ratio(body: Identity | Inequality, verifier: _Verifier) -> sp.Expr | None:
    if isinstance(body, Identity) and isinstance(body.lhs, sp.MatrixBase) and isinstance(body.rhs, sp.MatrixBase):
        return _matrix_ratio(body, verifier)
    sides = _scalars(body)
    if sides is None or sides[1] == 0:
        return None
    c = sp.cancel(sp.together(sides[0] / sides[1]))
    if not c.is_number or c in (0, 1) or not c.is_real:
        return None
    return _proved_ratio(c, verifier.status(Identity(sides[0], c * sides[1], where=body.where)), verifier)


def _matrix_ratio(body: Identity, verifier: _Verifier) -> sp.Expr | None:
    """c when a vector or matrix line is c times the line before, entry by entry (read off one entry, verified)."""
    lhs, rhs = body.lhs, body.rhs
    if lhs.shape != rhs.shape or _ops(lhs) + _ops(rhs) > MAX_LINE_OPS:
        return None
    pair = next(((a, b) for a, b in zip(lhs, rhs, strict=True) if b != 0), None)
    if pair is None:
        return None
    c = sp.cancel(sp.together(pair[0] / pair[1]))
    if not c.is_number or c in (0, 1) or not c.is_real:
        return None
    return _proved_ratio(c, verifier.status(Identity(lhs, rhs * c, where=body.where)), verifier)


def _proved_ratio(c: sp.Expr, status: Status | None, verifier: _Verifier) -> sp.Expr | None:
    """c if the engine proved left = c · right (its verdict kept for the repair it makes), else None."""
    if status is not Status.PROVED:
        return None
    verifier.ratio_status = status
    return c


def _holds_if(
    body: Identity | Inequality, where: list[tuple[Any, Any]], point: dict[sp.Symbol, sp.Rational],
    cx: Counterexample | None, verifier: _Verifier,
) -> str:  # fmt: skip
    """A missing assumption from the catalogue under which the step is verified, in words, or ""."""
    checked = ""  # a CHECKED assumption is kept while a PROVED one is looked for
    labels = [g.label for g in body.given()]
    for a in assume.assumptions(where, labels, point):
        if verifier.divisors_left({label: d for label, (_, d) in zip(labels, a.where, strict=False)}):
            continue  # det(A + 2I)·(A + 2I)⁻¹ = adj(A + 2I): undefined at A = −2I, though A is invertible
        status = verifier.status(_rebuilt(body, body.rhs, _op(body), a.where))
        if status is None:
            return checked
        if status is Status.PROVED:
            return f"holds if {a.said} (declare {a.declare})"
        if status is Status.CHECKED and not checked:
            checked = f"holds if {a.said} (declare {a.declare}){_checked(status)}"
    if checked:
        return checked
    if isinstance(body, Identity) and isinstance(body.lhs, sp.MatrixBase) and body.lhs.rows == body.lhs.cols > 1:
        on_diagonal = cx is not None and cx.entries and all(len(e) == 2 and e[0] == e[1] for e in cx.entries)
        if on_diagonal:
            off = Identity(assume.off_diagonal(body.lhs), assume.off_diagonal(body.rhs), where=body.where)
            status = verifier.status(off)
            if status in ACCEPTED:
                return f"holds if i ≠ j (off the diagonal; the diagonal i = j differs){_checked(status)}"
    return ""


def _sizes_from_two(cx: Counterexample | None, verifier: _Verifier) -> str:
    """ "holds if n ≥ 2" when the step fails at n = 1 and the engine verifies it at every larger size."""
    larger = tuple(v for v in verifier.family.n_values if v is not None and v >= 2)
    if cx is None or cx.n is None or cx.n >= 2 or not larger:
        return ""
    status = verifier.status(None, larger)
    return f"holds if n ≥ 2 (declare the size from 2){_checked(status)}" if status in ACCEPTED else ""


def _checked(status: Status | None) -> str:
    return "" if status is Status.PROVED else " (CHECKED numerically, not proved)"


def _assembled(
    found: tuple[slips.Candidate, Status] | None, difference: sp.Expr | None, ratio: sp.Expr | None,
    holds_if: str, cut: bool, at: str,
) -> Diagnosis:  # fmt: skip
    """The Diagnosis, built once from what was verified: the kind and the sentence, summary first.
    at: " (at n = 2)" where a part was verified at the refuted size only, not at every size."""
    parts = []
    if ratio == -1:
        parts.append(f"the sides have opposite signs{at}")
    elif ratio is not None:
        parts.append(f"the left side is {slips.text(ratio)} times the right{at}")
    if difference is not None:
        parts.append(f"the two sides differ by exactly {slips.text(difference)} (left − right){at}")
    if holds_if:
        parts.insert(0, f"the step {holds_if}{at}")
    kind = "assumption" if holds_if else "other"
    if found is not None:
        c, status = found
        rel = slips.RELATION_WORDS.get(c.op, c.op)
        where = "" if c.written else at
        parts.append(f"did you mean {rel} {c.marked_text or slips.text(c.rhs)} ({c.edit})? {status.value}{where}")
        kind = c.kind
    elif ratio is not None and not holds_if:
        kind = "sign" if ratio == -1 else "factor"
    elif difference is not None and not holds_if and not isinstance(difference, sp.Add):
        kind = "term"
    if cut:
        parts.append(f"({CUT}: it may have missed a repair)")
    return Diagnosis(
        kind=kind, said="; ".join(parts), difference=sp.latex(difference) if difference is not None else "",
        repair=_latex(found[0]) if found else "", repair_status=found[1].value if found else "",
        edit=found[0].edit if found else "", holds_if=holds_if,
        repair_marked=(found[0].marked_latex or _latex(found[0])) if found else "",
        relation=RELATION_LATEX.get(found[0].op, "=") if found else "=",
        repair_at=at.strip()[1:-1] if found and not found[0].written else "",
    )  # fmt: skip


def _latex(c: slips.Candidate) -> str:
    return str(c.rhs) if c.written else sp.latex(c.rhs)
