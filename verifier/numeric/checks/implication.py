"""The numeric check of an Implication A ⇒ B: B is checked at points where A holds.

Two ways to find those points. An equation A linear in a declared symbol u over ℝ is solved
(u = s(v), verified exactly by :mod:`verifier.strategies.premise`), and B is checked with u = s(v) over
the other symbols, like any identity or inequality: its counterexamples are confirmed in high
precision, and A holds there exactly. Otherwise the domain is sampled and only the samples
where A holds with a clear float margin are kept; a counterexample of B among them counts only
if A is confirmed to hold there at 50 and 100 digits too. When A holds at too few samples,
the check is inconclusive and says so: an implication is never passed on no evidence.
"""

from __future__ import annotations

import dataclasses

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Identity, Inequality, Statement
from verifier.language.stepwise import Implication, Relation
from verifier.numeric import batch as numeric
from verifier.numeric import confirm
from verifier.numeric.batch import Env
from verifier.numeric.checks import undefined_conclusion
from verifier.numeric.checks.definedness import point_text
from verifier.numeric.checks.exact_value import holds
from verifier.numeric.checks.identity import check_identity
from verifier.numeric.checks.inequality import check_inequality
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings, exact_point, mp_args, outside_domain, point_values, sample
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.strategies import premise
from verifier.trusted.instantiate import Instance, as_matrix, instantiate

OVERSAMPLE = 4  # draws per wanted sample when only some satisfy the premise
MIN_SHARE = 10  # at least samples // MIN_SHARE points where the premise holds
MARGIN = 1e-9  # a premise holds at a float sample if its gap clears this, relative to its size
HOLDS_RELATIVE = mpmath.mpf(10) ** -40
SAME_VALUE = mpmath.mpf(10) ** -30  # a difference equal to this at 50 and 100 digits is a value, not round-off
MAX_SINGULAR = 8  # points where the solution is undefined that are tried as findings


