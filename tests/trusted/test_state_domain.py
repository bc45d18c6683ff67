"""The kernel proves a convergence claim only where the iterates stay in the state's declared domain near the root
(trusted/state_domain.py): x ↦ −x/2 + 10⁻³⁰⁰(x − |x|) on x ≥ 0, read there as x ↦ −x/2, was PROVED with the
constant −1/2, though its first step leaves the domain for a branch whose ratio is −1/2 + 2·10⁻³⁰⁰."""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Interval, Nonnegative, Nonzero, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status
from verifier.trusted import state_domain
from verifier.trusted.state_domain import BOTH, LEFT, RIGHT

x, a = sp.symbols("x a")
HALF = sp.Rational(1, 2)


def _verify(statement: Convergence) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_a_step_read_on_the_domain_whose_iterates_leave_it_is_not_proved() -> None:
    step = -x / 2 + sp.Integer(10) ** -300 * (x - sp.Abs(x))
    r = _verify(Convergence(step, x, root=0, order=1, constant=-HALF, where={x: Nonnegative()}))
    assert r.status is not Status.PROVED, r.reason  # CHECKED: the numeric check does not resolve 10⁻³⁰⁰


def test_a_visible_branch_outside_the_domain_is_refuted_not_an_inconsistency() -> None:
    r = _verify(Convergence(-x * sp.Abs(x), x, root=0, order=2, constant=-1, where={x: Nonnegative()}))
    assert r.status is Status.REFUTED, r.reason


def test_maps_that_keep_their_iterates_in_the_domain_are_still_proved() -> None:
    keeps = [
        Convergence(x / 2 + 2 * (x - sp.Abs(x)), x, root=0, order=1, constant=HALF, where={x: Nonnegative()}),
        Convergence(x**2 + x**3 * (x - sp.Abs(x)), x, root=0, order=2, constant=1, where={x: Nonnegative()}),
        Convergence(1 - (x - 1) / 2, x, root=1, order=1, constant=-HALF, where={x: Interval(0, 2)}),
        Convergence(
            (x + a / x) / 2,
            x,
            root=sp.sqrt(a),
            order=2,
            constant=1 / (2 * sp.sqrt(a)),
            where={x: Positive(), a: Positive()},
        ),
        Convergence(-x / 2, x, root=0, order=1, constant=-HALF),
    ]
    for statement in keeps:
        r = _verify(statement)
        assert r.status is Status.PROVED, (statement.step, r.reason)


def test_the_side_of_a_domain_next_to_the_root() -> None:
    p = sp.Symbol("p", positive=True)
    assert state_domain.side_of(Real(), sp.Integer(0)) == BOTH
    assert state_domain.side_of(Nonzero(), sp.Integer(0)) == BOTH
    assert state_domain.side_of(Nonnegative(), sp.Integer(0)) == RIGHT
    assert state_domain.side_of(Positive(), sp.sqrt(p)) == BOTH
    assert state_domain.side_of(Positive(), sp.Integer(-1)) is None  # the root outside the domain
    assert state_domain.side_of(Interval(-1, 0), sp.Integer(0)) == LEFT
    assert state_domain.side_of(Interval(0.1, 1), sp.Rational(1, 10)) is None  # 0.1 is not 1/10 in binary
    assert state_domain.side_of(Interval(0, 1), sp.Symbol("r", real=True)) is None  # not shown
