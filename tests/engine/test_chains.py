"""Chains: every line of a derivation verified on its own, the first wrong one named."""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier import Chain, General, Positive, Real, Step, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import dot, vector
from verifier.outcome import ClaimResult, Status

SETTINGS = EngineSettings(samples=60)
x, y = sp.symbols("x y")


@claim()
def square_of_sum() -> Chain:
    "(x + y)² = x² + 2xy + y² ≥ 2xy + 2xy … ≥ 4xy, line by line."
    return Chain(
        (x + y) ** 2,
        steps=(
            Step("=", x**2 + 2 * x * y + y**2, "expand"),
            Step("=", (x - y) ** 2 + 4 * x * y, "complete the square"),
            Step(">=", 4 * x * y, "a square is ≥ 0"),
        ),
        where={x: Real(), y: Real()},
    )


@claim()
def square_of_sum_slip() -> Chain:
    "The same chain with a dropped factor 2 in the expansion (step 1)."
    return Chain(
        (x + y) ** 2,
        steps=(
            Step("=", x**2 + x * y + y**2, "expand"),
            Step("=", (x - y) ** 2 + 4 * x * y, "complete the square"),
            Step(">=", 4 * x * y, "a square is ≥ 0"),
        ),
        where={x: Real(), y: Real()},
    )


@claim()
def up_and_down() -> Chain:
    "x² + 1 ≥ 1 ≤ x² + 2: true steps that conclude nothing about the ends."
    return Chain(x**2 + 1, steps=(Step(">=", 1), Step("<=", x**2 + 2)), where={x: Real()})


@claim()
def ledger() -> Chain:
    "√(x²) = |x| = x, the last step only once x > 0 is assumed."
    return Chain(
        sp.sqrt(x**2),
        steps=(Step("=", sp.Abs(x)), Step("=", x, "for x > 0", where={x: Positive()})),
        where={x: Real()},
    )


@claim(n=[2, 3])
def norm_chain(n: int) -> Chain:
    "‖u + v‖² = ‖u‖² + 2uᵀv + ‖v‖² ≤ ‖u‖² + 2‖u‖‖v‖ + ‖v‖²: Cauchy–Schwarz at step 2."
    u, v = vector("u", n), vector("v", n)
    nu, nv = sp.sqrt(dot(u, u)), sp.sqrt(dot(v, v))
    return Chain(
        dot(u + v, u + v),
        steps=(
            Step("=", dot(u, u) + 2 * dot(u, v) + dot(v, v), "expand"),
            Step("<=", dot(u, u) + 2 * nu * nv + dot(v, v), "Cauchy–Schwarz"),
        ),
        where={u: Real(), v: Real()},
    )


@claim()
def bad_relation() -> Chain:
    "A relation the verifier does not know."
    return Chain(x, steps=(Step("≈", x),), where={x: Real()})


def test_a_correct_chain_is_proved_step_by_step() -> None:
    r = verify_family(square_of_sum, SETTINGS)
    assert r.status is Status.PROVED, r.reason
    assert [s.status for s in r.steps] == [Status.PROVED] * 3
    assert r.first_wrong_step is None and r.end_result == "PROVED"
    assert [s.relation for s in r.steps] == ["=", "=", ">="] and r.steps[2].reason == "a square is ≥ 0"


def test_the_first_wrong_step_is_named_with_its_counterexample_even_when_the_end_holds() -> None:
    r = verify_family(square_of_sum_slip, SETTINGS)
    assert r.status is Status.REFUTED
    assert r.first_wrong_step == 1 and r.steps[0].counterexample is not None
    assert r.end_result == "PROVED", "the boxed answer is right: the slips cancel"
    assert r.reason.startswith("step 1 of 3 is wrong") and "cancel" in r.reason


@claim()
def slip_taken_in_by_a_bound() -> Chain:
    return Chain(x**2, steps=(Step("=", x**2 + 1), Step("<=", x**2 + 2)), where={x: Real()})


def test_an_end_that_holds_with_no_later_slip_names_no_later_slip() -> None:
    """x² = x² + 1 ≤ x² + 2: step 1 is wrong, step 2 right, the end x² ≤ x² + 2 holds. It was told "so later slips
    cancel this one", naming a slip that is not there: the ≤ takes it in."""
    r = verify_family(slip_taken_in_by_a_bound, SETTINGS)
    assert r.status is Status.REFUTED and r.first_wrong_step == 1 and r.steps[1].status is Status.PROVED
    assert r.end_result == "PROVED" and "later slips" not in r.reason, r.reason
    assert r.reason.endswith("it holds on its own, though these steps do not lead to it"), r.reason


def test_steps_that_turn_around_conclude_nothing_about_the_ends() -> None:
    r = verify_family(up_and_down, SETTINGS)
    assert r.status is Status.PROVED and r.end_result == ""
    assert "conclude nothing" in r.reason


@claim()
def ledger_missing() -> Chain:
    "√(x²) = |x| = x, with no assumption that x > 0."
    return Chain(sp.sqrt(x**2), steps=(Step("=", sp.Abs(x)), Step("=", x)), where={x: Real()})


