"""Planted slips, one per row: each diagnosed with the right kind and a verified repair (issue 41).

Every row is a one-step LaTeX chain with a slip of the catalogue planted in its second line. The test
asserts the kind, the repair's exact LaTeX and its status, and then verifies the repaired step with the
engine itself (the line before, the repair's relation, the repair), independently of the diagnosis:
it must be PROVED. A missing assumption is checked the same way: the chain declared with it is PROVED.
"""

from __future__ import annotations

import dataclasses

import pytest

from verifier.engine import EngineSettings, chains, diagnose, verify_family
from verifier.language.families import ClaimFamily
from verifier.load import latex
from verifier.outcome import ClaimResult, Status

SETTINGS = EngineSettings(samples=60)
SCALARS = "x, y, w, g, h, q, a, b: real\n\\eta, \\lambda: positive\nu: positive"
POWERS = "x: positive\nn: positive"
VECTORS = "y, x, z: vector of size k; k: 2..3\ni, j: index\nA: matrix k×k"
SOFTMAX = (
    "z, y: vector of size k; k: 2..3\nj: index\n\\operatorname{softmax}: softmax\n\\hat{y} = \\operatorname{softmax}(z)"
)

# (name, declarations, the line before, relation, the slipped line, kind, repair's relation, repair's LaTeX)
SLIPS = [
    ("sign-square", SCALARS, r"(x - y)^2", "=", r"x^2 + 2 x y + y^2", "sign", "=", r"x^2 - 2 x y + y^2"),
    ("sign-difference-of-squares", SCALARS, r"(a+b)(a-b)", "=", r"a^2 + b^2", "sign", "=", r"a^2 - b^2"),
    ("sign-derivative-of-inverse", SCALARS, r"\frac{d}{du} \frac{1}{u}", "=", r"\frac{1}{u^2}", "sign", "=",
     r"- \frac{1}{u^2}"),
    ("sign-derivative-of-sin", SCALARS, r"\frac{d}{dx} \sin(x)", "=", r"- \cos(x)", "sign", "=", r"\cos(x)"),
    ("sign-weight-decay", SCALARS, r"w - \eta (g + \lambda w)", "=", r"w - \eta g + \eta \lambda w", "sign", "=",
     r"w - \eta g - \eta \lambda w"),
    ("sign-derivative-of-cos", SCALARS, r"\frac{d}{dx} \cos(x)", "=", r"\sin(x)", "sign", "=", r"- \sin(x)"),
    ("sign-expanded", SCALARS, r"(x - 1)(x + 2)", "=", r"x^2 - x - 2", "sign", "=", r"x^2 + x - 2"),
    ("factor-2-chain-rule", SCALARS, r"\frac{d}{dx} e^{2x}", "=", r"e^{2x}", "factor", "=", r"2 e^{2 x}"),
    ("factor-half", SCALARS, r"\frac{d}{dx} x^2", "=", r"4x", "factor", "=", r"2 x"),
    ("factor-3", SCALARS, r"\frac{d}{dx} x^3", "=", r"x^2", "factor", "=", r"3 x^2"),
    ("factor-n", POWERS, r"\frac{d}{dx} x^n", "=", r"x^{n-1}", "factor", "=", r"n x^{n - 1}"),
    ("factor-1/n", POWERS, r"\frac{d}{dx} \frac{x^n}{n}", "=", r"n x^{n-1}", "factor", "=", r"x^{n - 1}"),
    ("factor-n-1", POWERS, r"n x - x", "=", r"x", "factor", "=", r"x \left(n - 1\right)"),
    ("factor-half-square", SCALARS, r"\frac{d}{dx} \frac{x^2}{2}", "=", r"2 x", "factor", "=", r"x"),
    ("term-missing-cross", SCALARS, r"(x+y)^2", "=", r"x^2 + y^2", "term", "=", r"x^{2} + 2 x y + y^{2}"),
    ("term-missing-linear", SCALARS, r"(x + 1)^2 - 1", "=", r"x^2", "term", "=", r"x^{2} + 2 x"),
    ("term-dropped-product", SCALARS, r"x (x + y)", "=", r"x^2", "term", "=", r"x^{2} + x y"),
    ("term-extra", SCALARS, r"(x + y)^2", "=", r"x^2 + 2xy + y^2 + x", "term", "=", r"x^2 + 2xy + y^2"),
    ("term-extra-constant", SCALARS, r"x^2 - 2x + 1", "=", r"(x - 1)^2 + 1", "term", "=", r"(x - 1)^2"),
    ("exponent-tanh", SCALARS, r"\frac{d}{dh} \tanh(h)", "=", r"(1 - \tanh(h))^2", "exponent", "=",
     r"1 - \tanh^{2}{\left(h \right)}"),
    ("exponent-square-outside", SCALARS, r"(1-h)^2", "=", r"1 - h^2", "exponent", "=", r"\left(1 - h\right)^{2}"),
    ("exponent-log", SCALARS, r"\frac{d}{du} \log u", "=", r"\frac{1}{u^2}", "exponent", "=", r"\frac{1}{u}"),
    ("exponent-inverse", SCALARS, r"\frac{1}{u^2} \cdot u", "=", r"\frac{1}{u^2}", "exponent", "=", r"\frac{1}{u}"),
    ("exponent-quotient", SCALARS, r"\frac{d}{dx} \frac{1}{1+x^2}", "=", r"\frac{-2x}{1+x^2}", "exponent", "=",
     r"- \frac{2 x}{\left(x^{2} + 1\right)^{2}}"),
    ("transpose-symmetric", VECTORS, r"A^T", "=", r"A", "transpose", "=", r"A^T"),
    ("transpose-product", VECTORS, r"(A x)^T", "=", r"x^T A", "transpose", "=", r"x^T A^T"),
    ("transpose-bilinear", VECTORS, r"x^T A y", "=", r"y^T A x", "transpose", "=", r"y^T A^T x"),
    ("transpose-gradient", VECTORS, r"\nabla_x (y^T A x)", "=", r"A y", "transpose", "=", r"A^T y"),
    ("index-outer", VECTORS, r"y_i y_j + y_i", "=", r"y_j y_i + y_j", "index", "=", r"y_j y_i + y_{i}"),
    ("index-matrix", VECTORS, r"A_{ij} + A_{ji}", "=", r"A_{ij} + A_{ij}", "index", "=", r"A_{ji} + A_{ij}"),
    ("index-last", VECTORS, r"(x_i + 1) x_j", "=", r"x_i x_j + x_i", "index", "=", r"x_i x_j + x_{j}"),
    ("bound-upper-minus", "k: 1..5", r"\frac{k(k+1)}{2}", "=", r"\sum_{i=1}^{k-1} i", "bound", "=",
     r"\sum_{i=1}^{k} i"),
    ("bound-lower", "y: vector of size k; k: 2..4", r"\sum_{i=1}^{k} y_i", "=", r"\sum_{i=2}^{k} y_i", "bound", "=",
     r"\sum_{i=1}^{k} y_i"),
    ("bound-product", "x: real; k: 1..4", r"\prod_{i=1}^{k} x", "=", r"\prod_{i=1}^{k+1} x", "bound", "=",
     r"\prod_{i=1}^{k} x"),
    ("bound-squares", "k: 1..5", r"\frac{k(k+1)(2k+1)}{6}", "=", r"\sum_{i=1}^{k+1} i^2", "bound", "=",
     r"\sum_{i=1}^{k} i^2"),
    ("relation-relax", SCALARS, r"x^2", "<", r"x^2 + (x-1)^2", "relation", r"\le", r"x^{2} + \left(x - 1\right)^{2}"),
    ("relation-reverse", SCALARS, r"x^2 + 1", r"\le", r"2x", "relation", r"\ge", r"2 x"),
    ("relation-am-gm", SCALARS, r"x^2 + y^2", ">", r"2 x y", "relation", r"\ge", r"2 x y"),
    ("relation-reverse-am-gm", SCALARS, r"2 x y", r"\ge", r"x^2 + y^2", "relation", r"\le", r"x^{2} + y^{2}"),
]  # fmt: skip

