"""Certificates found, not handed in: certify proposes sums of squares, the kernel checks them."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import PSD, Inequality, Real, Simplex, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.language.mathlib import dot, matrix, vector
from verifier.outcome import Status
from verifier.strategies import ladder
from verifier.trusted import bounds, kernel
from verifier.trusted.instantiate import Instance, instantiate
from verifier.trusted.kernel import Rejected

SETTINGS = EngineSettings(samples=60)


@claim(n=[3])
def gram(n: int) -> PSD:
    "XᵀX ⪰ 0 for a general X."
    x = matrix("X", n)
    return PSD(x.T * x, where={x: Real()})


@claim(n=[4])
def covariance(n: int) -> PSD:
    "diag(p) − ppᵀ ⪰ 0 on the simplex (uses Σp = 1)."
    p = vector("p", n)
    return PSD(sp.diag(*p) - p * p.T, where={p: Simplex()})


@claim(n=[3])
def cauchy_schwarz(n: int) -> Inequality:
    "(xᵀy)² ≤ ‖x‖²‖y‖²."
    x, y = vector("x", n), vector("y", n)
    return Inequality(dot(x, y) ** 2, "<=", dot(x, x) * dot(y, y), where={x: Real(), y: Real()})


@claim(n=[3], expect="refuted")
def covariance_twice(n: int) -> PSD:
    "diag(p) − 2ppᵀ ⪰ 0 (wrong: the factor 2)."
    p = vector("p", n)
    return PSD(sp.diag(*p) - 2 * p * p.T, where={p: Simplex()})


def _inst(family: ClaimFamily) -> Instance:
    return instantiate(family.build(family.n_values[0]))


@pytest.mark.parametrize(
    ("family", "rule", "detail"),
    [
        (gram, "PSD certificate", "found certificate"),
        (covariance, "PSD certificate", "found certificate"),
        (cauchy_schwarz, "sum of squares", "extended by continuity"),
    ],
)
def test_a_found_certificate_proves_the_classic_facts(family: ClaimFamily, rule: str, detail: str) -> None:
    result = verify_family(family, SETTINGS)
    assert result.status is Status.PROVED, result.reason
    proof = ladder.prove(_inst(family), 300).proof
    assert proof is not None and proof.rule == rule and detail in proof.detail
    assert not any("denominator" in a for a in proof.assumptions), "no proviso is left on a polynomial target"


def test_the_covariance_certificate_names_the_simplex_relation() -> None:
    proof = ladder.prove(_inst(covariance), 300).proof
    assert proof is not None and any("Σ" in a or "sum" in a.lower() for a in proof.assumptions), proof.assumptions


def test_a_wrong_variant_is_refuted_not_certified() -> None:
    assert verify_family(covariance_twice, SETTINGS).status is Status.REFUTED


def _facts_for(inst: Instance, weights: list[sp.Expr], rows: list[list[sp.Expr]]) -> list[kernel.Fact]:
    """Every fact a lying strategy could get: zero facts for what *it* thinks the residual is."""
    h = sp.ImmutableMatrix(inst.symbolic(inst.claim.body.matrix))  # type: ignore[attr-defined]
    facts = [kernel.zero(sp.Integer(0) * e, "exact") for e in h]
    return facts + [kernel.nonnegative_where_defined(inst.assumed(w)) for w in weights if w != -1]


def test_the_kernel_recomputes_a_found_certificate() -> None:
    inst = _inst(covariance)
    p = [s for g in inst.given for s in g.symbols()]
    rows = [[(1 if j == i else 0) - p[j] for j in range(4)] for i in range(4)]
    doubled = [2 * w for w in p]  # Σ 2pᵢ(vᵢ − pᵀv)² is not vᵀHv
    with pytest.raises(Rejected, match="prove_psd_by_certificate"):
        kernel.prove_psd_by_certificate(inst, _facts_for(inst, doubled, rows), (doubled, rows))
    negative = [sp.Integer(-1), *p[1:]]
    with pytest.raises(Rejected):
        kernel.prove_psd_by_certificate(inst, _facts_for(inst, negative, rows), (negative, rows))


def test_a_quotient_is_nonnegative_only_where_defined() -> None:
    x, y = sp.symbols("x y", real=True)
    fact = kernel.nonnegative_where_defined(x**2 / (x**2 + y**2))
    assert fact.property == kernel.WHERE_DEFINED
    with pytest.raises(Rejected):
        kernel.nonnegative_where_defined(x / (x**2 + y**2))


@claim()
def sine_lipschitz() -> Inequality:
    "|sin(ax) − sin(ax′)| ≤ |a|·|x − x′|."
    x, xp, a = sp.symbols("x xp a")
    return Inequality(
        sp.Abs(sp.sin(a * x) - sp.sin(a * xp)),
        "<=",
        sp.Abs(a) * sp.Abs(x - xp),
        where={x: Real(), xp: Real(), a: Real()},
    )


@claim(expect="refuted")
def sine_lipschitz_half() -> Inequality:
    "|sin(ax) − sin(ax′)| ≤ |a|/2·|x − x′| (wrong: the constant is |a|)."
    x, xp, a = sp.symbols("x xp a")
    bound = sp.Abs(a) / 2 * sp.Abs(x - xp)
    return Inequality(sp.Abs(sp.sin(a * x) - sp.sin(a * xp)), "<=", bound, where={x: Real(), xp: Real(), a: Real()})


@claim()
def log_lipschitz_on_reals() -> Inequality:
    "|log(1 + x²) − log(1 + x′²)| ≤ |x − x′| (|2x/(1 + x²)| ≤ 1)."
    x, xp = sp.symbols("x xp")
    lhs = sp.Abs(sp.log(1 + x**2) - sp.log(1 + xp**2))
    return Inequality(lhs, "<=", sp.Abs(x - xp), where={x: Real(), xp: Real()})


def test_a_lipschitz_bound_is_proved_by_the_mean_value_theorem() -> None:
    assert verify_family(sine_lipschitz, SETTINGS).status is Status.PROVED
    proof = ladder.prove(_inst(sine_lipschitz), 300).proof
    assert proof is not None and proof.rule == "Lipschitz bound" and "mean value theorem" in proof.detail
    assert verify_family(sine_lipschitz_half, SETTINGS).status is Status.REFUTED


def test_the_mean_value_rule_needs_a_function_analytic_on_the_line() -> None:
    """log(1 + x²) is analytic on ℝ (its argument is positive): proved. |x| and floor(x) are
    not differentiable everywhere, so the rule refuses them rather than trust sp.diff."""
    assert verify_family(log_lipschitz_on_reals, SETTINGS).status is Status.PROVED
    x, xp = sp.symbols("x xp")
    for g in (sp.Abs, sp.floor):

        @claim(name=f"kink_{g.__name__}")
        def kinked(g: type[sp.Function] = g) -> Inequality:
            "|g(x) − g(x′)| ≤ |x − x′|."
            return Inequality(sp.Abs(g(x) - g(xp)), "<=", sp.Abs(x - xp), where={x: Real(), xp: Real()})

        with pytest.raises(bounds.NotLipschitz):
            bounds.lipschitz_obligation(_inst(kinked))


def test_the_lipschitz_pair_is_found_without_cancelling_parameter_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """|sin(ax) − sin(ax′)| ≤ |a|·|x − x′|: the pairs (a, x), (a, x′), (x, a) have no |u − w| in the bound, so they
    reach neither g(u) − g(w) at w = u nor cancel; cancel sees the bound once (is it zero?) and the pair (x, x′)
    once, and L and g′ are the rule's."""
    calls: list[sp.Expr] = []
    substituted: list[tuple[sp.Basic, sp.Basic]] = []
    cancel, subs = sp.cancel, sp.Basic.subs

    def spy(expr: sp.Expr, *args: object, **kwargs: object) -> sp.Expr:
        calls.append(expr)
        return cancel(expr, *args, **kwargs)

    def spy_subs(self: sp.Basic, *args: sp.Basic, **kwargs: object) -> sp.Basic:
        substituted.append(args[:2])
        return subs(self, *args, **kwargs)

    inst = _inst(sine_lipschitz)
    monkeypatch.setattr(sp, "cancel", spy)
    monkeypatch.setattr(sp.Basic, "subs", spy_subs)
    found = bounds.lipschitz_obligation(inst)
    x, xp, a = (inst.to_symbolic[s] for s in sp.symbols("x xp a"))
    big = sp.Abs(a) * sp.Abs(x - xp)
    assert calls == [big, big / sp.Abs(x - xp)]
    assert substituted == [(xp, x)]
    assert found.variable == x and found.constant == sp.Abs(a) and found.slope == a * sp.cos(a * x)


