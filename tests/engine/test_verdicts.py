"""The five verdicts, in process, on small claims written the way a user writes them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from verifier import PSD, Certificate, Derivative, Identity, Inequality, Positive, Real, Simplex, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import diag, dot, numeric_function, softmax, vector
from verifier.load import loader
from verifier.outcome import Status
from verifier.quality.alarms import measure_family

FAST = EngineSettings(samples=60)
x, y = sp.symbols("x y")


@claim(n=range(1, 5))
def softmax_jacobian(n: int) -> Derivative:
    """∂p/∂z = diag(p) − ppᵀ."""
    z = vector("z", n)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=diag(p) - p * p.T, where={z: Real()})


@claim(n=range(1, 5), expect="refuted")
def softmax_jacobian_wrong(n: int) -> Derivative:
    """Wrong: ∂p/∂z = diag(p)."""
    z = vector("z", n)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=diag(p), where={z: Real()})


def test_true_identity_is_proved() -> None:
    fam = claim()(lambda: Identity((x + y) ** 2, x**2 + 2 * x * y + y**2, where={x: Real(), y: Real()}))
    r = verify_family(fam, FAST)
    assert r.status is Status.PROVED and r.met
    assert r.proofs and r.proofs[0].rung == "expand"
    assert r.numeric[0].samples > 0 and r.numeric[0].max_error <= r.numeric[0].tolerance


def test_softmax_jacobian_proved_at_every_n_and_wrong_version_refuted() -> None:
    good = verify_family(softmax_jacobian, FAST)
    assert good.status is Status.PROVED
    assert good.proved_n == [1, 2, 3, 4]
    bad = verify_family(softmax_jacobian_wrong, FAST)
    assert bad.status is Status.REFUTED and bad.met
    assert bad.counterexample is not None
    assert bad.counterexample.n == 1, "the smallest failing n is reported"
    assert bad.counterexample.digits >= 50


def test_claim_the_ladder_cannot_prove_is_only_checked() -> None:
    frob = numeric_function("frob", lambda a: np.sqrt((a**2).sum(axis=(1, 2))), (2, 2))
    a = sp.ImmutableMatrix(2, 2, sp.symbols("a1:5"))
    body = Identity(frob(a) ** 2, sum(e**2 for e in a), where={a: Real()})
    r = verify_family(claim()(lambda: body), FAST)
    assert r.status is Status.CHECKED
    assert "no symbolic proof" in r.reason
    assert r.met


def test_false_inequality_refuted_with_values() -> None:
    t = sp.Symbol("t")
    sig = 1 / (1 + sp.exp(-t))
    r = verify_family(
        claim(expect="refuted")(lambda: Inequality(sig * (1 - sig), "<=", sp.Rational(1, 5), where={t: Real()})), FAST
    )
    assert r.status is Status.REFUTED
    assert r.counterexample is not None and "t" in r.counterexample.values


def test_psd_certificate_uses_simplex_free_softmax() -> None:
    n = 3
    z, v = vector("z", n), vector("v", n)
    p = softmax(z)
    pv = dot(p, v)
    body = PSD(
        diag(p) - p * p.T, where={z: Real()}, certificate=Certificate(v, tuple(p), tuple(v[i] - pv for i in range(n)))
    )
    r = verify_family(claim()(lambda: body), FAST)
    assert r.status is Status.PROVED
    assert r.proofs[0].rule == "PSD certificate"


def test_simplex_relation_is_used_and_listed() -> None:
    n = 3
    z, yv = vector("z", n), vector("y", n)
    p = softmax(z)
    loss = -sum(yv[i] * sp.log(p[i]) for i in range(n))
    body = Derivative(loss, wrt=z, equals=p - yv, where={z: Real(), yv: Simplex()})
    r = verify_family(claim()(lambda: body), FAST)
    assert r.status is Status.PROVED
    assert any("Σ y" in a for a in r.assumptions)


def test_malformed_claim_is_an_error_naming_the_problem() -> None:
    undeclared = claim(name="uses_b")(lambda: Identity(x + y, y + x, where={x: Real()}))
    r = verify_family(undeclared, FAST)
    assert r.status is Status.ERROR
    assert "y" in r.reason and "no domain" in r.reason
    shapes = claim(name="shapes")(lambda: Identity(vector("u", 2), vector("u", 3), where={}))
    r2 = verify_family(shapes, FAST)
    assert r2.status is Status.ERROR and "shape mismatch" in r2.reason


def test_nan_samples_are_never_a_counterexample_by_value() -> None:
    """A NaN is no value gap; but log x + log y = log xy is false on ℝ²: at x = y = −1 the left side
    is complex and the right side is 0, which is a finding confirmed in high precision (issue 24)."""
    body = Identity(sp.log(x) + sp.log(y), sp.log(x * y), where={x: Real(), y: Real()})
    r = verify_family(claim()(lambda: body), FAST)
    assert r.status is Status.REFUTED and "left side is complex" in r.reason, r.reason
    positive = Identity(sp.log(x) + sp.log(y), sp.log(x * y), where={x: Positive(), y: Positive()})
    assert verify_family(claim()(lambda: positive), FAST).status in (Status.CHECKED, Status.PROVED)


def test_same_seed_gives_identical_results() -> None:
    a = verify_family(softmax_jacobian_wrong, EngineSettings(seed=7, samples=40)).to_json()
    b = verify_family(softmax_jacobian_wrong, EngineSettings(seed=7, samples=40)).to_json()
    for d in (a, b):
        d.pop("seconds")
        for p in [*d["evidence"]["proofs"], *d["evidence"]["numeric"]]:
            p.pop("seconds")
    assert a == b


def test_arbitrary_functions_are_proved_symbolically_and_instantiated_numerically() -> None:
    t = sp.Symbol("t")
    f, g = sp.Function("f"), sp.Function("g")
    chain = claim()(
        lambda: Derivative(
            f(g(t)),
            wrt=t,
            equals=sp.Subs(sp.Derivative(f(x), x), x, g(t)).doit() * sp.Derivative(g(t), t),
            where={t: Real()},
        )
    )
    r = verify_family(chain, FAST)
    assert r.status is Status.PROVED
    assert "random smooth functions" in r.numeric[0].note
    wrong = claim(expect="refuted")(
        lambda: Derivative(
            f(t) * g(t), wrt=t, equals=sp.Derivative(f(t), t) * sp.Derivative(g(t), t), where={t: Real()}
        )
    )
    bad = verify_family(wrong, FAST)
    assert bad.status is Status.REFUTED


def test_a_newton_start_outside_the_roots_basin_is_no_evidence_and_no_crash() -> None:
    """Seen at seed 27 of the false-alarm run: with a tiny a₁ the iteration from e = 10⁻³
    settles on another root 0.00179 away, the errors stop changing, and the order estimate
    divided by log(1) = 0. Such a sample now says nothing, and the others decide."""
    newton = {f.name: f for f in loader.load(Path("derivations/newton.py")).families}
    stats = measure_family(newton["error_map"], EngineSettings(seed=27), seeds=1)
    assert stats.error == "" and stats.seeds == 1 and stats.false_alarms == 0 and stats.samples > 0


def test_the_false_alarm_run_measures_a_chain_by_its_steps() -> None:
    """A chain has no numeric check of its own; its steps are spot-checked, as the engine checks them."""
    chains = {f.name: f for f in loader.load(Path("derivations/latex_gelu.md")).families}
    stats = measure_family(chains["gelu_derivative"], EngineSettings(samples=40), seeds=2)
    assert stats.error == "", stats.error
    assert (stats.seeds, stats.false_alarms) == (2, 0)
    assert stats.samples == 2 * 3 * 40, "two seeds, three steps, 40 samples each"


def test_an_exact_comparison_says_so_instead_of_its_tolerance_floor() -> None:
    from verifier.language.text import margin_text

    assert margin_text(0.0, 1e-300) == "worst 0, tol 0 (exact)"
    assert margin_text(3.1e-16, 2.2e-14) == "worst 3.1e-16, tol 2.2e-14"
    assert margin_text(9.5e-301, 1e-300) == "worst 9.5e-301, tol 1e-300", "values below floats' range, not exact"


def test_the_worst_error_and_its_tolerance_are_in_one_unit_where_the_sides_underflow() -> None:
    """Both sides near 10⁻³⁰⁰: the error was divided by 10⁻³⁰⁰ (0.95) and the tolerance was not (10⁻³⁰⁰, shown as
    "0 (exact)"), so a pass within its tolerance read "worst 0.95, tol 0 (exact)" (logistic_loss.hessian at n = 4)."""
    from verifier.numeric.batch import compare

    left = np.array([[3e-301], [1.0]])
    right = left + np.array([[9e-301], [0.0]])
    cmp = compare(left, right, left, right)
    assert cmp.worst_margin() > 0.5, "the tiny sample is the worst, within its tolerance"
    assert cmp.worst_relative() / cmp.typical_tolerance() == pytest.approx(cmp.worst_margin())


def test_a_refuted_claim_proved_at_a_smaller_n_says_where_it_holds_not_proof() -> None:
    from verifier.outcome import RunReport
    from verifier.render import html

    loaded = loader.load(Path("derivations/autograd_reductions.py"))
    family = next(f for f in loaded.families if f.name == "matmul_gradient_left_swapped")
    r = verify_family(family, EngineSettings(samples=40))
    assert r.status is Status.REFUTED and r.proved_n == [1], (r.status, r.proved_n)
    page = html.render(RunReport(results=[r], seed=0, samples=40, seconds=1.0))
    assert "<dt>holds only at</dt><dd>n = 1 (residual is zero" in page
    assert "<dt>proof</dt>" not in page