# (name, declarations, the line before, relation, the slipped line, holds_if, the declaration that makes it hold)
ASSUMPTIONS = [
    ("assume-nonnegative", SCALARS, r"\sqrt{g^2}", "=", r"g", "holds if g ≥ 0 (declare g: nonnegative)",
     "g: nonnegative"),
    ("assume-abs", SCALARS, r"|x|", "=", r"x", "holds if x ≥ 0 (declare x: nonnegative)", "x: nonnegative"),
    ("assume-positive", SCALARS, r"\log(x^2)", "=", r"2 \log x", "holds if x > 0 (declare x: positive)", "x: positive"),
    ("assume-symmetric", VECTORS, r"\nabla_x (x^T A x)", "=", r"2 A x",
     "holds if A is symmetric (declare A: symmetric)", "A: symmetric"),
    ("assume-invertible", VECTORS + "\nI: identity k×k", r"A A^{-1}", "=", r"I",
     "holds if A is invertible (declare A: invertible)", "A: invertible"),
    ("assume-simplex", SOFTMAX, r"-y_j + \hat{y}_j \sum_i y_i", "=", r"\hat{y}_j - y_j",
     "holds if y ∈ Δ (probability simplex) (declare y: simplex)", "y: simplex"),
    ("assume-size-two", "x: real\nk: 1..3", r"\max(k, 2) x", "=", r"k x", "holds if n ≥ 2 (declare the size from 2)",
     "x: real\nk: 2..3"),
    ("assume-i-ne-j", VECTORS, r"\frac{\partial y_i}{\partial y_j}", "=", r"0",
     "holds if i ≠ j (off the diagonal; the diagonal i = j differs)", None),
]  # fmt: skip


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
