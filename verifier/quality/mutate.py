"""Mutation testing: does the engine catch the small mistakes people make?

For each claim expected to hold, build it at its display dimension and derive mutants
from the expression tree of its claimed side (what the user wrote as the result):

* flip the sign of one additive term, or drop it;
* transpose one declared matrix, or the whole claimed matrix;
* change a constant: 2 → 1, ½ → 1, 1/n → 1/(n − 1);
* replace one 1 − s with 1 + s (σ(1 − σ) → σ(1 + σ)), or one sigmoid s with 1 − s;
* shift one integer exponent by ±1;
* swap two declared symbols of the same shape.

(An identity whose right side is a constant, such as H·1 = 0, is mutated on its left.)

Each mutant is classified: *equivalent* if the kernel shows its claimed side equal to
the original's (transposing a symmetric matrix, say), or PROVES the mutated claim
outright (making a PSD matrix's diagonal larger keeps it PSD: no mistake was made);
*killed* if it is REFUTED; *invalid* if the mutant is no claim at all (ERROR: undefined
everywhere after 2 → 1 in a denominator, say); *still true* if an inequality, PSD or convexity mutant merely weakened
the statement (or kept the property) and passes every numeric check; *survived* otherwise, which is a gap in
the engine or in the claim's domain. Claims built on numeric-only functions are
skipped: nothing about them can be REFUTED, by design.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sympy as sp

from verifier.engine import PROBE_BUDGET, EngineSettings, display_n, verify_family
from verifier.language.claims import PSD, Convex, Identity, Inequality, Statement
from verifier.language.families import Claim, ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.numeric import batch as numeric
from verifier.numeric.checks.resolve import NOWHERE_DEFINED
from verifier.outcome import Expect, Status
from verifier.strategies import ladder, rungs
from verifier.trusted.instantiate import as_matrix, instantiate

MAX_MUTANTS = 10


class MutantVerdict(StrEnum):
    """What became of one mutant (see the module docstring)."""

    KILLED = "killed"
    EQUIVALENT = "equivalent"
    STILL_TRUE = "still true"
    INVALID = "invalid"
    SURVIVED = "survived"


@dataclass
class Mutant:
    operator: str
    text: str
    verdict: MutantVerdict
    status: str = ""
    reason: str = ""


@dataclass
class ClaimMutation:
    derivation: str
    name: str
    n: int | None
    mutants: list[Mutant] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""
    skipped: str = ""

    def count(self, verdict: MutantVerdict) -> int:
        return sum(1 for m in self.mutants if m.verdict is verdict)

    def to_json(self) -> dict[str, Any]:
        counts = {v.value: self.count(v) for v in MutantVerdict}
        return {**dataclasses.asdict(self), **counts}


# ----------------------------------------------------------------------------- operators


def _subexpressions(expr: sp.Basic) -> Iterator[sp.Basic]:
    yield from sp.preorder_traversal(expr)


def _replace_everywhere(expr: sp.Basic, target: sp.Basic, new: sp.Basic) -> sp.Basic:
    """expr with the subexpression target replaced by new (every identical occurrence)."""
    return expr.xreplace({target: new})


def _term_mutants(expr: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    for node in _subexpressions(expr):
        if isinstance(node, sp.Add):
            for term in node.args[:4]:
                rest = [t for t in node.args if t is not term]
                yield "flip sign of a term", _replace_everywhere(expr, node, sp.Add(*rest) - term)
                yield "drop a term", _replace_everywhere(expr, node, sp.Add(*rest))


def _constant_mutants(expr: sp.Basic, n: int | None) -> Iterator[tuple[str, sp.Basic]]:
    # Heaviside(x, ½) carries its value at the kink, which claims sampled off the kink never see
    kinks = dict.fromkeys(h for h in sp.preorder_traversal(expr) if isinstance(h, sp.Heaviside))  # not a set's order
    mask = {h: sp.Dummy("H") for h in kinks}
    unmask = {d: h for h, d in mask.items()}
    for operator, mutated in _plain_constant_mutants(expr.xreplace(mask), n):
        yield operator, mutated.xreplace(unmask)


def _plain_constant_mutants(expr: sp.Basic, n: int | None) -> Iterator[tuple[str, sp.Basic]]:
    for node in set(_subexpressions(expr)):
        if node in (2, -2):
            yield "constant 2 → 1", expr.subs(node, node / 2)
        elif node in (sp.Rational(1, 2), sp.Rational(-1, 2)):
            yield "constant ½ → 1", expr.subs(node, 2 * node)
        elif n and n > 2 and node == sp.Rational(1, n):
            yield f"constant 1/{n} → 1/{n - 1}", expr.subs(node, sp.Rational(1, n - 1))


def _sigmoid_mutants(expr: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    for node in set(_subexpressions(expr)):
        if isinstance(node, sp.Add) and len(node.args) == 2 and sp.Integer(1) in node.args:
            other = node.args[0] if node.args[1] == 1 else node.args[1]
            if other.could_extract_minus_sign():
                yield "1 − s → 1 + s", _replace_everywhere(expr, node, 1 - other)
        if isinstance(node, sp.Pow) and node.exp == -1 and isinstance(node.base, sp.Add) and node.base.has(sp.exp):
            yield "s → 1 − s", _replace_everywhere(expr, node, 1 - node)


def _exponent_mutants(expr: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    for node in set(_subexpressions(expr)):
        if isinstance(node, sp.Pow) and node.exp.is_Integer and abs(int(node.exp)) >= 2:
            yield "exponent + 1", _replace_everywhere(expr, node, node.base ** (node.exp + 1))
            yield "exponent − 1", _replace_everywhere(expr, node, node.base ** (node.exp - 1))


def _matrix_mutants(claim: Claim, expr: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    for g in claim.given:
        m = g.target
        if isinstance(m, sp.MatrixBase) and m.rows == m.cols and m.rows > 1:
            swap = {m[i, j]: m[j, i] for i in range(m.rows) for j in range(m.cols) if i != j}
            yield f"transpose {g.label}", expr.xreplace(swap)
    if isinstance(expr, sp.MatrixBase) and expr.rows == expr.cols and expr.rows > 1:
        yield "transpose the claimed matrix", expr.T
    shapes: dict[tuple[int, ...], list[Any]] = {}
    for g in claim.given:
        shapes.setdefault(g.shape, []).append(g)
    for group in shapes.values():
        for a, b in itertools.pairwise(group):
            pairs = dict(zip(a.symbols(), b.symbols(), strict=False))
            swap = {**pairs, **{v: k for k, v in pairs.items()}}
            yield f"swap {a.label} ↔ {b.label}", expr.xreplace(swap)


def mutants(claim: Claim, limit: int = MAX_MUTANTS) -> list[tuple[str, Statement]]:
    """Distinct mutants of the claim's claimed side, at most `limit`, spread over the operators; the
    operator to start from turns with the claim's name, so that a small limit still tries every
    operator somewhere in a library (and the same ones in every run)."""
    return _spread(candidates(claim), limit, zlib.crc32(str(ClaimKey.of(claim)).encode()))


def candidates(claim: Claim) -> list[tuple[str, Statement]]:
    """Every distinct mutant of the claim's claimed side, in a stable order."""
    body = claim.body
    attr = _claimed_attr(body)
    if attr is None:
        return []
    original = getattr(body, attr)
    base = as_matrix(original) if isinstance(original, sp.MatrixBase) else sp.sympify(original)
    candidates: list[tuple[str, Any]] = []
    # specific operators first: when two make the same mutant, the more descriptive name is kept
    for source in (
        _sigmoid_mutants(base),
        _constant_mutants(base, claim.n),
        _exponent_mutants(base),
        _matrix_mutants(claim, base),
        _term_mutants(base),
    ):
        candidates.extend(source)
    seen = {sp.srepr(base)}
    out: list[tuple[str, Statement]] = []
    for operator, mutated in candidates:
        key = sp.srepr(mutated)
        if key in seen:
            continue
        seen.add(key)
        out.append((operator, dataclasses.replace(body, **{attr: mutated})))
    return out


