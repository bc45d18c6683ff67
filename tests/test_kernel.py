"""The kernel is the only place a proof or a PROVED verdict can come from."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import sympy as sp

from verifier import Derivative, Real, claim, kernel, normal_form
from verifier.engine import EngineSettings, verify_family
from verifier.kernel import Proof, Rejected
from verifier.mathlib import diag, softmax, vector
from verifier.outcome import Status

ROOT = Path(__file__).resolve().parents[1]


def test_proofs_cannot_be_forged() -> None:
    with pytest.raises(Rejected):
        Proof("residual is zero", ("exact",), (), "", object())
    with pytest.raises(Rejected):
        kernel.Fact(sp.Integer(1), "zero", "exact", object())


def _produces_proved(tree: ast.AST) -> list[int]:
    """Lines where Status.PROVED is returned, assigned, passed or stored as a dict value."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    lines = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr == "PROVED"
            and isinstance(node.value, ast.Name)
            and node.value.id == "Status"
        ):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Tuple):
            parent = parents.get(parent)
        if isinstance(parent, ast.Dict) and node in parent.keys:
            continue
        if isinstance(parent, ast.Return | ast.Assign | ast.AnnAssign | ast.keyword | ast.Call | ast.Dict | ast.IfExp):
            lines.append(node.lineno)
    return lines


def test_only_the_kernel_produces_proved() -> None:
    offenders = []
    for path in (ROOT / "verifier").rglob("*.py"):
        if path.name == "kernel.py":
            continue
        offenders += [f"{path.name}:{line}" for line in _produces_proved(ast.parse(path.read_text()))]
    assert not offenders, offenders
    assert _produces_proved(ast.parse((ROOT / "verifier" / "kernel.py").read_text())), "the kernel does produce it"


def test_zero_rule_rejects_a_nonzero_residual() -> None:
    x = sp.Symbol("x", real=True)
    with pytest.raises(Rejected, match="zero"):
        kernel.zero(sp.exp(x) - sp.exp(x) * (1 + x), "atoms")


def test_atoms_rung_decides_exp_identities() -> None:
    z = sp.symbols("z1:4", real=True)
    e = [sp.exp(t) for t in z]
    expr = sp.exp(z[0] + z[1]) / (e[0] * e[1]) - 1 + sp.exp(-z[2] / 2) ** 2 * e[2] - 1
    assert normal_form.is_zero_atoms(expr)


def test_certificate_with_negative_weight_is_rejected() -> None:
    v1, v2 = sp.symbols("v1 v2")
    h = sp.ImmutableMatrix([[1, 0], [0, -1]])
    with pytest.raises(Rejected, match="not provably nonnegative"):
        kernel.nonnegative(sp.Integer(-1))
    residual = kernel.certificate_residual(h, [v1, v2], [sp.Integer(1), sp.Integer(-1)], [v1, v2])
    assert all(sp.simplify(r) == 0 for r in residual)


def test_judge_never_proves_against_a_confirmed_counterexample() -> None:
    fake = kernel.prove_zero_residual([sp.Integer(0)], [], ())
    assert kernel.judge([None], ["fail"], at_counterexample=fake) == (Status.UNKNOWN, True)
    assert kernel.judge([None], ["fail"]) == (Status.REFUTED, False)
    assert kernel.judge([fake], ["pass", "fail"]) == (Status.REFUTED, False), "proved at n=1, false at n=2"
    assert kernel.judge([fake], ["pass"]) == (Status.PROVED, False)
    assert kernel.judge([None], ["pass"]) == (Status.CHECKED, False)
    assert kernel.judge([fake], ["inconclusive"]) == (Status.UNKNOWN, False)


def test_a_lying_normaliser_is_caught_as_an_inconsistency(monkeypatch: pytest.MonkeyPatch) -> None:
    """If sympy said 0 for a wrong derivative (as it does for MatrixSymbol log det), the numerics catch it."""
    monkeypatch.setitem(normal_form.NORMALISERS, "exact", lambda e: True)

    @claim(n=[2], expect="refuted")
    def wrong(n: int) -> Derivative:
        """Wrong: ∂p/∂z = diag(p)."""
        z = vector("z", n)
        p = softmax(z)
        return Derivative(p, wrt=z, equals=diag(p), where={z: Real()})

    r = verify_family(wrong, EngineSettings(samples=40))
    assert r.status is Status.UNKNOWN
    assert r.inconsistency and not r.met
    assert "ENGINE INCONSISTENCY" in r.reason
