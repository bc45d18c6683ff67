"""Planted slips, one per row: each diagnosed with the right kind and a verified repair (issue 41).

Every row is a one-step LaTeX chain with a slip of the catalogue planted in its second line. The test
asserts the kind, the repair's exact LaTeX and its status, and then verifies the repaired step with the
engine itself (the line before, the repair's relation, the repair), independently of the diagnosis:
it must be PROVED. A missing assumption is checked the same way: the chain declared with it is PROVED.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.fixtures.diagnose_slips import ASSUMPTIONS, SCALARS, SLIPS
from verifier.engine import EngineSettings, chains, diagnose, verify_family
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Status

SETTINGS = EngineSettings(samples=60)


def _family(block: str, before: str, relation: str, after: str) -> ClaimFamily:
    text = f"```verifier\n{block}\n```\n\n$$ {before} {relation} {after} $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert errors == []
    return families[0]


def _verified(block: str, before: str, relation: str, after: str) -> ClaimResult:
    return verify_family(_family(block, before, relation, after), SETTINGS)


@pytest.mark.parametrize(("name", "block", "before", "rel", "after", "kind", "rel2", "repair"), SLIPS,
                         ids=[row[0] for row in SLIPS])  # fmt: skip
def test_a_planted_slip_gets_its_kind_and_a_proved_repair(
    name: str, block: str, before: str, rel: str, after: str, kind: str, rel2: str, repair: str
) -> None:
    r = _verified(block, before, rel, after)
    assert r.status is Status.REFUTED and r.first_wrong_step == 1
    d = r.steps[0].diagnosis
    assert d is not None, name
    assert (d.kind, d.relation, d.repair, d.repair_status) == (kind, rel2, repair, "PROVED")
    assert d.edit and d.repair_marked
    if not d.edit.startswith(("drop", "relax", "reverse")):  # the edited part is marked in the line shown
        assert "\\underline{" in d.repair_marked and "«" in d.said, d.repair_marked
    repaired = _verified(block, before, rel2, repair)  # the engine on the repaired step, apart from the diagnosis
    assert repaired.status is Status.PROVED, (name, repaired.reason)


@pytest.mark.parametrize(("name", "block", "before", "rel", "after", "holds_if", "declared"), ASSUMPTIONS,
                         ids=[row[0] for row in ASSUMPTIONS])  # fmt: skip
def test_a_missing_assumption_is_named_and_the_step_holds_under_it(
    name: str, block: str, before: str, rel: str, after: str, holds_if: str, declared: str | None
) -> None:
    r = _verified(block, before, rel, after)
    assert r.status is Status.REFUTED
    d = r.steps[0].diagnosis
    assert d is not None and d.kind == "assumption" and d.holds_if == holds_if, name
    if declared is None:
        return
    block = declared if "\n" in declared else f"{block}\n{declared}"
    assert _verified(block, before, rel, after).status is Status.PROVED, name


def test_the_catalogue_covers_every_kind() -> None:
    kinds = {row[5] for row in SLIPS} | {"assumption"}
    assert kinds == {"sign", "factor", "term", "exponent", "transpose", "index", "bound", "relation", "assumption"}
    assert len(SLIPS) + len(ASSUMPTIONS) >= 40


def _diagnosed_with(engine_says: Status, row: tuple[str, ...]) -> object:
    """The first wrong step's diagnosis when every verification the diagnosis asks for gets `engine_says`."""
    block, before, rel, after = row[1:5]
    family = _family(block, before, rel, after)
    chain = family.builder(*(n for n in family.n_values[:1] if n is not None))
    step = chains._step_family(family, chain, 0)
    refuted = verify_family(step, dataclasses.replace(SETTINGS, diagnose=False))
    assert refuted.status is Status.REFUTED

    def engine(derived: ClaimFamily, settings: object, source: str) -> ClaimResult:
        return dataclasses.replace(verify_family(derived, settings, source), status=engine_says)  # type: ignore[arg-type]

    def edited(text: str) -> ClaimFamily | None:
        again = family.reread(1, text) if family.reread else None
        return chains._step_family(again, chain, 0) if again is not None else None

    return diagnose.diagnose(step, refuted, engine, SETTINGS, (chain.steps[0].written, edited))


