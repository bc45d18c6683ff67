"""Each claim is built once per n (issue 42): the display, the kernel's statement at each n, the proof for
every n and a chain's steps and end result all share one answer of the builder at each n."""

from __future__ import annotations

from collections import Counter

import sympy as sp

from verifier import Chain, Identity, Real, Step, claim
from verifier.engine import EngineSettings, verify_family
from verifier.engine.settings import display_n
from verifier.language.families import ClaimFamily
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=40)


def counted(family: ClaimFamily) -> tuple[ClaimFamily, Counter[object]]:
    """The family with a builder that counts its calls by n (the symbolic n as "n")."""
    calls: Counter[object] = Counter()
    builder = family.builder

    def counting(*n: object) -> object:
        calls[n[0] if n and isinstance(n[0], int) else ("n" if n else None)] += 1
        return builder(*n)

    return ClaimFamily(**{**family.__dict__, "builder": counting}), calls


@claim(n=range(1, 5), numeric_n=(8,))
def trace_of_a_sum(n: int) -> Identity:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    return Identity((A + B).T * (A + B), (A.T + B.T) * (A + B), where={A: Real(), B: Real()})


@claim(n=range(1, 4))
def square_of_a_sum(n: int) -> Identity:
    xs = sp.symbols(f"x1:{n + 1}")
    return Identity(sp.Add(*xs) ** 2, sp.expand(sp.Add(*xs) ** 2), where={x: Real() for x in xs})


@claim(n=range(1, 4))
def wrong_square_of_a_sum(n: int) -> Identity:
    xs = sp.symbols(f"x1:{n + 1}")
    return Identity(sp.Add(*xs) ** 2, sp.Add(*(x**2 for x in xs)) + 1, where={x: Real() for x in xs})


@claim(n=range(1, 4))
def transpose_chain(n: int) -> Chain:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    steps = (Step("=", B.T * A.T, "transpose of a product"), Step("=", (A * B).T, "and back"))
    return Chain((A * B).T, steps=steps, where={A: Real(), B: Real()})


def test_a_claim_is_built_once_at_each_n_and_once_at_its_display_n() -> None:
    for family in (trace_of_a_sum, square_of_a_sum):
        mine, calls = counted(family)
        r = verify_family(mine, SETTINGS)
        assert r.status is Status.PROVED, r.reason
        assert calls[display_n(family)] == 1
        assert all(calls[n] == 1 for n in family.all_n), calls
        assert set(calls) <= {*family.all_n, "n"}  # the symbolic n at most, for the proof for every n


def test_a_refuted_claim_and_its_diagnosis_build_each_n_once() -> None:
    mine, calls = counted(wrong_square_of_a_sum)
    r = verify_family(mine, SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None and r.counterexample.n == 1
    assert calls[1] == 1 and calls[display_n(wrong_square_of_a_sum)] == 1, calls
    assert r.diagnosis is not None  # its diagnosis verifies the claim at other n: from the same builds
    assert all(count == 1 for n, count in calls.items() if n != "n"), calls


def test_a_chain_is_built_once_at_each_n_for_all_its_steps_and_its_end_result() -> None:
    mine, calls = counted(transpose_chain)
    r = verify_family(mine, SETTINGS)
    assert r.status is Status.PROVED and r.for_all_n, r.reason
    assert len(r.steps) == 2 and all(s.for_all_n for s in r.steps)
    assert all(calls[n] == 1 for n in transpose_chain.all_n) and calls["n"] == 1, calls
    assert sum(calls.values()) == len(transpose_chain.all_n) + 1