@claim()
def sine_lipschitz_reversed() -> Inequality:
    "|sin(ax) − sin(ax′)| ≤ |a|·|x′ − x|: the bound's |x′ − x| is |x − x′|."
    x, xp, a = sp.symbols("x xp a")
    bound = sp.Abs(a) * sp.Abs(xp - x)
    return Inequality(sp.Abs(sp.sin(a * x) - sp.sin(a * xp)), "<=", bound, where={x: Real(), xp: Real(), a: Real()})


def test_the_pair_filter_keeps_a_reversed_bound_and_a_zero_one() -> None:
    """The pairs skipped are those whose L would hold u or w: a bound written |x′ − x| still gives the pair
    (x, x′), and a bound whose numerator is the zero polynomial (L = 0 for any pair) is tried at every pair."""
    found = bounds.lipschitz_obligation(_inst(sine_lipschitz_reversed))
    assert str(found.variable) == "x" and str(found.constant) == "Abs(a)"
    a, x, y = sp.symbols("a x y", real=True)
    assert bounds._divisors((a + 1) ** 2 - a**2 - 2 * a - 1) is None  # the zero polynomial, not written as 0
    assert bounds._divisors(sp.Abs(a) * sp.Abs(y - x)) == {sp.Abs(a), sp.Abs(x - y)}


