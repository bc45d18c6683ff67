"""The kernel's proof rules: each checks its evidence exactly and returns a Proof, or raises Rejected."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import sympy as sp

from verifier.language import text, walk
from verifier.language.claims import PSD, Convergence, Convex, Derivative, Identity, Limit, Statement
from verifier.language.domains import SPD, General, Interval, Nonnegative, Positive, PSDMatrix, Real, Simplex, Symmetric
from verifier.language.iteration import Iteration, iteration_of
from verifier.trusted import bounds, dcp, entailment, limit_steps, limits, obligations, provisos, rates
from verifier.trusted.decide import einsum, sums
from verifier.trusted.decide.sums import concrete as sums_concrete
from verifier.trusted.genuine import genuine, mint
from verifier.trusted.instantiate import Instance
from verifier.trusted.kernel.base import (
    _KEY,
    FOR_ALL_N,
    SIGNS,
    Fact,
    Obligation,
    Proof,
    Rejected,
    _covered,
    _made_by_instantiate,
    _obligation_of,
    _own,
    _proof,
    claim_name,
    refuse_floats,
)
from verifier.trusted.kernel.statements import ClaimAt


def residual(inst: Instance) -> Obligation:
    """What an Identity or Derivative claim must satisfy: every residual entry is zero."""
    entries = _obligation_of("residual", lambda: obligations.residual(inst))
    _made_by_instantiate(inst, "residual")
    return mint(Obligation(claim_name(inst), inst.claim.n, inst.digest, tuple(entries), _KEY))


def prove_residual(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of the kernel's own residual for this claim is zero (wherever defined)."""
    _own(inst, obligation, "residual")
    rungs = _covered(obligation.entries, facts, "zero", "residual")
    defined = provisos.definedness([*obligation.entries, *_sides(inst)])
    assumptions = (*inst.assumptions, *defined, *_kinks(inst))
    return _proof(inst, "residual is zero", rungs, assumptions)


def _sides(inst: Instance) -> list[sp.Expr]:
    """The claim's sides as declared: a pole on both sides cancels out of lhs − rhs (helper-57: tan x on each)."""
    return _obligation_of("sides", lambda: obligations.sides(inst))


def _kinks(inst: Instance) -> tuple[str, ...]:
    """A derivative of a branching function (|x|, max, H, sign, Piecewise) exists only away from the
    boundaries between its cases; sympy differentiates Abs(x) to sign(x) without saying so."""
    body = inst.claim.body
    if isinstance(body, Derivative) and obligations.has_cases(inst.symbolic(sp.ImmutableMatrix([body.f]))):
        return (KINKS, *_jumps(inst))
    return _jumps(inst)


def _jumps(inst: Instance) -> tuple[str, ...]:
    """A derivative of a function that jumps (acot at 0, atan2 across its cut, arg at 0, floor, ceiling, frac) exists
    only away from its jumps, neither a denominator's zeros nor cases (helper-57: d/dx acot x had no proviso)."""
    body = inst.claim.body
    if not isinstance(body, Derivative):
        return ()
    f = inst.symbolic(sp.ImmutableMatrix([body.f]))
    found = sorted({type(n).__name__ for n in walk.nodes([f]) if isinstance(n, _JUMPS) and n.free_symbols})
    return (f"derivatives taken away from the jumps of {', '.join(found)}",) if found else ()


_JUMPS = (sp.acot, sp.atan2, sp.arg, sp.floor, sp.ceiling, sp.frac)


