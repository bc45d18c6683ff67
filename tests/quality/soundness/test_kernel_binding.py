"""Attacks on what binds a proof to its claim (issue 26): a strategy that proves another statement
under the claim's name and n, a walk that leaves out an n, and a proof for all n that was compared
with fewer n than the claim has. Each would have been PROVED when a proof named only its claim and n.

The claim here is false, and the numeric check is replaced by one that always passes: it stands for a
falsehood the samples cannot see. Nothing but the kernel's binding stands between it and PROVED.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp

from verifier import Identity, Positive, Real
from verifier.engine import EngineSettings, verify_family
from verifier.engine import verify as engine
from verifier.language.claims import Expect
from verifier.language.families import ClaimFamily
from verifier.numeric.checks import NumericOutcome, Settings
from verifier.outcome import NumericVerdict, Status
from verifier.strategies import ladder
from verifier.trusted import kernel
from verifier.trusted.instantiate import Instance, instantiate

x = sp.Symbol("x", real=True)
FAST = EngineSettings(samples=20, shrink=False)


def _false(n: int) -> Identity:
    """√(x²) = x for every real x: false for x < 0."""
    return Identity(sp.sqrt(x**2), x, where={x: Real()})


FALSE = ClaimFamily("sqrt_square", "attack", "√(x²) = x", _false, (1, 2), (), Expect.HOLDS, "")


def _always_passes(real_check):  # type: ignore[no-untyped-def]
    def check(inst: Instance, rng: np.random.Generator, settings: Settings) -> NumericOutcome:
        outcome = real_check(inst, rng, settings)
        return dataclasses.replace(outcome, verdict=NumericVerdict.PASS, counterexample=None)

    return check


def _proof_of_the_narrower_claim(inst: Instance, units: int, rungs: tuple[str, ...] = ()) -> ladder.SymbolicOutcome:
    """Proves √(x²) = x for x > 0 (true), under the false claim's name and n."""
    narrower = dataclasses.replace(inst.claim, body=Identity(sp.sqrt(x**2), x, where={x: Positive()}))
    easy = instantiate(narrower)
    obligation = kernel.residual(easy)
    proof = kernel.prove_residual(easy, obligation, [kernel.zero(e, "simplify") for e in obligation.entries])
    assert (proof.claim, proof.n) == (f"{FALSE.derivation}.{FALSE.name}", inst.claim.n)
    return ladder.SymbolicOutcome(proof, "", 0.0)


def test_a_proof_of_another_statement_under_the_claims_name_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "spot_check", _always_passes(engine.spot_check))
    monkeypatch.setattr(ladder, "prove", _proof_of_the_narrower_claim)
    result = verify_family(FALSE, FAST)
    assert result.status is Status.UNKNOWN and result.inconsistency, result.reason


def test_without_the_forged_proof_the_same_run_is_only_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the attack above is what the kernel refused, not something else in the run
    (the exact refutation, which would catch this claim, is blinded too)."""
    monkeypatch.setattr(engine, "spot_check", _always_passes(engine.spot_check))
    monkeypatch.setattr(engine, "refute_exactly", lambda *args: None)
    result = verify_family(FALSE, FAST)
    assert result.status is Status.CHECKED and not result.inconsistency, result.reason


def _square(n: int) -> Identity:
    return Identity(x**2, x * x, where={x: Real()})


def test_a_walk_that_leaves_out_an_n_proves_nothing() -> None:
    true = ClaimFamily("square", "attack", "x² = x·x", _square, (1, 2), (), Expect.HOLDS, "")
    at = kernel.state(true, 1)
    assert at.instance is not None
    obligation = kernel.residual(at.instance)
    proof = kernel.prove_residual(at.instance, obligation, [kernel.zero(e, "expand") for e in obligation.entries])
    assert kernel.judge(true, [at], [proof], [NumericVerdict.PASS]) == (Status.UNKNOWN, True)
    later = kernel.state(true, 2)
    assert later.instance is not None
    obligation = kernel.residual(later.instance)
    second = kernel.prove_residual(later.instance, obligation, [kernel.zero(e, "expand") for e in obligation.entries])
    both = [NumericVerdict.PASS, NumericVerdict.PASS]
    assert kernel.judge(true, [at, later], [proof, second], both) == (Status.PROVED, False)
