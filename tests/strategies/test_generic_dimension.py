"""The generic-dimension rung: canonical Einstein forms, the kernel's proof for all n, the cross-check."""

from __future__ import annotations

import dataclasses
import io

import pytest
import sympy as sp
from rich.console import Console

from verifier import SPD, Derivative, Identity, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.engine import verify as engine
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Expect, NumericVerdict, RunReport, Status
from verifier.render import html, junit, markdown, terminal
from verifier.run import baseline
from verifier.strategies.dimension import SIZE, attempt, generic_statement, refutation_n
from verifier.trusted import kernel
from verifier.trusted.decide.einsum import OutsideFragment, compare

FAST = EngineSettings(samples=40)
n = SIZE
A, B, C, X = (sp.MatrixSymbol(s, n, n) for s in "ABCX")
x = sp.MatrixSymbol("x", n, 1)
tr = sp.trace


def _equal(statement: Identity | Derivative) -> bool:
    return compare(statement).equal


def test_canonical_forms_of_known_identities() -> None:
    assert _equal(Identity(tr(A * B), tr(B * A)))
    assert _equal(Identity((A * B).T, sp.Transpose(B) * sp.Transpose(A)))
    assert _equal(Identity(tr(sp.Identity(n)) * A, n * A))  # a closed δ loop is the dimension
    assert _equal(Identity(tr(A * B * C), tr(C * A * B)))


def test_canonical_forms_of_non_identities() -> None:
    assert not _equal(Identity(tr(A * B * C), tr(A * C * B)))
    assert not _equal(Identity(A * B, B * A))
    assert not _equal(Identity(tr(sp.Identity(n)) * A, 3 * A))


def test_derivatives_in_the_explicit_layout() -> None:
    assert _equal(Derivative(tr(A * X), wrt=X, equals=A.T))
    assert not _equal(Derivative(tr(A * X), wrt=X, equals=A))
    assert _equal(Derivative((x.T * A * x)[0, 0], wrt=x, equals=(A + A.T) * x))
    assert _equal(Derivative((x.T * A * x)[0, 0], wrt=x, equals=A + A.T, order=2))
    assert _equal(Derivative(A * x, wrt=x, equals=A))  # a Jacobian: rows are the outputs
    assert _equal(Derivative(sp.log(sp.det(X)), wrt=X, equals=X.inv().T))
    assert not _equal(Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv()))


def test_outside_the_fragment_says_what() -> None:
    with pytest.raises(OutsideFragment, match="outside the generic fragment: sign"):
        compare(Derivative(sp.sign(tr(X)), wrt=X, equals=sp.ZeroMatrix(n, n)))
    with pytest.raises(OutsideFragment, match="matrix used as a scalar"):  # exp of a matrix is expm
        compare(Identity(sp.exp(X * x) + tr(X), tr(X)))
    with pytest.raises(OutsideFragment, match="tied by its domain"):
        compare(Derivative(tr(X), wrt=X, equals=sp.Identity(n), where={X: SPD()}))


def test_the_refutation_bound_of_cayley_hamilton_is_three() -> None:
    lhs = tr(A * B * C) + tr(B * A * C) - tr(A) * tr(B * C) - tr(B) * tr(A * C)
    lhs += tr(A) * tr(B) * tr(C) - tr(A * B) * tr(C)
    forms = compare(Identity(lhs, 0))
    assert not forms.equal and forms.bound == 3 and refutation_n(forms) == 3
    wrong = compare(Derivative((x.T * A * x)[0, 0], wrt=x, equals=2 * A * x))
    assert refutation_n(wrong) == 2  # true at n = 1, false from n = 2


def _square(name: str, k: object) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, k, k)


@claim(n=range(1, 3))
def cayley_hamilton(k: int) -> Identity:
    """The multilinear Cayley–Hamilton identity of 2×2 matrices, traced with a third matrix."""
    a, b, c = _square("A", k), _square("B", k), _square("C", k)
    lhs = tr(a * b * c) + tr(b * a * c) - tr(a) * tr(b * c) - tr(b) * tr(a * c)
    lhs += tr(a) * tr(b) * tr(c) - tr(a * b) * tr(c)
    return Identity(lhs, 0, where={a: Real(), b: Real(), c: Real()})


@claim(n=range(1, 3))
def trace_gradient(k: int) -> Derivative:
    """∂ tr(AX)/∂X = Aᵀ."""
    a, m = _square("A", k), _square("X", k)
    return Derivative(tr(a * m), wrt=m, equals=a.T, where={a: Real(), m: Real()})


@claim(n=range(1, 3), expect="refuted")
def sympy_log_det(k: int) -> Identity:
    """sympy's own ∂ log det X/∂X equals X⁻ᵀ."""
    m = _square("X", k)
    return Identity(sp.diff(sp.log(sp.det(m)), m), m.inv().T, where={m: Invertible()})


def test_cayley_hamilton_holds_at_its_stated_n_and_fails_at_three_as_a_finding() -> None:
    found = attempt(cayley_hamilton)
    assert found is not None and found.proof is None and found.refute_n == 3
    r = verify_family(cayley_hamilton, FAST)
    assert r.status in (Status.PROVED, Status.CHECKED) and not r.for_all_n  # a theorem at n = 1, 2
    assert r.counterexample is None and "does not hold for all n: fails at n = 3" in r.reason
    wider = verify_family(dataclasses.replace(cayley_hamilton, n_values=(1, 2, 3)), FAST)
    assert wider.status is Status.REFUTED and wider.counterexample is not None and wider.counterexample.n == 3


