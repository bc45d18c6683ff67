"""Certificate search: propose sums of squares that the kernel then checks exactly.

A PSD matrix H, or the gap of an inequality, is shown nonnegative by writing it as
Σ wₖ·(square), with every weight wₖ ≥ 0. Finding such a decomposition is search, and
lives here, outside the trusted base; :func:`verifier.kernel.prove_psd_by_certificate`
and :func:`verifier.kernel.prove_inequality` recompute the identity and the signs
themselves. A wrong proposal costs a proof, never forges one.

Proposals, cheapest first:

* Gram structure: H = XᵀX or XXᵀ for a declared matrix X, so vᵀHv = ‖Xv‖²;
* covariance on the simplex: H = diag(p) − ppᵀ for a declared p ∈ Δ, so
  vᵀHv = Σ pᵢ(vᵢ − pᵀv)², which uses Σp = 1;
* symbolic LDLᵀ: Gaussian elimination with symmetric pivoting, H = Σ dₖ·ℓₖℓₖᵀ,
  whose pivots dₖ must then be shown ≥ 0 under the domains.

For an inequality whose gap is a quadratic form in some of the variables (Cauchy–Schwarz
is one in y, with coefficients in x), the gap's matrix goes through the same LDLᵀ.

Everything here works in the symbolic view and hands the kernel expressions in the
claim's own symbols (:func:`user_view`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sympy as sp

from verifier.budget import WorkClock
from verifier.domains import Simplex
from verifier.instantiate import Instance, as_matrix
from verifier.obligations import Squares

MAX_LDL = 8  # symbolic elimination beyond 8×8 grows too fast to be worth the budget


def user_view(inst: Instance, expr: sp.Expr) -> sp.Expr:
    """expr with the symbolic view's assumption-bearing symbols renamed back to the claim's own."""
    back = {assumed: plain for plain, assumed in inst.to_assumed.items()}
    return sp.sympify(expr).xreplace(back)


def psd_proposals(inst: Instance, h: sp.ImmutableMatrix, clock: WorkClock) -> Iterator[tuple[str, Squares]]:
    """(name, (weights, rows)) candidates for vᵀHv = Σ wₖ(aₖᵀv)², cheapest first."""
    yield from _gram_structure(inst, h)
    yield from _covariance(inst, h)
    if h.rows <= MAX_LDL and clock.left() > 0:
        found = ldl(h, clock)
        if found is not None:
            pivots, rows = found
            weights = [user_view(inst, d) for d in pivots]
            yield "LDLᵀ", (weights, [[user_view(inst, a) for a in row] for row in rows])


def _gram_structure(inst: Instance, h: sp.ImmutableMatrix) -> Iterator[tuple[str, Squares]]:
    for g in inst.given:
        if not isinstance(g.target, sp.MatrixBase):
            continue
        x = as_matrix(g.target)
        for name, rows in (("XᵀX", x), ("XXᵀ", x.T)):
            gram = rows.T * rows
            if gram.shape == h.shape and _same(h, inst.symbolic(gram)):
                yield f"Gram {name.replace('X', g.label)}", ([sp.Integer(1)] * rows.rows, rows.tolist())


def _covariance(inst: Instance, h: sp.ImmutableMatrix) -> Iterator[tuple[str, Squares]]:
    for g in inst.given:
        if not isinstance(g.domain, Simplex) or not isinstance(g.target, sp.MatrixBase):
            continue
        p = list(as_matrix(g.target))
        if len(p) != h.rows:
            continue
        cov = sp.diag(*p) - sp.Matrix(p) * sp.Matrix(p).T
        if _same(h, inst.symbolic(cov)):
            rows = [[(1 if j == i else 0) - p[j] for j in range(len(p))] for i in range(len(p))]
            yield f"covariance of {g.label} ∈ Δ", (p, rows)


def _same(a: sp.MatrixBase, b: sp.MatrixBase) -> bool:
    """A cheap filter (the kernel decides): every entry of a − b expands to 0."""
    return all(sp.expand(x - y) == 0 for x, y in zip(a, b, strict=True))


def ldl(h: sp.MatrixBase, clock: WorkClock) -> tuple[list[sp.Expr], list[list[sp.Expr]]] | None:
    """Pivots dₖ and unit rows ℓₖ with H = Σ dₖ·ℓₖℓₖᵀ, pivoting on the first nonzero diagonal
    entry left; None if a zero diagonal entry faces a nonzero row (then H is not PSD, or
    needs a certificate of another kind)."""
    n = h.rows
    a = sp.Matrix((h + h.T) / 2)
    left = list(range(n))
    pivots: list[sp.Expr] = []
    rows: list[list[sp.Expr]] = []
    while left:
        if clock.left() <= 0:
            return None
        k = next((i for i in left if sp.cancel(a[i, i]) != 0), None)
        if k is None:
            return (pivots, rows) if all(sp.cancel(a[i, j]) == 0 for i in left for j in left) else None
        d = sp.factor(sp.cancel(a[k, k]))
        row = [sp.cancel(a[k, j] / d) if j in left else sp.Integer(0) for j in range(n)]
        left.remove(k)
        for i in left:
            for j in left:
                a[i, j] = sp.cancel(a[i, j] - a[i, k] * a[k, j] / d)
        pivots.append(d)
        rows.append(row)
    return pivots, rows


def square_proposals(inst: Instance, gap: sp.Expr, clock: WorkClock) -> Iterator[tuple[str, Squares]]:
    """gap = Σ wₖ·fₖ² when gap is a quadratic form in the entries of one declared symbol (or in all)."""
    groups = [
        [s for s in (inst.to_symbolic.get(x) for x in g.symbols()) if isinstance(s, sp.Symbol)] for g in inst.given
    ]
    everything = sorted(gap.free_symbols, key=str)
    for variables in [*groups, everything]:
        if not variables or clock.left() <= 0:
            continue
        form = _quadratic_form(gap, variables)
        if form is None or form.rows > MAX_LDL:
            continue
        found = ldl(form, clock)
        if found is None:
            continue
        pivots, rows = found
        forms = [[user_view(inst, sp.Add(*[a * x for a, x in zip(row, variables, strict=True)]))] for row in rows]
        yield "LDLᵀ of a quadratic form", ([user_view(inst, d) for d in pivots], forms)


def _quadratic_form(gap: sp.Expr, variables: Sequence[sp.Symbol]) -> sp.ImmutableMatrix | None:
    """M with gap = zᵀMz for z = variables, if gap is a homogeneous quadratic in them."""
    try:
        poly = sp.Poly(sp.expand(gap), *variables)
    except sp.PolynomialError:
        return None
    if poly.is_zero or not poly.is_homogeneous or poly.total_degree() != 2:
        return None
    return sp.ImmutableMatrix(sp.hessian(gap, variables) / 2)
