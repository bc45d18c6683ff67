"""One rule for a side that is undefined on part of the domain (issue 37), and the message that says what
the claim needs.

A claim is stated for every point of its declared domain. At a point where one side is defined and the
other is not (x = 1 in (x² − 1)/(x − 1) = x + 1 over ℝ), the claim fails, for an identity and for an
implication alike: REFUTED, confirmed at that point, with the condition the claim needs there. A claim
undefined at every point (the inverse of a matrix singular everywhere) holds nowhere: ERROR.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from tests.support import run_cli
from verifier import Derivative, General, Identity, Interval, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains import FullColumnRank
from verifier.outcome import Status

x = sp.Symbol("x")
SETTINGS = EngineSettings(samples=60)


@claim()
def removable_singularity() -> Identity:
    return Identity((x**2 - 1) / (x - 1), x + 1, where={x: Real()})


@claim()
def removable_singularity_on_its_domain() -> Identity:
    return Identity((x**2 - 4) / (x - 2), x + 2, where={x: Positive()})  # x = 2 is in (0, ∞): still refuted


@claim()
def log_needs_a_positive_argument() -> Identity:
    return Identity(sp.log(x**2), 2 * sp.log(x), where={x: Real()})


@claim()
def removable_singularity_at_a_float() -> Identity:
    return Identity((x**2 - 0.01) / (x - 0.1), x + 0.1, where={x: Interval(0, 1)})


@claim(n=[2])
def tall_outer_gram_cancels(n: int) -> Identity:
    X, y = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n + 1, 1)
    return Identity((X * X.T).I * (X * X.T) * y, y, where={X: General(), y: General()})


@claim(n=[2])
def tall_inner_gram_cancels(n: int) -> Identity:
    X, y = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n, 1)
    return Identity((X.T * X).I * (X.T * X) * y, y, where={X: General(), y: General()})


@claim(n=[2])
def full_rank_gram_cancels(n: int) -> Identity:
    X, y = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n, 1)
    return Identity((X.T * X).I * (X.T * X) * y, y, where={X: FullColumnRank(), y: General()})


def test_a_point_where_one_side_is_undefined_refutes_and_says_what_the_claim_needs() -> None:
    r = verify_family(removable_singularity, SETTINGS)
    assert r.status is Status.REFUTED
    assert "the left side is undefined at x = 1" in r.reason and "division by zero; it needs x - 1 ≠ 0" in r.reason
    assert "narrow the domain" in r.reason


def test_a_float_of_the_claim_is_shown_as_written_where_its_binary_value_was_solved_for() -> None:
    """The point is the binary value of 0.1, found exactly: shown as the float that is exactly it, not as n/2⁵⁵."""
    r = verify_family(removable_singularity_at_a_float, SETTINGS)
    assert r.status is Status.REFUTED
    assert "undefined at x = 0.1," in r.reason and "it needs x - 0.1 ≠ 0" in r.reason, r.reason
    assert r.counterexample is not None and r.counterexample.values == {"x": 0.1}


def test_an_exact_binary_fraction_the_claim_wrote_is_shown_exactly() -> None:
    """No float in the claim: (2³⁰ + 1)/2³⁰ is shown as sympy writes it, not as the double 1.0000000009313226."""
    r = sp.Rational(2**30 + 1, 2**30)
    result = verify_family(
        claim(name="dyadic")(lambda: Identity((x**2 - r**2) / (x - r), x + r, where={x: Interval(0, 2)})), SETTINGS
    )
    assert result.status is Status.REFUTED and "x - 1073741825/1073741824 ≠ 0" in result.reason, result.reason


def test_the_point_lies_in_the_declared_domain() -> None:
    r = verify_family(removable_singularity_on_its_domain, SETTINGS)
    assert r.status is Status.REFUTED
    assert r.counterexample is not None and r.counterexample.values == {"x": 2.0}


def test_a_log_of_a_negative_number_names_the_condition() -> None:
    r = verify_family(log_needs_a_positive_argument, SETTINGS)
    assert r.status is Status.REFUTED
    assert "it needs x > 0" in r.reason


def test_an_inverse_singular_everywhere_is_an_error_not_a_proof() -> None:
    r = verify_family(tall_outer_gram_cancels, SETTINGS)
    assert r.status is Status.ERROR
    assert "(X*X.T)⁻¹ is undefined everywhere" in r.reason and "holds nowhere" in r.reason


def test_the_gram_matrix_of_a_tall_matrix_cancels_but_is_undefined_where_it_is_singular() -> None:
    """(XᵀX)⁻¹XᵀX·y = y: sympy cancels it to y = y, but as written it has no value where XᵀX is singular (X = 0), so
    over every real X it is REFUTED there, as A⁻¹A = I is (the claim is built again with no inverse cancelled,
    Claim.cancelled); over X of full column rank it is PROVED. Until this stop it was PROVED "where defined"."""
    r = verify_family(tall_inner_gram_cancels, SETTINGS)
    assert r.status is Status.REFUTED and "undefined at X = [[0, 0], [0, 0], [0, 0]]" in r.reason, r.reason
    r = verify_family(full_rank_gram_cancels, SETTINGS)
    assert r.status is Status.PROVED, r.reason


def test_an_expression_built_before_verifier_is_imported_is_still_kept_as_written(tmp_path: Path) -> None:
    """The guard is installed before a derivation's own code runs (the loader imports it first), so
    sympy cannot cancel (XXᵀ)⁻¹XXᵀ in a module that builds it above its verifier import."""
    (tmp_path / "early.py").write_text(EARLY)
    out = run_cli("check", str(tmp_path / "early.py"), "--no-cache", "-q", cwd=tmp_path)
    assert "ERROR" in out.stdout and "(X*X.T)⁻¹ is undefined everywhere" in out.stdout, out.stdout


EARLY = """
from pathlib import Path

