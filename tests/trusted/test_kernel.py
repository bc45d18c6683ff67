"""The kernel is the only place a proof or a PROVED verdict can come from."""

from __future__ import annotations

import ast

import pytest
import sympy as sp

from tests.support import ROOT
from verifier import Derivative, Identity, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.claims import Expect
from verifier.language.families import Claim, ClaimFamily
from verifier.language.mathlib import diag, softmax, vector
from verifier.outcome import NumericVerdict as V
from verifier.outcome import Status
from verifier.strategies import ladder
from verifier.trusted import kernel, obligations
from verifier.trusted.decide import normal_form
from verifier.trusted.instantiate import Instance, instantiate, statement_digest
from verifier.trusted.kernel import Proof, Rejected


def test_proofs_cannot_be_forged() -> None:
    with pytest.raises(Rejected):
        Proof("test.square", None, "", "residual is zero", ("exact",), (), "", object())
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
        if path.parent.name == "kernel":
            continue
        offenders += [f"{path.name}:{line}" for line in _produces_proved(ast.parse(path.read_text()))]
    assert not offenders, offenders
    verdicts = ROOT / "verifier" / "trusted" / "kernel" / "verdicts.py"
    assert _produces_proved(ast.parse(verdicts.read_text())), "the kernel does produce it"


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
    residual = obligations.certificate_residual(h, [v1, v2], [sp.Integer(1), sp.Integer(-1)], [v1, v2])
    assert all(sp.simplify(r) == 0 for r in residual)


def _square_claim(n: int | None = None, name: str = "square") -> Instance:
    x = sp.Symbol("x", real=True)
    body = Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
    return instantiate(Claim(name, "test", "(x + 1)² = x² + 2x + 1", body, Expect.HOLDS, n))


def _proof_of(inst: Instance) -> kernel.Proof:
    obligation = kernel.residual(inst)
    return kernel.prove_residual(inst, obligation, [kernel.zero(e, "expand") for e in obligation.entries])


def _square_family(name: str = "square", n_values: tuple[int, ...] = (1,), domain: object = None) -> ClaimFamily:
    x = sp.Symbol("x", real=True)

    def builder(n: int) -> Identity:
        return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: domain or Real()})

    return ClaimFamily(name, "test", "(x + 1)² = x² + 2x + 1", builder, n_values, (), Expect.HOLDS, "")


def _stated_with_proof(family: ClaimFamily) -> tuple[kernel.ClaimAt, kernel.Proof]:
    at = kernel.state(family, 1)
    assert at.instance is not None
    return at, _proof_of(at.instance)


def test_judge_never_proves_against_a_confirmed_counterexample() -> None:
    family = _square_family()
    at, proof = _stated_with_proof(family)
    assert kernel.judge(family, [at], [], [V.FAIL], at_counterexample=proof) == (Status.UNKNOWN, True)
    assert kernel.judge(family, [at], [], [V.FAIL]) == (Status.REFUTED, False)
    assert kernel.judge(family, [at], [proof], [V.PASS, V.FAIL]) == (Status.REFUTED, False), "false at n=2"
    assert kernel.judge(family, [at], [proof], [V.PASS]) == (Status.PROVED, False)
    assert kernel.judge(family, [at], [], [V.PASS]) == (Status.CHECKED, False)
    assert kernel.judge(family, [at], [proof], [V.INCONCLUSIVE]) == (Status.UNKNOWN, False)


def test_a_proof_counts_only_for_the_statement_it_names() -> None:
    family = _square_family()
    _, proof = _stated_with_proof(family)
    other = _square_family("other")
    assert kernel.judge(other, [kernel.state(other, 1)], [proof], [V.PASS]) == (Status.UNKNOWN, True)
    # the same name and n, another statement (x > 0 instead of x real): the proof is not of this one
    narrower = _square_family(domain=Positive())
    assert kernel.judge(narrower, [kernel.state(narrower, 1)], [proof], [V.PASS]) == (Status.UNKNOWN, True)
    two = _square_family(n_values=(1, 2))
    stated = [kernel.state(two, 1), kernel.state(two, 2)]
    assert kernel.judge(two, stated, [proof], [V.PASS, V.PASS]) == (Status.CHECKED, False), "n = 2 is not proved"


