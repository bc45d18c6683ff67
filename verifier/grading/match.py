"""Which of a student's claims answers which reference claim: by its name (or, leniently, by its statement).

A claim answers a reference claim when it asks the same question: the same kind, and the
same *subject* (what is differentiated, with respect to what; the left side of an
identity or inequality; the matrix said to be PSD; a chain's first line…), which is
compared numerically at a few shared sample points (by symbol name, drawn from the
reference's domains with a seed of the two subjects, at 30 digits; where the reference's is a
number and the student's is not, they differ), at every size both are built at. Agreement
decides nothing about the verdict: the student's own statement is then verified by the normal engine. A claim under the
reference's name that asks something else (``gradient`` stated as ``x = x``) is graded
DIFFERENT, never PROVED, and so is one that assumes more than the reference: a narrower
domain, or a symbol with stronger assumptions (:mod:`verifier.grading.narrower`). Where
the claimed result is not fixed by the subject (an inequality's bound, a chain's last
line, a rate), a result that differs from the reference's is flagged, so a true but
weaker claim does not earn the mark. By default a claim answers only under the
reference's name (the usual course rule); one under another name that asks the same
question is named in the MISSING reason ("did you mean …?"), and answers only under the
lenient rule (``--match-by-statement``).
"""

from __future__ import annotations

import cmath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from verifier.grading.narrower import narrower
from verifier.grading.report import GradeOutcome
from verifier.grading.seeds import seed_of
from verifier.language import random_functions
from verifier.language.claims import Corollary, Identity, Statement
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain

SUBJECT: dict[str, tuple[str, ...]] = {
    "identity": ("lhs",),
    "derivative": ("f", "wrt", "order"),
    "psd": ("matrix",),
    "convex": ("f", "wrt"),
    "inequality": ("lhs",),
    "expectation": ("expr", "noise"),
    "convergence": ("step", "x", "root"),
    "limit": ("expr", "var", "to"),
    "chain": ("start",),
    "corollary": (),
}
RESULT: dict[str, tuple[str, ...]] = {
    "convex": ("concave",),
    "inequality": ("op", "rhs"),
    "convergence": ("order", "constant"),
    "chain": ("end",),
    "psd": ("strict",),
    "limit": ("dir",),
}
STRUCTURAL = frozenset({"wrt", "order", "x", "var", "to", "op", "noise", "concave"})
# a claimed result that answers when it is the reference's or this, the strongest (it implies every other): a limit
# from one side, or a matrix PSD, for a two-sided limit or positive definiteness, is weaker and true (the other side's
# limit -1 of x/|x| answered its right limit 1, full marks: red team 151)
STRONGEST = {"strict": "True", "dir": "+-"}
POINTS = 4
AGREE, DIFFER = 1e-9, 1e-6  # relative gaps at 30 digits: below AGREE agree, above DIFFER differ
_DERIVATIVE = re.compile(r"\\[dt]?frac\s*\{\s*(?:d|\\partial)|\\partial|\\nabla")  # \frac{d}{dt}, ∂, ∇


@dataclass(frozen=True)
class Match:
    """The student's claim graded for one reference claim (student "" when none)."""

    reference: str
    student: str = ""
    how: str = ""  # "name" or "statement"
    status: GradeOutcome | None = None  # None to verify; MISSING, or DIFFERENT (verified all the same)
    reason: str = ""
    differs: str = ""  # the claimed result is not the reference's (flag on top of the verdict)
    suggested: str = ""  # MISSING by name, but this claim of the student's states the same thing


def _field(body: Statement, name: str) -> Any:
    if name == "end" and isinstance(body, Chain):
        return (body.end_relation(), body.steps[-1].expr if body.steps else None)
    return getattr(body, name, None)


def built_at(family: ClaimFamily) -> tuple[int | None, ...]:
    """The sizes a claim was built at: those the sandbox built it at (whatever sizes its document declares), or
    every size it states (a LaTeX chain, read here)."""
    return tuple(getattr(family.builder, "dims", None) or family.all_n)


def _shared_n(ref: ClaimFamily, stu: ClaimFamily) -> int | str | None:
    dims = built_at(stu)
    shared = [n for n in ref.all_n if n in dims]
    if not shared:
        return "none"
    return next((n for n in shared if n is not None and n >= 2), shared[0])


