"""A side with no real value at a point of a real domain is a finding, never a crash or a skipped sample.

Max(√x, 0) at x = −1 is Max(i, 0): sympy refuses it ("the argument 'I' is not comparable"), and so does
√x > 1 in a Piecewise ("invalid comparison of non-real I"); the exact refutation read those exceptions as
the verifier's own (an internal error). They say the side has no real value there, where the other side
has one: REFUTED, as (1 + √x)(1 − √x) = 1 − x on ℝ is at x = −1."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

FAST = EngineSettings(samples=40)
x = sp.Symbol("x")


@claim()
def max_of_a_root() -> Identity:
    return Identity(sp.Max(sp.sqrt(x), 0), sp.sqrt(sp.Max(x, 0)), where={x: Real()})


@claim()
def piecewise_on_a_root() -> Identity:
    return Identity(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), sp.Heaviside(x - 1, 0), where={x: Real()})


def test_a_side_sympy_cannot_evaluate_at_a_negative_point_is_complex_there_not_a_crash() -> None:
    for family in (max_of_a_root, piecewise_on_a_root):
        r = verify_family(family, FAST)  # type: ignore[arg-type]
        assert not r.internal_error, r.reason
        assert r.status is Status.REFUTED, r.reason
        assert r.counterexample is not None and r.counterexample.error == "complex", r.counterexample
        assert "the left side is complex (undefined in ℝ) at x = -" in r.reason, r.reason
