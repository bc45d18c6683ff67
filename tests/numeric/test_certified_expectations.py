"""Certified expectations (numeric/integrate.py, numeric/growth.py, numeric/checks/certified.py).

Every enclosure is tested against a value known in closed form and computed here in mpmath at
60 digits, independently of arb: the ball must contain it and be narrow. The Gaussian tail bound
is tested against the tail itself (mpmath quadrature). Refusals are tested as refusals, and the
claim-level verdicts through verify_family.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from flint import acb, arb

from verifier import Bernoulli, Expectation, Interval, Normal, Real, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import normal_cdf, sigmoid
from verifier.numeric import enclose, growth, integrate
from verifier.numeric.checks.certified import to_mp
from verifier.numeric.enclose import Unsupported
from verifier.outcome import Status

X, Y, M = sp.symbols("X Y M")
a = sp.Symbol("a")
BITS = 128
FAST = EngineSettings(samples=40)


def _mp(expr: sp.Expr) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.mpf(str(sp.N(expr, 60)))


def _contains(ball: arb, value: sp.Expr, width: float = 1e-30) -> None:
    """The ball holds the value (known to 60 digits, so up to 10⁻⁵⁵ relative) and is narrow."""
    exact = _mp(value)
    with mpmath.workdps(60):
        mid, rad = to_mp(ball), to_mp(arb(ball.rad()))
        slack = mpmath.mpf(10) ** -55 * max(1, abs(exact))
        assert abs(exact - mid) <= rad + slack, (ball, exact)
    assert float(ball.rad()) < width * max(1.0, abs(float(exact))), ball


def _phi(m: sp.Expr) -> sp.Expr:
    return sp.exp(-(m**2) / 2) / sp.sqrt(2 * sp.pi)


@pytest.mark.parametrize(
    ("f", "value"),
    [
        (sp.sqrt(X), sp.Rational(2, 3)),  # a branch point at the endpoint
        (X ** sp.Rational(1, 3), sp.Rational(3, 4)),
        (1 / (1 + X), sp.log(2)),
        (sp.cos(X), sp.sin(1)),
        (sp.Abs(X - sp.Rational(1, 2)), sp.Rational(1, 4)),  # the kink at the integrator's first split
        (sp.Abs(X - sp.pi / 4), ((sp.pi / 4) ** 2 + (1 - sp.pi / 4) ** 2) / 2),  # a kink at an irrational point
        (sp.Max(X - sp.Rational(1, 3), 0), sp.Rational(2, 9)),
        (sp.sin(1000 * X), (1 - sp.cos(1000)) / 1000),  # 159 periods
    ],
)
def test_a_uniform_expectation_is_enclosed(f: sp.Expr, value: sp.Expr) -> None:
    _contains(integrate.uniform_mean(f, X, 0, 1, BITS), value)


def test_a_uniform_expectation_on_a_shifted_interval() -> None:
    ball = integrate.uniform_mean(sp.exp(X), X, -2, sp.Rational(1, 3), BITS)
    _contains(ball, (sp.exp(sp.Rational(1, 3)) - sp.exp(-2)) / (sp.Rational(1, 3) + 2))


@pytest.mark.parametrize(
    ("f", "mean", "variance", "value"),
    [
        (sigmoid(X), 0, 1, sp.Rational(1, 2)),
        (sp.tanh(X), 0, 1, 0),
        (sp.Abs(X), 0, 1, sp.sqrt(2 / sp.pi)),  # the kink at the mean: the first split
        (sp.Max(X, 0), 0, 1, 1 / sp.sqrt(2 * sp.pi)),
        (sp.Abs(X - sp.Rational(1, 3)), 0, 1, 2 * _phi(sp.Rational(1, 3)) + sp.erf(1 / (3 * sp.sqrt(2))) / 3),
        (sp.sin(X) ** 2, 0, 1, (1 - sp.exp(-2)) / 2),
        (sp.exp(-(X**2)), 0, 1, 1 / sp.sqrt(3)),
        (normal_cdf(X), 0, 1, sp.Rational(1, 2)),
        (sp.exp(X), 1, 4, sp.exp(3)),  # e^{μ + σ²/2}: a tail of growth e^{|x|}
        (sp.exp(3 * X), 0, 1, sp.exp(sp.Rational(9, 2))),
        (X**2 * sp.exp(2 * X), 0, 1, 5 * sp.exp(2)),  # (1 + t²)e^{t²/2} at t = 2
        (sp.cosh(4 * X), 0, 1, sp.exp(8)),
        (sp.cos(X / 10**6), 0, 1, sp.exp(-sp.Rational(1, 2 * 10**12))),  # 5·10⁻¹³ below 1
        (sp.cos(2 * X), -1, sp.Rational(1, 4), sp.cos(2) * sp.exp(-sp.Rational(1, 2))),
    ],
)
def test_a_gaussian_expectation_is_enclosed_with_its_tails(
    f: sp.Expr, mean: int, variance: object, value: object
) -> None:
    _contains(integrate.gaussian_mean(f, X, mean, variance, BITS), sp.sympify(value))


def test_a_mean_decided_only_by_the_far_tail_is_seen() -> None:
    """E max(X − 8, 0) = φ(8) − 8(1 − Φ(8)) ≈ 7·10⁻¹⁷, 0 to any sampler."""
    value = _phi(sp.Integer(8)) - 8 * sp.erfc(8 / sp.sqrt(2)) / 2
    ball = integrate.gaussian_mean(sp.Max(X - 8, 0), X, 0, 1, BITS)
    _contains(ball, value)
    assert ball > 0


@pytest.mark.parametrize(
    ("f", "mu", "var"),
    [
        (sp.Abs(X) ** 3 * sp.exp(X), 0, 1),
        (sp.exp(2 * X), 1, 4),
        (sp.sqrt(1 + X**2), -2, sp.Rational(1, 4)),
        (X**5, 0, 1),
        (sp.log(1 + X**2), 3, 9),
        (sigmoid(X) * X**2, 0, 1),
    ],
)
@pytest.mark.parametrize("R", [8, 12])
def test_the_tail_bound_is_above_the_tail(f: sp.Expr, mu: int, var: object, R: int) -> None:
    bound = growth.gaussian_tail(growth.growth(f, X), arb(mu), arb(str(sp.sqrt(var).evalf(30))), arb(R))
    fn = sp.lambdify(X, f, "mpmath")
    sigma = mpmath.sqrt(mpmath.mpf(sp.Rational(var).p) / sp.Rational(var).q)
    with mpmath.workdps(30):
        side = [[R, R + 10, mpmath.inf], [-mpmath.inf, -R - 10, -R]]
        tail = sum(mpmath.quad(lambda t: abs(fn(mu + sigma * t)) * mpmath.npdf(t), s) for s in side)
        assert bound.is_finite() and mpmath.mpf(bound.lower().str(30, radius=False)) >= tail


def test_a_growth_bound_holds_at_many_points() -> None:
    exprs = [
        sigmoid(X),
        X * sigmoid(X),
        sp.log(1 + X**2) * sp.cos(X),
        sp.exp(-X) / (1 + sp.exp(-X)),
        sp.Max(X, -(X**2)),
    ]
    for f in exprs:
        g = growth.growth(f, X)
        fn = sp.lambdify(X, f, "mpmath")
        for x in [-30, -7.5, -1, -0.1, 0, 0.3, 2, 11, 40]:
            bound = float(g.A.upper()) * (1 + abs(x)) ** float(g.p) * mpmath.exp(float(g.c.upper()) * abs(x))
            assert abs(fn(x)) <= bound, (f, x)
            if g.lo is not None:
                assert fn(x) >= float(g.lo.lower()), (f, x)
            if g.hi is not None:
                assert fn(x) <= float(g.hi.upper()), (f, x)


def test_sigmoid_is_bounded_by_one_with_its_range() -> None:
    g = growth.growth(sigmoid(X), X)
    assert g.p == 0 and g.c == 0 and g.lo is not None and g.hi is not None
    assert g.lo >= 0 and g.hi <= 1


@pytest.mark.parametrize(
    ("f", "why"),
    [
        (sp.exp(X**2 / 4), "faster than linearly"),  # finite mean, but no growth bound of this kind
        (1 / X, "bounded away from 0"),
        (sp.sqrt(X), "not shown to be ≥ 0"),  # complex for X < 0
        (sp.log(X**2), "bounded away from 0"),
        (sp.tan(X), "no growth bound for tan"),
        (sp.loggamma(1 + X**2), "loggamma"),
    ],
)
def test_a_gaussian_integrand_without_a_growth_bound_is_refused(f: sp.Expr, why: str) -> None:
    with pytest.raises(Unsupported, match=why):
        integrate.gaussian_mean(f, X, 0, 1, BITS)


@pytest.mark.parametrize(
    ("f", "lo", "hi", "why"),
    [
        (sp.log(X), 0, 1, "not shown real and finite near"),  # integrable, but not enclosed at 0
        (1 / (X - sp.Rational(1, 3)), 0, 1, "not shown real and finite near"),  # a pole: no mean
        (sp.sqrt(X), -1, 1, "not shown real and finite near"),  # complex on [−1, 0)
        (sp.tan(X), 0, 2, "not shown real and finite near"),  # a pole at π/2
        (X, 1, 1, "needs b > a"),
    ],
)
def test_a_uniform_integrand_not_real_and_finite_is_refused(f: sp.Expr, lo: int, hi: int, why: str) -> None:
    with pytest.raises(Unsupported, match=why):
        integrate.uniform_mean(f, X, lo, hi, BITS)


def test_a_fractional_power_of_a_ball_at_zero_is_a_disc_off_the_analytic_mode() -> None:
    fn = enclose.compile_balls(X ** sp.Rational(2, 3), [X], complex_=True)
    z = acb(arb(0, 0.125))
    disc = fn([z], False)
    assert disc.is_finite() and 0 in disc  # a box around the disc of radius (1/8)^(2/3) = 1/4
    assert disc.real.rad() <= arb("0.251") and disc.imag.rad() <= arb("0.251")
    assert not fn([z], True).is_finite()  # not analytic at 0: the integrator must bisect


# ----------------------------------------------------------------------------- claim verdicts


@claim()
def sigmoid_mean_off_by_1e_20() -> Expectation:
    return Expectation(sigmoid(X), sp.Rational(1, 2) + sp.Rational(1, 10**20), noise={X: Normal(0, 1)})


@claim()
def scaled_sigmoid_mean() -> Expectation:
    return Expectation(sigmoid(a * X), sp.Rational(1, 2), noise={X: Normal(0, 1)}, where={a: Real()})


@claim()
def shifted_sigmoid_is_sigmoid_of_shift() -> Expectation:
    """Jensen's gap: E σ(X + a) ≠ σ(a) for a ≠ 0."""
    return Expectation(sigmoid(X + a), sigmoid(a), noise={X: Normal(0, 1)}, where={a: Interval(1, 2)})


