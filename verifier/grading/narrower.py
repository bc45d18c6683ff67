"""Whether a student's claim assumes more than the reference's: a narrower domain, or stronger symbol assumptions.

A claim checked on a smaller set says less: ``σ'(z) = σ(z)/2`` holds on the point z ∈ [0, 0]
and nowhere else near it. The matcher (:mod:`verifier.grading.match`) grades such a claim
DIFFERENT. For every symbol the reference gives a domain, the student's domain for the same
symbol (the same entries, by name) must hold every point the reference's domain holds;
this is tested at the reference domain's special points, far points (±100 to ±10⁸) and points drawn from it, each
decided exactly by the student's domain (``contains_exactly``). A point the student's domain
leaves out is the reason given. A student's symbol made with sympy assumptions (``positive``,
``integer``, …) that the reference's symbol and domain do not imply is narrower too. A
domain that cannot decide a point says nothing (no false DIFFERENT); a wider domain is fine.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from verifier.grading.codec import ASSUMPTIONS
from verifier.language.claims import Given, Statement

DRAWN = 24  # points drawn from each reference domain, after its special points


def _key(given: Given) -> tuple[str, ...]:
    entries = list(given.target) if isinstance(given.target, sp.MatrixBase) else [given.target]
    return tuple(str(e) for e in entries)


def _point_text(given: Given, values: list[sp.Rational]) -> str:
    if len(values) == 1:
        return f"{given.label} = {float(values[0]):g}"
    return f"a point of {given.label}"


FAR = (100.0, -100.0, 1e4, -1e4, 1e8, -1e8)  # scalar points past every draw (ℝ's stay within about ±20)


def _far(ref: Given, shape: tuple[int, ...]) -> np.ndarray:
    """FAR's points of a scalar reference domain: t ∈ [-20, 20] held every special and drawn point of ℝ, and a
    derivative said to be 0 there (that of max(t, 25)) earned the mark (red team 151)."""
    if shape:
        return np.zeros((0, *shape))
    inside = [p for p in FAR if ref.domain.contains_exactly_shaped(ref.domain.exact_values(np.array(p)), ()) is True]
    return np.array(inside, dtype=float)


def _left_out(ref: Given, stu: Given, rng: np.random.Generator) -> str:
    """A point of ref's domain that stu's domain leaves out (in words), or ''."""
    if ref.domain == stu.domain:
        return ""
    shape = ref.shape
    try:
        special = [ref.domain.special_points(shape), _far(ref, shape)]
        points = np.concatenate([*special, ref.domain.sample(rng, shape, DRAWN)])
    except Exception:  # a domain that cannot sample this shape: nothing to compare with
        return ""
    for point in points:
        values = ref.domain.exact_values(point)
        try:
            inside = stu.domain.contains_exactly_shaped(values, shape)
        except Exception:  # undecidable here: no evidence either way
            continue
        if inside is False:
            return _point_text(ref, values)
    return ""


def narrower_domain(ref: Statement, stu: Statement, seed: int = 0) -> str:
    """Why stu's domains are narrower than ref's ('' when none is)."""
    rng = np.random.default_rng(seed)
    mine = {_key(g): g for g in stu.given()}
    for given in ref.given():
        theirs = mine.get(_key(given))
        if theirs is None:
            continue
        point = _left_out(given, theirs, rng)
        if point:
            return (
                f"its {given.label} ranges over {theirs.domain.describe()}, narrower than the reference's "
                f"{given.domain.describe()} ({point} is left out)"
            )
    return ""


def _symbols(body: Statement) -> dict[str, sp.Symbol]:
    found: dict[str, sp.Symbol] = {}
    for part in body.parts(with_where=True):
        atoms = part.atoms(sp.Symbol) if isinstance(part, sp.Basic | sp.MatrixBase) else set()
        found.update({s.name: s for s in atoms if type(s) is sp.Symbol})
    return found


def _domain_facts(body: Statement) -> dict[str, dict[str, bool]]:
    """Each entry's assumptions, as its domain in the reference states them (real, positive, …)."""
    facts: dict[str, dict[str, bool]] = {}
    for given in body.given():
        try:
            said = given.domain.assumptions()
        except Exception:  # a domain without sympy facts
            continue
        facts.update({name: dict(said) for name in _key(given)})
    return facts


def stronger_assumptions(ref: Statement, stu: Statement) -> str:
    """Why a student's symbol assumes more than the reference's of that name ('' when none does)."""
    theirs, facts = _symbols(ref), _domain_facts(ref)
    for name, symbol in sorted(_symbols(stu).items()):
        if name not in theirs:
            continue
        own = {k: v for k, v in symbol._assumptions_orig.items() if k in ASSUMPTIONS}
        known: dict[str, Any] = {**facts.get(name, {}), **theirs[name]._assumptions_orig}
        try:
            implied = sp.Symbol(name, **known)
        except (ValueError, TypeError):  # inconsistent reference facts: nothing to compare with
            continue
        extra = sorted(k for k, v in own.items() if getattr(implied, f"is_{k}", None) is not v)
        if extra:
            said = ", ".join(f"{k}={own[k]}" for k in extra)
            return f"its symbol {name} is declared {said}, which the reference does not assume"
    return ""


def narrower(ref: Statement, stu: Statement) -> str:
    """'' when stu assumes no more than ref, else why (its domain, or its symbols' assumptions)."""
    return narrower_domain(ref, stu) or stronger_assumptions(ref, stu)