def prove_residual_by_cases(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of the kernel's own residual vanishes in each of its cases. The cases (obligations.cases)
    write Abs, Max, Min, Heaviside, sign and Piecewise of real arguments as one Piecewise whose reachable
    cases cover every point; a value that is zero in every case is zero everywhere (wherever defined). Where it is
    defined is read from the residual as well as from the cases: writing a case can cancel a denominator
    (|x·|y|·g|/|g| is |x|·|y| once its modulus is split), and the points where it vanished are still not the
    claim's."""
    _own(inst, obligation, "cases")
    values, conditions = _obligation_of("prove_residual_by_cases", lambda: provisos.case_split(obligation.entries))
    rungs = _covered(values, facts, "zero", "cases")
    detail = f"{len(values)} case(s): {', '.join(dict.fromkeys(conditions))[:160]}"
    extra = (KINKS, *_jumps(inst)) if isinstance(inst.claim.body, Derivative) else ()
    defined = provisos.definedness([*obligation.entries, *_sides(inst), *values])
    return _proof(inst, "proof by cases", rungs, (*inst.assumptions, *defined, *extra), detail)


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
    assumptions = (*inst.assumptions, *dict.fromkeys((*proviso, *provisos.definedness([*h, *_sides(inst)]))))
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
        exact = [sp.sympify(m) for m in minors]  # refuse_floats (in _proof) turns away a matrix with floats
        signed = all((m.is_positive if body.strict else m.is_nonnegative) for m in exact)
        if h != h.T or not signed:
            raise Rejected("prove_psd_by_minors", "not symmetric, or a principal minor is negative or undecided")
        rungs: tuple[str, ...] = ("exact",)
    else:
        rungs = _covered(obligations.asymmetry(h), facts, "zero", "check_minors(symmetry)")
        _covered(minors, facts, prop, "check_minors")
        rungs = (*rungs, "assumptions")
    detail = "leading principal minors > 0" if body.strict else "all principal minors ≥ 0"
    defined = provisos.definedness([*h, *_sides(inst)])  # _sides: a divisor written, PSD(det(A)·A⁻¹·adj(A)ᵀ)
    return _proof(inst, "Sylvester criterion", rungs, (*inst.assumptions, *defined), detail)


def prove_inequality(inst: Instance, facts: Sequence[Fact], squares: obligations.Squares | None = None,
                     sides: bool = False) -> Proof:  # fmt: skip
    """gap = greater − smaller side (computed here) is >= 0 (> 0 if strict): directly, or as a sum of squares
    Σ wₖ·fₖ², weights >= 0 in the assumed view. sides: a ≥ b (b real) from a >= 0 and the gap a² − b²."""
    compute = obligations.squared_sides if sides else obligations.inequality_gap
    gap, strict, *above = _obligation_of("prove_inequality", lambda: compute(inst))
    rule, prop = "squared sides, " if sides else "", "positive" if strict else "nonnegative"
    rungs = _covered(above, facts, "nonnegative", "prove_inequality(greater side)")
    defined = provisos.definedness([gap, *_sides(inst)])  # a pole on both sides cancels out of the gap
    if squares is None:
        rungs += _covered([gap], facts, prop, "prove_inequality")
        return _proof(inst, rule + "gap is " + prop, rungs, (*inst.assumptions, *defined))
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
    held = (*inst.assumptions, *dict.fromkeys((*proviso, *defined)))
    return _proof(inst, rule + "sum of squares", (*rungs, "assumptions"), held, detail, w)


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
        detail = f"mean value theorem with g′ = {text.clipped(ob.slope, 80)}; {way}"
        return _proof(inst, "Lipschitz bound", (*rungs, "assumptions"), inst.assumptions, detail)
    raise Rejected("prove_lipschitz", "; ".join(reasons))


KINKS = "derivatives taken case by case: not at the boundaries between cases, where f is not differentiable"
CONVEX_DOMAINS = (Real, General, Positive, Nonnegative, Interval, Simplex, Symmetric, SPD, PSDMatrix)


def prove_convex_by_dcp(inst: Instance) -> Proof:
    """f convex (concave) in wrt by the composition rules of :mod:`verifier.trusted.dcp`, read on the symbolic view;
    wrt ranges over a convex set (its domain is one of CONVEX_DOMAINS), the other symbols are fixed."""
    body, rule = inst.claim.body, "prove_convex_by_dcp"
    if not isinstance(body, Convex):
        raise Rejected(rule, f"not a convexity claim ({body.kind})")
    (given,) = [g for g in inst.given if g.target == body.wrt]
    if type(given.domain) not in CONVEX_DOMAINS:
        raise Rejected(rule, f"the domain of {given.label}, {given.domain.describe()}, is not known to be convex")
    wrt = [s for x in given.symbols() for s in inst.symbolic(x).free_symbols]
    f = inst.symbolic(sp.ImmutableMatrix([body.f])[0, 0] if isinstance(body.f, sp.MatrixBase) else body.f)
    reading = dcp.curvature(f, wrt)
    want = "concave" if body.concave else "convex"
    if not (reading.curvature.concave if body.concave else reading.curvature.convex):
        shown = reading.curvature.word()
        raise Rejected(rule, f"the composition rules do not show f {want} in {given.label} ({shown})")
    detail = f"{want} in {given.label} by composition: " + "; ".join(reading.steps)
    convex_set, defined = f"{given.label} ranges over a convex set", provisos.definedness([f, *_sides(inst)])
    return _proof(inst, "DCP composition", ("dcp",), (*inst.assumptions, convex_set, *defined), detail)


def prove_implication(inst: Instance, multipliers: tuple[object, ...], facts: Sequence[Fact]) -> Proof:
    """B follows from A by an exact transformation (:mod:`verifier.trusted.entailment`): g_B − M·g_A, computed
    here, is zero, M's denominators are positive and, between inequalities, its sign is right."""
    ob = _obligation_of("prove_implication", lambda: entailment.entailment(inst, multipliers))
    rungs = _covered(ob.zeros, facts, "zero", "prove_implication")
    _covered(ob.positive, facts, "positive", "prove_implication(multiplier)")
    _covered(ob.nonnegative, facts, ("nonnegative", "positive"), "prove_implication(multiplier)")
    assumptions = (*inst.assumptions, *provisos.definedness([*ob.zeros, *_sides(inst)]))
    return _proof(inst, "exact transformation", rungs or ("exact",), assumptions, ob.detail)


def expectation(inst: Instance) -> Obligation:
    """What an Expectation claim must satisfy: E[expr] − claimed vanishes in every entry."""
    entries = _obligation_of("check_expectation", lambda: obligations.expectation_residual(inst))
    _made_by_instantiate(inst, "residual")
    return mint(Obligation(claim_name(inst), inst.claim.n, inst.digest, tuple(entries), _KEY))


def prove_expectation(inst: Instance, obligation: Obligation, facts: Sequence[Fact]) -> Proof:
    """Every entry of E[expr] − claimed is zero, with E computed from exact moments (independent noise)."""
    _own(inst, obligation, "check_expectation")
    rungs = _covered(obligation.entries, facts, "zero", "check_expectation")
    defined = provisos.definedness([*obligation.entries, *_sides(inst)])  # E[√z] for z ~ N(0, 1) has no real value
    return _proof(inst, "exact moments", rungs, (*inst.assumptions, "noise variables independent", *defined))


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
    return _proof(inst, "leading term", (rung,), rates.near(inst, shape, rates.NEAR), detail)


def _prove_order_with_memory(inst: Instance, shape: Iteration, q: sp.Expr) -> Proof:
    """Two-point maps: the order is the positive root of q² = a₀q + a₁ (see rates.memory_order_detail)."""
    detail = _obligation_of("prove_leading_term", lambda: rates.memory_order_detail(inst, shape, q))
    return _proof(inst, "leading term with memory", ("together", "exact"), rates.near(inst, shape, rates.NEAR), detail)


def _prove_linear_rate(inst: Instance, shape: Iteration, _: sp.Expr) -> Proof:
    """The rate is ρ(J) < 1, J the Jacobian at the root of the state map (see rates.linear_rate_detail)."""
    detail = _obligation_of("prove_leading_term(linear rate)", lambda: rates.linear_rate_detail(inst, shape))
    return _proof(inst, "linear rate", ("exact",), rates.near(inst, shape, rates.NEAR_RATE), detail)


def prove_limit(inst: Instance) -> Proof:
    """sympy's limit (Gruntz) equals the claimed value exactly, from exactly the sides the claim names.

    sp.limit approaches from the right by default (dir="+"); a finite point is asked for with the
    claim's own direction, "+-" unless it says otherwise, which sympy answers by computing both
    one-sided limits and raising when they differ."""
    body = inst.claim.body
    if not isinstance(body, Limit):
        raise Rejected("prove_limit", f"not a limit claim ({body.kind})")
    expr, claimed = inst.symbolic(sp.sympify(body.expr)), inst.symbolic(sp.sympify(body.equals))
    to = sp.sympify(body.to)
    _limit_is_real(expr, claimed, body.var, to, body.dir)
    try:
        value = limit_steps.limit(expr, body.var, to, body.dir)  # each step function decided near the point first
    except ValueError as err:  # the one-sided limits differ, or a step not decided (limit_steps.Unsteady)
        raise Rejected("prove_limit", str(err)[:120]) from None
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds) or value == sp.zoo:
        raise Rejected("prove_limit", "sympy cannot evaluate the limit, or it does not exist")
    if not limits.agrees(value, claimed):
        raise Rejected("prove_limit", f"limit is {text.clipped(value, 80)}")
    if why := limits.unshown(inst, expr, claimed, body.var, to, body.dir):  # a generic value's, or past sin(1/x)
        raise Rejected("prove_limit", why)
    return _proof(inst, "limit", ("gruntz",), inst.assumptions, f"limit = {text.clipped(value, 80)}")


