"""A convergence proof says where it holds: its series and fractions are the same in ℂ, so a step, root or constant
that may leave the reals at the root (for some parameter value) bounds the proof, as an identity's sides do."""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Interval, Nonnegative, Nonzero, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks.convergence import NO_VALUE_NOTE
from verifier.outcome import ClaimResult, Status
from verifier.trusted import provisos

x, y, a, x0, x1 = sp.symbols("x y a x0 x1", real=True)
half = sp.Rational(1, 2)
U = (1 + sp.Rational(1, 10**8)) / (1 + (7 * a - 1) ** 2)  # above 1 only within 1.5·10⁻⁵ of a = 1/7


def _newton(f: sp.Expr) -> sp.Expr:
    return x - f / sp.diff(f, x)


def _verified(name: str, body: Convergence) -> ClaimResult:
    return verify_family(claim(name=name)(lambda: body), EngineSettings(samples=200))


def test_a_step_that_leaves_the_reals_near_the_root_for_some_parameter_is_proved_only_where_it_is_real() -> None:
    """helper-70: both were PROVED on a ∈ ℝ with no proviso; asin(U) is complex near a = 1/7, √a for a < 0."""
    inverse = Convergence(
        _newton((x - a) * sp.asin(U) + (x - a) ** 2), x, root=a, order=2, constant=1 / sp.asin(U), where={a: Real()}
    )
    root = Convergence(_newton(x**2 - a), x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), where={a: Real()})
    for name, body in {"asin_in_the_step": inverse, "square_root_of_a": root}.items():
        result = _verified(name, body)
        assert result.status is not Status.PROVED or "both sides are real" in result.reason, (name, result.reason)


def test_a_convergence_proof_with_everything_real_at_the_root_carries_no_proviso() -> None:
    a1, a2 = sp.symbols("a1 a2", real=True)
    e = sp.Symbol("e", real=True)
    f = a1 * e + a2 * e**2
    declared = Convergence(
        _newton(f.subs(e, x)), x, root=0, order=2, constant=a2 / a1, where={a1: Nonzero(), a2: Nonzero()}
    )
    result = _verified("declared_nonzero", declared)
    assert result.status is Status.PROVED and "wherever" not in result.reason, result.reason
    cubic = _verified("cubic", Convergence(_newton(x**3 - 2 * x - 4), x, root=2, order=2, constant=sp.Rational(3, 5)))
    assert cubic.status is Status.PROVED and "wherever" not in cubic.reason, cubic.reason


def test_near_a_point_asks_every_argument_strictly_inside_numbers_too() -> None:
    """At the root, asin's argument √2 − 0.41 > 1 is a number, which an identity's proviso does not ask (the numeric
    check computes it); √t for t ≥ 0 is real at t = 0, and beside it only on one side."""
    outside = sp.asin(sp.sqrt(2) - sp.Rational(41, 100))
    assert provisos.definedness([outside + x]) == ()
    assert provisos.near_a_point([outside + x], {}) == (
        "wherever both sides are real (no function outside its real domain)",
    )
    assert provisos.near_a_point([sp.asin(sp.sqrt(2) - 1) + sp.sqrt(2) + sp.log(3)], {}) == ()
    t = sp.Symbol("t", nonnegative=True)
    assert provisos.definedness([sp.sqrt(t)]) == ()
    assert provisos.near_a_point([sp.sqrt(t)], {}) == (f"wherever both sides are real ({provisos.REAL})",)
    assert provisos.near_a_point([sp.sqrt(x**2 + 1)], {}) == ()


def test_a_true_claim_with_a_large_constant_is_not_refuted_by_a_start_outside_its_basin() -> None:
    """C = 1/factorial(7a − 2) reaches 3·10⁹ at a sample: from 10⁻³ the error grew, and the check called a true
    claim non-convergent (ENGINE INCONSISTENCY); where the constant was undefined the check raised (internal
    error). The start now sits where the claimed leading term shrinks the error."""
    g = sp.factorial(7 * a - 2)
    body = Convergence(_newton((x - 1) * g + (x - 1) ** 2), x, root=1, order=2, constant=1 / g, where={a: Real()})
    result = _verified("large_constant", body)  # 1/factorial(7a − 2) is not shown nonzero: not proved
    assert result.status in (Status.PROVED, Status.CHECKED), result.reason
    assert result.status is Status.CHECKED or "wherever both sides are" in result.reason


