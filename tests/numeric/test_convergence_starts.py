"""A one-step scalar map, a superlinear map with memory and a vector map are iterated only from the sides of the
root that the state's declared domain holds (red team 119): x/2 + 2(x − |x|) on x ≥ 0 grew from the mirrored
start left of 0, an "ENGINE INCONSISTENCY" beside the kernel's proof, and the same maps on [−1, 0] were REFUTED
from the right."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verifier.language.claims import Convergence
from verifier.language.domains import Interval, Nonnegative
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import spot_check
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate

x = sp.Symbol("x", real=True)
xk, xk1 = sp.symbols("x_k x_km1", real=True)
HALF, PHI, LEFT = sp.Rational(1, 2), (1 + sp.sqrt(5)) / 2, Interval(-1, 0)
RIGHT_ONLY = x / 2 + 2 * (x - sp.Abs(x))  # x/2 on x ≥ 0, 4.5x left of 0
LEFT_ONLY = x * sp.Abs(x) + 3 * (x + sp.Abs(x))  # −x² on x ≤ 0, x² + 6x right of 0
TWO_POINT = -xk * xk1 * (1 + xk) + 2 * (xk + sp.Abs(xk)) * xk1  # K = −1 on x_k ≤ 0, K = 3 right of 0


def _numeric(body: Convergence) -> NumericVerdict:
    inst = instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))
    return spot_check(inst, np.random.default_rng(0), Settings(samples=64)).verdict


@pytest.mark.parametrize(
    "body",
    [
        Convergence(RIGHT_ONLY, x, root=0, order=1, constant=HALF, where={x: Nonnegative()}),
        Convergence(x / 2 + 2 * (x + sp.Abs(x)), x, root=0, order=1, constant=HALF, where={x: LEFT}),
        Convergence(LEFT_ONLY, x, root=0, order=2, constant=-1, where={x: LEFT}),
        Convergence(TWO_POINT, (xk, xk1), root=0, order=PHI, constant=1, where={xk: LEFT, xk1: LEFT}),
    ],
)
def test_a_map_true_on_its_domain_passes_from_starts_inside_it(body: Convergence) -> None:
    assert _numeric(body) is NumericVerdict.PASS


@pytest.mark.parametrize(
    "body",
    [
        Convergence(RIGHT_ONLY, x, root=0, order=1, constant=sp.Rational(3, 5), where={x: Nonnegative()}),
        Convergence(LEFT_ONLY, x, root=0, order=2, constant=sp.Rational(-11, 10), where={x: LEFT}),
        Convergence(TWO_POINT, (xk, xk1), root=0, order=PHI, constant=sp.Rational(11, 10), where={xk: LEFT, xk1: LEFT}),
    ],
)
def test_a_wrong_constant_is_still_refuted_from_the_domains_side(body: Convergence) -> None:
    assert _numeric(body) is NumericVerdict.FAIL


def test_a_vector_map_starts_on_each_entrys_side_of_a_mixed_orthant() -> None:
    x, y = sp.symbols("x y", real=True)
    step = sp.Matrix([x / 2 + (x - sp.Abs(x)) / 8, y / 2 + (y + sp.Abs(y)) / 8])  # 3/4 off the quadrant
    quadrant = {x: Nonnegative(), y: LEFT}
    body = Convergence(step, sp.Matrix([x, y]), root=sp.Matrix([0, 0]), order=1, constant=HALF, where=quadrant)
    assert _numeric(body) is NumericVerdict.PASS