def test_an_assumption_holds_from_the_step_that_brings_it() -> None:
    r = verify_family(ledger, SETTINGS)
    assert r.status is Status.PROVED, r.reason
    assert r.domains == ["x ∈ ℝ₊ (x > 0)"], "the ledger's last word on x"
    missing = verify_family(ledger_missing, SETTINGS)
    assert missing.status is Status.REFUTED and missing.first_wrong_step == 2


def test_an_inequality_step_with_symbolic_size() -> None:
    r = verify_family(norm_chain, SETTINGS)
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    assert r.steps[0].status is Status.PROVED and r.end_result in ("PROVED", "CHECKED")


def test_a_malformed_chain_is_an_error_that_says_what_to_use() -> None:
    r = verify_family(bad_relation, SETTINGS)
    assert r.status is Status.ERROR and "relation '≈'" in r.reason


def test_a_chain_result_survives_json() -> None:
    r = verify_family(square_of_sum_slip, SETTINGS)
    again = ClaimResult.from_json(r.to_json())
    assert again.steps == r.steps and again.first_wrong_step == 1 and again.end_result == r.end_result


# issue 27 item 6: an undecidable sample is replaced, and an UNKNOWN end result says why ----------
def _outcome(verdict: str, undecided: int = 0) -> object:
    from verifier.numeric.checks.resolve import NumericOutcome
    from verifier.outcome import NumericEvidence, NumericVerdict

    evidence = NumericEvidence(n=None, method="float64 batch", samples=60, max_error=0.0, tolerance=1e-12)
    reason = "1 sample(s) beyond tolerance could not be decided in high precision" if undecided else ""
    return NumericOutcome(NumericVerdict(verdict), evidence, reason=reason, undecided=undecided)


def test_a_batch_whose_only_doubt_is_an_undecidable_sample_is_replaced_by_a_fresh_one() -> None:
    from verifier.numeric.checks import _replacing_undecided
    from verifier.numeric.checks.sampling import Settings
    from verifier.outcome import NumericVerdict

    batches = iter([_outcome("inconclusive", undecided=1), _outcome("pass")])
    out = _replacing_undecided(lambda: next(batches), Settings(0, 60, 0.1))  # type: ignore[arg-type, return-value]
    assert out.verdict is NumericVerdict.PASS
    assert out.evidence.note == "1 undecidable sample(s) replaced by a fresh batch"
    stuck = iter([_outcome("inconclusive", undecided=1)] * 3)
    out = _replacing_undecided(lambda: next(stuck), Settings(0, 60, 0.1))  # type: ignore[arg-type, return-value]
    assert out.verdict is NumericVerdict.INCONCLUSIVE and "could not be decided" in out.reason
    other = iter([_outcome("inconclusive"), _outcome("pass")])
    assert _replacing_undecided(lambda: next(other), Settings(0, 60, 0.1)).verdict is NumericVerdict.INCONCLUSIVE  # type: ignore[arg-type, return-value]


def test_an_unknown_end_result_keeps_its_reason_in_the_chain_verdict() -> None:
    family = square_of_sum

    def verify_one(sub: object, settings: object, source: str) -> ClaimResult:
        r = verify_family(sub, SETTINGS, source)  # type: ignore[arg-type]
        if r.name.endswith(".end"):
            why = f"{source or r.derivation}::{r.name} at n = 2: 1 sample(s) beyond tolerance could not be decided"
            return dataclasses.replace(r, status=Status.UNKNOWN, reason=why)
        return r

    from verifier.engine import chains

    result = verify_family(family, SETTINGS)
    chain = family.builder()
    result = chains.verify_chain(family, chain, SETTINGS, "", result, verify_one)
    assert result.end_result == "UNKNOWN"
    assert "end result e₀ ≥ e₃: UNKNOWN (at n = 2: 1 sample(s) beyond tolerance could not be decided)" in result.reason


@claim(n=range(1, 4))
def transpose_of_a_product(n: int) -> Chain:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    return Chain((A * B).T, steps=(Step("=", B.T * A.T, "transpose of a product"), Step("=", (A * B).T)),
                 where={A: General(), B: General()})  # fmt: skip


def test_a_chain_says_how_far_each_step_is_proved_and_the_json_carries_it() -> None:
    """Each step proved for every n says so, and so does a chain all of whose steps are (issue 40)."""
    r = verify_family(transpose_of_a_product, SETTINGS)
    assert r.status is Status.PROVED and r.for_all_n and r.verdict == "PROVED for all n"
    assert [s.verdict for s in r.steps] == ["PROVED for all n"] * 2
    data = r.to_json()
    assert data["proved_for_all_n"] is True and [s["proved_for_all_n"] for s in data["steps"]] == [True, True]
    back = ClaimResult.from_json(data)
    assert back.for_all_n and all(s.for_all_n for s in back.steps)
    scalar = verify_family(square_of_sum, SETTINGS)
    assert not scalar.for_all_n and scalar.to_json()["proved_for_all_n"] is False