def _limit_is_real(expr: sp.Expr, claimed: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str) -> None:
    """What sympy's limit assumes and a real claim needs: a limit point that is a number (sympy's limit at
    a symbolic point is a generic point's: lim ⌊x⌋ at x → a is ⌊a⌋, wrong at an integer a), and an
    expression real on each side the claim names. With parameters, the claimed value and the expression
    near the point must be known real on the whole domain (a/b at b = 0, aˣ at a < 0 are not)."""
    if to.free_symbols:
        raise Rejected("prove_limit", "the limit point depends on a parameter: sympy's limit is a generic point's")
    eps = sp.Dummy("eps", positive=True)
    if to.is_infinite:
        near = [(1 if to == sp.oo else -1) / eps]
    else:
        near = [to + sign * eps for sign, side in ((1, "+"), (-1, "-")) if side in direction]
    params = (expr.free_symbols | claimed.free_symbols) - {var}
    for point in near:
        real = _eventually_real(expr, var, point, to) if params else limits.real_near(expr, var, point)
        if real is False or (params and real is not True):
            raise Rejected("prove_limit", f"the expression is not known real as {var} → {sp.sstr(to)}{direction}")
    if params and not claimed.is_infinite and claimed.is_extended_real is not True:
        raise Rejected("prove_limit", "the claimed value is not known real on the whole domain (undefined somewhere?)")


