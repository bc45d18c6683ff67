"""A Hessian claim at a kink of f': f'' does not exist there, so the sample says nothing and is skipped, as a
first-order claim's sample at a kink of f is (`_kink`). max(x, 0)²'' = [x > 0]·2 was REFUTED at x = 0, where the
central difference averages the one-sided values 0 and 2 ("observed 1.0"), and (x|x|)'' = 2 was refuted at x = 0
instead of at a point x < 0 where f'' exists and is −2."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier import Derivative, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks import Settings, spot_check
from verifier.outcome import ClaimResult, NumericVerdict, Status
from verifier.trusted.instantiate import instantiate

x, y = sp.symbols("x y")
REALS = {x: Real()}
STEP = sp.Piecewise((2, x > 0), (0, True))  # max(x, 0)²'' wherever it exists
RAMP = sp.Piecewise((2, x + y > 0), (0, True))


def _verify(statement: Derivative) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=120, diagnose=False))


TRUE_WHERE_DEFINED = {
    "relu_squared": Derivative(sp.Max(x, 0) ** 2, wrt=x, order=2, equals=STEP, where=REALS),
    "x_abs_x": Derivative(x * sp.Abs(x), wrt=x, order=2, equals=sp.Piecewise((2, x >= 0), (-2, True)), where=REALS),
    "relu_squared_2d": Derivative(
        sp.Max(x + y, 0) ** 2,
        wrt=sp.Matrix([x, y]),
        order=2,
        equals=sp.Matrix([[RAMP, RAMP], [RAMP, RAMP]]),
        where={x: Real(), y: Real()},
    ),
}


@pytest.mark.parametrize("name", sorted(TRUE_WHERE_DEFINED))
def test_a_hessian_true_wherever_it_exists_is_not_refuted_at_a_kink(name: str) -> None:
    r = _verify(TRUE_WHERE_DEFINED[name])
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason


def test_a_false_hessian_is_refuted_where_it_exists_not_at_the_kink() -> None:
    """(x|x|)'' = 2 is false for every x < 0 (f'' = −2 there); x = 0, where f'' does not exist, is no witness."""
    r = _verify(Derivative(x * sp.Abs(x), wrt=x, order=2, equals=2, where=REALS))
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
    assert r.counterexample.values["x"] < 0, r.counterexample.values


@pytest.mark.parametrize(
    "statement",
    [
        Derivative(sp.Max(x, 0) ** 2, wrt=x, order=2, equals=sp.Piecewise((3, x > 0), (0, True)), where=REALS),
        Derivative(
            sp.Max(x + y, 0) ** 2,
            wrt=sp.Matrix([x, y]),
            order=2,
            equals=sp.Matrix([[RAMP, RAMP], [RAMP, 2 * RAMP]]),
            where={x: Real(), y: Real()},
        ),
    ],
    ids=["relu_squared_3", "relu_squared_2d_yy"],
)
def test_a_hessian_false_away_from_the_kink_stays_refuted(statement: Derivative) -> None:
    """Refuted where f'' exists (both were refuted at the kink before, by the central difference's average)."""
    r = _verify(statement)
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
    assert sum(r.counterexample.values.values()) != 0, r.counterexample.values  # not on the kink x (+ y) = 0


def test_a_sample_at_the_kink_is_skipped_and_counted_and_alone_is_no_evidence() -> None:
    """Only the kink x = 0 (as the shrinker checks one point): skipped, counted, and not a PASS."""
    inst = instantiate(claim(name="probe")(lambda: TRUE_WHERE_DEFINED["relu_squared"]).build(None))
    outcome = spot_check(inst, np.random.default_rng(0), Settings(points={x: np.array([0.0])}))
    assert outcome.verdict is NumericVerdict.INCONCLUSIVE, outcome.reason
    assert outcome.evidence.skipped == 1 and outcome.evidence.samples == 0, outcome.evidence
    assert "no sample was informative" in outcome.reason


def test_a_sample_beside_the_kink_still_refutes() -> None:
    """Only x = 1: f'' exists there and is 2, so a claimed 3 is refuted at that one point."""
    wrong = Derivative(sp.Max(x, 0) ** 2, wrt=x, order=2, equals=sp.Piecewise((3, x > 0), (0, True)), where=REALS)
    inst = instantiate(claim(name="probe")(lambda: wrong).build(None))
    outcome = spot_check(inst, np.random.default_rng(0), Settings(points={x: np.array([1.0])}))
    assert outcome.verdict is NumericVerdict.FAIL, outcome.reason


@claim()
def slope_of_a_step() -> Derivative:
    return Derivative(sp.Heaviside(x, 1), x, 0, where={x: Real()})


def test_the_reason_says_how_many_samples_were_skipped() -> None:
    """The sample at the step's jump says nothing of a derivative and is skipped; the console line said "numerics
    agree on 199 samples" without saying why not 200 (the Markdown and JSON reports did)."""
    r = verify_family(slope_of_a_step, EngineSettings(samples=200))
    skipped = sum(e.skipped for e in r.numeric)
    said = f"{skipped} skipped: no value there, a value beyond floats' range, or a kink"
    assert skipped > 0 and said in r.reason, r.reason