def _spread(items: list[Any], count: int, start: int = 0) -> list[Any]:
    """Keep operator variety: round-robin over operators, from the start-th (modulo their number)."""
    by_op: dict[str, list[Any]] = {}
    for item in items:
        by_op.setdefault(item[0], []).append(item)
    buckets = list(by_op.values())
    if buckets:
        buckets = buckets[start % len(buckets) :] + buckets[: start % len(buckets)]
    picked: list[Any] = []
    while len(picked) < count and any(buckets):
        for bucket in buckets:
            if bucket and len(picked) < count:
                picked.append(bucket.pop(0))
    return picked


# ----------------------------------------------------------------------------- classification


def _claimed_attr(body: Statement) -> str | None:
    attr = body.CLAIMED
    if isinstance(body, Identity) and not sp.sympify(as_matrix(body.rhs)).free_symbols:
        return "lhs"
    return attr


def _equivalent(claim: Claim, mutant: Statement) -> bool:
    """The kernel shows the mutant's claimed side equal to the original's."""
    attr = _claimed_attr(claim.body)
    assert attr is not None
    probe = Identity(getattr(mutant, attr), getattr(claim.body, attr), where=getattr(claim.body, "where", {}))
    try:
        inst = instantiate(dataclasses.replace(claim, body=probe))
    except Exception:
        return False
    return ladder.prove(inst, PROBE_BUDGET, rungs=rungs.CHEAP_RUNGS).proof is not None


