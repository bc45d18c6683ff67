"""Symbolic strategies: what to try, in which order, within the work budget.

Nothing here can make a proof. Each strategy gathers kernel Facts, cheapest rung first
(exact, expand, atoms, simplify), entry by entry, stopping at the first entry that no
rung reduces, and then asks a kernel rule to conclude. The outcome is a Proof, or a
reason why none was found: "not shown" is never "false".
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sympy as sp

from verifier.language.claims import (
    PSD,
    Convergence,
    Convex,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Limit,
    Statement,
)
from verifier.language.stepwise import Implication
from verifier.strategies import certify, memory, premise
from verifier.strategies.budget import BudgetExceeded, WorkClock, budget, heartbeats
from verifier.strategies.rungs import RUNGS, zero_facts
from verifier.strategies.sos import search as sos
from verifier.trusted import bounds, entailment, kernel, obligations
from verifier.trusted.instantiate import Instance, with_domain_facts
from verifier.trusted.kernel import Fact, Proof, Rejected
from verifier.trusted.obligations import NotShowable


@dataclass
class SymbolicOutcome:
    proof: Proof | None
    reason: str
    seconds: float
    work: int = 0  # heartbeats used


def prove(inst: Instance, units: int, rungs: tuple[str, ...] = RUNGS) -> SymbolicOutcome:
    """Try to prove the instance within `units` heartbeats of work; never raises for a failed attempt."""
    start, beats = time.monotonic(), heartbeats()
    clock = WorkClock(units)
    try:
        with budget(units + units // 10 + 1):
            proof, reason = _prove(inst, clock, rungs)
    except (Rejected, NotShowable) as err:
        proof, reason = None, str(err)
    except BudgetExceeded:
        proof, reason = None, f"symbolic budget of {units:,} work units spent"
    except RecursionError:
        proof, reason = None, "sympy hit its recursion limit"
    except Exception as err:  # sympy's own failures mean "not shown", never "false"
        memory.noted(err, None)  # out of memory: not shown, and a result that depends on the machine (never cached)
        proof, reason = None, f"sympy raised {type(err).__name__}: {str(err)[:120]}"
    return SymbolicOutcome(proof, reason, time.monotonic() - start, heartbeats() - beats)


def _prove(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    body = inst.claim.body
    strategy = _STRATEGIES.get(type(body))
    if strategy is None:
        return None, f"no symbolic strategy for {body.kind}"
    return strategy(inst, clock, rungs)


def _prove_equality(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """Identity and Derivative: the kernel's residual, entry by entry, then by cases."""
    obligation = kernel.residual(inst)
    facts, why = zero_facts(list(obligation.entries), clock, rungs)
    if not why:
        return kernel.prove_residual(inst, obligation, facts), ""
    # by cases only on the full ladder: folding a whole entry's cases (sympy's piecewise_fold) is not
    # cheap, and the cheap rungs serve the inconsistency probe of a refuted claim (it spent 10 of
    # two_layer_net.relu_gradient_with_sigmoid_slope's 14 s there)
    splits = "simplify" in rungs
    if splits and clock.left() > 0 and any(obligations.has_cases(e) for e in obligation.entries):
        proof, by_cases = _prove_by_cases(inst, obligation, clock, rungs)
        if proof is not None:
            return proof, ""
        why += f"; by cases: {by_cases}"
    return None, why


