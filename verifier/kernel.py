"""The trusted kernel: the only place where a proof can be made.

Strategies elsewhere (the ladder, certificate search, moment expansion) decide what to try and in
which order, under which time budget. They cannot make a :class:`Proof` themselves: the constructor
demands a key that only this module holds. Every rule below checks its evidence exactly, with the
normalisers of :mod:`verifier.normal_form`, and either returns a :class:`Fact` / :class:`Proof` or
raises :class:`Rejected` naming the rule that failed.

The rules take the instantiated claim, never an expression a strategy computed: what must be shown (the
residual, the gap, the derivative, E[expr] by moments, a certificate's Gram residual, what an implication's
multiplier must satisfy) is computed here, by :mod:`verifier.obligations` and its siblings. Where that is
costly (differentiation), :func:`residual` hands the strategy an :class:`Obligation`, which only this
module can make and which names the claim and n it was computed for. A Proof names them too, and
:func:`judge` accepts a proof only for the claim and n it is judging. A Proof lists the assumptions it
used (domain relations, positivity, Σp = 1, ...), so that a report can print them beside the verdict. A
Proof alone is never a verdict: PROVED also needs the numeric spot check to agree (see :func:`judge`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import sympy as sp

from verifier import bounds, einsum, entailment, normal_form, obligations, provisos, rates
from verifier.claims import PSD, Convergence, Derivative, Limit, Statement
from verifier.instantiate import Instance
from verifier.iteration import Iteration, iteration_of
from verifier.outcome import NumericVerdict, Status

_KEY = object()
WHERE_DEFINED = "nonnegative where defined"
SIGNS = ("nonnegative", WHERE_DEFINED)
FOR_ALL_N = "for all n (generic dimension)"
T = TypeVar("T")


class Rejected(Exception):
    """A kernel rule refused its evidence; the message names the rule."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(f"{rule}: {reason}")
        self.rule = rule


@dataclass(frozen=True)
class Fact:
    """Something the kernel checked about one expression: it is zero, or nonnegative."""

    expr: sp.Expr
    property: str
    rung: str
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Fact", "facts are made by kernel rules only")


@dataclass(frozen=True)
class Proof:
    """A claim shown symbolically at one dimension."""

    claim: str  # "derivation.name" of the claim it proves
    n: int | None  # the dimension it proves it at
    rule: str
    rungs: tuple[str, ...]
    assumptions: tuple[str, ...]
    detail: str
    key: object
    witness: sp.Basic | None = None  # the identity a certificate proof rests on, for the report

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Proof", "proofs are made by kernel rules only")


@dataclass(frozen=True)
class Obligation:
    """Expressions that must all vanish for a claim at one n, computed by the kernel."""

    claim: str
    n: int | None
    entries: tuple[sp.Expr, ...]
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Obligation", "obligations are computed by the kernel only")


def claim_key(inst: Instance) -> str:
    return f"{inst.claim.derivation}.{inst.claim.name}"


Witness: TypeAlias = sp.Basic | None


def _proof(
    inst: Instance, rule: str, rungs: Sequence[str], hyps: Sequence[str], detail: str = "", w: Witness = None
) -> Proof:
    return Proof(claim_key(inst), inst.claim.n, rule, tuple(dict.fromkeys(rungs)), tuple(hyps), detail, _KEY, w)


def _obligation_of(rule: str, compute: Callable[[], T]) -> T:
    """Run an obligations.* computation; a claim it cannot be put as is a rejection, not a crash."""
    try:
        return compute()
    except obligations.NotShowable as err:
        raise Rejected(rule, str(err)) from None


# ----------------------------------------------------------------------------- facts


def zero(expr: sp.Expr, rung: str) -> Fact:
    """expr is identically zero, shown by the named normaliser."""
    check = normal_form.NORMALISERS.get(rung)
    if check is None:
        raise Rejected("zero", f"unknown normaliser {rung!r}")
    if not check(expr):
        raise Rejected("zero", f"{rung} does not reduce the residual to 0")
    return Fact(expr, "zero", rung, _KEY)