def mutate_family(family: ClaimFamily, settings: EngineSettings, limit: int = MAX_MUTANTS) -> ClaimMutation:
    started = time.monotonic()
    settings = dataclasses.replace(settings, shrink=False)  # a killed mutant needs no minimal counterexample
    n = display_n(family)
    report = ClaimMutation(family.derivation, family.name, n)
    try:
        claim = family.build(n)
        report.skipped = _not_mutable(claim)
        made = [] if report.skipped else mutants(claim, limit)
    except Exception as err:
        report.error = f"{type(err).__name__}: {err}"
        return report
    for operator, body in made:
        text = _short(body, _claimed_attr(claim.body) or "")
        result = verify_family(_family_for(family, n, body), settings)  # most mutants die here, at once
        if result.status is not Status.REFUTED and _equivalent(claim, body):
            mutant = Mutant(operator, text, MutantVerdict.EQUIVALENT, "", "claimed side provably equal to the original")
        else:
            verdict = _classify(claim, result.status, result.reason)
            mutant = Mutant(operator, text, verdict, result.status.value, result.reason)
        report.mutants.append(mutant)
    report.seconds = time.monotonic() - started
    return report


def _not_mutable(claim: Claim) -> str:
    """Why a claim's mutants could tell us nothing, or "" if they can."""
    if _claimed_attr(claim.body) is None:
        return f"a {claim.kind} claim has no claimed side to mutate"
    if numeric.has_opaque(claim.body.parts()):
        return "uses numeric-only functions: no violation can be confirmed in high precision, so none is REFUTED"
    return ""


def _classify(claim: Claim, status: Status, reason: str = "") -> MutantVerdict:
    """killed, equivalent, still true or survived.

    Mutating one side of an inequality, a PSD matrix or a convex function can weaken the
    statement or keep the property (x³/y is as convex as x²/y on the positive orthant);
    such a mutant that passes every
    numeric check is "still true", not a miss. For identities and derivatives, equality
    has no weaker form, so anything but REFUTED (or PROVED) is a survivor.
    """
    if status is Status.REFUTED:
        return MutantVerdict.KILLED
    if status is Status.PROVED:
        return MutantVerdict.EQUIVALENT
    if status is Status.CHECKED and isinstance(claim.body, Inequality | PSD | Convex):
        return MutantVerdict.STILL_TRUE
    if status is Status.ERROR:
        return MutantVerdict.INVALID  # the mutant is not a claim at all (undefined everywhere, say)
    if status is Status.UNKNOWN and NOWHERE_DEFINED in reason:
        return MutantVerdict.INVALID  # defined at no sample of the domain (erfinv(x + 1) for x in (−1, 1), say)
    return MutantVerdict.SURVIVED


def _short(body: Statement, attr: str) -> str:
    text = sp.sstr(getattr(body, attr))
    return text if len(text) <= 160 else text[:157] + "..."


def _family_for(family: ClaimFamily, n: int | None, body: Statement) -> ClaimFamily:
    def builder(*_: object) -> Statement:
        return body

    return dataclasses.replace(
        family, builder=builder, n_values=(n,), numeric_n=(), expect=Expect.REFUTED, name=f"{family.name}~mutant"
    )
