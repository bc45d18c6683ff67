"""The trusted kernel: the only place where a proof can be made.

Strategies elsewhere (the ladder, certificate search, moment expansion) decide what to
try and in which order, under which time budget. They cannot make a :class:`Proof`
themselves: the constructor demands a key that only this module holds. Every rule
below checks its evidence exactly, with the normalisers of :mod:`verifier.normal_form`,
and either returns a :class:`Fact` / :class:`Proof` or raises :class:`Rejected`
naming the rule that failed.

A Proof lists the assumptions it used (domain relations, positivity, Σp = 1, ...),
so that a report can print them beside the verdict. A Proof alone is never a verdict:
the verdict PROVED also needs the numeric spot check to agree (see verifier.verdict).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.utilities import dotprodsimp

from verifier import normal_form
from verifier.noise import Distribution
from verifier.outcome import Status

_KEY = object()


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

    rule: str
    rungs: tuple[str, ...]
    assumptions: tuple[str, ...]
    detail: str
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Proof", "proofs are made by kernel rules only")


# ----------------------------------------------------------------------------- facts


def zero(expr: sp.Expr, rung: str) -> Fact:
    """expr is identically zero, shown by the named normaliser."""
    check = normal_form.NORMALISERS.get(rung)
    if check is None:
        raise Rejected("zero", f"unknown normaliser {rung!r}")
    if not check(expr):
        raise Rejected("zero", f"{rung} does not reduce the residual to 0")
    return Fact(expr, "zero", rung, _KEY)


def nonnegative(expr: sp.Expr, strict: bool = False) -> Fact:
    """expr >= 0 (or > 0) on the domain, as sympy's assumptions see it on a normal form."""
    for form in normal_form.nonnegative_forms(expr):
        sign = form.is_positive if strict else form.is_nonnegative
        if sign is True:
            return Fact(expr, "positive" if strict else "nonnegative", "assumptions", _KEY)
    word = "positive" if strict else "nonnegative"
    raise Rejected("nonnegative", f"{sp.sstr(expr)[:80]} not provably {word}")


# ----------------------------------------------------------------------------- proofs


def _covered(exprs: Sequence[sp.Expr], facts: Sequence[Fact], prop: str, rule: str) -> tuple[str, ...]:
    by_expr = {f.expr: f for f in facts if f.property == prop}
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


def prove_zero_residual(residual: Sequence[sp.Expr], facts: Sequence[Fact], assumptions: Sequence[str]) -> Proof:
    """Every entry of lhs − rhs is zero (wherever both sides are defined)."""
    rungs = _covered(residual, facts, "zero", "residual")
    return Proof("residual is zero", rungs, (*assumptions, *_definedness(residual)), "", _KEY)


def _definedness(exprs: Sequence[sp.Expr]) -> tuple[str, ...]:
    """The proviso a rational-function proof carries: it holds where no denominator vanishes."""
    for e in exprs:
        if any(p.exp.is_negative and p.base.free_symbols for p in sp.sympify(e).atoms(sp.Pow)):
            return ("wherever both sides are defined (no denominator is 0)",)
    return ()


def form_coefficients(form: sp.Expr, v: Sequence[sp.Symbol]) -> list[sp.Expr]:
    """The coefficient vector a of a linear form aᵀv; Rejected if the form is not linear."""
    coeffs = [sp.diff(form, vi) for vi in v]
    if any(c.free_symbols & set(v) for c in coeffs):
        raise Rejected("check_certificate", f"form {sp.sstr(form)[:60]} is not linear in v")
    if form.xreplace({vi: 0 for vi in v}) != 0:
        raise Rejected("check_certificate", f"form {sp.sstr(form)[:60]} has a constant term")
    return coeffs


def certificate_residual(
    h: sp.MatrixBase, v: Sequence[sp.Symbol], weights: Sequence[sp.Expr], forms: Sequence[sp.Expr]
) -> list[sp.Expr]:
    """Entries i <= j of (H + Hᵀ)/2 − Σ wₖ·aₖaₖᵀ, where formₖ = aₖᵀv.

    vᵀHv = Σ wₖ(aₖᵀv)² for every v exactly when these Gram entries all vanish.
    """
    if len(weights) != len(forms):
        raise Rejected("check_certificate", f"{len(weights)} weights but {len(forms)} forms")
    coeffs = [form_coefficients(f, v) for f in forms]
    n = h.rows
    if len(v) != n:
        raise Rejected("check_certificate", f"v has {len(v)} entries, the matrix is {n}×{n}")
    return [
        (h[i, j] + h[j, i]) / 2 - sp.Add(*[w * a[i] * a[j] for w, a in zip(weights, coeffs, strict=True)])
        for i in range(n)
        for j in range(i, n)
    ]


