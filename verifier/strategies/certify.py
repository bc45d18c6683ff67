"""Certificate search: propose sums of squares that the kernel then checks exactly.

A PSD matrix H, or the gap of an inequality, is shown nonnegative by writing it as
Σ wₖ·(square), with every weight wₖ ≥ 0. Finding such a decomposition is search, and
lives here, outside the trusted base; :func:`verifier.trusted.kernel.prove_psd_by_certificate`
and :func:`verifier.trusted.kernel.prove_inequality` recompute the identity and the signs
themselves. A wrong proposal costs a proof, never forges one.

Proposals, cheapest first:

* Gram structure: H = c·XᵀX or c·XXᵀ for a declared matrix X, so vᵀHv = c·‖Xv‖²;
* covariance on the simplex: H = diag(p) − ppᵀ for a declared p ∈ Δ, or for expressions p
  with Σp = 1 identically (softmax), so vᵀHv = Σ pᵢ(vᵢ − pᵀv)², which uses Σp = 1;
* symbolic LDLᵀ: Gaussian elimination with symmetric pivoting, H = Σ dₖ·ℓₖℓₖᵀ,
  whose pivots dₖ must then be shown ≥ 0 under the domains.

For an inequality whose gap is a quadratic form in some of the variables, the gap's matrix
goes through the same proposals. The variables tried: the entries of one declared symbol
(Cauchy–Schwarz is a form in y, with coefficients in x), the difference y − x of two
declared symbols of one shape (the first-order condition f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) of a
quadratic is a form in y − x), and all the symbols at once.

Everything here works in the symbolic view and hands the kernel expressions in the
claim's own symbols (:func:`user_view`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import sympy as sp

from verifier.language.domains import Simplex
from verifier.strategies.budget import WorkClock
from verifier.strategies.field import Field, Fraction
from verifier.trusted.decide.rational_zero import dag_nodes
from verifier.trusted.instantiate import Instance, as_matrix
from verifier.trusted.obligations import Squares

MAX_LDL = 8  # symbolic elimination beyond 8×8 grows too fast to be worth the budget


def user_view(inst: Instance, expr: sp.Expr) -> sp.Expr:
    """expr with the symbolic view's assumption-bearing symbols renamed back to the claim's own."""
    back = {assumed: plain for plain, assumed in inst.to_assumed.items()}
    return sp.sympify(expr).xreplace(back)


def psd_proposals(inst: Instance, h: sp.MatrixBase, clock: WorkClock) -> Iterator[tuple[str, Squares]]:
    """(name, (weights, rows)) candidates for vᵀHv = Σ wₖ(aₖᵀv)², cheapest first."""
    yield from _gram_structure(inst, h)
    yield from _covariance(inst, h)
    yield from _covariance_of_expressions(inst, h)
    if h.rows <= MAX_LDL and clock.left() > 0:
        found = ldl(h, clock)
        if found is not None:
            pivots, rows = found
            weights = [user_view(inst, d) for d in pivots]
            yield "LDLᵀ", (weights, [[user_view(inst, a) for a in row] for row in rows])


def _gram_structure(inst: Instance, h: sp.MatrixBase) -> Iterator[tuple[str, Squares]]:
    for g in inst.given:
        if not isinstance(g.target, sp.MatrixBase):
            continue
        x = as_matrix(g.target)
        for name, rows in (("XᵀX", x), ("XXᵀ", x.T)):
            gram = inst.symbolic(rows.T * rows)
            scale = _scale(h, gram) if gram.shape == h.shape else None
            if scale is not None:
                label = name.replace("X", g.label) if scale == 1 else f"{sp.sstr(scale)}·{name.replace('X', g.label)}"
                yield f"Gram {label}", ([user_view(inst, scale)] * rows.rows, rows.tolist())


def _scale(h: sp.MatrixBase, gram: sp.MatrixBase) -> sp.Expr | None:
    """c with H = c·G, read off the first nonzero diagonal entry of G; None if there is none."""
    i = next((i for i in range(gram.rows) if sp.expand(gram[i, i]) != 0), None)
    if i is None:
        return None
    c = sp.factor(sp.cancel(h[i, i] / gram[i, i]))
    return c if c != 0 and _same(h, c * gram) else None


def _covariance(inst: Instance, h: sp.MatrixBase) -> Iterator[tuple[str, Squares]]:
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


def _covariance_of_expressions(inst: Instance, h: sp.MatrixBase) -> Iterator[tuple[str, Squares]]:
    """H = diag(p) − ppᵀ for expressions p with Σp = 1 identically, such as p = softmax(x). Off the
    diagonal Hᵢⱼ = −pᵢpⱼ, so pᵢ² = −HᵢⱼHᵢₖ/Hⱼₖ for distinct i, j, k, and pᵢ = Hᵢᵢ + pᵢ²."""
    n = h.rows
    found = _exponentials_as_powers(list(h)) if n >= 3 and h.cols == n else None
    if found is None:
        return
    flat, back = found
    field = Field.over(flat)
    p = _probabilities(flat, n) if field is None else _probabilities_in_field(flat, n, field)
    if p is None:
        return
    q = [user_view(inst, pi.xreplace(back)) for pi in p]
    rows = [[(1 if j == i else 0) - q[j] for j in range(n)] for i in range(n)]
    yield "covariance of a probability vector", (q, rows)


def _probabilities(flat: list[sp.Expr], n: int) -> list[sp.Expr] | None:
    """p with A = diag(p) − ppᵀ and Σp = 1, read off A's entries by sympy's cancel; None if there is none."""
    a = sp.Matrix(n, n, flat)
    p = []
    for i in range(n):
        j, k = [m for m in range(n) if m != i][:2]
        if sp.cancel(a[j, k]) == 0:
            return None
        p.append(sp.cancel(a[i, i] - a[i, j] * a[i, k] / a[j, k]))
    cov = sp.diag(*p) - sp.Matrix(p) * sp.Matrix(p).T
    if sp.cancel(sp.Add(*p) - 1) != 0 or any(sp.cancel(x - y) != 0 for x, y in zip(a, cov, strict=True)):
        return None
    return p


def _probabilities_in_field(flat: list[sp.Expr], n: int, field: Field) -> list[sp.Expr] | None:
    """_probabilities in FLINT: the same decisions, and p spelt as cancel spells it."""
    a = [[field.read(flat[i * n + j]) for j in range(n)] for i in range(n)]
    p = []
    for i in range(n):
        j, k = [m for m in range(n) if m != i][:2]
        if a[j][k].is_zero():
            return None
        p.append(a[i][i] - a[i][j] * a[i][k] / a[j][k])
    total = p[0]
    for pi in p[1:]:
        total = total + pi
    one = field.constant(1)
    if not (total - one).is_zero():
        return None
    for i in range(n):
        for j in range(n):
            if not (a[i][j] - ((p[i] if i == j else field.constant(0)) - p[i] * p[j])).is_zero():
                return None
    return [field.cancel_form(pi) for pi in p]


def _exponentials_as_powers(exprs: list[sp.Expr]) -> tuple[list[sp.Expr], dict[sp.Symbol, sp.Expr]] | None:
    """exprs with each e^{k·m} (k an integer, m a symbol) written Eₘᵏ for a fresh positive Eₘ, so that
    cancel sees e^{2x} = (e^x)²; and the map back. None if another exponential occurs."""
    powers: dict[sp.Expr, sp.Expr] = {}
    base: dict[sp.Expr, sp.Symbol] = {}
    for e in dag_nodes(exprs, lambda x: isinstance(x, sp.exp)):  # never a set's order (strategies/budget.py)
        k, m = e.args[0].as_coeff_Mul()
        if not (k.is_Integer and isinstance(m, sp.Symbol)):
            return None
        powers[e] = base.setdefault(m, sp.Dummy(f"e_{m}", positive=True)) ** k
    back = {b: sp.exp(m) for m, b in base.items()}
    return [x.xreplace(powers) for x in exprs], back


def _same(a: sp.MatrixBase, b: sp.MatrixBase) -> bool:
    """A cheap filter (the kernel decides): every entry of a − b expands to 0 (in FLINT where every difference is a
    polynomial of plain symbols over QQ: there expand(d) == 0 is the same test as the polynomial's)."""
    differences = [x - y for x, y in zip(a, b, strict=True)]
    field = Field.over(differences, polynomials=True)
    if field is not None:
        return all(field.polynomial(d).is_zero() for d in differences)
    return all(sp.expand(d) == 0 for d in differences)


def ldl(h: sp.MatrixBase, clock: WorkClock) -> tuple[list[sp.Expr], list[list[sp.Expr]]] | None:
    """Pivots dₖ and unit rows ℓₖ with H = Σ dₖ·ℓₖℓₖᵀ, pivoting on the first nonzero diagonal
    entry left; None if a zero diagonal entry faces a nonzero row (then H is not PSD, or
    needs a certificate of another kind). In FLINT where H is a rational function of its symbols and
    exponentials, far faster: without an exponential, the same decisions and the same spelling as sympy's cancel
    and factor; with one, every zero cancel finds and some it misses, spelt as `field` says."""
    field = Field.over(list(h), exponentials=True)
    if field is None:
        return _eliminate(sp.Matrix((h + h.T) / 2).tolist(), clock, _Cancelled())
    half = field.constant(1) / field.constant(2)
    n = h.rows
    return _eliminate(
        [[(field.read(h[i, j]) + field.read(h[j, i])) * half for j in range(n)] for i in range(n)],
        clock,
        _InField(field),
    )


class _Cancelled:
    """ldl's arithmetic on sympy expressions, each result put through cancel."""

    def zero(self, x: sp.Expr) -> bool:
        return bool(sp.cancel(x) == 0)

    def pivot(self, x: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
        d = sp.factor(sp.cancel(x))
        return d, d

    def quotient(self, x: sp.Expr, d: sp.Expr) -> sp.Expr:
        return sp.cancel(x / d)

    def update(self, x: sp.Expr, y: sp.Expr, z: sp.Expr, d: sp.Expr) -> sp.Expr:
        return sp.cancel(x - y * z / d)


class _InField:
    """ldl's arithmetic in FLINT; the pivots and rows spelt as _Cancelled would spell them."""

    def __init__(self, field: Field) -> None:
        self.field = field

    def zero(self, x: Fraction) -> bool:
        return x.is_zero()

    def pivot(self, x: Fraction) -> tuple[Fraction, sp.Expr]:
        return x, self.field.factor_form(x)

    def quotient(self, x: Fraction, d: Fraction) -> sp.Expr:
        return self.field.cancel_form(x / d)

    def update(self, x: Fraction, y: Fraction, z: Fraction, d: Fraction) -> Fraction:
        return x - y * z / d


def _eliminate(
    a: list[list[Any]], clock: WorkClock, by: _Cancelled | _InField
) -> tuple[list[sp.Expr], list[list[sp.Expr]]] | None:
    """Symmetric Gaussian elimination on a (changed in place), pivoting on the first nonzero diagonal entry left.
    a is symmetric and stays so (the update of aⱼᵢ is the update of aᵢⱼ, term for term): each pair is updated once."""
    n = len(a)
    left = list(range(n))
    pivots: list[sp.Expr] = []
    rows: list[list[sp.Expr]] = []
    while left:
        if clock.left() <= 0:
            return None
        k = next((i for i in left if not by.zero(a[i][i])), None)
        if k is None:
            return (pivots, rows) if all(by.zero(a[i][j]) for i in left for j in left) else None
        d, spelt = by.pivot(a[k][k])
        rows.append([by.quotient(a[k][j], d) if j in left else sp.Integer(0) for j in range(n)])
        left.remove(k)
        for at, i in enumerate(left):
            for j in left[at:]:
                a[i][j] = a[j][i] = by.update(a[i][j], a[i][k], a[k][j], d)
        pivots.append(spelt)
    return pivots, rows


def square_proposals(inst: Instance, gap: sp.Expr, clock: WorkClock) -> Iterator[tuple[str, Squares]]:
    """gap = Σ wₖ·fₖ² when gap is a quadratic form zᵀMz in some variables z: each proposal
    for M gives the squares fₖ = aₖᵀz."""
    polynomial = _PolynomialGap(gap)
    for label, pairs in _variable_sets(inst, polynomial.symbols):
        if clock.left() <= 0:
            return
        if len(pairs) > MAX_LDL or not polynomial.quadratic_in({s for p in pairs for s in p if s.is_Symbol}):
            continue  # a form of more than MAX_LDL variables would be rejected after its costly Hessian
        form = polynomial.form(pairs)
        if form is None or form.rows > MAX_LDL:
            continue
        z = [y - x for y, x in pairs]
        for name, (weights, rows) in psd_proposals(inst, form, clock):
            forms = [
                [user_view(inst, sp.Add(*[inst.symbolic(a) * zi for a, zi in zip(row, z, strict=True)]))]
                for row in rows
            ]
            yield f"{name} of a quadratic form in {label}", (weights, forms)


class _PolynomialGap:
    """The gap's symbols, monomials and quadratic forms: in FLINT where the gap is a polynomial of plain symbols over
    QQ (the same answers, spelt the same, without sympy's expand), else from sympy's expand and Poly."""

    def __init__(self, gap: sp.Expr) -> None:
        self.field = Field.over([gap], polynomials=True)
        self.monomials: list[list[int]] | None
        if self.field is not None:
            self.poly = self.field.polynomial(gap)
            self.symbols = [s for s, d in zip(self.field.symbols, self.poly.degrees(), strict=False) if d]
            at = [self.field.symbols.index(s) for s in self.symbols]
            self.monomials = [[m[i] for i in at] for m in self.poly.monoms()]
        else:
            self.expanded = sp.expand(gap)
            self.symbols = sorted(self.expanded.free_symbols, key=str)
            self.monomials = _monomials(self.expanded, self.symbols)
        self.index = {s: i for i, s in enumerate(self.symbols)}

    def quadratic_in(self, variables: set[sp.Symbol]) -> bool:
        """A cheap necessary test, for a polynomial gap: is every monomial of degree 2 in these symbols?"""
        if self.monomials is None:
            return True
        at = [self.index[v] for v in variables if v in self.index]
        return bool(at) and all(sum(m[i] for i in at) == 2 for m in self.monomials)

    def form(self, pairs: Variables) -> sp.MatrixBase | None:
        """M with gap = uᵀMu after each y = x + u, if the gap is then a homogeneous quadratic in the u's."""
        if self.field is not None:
            return self.field.quadratic_form(self.poly, pairs)
        u = [sp.Dummy(f"u{i}") for i in range(len(pairs))]
        shifted = self.expanded.xreplace({y: x + ui for (y, x), ui in zip(pairs, u, strict=True)})
        return _quadratic_form(shifted, u)


def _monomials(expanded: sp.Expr, symbols: list[sp.Symbol]) -> list[list[int]] | None:
    try:
        return [list(m) for m in sp.Poly(expanded, *symbols).monoms()] if symbols else []
    except sp.PolynomialError:
        return None


Variables = list[tuple[sp.Symbol, sp.Expr]]  # z = (y − x for each pair): a symbol y, shifted by x (often 0)


def _variable_sets(inst: Instance, symbols: list[sp.Symbol]) -> Iterator[tuple[str, Variables]]:
    """(label, z): the entries of each declared symbol, the differences y − x of two declared
    symbols of one shape, then every symbol of the gap."""
    groups = [
        (g.label, list(dict.fromkeys(s for s in map(inst.to_symbolic.get, g.symbols()) if isinstance(s, sp.Symbol))))
        for g in inst.given
    ]
    groups = [(label, z) for label, z in groups if z]
    zero = sp.Integer(0)
    for label, z in groups:
        yield label, [(y, zero) for y in z]
    for (a, x), (b, y) in itertools.combinations(groups, 2):
        if len(x) == len(y):
            yield f"{b} − {a}", list(zip(y, x, strict=True))
    yield "all the variables", [(y, zero) for y in sorted(symbols, key=str)]


def _quadratic_form(gap: sp.Expr, variables: Sequence[sp.Symbol]) -> sp.MatrixBase | None:
    """M with gap = zᵀMz for z = variables, if gap is a homogeneous quadratic in them."""
    try:
        poly = sp.Poly(sp.expand(gap), *variables)
    except sp.PolynomialError:
        return None
    if poly.is_zero or not poly.is_homogeneous or poly.total_degree() != 2:
        return None
    return sp.ImmutableMatrix(sp.hessian(poly.as_expr(), variables) / 2)
