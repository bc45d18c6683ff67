"""The kernel's proof for all n compares the forms before it writes out the claim at each n, and remembers
which expressions vanish: the same decisions, made with less work (issue 42)."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from verifier import Derivative, Identity, Real
from verifier.language.families import ClaimFamily
from verifier.outcome import Expect
from verifier.strategies.dimension import SIZE
from verifier.trusted import kernel
from verifier.trusted.decide import einsum
from verifier.trusted.decide.einsum import forms
from verifier.trusted.decide.sums import concrete

i = sp.Symbol("i", integer=True)
z = sp.IndexedBase("z")


def _trace_gradient(n: object) -> Derivative:
    """∂ tr(AX)/∂X = A, wrong (it is Aᵀ)."""
    a, x = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("X", n, n)
    return Derivative(sp.trace(a * x), wrt=x, equals=a, where={a: Real(), x: Real()})


def _sum_twice(n: object) -> Identity:
    """Σᵢ zᵢ = 2 Σᵢ zᵢ, wrong; written out at a concrete n."""
    if isinstance(n, int):
        zs = sp.symbols(f"z1:{n + 1}")
        return Identity(sp.Add(*zs), 2 * sp.Add(*zs), where={s: Real() for s in zs})
    return Identity(sp.Sum(z[i], (i, 1, n)), 2 * sp.Sum(z[i], (i, 1, n)))


def _stated(builder: object, name: str) -> tuple[str, list[kernel.ClaimAt]]:
    family = ClaimFamily(name, "t", "a wrong claim", builder, (1, 2, 3), (), Expect.REFUTED, "")  # type: ignore[arg-type]
    return f"t.{name}", [kernel.state(family, k) for k in family.all_n]


@pytest.mark.parametrize(
    ("builder", "module", "writes_out", "differ"),
    [(_trace_gradient, einsum, "first_unlike", "canonical"), (_sum_twice, concrete, "same_claim", "normal")],
)
def test_a_wrong_claim_is_rejected_by_its_forms_before_its_sizes_are_written_out(
    monkeypatch: pytest.MonkeyPatch, builder: Any, module: object, writes_out: str, differ: str
) -> None:
    name, stated = _stated(builder, writes_out)
    written: list[object] = []
    original = getattr(module, writes_out)
    monkeypatch.setattr(module, writes_out, lambda *a: written.append(a) or original(*a))
    with pytest.raises(kernel.Rejected, match=f"{differ} forms differ"):
        kernel.prove_for_all_n(name, builder(SIZE), SIZE, stated)
    assert written == []


def test_what_vanishes_is_remembered_for_the_same_expression_only(monkeypatch: pytest.MonkeyPatch) -> None:
    cancelled: list[sp.Expr] = []
    cancel = sp.cancel
    monkeypatch.setattr(sp, "cancel", lambda e: cancelled.append(e) or cancel(e))
    forms._vanishes.cache_clear()
    x = sp.Symbol("x")
    gap = sp.sqrt(x**2) * (x + 1) - x * (x + 1)
    assert not forms.is_zero(gap) and not forms.is_zero(gap)
    assert len(cancelled) == 1  # asked once
    # two symbols that print alike: the same text, a different expression, its own answer
    real = sp.Symbol("x", real=True)
    same, other = (x + 1) ** 2 - (x**2 + 2 * x + 1), (x + 1) ** 2 - (real**2 + 2 * real + 1)
    assert str(same) == str(other)
    assert forms.is_zero(same) and not forms.is_zero(other) and forms.is_zero(same)


def _gram(n: object, sign: int = 1) -> Identity:
    """xᵀx = Σᵢ xᵢ², as entries; sign -1 flips the last term at a concrete n (another claim there)."""
    x = sp.MatrixSymbol("x", n, 1)
    if isinstance(n, int):
        terms = [x[k, 0] ** 2 for k in range(n)]
        return Identity((x.T * x)[0, 0], sp.Add(*terms[:-1]) + sign * terms[-1], where={x: Real()})
    return Identity((x.T * x)[0, 0], sp.Sum(x[i, 0] ** 2, (i, 0, n - 1)), where={x: Real()})


def test_the_claim_at_n_is_compared_term_by_term_without_sympy_s_doit(monkeypatch: pytest.MonkeyPatch) -> None:
    built = {k: _gram(k) for k in (1, 2, 3, 7)}
    done: list[object] = []
    doit = sp.Sum.doit
    monkeypatch.setattr(sp.Sum, "doit", lambda self, **h: done.append(self) or doit(self, **h))
    assert einsum.first_unlike(_gram(SIZE), SIZE, built) is None
    assert done == []
    # a claim that differs at one n is found there, by the terms or by doit after them
    assert einsum.first_unlike(_gram(SIZE), SIZE, {**built, 3: _gram(3, sign=-1)}) == 3


def test_sums_the_writer_leaves_to_sympy() -> None:
    from verifier.trusted.decide.einsum.decide import _NotWritten, _terms_written

    k, f = sp.Symbol("k", integer=True), sp.Function("f")
    assert _terms_written(sp.Sum(f(k), (k, 3, 2))) == 0 == sp.Sum(f(k), (k, 3, 2)).doit()  # empty
    with pytest.raises(_NotWritten):  # reversed: Karr's convention makes it −f(2) (sympy: Σ_{3..1} = −Σ_{2..2})
        _terms_written(sp.Sum(f(k), (k, 3, 1)))
    with pytest.raises(_NotWritten):  # a body that binds
        _terms_written(sp.Sum(sp.Integral(f(k) * i, (i, 0, 1)), (k, 1, 2)))
    shadowed = sp.Sum(f(k) * sp.Sum(f(k), (k, 1, 2)), (k, 1, 2))
    assert sp.expand(_terms_written(shadowed) - shadowed.doit()) == 0


def test_the_ring_decides_what_vanishes_before_sympy_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """A zero with a radical in it (a layer norm's (ε + v)^{-3/2}), and a rational function that is not zero,
    are decided in the atoms ring without sympy's expand or cancel; what the ring cannot call final (a function
    it holds as an opaque atom) still goes to sympy."""
    asked: list[sp.Expr] = []
    expand, cancel = sp.expand, sp.cancel
    monkeypatch.setattr(sp, "expand", lambda e, *a, **k: asked.append(e) or expand(e, *a, **k))
    monkeypatch.setattr(sp, "cancel", lambda e, *a, **k: asked.append(e) or cancel(e, *a, **k))
    forms._vanishes.cache_clear()
    g, v, eps, x, y = sp.symbols("g v epsilon x y")
    root = (eps + v) ** sp.Rational(-3, 2)
    assert forms.is_zero(g * v * root - g * v / ((eps + v) * sp.sqrt(eps + v)))
    assert not forms.is_zero((x + y) ** 2 / (x - y) - (x**2 + y**2) / (x - y))
    assert asked == []
    assert not forms.is_zero(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1)  # true, but neither the ring nor expand sees it
    assert len(asked) == 2  # expand, then cancel


@pytest.mark.parametrize(
    "expr",
    [
        (sp.Symbol("a") + 1) ** 3 - (sp.Symbol("a") ** 3 + 3 * sp.Symbol("a") ** 2 + 3 * sp.Symbol("a") + 1),
        sp.Symbol("a") / (sp.Symbol("a") + 1) - 1 + 1 / (sp.Symbol("a") + 1),
        sp.exp(2 * sp.Symbol("a")) - sp.exp(sp.Symbol("a")) ** 2,
        sp.sqrt(sp.Symbol("a") + 1) ** 3 - (sp.Symbol("a") + 1) * sp.sqrt(sp.Symbol("a") + 1),
        sp.Symbol("a") / sp.Symbol("b") - sp.Symbol("b") / sp.Symbol("a"),
        sp.exp(sp.Symbol("a")) - 1 - sp.Symbol("a"),
        1 / (sp.Symbol("a") - sp.Symbol("a") * (1 + sp.Symbol("b")) + sp.Symbol("a") * sp.Symbol("b")),  # 1/0: zoo
    ],
)
def test_the_ring_and_sympy_agree_on_what_vanishes(expr: sp.Expr) -> None:
    forms._vanishes.cache_clear()
    assert forms.is_zero(expr) is bool(sp.expand(expr) == 0 or sp.cancel(expr) == 0)
