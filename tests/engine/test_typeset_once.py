"""A claim's math is typeset once (issue 42): a chain's lines are typeset for the chain and shown again in its
steps from the same strings, a part of a claim (a step, the end result, a diagnosis's candidate) is verified
without typesetting its own statement, and the strings are sympy's own, character for character."""

from __future__ import annotations

from collections import Counter

import pytest
import sympy as sp
from sympy.printing.latex import LatexPrinter

from tests.engine.test_chains import square_of_sum
from verifier import PSD, Certificate, General, Identity, Real, claim
from verifier.engine import EngineSettings, mathtext, verify_family
from verifier.language.mathlib import matrix, vector
from verifier.outcome import Status
from verifier.render import html
from verifier.strategies import budget

SETTINGS = EngineSettings(samples=40)
x, y = sp.symbols("x y")


@claim()
def square_slip() -> Identity:
    "(x + y)² = x² + xy + y²: a dropped 2, diagnosed by verifying candidate repairs."
    return Identity((x + y) ** 2, x**2 + x * y + y**2, where={x: Real(), y: Real()})


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The objects sympy's printers were asked to typeset in the test, as LaTeX, by their sympy text."""
    seen: Counter[str] = Counter()
    plain = LatexPrinter.doprint

    def counting(self: LatexPrinter, expr: sp.Basic) -> str:
        seen[str(expr)] += 1
        return str(plain(self, expr))

    monkeypatch.setattr(LatexPrinter, "doprint", counting)
    return seen


def test_each_line_of_a_chain_is_typeset_once(printed: Counter[str]) -> None:
    r = verify_family(square_of_sum, SETTINGS)
    assert r.status is Status.PROVED, r.reason
    lines = ["(x + y)**2", "x**2 + 2*x*y + y**2", "4*x*y + (x - y)**2", "4*x*y"]
    assert dict(printed) == dict.fromkeys(lines, 1)
    assert [s.latex for s in r.steps] == [sp.latex(s.expr) for s in square_of_sum.build(None).body.steps]
    assert r.start_latex == sp.latex((x + y) ** 2)


def test_a_diagnosis_typesets_no_candidate_it_verifies(printed: Counter[str]) -> None:
    r = verify_family(square_slip, SETTINGS)
    assert r.status is Status.REFUTED and r.diagnosis is not None, r.reason
    assert printed["(x + y)**2"] == 1, printed  # the claim's own left side; the candidates share it


def test_the_markup_is_sympys_own_and_the_memos_are_the_claims() -> None:
    budget.start_claim()
    a, b = sp.symbols("a b", positive=True)
    objects = [
        1 - x + x**2 / 2 - a * b,
        sp.Add(y, x, evaluate=False),
        sp.Mul(2, x, evaluate=False),
        sp.Eq(sp.exp(-x) + 3, sp.sqrt(a) - b),
        sp.ImmutableMatrix([[x - y, 1], [a + b, -x]]),
        sp.Float("0.1", 30) + x,
    ]
    for obj in [*objects, *objects]:
        assert mathtext.latex(obj) == sp.latex(obj)
        assert mathtext.mathml(obj) == sp.mathml(obj, printer="presentation")
    assert mathtext.latex(sp.Matrix([[x, -y]])) == sp.latex(sp.Matrix([[x, -y]]))  # unhashable: not kept
    assert mathtext._TYPESET and mathtext._TERMS
    budget.start_claim()  # a claim's typesetting is never another claim's
    assert not mathtext._TYPESET and not mathtext._TERMS


@claim(n=range(1, 5))
def gram_psd(n: int) -> PSD:
    """2AᵀA ⪰ 0, since vᵀ(2AᵀA)v = Σᵢ 2·((Av)ᵢ)²: a certificate proof, with its witness, at each n."""
    A, v = matrix("A", n + 1, n), vector("v", n)
    Av = A * v
    certificate = Certificate(v, weights=(sp.Integer(2),) * len(Av), forms=tuple(Av))
    return PSD(2 * A.T * A, where={A: General()}, certificate=certificate)


def test_a_certificates_witness_is_typeset_where_the_reports_show_it_and_nowhere_else() -> None:
    r = verify_family(gram_psd, SETTINGS)
    assert r.status is Status.PROVED and r.proved_n == [1, 2, 3, 4], r.reason
    typeset = [p.n for p in r.proofs if p.witness_latex]
    assert typeset == [1, 2], typeset  # the first, and the first at n ≥ 2, which the reports show
    shown = next(p for p in r.proofs if p.n == 2)
    assert shown.witness_mathml.startswith("<math") and "A_{" in shown.witness_latex
    assert shown.witness_mathml in html.claim_section(r)


def test_eulers_number_is_written_exp_one_beside_a_symbol_e() -> None:
    """sp.E prints through its own _latex method, which sympy's printer asks first: beside a symbol e, e + e hid which
    was which (red team 132)."""
    e = sp.Symbol("e", real=True)
    assert mathtext.latex(sp.E + e, e_named=True) == r"e + \exp\left(1\right)"
    assert mathtext.latex(sp.E * sp.Symbol("x"), e_named=True) == r"\exp\left(1\right) x"
    assert mathtext.latex(sp.E + 1) == "1 + e"
