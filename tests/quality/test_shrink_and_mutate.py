"""The shrinker finds minimal counterexamples, and the mutation operators make what they claim."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import (
    PSD,
    SPD,
    Convex,
    Derivative,
    Identity,
    Inequality,
    Invertible,
    Orthogonal,
    Positive,
    Real,
    Symmetric,
    claim,
)
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.language.mathlib import matrix, vector
from verifier.outcome import Status
from verifier.quality.mutate import MutantVerdict, candidates, mutate_family

x, y = sp.symbols("x y")
FAST = EngineSettings(samples=60)


def _simple(value: object) -> bool:
    if isinstance(value, list):
        return all(_simple(v) for v in value)
    return float(value).is_integer() or (2 * float(value)).is_integer()  # type: ignore[arg-type]


@claim(n=range(1, 5), expect="refuted")
def symmetric_shortcut(n: int) -> Derivative:
    """Wrong for non-symmetric A: ∂(xᵀAx)/∂x = 2Ax."""
    v, a = vector("x", n), matrix("A", n)
    return Derivative((v.T * a * v)[0, 0], wrt=v, equals=2 * a * v, where={v: Real(), a: Real()})


FALSE_IDENTITIES = {
    "freshman_dream": Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()}),
    "sine_doubling": Identity(sp.sin(2 * x), 2 * sp.sin(x), where={x: Real()}),
    "exp_of_sum": Identity(sp.exp(x + y), sp.exp(x) + sp.exp(y), where={x: Real(), y: Real()}),
    "log_of_product": Identity(sp.log(x * y), sp.log(x) * sp.log(y), where={x: Positive(), y: Positive()}),
    "square_root_of_sum": Identity(sp.sqrt(x**2 + y**2), x + y, where={x: Positive(), y: Positive()}),
}


@pytest.mark.parametrize("name", sorted(FALSE_IDENTITIES))
def test_false_identities_shrink_to_small_simple_values(name: str) -> None:
    body = FALSE_IDENTITIES[name]
    r = verify_family(claim(expect="refuted", name=name)(lambda: body), FAST)
    assert r.status is Status.REFUTED
    assert r.counterexample is not None and _simple(list(r.counterexample.values.values()))
    assert "simplest values" in r.counterexample.note


def test_matrix_counterexample_has_the_smallest_n_and_simple_entries() -> None:
    r = verify_family(symmetric_shortcut, FAST)
    assert r.counterexample is not None
    assert r.counterexample.n == 2, "n = 1 is true (a 1×1 A is symmetric), so n = 2 is the smallest"
    assert _simple(list(r.counterexample.values.values()))


def test_operators_produce_the_mutants_they_claim() -> None:
    z = sp.Symbol("z")
    a, v = matrix("A", 2), vector("v", 2)
    rhs = 2 * y + x**3 - z / 2 + (a * v)[0] * (1 - 1 / (1 + sp.exp(-x)))
    where = {x: Real(), y: Real(), z: Real(), a: Real(), v: Real()}
    made = candidates(claim()(lambda: Identity(x, rhs, where=where)).build(None))
    by_op = {op: m.rhs for op, m in made}
    assert {
        "flip sign of a term",
        "drop a term",
        "constant 2 → 1",
        "constant ½ → 1",
        "exponent + 1",
        "exponent − 1",
        "transpose A",
        "1 − s → 1 + s",
        "s → 1 − s",
    } <= set(by_op)
    assert sp.expand(by_op["constant 2 → 1"] - rhs) == -y
    assert sp.expand(by_op["exponent + 1"] - rhs) == x**4 - x**3
    assert by_op["transpose A"].has(sp.Symbol("A21")) and sp.simplify(by_op["transpose A"] - rhs) != 0
    for op, mutated in made:
        assert sp.simplify(mutated.rhs - rhs) != 0, op


def test_transposing_a_symmetric_matrix_is_an_equivalent_mutant() -> None:
    @claim(n=[2])
    def quadratic(n: int) -> Identity:
        """xᵀSx = xᵀSᵀx for symmetric S."""
        v, s = vector("x", n), matrix("S", n)
        return Identity((v.T * s * v)[0, 0], (v.T * s * v)[0, 0], where={v: Real(), s: Symmetric()})

    report = mutate_family(quadratic, FAST)
    transposed = [m for m in report.mutants if m.operator == "transpose S"]
    assert transposed and transposed[0].verdict is MutantVerdict.EQUIVALENT
    assert report.count(MutantVerdict.SURVIVED) == 0


def test_a_larger_psd_diagonal_is_not_counted_as_a_miss() -> None:
    @claim(n=[2])
    def gram(n: int) -> PSD:
        """[[1 + t², t], [t, 1]] ⪰ 0."""
        t = sp.Symbol("t")
        return PSD(sp.ImmutableMatrix([[1 + t**2, t], [t, 1]]), where={t: Real()})

    report = mutate_family(gram, FAST)
    assert report.count(MutantVerdict.SURVIVED) == 0, [(m.operator, m.status, m.reason) for m in report.mutants]


def test_a_convex_mutant_that_stays_convex_is_not_counted_as_a_miss() -> None:
    """x²/y → x³/y (exponent + 1) is still convex on the positive orthant: no mistake was made."""

    @claim()
    def quadratic_over_linear() -> Convex:
        """x²/y is convex for x, y > 0."""
        z = vector("z", 2)
        return Convex(z[0] ** 2 / z[1], z, where={z: Positive()})

    report = mutate_family(quadratic_over_linear, FAST)
    verdicts = {m.text: m.verdict for m in report.mutants}
    assert report.count(MutantVerdict.SURVIVED) == 0, verdicts
    assert any(v is MutantVerdict.KILLED for v in verdicts.values()), "a real slip is still caught"


@claim(n=range(1, 3), expect="refuted")
def inverse_is_transpose(n: int) -> Identity:
    """Wrong for a general invertible X: X⁻¹ = Xᵀ."""
    m = matrix("X", n)
    return Identity(m.inv(), m.T, where={m: Invertible()})


@claim(n=range(1, 3), expect="refuted")
def spd_trace_below_dimension(n: int) -> Inequality:
    """Wrong: tr(S) ≤ n for every SPD S."""
    m = matrix("S", n)
    return Inequality(m.trace(), "<=", n, where={m: SPD()})


@claim(n=range(2, 3), expect="refuted")
def orthogonal_is_symmetric(n: int) -> Identity:
    """Wrong: an orthogonal matrix is symmetric."""
    m = matrix("Q", n)
    return Identity(m, m.T, where={m: Orthogonal()})


@pytest.mark.parametrize("family", [inverse_is_transpose, spd_trace_below_dimension, orthogonal_is_symmetric])
def test_structured_matrix_domains_shrink_to_simple_matrices(family: ClaimFamily) -> None:
    r = verify_family(family, FAST)
    assert r.status is Status.REFUTED and r.counterexample is not None
    assert _simple(list(r.counterexample.values.values())), r.counterexample.values
    assert "simplest values" in r.counterexample.note