def _values(body: Statement, rng: np.random.Generator) -> dict[str, float]:
    """A sample point for the reference's symbols, from their domains (by entry name)."""
    out: dict[str, float] = {}
    for given in body.given():
        try:
            value = np.asarray(given.domain.sample(rng, given.shape, 1))[0]
        except Exception:  # a domain that cannot sample this shape: plain values below
            continue
        flat = np.ravel(value) if given.shape else [float(value)]
        entries = list(given.target) if isinstance(given.target, sp.MatrixBase) else [given.target]
        out.update({str(e): float(v) for e, v in zip(entries, flat, strict=False) if isinstance(e, sp.Symbol)})
    return out


def _numbers(obj: Any, point: dict[str, float], table: random_functions.Table) -> list[complex | None] | None:
    """obj's entries evaluated at the point (None for an entry that is not a number there)."""
    entries = list(obj) if isinstance(obj, sp.MatrixBase) else [obj]
    out: list[complex | None] = []
    for e in entries:
        e = sp.sympify(e)
        subs = {s: sp.Float(point.get(str(s), 0.7), 30) for s in e.free_symbols if isinstance(s, sp.Symbol)}
        try:
            v = sp.N(random_functions.concretise(e.xreplace(subs), table), 30)
            z = complex(v) if v.is_number and v.is_finite is not False else None
            out.append(z if z is not None and cmath.isfinite(z) else None)  # nan (an undefined case) is none
        except (TypeError, ValueError, ArithmeticError):
            out.append(None)
    return out


def _shape(obj: Any) -> tuple[int, ...]:
    return tuple(obj.shape) if isinstance(obj, sp.MatrixBase | sp.MatrixExpr) else ()


def agree(a: Any, b: Any, ref_body: Statement, seed: int | None = None, own: Statement | None = None) -> bool | None:
    """Do two expressions (or matrices) take the same values? True, False, or None (undecided). a is the
    reference's: where it is a number and b is not, they differ. Skipped as undecided, a subject undefined at
    every point looked at (Piecewise((t², u > 1)), u absent from the reference and given 0.7) answered for
    atan(t) e^t, and d/dt t² was PROVED, full marks (red team 151). The points are drawn from the seed given,
    else from the two subjects (:func:`seed_of`); a symbol the reference does not have, from its domain in own (b's
    statement), not fixed at 0.7: t² for u > 1 and atan(t) e^t otherwise, on u ∈ [2, 3], was the reference's
    function at u = 0.7, and d/dt t² earned the mark (red team 151)."""
    if _shape(a) != _shape(b):
        return False
    rng = np.random.default_rng(seed_of(a, b) if seed is None else seed)
    table = {f: random_functions.random_smooth(k, rng) for f, k in random_functions.undefined_functions([a, b]).items()}
    decided = 0
    for _ in range(POINTS):
        point = _values(ref_body, rng)
        point = {**_values(own, rng), **point} if own is not None else point
        xs, ys = _numbers(a, point, table), _numbers(b, point, table)
        for x, y in zip(xs or [], ys or [], strict=False):
            if x is None:
                continue
            if y is None:
                return False
            gap = abs(x - y) / max(1.0, abs(x), abs(y))
            if gap > DIFFER:
                return False
            decided += gap <= AGREE
    return True if decided else None


def _differs(ref: Statement, stu: Statement, name: str) -> bool:
    a, b = _field(ref, name), _field(stu, name)
    if name == "end":
        if a[0] != b[0]:
            return True
        a, b = a[1], b[1]
    elif name in STRONGEST:
        return str(a) != str(b) and str(b) != STRONGEST[name]
    elif name in STRUCTURAL:
        return str(a) != str(b)
    if a is None or b is None:
        return a is not b
    if not isinstance(a, sp.Basic | sp.MatrixBase) or not isinstance(b, sp.Basic | sp.MatrixBase):
        return str(a) != str(b)
    return agree(a, b, ref, own=stu) is False


def same(ref: Statement, stu: Statement, fields: Sequence[str]) -> str:
    """'' if the fields agree (or cannot be told apart), else the first field that differs."""
    return next((name for name in fields if _differs(ref, stu, name)), "")


def _built(family: ClaimFamily, n: int | None) -> Statement | None:
    try:
        return family.build(n).body
    except Exception:  # the student's builder failed here: the engine reports it when verifying
        return None