def _eventually_real(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, to: sp.Expr) -> bool | None:
    """Whether expr at var = point (to ± ε, or ±1/ε) is real, a power whose base tends to a positive number
    (1 + a/x → 1) taken as positive: near the point its base is positive and the power real."""
    real = limits.real_near(expr, var, point)
    if real is not None:
        return real
    side = "+" if (point - to).is_positive or point.is_positive else "-"
    positive: dict[sp.Basic, sp.Basic] = {}
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow) and var in node.free_symbols and node.exp.subs(var, point).is_extended_real:
            try:
                base = limit_steps.limit(node.base, var, to, side)
            except (ValueError, NotImplementedError):
                continue
            if not base.free_symbols and base.is_extended_positive:
                positive[node] = sp.Dummy(positive=True)
    return expr.xreplace(positive).subs(var, point).is_extended_real if positive else None


def prove_for_all_n(claim: str, statement: Statement, size: sp.Symbol, stated: Sequence[ClaimAt]) -> Proof:
    """The claim in matrix notation at a symbolic size: the canonical Einstein forms of its two
    sides, computed here (verifier.trusted.decide.einsum), are equal, so it holds at every n where defined; and
    the claim the kernel stated at each concrete n is this one at that n (a builder may branch on n). The
    proof covers the digests of those statements, and no other."""
    if any(not genuine(at) or at.claim != claim or at.n is None for at in stated):
        raise Rejected("prove_for_all_n", "the concrete claims were not stated by the kernel for this claim")
    if undefined := [at.n for at in stated if at.instance is None and at.n]:  # equal forms say nothing without a value
        raise Rejected("prove_for_all_n", f"the claim has no value at n = {min(undefined)}, one of its stated sizes")
    written = {at.n: _as_written(at.instance) for at in stated if at.instance is not None and at.n is not None}
    if _in_index_notation(statement):
        return _prove_sums(claim, statement, size, written, tuple(at.digest for at in stated))
    refuse_floats("prove_for_all_n", statement.parts())
    # the forms first: the cheaper check, and it fails for a wrong claim, whose sizes need no writing out
    forms = _obligation_of("prove_for_all_n", lambda: einsum.compare(statement))
    if not forms.equal:
        raise Rejected("prove_for_all_n", f"canonical forms differ: {forms.lhs[:90]} vs {forms.rhs[:90]}")
    if (n := einsum.first_unlike(statement, size, written)) is not None:
        raise Rejected("prove_for_all_n", f"the claim built at n = {n} is not the symbolic one at n = {n}")
    for concrete in written.values():  # a concrete n may hold a float the symbolic n does not (1/n at n = 3)
        refuse_floats("prove_for_all_n", concrete.parts())
    covers = tuple(at.digest for at in stated)
    return mint(Proof(claim, None, "", FOR_ALL_N, ("einsum",), forms.assumptions, forms.detail, _KEY, covers=covers))