@pytest.mark.parametrize("row", [SLIPS[0], SLIPS[9], SLIPS[24], SLIPS[31], SLIPS[35], ASSUMPTIONS[0], ASSUMPTIONS[5]],
                         ids=lambda row: row[0])  # fmt: skip
def test_nothing_the_engine_did_not_verify_is_ever_shown(row: tuple[str, ...]) -> None:
    """With an engine that proves nothing, no repair, difference, ratio or assumption is offered at all."""
    for says in (Status.UNKNOWN, Status.REFUTED, Status.ERROR):
        assert _diagnosed_with(says, row) is None


def test_a_checked_repair_says_so() -> None:
    """eˣ ≥ 1 + x is only CHECKED by the engine: the reversed relation is offered, and says CHECKED."""
    d = _verified(SCALARS, "e^{x}", r"\le", "1 + x").steps[0].diagnosis
    assert d is not None and d.kind == "relation" and d.relation == r"\ge"
    assert d.repair_status == _verified(SCALARS, "e^{x}", r"\ge", "1 + x").status.value
    assert d.said.endswith(d.repair_status)


def test_a_function_with_no_values_is_not_evaluated_at_the_counterexample() -> None:
    """f of `f: function` has no value at any point, so a candidate holding it cannot be told apart there (sympy's
    evalf took 0.5 s to fail on each derivative of it); a function with an implementation is evaluated."""
    import sympy as sp
    from sympy.utilities.lambdify import implemented_function

    z, s = sp.Symbol("z"), sp.Dummy("s")
    slope = sp.Subs(sp.Derivative(sp.Function("f")(s), s), s, 1 / (1 + sp.exp(-z)))
    assert diagnose._value(slope, {z: sp.Integer(-2)}) is None
    doubled = implemented_function("doubled", lambda v: 2 * v)
    (value,) = diagnose._value(doubled(z) + 1, {z: sp.Integer(3)}) or [None]
    assert value is not None and abs(value - 7) < 1e-25


@pytest.mark.parametrize(
    ("after", "repair", "marked", "edit"),
    [
        (r"\mathbf{A}^\top x", r"\mathbf{A} x", r"\underline{\mathbf{A}} x", r"\mathbf{A} for \mathbf{A}ᵀ"),
        (r"(A B)^\top x", "(A B) x", r"\underline{(A B)} x", "(A B) for (A B)ᵀ"),
    ],
)
def test_a_transpose_taken_away_names_and_marks_the_whole_operand(
    after: str, repair: str, marked: str, edit: str
) -> None:
    """\\mathbf{A}ᵀ x for \\mathbf{A} x was told "did you mean = \\mathbf{A«}» x (} for }ᵀ)", the brace underlined
    (an empty \\underline{} on the page); (A B)ᵀ x: ") for )ᵀ". The operand is the group the ᵀ is on."""
    block = "A, B: matrix k×k\nx: vector of size k\nk: 2..3"
    before = after.replace(r"^\top", "").replace(r"\mathbf{A}", "A")
    d = _verified(block, before, "=", after).steps[0].diagnosis
    assert d is not None and d.kind == "transpose", d
    assert (d.repair, d.repair_marked, d.edit) == (repair, marked, edit)


def test_a_power_gathered_over_the_whole_line_is_named_by_its_own_exponent() -> None:
    """1 + h³ for (1 + h)³ was offered as "square the whole: (h + 1)^3 for h^3 + 1": a cube, not a square."""
    import sympy as sp

    from verifier.engine import slips

    h = sp.Symbol("h")
    edits = {c.edit for c in slips.exponent_edits(1 + h**3, "=")}
    assert "raise the whole to the power 3: (h + 1)^3 for h^3 + 1" in edits, edits
    assert not any(e.startswith("square") for e in edits)
    assert "square the whole: (h + 1)^2 for h^2 + 1" in {c.edit for c in slips.exponent_edits(1 + h**2, "=")}
