"""Convergence claims with memory (the secant method) and vector iterations (linear rates)."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from tests.support import ROOT
from verifier import Convergence, Interval, Nonzero, Real, claim
from verifier.engine import EngineSettings, mathtext, verify_family
from verifier.language.iteration import iteration_of
from verifier.language.mathlib import scalars, vector
from verifier.load import loader
from verifier.numeric.checks.multistep import (
    CONV_DPS,
    SUPERLINEAR_DPS,
    Estimate,
    compile_iteration,
    linear_estimator,
    superlinear_estimator,
)
from verifier.outcome import ClaimResult, Status
from verifier.trusted import kernel, rates
from verifier.trusted.instantiate import ClaimError, instantiate
from verifier.trusted.kernel import Rejected
from verifier.trusted.obligations import NotShowable

FAST = EngineSettings(samples=60)
PHI = (1 + sp.sqrt(5)) / 2
e_now, e_prev = scalars("e_k e_km")
a1, a2, a3 = scalars("a1 a2 a3")
GENERIC = {a1: Nonzero(), a2: Nonzero(), a3: Real()}
x = vector("x", 3)
Q = sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 5]])  # eigenvalues 1, 3, 5
c = sp.Matrix([1, -1, 2])
ROOT_X = Q.solve(-c)


def secant(f: sp.Lambda, now: sp.Symbol, prev: sp.Symbol) -> sp.Expr:
    return now - f(now) * (now - prev) / (f(now) - f(prev))


def cubic_model() -> sp.Lambda:
    """f(x* + e) = a₁e + a₂e² + a₃e³."""
    t = sp.Dummy("t")
    return sp.Lambda(t, a1 * t + a2 * t**2 + a3 * t**3)


def secant_claim(order: sp.Expr, constant: sp.Expr) -> Convergence:
    return Convergence(secant(cubic_model(), e_now, e_prev), (e_now, e_prev), 0, order, constant, where=GENERIC)


def gd_claim(eta: sp.Expr, rate: sp.Expr, start: sp.Matrix | None = None) -> Convergence:
    return Convergence(x - eta * (Q * x + c), x, root=ROOT_X, order=1, constant=rate, start=start)


def verify(body: Convergence, expect: str = "holds") -> ClaimResult:
    return verify_family(claim(expect=expect)(lambda: body), FAST)


# ----------------------------------------------------------------------------- the secant method


def test_the_secant_order_and_constant_are_proved_by_the_kernel() -> None:
    r = verify(secant_claim(PHI, sp.Abs(a2 / a1) ** (PHI - 1)))
    assert r.status is Status.PROVED and r.met
    proof = r.proofs[0]
    assert proof.rule == "leading term with memory"
    assert "K = a2/a1" in proof.detail and "q² = a₀q + a₁" in proof.detail
    assert "starting values close enough to the root" in proof.assumptions
    assert r.numeric[0].samples >= 3 and r.numeric[0].max_error < 1e-3


def test_one_start_is_one_sample() -> None:
    """Newton's step for √2, with no parameter to sample: 'numerics agree on 1 samples' read badly."""
    t = sp.Symbol("t")
    r = verify(Convergence(t - (t**2 - 2) / (2 * t), t, sp.sqrt(2), 2, 1 / (2 * sp.sqrt(2))))
    assert r.status is Status.PROVED, r.reason
    assert "numerics agree on 1 sample (" in r.reason, r.reason


def test_claiming_order_two_for_the_secant_method_is_refuted_in_high_precision() -> None:
    r = verify(secant_claim(2, sp.Abs(a2 / a1)), expect="refuted")
    assert r.status is Status.REFUTED and r.met
    cx = r.counterexample
    assert cx is not None and cx.digits == 2 * SUPERLINEAR_DPS
    assert "order ≈ 1.618" in cx.observed and "order 2" in cx.claimed


def test_a_constant_ten_percent_off_is_refuted_and_rejected_by_the_kernel() -> None:
    body = secant_claim(PHI, sp.Rational(11, 10) * sp.Abs(a2 / a1) ** (PHI - 1))
    assert verify(body, expect="refuted").status is Status.REFUTED
    with pytest.raises(Rejected, match="constant is not"):
        kernel.prove_leading_term(instantiate(claim()(lambda: body).build(None)))


def test_a_wrong_order_is_shown_without_a_constant_estimated_at_it() -> None:
    """Newton's step for √a claimed linear with constant ½ showed 'observed order ≈ 2, constant ≈ 9.92e-25': the
    ratio at the claimed order 1, read as the constant of order 2. The order alone is shown, as for maps with memory;
    and the shrinker's note says what the random sample gave, not that it 'was off by order ≈ 2'."""
    t, a = sp.symbols("t a")
    r = verify(Convergence(t - (t**2 - a) / (2 * t), t, sp.sqrt(a), 1, sp.Rational(1, 2), where={a: Interval(1, 4)}))
    assert r.status is Status.REFUTED and r.counterexample is not None
    assert r.counterexample.observed == "order ≈ 2", r.counterexample.observed
    assert "constant ≈" not in r.reason and "random sample gave order ≈ 2" in r.counterexample.note


