"""Symbolic strategies: what to try, in which order, within the work budget.

Nothing here can make a proof. Each strategy gathers kernel Facts, cheapest rung first
(exact, expand, atoms, simplify), entry by entry, stopping at the first entry that no
rung reduces, and then asks a kernel rule to conclude. The outcome is a Proof, or a
reason why none was found: "not shown" is never "false".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sympy as sp

from verifier import kernel
from verifier.budget import BudgetExceeded, WorkClock, budget, heartbeats
from verifier.claims import PSD, Convergence, Derivative, Expectation, Identity, Inequality, Limit
from verifier.instantiate import Instance, as_matrix
from verifier.kernel import Fact, Proof, Rejected
from verifier.spotcheck import jacobian_layout

RUNGS = ("exact", "expand", "atoms", "simplify")
CHEAP_RUNGS = ("exact", "expand", "atoms")
RUNG_SHARE = {"exact": 0.05, "expand": 0.25, "atoms": 0.6, "simplify": 1.0}


@dataclass
class SymbolicOutcome:
    proof: Proof | None
    reason: str
    seconds: float
    work: int = 0  # heartbeats used


def zero_facts(entries: list[sp.Expr], clock: WorkClock, rungs: tuple[str, ...] = RUNGS) -> tuple[list[Fact], str]:
    """Facts that each distinct entry is zero; stops at the first entry no rung reduces."""
    facts: list[Fact] = []
    seen: set[sp.Expr] = set()
    for index, entry in enumerate(entries):
        if entry == 0 or entry in seen:
            continue
        seen.add(entry)
        fact, why = _zero_fact(entry, clock, rungs)
        if fact is None:
            return facts, f"entry {index}: {why}"
        facts.append(fact)
    return facts, ""


def _zero_fact(entry: sp.Expr, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Fact | None, str]:
    tried = []
    transcendental = entry.has(sp.exp, sp.tanh, sp.sinh, sp.cosh)
    radical_or_rational = any(
        (isinstance(p.exp, sp.Rational) and not p.exp.is_integer) or (p.exp.is_negative and p.base.free_symbols)
        for p in entry.atoms(sp.Pow)
    )
    if transcendental or radical_or_rational:
        rungs = tuple(r for r in rungs if r != "expand")  # atoms subsumes it, and is far faster here
    for rung in rungs:
        share = int(clock.left() * RUNG_SHARE[rung])
        try:
            with budget(share):
                return kernel.zero(entry, rung), ""
        except Rejected:
            tried.append(rung)
        except BudgetExceeded:
            tried.append(f"{rung} (out of work budget)")
            if clock.left() <= 0:
                break
        except (
            sp.PolynomialError,
            sp.polys.polyerrors.PolificationFailed,
            TypeError,
            ValueError,
            NotImplementedError,
            RecursionError,
            AttributeError,
            ZeroDivisionError,
        ):
            tried.append(f"{rung} (failed)")
    return None, "not reduced to 0 by " + ", ".join(tried)


def _residual(inst: Instance) -> list[sp.Expr]:
    body = inst.claim.body
    if isinstance(body, Identity):
        lhs, rhs = as_matrix(inst.symbolic(body.lhs)), as_matrix(inst.symbolic(body.rhs))
        return list(lhs - rhs)
    if isinstance(body, Derivative):
        f, wrt, claimed = jacobian_layout(body)
        f = [inst.symbolic(e) for e in f]
        wrt_sym = [inst.to_symbolic.get(w, w) for w in wrt]
        if any(not isinstance(w, sp.Symbol) for w in wrt_sym):
            raise Rejected(
                "derivative", "a variable is tied by its domain (symmetric/simplex); differentiate a free one"
            )
        claimed_sym = as_matrix(inst.symbolic(claimed))
        if body.order == 2:
            gradient = [sp.diff(f[0], w) for w in wrt_sym]
            got = sp.ImmutableMatrix(len(wrt), len(wrt), lambda i, j: sp.diff(gradient[i], wrt_sym[j]))
        else:
            got = sp.ImmutableMatrix(len(f), len(wrt), lambda i, j: sp.diff(f[i], wrt_sym[j]))
        return list(got - claimed_sym)
    raise TypeError(type(body).__name__)


def prove(inst: Instance, units: int, rungs: tuple[str, ...] = RUNGS) -> SymbolicOutcome:
    """Try to prove the instance within `units` heartbeats of work; never raises for a failed attempt."""
    start, beats = time.monotonic(), heartbeats()
    clock = WorkClock(units)
    try:
        with budget(units + units // 10 + 1):
            proof, reason = _prove(inst, clock, rungs)
    except Rejected as err:
        proof, reason = None, str(err)
    except BudgetExceeded:
        proof, reason = None, f"symbolic budget of {units:,} work units spent"
    except RecursionError:
        proof, reason = None, "sympy hit its recursion limit"
    except Exception as err:  # sympy's own failures mean "not shown", never "false"
        proof, reason = None, f"sympy raised {type(err).__name__}: {str(err)[:120]}"
    return SymbolicOutcome(proof, reason, time.monotonic() - start, heartbeats() - beats)


def _prove(inst: Instance, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    body = inst.claim.body
    assumptions = inst.assumptions
    if isinstance(body, Identity | Derivative):
        residual = _residual(inst)
        facts, why = zero_facts(residual, clock, rungs)
        if why:
            return None, why
        return kernel.prove_zero_residual(residual, facts, assumptions), ""
    if isinstance(body, PSD):
        return _prove_psd(inst, body, clock, rungs)
    if isinstance(body, Inequality):
        return _prove_inequality(inst, body)
    if isinstance(body, Expectation):
        return _prove_expectation(inst, body, clock, rungs)
    if isinstance(body, Convergence):
        order = sp.sympify(body.order)
        q = int(order) if order.is_Integer else order
        proof = kernel.prove_leading_term(
            inst.symbolic(body.step),
            inst.to_symbolic.get(body.x, body.x),
            inst.symbolic(body.root),
            q,
            inst.symbolic(body.constant),
            assumptions,
        )
        return proof, ""
    if isinstance(body, Limit):
        var = body.var
        proof = kernel.prove_limit(
            inst.symbolic(body.expr), var, sp.sympify(body.to), inst.symbolic(body.equals), assumptions
        )
        return proof, ""
    return None, f"no symbolic strategy for {body.kind}"


def _prove_psd(inst: Instance, body: PSD, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Proof | None, str]:
    """A certificate first if one is given; then Sylvester's criterion on principal minors (n <= 4)."""
    h = as_matrix(inst.symbolic(body.matrix))
    why = ""
    if body.certificate is not None and not body.strict:
        proof, why = _prove_psd_certificate(inst, body, h, clock, rungs)
        if proof is not None:
            return proof, ""
    if not h.free_symbols:
        return kernel.prove_psd_by_minors(h, body.strict, inst.assumptions), ""
    if h.rows > 4:
        return None, why or "no certificate given (add certificate=Certificate(v, weights, forms))"
    proof, minors_why = _prove_psd_minors(inst, body, h, clock, rungs)
    return proof, (why + "; " if why else "") + minors_why


