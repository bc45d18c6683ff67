"""Why a refuted identity is wrong, each part decided by the engine, never guessed (issue 41).

After the verdict, for a refuted scalar identity (a claim, or a chain's "=" step: the line
before = this line), the diagnosis looks for:

1. the exact difference, when it is short: left − right = d, itself verified as a claim
   ("the two sides differ by exactly −y");
2. the exact ratio, when it is a number: "the left side is twice the right", or "the sides have
   opposite signs" (read off a verified difference: left − right = (1 − c)·left... is not used;
   the ratio is verified as the identity left = c·right);
3. a missing assumption, when no repair is found: a symbol of the whole real line narrowed to a
   domain of the catalogue (a vector to the simplex, a scalar to x ≥ 0 or x ≠ 0, a square matrix
   to the symmetric ones), verified: "holds if y ∈ Δ (declare y: simplex)";
4. the nearest correct line: one edit of the right side from the catalogue of slips (flip the
   sign of one term; scale one term by 2, ½ or −1; drop one term), tried at the counterexample
   first and then verified by the same engine. Only a PROVED repair is offered.

Each verification is an ordinary claim verified by verify_one with diagnose off, so nothing
here can say PROVED by itself. The diagnosis is bounded (MAX_CANDIDATES, one size) and its
absence is never an error: a claim in matrix form, or one whose parts are long, gets none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import sympy as sp

from verifier.language.claims import Identity
from verifier.language.domains import General, Nonnegative, Nonzero, Real, Simplex, Symmetric
from verifier.language.domains.base import Domain
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Diagnosis, Expect, Status

VerifyOne = Callable[[ClaimFamily, Any, str], ClaimResult]
MAX_OPS = 40  # a difference or a line longer than this is not diagnosed
MAX_CANDIDATES = 24  # repairs tried at the counterexample
MAX_ASSUMPTIONS = 4  # missing assumptions verified
SCALES = ((-1, "sign", "flip the sign of"), (2, "factor", "double"), (sp.Rational(1, 2), "factor", "halve"))


def diagnose(family: ClaimFamily, result: ClaimResult, verify_one: VerifyOne, settings: Any) -> Diagnosis | None:
    """The diagnosis of a refuted identity, or None (not an identity of scalars, or nothing found)."""
    cx = result.counterexample
    n = cx.n if cx is not None else None
    try:
        claim = family.build(n)
    except Exception:  # the builder is user code; a diagnosis is optional
        return None
    body = claim.body
    if not isinstance(body, Identity):
        return None
    quiet = dataclasses.replace(settings, diagnose=False, shrink=False, samples=min(settings.samples, 60))

    def holds(left: Any, right: Any, where: Any = body.where) -> bool:
        derived = dataclasses.replace(
            family, name=f"{family.name}.diagnosis", builder=lambda *_: Identity(left, right, where=where),
            n_values=(n,), numeric_n=(), expect=Expect.HOLDS, planted=None,
        )  # fmt: skip
        return verify_one(derived, quiet, "").status is Status.PROVED

    if not _scalar(body.lhs) or not _scalar(body.rhs):  # vectors and matrices: only a missing assumption
        holds_if = _holds_if(body, lambda where: holds(body.lhs, body.rhs, where))
        return Diagnosis(kind="assumption", said=f"the step {holds_if}", holds_if=holds_if) if holds_if else None
    lhs, rhs = sp.sympify(body.lhs), sp.sympify(body.rhs)
    if sp.count_ops(lhs) > 4 * MAX_OPS or sp.count_ops(rhs) > 4 * MAX_OPS:
        return None
    found = _repair(lhs, rhs, cx.values if cx is not None else {}, holds)
    difference = _difference(lhs, rhs, holds)
    ratio = _ratio(lhs, rhs, holds)
    holds_if = "" if found is not None else _holds_if(body, lambda where: holds(lhs, rhs, where))
    if found is None and difference is None and ratio is None and not holds_if:
        return None
    kind, said = _kind(found, difference, ratio)
    if holds_if:
        kind, said = "assumption", "; ".join(p for p in (f"the step {holds_if}", said) if p)
    return Diagnosis(
        kind=kind, said=said, difference=sp.latex(difference) if difference is not None else "",
        repair=sp.latex(found[0]) if found else "", repair_status=Status.PROVED.value if found else "",
        edit=found[2] if found else "", holds_if=holds_if,
    )  # fmt: skip


def _holds_if(body: Identity, holds_under: Callable[[list[tuple[Any, Domain]]], bool]) -> str:
    """A missing assumption from the catalogue under which the identity is PROVED: "holds if y ∈ Δ
    (declare y: simplex)". Each declared symbol of the whole real line is narrowed, one at a time."""
    where = list(body.where.items()) if isinstance(body.where, dict) else list(body.where)
    labels = [g.label for g in body.given()]
    tried = 0
    for i, (target, domain) in enumerate(where):
        for narrower, word in _narrower(target, domain):
            tried += 1
            if tried > MAX_ASSUMPTIONS:
                return ""
            if holds_under([*where[:i], (target, narrower), *where[i + 1 :]]):
                label = labels[i] if i < len(labels) else sp.sstr(target)
                return f"holds if {label} ∈ {narrower.describe()} (declare {label}: {word})"
    return ""