@pytest.mark.parametrize(
    ("order", "constant", "why"),
    [
        (2, sp.Abs(a2 / a1), "not a root > 1"),
        (1 - PHI, sp.Abs(a2 / a1), "not a root > 1"),  # the other root of q² = q + 1
        (PHI, sp.Abs(a2 / a1), "constant is not"),  # Newton's constant, not raised to φ − 1
        (PHI, -(sp.Abs(a2 / a1) ** (PHI - 1)), "constant is not"),
    ],
)
def test_the_kernel_rejects_wrong_orders_and_constants(order: sp.Expr, constant: sp.Expr, why: str) -> None:
    inst = instantiate(claim()(lambda: secant_claim(order, constant)).build(None))
    with pytest.raises(Rejected, match=why):
        kernel.prove_leading_term(inst)


def test_the_numeric_estimate_of_the_secant_constant_is_accurate_without_the_kernel() -> None:
    """eˣ − 2 at log 2: the error map is not rational (no proof), yet the fit finds (1/2)^{φ−1} to ~1e-10,
    where |e_{k+1}|/|e_k|^φ itself is still 1% off after the ~8 steps 120 digits allow."""
    t = sp.Dummy("t")
    step = secant(sp.Lambda(t, sp.exp(t) - 2), e_now, e_prev)
    body = Convergence(step, (e_now, e_prev), sp.log(2), PHI, sp.Rational(1, 2) ** (PHI - 1))
    inst = instantiate(claim()(lambda: body).build(None))
    est = superlinear_estimator(compile_iteration(inst, body, iteration_of(body)))([], CONV_DPS)
    assert est is not None and est.ok and est.gap < 1e-6
    with mpmath.workdps(30):
        seen = mpmath.mpf(est.seen.split("constant ≈ ")[1])
        assert abs(seen - mpmath.mpf("0.5") ** (mpmath.phi - 1)) < 1e-9
    r = verify(body)
    assert r.status is Status.CHECKED and "not a rational function" in r.reason


def test_the_library_secant_claims_meet_their_expectations() -> None:
    families = {f.name: f for f in loader.load(ROOT / "derivations" / "newton.py").families}
    assert verify_family(families["secant_error_map"], FAST).status is Status.PROVED
    assert verify_family(families["secant_cubic"], FAST).status is Status.PROVED
    assert verify_family(families["secant_is_quadratic"], FAST).status is Status.REFUTED
    exponential = verify_family(families["secant_exponential"], FAST)
    assert exponential.status is Status.CHECKED and "not a rational function" in exponential.notes


# ----------------------------------------------------------------------------- linear rates of vector maps


def test_the_rate_of_gradient_descent_on_a_concrete_quadratic_is_proved() -> None:
    r = verify(gd_claim(sp.Rational(1, 4), sp.Rational(3, 4)))
    assert r.status is Status.PROVED and r.proofs[0].rule == "linear rate"
    assert "1/4, 3/4, -1/4" in r.proofs[0].detail.replace("[", "").replace("]", "") or "3/4" in r.proofs[0].detail
    assert r.numeric[0].max_error < 1e-12


def test_a_rate_from_the_wrong_end_of_the_spectrum_is_refuted() -> None:
    """η = 1/4: |1 − ηλ_max| = 1/4, but the mode of λ_min = 1 decays at 3/4."""
    r = verify(gd_claim(sp.Rational(1, 4), sp.Rational(1, 4)), expect="refuted")
    assert r.status is Status.REFUTED and r.met
    assert r.counterexample is not None and "rate ≈ 0.75" in r.counterexample.observed


def test_a_start_without_the_slow_mode_does_not_refute_a_true_rate() -> None:
    """Started along (1, 1, 0), the eigenvector of λ = 3 (factor 1/4), the given start alone shows 1/4;
    the second, generic start shows the true 3/4, and the larger estimate is kept."""
    start = ROOT_X + sp.Matrix([1, 1, 0]) / 1000
    assert Q * sp.Matrix([1, 1, 0]) == 3 * sp.Matrix([1, 1, 0])
    r = verify(gd_claim(sp.Rational(1, 4), sp.Rational(3, 4), start=start))
    assert r.status is Status.PROVED


@pytest.mark.slow
def test_a_rate_with_a_sampled_step_size_is_checked_and_a_wrong_one_refuted() -> None:
    eta = sp.Symbol("eta")
    where = {eta: Interval(sp.Rational(1, 10), sp.Rational(1, 5))}  # 1 − η·1 is the largest |1 − ηλ|
    body = Convergence(x - eta * (Q * x + c), x, root=ROOT_X, order=1, constant=1 - eta, where=where)
    r = verify(body)
    assert r.status is Status.CHECKED and "not a matrix of exact rational numbers" in r.reason
    wrong = Convergence(x - eta * (Q * x + c), x, root=ROOT_X, order=1, constant=1 - 3 * eta, where=where)
    assert verify(wrong, expect="refuted").status is Status.REFUTED