def test_the_samples_a_convergence_check_counts_are_those_its_iteration_said_something_at() -> None:
    """√a on a ≥ 0: at a = 0 the constant 1/(2√a) has no value and the iteration says nothing; the count says how
    many did, and a note where it said nothing (on a ∈ ℝ, where half the domain has no root, it is an ERROR that
    asks to narrow the domain: tests/numeric/test_convergence_no_value.py)."""
    root, constant = sp.sqrt(a), 1 / (2 * sp.sqrt(a))
    body = Convergence(_newton(x**2 - a), x, root=root, order=2, constant=constant, where={a: Nonnegative()})
    result = _verified("counted", body)
    assert result.numeric and all(0 < ev.samples < 6 for ev in result.numeric), result.reason
    assert NO_VALUE_NOTE in result.reason, result.reason


REAL = f"wherever both sides are real ({provisos.REAL})"


def test_a_partial_function_behind_a_factor_that_vanishes_at_the_root_is_asked() -> None:
    """helper-72: the step put at the root lost (x − 1)³·√a to 0 before √a was asked, so these were PROVED on a ∈ ℝ
    with no proviso, complex beside the root for a < 0 (or |a·x| > 1, or x < 1); the node is now asked as written,
    its arguments at the root."""
    hidden = {
        "square_root": Convergence(1 + (x - 1) ** 2 + (x - 1) ** 3 * sp.sqrt(a), x, 1, 2, 1, where={a: Real()}),
        "inverse_sine": Convergence(1 + (x - 1) ** 2 + (x - 1) ** 3 * sp.asin(a * x), x, 1, 2, 1, where={a: Real()}),
        "of_the_iterate": Convergence(1 + (x - 1) ** 2 + (x - 1) ** 3 * sp.sqrt(x - 1), x, 1, 2, 1),
        "with_memory": Convergence(
            x1 / 4 + x0 / 4 + x1**3 * sp.asin(a), (x1, x0), 0, 1, (1 + sp.sqrt(17)) / 8, where={a: Real()}
        ),
        "vector": Convergence(
            sp.Matrix([x / 2 + x**3 * sp.sqrt(a), y / 3]),
            sp.Matrix([x, y]),
            sp.Matrix([0, 0]),
            1,
            half,
            where={a: Real()},
        ),
    }
    for name, body in hidden.items():
        result = _verified(name, body)
        assert result.status is not Status.PROVED or "both sides are real" in result.reason, (name, result.reason)
    at_root = {x: sp.Integer(1)}
    assert provisos.near_a_point([(x - 1) ** 3 * sp.sqrt(a)], at_root) == (REAL,)
    assert provisos.near_a_point([(x - 1) ** 3 * sp.sqrt(x - 1)], at_root) == (REAL,)
    assert provisos.near_a_point([(x - 1) ** 3 * sp.sqrt(x + 1)], at_root) == ()


def test_a_constant_or_a_denominator_that_may_vanish_at_the_root_is_not_proved_on_the_whole_domain() -> None:
    """helper-72: C = a² − 2 is 0 at a = √2, where the order is 3; the step's denominator a² − 2 + (x − 1) is 0 at the
    root for a = √2. Both were PROVED on a ∈ ℝ."""
    zero = _verified(
        "constant_zero", Convergence(1 + (a**2 - 2) * (x - 1) ** 2 + (x - 1) ** 3, x, 1, 2, a**2 - 2, where={a: Real()})
    )
    assert zero.status is not Status.PROVED, zero.reason
    step = 1 + (x - 1) ** 2 * (a**2 - 2 + (x - 1) ** 3) / (a**2 - 2 + x - 1)
    pole = _verified("hidden_denominator", Convergence(step, x, 1, 2, 1, where={a: Real()}))
    assert pole.status is not Status.PROVED or "no denominator is 0" in pole.reason, pole.reason


