"""Certified confirmations in arb: a clear gap or clear round-off decided by enclosures, the rest left to mpmath."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp
from flint import arb

from verifier.language.claims import Derivative, Identity
from verifier.language.domains import Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric import balls, confirm
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.sampling import Settings
from verifier.numeric.confirm import Decision, certify
from verifier.numeric.enclose import precision
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

x, y = sp.symbols("x y")
A = sp.Symbol("a")
WHERE = {A: Real()}
SIGMA = 1 / (1 + sp.exp(-A))
SOFTPLUS = sp.log(1 + sp.exp(A))
LOG_EXP = sp.log(sp.exp(40 * x)) - 40 * x  # 0 exactly; floats at x = 1 cancel 40 against 40 ± 7e-15


def _enclosed(lhs: list[sp.Expr], rhs: list[sp.Expr], at: dict[sp.Symbol, sp.Rational]) -> confirm.BallSides:
    fn = balls.BallEvaluator(list(at), lhs + rhs)

    def sides() -> tuple[list[arb], list[arb], arb]:
        vals = fn.entries([balls.exact(v) for v in at.values()], range(len(lhs) + len(rhs)))
        return vals[: len(lhs)], vals[len(lhs) :], arb(0)

    return sides


def test_round_off_is_noise_and_a_real_gap_is_confirmed_by_the_enclosures() -> None:
    at = {x: sp.Rational(1), y: sp.Rational(1, 3)}
    noise = certify(_enclosed([sp.log(sp.exp(40 * x))], [40 * x], at))
    assert noise is not None and noise.decision is Decision.NOISE
    real = certify(_enclosed([sp.exp(x) * sp.exp(y)], [sp.exp(x * y)], at))
    assert real is not None and real.decision is Decision.CONFIRMED
    assert real.lhs.startswith(mpmath.nstr(mpmath.exp(mpmath.mpf(4) / 3), 12)[:12])


@pytest.mark.parametrize(
    ("lhs", "why"),
    [
        (40 * x + x / 10**39, "a gap of 2.5e-41 of the scale: neither clear noise nor a clear gap"),
        (sp.log(-x), "log of a negative: arb says nan, sympy means a complex value"),
        (sp.sqrt(-x), "a root of a negative"),
        (sp.I * x, "a complex constant"),
        (sp.gamma(x), "a function with no ball here"),
        (sp.Function("f")(x), "an undefined function"),
    ],
)
def test_what_the_enclosures_do_not_decide_goes_to_mpmath(lhs: sp.Expr, why: str) -> None:
    assert certify(_enclosed([lhs], [40 * x], {x: sp.Rational(1)})) is None, why


def test_a_directional_derivative_is_the_t_coefficient_of_a_series() -> None:
    f = sp.log(1 + sp.exp(x * y)) + sp.atan(x) * sp.sqrt(y)
    fn = balls.BallEvaluator([x, y], [f])
    point, v = (sp.Rational(1, 3), sp.Rational(5, 2)), (sp.Rational(1, 2), sp.Rational(-3))
    want = sum(sp.diff(f, s) * d for s, d in zip((x, y), v, strict=True)).subs({x: point[0], y: point[1]})
    second = sum(
        sp.diff(f, s, t) * a * b for s, a in zip((x, y), v, strict=True) for t, b in zip((x, y), v, strict=True)
    ).subs({x: point[0], y: point[1]})
    with precision(200):
        line = [balls.line(balls.exact(p), balls.exact(d), 2) for p, d in zip(point, v, strict=True)]
        series = fn.entries(line, [0])[0]
        for k, exact in ((1, want), (2, second / 2)):
            got = balls.coefficient(series, k)
            assert got.contains(arb(str(sp.N(exact, 60)))), (k, got, sp.N(exact, 30))
            assert got.rad() < arb("1e-50")


def _check(body: Identity | Derivative, monkeypatch: pytest.MonkeyPatch) -> NumericVerdict:
    """The spot check's verdict; every confirmation it asked for was decided by the enclosures."""
    decided: list[bool] = []

    def counted(sides: confirm.BallSides) -> confirm.Confirmation | None:
        found = certify(sides)
        decided.append(found is not None)
        return found

    monkeypatch.setattr(confirm, "certify", counted)
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    verdict = spot_check(inst, np.random.default_rng(0), Settings(samples=64)).verdict
    assert decided and all(decided)
    return verdict


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        (Identity(sp.log(sp.exp(40 * A)) / 40, A, where=WHERE), NumericVerdict.PASS),
        (Identity(sp.log(sp.exp(40 * A)) / 40, A + sp.Rational(1, 10**9), where=WHERE), NumericVerdict.FAIL),
        (Derivative(sp.log(1 + sp.exp(A)), wrt=A, equals=SIGMA * (1 + sp.Rational(1, 10**6)), where=WHERE),
         NumericVerdict.FAIL),
        (Derivative(SOFTPLUS, wrt=A, order=2, equals=SIGMA * (1 - SIGMA) * (1 + sp.Rational(1, 10**6)), where=WHERE),
         NumericVerdict.FAIL),
    ],
)  # fmt: skip
def test_near_misses_are_refuted_and_cancellations_pass_through_the_enclosures(
    body: Identity | Derivative, verdict: NumericVerdict, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _check(body, monkeypatch) is verdict