def prove_psd_by_certificate(
    h: sp.MatrixBase,
    v: Sequence[sp.Symbol],
    weights: Sequence[sp.Expr],
    forms: Sequence[sp.Expr],
    facts: Sequence[Fact],
    assumptions: Sequence[str],
) -> Proof:
    """H symmetric, vᵀHv = Σ wᵢ·formᵢ² identically in v, and every wᵢ >= 0."""
    if h.rows != h.cols:
        raise Rejected("check_certificate", f"matrix is {h.rows}×{h.cols}, not square")
    if any(w.free_symbols & set(v) for w in weights):
        raise Rejected("check_certificate", "a weight depends on v")
    asym = [h[i, j] - h[j, i] for i in range(h.rows) for j in range(i)]
    rungs = _covered(asym, facts, "zero", "check_certificate(symmetry)")
    rungs += _covered(certificate_residual(h, v, weights, forms), facts, "zero", "check_certificate(identity)")
    try:
        _covered(list(weights), facts, "nonnegative", "check_certificate(weights)")
    except Rejected as err:
        raise Rejected("check_certificate", f"weight not provably nonnegative ({err})") from None
    detail = "vᵀHv = Σ wᵢ·(linear form)², every wᵢ ≥ 0"
    return Proof("PSD certificate", tuple(dict.fromkeys(rungs)), tuple(assumptions), detail, _KEY)


def prove_psd_by_minors(h: sp.MatrixBase, strict: bool, assumptions: Sequence[str]) -> Proof:
    """A constant symmetric matrix whose principal minors are exactly >= 0 (> 0 leading if strict)."""
    if h.free_symbols:
        raise Rejected("check_minors", "matrix has free symbols; give a certificate")
    if h != h.T:
        raise Rejected("check_minors", "matrix is not symmetric")
    n = h.rows
    if strict:
        minors = [h[:k, :k].det() for k in range(1, n + 1)]
        ok = all(sp.nsimplify(m).is_positive for m in minors)
    else:
        minors = [
            h.extract(list(idx), list(idx)).det()
            for k in range(1, n + 1)
            for idx in itertools.combinations(range(n), k)
        ]
        ok = all(m.is_nonnegative for m in minors)
    if not ok:
        raise Rejected("check_minors", "a principal minor is negative or undecided")
    detail = "leading principal minors > 0" if strict else "all principal minors ≥ 0"
    return Proof("Sylvester criterion", ("exact",), tuple(assumptions), detail, _KEY)


def principal_minors(h: sp.MatrixBase, strict: bool) -> list[sp.Expr]:
    """The minors Sylvester's criterion needs: leading ones if strict, else all principal ones."""
    n = h.rows
    with dotprodsimp(False):  # sympy would otherwise cancel() every intermediate product
        if strict:
            return [h[:k, :k].det(method="berkowitz") for k in range(1, n + 1)]
        return [
            h.extract(list(idx), list(idx)).det(method="berkowitz")
            for k in range(1, n + 1)
            for idx in itertools.combinations(range(n), k)
        ]


def prove_psd_by_symbolic_minors(
    h: sp.MatrixBase, strict: bool, facts: Sequence[Fact], assumptions: Sequence[str]
) -> Proof:
    """A symmetric matrix whose principal minors are provably >= 0 (leading ones > 0 if strict)."""
    if h.rows > 4:
        raise Rejected("check_minors", "principal minors are used up to 4×4 only")
    asym = [h[i, j] - h[j, i] for i in range(h.rows) for j in range(i)]
    rungs = _covered(asym, facts, "zero", "check_minors(symmetry)")
    prop = "positive" if strict else "nonnegative"
    _covered(principal_minors(h, strict), facts, prop, "check_minors")
    detail = "leading principal minors > 0" if strict else "all principal minors ≥ 0"
    return Proof("Sylvester criterion", (*rungs, "assumptions"), tuple(assumptions), detail, _KEY)


def prove_inequality(gap: sp.Expr, strict: bool, facts: Sequence[Fact], assumptions: Sequence[str]) -> Proof:
    """gap = (greater side) − (smaller side) is >= 0 (> 0 if strict)."""
    prop = "positive" if strict else "nonnegative"
    rungs = _covered([gap], facts, prop, "check_inequality")
    return Proof("gap is " + prop, rungs, tuple(assumptions), "", _KEY)


def expectation_by_moments(expr: sp.Expr, noise: Mapping[sp.Symbol, Distribution]) -> sp.Expr:
    """E[expr] for independent noise, by linearity: each monomial Πδᵏ becomes ΠE[δᵏ]."""
    variables = list(noise)
    poly = sp.Poly(sp.expand(expr), *variables)
    total = sp.Integer(0)
    for powers, coeff in poly.terms():
        term = coeff
        for var, k in zip(variables, powers, strict=True):
            term *= noise[var].moment(k)
        total += term
    return total