import sympy as sp

X, y = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("y", 3, 1)
LHS = (X * X.T).I * (X * X.T) * y

from verifier import General, Identity, claim  # noqa: E402


@claim()
def built_before_the_import() -> Identity:
    return Identity(LHS, y, where={X: General(), y: General()})
"""


@claim()
def undefined_at_a_third() -> Identity:
    return Identity((3 * x - 1) / (6 * x - 2), sp.Rational(1, 2), where={x: Interval(0, 1)})


@claim()
def nested_fraction_through_zero() -> Identity:
    return Identity(1 / (1 + 1 / x), x / (x + 1), where={x: Interval(-2, 2)})


@claim()
def cosecant_across_pi() -> Identity:
    return Identity(sp.csc(x) * sp.sin(x), sp.Integer(1), where={x: Interval(0.001, 4)})


@claim()
def cosecant_short_of_pi() -> Identity:
    return Identity(sp.csc(x) * sp.sin(x), sp.Integer(1), where={x: Interval(0.001, 3)})


@claim()
def a_branch_not_taken_needs_no_value() -> Identity:
    branch = sp.Piecewise((1 / x, x > 0), (0, True))
    return Identity(branch, branch + 0 * sp.Abs(x), where={x: Real()})


def test_an_isolated_point_where_one_side_is_undefined_is_found_exactly() -> None:
    """No float sample can be x = 1/3, and none lands on x = 0 or π by chance: they are solved for."""
    for family, at in ((undefined_at_a_third, "x = 1/3"), (nested_fraction_through_zero, "x = 0"),
                       (cosecant_across_pi, "x = pi")):  # fmt: skip
        r = verify_family(family, SETTINGS)
        assert r.status is Status.REFUTED, (family.name, r.reason)
        assert f"undefined at {at}, a point of the domain found exactly" in r.reason
        assert "decided exactly" in r.reason


def test_a_point_outside_the_domain_or_in_a_branch_not_taken_refutes_nothing() -> None:
    assert verify_family(cosecant_short_of_pi, SETTINGS).status is Status.PROVED
    assert verify_family(a_branch_not_taken_needs_no_value, SETTINGS).status is Status.PROVED


@claim()
def derivative_at_the_end_of_its_domain() -> Derivative:
    return Derivative(sp.sqrt(x), x, 1 / (2 * sp.sqrt(x)), where={x: Interval(0, 1)})


def test_a_derivative_claim_names_f_and_the_claimed_derivative_not_sides() -> None:
    """At x = 0, √x has a value and 1/(2√x) has none; f′(0) has none either, so "the left side is defined" was false."""
    r = verify_family(derivative_at_the_end_of_its_domain, SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None
    assert "the claimed derivative is undefined at x = 0" in r.reason, r.reason
    assert (r.counterexample.observed, r.counterexample.claimed) == ("f defined", "derivative undefined")
