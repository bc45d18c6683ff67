"""Class 3: a convergence proof that read the step on the state's domain, where the iterates leave it.

The symbolic view rebuilds x on x ≥ 0 as a nonnegative symbol, so |x| = x there and x ↦ −x/2 + c(x − |x|) reads
as x ↦ −x/2: the kernel proved the constant −1/2. But the first step from x > 0 lands left of 0, where the step is
x ↦ (−1/2 + 2c)x, a branch the proof never saw. With c = 1/16 (ratios −1/2 and −1/4 in turn) and for x ↦ −x|x|
(x ↦ −x² on x ≥ 0, x² left of 0) the numeric check refuted what the kernel proved: UNKNOWN, "ENGINE
INCONSISTENCY". With c = 10⁻³⁰⁰ it saw nothing, and the false claim was PROVED (tests/trusted/
test_state_domain.py: a witness 10⁻³⁰⁰ off does not fit this module's 60-digit check). The kernel now asks that the
iterates stay in the domain near the root (trusted/state_domain.py): the root inside it, or, for a one-step map,
at an end with a leading term that keeps the error on the domain's side. Beside them, true claims it still proves.

TRUTH maps each claim to (truth, class, witness); a false claim's "along" lists the first iterate from x = 1/1000,
left of 0, where (step(a) − root)/(a − root)^order is far (by "gap" if given) from the claimed constant.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Interval, Nonnegative, Positive, claim

x, a = sp.symbols("x a")
HALF = sp.Rational(1, 2)


@claim()
def constant_read_on_the_domain_with_a_visible_branch() -> Convergence:
    """x ↦ −x/2 + (x − |x|)/8 converges to 0 with the constant −1/2 for x ≥ 0 (false: left of 0, where the first
    step goes, the ratio is −1/4)."""
    return Convergence(-x / 2 + (x - sp.Abs(x)) / 8, x, root=0, order=1, constant=-HALF, where={x: Nonnegative()})


@claim()
def square_read_on_the_domain() -> Convergence:
    """x ↦ −x|x| converges to 0 with order 2 and constant −1 for x ≥ 0 (false: the first step goes left of 0, where
    the step is x², constant 1)."""
    return Convergence(-x * sp.Abs(x), x, root=0, order=2, constant=-1, where={x: Nonnegative()})


@claim()
def newton_square_root_on_the_positive_half_line() -> Convergence:
    """x ↦ (x + a/x)/2 converges to √a with order 2 and constant 1/(2√a) for x, a > 0.

    Proof: e_{k+1} = e_k²/(2x_k); the root √a lies inside x > 0."""
    where = {x: Positive(), a: Positive()}
    return Convergence((x + a / x) / 2, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), where=where)


@claim()
def square_on_the_nonnegative_half_line() -> Convergence:
    """x ↦ x² + x³(x − |x|) converges to 0 with order 2 and constant 1 for x ≥ 0.

    Proof: on x ≥ 0 the step is x², which keeps x ≥ 0."""
    return Convergence(x**2 + x**3 * (x - sp.Abs(x)), x, root=0, order=2, constant=1, where={x: Nonnegative()})


@claim()
def alternating_rate_inside_an_interval() -> Convergence:
    """x ↦ 1 − (x − 1)/2 converges to 1 with the rate −1/2 for x ∈ [0, 2].

    Proof: e_{k+1} = −e_k/2, and the root 1 lies inside [0, 2]."""
    return Convergence(1 - (x - 1) / 2, x, root=1, order=1, constant=-HALF, where={x: Interval(0, 2)})


TRUTH = {
    "constant_read_on_the_domain_with_a_visible_branch": ("false", 3, {"x": "1/1000", "along": ["-1/2000"]}),
    "square_read_on_the_domain": ("false", 3, {"x": "1/1000", "along": ["-1/10**6"]}),
    "newton_square_root_on_the_positive_half_line": ("true", 3, None),
    "square_on_the_nonnegative_half_line": ("true", 3, None),
    "alternating_rate_inside_an_interval": ("true", 3, None),
}
