"""DCP composition rules (verifier/trusted/dcp.py, kernel.prove_convex_by_dcp) and the domain facts.

The facts: Cholesky factors, intervals.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sympy as sp

from tests.support import ROOT
from verifier import (
    SPD,
    Convex,
    Diagonal,
    Inequality,
    Integer,
    Interval,
    Invertible,
    Nonzero,
    Orthogonal,
    Positive,
    PSDMatrix,
    Real,
    Symmetric,
)
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains import Domain
from verifier.language.families import ClaimFamily, claim
from verifier.language.mathlib import matrix
from verifier.load import loader
from verifier.outcome import Status
from verifier.strategies import ladder
from verifier.trusted import dcp, kernel
from verifier.trusted.instantiate import ClaimError, instantiate, with_domain_facts
from verifier.trusted.kernel import Rejected

SETTINGS = EngineSettings(samples=60)
FAMILIES = {f.name: f for f in loader.load(Path(ROOT) / "derivations" / "dcp.py", False).families}
w, v = sp.symbols("w v", real=True)
p = sp.Symbol("p", positive=True)


def small(family: ClaimFamily) -> ClaimFamily:
    """The claim at its smallest n only, numerics there too."""
    return dataclasses.replace(family, n_values=family.n_values[:1], numeric_n=())


@pytest.mark.parametrize(
    ("expr", "wrt", "shown"),
    [
        (sp.log(1 + sp.exp(2 * w - v)), [w, v], "convex"),  # softplus of affine
        (sp.Max(w, -w, 3 * v), [w, v], "convex"),  # pointwise max of affine
        (sp.exp(w**2), [w], "convex"),  # convex nondecreasing of convex
        (1 / p, [p], "convex"),  # convex nonincreasing atom on an affine argument
        (-sp.log(p) + sp.sqrt(w**2 + v**2), [p, w, v], "convex"),
        (sp.sqrt(p) + sp.log(p), [p], "concave"),
        (3 * w - 2 * v, [w, v], "affine"),
        (1 / (1 + w**2), [w], "unknown"),  # convex nonincreasing h of convex g: must not fire
        (sp.log(1 + w**2), [w], "unknown"),  # concave h of convex g
        (sp.exp(-(w**2)), [w], "unknown"),  # nondecreasing h of concave g
        (sp.Abs(w**2 - 1), [w], "unknown"),  # |·| is not monotone here: its argument must be affine
        ((sp.exp(w) - 2) ** 2, [w], "unknown"),  # x² of a non-affine argument of unknown sign
        (w * v, [w, v], "unknown"),  # a product of two variables
        (sp.log(w), [w], "unknown"),  # log of an argument not shown positive
    ],
)
def test_curvature_reads_the_composition_rules(expr: sp.Expr, wrt: list[sp.Symbol], shown: str) -> None:
    assert dcp.curvature(expr, wrt).curvature.word() == shown


def test_a_sign_of_a_parameter_decides_the_scaling() -> None:
    c, k = sp.Symbol("c", real=True), sp.Symbol("k", positive=True)
    assert dcp.curvature(c * sp.exp(w), [w]).curvature.word() == "unknown"
    assert dcp.curvature(k * sp.exp(w), [w]).curvature.word() == "convex"
    assert dcp.curvature(-k * sp.exp(w), [w]).curvature.word() == "concave"


def test_the_rule_needs_a_convex_domain() -> None:
    x = sp.Symbol("x")

    @claim()
    def on_reals() -> Convex:
        """x² on ℝ."""
        return Convex(x**2, x, where={x: Real()})

    inst = instantiate(on_reals.build(None))
    (given,) = inst.given
    on_integers = dataclasses.replace(inst, given=(dataclasses.replace(given, domain=Integer(1, 5)),))
    with pytest.raises(Rejected, match="not known to be convex"):
        kernel.prove_convex_by_dcp(on_integers)


@pytest.mark.parametrize(
    ("domain", "shown"),
    [(Integer(1, 5), "{1, …, 5}"), (Nonzero(), "ℝ∖{0}"), (Orthogonal(), "orthogonal"), (Invertible(), "invertible")],
)
def test_a_convexity_claim_on_a_domain_that_is_not_convex_is_malformed(domain: Domain, shown: str) -> None:
    """Convexity is defined on a convex set only. On x ≠ 0 or the orthogonal matrices the two-point check evaluated
    f between two points of the domain, off it, and 1/x² was REFUTED at x = 0 (between −1 and 1), −tr(QᵀQ), which is
    −n at every orthogonal Q, at Q = 0 (between I and −I): an ERROR that says the domain is not convex now."""
    x, Q = sp.Symbol("x"), matrix("Q", 2)
    target, f = (x, 1 / x**2) if domain.needs == "any" else (Q, -(Q.T * Q).trace())

    @claim()
    def off_a_convex_set() -> Convex:
        """f convex on a set that is not convex."""
        return Convex(f, target, where={target: domain})

    with pytest.raises(ClaimError, match="needs a convex domain") as err:
        instantiate(off_a_convex_set.build(None))
    assert shown in str(err.value)


@pytest.mark.parametrize("domain", [Real(), Interval(0, 1), Positive(), SPD(), PSDMatrix(), Symmetric(), Diagonal()])
def test_a_convexity_claim_on_a_convex_domain_is_well_formed(domain: Domain) -> None:
    Q = matrix("Q", 2)
    x = sp.Symbol("x")
    target, f = (x, x**2) if domain.needs == "any" else (Q, (Q.T * Q).trace())

    @claim()
    def on_a_convex_set() -> Convex:
        """f convex on a convex set."""
        return Convex(f, target, where={target: domain})

    assert instantiate(on_a_convex_set.build(None)).given[0].domain == domain


def test_a_proof_names_its_rules_and_assumptions() -> None:
    proof = kernel.prove_convex_by_dcp(instantiate(FAMILIES["logistic_loss"].build(2)))
    assert proof.rule == "DCP composition"
    assert "log-sum-exp" in proof.detail and "§3.2.4" in proof.detail
    assert "w ranges over a convex set" in proof.assumptions


@pytest.mark.parametrize("name", ["logistic_loss", "hinge_loss", "entropy", "quadratic_over_linear"])
def test_true_claims_are_proved(name: str) -> None:
    assert verify_family(small(FAMILIES[name]), SETTINGS).status is Status.PROVED


@pytest.mark.parametrize("name", [f.name for f in FAMILIES.values() if f.expect == "refuted"])
def test_wrong_claims_are_refuted_never_proved(name: str) -> None:
    result = verify_family(small(FAMILIES[name]), SETTINGS)
    assert result.status is Status.REFUTED and not result.proved_n


# ----------------------------------------------------------------------------- domain facts

a, b, d = sp.symbols("a b d")


def spd_claim(lhs: sp.Expr, rhs: sp.Expr) -> ClaimFamily:
    A = matrix("A", 2)
    entries = {a: A[0, 0], d: A[1, 1], b: A[0, 1]}

    @claim(n=(2,))
    def spd_fact(n: int) -> Inequality:
        """An inequality between entries of a 2×2 SPD matrix."""
        return Inequality(lhs.xreplace(entries), ">=", rhs.xreplace(entries), where={A: SPD()})

    return spd_fact


def test_cholesky_facts_make_roots_of_minors_real() -> None:
    family = spd_claim(sp.sqrt(a * d), sp.sqrt(a * d - b**2))
    result = verify_family(family, SETTINGS)
    assert result.status is Status.PROVED
    assert any("Cholesky" in text for proof in result.proofs for text in proof.assumptions)


def test_cholesky_facts_prove_no_false_claim() -> None:
    result = verify_family(spd_claim(sp.sqrt(a * d - b**2), sp.sqrt(a * d)), SETTINGS)
    assert result.status is Status.REFUTED


def test_spd_parametrisation_covers_the_diagonal_and_determinant() -> None:
    A = matrix("A", 3)
    param = SPD().parametrisation(A)
    assert param is not None
    ell = {s for e in param.entries.values() for s in e.free_symbols}
    diag = [param.entries[A[i, i]] for i in range(3)]
    assert all(e.is_positive for e in diag)
    det = sp.Matrix(3, 3, lambda i, j: param.entries[A[min(i, j), max(i, j)]]).det()
    assert sp.factor(det).is_positive and len(ell) == 6


def test_interval_facts_and_their_limits() -> None:
    x = sp.Symbol("x")
    half_open = Interval(0, 1, open_hi=True).parametrisation(x)
    assert half_open is not None
    s = next(iter(half_open.entries[x].free_symbols))
    assert sp.limit(half_open.entries[x], s, sp.oo) == 1 and half_open.entries[x].subs(s, 0) == 0
    assert Interval(0, 1).parametrisation(x) is None  # closed at both ends: one map cannot cover it

    @claim()
    def below_one() -> Inequality:
        """x(1 − x) > 0 on (0, 1)."""
        return Inequality(x * (1 - x), ">", 0, where={x: Interval(0, 1, open_lo=True, open_hi=True)})

    inst = instantiate(below_one.build(None))
    proof = ladder.prove(inst, SETTINGS.budget).proof
    assert proof is not None and any("(a + b·s)/(1 + s)" in t for t in proof.assumptions)
    assert with_domain_facts(instantiate(FAMILIES["ridge"].build(1))) is None  # no domain with facts


def test_interval_facts_prove_no_false_claim() -> None:
    x = sp.Symbol("x")

    @claim()
    def below_half() -> Inequality:
        """Wrong: x < 1/2 on (0, 1)."""
        return Inequality(x, "<", sp.Rational(1, 2), where={x: Interval(0, 1, open_lo=True, open_hi=True)})

    assert ladder.prove(instantiate(below_half.build(None)), SETTINGS.budget).proof is None
    assert verify_family(below_half, SETTINGS).status is Status.REFUTED


def test_positive_domain_has_no_parametrisation() -> None:
    assert Positive().parametrisation(sp.Symbol("x")) is None and Real().parametrisation(sp.Symbol("x")) is None
