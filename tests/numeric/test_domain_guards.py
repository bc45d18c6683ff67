"""A counterexample lies in the domain: claims true wherever M = [[x, 1], [1, y]] is invertible, which the float
sampler meets at singular M (x = y = 1, say), must not be REFUTED there (helper-53 found the Implication, one-step
Convergence and vector Convergence checks without the guard that Identity, Inequality and Limit have)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sympy as sp

from verifier import Convergence, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import Matrix
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status

p, q, x, a, b, u = sp.symbols("p q x a b u")
M = Matrix([[p, 1], [1, q]])
ONE_ON_THE_DOMAIN = sp.sign(M.det()) ** 2  # 1 where M is invertible, 0 where it is singular


def _implication() -> Implication:
    """(pq − 1)·u = p − q ⇒ u = (p − q)/(pq − 1): the solution's denominator is det M, never 0 on the domain."""
    d = M.det()
    return Implication(Relation(d * u, "=", p - q), Relation(u, "=", (p - q) / d), where={M: Invertible(), u: Real()})


def _one_step() -> Convergence:
    """x/2 on the domain (linear, constant 1/2); x/8 where det M = 0."""
    step = x / 2 - 3 * x / 8 * (1 - ONE_ON_THE_DOMAIN)
    return Convergence(step, x, 0, 1, sp.Rational(1, 2), where={M: Invertible()})


def _vector() -> Convergence:
    """diag(1/2, 1/4)·v on the domain (rate 1/2); rate 1/4 where det M = 0."""
    v = sp.Matrix([a, b])
    step = sp.Matrix([a / 2 - 3 * a / 8 * (1 - ONE_ON_THE_DOMAIN), b / 4])
    return Convergence(step, v, sp.Matrix([0, 0]), 1, sp.Rational(1, 2), where={M: Invertible()})


@pytest.mark.parametrize("build", [_implication, _one_step, _vector], ids=["implication", "one_step", "vector"])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_claim_true_on_its_domain_is_not_refuted_outside_it(build: Callable[[], object], seed: int) -> None:
    r = verify_family(claim(name=build.__name__)(build), EngineSettings(samples=60, seed=seed))
    assert r.status is not Status.REFUTED, (r.reason, r.counterexample)