def compare(ref: ClaimFamily, stu: ClaimFamily) -> tuple[bool | None, str]:
    """Does stu ask ref's question? (True, ''), (False, why) or (None, '') when it cannot be told. It must at every
    size both are built at: compared at one (the first n ≥ 2), a builder that asked the question there and
    d/dt t² = 2t at every other n was PROVED, full marks (red team 151)."""
    n = _shared_n(ref, stu)
    if n == "none":
        return False, f"it is not built at the reference's dimensions ({', '.join(map(str, ref.all_n))})"
    r, s = _built(ref, n), _built(stu, n)  # type: ignore[arg-type]
    if r is None or s is None:
        return None, ""
    if isinstance(r, Corollary) and r.kind == s.kind:
        return True, ""
    why = other_question(r, s) or _first_at_a_shared_size(ref, stu, _built, other_question) or _narrower(ref, stu)
    return (True, "") if not why else (False, why)


def other_question(ref: Statement, stu: Statement) -> str:
    """Why stu, at one size, asks another question than ref ('' if it asks the same, or it cannot be told)."""
    if ref.kind != stu.kind:
        return f"it states a {stu.kind} claim where the reference states a {ref.kind} claim"
    if isinstance(ref, Corollary):
        return ""
    field = same(ref, stu, SUBJECT.get(ref.kind, ()))
    return f"its {field} is not the reference's" if field else ""


def _narrower(ref: ClaimFamily, stu: ClaimFamily) -> str:
    """Why stu assumes more than ref at some size both are built at ('' if at none)."""
    return _first_at_a_shared_size(ref, stu, _built, narrower)


def _first_at_a_shared_size(
    ref: ClaimFamily,
    stu: ClaimFamily,
    make: Callable[[ClaimFamily, int | None], Statement | None],
    judge: Callable[[Statement, Statement], str],
) -> str:
    """judge's first word on the two claims as make builds them, at each size both are built at, in ref's order
    ('' if it has none at any), with the size it found it at."""
    dims = built_at(stu)
    for n in [n for n in ref.all_n if n in dims]:
        r, s = make(ref, n), make(stu, n)
        why = judge(r, s) if r is not None and s is not None else ""
        if why:
            return why + (f" (at n = {n})" if n is not None else "")
    return ""


def result_differs(ref: ClaimFamily, stu: ClaimFamily) -> str:
    """Why stu's claimed result is not ref's ('' when it is, or when the subject fixes it), or is its question
    restated, at some size both are built at."""
    n = _shared_n(ref, stu)
    r, s = (_built(ref, n), _built(stu, n)) if n != "none" else (None, None)  # type: ignore[arg-type]
    if r is None or s is None or r.kind != s.kind:
        return ""
    return (
        other_result(r, s)
        or _first_at_a_shared_size(ref, stu, _built, other_result)
        or _first_at_a_shared_size(ref, stu, _written, restated)
    )


def other_result(ref: Statement, stu: Statement) -> str:
    """Why stu's claimed result, at one size, is not ref's ('' when it is, or the subject fixes it)."""
    field = same(ref, stu, RESULT.get(ref.kind, ())) if ref.kind == stu.kind else ""
    return f"its claimed {field} is not the reference's" if field else ""


def _written(family: ClaimFamily, n: int | None) -> Statement | None:
    """The statement as the builder returns it, before lowering takes the derivatives it leaves unevaluated."""
    try:
        body = family.builder() if n is None else family.builder(n)
    except Exception:  # the student's builder failed here: the engine reports it when verifying
        return None
    return body.states if isinstance(body, Corollary) and isinstance(body.states, Statement) else body