def test_a_true_claim_is_not_refuted_from_a_start_outside_its_basin() -> None:
    """helper-72: x ↦ x·cos(1)/2 + 10⁶x² converges linearly at 0, but not from 10⁻³; its growing error was REFUTED
    ("no convergence"). A failure now stands only if it is seen again from a start 10⁶ times nearer the root."""
    body = Convergence(sp.cos(1) / 2 * x + 10**6 * x**2, x, 0, 1, sp.cos(1) / 2)
    assert _verified("large_second_order_term", body).status is not Status.REFUTED
    vector, zero = sp.Matrix([x, y]), sp.Matrix([0, 0])
    steep = _verified("steep_vector", Convergence(sp.Matrix([x / 2 + 10**6 * x**2, y / 3]), vector, zero, 1, half))
    assert steep.status is Status.PROVED, steep.reason  # was UNKNOWN: "ENGINE INCONSISTENCY", no convergence
    away = _verified("diverges", Convergence(sp.Matrix([2 * x, y / 3]), vector, zero, 1, half))
    assert away.status is Status.REFUTED and "no convergence" in away.reason, away.reason
    wrong_order = _verified("wrong_order", Convergence(x / 2 + x**2, x, 0, 2, 1))
    assert wrong_order.status is Status.REFUTED, wrong_order.reason
    wrong_constant = _verified("wrong_constant", Convergence(_newton(x**3 - 2 * x - 4), x, 2, 2, sp.Rational(2, 5)))
    assert wrong_constant.status is Status.REFUTED, wrong_constant.reason


def test_a_parameter_that_moves_a_cancellation_or_a_switch_onto_the_root_is_not_proved() -> None:
    """helper-73: with c = a² − 2, (c·e³ + e⁵)/(c·e + e⁴) is e² for c ≠ 0 and e at c = 0 (no convergence), and
    1 + e²(1 + sign(e − c) − sign(−c)) has C = 1 for c ≠ 0 only: both were PROVED on a ∈ ℝ, the series and the
    fraction taken for a generic a."""
    e, c = x - 1, a**2 - 2
    cancel = Convergence(1 + (c * e**3 + e**5) / (c * e + e**4), x, 1, 2, 1, where={a: Real()})
    switch = Convergence(1 + e**2 * (1 + sp.sign(e - c) - sp.sign(-c)), x, 1, 2, 1, where={a: Real()})
    triple = Convergence(_newton((x - 1) ** 2 * (x - a)), x, 1, 1, half, where={a: Real()})  # C = 2/3 at a = 1
    for name, body in {"cancel": cancel, "switch": switch, "triple_root": triple}.items():
        result = _verified(name, body)
        assert result.status is not Status.PROVED, (name, result.reason)
    fixed = _verified("double_root", Convergence(_newton((x - 1) ** 2 * (x + 2)), x, 1, 1, half))
    assert fixed.status is Status.PROVED, fixed.reason


def test_a_start_far_outside_the_basin_or_a_failure_nothing_nearer_confirms_is_no_refutation() -> None:
    """helper-73: C·x + 10¹²x² (C = cos(1)/2) converges only from below 10⁻¹³, past the one look 10⁶ times nearer:
    REFUTED, "no convergence"; the starts now go nearer while the error grows. A failure that nothing nearer the root
    confirms or clears is no pass either: a map whose rate is 1 for a < 1/2 was CHECKED on a ∈ [0, 1]."""
    c = sp.cos(1) / 2
    steep = _verified("steep", Convergence(c * x + 10**12 * x**2, x, 0, 1, c))
    assert steep.status is Status.CHECKED, steep.reason
    crawl = x * (1 - sp.Rational(7, 10) * x**2 / (x**2 + sp.Max(0, half - a) * sp.Rational(1, 10**24)))
    unsettled = _verified("unsettled", Convergence(crawl, x, 0, 1, sp.Rational(3, 10), where={a: Interval(0, 1)}))
    assert unsettled.status not in (Status.CHECKED, Status.PROVED), unsettled.reason
    away = _verified("away", Convergence(2 * x, x, 0, 1, c))
    assert away.status is Status.REFUTED, away.reason


def test_a_one_step_proof_says_it_is_local_and_a_start_that_it_was_only_iterated() -> None:
    """Newton for x² − 2 from 3/2 was "proved (together)", as if from 3/2: the leading term is shown near the root
    only, and the start is the numeric iteration's (red team, convergence)."""
    from verifier.trusted.rates import FROM_START, NEAR

    body = Convergence(_newton(x**2 - 2), x, root=sp.sqrt(2), order=2, constant=1 / (2 * sp.sqrt(2)))
    local = _verified("local", body)
    assert local.status is Status.PROVED and NEAR in local.reason and FROM_START not in local.reason, local.reason
    started = _verified("started", Convergence(**{**body.__dict__, "start": sp.Rational(3, 2)}))
    assert started.status is Status.PROVED and FROM_START in started.reason, started.reason
    assert started.reason.count(NEAR) == 1, started.reason