def _as_written(inst: Instance) -> Statement:
    return inst.claim.as_written if inst.claim.as_written is not None else inst.claim.body


def _in_index_notation(statement: Statement) -> bool:
    """An Identity written with entries and sums (no matrix symbol): the index-sum rules decide it."""
    parts = [p for p in statement.parts() if isinstance(p, sp.Basic)]
    return isinstance(statement, Identity) and not any(p.atoms(sp.MatrixSymbol) for p in parts)


def _prove_sums(
    claim: str, statement: Statement, size: sp.Symbol, written: dict[int, Statement], covers: tuple[str, ...]
) -> Proof:
    """An Identity in index notation at a symbolic n: at each concrete n it is the claim stated there, and
    the normal forms of its two sides (verifier.trusted.decide.sums, computed here) are equal."""
    assert isinstance(statement, Identity)
    refuse_floats("prove_for_all_n", statement.parts())
    givens = statement.given()
    simplex = frozenset(str(g.target) for g in givens if isinstance(g.domain, Simplex))
    positive = frozenset(str(g.target) for g in givens if isinstance(g.domain, Positive))
    forms = _obligation_of(  # first: a wrong step fails here, and its sizes need no writing out
        "prove_for_all_n", lambda: sums.compare(statement.lhs, statement.rhs, size, simplex, positive)
    )
    if not forms.equal:
        raise Rejected("prove_for_all_n", f"normal forms differ: {forms.lhs[:90]} vs {forms.rhs[:90]}")
    for n, concrete in sorted(written.items()):
        refuse_floats("prove_for_all_n", concrete.parts())
        if not _obligation_of(
            "prove_for_all_n", functools.partial(sums_concrete.same_claim, statement, concrete, size, n)
        ):
            raise Rejected("prove_for_all_n", f"the claim built at n = {n} is not the symbolic one at n = {n}")
    assumptions = (*(f"{g.target} ∈ {g.domain.describe()}" for g in givens), "each free index in 1..n")
    return mint(Proof(claim, None, "", FOR_ALL_N, ("sums",), assumptions, forms.detail, _KEY, covers=covers))