def restated(ref: Statement, stu: Statement) -> str:
    """Why stu's claimed result, as written, is its own question restated where ref's is not ('' if it is not):
    sin 2t = sin 2t, a chain (x + y)² = (x + y)(x + y), or ∂f/∂t said to equal Derivative(f, t) (which lowering
    then takes) is true and answers nothing (red team 122)."""
    if isinstance(stu, Identity) and isinstance(ref, Identity) and _equal(stu.lhs, stu.rhs):
        return "" if _equal(ref.lhs, ref.rhs) else "its right side restates its left side"
    if isinstance(stu, Chain) and isinstance(ref, Chain) and _ends_in_derivative(stu) and not _ends_in_derivative(ref):
        return "its last line is a derivative left for the verifier to take"
    if isinstance(stu, Chain) and isinstance(ref, Chain) and stu.steps and _equal(stu.start, stu.steps[-1].expr):
        return "" if ref.steps and _equal(ref.start, ref.steps[-1].expr) else "its last line restates its first"
    field = type(stu).CLAIMED if type(stu) is type(ref) else None
    mine, theirs = (getattr(stu, field, None), getattr(ref, field, None)) if field else (None, None)
    if _takes_derivative(mine) and not _takes_derivative(theirs):
        return f"its claimed {field} is a derivative left for the verifier to take"
    return ""


def _ends_in_derivative(chain: Chain) -> bool:
    """The chain's last line, as written, takes a derivative that reading took (of known functions: one of a
    declared generic function, f'(x) however spelled, stays in the line and is an answer), or holds one that
    lowering takes: a chain built in Python, whose line has no LaTeX written, was PROVED with its last line
    sp.Derivative(t**3 + t, t) - 1, full marks (red team 151)."""
    if not chain.steps:
        return False
    last = chain.steps[-1].expr
    if _takes_derivative(last):
        return True
    if _DERIVATIVE.search(chain.steps[-1].written or "") is None:
        return False
    return not (isinstance(last, sp.Basic | sp.MatrixBase) and last.has(sp.Derivative))


def _takes_derivative(value: Any) -> bool:
    """value holds a derivative of a known function written unevaluated (lowering takes it: the verifier's answer)."""
    if not isinstance(value, sp.Basic | sp.MatrixBase):
        return False
    return any(not d.expr.atoms(AppliedUndef) for d in value.atoms(sp.Derivative))


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # a comparison sympy cannot make: not the same
        return False


def _by_name(reference: Sequence[ClaimFamily], by_name: dict[str, ClaimFamily]) -> dict[str, Match]:
    """The reference claims a claim of the same name answers; a same-named claim asking another question is
    DIFFERENT (and still verified, so that a false statement is also called false)."""
    found: dict[str, Match] = {}
    for ref in reference:
        stu = by_name.get(ref.name)
        if stu is None:
            continue
        ok, why = compare(ref, stu)
        if ok is False:
            why = f"{stu.name!r} asks another question: {why}"
            found[ref.name] = Match(ref.name, stu.name, "name", GradeOutcome.DIFFERENT, why)
        else:
            found[ref.name] = Match(ref.name, stu.name, "name", differs=result_differs(ref, stu))
    return found


def _by_statement(ref: ClaimFamily, candidates: Sequence[ClaimFamily], lenient: bool) -> Match:
    """The first candidate that asks ref's question: graded for it (lenient), or only suggested (strict)."""
    stu = next((s for s in candidates if compare(ref, s)[0] is True), None)
    if stu is None:
        why = f"no claim named {ref.name!r}, and none states the same question"
        return Match(ref.name, status=GradeOutcome.MISSING, reason=why)
    if lenient:
        return Match(ref.name, stu.name, "statement", differs=result_differs(ref, stu))
    why = f"missing; did you mean {stu.name}? (it states the same thing)"
    return Match(ref.name, status=GradeOutcome.MISSING, reason=why, suggested=stu.name)


def plan(reference: Sequence[ClaimFamily], student: Sequence[ClaimFamily],
         by_statement: bool = False) -> tuple[list[Match], list[str]]:  # fmt: skip
    """One Match per reference claim, and the student's claims that answer (or are suggested for) none.

    A claim answers a reference claim by its name only; a claim under another name that asks the same question
    is suggested ("did you mean …?") and the reference claim is MISSING, unless by_statement (the lenient rule)
    lets it answer. A claim under a reference claim's name is reserved for that claim."""
    found = _by_name(reference, {f.name: f for f in student})
    taken = {ref.name for ref in reference} | {m.student for m in found.values()}
    for ref in reference:
        if ref.name not in found:
            m = _by_statement(ref, [s for s in student if s.name not in taken], by_statement)
            found[ref.name] = m
            taken |= {m.student, m.suggested} - {""}
    extra = [f.name for f in student if f.name not in taken]
    return [found[r.name] for r in reference], extra
