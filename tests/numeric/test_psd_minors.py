"""The principal minors a PSD claim in one symbol is refuted by (numeric/checks/psd_minors.py): written as the sum
over permutations, never through sympy's det, which cancels as it eliminates and never ended on a 2×2 matrix of
logistic slopes (the claim ran into its time limit, UNKNOWN)."""

from __future__ import annotations

import itertools
import signal

import sympy as sp

from verifier import claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.claims import PSD
from verifier.language.domains import Interval
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import psd_minors
from verifier.outcome import Status
from verifier.trusted.instantiate import instantiate

t = sp.Symbol("t", real=True)


def _slope(u: sp.Expr) -> sp.Expr:
    q = 1 / (1 + sp.exp(-u))
    return q * (1 - q)


def test_a_minor_is_the_determinant_written_out() -> None:
    a = sp.Matrix(3, 3, sp.symbols("a:9"))
    assert sp.expand(psd_minors._determinant(a) - a.det()) == 0
    for rows in itertools.combinations(range(3), 2):
        sub = a.extract(list(rows), list(rows))
        assert sp.expand(psd_minors._determinant(sub) - sub.det()) == 0
    assert psd_minors._determinant(sp.Matrix([[t]])) == t


def test_the_minors_of_a_matrix_of_logistic_slopes_are_written_at_once_and_it_is_decided() -> None:
    """[[s₁ + s₂, s₂], [s₂, s₂ + s₃]] with sᵢ = σ(it)(1 − σ(it)) on [300, 3000] is PSD (a sum of s·aaᵀ), and
    [[s₂, s₂], [s₂, s₂ − s₃]] is not (det −s₂s₃ < 0). Both ran into their time limit in the minors' det; each
    minors are written at once now, and the false one is refuted (an alarm of five minutes stands in for the time
    limit; the true one is a soundness probe, probe_psd_scales.py)."""
    s1, s2, s3 = _slope(t), _slope(2 * t), _slope(3 * t)
    true = PSD(sp.Matrix([[s1 + s2, s2], [s2, s2 + s3]]), where={t: Interval(300, 3000)})
    false = PSD(sp.Matrix([[s2, s2], [s2, s2 - s3]]), where={t: Interval(300, 3000)})
    signal.signal(signal.SIGALRM, _stuck)
    signal.alarm(300)
    try:
        for body in (true, false):
            psd_minors.probe(instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None)), body)
        settings = EngineSettings(samples=200, diagnose=False)
        assert verify_family(claim(name="false")(lambda: false), settings).status is Status.REFUTED
    finally:
        signal.alarm(0)


def _stuck(signum: int, frame: object) -> None:
    raise AssertionError("still working after five minutes")
