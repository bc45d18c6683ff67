"""A claim proved for every n is cross-checked, not proved again at each n (issue 42): explicit proofs at
its two smallest n, and every n still checked numerically, on a quarter of the samples."""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.engine.verify import CROSS_CHECK_PROOFS
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=80)


@claim(n=range(1, 7))
def transpose_of_a_sum(n: int) -> Identity:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    return Identity((A + B).T, A.T + B.T, where={A: Real(), B: Real()})


@claim(n=range(1, 5))
def quadratic_form_gradient(n: int) -> Derivative:
    A, x = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("x", n, 1)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=(A + A.T) * x, where={A: Real(), x: Real()})


@claim(n=range(1, 5))
def a_wrong_transpose(n: int) -> Identity:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    return Identity((A * B).T, A.T * B.T, where={A: Real(), B: Real()})


def test_a_claim_proved_for_every_n_is_proved_again_only_at_its_smallest_n() -> None:
    for family in (transpose_of_a_sum, quadratic_form_gradient):
        r = verify_family(family, SETTINGS)
        assert r.status is Status.PROVED and r.for_all_n, r.reason
        explicit = [p.n for p in r.proofs if p.n is not None]
        assert explicit == list(family.n_values)[:CROSS_CHECK_PROOFS]
        assert [e.n for e in r.numeric] == list(family.all_n)  # every n is still checked
        assert all(e.samples == SETTINGS.samples // 4 for e in r.numeric)  # a quarter of the samples
        assert "explicit cross-check" in r.reason and "checked numerically at n = 3" in r.reason


def test_a_claim_with_no_proof_for_every_n_is_still_refuted_at_its_smallest_failing_n() -> None:
    r = verify_family(a_wrong_transpose, SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None and r.counterexample.n == 2