def _prove_psd_minors(
    inst: Instance, body: PSD, h: sp.ImmutableMatrix, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    asym = [h[i, j] - h[j, i] for i in range(h.rows) for j in range(i)]
    facts, why = zero_facts(asym, clock, rungs)
    if why:
        return None, "symmetry: " + why
    for minor in dict.fromkeys(kernel.principal_minors(h, body.strict)):
        try:
            facts.append(kernel.nonnegative(minor, strict=body.strict))
        except Rejected as err:
            return None, f"a principal minor is not provably signed ({err})"
    return kernel.prove_psd_by_symbolic_minors(h, body.strict, facts, inst.assumptions), ""


def _prove_psd_certificate(
    inst: Instance, body: PSD, h: sp.ImmutableMatrix, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    cert = body.certificate
    assert cert is not None
    v = list(as_matrix(cert.v))
    weights = [inst.symbolic(w) for w in cert.weights]
    forms = [inst.symbolic(f) for f in cert.forms]
    asym = [h[i, j] - h[j, i] for i in range(h.rows) for j in range(i)]
    gram = kernel.certificate_residual(h, v, weights, forms)
    facts, why = zero_facts([*asym, *gram], clock, rungs)
    if why:
        return None, "certificate identity: " + why
    for w in dict.fromkeys(weights):
        try:
            facts.append(kernel.nonnegative(w))
        except Rejected as err:
            return None, str(err)
    return kernel.prove_psd_by_certificate(h, v, weights, forms, facts, inst.assumptions), ""


def _prove_inequality(inst: Instance, body: Inequality) -> tuple[Proof | None, str]:
    lhs, rhs = inst.symbolic(body.lhs), inst.symbolic(body.rhs)
    gap = rhs - lhs if body.op in ("<=", "<") else lhs - rhs
    strict = body.op in ("<", ">")
    fact = kernel.nonnegative(gap, strict=strict)
    return kernel.prove_inequality(gap, strict, [fact], inst.assumptions), ""


def _prove_expectation(
    inst: Instance, body: Expectation, clock: WorkClock, rungs: tuple[str, ...]
) -> tuple[Proof | None, str]:
    noise = {inst.to_symbolic.get(v, v): d.map(inst.symbolic) for v, d in body.noise.items()}
    exprs, claimed = as_matrix(body.expr), as_matrix(body.equals)
    proofs_rungs: list[Proof] = []
    for e, c in zip(exprs, claimed, strict=True):
        e_sym, c_sym = inst.symbolic(e), inst.symbolic(c)
        residual = kernel.expectation_by_moments(e_sym, noise) - c_sym
        facts, why = zero_facts([residual], clock, rungs)
        if why:
            return None, why
        proofs_rungs.append(kernel.prove_expectation(e_sym, noise, c_sym, facts, inst.assumptions))
    return proofs_rungs[0], ""
