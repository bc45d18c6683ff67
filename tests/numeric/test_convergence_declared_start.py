"""A start the claim names is part of the claim: Newton's step on atan has order 3 and constant −2/3 at 0, and runs
away from x₀ = 10 (10 → 138.6 → 2.99·10⁴ → …). The check looked again from 10⁻⁵, where it converges, and the claim
"from x₀ = 10" was PROVED. It is REFUTED now, and the kernel's local proof is no inconsistency with that."""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier import Convergence, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks.convergence import FROM_THE_START
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x")
NEWTON_ATAN = x - (1 + x**2) * sp.atan(x)
CONSTANT = -sp.Rational(2, 3)


def _verify(statement: Convergence) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_an_iteration_that_runs_away_from_the_claims_start_is_refuted() -> None:
    r = _verify(Convergence(NEWTON_ATAN, x, root=0, order=3, constant=CONSTANT, start=10))
    assert r.status is Status.REFUTED, r.reason
    assert FROM_THE_START in r.reason and "ENGINE INCONSISTENCY" not in r.reason, r.reason


def test_a_start_inside_the_basin_and_no_start_at_all_are_proved() -> None:
    for start in (sp.Rational(1, 2), None):
        r = _verify(Convergence(NEWTON_ATAN, x, root=0, order=3, constant=CONSTANT, start=start))
        assert r.status is Status.PROVED, (start, r.reason)


def test_a_wrong_constant_from_a_start_that_converges_is_refuted_by_its_constant() -> None:
    """Only a start from which the iteration does not converge refutes a claim by its start alone."""
    r = _verify(Convergence(x / 2 + x**2, x, root=0, order=1, constant=sp.Rational(1, 3), start=sp.Rational(1, 4)))
    assert r.status is Status.REFUTED and FROM_THE_START not in r.reason, r.reason


def test_a_vector_map_that_runs_away_from_the_claims_start_is_refuted() -> None:
    """(x, y) ↦ (x − (1 + x²)·atan x, y/2) has the rate 1/2 at 0 and runs away from (10, 1): it was PROVED, the
    check's generic start near the root standing in for the claim's own."""
    x_, y_ = sp.symbols("x y")
    step = sp.Matrix([x_ - (1 + x_**2) * sp.atan(x_), y_ / 2])
    far, near = sp.Matrix([10, 1]), sp.Matrix([sp.Rational(1, 2), 1])
    body = Convergence(step, sp.Matrix([x_, y_]), root=sp.zeros(2, 1), order=1, constant=sp.Rational(1, 2), start=far)
    r = _verify(body)
    assert r.status is Status.REFUTED, r.reason
    assert FROM_THE_START in r.reason and "more than 1e+100" in r.reason, r.reason
    assert _verify(dataclasses.replace(body, start=near)).status is Status.PROVED


def test_a_start_whose_iterates_settle_on_another_root_or_a_cycle_is_refuted() -> None:
    """Newton's step for x² − 2 from −1 goes to −√2, for x³ − 2x + 2 from 0 cycles 0 → 1 → 0, and (x, y) ↦ (x², y/2)
    from (1, 1) stays at x = 1: each shrank its error at first or never grew it, gave no evidence, and the claim was
    PROVED from the generic starts near the root."""
    r3 = -sp.cbrt(1 + sp.sqrt(sp.Rational(19, 27))) - sp.cbrt(1 - sp.sqrt(sp.Rational(19, 27)))
    f, g = x**2 - 2, x**3 - 2 * x + 2
    x_, y_ = sp.symbols("x y")
    vector = sp.Matrix([x_**2, y_ / 2]), sp.Matrix([x_, y_]), sp.zeros(2, 1)
    for body, settles in (
        (Convergence(x - f / sp.diff(f, x), x, root=sp.sqrt(2), order=2, constant=1 / (2 * sp.sqrt(2)), start=-1),
         "a fixed point of the step at -1.414"),
        (Convergence(x - g / sp.diff(g, x), x, root=r3, order=2, constant=3 * r3 / (3 * r3**2 - 2), start=0),
         "a cycle of period 2"),
        (Convergence(*vector, order=1, constant=sp.Rational(1, 2), start=sp.Matrix([1, 1])), "a fixed point"),
    ):  # fmt: skip
        r = _verify(body)
        assert r.status is Status.REFUTED, r.reason
        assert settles in r.reason and FROM_THE_START in r.reason, r.reason
        assert "ENGINE INCONSISTENCY" not in r.reason, r.reason