def test_the_symmetric_elimination_updates_each_pair_of_entries_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """ldl on a 4×4 matrix with an exponential (sympy's cancel, not FLINT): 6 + 3 + 1 updates, not 9 + 4 + 1,
    and still H = Σ dₖ·ℓₖℓₖᵀ."""
    from verifier.strategies import certify
    from verifier.strategies.budget import WorkClock

    x = sp.symbols("x1:5", real=True)
    v = sp.Matrix(x)
    h = sp.ImmutableMatrix(sp.exp(x[0]) * (sp.eye(4) + v * v.T))
    calls = []
    update = certify._Cancelled.update

    def counted(self: certify._Cancelled, *args: sp.Expr) -> sp.Expr:
        calls.append(args)
        return update(self, *args)

    monkeypatch.setattr(certify._Cancelled, "update", counted)
    monkeypatch.setattr(certify.Field, "over", classmethod(lambda cls, exprs, **kinds: None))  # not in FLINT
    found = certify.ldl(h, WorkClock(10**9))
    assert found is not None and len(calls) == 10
    pivots, rows = found
    total = sum((d * sp.Matrix([r]).T * sp.Matrix([r]) for d, r in zip(pivots, rows, strict=True)), sp.zeros(4))
    assert all(sp.cancel(e) == 0 for e in total - h)


def test_the_gram_filter_compares_polynomial_matrices_in_flint(monkeypatch: pytest.MonkeyPatch) -> None:
    """certify's _same: expand(a − b) == 0 decided in the ring where every difference is a polynomial over QQ."""
    from verifier.strategies import certify

    x, y = sp.symbols("x y")
    a = sp.Matrix([[(x + y) ** 2, x * (y - 1)], [x * (y - 1), sp.Rational(1, 3) * (x - 3) ** 2]])
    b = sp.Matrix([[x**2 + 2 * x * y + y**2, x * y - x], [x * y - x, x**2 / 3 - 2 * x + 3]])

    def no_expand(expr: sp.Expr, *args: object, **kwargs: object) -> sp.Expr:
        raise AssertionError("compared by sympy's expand, not in the ring")

    monkeypatch.setattr(sp, "expand", no_expand)
    assert certify._same(a, b)
    assert not certify._same(a, b + sp.Matrix([[0, 0], [0, x * y / 10**30]]))
    monkeypatch.undo()
    assert certify._same(sp.Matrix([[sp.exp(x) * (x + 1)]]), sp.Matrix([[x * sp.exp(x) + sp.exp(x)]]))  # sympy's path