def zeros_by_atoms(exprs: Sequence[sp.Expr]) -> list[Fact | None]:
    """The atoms normaliser on several expressions at once: a Fact for each one shown zero, else None."""
    shown = normal_form.are_zero_atoms(list(exprs))
    return [Fact(e, "zero", "atoms", _KEY) if ok else None for e, ok in zip(exprs, shown, strict=True)]


def nonnegative(expr: sp.Expr, strict: bool = False) -> Fact:
    """expr >= 0 (or > 0) on the domain, as sympy's assumptions see it on a normal form."""
    for form in normal_form.nonnegative_forms(expr):
        sign = form.is_positive if strict else form.is_nonnegative
        if sign is True:
            return Fact(expr, "positive" if strict else "nonnegative", "assumptions", _KEY)
    word = "positive" if strict else "nonnegative"
    raise Rejected("nonnegative", f"{sp.sstr(expr)[:80]} not provably {word}")


def nonnegative_where_defined(expr: sp.Expr) -> Fact:
    """expr >= 0 wherever it is defined: nonnegative outright, or a quotient N/D with N >= 0 and D >= 0 (where
    D = 0, expr is undefined). A rule using it carries :func:`provisos.definedness`, or extends it by continuity."""
    with contextlib.suppress(Rejected):
        return nonnegative(expr)
    if normal_form.quotient_of_nonnegatives(expr):
        return Fact(expr, WHERE_DEFINED, "assumptions", _KEY)
    raise Rejected("nonnegative_where_defined", f"{sp.sstr(expr)[:80]} not provably nonnegative")


# ----------------------------------------------------------------------------- proofs


def _covered(
    exprs: Sequence[sp.Expr], facts: Sequence[Fact], prop: str | tuple[str, ...], rule: str
) -> tuple[str, ...]:
    props = (prop,) if isinstance(prop, str) else prop
    by_expr = {f.expr: f for f in facts if f.property in props}
    rungs = []
    for e in exprs:
        if e == 0:
            rungs.append("exact")
            continue
        fact = by_expr.get(e)
        if fact is None:
            raise Rejected(rule, f"no {prop} fact for {sp.sstr(e)[:80]}")
        rungs.append(fact.rung)
    return tuple(dict.fromkeys(rungs))


def _own(inst: Instance, obligation: Obligation, rule: str) -> None:
    """The obligation was computed by this kernel, for this claim at this n."""
    if obligation.key is not _KEY or (obligation.claim, obligation.n) != (claim_key(inst), inst.claim.n):
        raise Rejected(rule, "the obligation belongs to another claim or n")


def residual(inst: Instance) -> Obligation:
    """What an Identity or Derivative claim must satisfy: every residual entry is zero."""
    entries = _obligation_of("residual", lambda: obligations.residual(inst))
    return Obligation(claim_key(inst), inst.claim.n, tuple(entries), _KEY)