@claim()
def coin_times_cdf() -> Expectation:
    p = sp.Symbol("p")
    return Expectation(M * normal_cdf(X), p / 2, noise={X: Normal(0, 1), M: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim()
def product_of_two_sigmoids() -> Expectation:
    return Expectation(sigmoid(X) * sigmoid(Y), sp.Rational(1, 4), noise={X: Normal(0, 1), Y: Uniform(-1, 1)})


@claim()
def sine_of_a_sum() -> Expectation:
    return Expectation(sp.sin(X + Y), 0, noise={X: Normal(0, 1), Y: Normal(0, 1)})


def test_a_false_non_polynomial_expectation_is_refuted_by_its_certified_value() -> None:
    r = verify_family(sigmoid_mean_off_by_1e_20, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert "E[1/(1 + exp(-X))] ∈ [0.5 − " in r.reason and "(certified, arb" in r.reason
    assert "claimed 0.50000000000000000001" in r.reason


def test_a_false_expectation_with_a_parameter_is_refuted_at_a_point() -> None:
    r = verify_family(shifted_sigmoid_is_sigmoid_of_shift, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert "(certified, arb" in r.reason


@pytest.mark.parametrize("family", [scaled_sigmoid_mean, coin_times_cdf, product_of_two_sigmoids])
def test_a_true_expectation_is_checked_and_says_it_was_certified(family: object) -> None:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert r.status is Status.CHECKED, r.reason
    assert "certified integration (arb" in r.reason and "certified to within" in r.reason


def test_an_integrand_it_cannot_split_falls_back_to_monte_carlo_and_says_so() -> None:
    r = verify_family(sine_of_a_sum, FAST)
    assert r.status is Status.CHECKED, r.reason
    assert "Monte Carlo only: no certified integration (a factor that depends on two noise variables" in r.reason


@claim(n=[3])
def vector_of_odd_and_even_means(n: int) -> Expectation:
    """E(σ(X), tanh(aX), cos X) = (½, 0, e^{−1/2}) with a wrong last entry for n = 3."""
    entries = [sigmoid(X), sp.tanh(a * X), sp.cos(X)]
    claimed = [sp.Rational(1, 2), 0, sp.exp(-sp.Rational(1, 2)) + sp.Rational(1, 10**15)]
    return Expectation(sp.Matrix(entries[:n]), sp.Matrix(claimed[:n]), noise={X: Normal(0, 1)}, where={a: Real()})


def test_a_vector_expectation_is_refuted_at_its_wrong_entry() -> None:
    r = verify_family(vector_of_odd_and_even_means, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert "E[cos(X)] ∈ [0.606530659712633" in r.reason


@claim()
def exponential_mean_doubled_when_huge() -> Expectation:
    """E e^{aX} = 2e^{a²/2} for a ∈ [40, 44]: wrong by a factor 2 where the values pass 10³⁴⁷."""
    return Expectation(sp.exp(a * X), 2 * sp.exp(a**2 / 2), noise={X: Normal(0, 1)}, where={a: Interval(40, 44)})


@claim()
def sigmoid_mean_off_in_decimals() -> Expectation:
    return Expectation(sigmoid(X), sp.Float(0.5) + sp.Float(1e-10), noise={X: Normal(0, 1)})


def test_a_gap_the_balls_show_is_confirmed_by_them_and_says_at_what_precision() -> None:
    """No recomputation at 50, 100 and (for values near 10⁴⁰⁰) 460 and 920 digits: the 128-bit balls of the
    integral and of the claimed value are apart, which is itself the certificate."""
    for family in (exponential_mean_doubled_when_huge, sigmoid_mean_off_by_1e_20):
        r = verify_family(family, FAST)
        assert r.status is Status.REFUTED, r.reason
        assert "(certified, arb, 128-bit)" in r.reason and "(confirmed at 38 digits)" in r.reason, r.reason
        assert r.counterexample is not None and r.counterexample.digits == 38


def test_a_claim_in_decimals_is_still_confirmed_in_mpmath_at_100_digits() -> None:
    r = verify_family(sigmoid_mean_off_in_decimals, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert "(confirmed at 100 digits)" in r.reason, r.reason
