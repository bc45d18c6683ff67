"""The Limit kind against the red team's holes (F2–F5): the kernel's guards and the numeric check's points."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Positive, Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.limit_points import PER_STEP, STEPS, offsets, sides
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted import kernel
from verifier.trusted.instantiate import ClaimError, Instance, instantiate
from verifier.trusted.kernel.base import Rejected

x, a, b = sp.symbols("x a b")


def _inst(body: Limit) -> Instance:
    return instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))


def _numeric(body: Limit) -> NumericVerdict:
    return spot_check(_inst(body), np.random.default_rng(0), Settings(samples=64)).verdict


@pytest.mark.parametrize(
    "body",
    [
        Limit(sp.sqrt(x), x, 0, 0),
        Limit(sp.log(1 - x), x, 1, -sp.oo),
        Limit(sp.floor(x), x, a, sp.floor(a), where={a: Real()}),
        Limit(sp.sin(a * x) / sp.sin(b * x), x, 0, a / b, where={a: Real(), b: Real()}),
        Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Real()}),
    ],
)
def test_the_kernel_refuses_a_limit_undefined_somewhere_or_at_a_symbolic_point(body: Limit) -> None:
    with pytest.raises(Rejected):
        kernel.prove_limit(_inst(body))


@pytest.mark.parametrize(
    "body",
    [
        Limit(sp.sqrt(x), x, 0, 0, dir="+"),
        Limit(sp.sin(x) / x, x, 0, 1),
        Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Positive()}),
        Limit((1 + a / x) ** x, x, sp.oo, sp.exp(a), where={a: Real()}),
    ],
)
def test_the_kernel_still_proves_true_limits(body: Limit) -> None:
    assert kernel.prove_limit(_inst(body)).rule == "limit"


def test_the_points_are_off_the_lattice_and_ordered_towards_the_point() -> None:
    us = offsets(np.random.default_rng(3))
    assert len(us) == len(STEPS) * PER_STEP
    (far,) = sides(Limit(sp.sin(sp.pi * x), x, sp.oo, 0), us)
    assert all(p != int(p) for p in far.points) and list(far.points) == sorted(far.points)
    right, left = sides(Limit(sp.sin(sp.pi / x), x, 0, 0), us)
    assert list(right.points) == sorted(right.points, reverse=True) and all(p < 0 for p in left.points)


@pytest.mark.parametrize(
    "body",
    [
        Limit(sp.sin(sp.pi * x), x, sp.oo, 0),
        Limit(sp.sin(sp.pi / x), x, 0, 0),
        Limit(sp.frac(x), x, sp.oo, 0),
        Limit(sp.sin(sp.pi * sp.log(x) / sp.log(10)), x, 0, 0, dir="+"),
    ],
)
def test_a_limit_that_does_not_exist_is_not_passed_by_aliasing(body: Limit) -> None:
    assert _numeric(body) is not NumericVerdict.PASS


@pytest.mark.parametrize(
    "body",
    [
        Limit(sp.tanh(x) ** x, x, -sp.oo, 1),
        Limit(sp.sqrt(x), x, 0, 0),
        Limit(sp.floor(x), x, a, sp.floor(a), where={a: Real()}),
        Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Real()}),
    ],
)
def test_a_complex_or_undefined_side_is_a_finding(body: Limit) -> None:
    assert _numeric(body) is NumericVerdict.FAIL


def test_a_value_complex_only_far_from_the_point_is_not_a_finding() -> None:
    assert _numeric(Limit((1 - 1000 / x) ** (x / 1000), x, sp.oo, sp.exp(-1))) is NumericVerdict.PASS


def test_a_claim_undefined_at_a_parameter_value_asks_to_narrow_the_domain() -> None:
    with pytest.raises(ClaimError, match="narrow the domain"):
        _numeric(Limit(sp.sin(a * x) / sp.sin(b * x), x, 0, a / b, where={a: Real(), b: Real()}))


def _limit_on_invertible(equals: sp.Expr, expr_of_det: object) -> object:
    """Limit(f(det M) + t, t → 0) = equals for M = [[x, 1], [1, y]] declared invertible: the sampler puts simple
    values in x and y, and x = y = 1 makes M singular (helper-52)."""
    from verifier import Invertible, claim
    from verifier import Limit as LimitClaim
    from verifier.engine import EngineSettings, verify_family
    from verifier.language.mathlib import Matrix

    y, t = sp.symbols("y t")
    m = Matrix([[x, 1], [1, y]])
    body = LimitClaim(expr_of_det(m.det()) + t, t, 0, equals=equals, where={m: Invertible()})  # type: ignore[operator]
    return verify_family(claim(name="on_invertible")(lambda: body), EngineSettings(samples=60, seed=0))


def test_a_limit_is_never_refuted_at_a_point_outside_the_domain() -> None:
    """sign(det M)² = 1 wherever M is invertible: the limit holds; it was REFUTED at singular samples."""
    from verifier.outcome import Status

    r = _limit_on_invertible(sp.Integer(1), lambda det: sp.sign(det) ** 2)
    assert r.status is not Status.REFUTED, r.reason  # type: ignore[attr-defined]


def test_a_false_limit_on_a_domain_is_refuted_at_a_point_of_it() -> None:
    from verifier.outcome import Status

    r = _limit_on_invertible(sp.Integer(5), lambda det: det)
    assert r.status is Status.REFUTED, r.reason  # type: ignore[attr-defined]
    values = r.counterexample.values["x"]  # type: ignore[attr-defined]
    assert sp.Matrix(values).det() != 0, values