def check_implication(inst: Instance, body: Implication, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    if s.points is None:  # a point where the premise holds and the conclusion is undefined, found exactly
        pairs = [(body.premise, body.conclusion)] + ([(body.conclusion, body.premise)] if body.both_ways else [])
        for a, b in pairs:
            found = undefined_conclusion.probe(inst, a, b)
            if found is not None:
                return found
    forward = _one_way(inst, body.premise, body.conclusion, body.where, rng, s)
    if not body.both_ways or forward.verdict is not NumericVerdict.PASS:
        return forward
    backward = _one_way(inst, body.conclusion, body.premise, body.where, rng, s)
    if backward.counterexample is not None:
        backward.counterexample = dataclasses.replace(backward.counterexample, note="the converse ⇐ fails here")
        backward.reason = f"the converse fails: {backward.reason}"
    return backward


def statement(rel: Relation, where: object) -> Statement:
    """The relation as a claim of its own: an Identity or an Inequality."""
    if rel.op == "=":
        return Identity(rel.lhs, rel.rhs, where=where)  # type: ignore[arg-type]
    return Inequality(rel.lhs, rel.op, rel.rhs, where=where)  # type: ignore[arg-type]


def _check(inst: Instance, body: Statement, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    if isinstance(body, Identity):
        return check_identity(inst, body, rng, s)
    assert isinstance(body, Inequality)
    return check_inequality(inst, body, rng, s)


def _one_way(
    inst: Instance, a: Relation, b: Relation, where: object, rng: np.random.Generator, s: Settings
) -> NumericOutcome:
    solved = premise.solve(inst, a)
    if solved is not None:
        return _on_solutions(inst, a, b, solved, rng, s)
    edge = _on_the_edge(inst, a, b, rng, s)
    return edge if edge is not None else _where_it_holds(inst, a, b, rng, s)


def _on_the_edge(
    inst: Instance, a: Relation, b: Relation, rng: np.random.Generator, s: Settings
) -> NumericOutcome | None:
    """A counterexample where a non-strict premise holds with equality, if it has one: x ≤ 1 ⇒ 2x < 2 fails only at
    x = 1, which no sample of x ≤ 1 lands on. The equation is solved like any premise (exactly, and verified),
    and each of its points is a point of A; None where it has no solution, or B holds at the points tried."""
    if a.op not in ("<=", ">=") or s.points is not None:
        return None
    equal = Relation(a.lhs, "=", a.rhs)
    solved = premise.solve(inst, equal)
    if solved is None:
        return None
    outcome = _on_solutions(inst, equal, b, solved, rng, s)
    if outcome.counterexample is None:
        return None
    outcome.counterexample = dataclasses.replace(
        outcome.counterexample,
        note="; ".join(filter(None, ["the premise holds with equality", outcome.counterexample.note])),
    )
    return outcome


def _on_solutions(
    inst: Instance, a: Relation, b: Relation, solved: premise.Solved, rng: np.random.Generator, s: Settings
) -> NumericOutcome:
    """B with u = s(v), over the other symbols, at the points where s(v) is defined; where it is not, A may
    hold for every u, and B is a finding there if it is undefined itself (w = (XᵀX)⁻¹Xᵀy at X = 0)."""
    rest = [(g.target, g.domain) for g in inst.given if g is not solved.given]
    reduced = statement(b, rest).map_parts(lambda obj: sp.sympify(obj).xreplace(solved.substitution()))
    sub = instantiate(dataclasses.replace(inst.claim, body=reduced))
    points = None if s.points is None else {k: v for k, v in s.points.items() if k not in solved.symbols}
    denominators = _denominators(solved)
    vanishing = denominators + ([] if solved.singular.is_Number else [solved.singular])
    if vanishing:
        drawn = sample(sub, rng, s.samples, dataclasses.replace(s, points=points))
        if denominators:  # where the solution is defined it is a point of A, the coefficients' zeros included
            points = _where_defined(sub, denominators, drawn)[0]
        finding = _undefined_where_singular(inst, sub, a, b, _where_defined(sub, vanishing, drawn)[1], solved)
        if finding is not None:
            return finding
    outcome = _check(sub, reduced, rng, dataclasses.replace(s, points=points))
    note = f"premise solved for {solved.given.label}"
    outcome.evidence = dataclasses.replace(outcome.evidence, method=f"{outcome.evidence.method}, {note}")
    cx = outcome.counterexample
    if cx is not None:
        at = outcome.exact or {sym: sp.Rational(v) for sym, v in _scalars(sub, cx.values).items()}
        if any(sp.sympify(d).xreplace(at) == 0 for d in denominators):
            outcome.verdict, outcome.counterexample = NumericVerdict.INCONCLUSIVE, None
            outcome.reason = f"the solution for {solved.given.label} is undefined at the point found: no counterexample"
            return outcome
        solution = [float(sp.sympify(e).xreplace(at)) for e in solved.solution]
        shaped: object = solution if solved.given.shape else solution[0]
        values = {**cx.values, solved.given.label: shaped}
        outcome.counterexample = dataclasses.replace(cx, values=values, note="; ".join(filter(None, [note, cx.note])))
    return outcome


def _denominators(solved: premise.Solved) -> list[sp.Expr]:
    """What the solution u = s(v) divides by: where one vanishes, s(v) is no point of the premise (at X = 0 every
    w solves Xᵀ(Xw − y) = 0, and the solved form says nothing), so B is not checked there."""
    found = [sp.fraction(sp.together(e))[1] for e in solved.solution]
    return list(dict.fromkeys(d for d in found if not d.is_Number))


def _where_defined(inst: Instance, denominators: list[sp.Expr], drawn: Env) -> tuple[Env, Env]:
    """The drawn points at which no denominator of the solution is zero, and the others."""
    values = numeric.compiled(inst.symbols, denominators)(drawn).real
    defined = np.all(np.isfinite(values) & (values != 0), axis=1)
    keep, drop = np.flatnonzero(defined), np.flatnonzero(~defined)
    return {k: v[keep] for k, v in drawn.items()}, {k: v[drop] for k, v in drawn.items()}


def _undefined_where_singular(
    inst: Instance, sub: Instance, a: Relation, b: Relation, singular: Env, solved: premise.Solved
) -> NumericOutcome | None:
    """A point where A holds for every value of the solved symbol and B is undefined there, or false at a simple
    value of it (2λw = 0 ⇒ w = 0 at λ = 0, w = 1): decided exactly."""
    count = len(next(iter(singular.values()), []))
    for idx in range(min(count, MAX_SINGULAR)):
        if outside_domain(sub, singular, idx) is not None:
            continue  # not shown, exactly, to lie in the domain (a rounded singular matrix): no counterexample
        at = exact_point(sub, singular, idx)
        if any(sp.expand(sp.sympify(e).xreplace(at)) != 0 for e in premise.residual(a)):
            continue  # A does not hold for every u here
        values = point_values(sub, singular, idx)
        sides = [sp.sympify(e).xreplace(at) for e in (*as_matrix(b.lhs), *as_matrix(b.rhs))]
        if any(e.has(sp.zoo, sp.nan) for e in sides):
            reason = f"the conclusion is undefined at {point_text(values)}, where the premise holds for every value"
            return _found(inst, values, ("conclusion defined", "undefined"), "defined", "division by zero", reason)
        for u in SIMPLE_VALUES if not _has_decimals(b) else ():  # decimals are decided to 12 digits, not here
            if _fails(b, {**at, **dict.fromkeys(solved.symbols, u)}):
                shape = solved.given.shape
                shaped: object = np.full(shape, float(u)).tolist() if shape else float(u)
                values = {**values, solved.given.label: shaped}
                reason = (
                    f"the conclusion fails at {point_text(values)}: there the premise holds for every "
                    f"{solved.given.label}, not only where it was solved for"
                )
                return _found(inst, values, ("conclusion holds", "false"), "holds", "", reason)
    return None


SIMPLE_VALUES = (sp.Integer(1), sp.Integer(2), sp.Integer(-1))  # the solved symbol's values tried where A is free


def _fails(b: Relation, point: dict[sp.Basic, sp.Expr]) -> bool:
    """B is false at the point, decided exactly (a side undefined there is no such decision)."""
    lhs, rhs = as_matrix(b.lhs).xreplace(point), as_matrix(b.rhs).xreplace(point)
    if any(e.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or e.is_extended_real is not True for e in (*lhs, *rhs)):
        return False  # undefined or complex there: the definedness checks' finding, not this one
    if b.op == "=":
        return any(sp.simplify(x - y) != 0 and (x - y).is_zero is False for x, y in zip(lhs, rhs, strict=True))
    if lhs.shape != (1, 1):
        return False
    return holds(sp.Rel(lhs[0], rhs[0], b.op), {}) is False


def _has_decimals(b: Relation) -> bool:
    return any(sp.sympify(side).atoms(sp.Float) for side in (b.lhs, b.rhs))


def _found(
    inst: Instance, values: dict[str, object], said: tuple[str, str], relation: str, error: str, reason: str
) -> NumericOutcome:
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=said[0], observed=said[1], relation=relation,
        error=error, digits=0, note=reason,
    )  # fmt: skip
    evidence = NumericEvidence(inst.claim.n, "premise solved; a point where the solution is not its only one", 1, 0, 0)
    return NumericOutcome(NumericVerdict.FAIL, evidence, cx, reason)


def _scalars(inst: Instance, values: dict[str, object]) -> dict[sp.Symbol, float]:
    """A counterexample's values by symbol."""
    out: dict[sp.Symbol, float] = {}
    for g in inst.given:
        flat = np.asarray(values[g.label], dtype=float).reshape(-1)
        entries = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        out.update({e: float(v) for e, v in zip(entries, flat, strict=True) if isinstance(e, sp.Symbol)})
    return out


def _where_it_holds(inst: Instance, a: Relation, b: Relation, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    """B at the samples where A holds with a clear margin."""
    lhs, rhs = list(as_matrix(a.lhs)), list(as_matrix(a.rhs))
    drawn = s.points if s.points is not None else sample(inst, rng, OVERSAMPLE * s.samples, s)
    values = numeric.compiled(inst.symbols, lhs + rhs)(drawn).real
    kept = np.flatnonzero(_holds(a.op, values[:, : len(lhs)], values[:, len(lhs) :]))
    body = statement(b, inst.claim.body.where)  # type: ignore[attr-defined]
    sub = instantiate(dataclasses.replace(inst.claim, body=body, as_written=_as_written(inst, b)))
    wanted = 0 if s.points is not None else max(1, s.samples // MIN_SHARE)
    too_few = len(kept) < wanted  # too few to pass on; a confirmed counterexample among them still refutes
    if not len(kept):
        if too_few:
            return _too_few(inst, a, drawn, 0)
        return NumericOutcome(NumericVerdict.PASS, NumericEvidence(inst.claim.n, "no point holds the premise", 0, 0, 0))
    points: Env = {k: v[kept] for k, v in drawn.items()}
    outcome = _check(sub, body, rng, dataclasses.replace(s, points=points, premise=_condition(a)))
    outcome.evidence = dataclasses.replace(
        outcome.evidence, method=f"{outcome.evidence.method}, where the premise holds"
    )
    cx = outcome.counterexample
    if cx is not None and not _premise_holds(inst, a, points, cx.values, outcome.exact):
        outcome.verdict, outcome.counterexample = NumericVerdict.INCONCLUSIVE, None
        outcome.reason = "the conclusion fails at a sample where the premise could not be confirmed in high precision"
    if too_few and outcome.counterexample is None:
        return _too_few(inst, a, drawn, len(kept))
    return outcome


def _as_written(inst: Instance, rel: Relation) -> Statement | None:
    """The relation (the premise or the conclusion) as its author wrote it, in matrix notation, as a claim of its own
    (None if not so written): B = det(A)·(A⁻¹)₁₁ = A₂₂ is undefined at A = 0, where its explicit form A₂₂ = A₂₂ is
    not, and where A₁₁ ≤ 1 holds (the check of B reads the divisors it is written with from this)."""
    body, written = inst.claim.body, inst.claim.as_written
    if not isinstance(body, Implication) or not isinstance(written, Implication):
        return None
    found = written.conclusion if rel is body.conclusion else written.premise if rel is body.premise else None
    return None if found is None else statement(found, written.where)


def _too_few(inst: Instance, a: Relation, drawn: Env, kept: int) -> NumericOutcome:
    """No verdict: the premise held at too few samples to pass the conclusion on them."""
    total = len(next(iter(drawn.values()), []))
    unsolved = " and cannot be solved for a declared symbol over ℝ it is linear in" if a.op == "=" else ""
    return NumericOutcome(
        NumericVerdict.INCONCLUSIVE,
        NumericEvidence(inst.claim.n, "sampled where the premise holds", 0, 0.0, 0.0),
        reason=f"the premise held at {kept} of {total} samples{unsolved}; too few to check the conclusion",
    )


def _holds(op: str, lhs: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    scale = np.maximum(np.abs(lhs), np.abs(rhs)).max(axis=1) + 1e-300
    finite = np.all(np.isfinite(lhs), axis=1) & np.all(np.isfinite(rhs), axis=1)
    if op == "=":
        return finite & (np.abs(lhs - rhs).max(axis=1) <= MARGIN * scale)
    gap = (rhs - lhs if op in ("<=", "<") else lhs - rhs)[:, 0]
    return finite & (gap > MARGIN * scale)


def _condition(a: Relation) -> sp.Basic | None:
    """The premise as a sympy condition, for the exact probes (poles.probe keeps the points where it holds);
    None for a premise on vectors or matrices."""
    if isinstance(a.lhs, sp.MatrixBase) or isinstance(a.rhs, sp.MatrixBase):
        return None
    return sp.Rel(sp.sympify(a.lhs), sp.sympify(a.rhs), {"=": "=="}.get(a.op, a.op))


def _premise_holds(
    inst: Instance, a: Relation, points: Env, values: dict[str, object], exact: dict[sp.Symbol, sp.Expr] | None
) -> bool:
    """A holds at the counterexample's point: decided exactly where the point was found exactly (x ≥ y at x = y
    holds, with no margin to confirm in floats), else confirmed in high precision."""
    condition = _condition(a)
    if exact is not None and condition is not None:
        return holds(condition, exact) is True
    return _confirmed_premise(inst, a, points, values)


def _confirmed_premise(inst: Instance, a: Relation, points: Env, values: dict[str, object]) -> bool:
    """A holds at the counterexample's point at 50 and at 100 digits (an equation to 40 digits). A point found
    exactly (a pole where the premise holds exactly, poles.probe) is not among the samples: its values are read."""
    idx = next((i for i in range(len(next(iter(points.values())))) if point_values(inst, points, i) == values), None)
    args = mp_args(inst, points, idx) if idx is not None else _read(inst, values)
    if args is None:
        return False
    sides = confirm.mp_compile(inst.symbols, [*as_matrix(a.lhs), *as_matrix(a.rhs)])
    earlier: list[mpmath.mpf] = []  # the sides' differences at the lower precision
    for dps in (confirm.LOW_DPS, confirm.HIGH_DPS):
        with mpmath.workdps(dps):
            try:
                got = sides(*args)
            except (ZeroDivisionError, ValueError, TypeError, OverflowError):
                return False
            half = len(got) // 2
            left, right = got[:half], got[half:]
            scale = max([abs(v) for v in got] + [mpmath.mpf(1)])
            if not all(mpmath.isfinite(v) for v in got):
                return False
            gaps = [x - y for x, y in zip(left, right, strict=True)]
            if a.op == "=" and (max(map(abs, gaps)) > HOLDS_RELATIVE * scale or _same_nonzero(earlier, gaps)):
                return False
            earlier = gaps
            gap = (right[0] - left[0]) if a.op in ("<=", "<") else (left[0] - right[0])
            if a.op != "=" and gap <= HOLDS_RELATIVE * scale:
                return False
    return True


def _same_nonzero(low: list[mpmath.mpf], high: list[mpmath.mpf]) -> bool:
    """A difference of the sides that is the same nonzero number at both precisions is a value, not round-off: the
    premise does not hold there, however small it is (x·e^{−x²} = 0 at x = −38, where it is −38·10⁻⁶³²; an equation
    that holds gives 0, or round-off of the working precision, which moves with it)."""
    return any(h != 0 and abs(lo - h) <= abs(h) * SAME_VALUE for lo, h in zip(low, high, strict=False))


def _read(inst: Instance, values: dict[str, object]) -> list[mpmath.mpf] | None:
    """The point of a counterexample found exactly, in the order of the symbols: scalars only (a float, or the exact
    value as text where its float would mislead, poles.shown_value)."""
    labels = {g.target: g.label for g in inst.given}
    out = []
    for sym in inst.symbols:
        value = values.get(labels.get(sym, str(sym)))
        if not isinstance(value, int | float | str):
            return None
        try:
            exact = sp.Rational(value) if isinstance(value, str) else None
        except (TypeError, ValueError):  # an exact value that is no fraction ('pi/2'): not read back from text
            return None
        out.append(mpmath.mpf(value) if exact is None else mpmath.mpf(exact.p) / exact.q)
    return out
