"""Convexity false only on a small interval: pairs around the point where f curves the wrong way (`dent`)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp

from verifier import Convex, Interval, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric.checks import convex, dent
from verifier.outcome import Status
from verifier.trusted.instantiate import instantiate

x = sp.Symbol("x", real=True)


def _pairs(body: Convex) -> dict[sp.Symbol, np.ndarray] | None:
    claim = Claim(name="c", derivation="d", statement_text="", body=body, expect=Expect.HOLDS, n=None)
    derived = instantiate(dataclasses.replace(claim, body=convex.convexity_inequality(body)))
    return dent.pairs(instantiate(claim), body, derived)


def _ends(points: dict[sp.Symbol, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    by_name = {str(s): v for s, v in points.items()}
    return by_name["x_a"], by_name["x_b"], by_name["theta_mix"]


def test_pairs_straddle_a_dent_narrower_than_any_sample_spacing() -> None:
    points = _pairs(Convex(x**4 - sp.Rational(1, 10**6) * x**2, x, where={x: Real()}))
    assert points is not None
    a, b, theta = _ends(points)
    straddle = (a < 0) & (b > 0)  # x0 ± h; beside them (x0, x0 + 2h) and (x0 − 2h, x0), for a jump at x0
    assert straddle.any() and np.all(theta == 0.5) and np.all(a < b)
    assert np.allclose(a[straddle], -b[straddle]) and b[straddle].min() < 1e-6  # x0 = 0, far inside |x| < 4·10⁻⁴


def test_a_dent_at_a_closed_rational_end_is_approached_from_inside() -> None:
    """x³ on [−1/1000, 1]: f″ < 0 only on [−1/1000, 0). The float −0.001 lies below −1/1000, outside."""
    points = _pairs(Convex(x**3, x, where={x: Interval(sp.Rational(-1, 1000), 1)}))
    assert points is not None
    a, b, _ = _ends(points)
    assert all(sp.Rational(v) >= sp.Rational(-1, 1000) for v in a)
    assert np.all(b <= 1)


@pytest.mark.parametrize(
    "body",
    [
        Convex(x**4 + x**2, x, where={x: Real()}),  # f″ > 0
        Convex(x**4, x, where={x: Real()}),  # f″ = 0 at 0, never below
    ],
)
def test_no_pairs_where_f_never_curves_the_wrong_way_and_has_no_break(body: Convex) -> None:
    assert _pairs(body) is None


def test_pairs_from_a_domains_ends_do_not_refute_a_true_claim() -> None:
    """log x on (0, 5]: its ends are proposed (a dent may reach an open end), and the claim stays true."""
    body = Convex(sp.log(x), x, where={x: Interval(0, 5, open_lo=True)}, concave=True)
    assert _pairs(body) is not None
    r = verify_family(claim(name="log_concave")(lambda: body), EngineSettings(samples=60))
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason


def test_a_concavity_claim_looks_for_upward_curvature() -> None:
    points = _pairs(Convex(-(x**4) + sp.Rational(1, 10**6) * x**2, x, where={x: Real()}, concave=True))
    a, b, _ = _ends(points)
    assert points is not None and ((a < 0) & (b > 0)).any()
    assert _pairs(Convex(-(x**4) - x**2, x, where={x: Real()}, concave=True)) is None


@claim(expect="refuted")
def dent_at_zero() -> Convex:
    """x⁴ − 10⁻⁶x² is not convex: f″ < 0 for |x| < 4·10⁻⁴."""
    return Convex(x**4 - sp.Rational(1, 10**6) * x**2, x, where={x: Real()})


def test_the_dent_is_refuted_with_a_pair_confirmed_in_high_precision() -> None:
    result = verify_family(dent_at_zero, EngineSettings(samples=60))
    assert result.status is Status.REFUTED
    assert result.counterexample is not None
    values = result.counterexample.values
    a, b = float(values["x_a"]), float(values["x_b"])
    assert -4e-4 < a < b < 4e-4 and float(values["theta_mix"]) == 0.5  # a pair within the dent |x| < 4·10⁻⁴


def test_a_dent_along_no_axis_is_searched_along_the_hessians_eigenvector() -> None:
    """x⁴ + y⁴ − 10⁻⁶xy: along each axis through 0 it is x⁴, convex; its Hessian at 0, [[0, −10⁻⁶], [−10⁻⁶, 0]],
    curves down along (1, 1) only, and the pairs ±2⁻ᵏ(1, 1)/√2 straddle the dent (red team 162)."""
    y = sp.Symbol("y", real=True)
    v = sp.ImmutableMatrix([x, y])
    points = _pairs(Convex(x**4 + y**4 - sp.Rational(1, 10**6) * x * y, v, where={v: Real()}))
    assert points is not None
    by_name = {str(s): values for s, values in points.items()}
    diagonal = np.isclose(by_name["x_a"], by_name["y_a"]) & np.isclose(by_name["x_b"], by_name["y_b"])
    assert np.any(diagonal & (by_name["x_a"] * by_name["x_b"] < 0))  # a and b on either side of 0


def test_a_convex_function_of_two_variables_gives_no_eigenvector_pairs() -> None:
    y = sp.Symbol("y", real=True)
    v = sp.ImmutableMatrix([x, y])
    assert _pairs(Convex(x**2 + y**2 + sp.Rational(199, 100) * x * y, v, where={v: Real()})) is None


def test_a_dent_off_the_base_points_is_searched_along_each_eigenvectors_line() -> None:
    """u⁴ − 10⁻⁸u² + (2x − y)² with u = x + 2y − 1/3 curves down on |u| < 4·10⁻⁵ only, away from every base point:
    along the line through 0 in the direction (1, 2) the dent is at x = 1/15, and the pairs proposed there straddle
    u = 0 and fail at 50 digits (red team 170)."""
    y = sp.Symbol("y", real=True)
    v = sp.ImmutableMatrix([x, y])
    u = x + 2 * y - sp.Rational(1, 3)
    points = _pairs(Convex(u**4 - sp.Rational(1, 10**8) * u**2 + (2 * x - y) ** 2, v, where={v: Real()}))
    assert points is not None
    by_name = {str(s): values for s, values in points.items()}
    u_a, u_b = (by_name[f"x_{e}"] + 2 * by_name[f"y_{e}"] - 1 / 3 for e in "ab")
    assert np.any((u_a * u_b < 0) & (np.abs(by_name["x_a"] - 1 / 15) < 1e-3))  # a and b on either side of u = 0