def _narrower(target: Any, domain: Domain) -> list[tuple[Domain, str]]:
    """The catalogue's assumptions for a symbol of this shape declared on the whole real line."""
    if type(domain) not in (Real, General):
        return []
    shape = getattr(target, "shape", ())
    if shape and shape[1] == 1 and shape[0] > 1:
        return [(Simplex(), "simplex")]
    if shape and shape[0] == shape[1] and shape[0] > 1:
        return [(Symmetric(), "symmetric")]
    if not shape or shape == (1, 1):
        return [(Nonnegative(), "nonnegative"), (Nonzero(), "nonzero")]
    return []


def _scalar(e: Any) -> bool:
    return isinstance(e, sp.Expr | int) and not isinstance(e, sp.MatrixBase) and not getattr(e, "is_Matrix", False)


def _difference(lhs: sp.Expr, rhs: sp.Expr, holds: Callable[[sp.Expr, sp.Expr], bool]) -> sp.Expr | None:
    raw = lhs - rhs
    d = sp.factor_terms(sp.cancel(sp.together(raw)))
    if d == 0 or sp.count_ops(d) > MAX_OPS or sp.count_ops(d) >= max(1, sp.count_ops(raw) // 2):
        return None  # no simpler than the two sides side by side: it would say nothing
    return d if holds(lhs - rhs, d) else None


def _ratio(lhs: sp.Expr, rhs: sp.Expr, holds: Callable[[sp.Expr, sp.Expr], bool]) -> sp.Expr | None:
    if rhs == 0:
        return None
    c = sp.cancel(sp.together(lhs / rhs))
    if not c.is_number or c in (0, 1) or not c.is_real:
        return None
    return c if holds(lhs, c * rhs) else None


def _candidates(rhs: sp.Expr) -> list[tuple[sp.Expr, str, str]]:
    """One edit of the right side: (the repaired side, the kind of slip, the edit in words)."""
    terms = sp.Add.make_args(rhs)
    out: list[tuple[sp.Expr, str, str]] = []
    for t in terms:
        for scale, kind, verb in SCALES:
            out.append((rhs - t + scale * t, kind, f"{verb} the term {_text(t)}"))
        if len(terms) > 1:
            out.append((rhs - t, "term", f"drop the term {_text(t)}"))
    return out[:MAX_CANDIDATES]


def _repair(
    lhs: sp.Expr, rhs: sp.Expr, values: dict[str, object], holds: Callable[[sp.Expr, sp.Expr], bool]
) -> tuple[sp.Expr, str, str] | None:
    """The first edit of the right side that holds at the counterexample and is then PROVED."""
    point = {s: sp.Rational(values[s.name]) for s in lhs.free_symbols | rhs.free_symbols
             if isinstance(values.get(s.name), int | float)}  # fmt: skip
    if len(point) != len(lhs.free_symbols | rhs.free_symbols):
        return None
    target = sp.N(lhs.xreplace(point), 30)
    for candidate, kind, edit in _candidates(rhs):
        value = sp.N(candidate.xreplace(point), 30)
        if not (value.is_finite and target.is_finite) or abs(value - target) > 1e-20 * (1 + abs(target)):
            continue
        if holds(lhs, candidate):
            return candidate, kind, edit
    return None


def _text(e: sp.Expr) -> str:
    """An expression as a sentence shows it: x^2 - 2·x·y."""
    return sp.sstr(e).replace("**", "^").replace("*", "·")


def _kind(found: tuple[sp.Expr, str, str] | None, difference: sp.Expr | None, ratio: sp.Expr | None) -> tuple[str, str]:
    """The kind of slip and the sentence that says what differs, summary first."""
    parts = []
    if ratio == -1:
        parts.append("the sides have opposite signs")
    elif ratio is not None:
        parts.append(f"the left side is {_text(ratio)} times the right")
    if difference is not None:
        parts.append(f"the two sides differ by exactly {_text(difference)} (left − right)")
    if found is not None:
        parts.append(f"did you mean = {_text(found[0])} ({found[2]})? PROVED")
        return found[1], "; ".join(parts)
    if ratio is not None:
        return ("sign" if ratio == -1 else "factor"), "; ".join(parts)
    return ("term" if difference is not None and not isinstance(difference, sp.Add) else "other"), "; ".join(parts)
