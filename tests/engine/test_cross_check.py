"""A claim proved for every n is cross-checked, not proved again at each n (issue 42): explicit proofs at
its two smallest n, numeric checks on a quarter of the samples at every n where it is defined (the kernel
requires each: tests/quality/soundness/probes/probe_cross_check_n.py holds claims that only the numbers at a
middle n refute), and the claim stated by the kernel at every n; after one explicit proof, the next n are
checked on a quarter too, and in full where the ladder cannot prove them."""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.engine.verify import CROSS_CHECK_PROOFS
from verifier.language.text import n_text
from verifier.outcome import NumericVerdict, Status
from verifier.trusted import kernel

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
        sizes = list(family.all_n)
        assert [e.n for e in r.numeric] == sizes  # every n, checked numerically
        assert all(e.samples == SETTINGS.samples // 4 for e in r.numeric)  # a quarter of the samples
        assert "explicit cross-check" in r.reason
        rest = n_text([n for n in sizes[CROSS_CHECK_PROOFS:] if n is not None])
        assert f"checked numerically at n = {rest}" in r.reason


def test_the_kernel_wants_a_claim_proved_for_every_n_checked_at_every_n() -> None:
    """With a proof for every n, the numeric verdicts must still cover every n the claim is stated at: one
    fewer, or a verdict at an n the claim was not stated at, is a walk that skipped an n (UNKNOWN, flagged)."""
    from verifier.strategies import dimension

    found = dimension.attempt(transpose_of_a_sum)
    assert found is not None and found.proof is not None
    stated = [kernel.state(transpose_of_a_sum, n) for n in transpose_of_a_sum.all_n]
    every = list(transpose_of_a_sum.all_n)
    assert every == [1, 2, 3, 4, 5, 6]
    passed = [NumericVerdict.PASS] * len(every)

    def judged(checked: list[int | None], verdicts: list[NumericVerdict] = passed) -> tuple[Status, bool]:
        return kernel.judge(transpose_of_a_sum, stated, [], verdicts, None, found.proof, checked)

    assert judged(every) == (Status.PROVED, False)
    three = [NumericVerdict.PASS] * 3
    assert judged([1, 2, 6], three) == (Status.UNKNOWN, True)  # the middle n were not checked
    assert judged([1, 2, 3, 4, 5], passed[:5]) == (Status.UNKNOWN, True)  # the largest n was not checked
    assert judged([1, 2, 3, 4, 5, 7]) == (Status.UNKNOWN, True)  # n = 7 is not one of the claim's
    assert judged([1, 1, 3, 4, 5, 6]) == (Status.UNKNOWN, True)
    assert kernel.judge(transpose_of_a_sum, stated, [], three, None, None, [1, 2, 6]) == (Status.UNKNOWN, True)


def test_a_claim_with_no_proof_for_every_n_is_still_refuted_at_its_smallest_failing_n() -> None:
    r = verify_family(a_wrong_transpose, SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None and r.counterexample.n == 2


@claim(n=range(1, 6))
def square_of_a_sum(n: int) -> Identity:
    xs = sp.symbols(f"x1:{n + 1}")
    return Identity(sp.Add(*xs) ** 2, sp.expand(sp.Add(*xs) ** 2), where={x: Real() for x in xs})


@claim(n=range(1, 6))
def square_of_a_sum_then_arctangents(n: int) -> Identity:
    """From n = 3 a term no rung reduces: atan(x) + atan(1/x) − π/2 = 0 for x > 0 (true, not proved)."""
    xs = sp.symbols(f"x1:{n + 1}", positive=True)
    extra = sp.atan(xs[0]) + sp.atan(1 / xs[0]) - sp.pi / 2 if n >= 3 else sp.Integer(0)
    return Identity(sp.Add(*xs) ** 2 + extra, sp.expand(sp.Add(*xs) ** 2), where={x: Positive() for x in xs})


def test_after_one_proof_each_further_n_is_checked_on_a_quarter_of_the_samples() -> None:
    r = verify_family(square_of_a_sum, SETTINGS)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason
    assert r.proved_n == [1, 2, 3, 4, 5]
    full, share = SETTINGS.samples, SETTINGS.samples // 4
    assert [(e.n, e.samples) for e in r.numeric] == [(1, full), (2, share), (3, share), (4, share), (5, share)]


def test_an_n_the_ladder_cannot_prove_is_checked_again_on_all_the_samples() -> None:
    r = verify_family(square_of_a_sum_then_arctangents, SETTINGS)
    assert r.status is Status.CHECKED and r.proved_n == [1, 2], r.reason
    full, share = SETTINGS.samples, SETTINGS.samples // 4
    assert [(e.n, e.samples) for e in r.numeric] == [(1, full), (2, share), (3, full), (4, full), (5, full)]
    assert "numerics agree on 340 samples" in r.reason


def test_a_chain_is_proved_at_every_size_where_its_steps_are_or_hold_for_every_n() -> None:
    """A step proved for every n (g = g) was cross-checked at two sizes only: the chain's sizes must not
    shrink to those two when its other steps are proved at each of its stated sizes (t = 1..3)."""
    from verifier.frontends import latex

    text = (
        "```verifier\ng: real; \\beta: (0, 1)\nt: 1..3\n```\n\n"
        "$$ \\frac{(1 - \\beta) \\sum_{s=1}^{t} \\beta^{t - s} g}{1 - \\beta^t}"
        " = \\frac{(1 - \\beta^t) g}{1 - \\beta^t} $$\n"
        "$$ = g $$\n"
    )
    families, errors = latex.parse_chains(text, "adam.md", "adam")
    assert errors == [], errors
    r = verify_family(families[0], SETTINGS)
    assert r.status is Status.PROVED, r.reason
    assert r.steps[-1].for_all_n and not r.steps[0].for_all_n
    assert r.proved_n == [1, 2, 3]