def test_a_true_claim_is_proved_for_all_n_and_cross_checked() -> None:
    r = verify_family(trace_gradient, FAST)
    assert r.status is Status.PROVED and r.for_all_n and r.verdict == "PROVED for all n"
    assert r.proofs[0].n is None and r.proofs[0].rule == kernel.FOR_ALL_N
    assert r.proved_n == [1, 2] and [e.n for e in r.numeric] == [1, 2]
    # what a reason says depends on the claim, never on the machine: the proof's time is in its evidence only
    assert r.reason.startswith("proved for all n (generic dimension); explicit cross-check: "), r.reason
    assert r.proofs[0].seconds is not None


def test_sympy_log_det_gets_no_generic_proof() -> None:
    found = attempt(sympy_log_det)
    assert found is not None and found.proof is None and found.refute_n is None  # atoms: no bound
    assert verify_family(sympy_log_det, FAST).status is Status.REFUTED


def test_a_counterexample_against_a_proof_for_all_n_is_an_inconsistency(monkeypatch: pytest.MonkeyPatch) -> None:
    real_check = engine.spot_check

    def contradicting(inst, rng, settings):  # type: ignore[no-untyped-def]
        outcome = real_check(inst, rng, settings)
        return dataclasses.replace(outcome, verdict=NumericVerdict.FAIL)

    monkeypatch.setattr(engine, "spot_check", contradicting)
    r = verify_family(dataclasses.replace(trace_gradient, n_values=(1,)), dataclasses.replace(FAST, shrink=False))
    assert r.status is Status.UNKNOWN and r.inconsistency and "ENGINE INCONSISTENCY" in r.reason
    assert "generic-dimension proof" in r.reason


def test_the_judge_takes_a_proof_for_all_n_only_for_its_own_claim() -> None:
    stated = [kernel.state(trace_gradient, k) for k in trace_gradient.all_n]
    name = "test_generic_dimension.trace_gradient"
    statement = generic_statement(trace_gradient)
    assert statement is not None
    proof = kernel.prove_for_all_n(name, statement, SIZE, stated)
    assert kernel.judge(trace_gradient, stated, [], [NumericVerdict.PASS] * 2, None, proof) == (Status.PROVED, False)
    other = dataclasses.replace(trace_gradient, name="other")
    other_stated = [kernel.state(other, k) for k in other.all_n]
    assert kernel.judge(other, other_stated, [], [NumericVerdict.PASS] * 2, None, proof) == (Status.UNKNOWN, True)
    # a proof for all n that was compared with n = 1 only does not cover n = 2
    partial = kernel.prove_for_all_n(name, statement, SIZE, stated[:1])
    assert kernel.judge(trace_gradient, stated, [], [NumericVerdict.PASS] * 2, None, partial) == (Status.UNKNOWN, True)
    with pytest.raises(kernel.Rejected, match="canonical forms differ"):
        kernel.prove_for_all_n(name, Derivative(tr(A * X), wrt=X, equals=A), SIZE, [])
    with pytest.raises(kernel.Rejected, match="not stated by the kernel for this claim"):
        kernel.prove_for_all_n("t.other", statement, SIZE, stated)


def test_a_builder_that_branches_on_n_gets_no_proof_for_all_n() -> None:
    """The symbolic build takes the general branch; the claim built at n = 1 says something else
    (a value unlike it: a part equal in value, as A = Aᵀ at n = 1, is the same claim)."""

    def builder(n: object) -> Derivative:
        A, X = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("X", n, n)
        return Derivative(tr(A * X), wrt=X, equals=2 * A.T if n == 1 else A.T, where={A: Real(), X: Real()})

    family = ClaimFamily("grad", "t", "∂ tr(AX)/∂X", builder, (1, 2, 3), (), Expect.HOLDS, "")
    stated = [kernel.state(family, k) for k in family.all_n]
    with pytest.raises(kernel.Rejected, match="built at n = 1 is not the symbolic one"):
        kernel.prove_for_all_n("t.grad", builder(SIZE), SIZE, stated)
    assert kernel.prove_for_all_n("t.grad", builder(SIZE), SIZE, stated[1:]).n is None


def test_for_all_n_round_trips_through_json() -> None:
    r = ClaimResult("c", "d", "identity", "s", Expect.HOLDS, Status.PROVED, "r", for_all_n=True)
    back = ClaimResult.from_json(r.to_json())
    assert back.for_all_n and back.verdict == "PROVED for all n"
    assert not ClaimResult.from_json({**r.to_json(), "for_all_n": False}).for_all_n


def _report(for_all_n: bool) -> RunReport:
    r = ClaimResult("c", "d", "identity", "s", Expect.HOLDS, Status.PROVED, "r", proved_n=[1], for_all_n=for_all_n)
    return RunReport([r], seed=0, samples=1, seconds=0.0)


def test_baseline_gaining_for_all_n_improves_and_losing_it_regresses() -> None:
    gained = baseline.compare(baseline.snapshot(_report(False))["claims"], _report(True))
    lost = baseline.compare(baseline.snapshot(_report(True))["claims"], _report(False))
    assert [(c.regression, c.after) for c in gained] == [(False, "PROVED for all n")]
    assert [(c.regression, c.why) for c in lost] == [(True, "no longer proved for all n")]


def test_every_renderer_says_proved_for_all_n() -> None:
    report = _report(True)
    console = Console(width=200, record=True, file=io.StringIO())
    terminal.render(console, report)
    for text in (console.export_text(), markdown.render(report), html.render(report), junit.render(report)):
        assert "PROVED for all n" in text