def _prove_inequality(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """The rungs below on the claim as given, then with its domains' facts (Cholesky, interval maps) in view."""
    proof, why = _prove_inequality_as_given(inst, clock, rungs)
    facts = with_domain_facts(inst) if proof is None and clock.left() > 0 else None
    if facts is None:
        return proof, why
    proof, with_facts = _prove_inequality_as_given(facts, clock, rungs)
    return proof, "" if proof is not None else f"{why}; with domain facts: {with_facts}"


def _prove_inequality_as_given(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """A Lipschitz bound by the mean value theorem (recognised cheaply, so first); the gap's sign
    from the assumptions; else a sum of squares found by certify."""
    gap, strict = obligations.inequality_gap(inst)
    lipschitz, why = _prove_lipschitz(inst) if not strict else (None, "")
    if lipschitz is not None:
        return lipschitz, ""
    try:
        return kernel.prove_inequality(inst, [kernel.nonnegative(gap, strict=strict)]), ""
    except Rejected as err:
        why = "; ".join(filter(None, [str(err), why]))
    if not strict:
        for attempt in certificate_attempts(inst, clock, rungs):
            if attempt.proof is not None:
                return attempt.proof, ""
            why += f"; {attempt.name}: {attempt.why}"
    proof, sides = _prove_squared_sides(inst, clock, rungs)
    return proof, "" if proof is not None else f"{why}; {sides}" if sides else why


def _prove_squared_sides(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """a ≥ b from a ≥ 0 and a² − b² ≥ 0, for sides with a root or an absolute value ('' if neither)."""
    if not has_root_or_abs(inst):
        return None, ""
    try:
        squared, strict, greater = obligations.squared_sides(inst)
        facts = [kernel.nonnegative(greater)]
    except (NotShowable, Rejected) as err:
        return None, f"squared sides: {err}"
    why = "squared sides"
    for attempt in [] if strict else certificate_attempts(inst, clock, rungs, sides=True):
        if attempt.proof is not None:
            return attempt.proof, ""
        why += f"; {attempt.name}: {attempt.why}"
    try:  # after the certificates: on a large polynomial, the sign rule's factoring is slow
        return kernel.prove_inequality(inst, [*facts, kernel.nonnegative(squared, strict)], sides=True), ""
    except Rejected as err:
        return None, f"{why}; {err}"


def has_root_or_abs(inst: Instance) -> bool:
    """An inequality with a root or an absolute value in a side: the squared-sides route may apply."""
    body = inst.claim.body
    assert isinstance(body, Inequality)
    nodes = [p for side in (body.lhs, body.rhs) for p in sp.preorder_traversal(inst.symbolic(side))]
    return any(isinstance(p, sp.Abs) or (isinstance(p, sp.Pow) and not p.exp.is_integer) for p in nodes)


@dataclass(frozen=True)
class CertificateAttempt:
    """One certificate certify proposed, and what the kernel made of it."""

    name: str  # the proposal: "Gram XᵀX", "covariance of p ∈ Δ", "LDLᵀ", ...
    squares: int  # how many weighted squares it has
    proof: Proof | None
    why: str  # why no proof, if none
    propose_seconds: float  # certify's search for this proposal
    check_seconds: float  # the kernel's facts and rule


def certificate_attempts(
    inst: Instance, clock: WorkClock, rungs: tuple[str, ...] = RUNGS, sides: bool = False
) -> Iterator[CertificateAttempt]:
    """Each sum of squares certify (then the SOS search) proposes for a PSD matrix or an inequality's gap
    (sides: the gap a² − b² of the squared sides), checked by the kernel."""
    check: Callable[[Instance, Any, obligations.Squares, WorkClock, tuple[str, ...]], Proof | str]
    proposals: Iterator[tuple[str, obligations.Squares | str]]
    if isinstance(inst.claim.body, PSD):
        target = obligations.psd_matrix(inst)
        proposals, check = certify.psd_proposals(inst, target, clock), _check_gram
    else:
        target = obligations.squared_sides(inst)[0] if sides else obligations.inequality_gap(inst)[0]
        proposals = itertools.chain(certify.square_proposals(inst, target, clock), sos.proposals(inst, target, clock))
        check = functools.partial(check_squares, sides=sides)
    while True:
        start = time.perf_counter()
        found = next(proposals, None)
        proposed = time.perf_counter()
        if found is None:
            return
        name, squares = found
        if isinstance(squares, str):  # the search's reason for proposing nothing
            yield CertificateAttempt(name, 0, None, squares, proposed - start, 0.0)
            continue
        outcome = check(inst, target, squares, clock, rungs)
        proof, why = (outcome, "") if isinstance(outcome, Proof) else (None, outcome)
        yield CertificateAttempt(name, len(squares[0]), proof, why, proposed - start, time.perf_counter() - proposed)


def _check_gram(
    inst: Instance, h: sp.MatrixBase, found: obligations.Squares, clock: WorkClock, rungs: tuple[str, ...]
) -> Proof | str:
    weights, rows = found
    gram = obligations.gram_residual(
        h, [inst.symbolic(w) for w in weights], [[inst.symbolic(a) for a in r] for r in rows]
    )
    facts = _checked(inst, [*obligations.asymmetry(h), *gram], [inst.assumed(w) for w in weights], clock, rungs)
    return kernel.prove_psd_by_certificate(inst, facts, found) if isinstance(facts, list) else facts


def check_squares(
    inst: Instance, gap: sp.Expr, found: obligations.Squares, clock: WorkClock, rungs: tuple[str, ...], sides: bool
) -> Proof | str:
    weights, forms = found
    total = sp.Add(*[inst.symbolic(w) * inst.symbolic(f[0]) ** 2 for w, f in zip(weights, forms, strict=True)])
    signs = [inst.assumed(w) for w in weights] + ([obligations.squared_sides(inst)[2]] if sides else [])
    facts = _checked(inst, [gap - total], signs, clock, rungs)
    return kernel.prove_inequality(inst, facts, found, sides=sides) if isinstance(facts, list) else facts


def _prove_lipschitz(inst: Instance) -> tuple[Proof | None, str]:
    """The mean-value route for |g(u) − g(w)| ≤ L·|u − w| ('' if the claim is not of that form)."""
    try:
        ob = bounds.lipschitz_obligation(inst)
    except NotShowable:
        return None, ""
    reasons = []
    for _, signs in bounds.slope_signs(ob):
        try:
            return kernel.prove_lipschitz(inst, [kernel.nonnegative(e) for e in signs]), ""
        except Rejected as err:
            reasons.append(str(err))
    return None, "Lipschitz: " + "; ".join(reasons)


def _checked(
    inst: Instance, zeros: list[sp.Expr], signs: list[sp.Expr], clock: WorkClock, rungs: tuple[str, ...]
) -> list[Fact] | str:
    """Kernel facts that every zero vanishes and every sign is nonnegative, or why not."""
    facts, why = zero_facts(zeros, clock, rungs)
    if why:
        return "identity: " + why
    for w in dict.fromkeys(signs):
        try:
            facts.append(kernel.nonnegative_where_defined(w))
        except Rejected as err:
            return str(err)
    return facts


def _prove_expectation(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    obligation = kernel.expectation(inst)
    facts, why = zero_facts(list(obligation.entries), clock, rungs)
    if why:
        return None, why
    return kernel.prove_expectation(inst, obligation, facts), ""


def _prove_convergence(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    return kernel.prove_leading_term(inst), ""


def _prove_limit(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    return kernel.prove_limit(inst), ""


def _prove_by_cases(
    inst: Instance, obligation: kernel.Obligation, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    """Split each residual entry into its cases and show every case's value is zero."""
    try:
        values = [value for entry in obligation.entries for value, _ in obligations.cases(entry)]
    except NotShowable as err:
        return None, str(err)
    facts, why = zero_facts(values, clock, rungs)
    if why:
        return None, why
    return kernel.prove_residual_by_cases(inst, obligation, facts), ""


def _prove_psd(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """A certificate first if one is given; then Sylvester's criterion on principal minors (n <= 4)."""
    body = inst.claim.body
    assert isinstance(body, PSD)
    h = obligations.psd_matrix(inst)
    why = ""
    if body.certificate is not None and not body.strict:
        proof, why = _prove_psd_certificate(inst, h, clock, rungs)
        if proof is not None:
            return proof, ""
    if not h.free_symbols:
        return kernel.prove_psd_by_minors(inst, []), ""
    if h.rows <= 4:
        proof, minors_why = _prove_psd_minors(inst, body, h, clock, rungs)
        if proof is not None:
            return proof, ""
        why = (why + "; " if why else "") + minors_why
    if body.strict:
        return None, why or "no certificate given (add certificate=Certificate(v, weights, forms))"
    return _search_psd_certificate(inst, clock, rungs, why)


def _search_psd_certificate(
    inst: Instance, clock: WorkClock, rungs: tuple[str, ...], why: str
) -> tuple[Proof | None, str]:
    """Certificates that certify proposes (Gram structure, covariance on Δ, LDLᵀ), checked by the kernel."""
    tried = []
    for attempt in certificate_attempts(inst, clock, rungs):
        if attempt.proof is not None:
            return attempt.proof, ""
        tried.append(f"{attempt.name}: {attempt.why}")
    found = "; ".join(tried) or "no certificate found"
    return None, (why + "; " if why else "") + found


def _prove_psd_minors(
    inst: Instance, body: PSD, h: sp.ImmutableMatrix, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    facts, why = zero_facts(obligations.asymmetry(h), clock, rungs)
    if why:
        return None, "symmetry: " + why
    for minor in dict.fromkeys(obligations.principal_minors(h, body.strict)):
        try:
            facts.append(kernel.nonnegative(minor, strict=body.strict))
        except Rejected as err:
            return None, f"a principal minor is not provably signed ({err})"
    return kernel.prove_psd_by_minors(inst, facts), ""


def _prove_psd_certificate(
    inst: Instance, h: sp.ImmutableMatrix, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    v, weights, forms = obligations.certificate_parts(inst)
    gram = obligations.certificate_residual(h, v, weights, forms)
    facts, why = zero_facts([*obligations.asymmetry(h), *gram], clock, rungs)
    if why:
        return None, "certificate identity: " + why
    for w in dict.fromkeys(weights):
        try:
            facts.append(kernel.nonnegative(w))
        except Rejected as err:
            return None, str(err)
    return kernel.prove_psd_by_certificate(inst, facts), ""


def _prove_implication(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """A multiplier M with g_B ≡ M·g_A (premise.multipliers proposes, the kernel checks); ⇔ needs one each way."""
    body = inst.claim.body
    a, b = entailment.gaps(inst)
    groups = [[inst.symbolic(s) for s in g.symbols()] for g in inst.given]
    groups = [g for g in groups if all(isinstance(s, sp.Symbol) for s in g)]
    forward = list(premise.multipliers(a.entries, b.entries, groups))
    both = isinstance(body, Implication) and body.both_ways
    backward: list[sp.Matrix | None] = list(premise.multipliers(b.entries, a.entries, groups)) if both else [None]
    why = "no multiplier M with g_B = M·g_A found (not an exact transformation of the premise)"
    for ms in [(m,) if back is None else (m, back) for m in forward for back in backward]:
        try:
            ob = entailment.entailment(inst, ms)
        except NotShowable as err:
            why = str(err)
            continue
        facts = _checked(inst, list(ob.zeros), [], clock, rungs)
        if isinstance(facts, str):
            why = facts
            continue
        try:
            facts += [kernel.nonnegative(e, strict=True) for e in ob.positive]
            facts += [kernel.nonnegative(e) for e in ob.nonnegative]
            return kernel.prove_implication(inst, ms, facts), ""
        except Rejected as err:
            why = str(err)
    return None, why


def _prove_convex(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """The composition rules of DCP (the kernel reads the expression's composition tree itself)."""
    try:
        return kernel.prove_convex_by_dcp(inst), ""
    except Rejected as err:
        return None, str(err)


Strategy = Callable[[Instance, WorkClock, tuple[str, ...]], tuple[Proof | None, str]]

# one symbolic strategy per statement kind
_STRATEGIES: dict[type[Statement], Strategy] = {
    Convex: _prove_convex,
    Identity: _prove_equality,
    Derivative: _prove_equality,
    PSD: _prove_psd,
    Inequality: _prove_inequality,
    Expectation: _prove_expectation,
    Convergence: _prove_convergence,
    Limit: _prove_limit,
    Implication: _prove_implication,
}