def prove_expectation(
    expr: sp.Expr,
    noise: Mapping[sp.Symbol, Distribution],
    claimed: sp.Expr,
    facts: Sequence[Fact],
    assumptions: Sequence[str],
) -> Proof:
    """E[expr] − claimed is zero, with E computed from exact moments (independent noise)."""
    for var in noise:
        if any(var in d.free_symbols for d in noise.values() for d in d.params()):
            raise Rejected("check_expectation", f"distribution parameters depend on {var}")
    try:
        residual = expectation_by_moments(expr, noise) - claimed
    except sp.PolynomialError:
        raise Rejected("check_expectation", "expression is not polynomial in the noise") from None
    rungs = _covered([residual], facts, "zero", "check_expectation")
    return Proof("exact moments", rungs, (*assumptions, "noise variables independent"), "", _KEY)


def prove_leading_term(
    step: sp.Expr, x: sp.Symbol, root: sp.Expr, order: int, constant: sp.Expr, assumptions: Sequence[str]
) -> Proof:
    """e_{k+1} = constant·e_k^order + O(e_k^{order+1}) for the error map of x ↦ step(x)."""
    e = sp.Dummy("e")
    error_map = step.subs(x, root + e) - root
    if not (isinstance(order, int) and order >= 1):
        raise Rejected("check_leading_term", f"order {order} is not a positive integer")
    if constant == 0 or constant.is_zero:
        raise Rejected("check_leading_term", "constant is 0; the order would be higher")
    numer, denom = sp.fraction(sp.together(error_map - constant * e**order))
    if denom.subs(e, 0) != 0 and numer.is_polynomial(e) and denom.is_polynomial(e):
        low = min((m[0] for m in sp.Poly(sp.expand(numer), e).monoms()), default=order + 1)
        if low > order and sp.simplify(denom.subs(e, 0)) != 0:
            return Proof(
                "leading term",
                ("together",),
                tuple(assumptions),
                f"numerator of g(e) − C·e^{order} starts at e^{low}",
                _KEY,
            )
    series = sp.series(error_map, e, 0, order + 1).removeO()
    gap = sp.expand(series - constant * e**order)
    if gap != 0 and sp.simplify(gap) != 0:
        raise Rejected("check_leading_term", f"series has extra terms {sp.sstr(gap)[:80]}")
    return Proof(
        "leading term", ("series",), tuple(assumptions), f"series of g(e) is C·e^{order} + O(e^{order + 1})", _KEY
    )


def prove_limit(expr: sp.Expr, var: sp.Symbol, to: sp.Expr, claimed: sp.Expr, assumptions: Sequence[str]) -> Proof:
    """sympy's limit (Gruntz) equals the claimed value exactly."""
    value = sp.limit(expr, var, to)
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds):
        raise Rejected("check_limit", "sympy cannot evaluate the limit")
    if not (normal_form.is_zero_exact(value - claimed) or normal_form.is_zero_simplify(value - claimed)):
        raise Rejected("check_limit", f"limit is {sp.sstr(value)[:80]}")
    return Proof("limit", ("gruntz",), tuple(assumptions), f"limit = {sp.sstr(value)[:80]}", _KEY)


def prove_corollary(cited: Mapping[str, Status], assumptions: Sequence[str], because: str) -> Proof:
    """Every cited claim of the run was PROVED; the step between them is the named fact."""
    missing = [name for name, status in cited.items() if status is not Status.PROVED]
    if not cited or missing:
        raise Rejected("check_corollary", f"cited claims not proved: {', '.join(missing) or 'none cited'}")
    return Proof(
        "corollary", ("citation",), tuple(dict.fromkeys(assumptions)), f"from {', '.join(cited)}: {because}", _KEY
    )


# ----------------------------------------------------------------------------- verdicts


def judge(
    proofs: Sequence[Proof | None], numeric: Sequence[str], at_counterexample: Proof | None = None
) -> tuple[Status, bool]:
    """The verdict, and whether the engine contradicted itself.

    proofs: one entry per dimension the claim must be proved for (None: not shown).
    numeric: one verdict per checked dimension: "pass", "fail" (confirmed in high
    precision) or "inconclusive". at_counterexample: a proof found at the very
    dimension where a counterexample was confirmed, if any. PROVED needs every proof
    and agreeing numerics; a proof contradicted by a confirmed counterexample at the
    same n is an engine inconsistency, which is UNKNOWN, never PROVED nor REFUTED.
    """
    if "fail" in numeric:
        if at_counterexample is not None:
            return Status.UNKNOWN, True
        return Status.REFUTED, False
    if "inconclusive" in numeric or not numeric:
        return Status.UNKNOWN, False
    if proofs and all(p is not None for p in proofs):
        return Status.PROVED, False
    return Status.CHECKED, False


def judge_corollary(proof: Proof | None) -> Status:
    """A corollary has no numerics of its own: it is PROVED through its citations, or UNKNOWN."""
    return Status.PROVED if proof is not None else Status.UNKNOWN