def test_heavy_ball_is_a_map_with_memory_and_a_linear_rate() -> None:
    """x_{k+1} = x_k − ½x_k + ¼(x_k − x_{k−1}): companion eigenvalues of modulus ½ (a complex pair)."""
    step = e_now - e_now / 2 + (e_now - e_prev) / 4
    r = verify(Convergence(step, (e_now, e_prev), 0, 1, sp.Rational(1, 2)))
    assert r.status is Status.CHECKED and "complex eigenvalues" in r.reason
    bad = verify(Convergence(step, (e_now, e_prev), 0, 1, sp.Rational(3, 4)), expect="refuted")
    assert bad.status is Status.REFUTED


def test_a_jordan_block_is_judged_within_its_own_transient() -> None:
    """A Jordan block shows ρ·(1 + O(1/N)) over N steps: the true rate is accepted by the estimate's
    own spread (not by 1e-6), a claim 1% off is not refuted, a claim 20% off is."""

    def estimate(rate: sp.Expr) -> Estimate | None:
        jordan = sp.Matrix([[sp.Rational(1, 2), 1, 0], [0, sp.Rational(1, 2), 0], [0, 0, 0]])
        body = Convergence(jordan * x, x, root=sp.zeros(3, 1), order=1, constant=rate)
        inst = instantiate(claim()(lambda: body).build(None))
        return linear_estimator(compile_iteration(inst, body, iteration_of(body)))([], CONV_DPS)

    true = estimate(sp.Rational(1, 2))
    assert true is not None and true.ok and true.gap > 1e-4
    near = estimate(sp.Rational(101, 200))
    assert near is None or near.ok
    far = estimate(sp.Rational(3, 5))
    assert far is not None and not far.ok


def test_the_library_rate_claims_meet_their_expectations() -> None:
    families = {f.name: f for f in loader.load(ROOT / "derivations" / "gradient_descent.py").families}
    for name in ("linear_rate", "linear_rate_at_balanced_step"):
        assert verify_family(families[name], FAST).status is Status.PROVED
    assert verify_family(families["linear_rate_from_lambda_max"], FAST).status is Status.REFUTED


# ----------------------------------------------------------------------------- shapes, the one-step form


def test_the_one_step_form_is_unchanged_and_a_one_tuple_means_the_same() -> None:
    t = scalars("t")[0]
    step = t - (t**3 - 2 * t - 4) / (3 * t**2 - 2)
    plain = verify(Convergence(step, t, root=2, order=2, constant=sp.Rational(3, 5)))
    tupled = verify(Convergence(step, (t,), root=2, order=2, constant=sp.Rational(3, 5), start=(sp.Rational(21, 10),)))
    for r in (plain, tupled):
        assert r.status is Status.PROVED and r.proofs[0].rule == "leading term"
    signed = verify(Convergence(step, t, root=2, order=2, constant=-sp.Rational(3, 5)), expect="refuted")
    assert signed.status is Status.REFUTED, "a one-step map of integer order keeps its signed constant"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (Convergence(x, x, root=sp.zeros(3, 1), order=2, constant=1), "linear rate: order=1"),
        (Convergence(e_now, (e_now, e_prev), root=0, order=1, constant=1, start=(1,)), "start has 1 iterate"),
        (Convergence(x[:2, :], x, root=sp.zeros(3, 1), order=1, constant=1), "step 2"),
        (Convergence(e_now, (e_now, e_now), root=0, order=1, constant=1), "distinct symbols"),
    ],
)
def test_malformed_iterations_are_claim_errors(body: Convergence, message: str) -> None:
    with pytest.raises(ClaimError, match=message):
        instantiate(claim()(lambda: body).build(None))


def test_statements_render_with_the_previous_iterates_and_norms() -> None:
    latex, mathml = mathtext.render(claim()(lambda: secant_claim(PHI, sp.Abs(a2 / a1) ** (PHI - 1))).build(None))
    assert "x_{k-1}" in latex and r"\left|e_{k+1}\right| \sim" in latex and "e_{km}" not in latex
    gd = claim()(lambda: gd_claim(sp.Rational(1, 4), sp.Rational(3, 4))).build(None)
    (latex, mathml), text = mathtext.render(gd), mathtext.unicode_text(gd)
    assert r"\|e\|_{k+1} \sim" in latex and "‖e‖ₖ" in text and "&#x2016;" in mathml


def test_the_kernel_decides_signs_of_algebraic_numbers_only() -> None:
    assert rates.sign(sp.sqrt(3) - 1) == 1 and rates.sign(sp.sqrt(2) - sp.Rational(7, 5)) == 1
    assert rates.sign((1 + sp.sqrt(5)) / 2 - 1 - 1 / ((1 + sp.sqrt(5)) / 2)) == 0  # φ − 1 = 1/φ
    for undecided in (sp.pi - 3, sp.Float("0.6") - sp.sqrt(2) / 2, sp.Symbol("t") - 1):
        with pytest.raises(NotShowable):
            rates.sign(undecided)
