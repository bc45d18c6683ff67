"""A claim has one meaning, and both views verify exactly that meaning (issue 24, classes 1, 2 and 7).

Each test states a claim an attacker would write and the verdict a careful mathematician would
give; the truth of each is in its docstring or a comment (a point where it fails, or a proof).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import sympy as sp

from verifier import Convergence, Corollary, Derivative, Identity, Inequality, Limit, Real, api, claim
from verifier.engine import EngineSettings, resolve_corollaries, verify_family
from verifier.language.mathlib import matrix, vector
from verifier.outcome import ClaimResult, Status

FAST = EngineSettings(samples=60)
x = sp.Symbol("x")


def verdict(builder: object, **options: object) -> ClaimResult:
    return verify_family(claim(**options)(builder), FAST)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- class 1: symbols


def test_a_symbol_whose_assumptions_its_domain_does_not_imply_is_an_error_saying_what_to_write() -> None:
    # log(x²) = 2 log x is false at x = −2, but a positive=True symbol has already rewritten log(x²)
    p = sp.Symbol("x", positive=True)
    r = verdict(lambda: Identity(sp.log(p**2), 2 * sp.log(p), where={p: Real()}))
    assert r.status is Status.ERROR
    assert "positive=True" in r.reason and "Symbol('x')" in r.reason and "Positive()" in r.reason


def test_a_symbol_whose_assumptions_its_domain_implies_is_accepted() -> None:
    r = verdict(lambda: Identity(sp.Abs(sp.Symbol("x", real=True)) ** 2, sp.Symbol("x", real=True) ** 2,
                                 where={sp.Symbol("x", real=True): Real()}))  # fmt: skip
    assert r.status is Status.PROVED


def test_real_vector_and_matrix_entries_over_real_domains_are_accepted() -> None:
    # (Wx)ᵀ(Wx) = xᵀ(WᵀW)x, with entries made real by mathlib, as their domains say
    def gram() -> Identity:
        W, x = matrix("W", 2, real=True), vector("x", 2, real=True)
        return Identity(((W * x).T * (W * x))[0, 0], (x.T * (W.T * W) * x)[0, 0], where={W: Real(), x: Real()})

    assert all(s.is_real for s in [*matrix("W", 2, real=True), *vector("x", 2, real=True)])
    assert verdict(gram).status is Status.PROVED


def test_positive_vector_entries_over_a_real_domain_are_an_error() -> None:
    # |x₁| = x₁ holds for positive=True entries only: the domain ℝ does not imply what they carry
    def abs_is_identity() -> Identity:
        x = vector("x", 2, positive=True)
        return Identity(sp.Abs(x[0]), x[0], where={x: Real()})

    r = verdict(abs_is_identity)
    assert r.status is Status.ERROR and "positive=True" in r.reason


def test_two_declared_objects_sharing_an_entry_is_an_error() -> None:
    # matrix("a", 2) holds a11, and so does vector("a", 12): A₁₁ = v₁₁ would be "proved"
    def shared() -> Identity:
        a, v = matrix("a", 2), vector("a", 12)
        return Identity(a[0, 0], v[10], where={a: Real(), v: Real()})

    r = verdict(shared)
    assert r.status is Status.ERROR and "a11 is an entry of two declared objects" in r.reason


def test_two_symbols_with_one_name_and_different_assumptions_are_an_error() -> None:
    plain, real = sp.Symbol("x"), sp.Symbol("x", real=True)
    r = verdict(lambda: Identity(plain, real, where={plain: Real(), real: Real()}))
    assert r.status is Status.ERROR and "both named x" in r.reason


def test_a_limit_variable_with_assumptions_is_an_error_pointing_at_dir() -> None:
    t = sp.Symbol("t", positive=True)
    r = verdict(lambda: Limit(sp.Abs(t) / t, t, 0, 1))
    assert r.status is Status.ERROR and "positive=True" in r.reason


# ----------------------------------------------------------------------------- class 2: directions


def test_a_limit_is_two_sided_unless_it_says_otherwise() -> None:
    # |x|/x → 1 from the right and −1 from the left: no two-sided limit
    r = verdict(lambda: Limit(sp.Abs(x) / x, x, 0, 1))
    assert r.status is Status.REFUTED and "from the left" in r.reason
    assert verdict(lambda: Limit(sp.Abs(x) / x, x, 0, 1, dir="+")).status is Status.PROVED
    assert verdict(lambda: Limit(sp.Abs(x) / x, x, 0, -1, dir="-")).status is Status.PROVED


def test_a_jump_has_no_two_sided_limit() -> None:
    # floor(x) is −1 just left of 0 and 0 just right of it
    assert verdict(lambda: Limit(sp.floor(x), x, 0, 0)).status is Status.REFUTED
    assert verdict(lambda: Limit(sp.floor(x), x, 0, 0, dir="+")).status is Status.PROVED


def test_true_two_sided_limits_stay_proved() -> None:
    assert verdict(lambda: Limit(sp.sin(x) / x, x, 0, 1)).status is Status.PROVED
    assert verdict(lambda: Limit(x * sp.sin(1 / x), x, 0, 0)).status is Status.PROVED  # |x sin(1/x)| ≤ |x|
    assert verdict(lambda: Limit(1 / x**2, x, 0, sp.oo)).status is Status.PROVED


def test_an_infinite_claimed_limit_is_checked_not_skipped() -> None:
    # 1/t → 0, not ∞; 1/x → ±∞ from the two sides, so not ∞
    assert verdict(lambda: Limit(1 / x, x, sp.oo, sp.oo)).status is Status.REFUTED
    r = verdict(lambda: Limit(1 / x, x, 0, sp.oo))
    assert r.status is Status.REFUTED and "from the left" in r.reason
    assert verdict(lambda: Limit(sp.log(x), x, sp.oo, sp.oo)).status in (Status.PROVED, Status.CHECKED)


def test_a_rate_from_a_one_sided_series_is_not_proved() -> None:
    # x ↦ x|x|: e_{k+1}/e_k² is 1 from the right and −1 from the left
    r = verdict(lambda: Convergence(step=x * sp.Abs(x), x=x, root=0, order=2, constant=1, start=sp.Rational(1, 2)))
    assert r.status is Status.REFUTED and "other side of the root" in r.reason
    newton = x - (x**2 - 2) / (2 * x)  # Newton on x² − 2: e_{k+1}/e_k² → 1/(2√2)
    root, c = sp.sqrt(2), 1 / (2 * sp.sqrt(2))
    assert verdict(lambda: Convergence(newton, x, root, 2, c, start=sp.Rational(3, 2))).status is Status.PROVED


# ----------------------------------------------------------------------------- class 7: corollaries


def test_a_bare_citation_is_never_proved(tmp_path: Path) -> None:
    path = tmp_path / "lemmas.py"
    path.write_text(
        "import sympy as sp\nfrom verifier import Corollary, Identity, Real, claim\nx = sp.Symbol('x')\n"
        "@claim()\ndef lemma():\n    'x = x.'\n    return Identity(x, x, where={x: Real()})\n"
        "@claim()\ndef one_is_two():\n    '1 = 2.'\n    return Corollary(of=('lemma',), because='magic')\n"
    )
    results = api.verify(path)
    assert isinstance(results, list)
    by_name = {r.name: r for r in results}
    assert by_name["lemma"].status is Status.PROVED
    assert by_name["one_is_two"].status is Status.UNKNOWN and "not checked" in by_name["one_is_two"].reason


def test_a_corollary_with_a_statement_has_the_statement_s_own_verdict() -> None:
    true = verdict(lambda: Corollary(of=("lemma",), because="x² ≥ 0",
                                     states=Inequality(x**2 + 1, ">", sp.Integer(0), where={x: Real()})))  # fmt: skip
    false = verdict(lambda: Corollary(of=("lemma",), because="magic",
                                      states=Identity(sp.Integer(1), sp.Integer(2))))  # fmt: skip
    assert true.status is Status.PROVED and true.cites == ["lemma"]
    assert false.status is Status.REFUTED


def test_citations_resolve_within_the_same_file_not_by_base_name() -> None:
    here = replace(ClaimResult.failed("a/lemma.py", "lemma", "base", ""), status=Status.PROVED, kind="identity")
    there = ClaimResult.failed("b/lemma.py", "lemma", "cor", "")
    there = replace(there, kind="corollary", cites=["base"], status=Status.UNKNOWN)
    _, there = resolve_corollaries([here, there])
    assert there.status is Status.ERROR and "cites unknown claim" in there.reason


def test_a_graded_student_s_citations_resolve_across_their_files() -> None:
    """A student's b.py that imports a.py's claim and cites it: the claim is a.py's (the loader), and the grader,
    which has one claim of each name a student, finds it there (it was ERROR, "cites unknown claim(s)")."""
    here = replace(ClaimResult.failed("s1/a.py", "a", "base", ""), status=Status.PROVED, kind="identity")
    there = replace(ClaimResult.failed("s1/b.py", "b", "cor", ""), kind="corollary", cites=["base"])
    _, there = resolve_corollaries([here, there], across_files=True)
    assert there.status is Status.UNKNOWN and "follows from base (PROVED)" in there.reason, there.reason


def test_a_derivative_of_a_kinked_function_is_proved_only_away_from_its_kinks() -> None:
    # d|x|/dx = sign x holds for x ≠ 0; at 0, |x| has no derivative, and sign 0 = 0 is no derivative of it
    r = verdict(lambda: Derivative(sp.Abs(x), wrt=x, equals=sp.sign(x), where={x: Real()}))
    assert r.status is Status.PROVED
    assert any("not differentiable" in a for a in r.assumptions), r.assumptions


def test_two_complex_sides_that_differ_are_a_counterexample() -> None:
    # at x = 1, y = −1: log(x/y) = log(−1) = iπ, log x − log y = −iπ
    from verifier import Nonzero

    y = sp.Symbol("y")
    r = verdict(lambda: Identity(sp.log(x / y), sp.log(x) - sp.log(y), where={x: Nonzero(), y: Nonzero()}))
    assert r.status is Status.REFUTED and "both sides are complex" in r.reason


def test_a_limit_the_sequence_cannot_resolve_is_decided_exactly() -> None:
    # (1 + 1/t)ᵗ → e, which is irrational: not the decimal 2.7182818284590452 (off by 2.4e-17)
    t = sp.Symbol("t")
    wrong = verdict(lambda: Limit((1 + 1 / t) ** t, t, sp.oo, sp.Rational(27182818284590452, 10**16)))
    assert wrong.status is Status.REFUTED and "limit" in wrong.reason and "is E" in wrong.reason, wrong.reason
    assert verdict(lambda: Limit((1 + 1 / t) ** t, t, sp.oo, sp.E)).status is Status.PROVED


def test_an_exact_identity_off_by_less_than_round_off_is_refuted_in_high_precision() -> None:
    off = verdict(lambda: Identity(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1 + sp.Rational(1, 10**16), where={x: Real()}))
    assert off.status is Status.REFUTED and "stable in high precision" in off.reason
    true = verdict(lambda: Identity(sp.tanh(x), 2 / (1 + sp.exp(-2 * x)) - 1, where={x: Real()}))
    assert true.status is Status.PROVED
