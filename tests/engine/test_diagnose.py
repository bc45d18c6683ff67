"""A refuted identity says why, each part verified by the engine (issue 41)."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Chain, Identity, Inequality, Interval, Real, Step, claim
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import ClaimResult, Status

SETTINGS = EngineSettings(samples=60)
x, y, eta, lam, w, g = sp.symbols("x y eta lambda w g")
REALS = {s: Real() for s in (x, y, eta, lam, w, g)}


def _latex(line: str) -> ClaimResult:
    text = f"```verifier\nx, y, w, g: real\n\\eta, \\lambda: positive\n```\n\n$$ {line} $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert errors == []
    return verify_family(families[0], SETTINGS)


@pytest.mark.parametrize(
    ("line", "kind", "repair", "difference"),
    [
        ("(x - y)^2 = x^2 + 2 x y + y^2", "sign", "x^2 - 2 x y + y^2", "- 4 x y"),
        ("\\frac{d}{dx} x^2 = x", "factor", "2 x", "x"),
        ("w - \\eta (g + \\lambda w) = w - \\eta g + \\eta \\lambda w", "sign", "w - \\eta g - \\eta \\lambda w", ""),
        ("(x + y)^2 = x^2 + 2xy + y^2 + x", "term", "x^2 + 2xy + y^2", "- x"),
    ],
)
def test_a_wrong_step_gets_its_kind_and_a_verified_repair(line: str, kind: str, repair: str, difference: str) -> None:
    r = _latex(line)
    assert r.status is Status.REFUTED
    d = r.steps[0].diagnosis
    assert d is not None and r.diagnosis == d
    assert d.kind == kind and d.repair == repair and d.repair_status == "PROVED"
    if difference:
        assert d.difference == difference
    # the repaired line is itself proved by the engine, independently of the diagnosis
    repaired = line.rsplit("=", 1)[0] + "= " + repair
    assert _latex(repaired).status is Status.PROVED


def test_the_diagnosis_survives_json_and_is_in_it() -> None:
    r = _latex("(x - y)^2 = x^2 + 2 x y + y^2")
    data = r.to_json()
    assert data["steps"][0]["diagnosis"]["kind"] == "sign" and data["diagnosis"]["repair_status"] == "PROVED"
    assert ClaimResult.from_json(data).steps[0].diagnosis == r.steps[0].diagnosis


@claim()
def opposite_signs() -> Identity:
    return Identity(x - y, y - x, where=REALS)


@claim()
def nothing_to_say() -> Identity:
    return Identity(sp.sin(x), x, where=REALS)


@claim()
def a_python_chain() -> Chain:
    return Chain((x + y) ** 2, steps=(Step("=", x**2 + x * y + y**2),), where=REALS)


def test_a_python_claim_and_a_python_chain_are_diagnosed_too() -> None:
    r = verify_family(opposite_signs, SETTINGS)
    assert r.diagnosis is not None and r.diagnosis.kind == "sign"
    assert "the sides have opposite signs" in r.diagnosis.said
    chain = verify_family(a_python_chain, SETTINGS)
    assert chain.diagnosis is not None and chain.diagnosis.repair == "x^{2} + 2 x y + y^{2}"


def test_no_diagnosis_is_offered_where_the_engine_verified_none() -> None:
    r = verify_family(nothing_to_say, SETTINGS)
    assert r.status is Status.REFUTED and r.diagnosis is None


def test_a_diagnosis_can_be_switched_off() -> None:
    from dataclasses import replace

    assert verify_family(opposite_signs, replace(SETTINGS, diagnose=False)).diagnosis is None


CE_BLOCK = (
    "z, y: vectors of size k; k: 2..3\nj: index\n"
    "\\operatorname{softmax}: softmax\n\\hat{y} = \\operatorname{softmax}(z)"
)


def test_a_missing_assumption_is_named_and_verified() -> None:
    """The softmax cross-entropy step that drops Σᵢ yᵢ holds only on the simplex (issue 41's example)."""
    text = f"```verifier\n{CE_BLOCK}\n```\n\n$$ -y_j + \\hat{{y}}_j \\sum_i y_i = \\hat{{y}}_j - y_j $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert errors == []
    r = verify_family(families[0], SETTINGS)
    assert r.status is Status.REFUTED
    d = r.steps[0].diagnosis
    assert d is not None and d.kind == "assumption"
    assert d.holds_if == "holds if y ∈ Δ (probability simplex) (declare y: simplex)"
    declared = text.replace("k: 2..3", "y: simplex; k: 2..3")
    assert verify_family(latex.parse_chains(declared, "hw.md", "hw")[0][0], SETTINGS).status is Status.PROVED


def test_a_root_of_a_square_holds_if_its_argument_is_nonnegative() -> None:
    r = _latex("\\sqrt{x^2} = x")
    d = r.steps[0].diagnosis
    assert d is not None and d.kind == "assumption" and "declare x: nonnegative" in d.holds_if


def test_a_diagnosis_verifies_its_candidates_without_the_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe's only word is UNKNOWN in place of REFUTED, which the diagnosis never offers: it is not run there,
    and the diagnosis is the same; a claim of the user's own is still probed."""
    from verifier.engine import verify

    probed: list[int | None] = []
    real_probe = verify._probe_inconsistency

    def counted(inst, family, n, cx):  # type: ignore[no-untyped-def]
        probed.append(n)
        return real_probe(inst, family, n, cx)

    monkeypatch.setattr(verify, "_probe_inconsistency", counted)
    r = _latex("x^2 - y^2 = (x - y)^2")  # its diagnosis verifies refuted candidates before the repair
    assert r.status is Status.REFUTED and r.steps[0].diagnosis is not None
    assert r.steps[0].diagnosis.repair == "x^{2} - y^{2}" and r.steps[0].diagnosis.repair_status == "PROVED"
    assert len(probed) == 2  # the step and the chain's end result, the user's own; none for the diagnosis's candidates


@claim()
def undefined_at_an_end() -> Inequality:
    return Inequality(1 / x, ">=", 0, where={x: Interval(0, 1)})


def test_a_side_undefined_in_the_domain_gets_no_edit_of_its_terms() -> None:
    """No edit of the right side makes 1/x defined at 0; "add the term 1/x" (1/x ≥ 1/x) taught nothing."""
    r = verify_family(undefined_at_an_end, SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None and r.counterexample.error == "undefined"
    assert "narrow the domain" in r.reason
    assert r.diagnosis is None or not r.diagnosis.repair, r.diagnosis
    assert "off by undefined" not in r.counterexample.note


def test_a_bound_gets_no_term_of_its_own_left_side_as_a_repair() -> None:
    """(x if x ≥ 0, else x − 2) ≥ 0 was told "did you mean ≥ (x if x ≥ 0, else x − 2)": the whole left side, a
    tautology, which teaches nothing; max(x − 2, 0) + min(x, 1) ≥ 0 was told "≥ min(1, x)". A bound dropped no term
    of the line before: the diagnosis is now the assumption that makes it hold. A dropped term in an equation stays."""
    for line in (
        "\\begin{cases} x & x \\ge 0 \\\\ x - 2 & \\text{otherwise} \\end{cases} \\ge 0",
        "\\max(x - 2, 0) + \\min(x, 1) \\ge 0",
    ):
        r = _latex(line)
        assert r.status is Status.REFUTED and r.steps[0].diagnosis is not None, r.reason
        assert r.steps[0].diagnosis.kind == "assumption", r.steps[0].diagnosis
    r = _latex("(x + y)^2 = x^2 + y^2")
    assert r.steps[0].diagnosis is not None and r.steps[0].diagnosis.repair_status == "PROVED", r.steps[0].diagnosis


def _chain(block: str, line: str) -> ClaimResult:
    families, errors = latex.parse_chains(f"```verifier\n{block}\n```\n\n$$ {line} $$\n", "hw.md", "hw")
    assert errors == []
    return verify_family(families[0], SETTINGS)


def test_a_line_transposed_whole_is_no_swap_of_indices_it_does_not_have() -> None:
    """(A B)ᵀ = A B was told "swap the two free indices (i and j)" (kind index: a TA's hint "look for two indices
    swapped"), though the line has no index at all; it is the line transposed. A line of i and j keeps the swap."""
    d = _chain("A, B: matrix k×k\nk: 2..2", "(A B)^\\top = A B").steps[0].diagnosis
    assert d is not None and d.repair_status == "PROVED", d
    assert (d.kind, d.edit) == ("transpose", "transpose the whole line"), d
    d = _chain("x, y: vector of size k; k: 2..3\ni, j: index", "x_i y_j = x_j y_i").steps[0].diagnosis
    assert d is not None and (d.kind, d.edit) == ("index", "swap the two free indices (i and j)"), d


def test_a_marked_repair_reads_as_the_repair_verified() -> None:
    """x − a² − b² = x − (a + b)²: the repair x − a² − b² was marked "-«a^2 + b^2» + x", on the page
    −a² + b² + x, a false line; the sum put in after a minus sign keeps its brackets."""
    d = _chain("x, a, b: real", "x - a^2 - b^2 = x - (a + b)^2").steps[0].diagnosis
    assert d is not None and d.kind == "exponent" and d.repair == "- a^{2} - b^{2} + x", d
    assert d.repair_marked == "- \\underline{\\left(a^{2} + b^{2}\\right)} + x" and "-«(a^2 + b^2)» + x" in d.said
    shown = d.repair_marked.replace("\\underline", "")
    assert _chain("x, a, b: real", f"x - a^2 - b^2 = {shown}").status is Status.PROVED


@claim()
def a_missing_cross_term() -> Identity:
    return Identity((x + y) ** 2, x**2 + y**2, where=REALS)


def test_an_added_term_is_said_to_come_from_the_left_side_a_claim_of_one_line_has() -> None:
    """(x + y)² = x² + y², a claim of its own (no chain), was told "add the term 2·x·y (the line before has it)":
    there is no line before; the term is the left side's, expanded."""
    d = verify_family(a_missing_cross_term, SETTINGS).diagnosis
    assert d is not None and d.edit == "add the term 2·x·y (the expanded left side has it)", d
    assert "line before" not in d.said