def test_a_start_on_a_pole_of_the_step_is_refuted_and_a_slow_true_start_is_not() -> None:
    """Newton's step for x² − 2 has no value at x₀ = 0; x − x⁷ creeps toward 0 from 1/2 (a true claim, never
    refuted), its steps shrinking too slowly to look settled."""
    f = x**2 - 2
    at_pole = _verify(Convergence(x - f / sp.diff(f, x), x, root=sp.sqrt(2), order=2, constant=1 / (2 * sp.sqrt(2)),
                                  start=0))  # fmt: skip
    assert at_pole.status is Status.REFUTED and "(a pole)" in at_pole.reason, at_pole.reason
    creeping = _verify(Convergence(x - x**7, x, root=0, order=1, constant=1, start=sp.Rational(1, 2)))
    assert creeping.status is not Status.REFUTED, creeping.reason


def test_a_start_whose_iterates_wander_is_not_passed() -> None:
    """x/2 on |x| < 1 and a logistic map 2 + 4(x − 2)(3 − x) on [2, 3]: from 7/3 the iterates wander in [2, 3] and
    never settle; the rate 1/2 near 0 was CHECKED from the generic starts, and the start said nothing."""
    step = sp.Piecewise((x / 2, x**2 < 1), (2 + 4 * (x - 2) * (3 - x), True))
    r = _verify(Convergence(step, x, root=0, order=1, constant=sp.Rational(1, 2), start=sp.Rational(7, 3)))
    assert r.status is Status.UNKNOWN and "own start came no millionfold nearer" in r.reason, r.reason


def test_a_removable_singularity_on_the_orbit_is_no_pole() -> None:
    """x(x − 1)/(2(x − 1)) is x/2 but for 0/0 at 1, where the iterates from 2 pass: 'the step has no value at iterate
    1 (a pole)' REFUTED the true rate 1/2; the limit there is taken. A pole (1/(x − 1)² + x/2) or a jump
    (|x − 1|/(x − 1) + x/2) at 1 still refutes the start."""
    half = sp.Rational(1, 2)
    removable = _verify(Convergence(x * (x - 1) / (2 * (x - 1)), x, root=0, order=1, constant=half, start=2))
    assert removable.status is Status.PROVED, removable.reason
    for step in (x / 2 + (x - 1) ** 2 / (x - 1) ** 4, x / 2 + sp.Abs(x - 1) / (x - 1) / 4):
        r = _verify(Convergence(step, x, root=0, order=1, constant=half, start=1))
        assert r.status is Status.REFUTED and "(a pole)" in r.reason, (step, r.reason)


def test_the_mirror_of_a_far_start_that_settles_on_another_root_is_no_counterexample() -> None:
    """Newton's step for x² − 2 from 10²⁰: the check also starts from the mirror image across √2, −10²⁰, whose
    iterates halve their error down to 2√2 at −√2 and stay; a millionfold smaller, it was read as convergence with
    order ≈ 0, and the true claim was REFUTED (in a Piecewise the kernel does not prove; UNKNOWN with an 'ENGINE
    INCONSISTENCY' as a plain step)."""
    newton = x - (x**2 - 2) / (2 * x)
    c = 1 / (2 * sp.sqrt(2))
    for step, status in ((sp.Piecewise((newton, x > -(10**50)), (1, True)), Status.CHECKED), (newton, Status.PROVED)):
        r = _verify(Convergence(step, x, root=sp.sqrt(2), order=2, constant=c, start=10**20))
        assert r.status is status, r.reason


def test_a_far_declared_start_of_a_map_with_memory_is_followed_past_its_linear_phase() -> None:
    """The secant step for x² − 2 from (10²⁰, 10²⁰ + 1) shrinks its error at a linear rate for ~100 steps before
    its order φ shows; 60 steps saw 'order ≈ 1' and the true claim was REFUTED (in a Piecewise the kernel does not
    prove)."""
    now, before = sp.symbols("x_k x_km1", real=True)
    f = now**2 - 2
    secant = now - f * (now - before) / (f - (before**2 - 2))
    step = sp.Piecewise((secant, now > -(10**50)), (1, True))
    phi = (1 + sp.sqrt(5)) / 2
    body = Convergence(step, (now, before), root=sp.sqrt(2), order=phi, constant=(1 / (2 * sp.sqrt(2))) ** (1 / phi),
                       start=(10**20, 10**20 + 1))  # fmt: skip
    r = _verify(body)
    assert r.status is Status.CHECKED, r.reason


def test_a_far_declared_start_of_a_one_step_map_is_followed_past_its_linear_phase() -> None:
    """Newton's step for x² − 2 from 10²⁰⁰ halves its error for ~665 steps before its order 2 shows; 400 steps saw
    'order ≈ 1' and the true claim was REFUTED (in a Piecewise the kernel does not prove)."""
    newton = x - (x**2 - 2) / (2 * x)
    step = sp.Piecewise((newton, x > -(10**50)), (1, True))
    r = _verify(Convergence(step, x, root=sp.sqrt(2), order=2, constant=1 / (2 * sp.sqrt(2)), start=10**200))
    assert r.status is Status.CHECKED, r.reason