def test_judge_proves_nothing_for_a_walk_that_skipped_an_n() -> None:
    two = _square_family(n_values=(1, 2))
    at, proof = _stated_with_proof(two)
    assert kernel.judge(two, [at], [proof], [V.PASS]) == (Status.UNKNOWN, True)
    with pytest.raises(Rejected, match="stated by the kernel only"):
        kernel.ClaimAt("test.square", 2, at.instance, "", object())


def test_the_kernel_decides_which_n_need_a_proof() -> None:
    """Undefined at n = 1 (1/(n − 1)): no proof and no check is asked there, and a defined n is never skipped."""
    x = sp.Symbol("x", real=True)

    def builder(n: int) -> Identity:
        return Identity(x * sp.Rational(n - 1, n - 1), x, where={x: Real()})

    family = ClaimFamily("ratio", "test", "x (n − 1)/(n − 1) = x", builder, (1, 2), (), Expect.HOLDS, "")
    stated = [kernel.state(family, 1), kernel.state(family, 2)]
    assert stated[0].instance is None and "undefined" in stated[0].undefined
    assert stated[1].instance is not None
    proof = _proof_of(stated[1].instance)
    assert kernel.judge(family, stated, [proof], [V.PASS]) == (Status.PROVED, False)
    assert kernel.judge(family, stated, [], [V.PASS]) == (Status.CHECKED, False)


def test_a_strategy_cannot_hand_the_kernel_its_own_residual() -> None:
    """The kernel computes what must vanish: facts about another (easier) residual prove nothing,
    an obligation computed for another claim is refused, and none can be forged."""
    x = sp.Symbol("x", real=True)
    wrong = instantiate(
        Claim("wrong", "test", "wrong", Identity((x + 1) ** 2, x**2 + 1, where={x: Real()}), Expect.HOLDS, None)
    )
    lie = [kernel.zero(sp.Integer(0) * x, "exact")]
    with pytest.raises(Rejected, match="no zero fact"):
        kernel.prove_residual(wrong, kernel.residual(wrong), lie)
    right = _square_claim()
    with pytest.raises(Rejected, match="another claim"):
        kernel.prove_residual(wrong, kernel.residual(right), [kernel.zero(sp.Integer(0), "exact")])
    with pytest.raises(Rejected, match="computed by the kernel only"):
        kernel.Obligation("test.wrong", None, "", (sp.Integer(0),), object())


def test_a_ladder_that_lies_about_the_residual_cannot_make_proved(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a strategy that reports every entry zero gets no proof of a false claim."""
    real_zero_facts = ladder.zero_facts

    def lying_zero_facts(entries: list[sp.Expr], clock: object, rungs: tuple[str, ...] = ladder.RUNGS) -> object:
        return real_zero_facts([sp.Integer(0) for _ in entries], clock, rungs)  # type: ignore[arg-type]

    monkeypatch.setattr(ladder, "zero_facts", lying_zero_facts)
    x = sp.Symbol("x", real=True)
    wrong = instantiate(
        Claim("wrong", "test", "wrong", Identity((x + 1) ** 2, x**2 + 1, where={x: Real()}), Expect.HOLDS, None)
    )
    outcome = ladder.prove(wrong, 100)
    assert outcome.proof is None and "no zero fact" in outcome.reason


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


def test_a_statement_digest_sees_assumptions_and_exact_numbers() -> None:
    def digest(body: Identity) -> str:
        return statement_digest(Claim("c", "d", "s", body, Expect.HOLDS, 2))

    real, positive = sp.Symbol("x", real=True), sp.Symbol("x", positive=True)
    same = Identity(real**2, real * real, where={real: Real()})
    assert digest(same) == digest(Identity(real**2, real * real, where={real: Real()}))
    assert digest(same) != digest(Identity(positive**2, positive * positive, where={positive: Real()}))
    assert digest(Identity(real / 3, real, where={real: Real()})) != digest(
        Identity(real / 4, real, where={real: Real()})
    )
    assert digest(Identity(real / 3, real, where={real: Real()})) != digest(
        Identity(real * 0.333, real, where={real: Real()})
    )