def prove_residual(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of the kernel's own residual for this claim is zero (wherever defined)."""
    _own(inst, obligation, "residual")
    rungs = _covered(obligation.entries, facts, "zero", "residual")
    assumptions = (*inst.assumptions, *provisos.definedness(obligation.entries))
    return _proof(inst, "residual is zero", rungs, assumptions)


def prove_residual_by_cases(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of the kernel's own residual vanishes in each of its cases. The cases (obligations.cases)
    write Abs, Max, Min, Heaviside, sign and Piecewise of real arguments as one Piecewise whose reachable
    cases cover every point; a value that is zero in every case is zero everywhere (wherever defined)."""
    _own(inst, obligation, "cases")
    values, conditions = _obligation_of("prove_residual_by_cases", lambda: provisos.case_split(obligation.entries))
    rungs = _covered(values, facts, "zero", "cases")
    detail = f"{len(values)} case(s): {', '.join(dict.fromkeys(conditions))[:160]}"
    proviso = ("derivatives taken case by case (not at the boundaries between cases)",)
    extra = proviso if isinstance(inst.claim.body, Derivative) else ()
    return _proof(inst, "proof by cases", rungs, (*inst.assumptions, *provisos.definedness(values), *extra), detail)


def prove_psd_by_certificate(inst: Instance, facts: Sequence[Fact], found: obligations.Squares | None = None) -> Proof:
    """H symmetric, vᵀHv = Σ wₖ·(aₖᵀv)² identically in v, and every wₖ >= 0. The certificate is the
    claim's own, or found (weights wₖ, rows aₖ in the claim's symbols): a found weight must be >= 0
    for each entry on its own domain (the assumed view, no relations such as p_n = 1 − Σ), which
    implies it on the domain; the Gram identity is checked with the relations applied."""
    h = _obligation_of("prove_psd_by_certificate", lambda: obligations.psd_matrix(inst))
    if h.rows != h.cols:
        raise Rejected("prove_psd_by_certificate", f"matrix is {h.rows}×{h.cols}, not square")
    if found is None:
        rule = "prove_psd_by_certificate"
        v, weights, forms = _obligation_of(rule, lambda: obligations.certificate_parts(inst))
        gram = _obligation_of(rule, lambda: obligations.certificate_residual(h, v, weights, forms))
        signs, parts, source = list(weights), [*weights, *forms], "given"
        witness = provisos.squares_witness(provisos.QUADRATIC, weights, forms)
    else:
        weights = [inst.symbolic(w) for w in found[0]]
        rows = [[inst.symbolic(a) for a in row] for row in found[1]]
        gram = _obligation_of("prove_psd_by_certificate", lambda: obligations.gram_residual(h, weights, rows))
        signs, parts, source = [inst.assumed(w) for w in found[0]], [*weights, *(a for r in rows for a in r)], "found"
        witness = provisos.gram_witness(h, weights, rows)
    rungs = _covered(obligations.asymmetry(h), facts, "zero", "prove_psd_by_certificate(symmetry)")
    rungs += _covered(gram, facts, "zero", "prove_psd_by_certificate(identity)")
    try:
        _covered(signs, facts, SIGNS, "prove_psd_by_certificate(weights)")
    except Rejected as err:
        raise Rejected("prove_psd_by_certificate", f"weight not provably nonnegative ({err})") from None
    proviso, closure = provisos.certificate_proviso(inst, list(h), parts)
    detail = f"vᵀHv = Σ wₖ·(aₖᵀv)² with {len(signs)} weight(s) wₖ ≥ 0 ({source} certificate){closure}"
    assumptions = (*inst.assumptions, *proviso)
    return _proof(inst, "PSD certificate", tuple(dict.fromkeys(rungs)), assumptions, detail, witness)


def prove_psd_by_minors(inst: Instance, facts: Sequence[Fact]) -> Proof:
    """Sylvester: H symmetric and its principal minors >= 0 (leading ones > 0 if strict), up to 4×4.
    A constant matrix needs no facts: its minors are rational numbers, decided exactly."""
    body = inst.claim.body
    h = _obligation_of("check_minors", lambda: obligations.psd_matrix(inst))
    if not isinstance(body, PSD):
        raise Rejected("prove_psd_by_minors", f"not a psd claim ({body.kind})")
    if h.rows != h.cols or h.rows > 4:
        raise Rejected("prove_psd_by_minors", "principal minors are used for square matrices up to 4×4 only")
    minors = obligations.principal_minors(h, body.strict)
    prop = "positive" if body.strict else "nonnegative"
    if not h.free_symbols:
        exact = [sp.nsimplify(m) for m in minors]
        signed = all((m.is_positive if body.strict else m.is_nonnegative) for m in exact)
        if h != h.T or not signed:
            raise Rejected("prove_psd_by_minors", "not symmetric, or a principal minor is negative or undecided")
        rungs: tuple[str, ...] = ("exact",)
    else:
        rungs = _covered(obligations.asymmetry(h), facts, "zero", "check_minors(symmetry)")
        _covered(minors, facts, prop, "check_minors")
        rungs = (*rungs, "assumptions")
    detail = "leading principal minors > 0" if body.strict else "all principal minors ≥ 0"
    return _proof(inst, "Sylvester criterion", rungs, inst.assumptions, detail)


def prove_inequality(inst: Instance, facts: Sequence[Fact], squares: obligations.Squares | None = None,
                     sides: bool = False) -> Proof:  # fmt: skip
    """gap = greater − smaller side (computed here) is >= 0 (> 0 if strict): directly, or as a sum of squares
    Σ wₖ·fₖ², weights >= 0 in the assumed view. sides: a ≥ b (b real) from a >= 0 and the gap a² − b²."""
    compute = obligations.squared_sides if sides else obligations.inequality_gap
    gap, strict, *above = _obligation_of("prove_inequality", lambda: compute(inst))
    rule, prop = "squared sides, " if sides else "", "positive" if strict else "nonnegative"
    rungs = _covered(above, facts, "nonnegative", "prove_inequality(greater side)")
    if squares is None:
        rungs += _covered([gap], facts, prop, "prove_inequality")
        return _proof(inst, rule + "gap is " + prop, rungs, inst.assumptions)
    weights, forms = squares
    if strict or len(weights) != len(forms) or any(len(f) != 1 for f in forms):
        raise Rejected("prove_inequality", "squares show gap ≥ 0 (not > 0), each weight times one square")
    total = sp.Add(*[inst.symbolic(w) * inst.symbolic(f[0]) ** 2 for w, f in zip(weights, forms, strict=True)])
    rungs += _covered([gap - total], facts, "zero", "prove_inequality(identity)")
    _covered([inst.assumed(w) for w in weights], facts, SIGNS, "prove_inequality(weights)")
    parts = [inst.symbolic(e) for e in (*weights, *(f[0] for f in forms))]
    proviso, closure = provisos.certificate_proviso(inst, [gap], parts)
    detail = f"gap = Σ wₖ·fₖ² with {len(weights)} weight(s) wₖ ≥ 0{closure}"
    w = provisos.squares_witness(gap, [inst.symbolic(x) for x in weights], [inst.symbolic(f[0]) for f in forms])
    return _proof(inst, rule + "sum of squares", (*rungs, "assumptions"), (*inst.assumptions, *proviso), detail, w)


def prove_lipschitz(inst: Instance, facts: Sequence[Fact]) -> Proof:
    """|g(u) − g(w)| ≤ L·|u − w| on ℝ by the mean value theorem: g′ (computed here) is built from
    functions analytic on ℝ, and |g′| ≤ L everywhere, by a structural bound or by −L ≤ g′ ≤ L."""
    ob = _obligation_of("prove_lipschitz", lambda: bounds.lipschitz_obligation(inst))
    reasons = []
    for way, signs in bounds.slope_signs(ob):
        try:
            rungs = _covered(signs, facts, "nonnegative", "prove_lipschitz")
        except Rejected as err:
            reasons.append(str(err))
            continue
        detail = f"mean value theorem with g′ = {sp.sstr(ob.slope)[:80]}; {way}"
        return _proof(inst, "Lipschitz bound", (*rungs, "assumptions"), inst.assumptions, detail)
    raise Rejected("prove_lipschitz", "; ".join(reasons))


def prove_implication(inst: Instance, multipliers: tuple[object, ...], facts: Sequence[Fact]) -> Proof:
    """B follows from A by an exact transformation (:mod:`verifier.entailment`): g_B − M·g_A, computed
    here, is zero, M's denominators are positive and, between inequalities, its sign is right."""
    ob = _obligation_of("prove_implication", lambda: entailment.entailment(inst, multipliers))
    rungs = _covered(ob.zeros, facts, "zero", "prove_implication")
    _covered(ob.positive, facts, "positive", "prove_implication(multiplier)")
    _covered(ob.nonnegative, facts, ("nonnegative", "positive"), "prove_implication(multiplier)")
    assumptions = (*inst.assumptions, *provisos.definedness(ob.zeros))
    return _proof(inst, "exact transformation", rungs or ("exact",), assumptions, ob.detail)


def expectation(inst: Instance) -> Obligation:
    """What an Expectation claim must satisfy: E[expr] − claimed vanishes in every entry."""
    entries = _obligation_of("check_expectation", lambda: obligations.expectation_residual(inst))
    return Obligation(claim_key(inst), inst.claim.n, tuple(entries), _KEY)


def prove_expectation(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of E[expr] − claimed is zero, with E computed from exact moments (independent noise)."""
    _own(inst, obligation, "check_expectation")
    rungs = _covered(obligation.entries, facts, "zero", "check_expectation")
    return _proof(inst, "exact moments", rungs, (*inst.assumptions, "noise variables independent"))


def prove_leading_term(inst: Instance) -> Proof:
    """e_{k+1} = constant·e_k^order + O(e_k^{order+1}) for the error map of x ↦ step(x); maps with
    memory and vector maps: :func:`_prove_order_with_memory`, :func:`_prove_linear_rate`."""
    body, rule = inst.claim.body, "prove_leading_term"
    if not isinstance(body, Convergence):
        raise Rejected(rule, f"not a convergence claim ({body.kind})")
    shape, order = iteration_of(body), sp.sympify(body.order)  # instantiate validated the shape
    if not shape.one_step_scalar:
        prove = _prove_linear_rate if order == 1 else _prove_order_with_memory
        return _obligation_of(rule, lambda: prove(inst, shape, order))
    if not order.is_Integer or order < 1:
        raise Rejected(rule, f"order {order} is not a positive integer")
    q, constant = int(order), inst.symbolic(body.constant)
    rung, detail = _obligation_of(rule, lambda: rates.one_step_leading_term(inst, shape, q, constant))
    return _proof(inst, "leading term", (rung,), inst.assumptions, detail)


def _prove_order_with_memory(inst: Instance, shape: Iteration, q: sp.Expr) -> Proof:
    """Two-point maps: the order is the positive root of q² = a₀q + a₁ (see rates.memory_order_detail)."""
    detail = _obligation_of("prove_leading_term", lambda: rates.memory_order_detail(inst, shape, q))
    return _proof(inst, "leading term with memory", ("together", "exact"), (*inst.assumptions, rates.NEAR), detail)


def _prove_linear_rate(inst: Instance, shape: Iteration, _: sp.Expr) -> Proof:
    """The rate is ρ(J) < 1, J the Jacobian at the root of the state map (see rates.linear_rate_detail)."""
    detail = _obligation_of("prove_leading_term(linear rate)", lambda: rates.linear_rate_detail(inst, shape))
    return _proof(inst, "linear rate", ("exact",), (*inst.assumptions, rates.NEAR_RATE), detail)


def prove_limit(inst: Instance) -> Proof:
    """sympy's limit (Gruntz) equals the claimed value exactly."""
    body = inst.claim.body
    if not isinstance(body, Limit):
        raise Rejected("prove_limit", f"not a limit claim ({body.kind})")
    expr, claimed = inst.symbolic(sp.sympify(body.expr)), inst.symbolic(sp.sympify(body.equals))
    value = sp.limit(expr, body.var, sp.sympify(body.to))
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds):
        raise Rejected("prove_limit", "sympy cannot evaluate the limit")
    if not (normal_form.is_zero_exact(value - claimed) or normal_form.is_zero_simplify(value - claimed)):
        raise Rejected("prove_limit", f"limit is {sp.sstr(value)[:80]}")
    return _proof(inst, "limit", ("gruntz",), inst.assumptions, f"limit = {sp.sstr(value)[:80]}")


def prove_corollary(claim: str, cited: Mapping[str, Status], assumptions: Sequence[str], because: str) -> Proof:
    """Every cited claim of the run was PROVED; the step between them is the named fact."""
    missing = [name for name, status in cited.items() if status is not Status.PROVED]
    if not cited or missing:
        raise Rejected("prove_corollary", f"cited claims not proved: {', '.join(missing) or 'none cited'}")
    detail = f"from {', '.join(cited)}: {because}"
    return Proof(claim, None, "corollary", ("citation",), tuple(dict.fromkeys(assumptions)), detail, _KEY)


def prove_for_all_n(claim: str, statement: Statement, size: sp.Symbol, built: Mapping[int, Statement]) -> Proof:
    """The claim in matrix notation at a symbolic size: the canonical Einstein forms of its two
    sides, computed here (verifier.einsum), are equal, so it holds at every n where defined; and
    the claim built at each concrete n is this one at that n (a builder may branch on n)."""
    if (n := einsum.first_unlike(statement, size, built)) is not None:
        raise Rejected("prove_for_all_n", f"the claim built at n = {n} is not the symbolic one at n = {n}")
    forms = _obligation_of("prove_for_all_n", lambda: einsum.compare(statement))
    if not forms.equal:
        raise Rejected("prove_for_all_n", f"canonical forms differ: {forms.lhs[:90]} vs {forms.rhs[:90]}")
    return Proof(claim, None, FOR_ALL_N, ("einsum",), forms.assumptions, forms.detail, _KEY)


# ----------------------------------------------------------------------------- verdicts


def judge(
    claim: str,
    expected: Sequence[int | None],
    proofs: Sequence[Proof | None],
    numeric: Sequence[NumericVerdict],
    at_counterexample: Proof | None = None,
    for_all_n: Proof | None = None,
) -> tuple[Status, bool]:
    """The verdict on `claim`, and whether the engine contradicted itself.

    expected: the dimensions the claim must be proved for; proofs: one entry per dimension (None:
    not shown). A proof that names another claim or another n is not a proof of this one: the
    verdict is UNKNOWN, flagged as an engine inconsistency. numeric: one verdict per checked
    dimension: "pass", "fail" (confirmed in high precision) or "inconclusive". at_counterexample:
    a proof found at the very dimension where a counterexample was confirmed, if any. PROVED needs
    every proof and agreeing numerics; a proof contradicted by a confirmed counterexample at the
    same n is an engine inconsistency, which is UNKNOWN, never PROVED nor REFUTED. for_all_n: a
    proof for every n, which any confirmed counterexample contradicts; with agreeing numerics it is
    PROVED whatever the per-n proofs.
    """
    if len(proofs) > len(expected) or any(
        p is not None and (p.claim, p.n) != (claim, n) for p, n in zip(proofs, expected, strict=False)
    ):
        return Status.UNKNOWN, True
    if at_counterexample is not None and at_counterexample.claim != claim:
        return Status.UNKNOWN, True
    if for_all_n is not None and (
        (for_all_n.claim, for_all_n.n, for_all_n.rule) != (claim, None, FOR_ALL_N) or NumericVerdict.FAIL in numeric
    ):
        return Status.UNKNOWN, True
    if NumericVerdict.FAIL in numeric:
        if at_counterexample is not None:
            return Status.UNKNOWN, True
        return Status.REFUTED, False
    if NumericVerdict.INCONCLUSIVE in numeric or not numeric:
        return Status.UNKNOWN, False
    if for_all_n is not None or (proofs and len(proofs) == len(expected) and all(p is not None for p in proofs)):
        return Status.PROVED, False
    return Status.CHECKED, False


def judge_chain(steps: Sequence[Status]) -> Status:
    """A chain is PROVED only if every step is PROVED (each by its own kernel verdict), REFUTED if any step
    is; otherwise its weakest step decides (ERROR, UNKNOWN, then CHECKED)."""
    for status in (Status.REFUTED, Status.ERROR, Status.UNKNOWN):
        if status in steps:
            return status
    return Status.PROVED if steps and all(s is Status.PROVED for s in steps) else Status.CHECKED


def judge_corollary(proof: Proof | None) -> Status:
    """A corollary has no numerics of its own: it is PROVED through its citations, or UNKNOWN."""
    return Status.PROVED if proof is not None else Status.UNKNOWN
