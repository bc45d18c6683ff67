"""What must be shown for a claim at one n, computed from the claim itself (trusted base).

The kernel (:mod:`verifier.trusted.kernel`) calls these to compute, from an instantiated claim,
the expressions that have to vanish or be nonnegative: the residual lhs − rhs, the
derivative minus its claimed value (differentiation included), the gap of an inequality,
E[expr] − claimed by exact moments, a certificate's Gram residual, Sylvester's minors.
Strategies never hand the kernel a residual of their own making: a slip in a strategy
(a wrong Jacobian layout, a dropped entry) can then cost a proof, never forge one.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import sympy as sp
from sympy.matrices.utilities import dotprodsimp

from verifier.language import walk
from verifier.language.claims import PSD, Derivative, Expectation, Identity, Inequality
from verifier.language.distributions import Distribution
from verifier.language.text import clipped
from verifier.trusted.cases import NotShowable as NotShowable
from verifier.trusted.cases import cases as cases
from verifier.trusted.cases import has_cases as has_cases
from verifier.trusted.divisors import declared_sides, written_divisors
from verifier.trusted.instantiate import ClaimError, Instance, as_matrix


def jacobian_layout(body: Derivative) -> tuple[list[sp.Expr], list[sp.Symbol], sp.ImmutableMatrix]:
    """(f entries, wrt symbols, claimed as an n_out × n_in matrix), or ClaimError."""
    f, wrt, claimed = as_matrix(body.f), as_matrix(body.wrt), as_matrix(body.equals)
    variables = list(wrt)
    if not all(isinstance(v, sp.Symbol) for v in variables):
        raise ClaimError("wrt must be a symbol, or a vector or matrix of distinct symbols")
    n_in, n_out = len(variables), len(f)
    if body.order == 2:
        if n_out != 1 or wrt.cols != 1:
            raise ClaimError("a Hessian (order=2) needs a scalar f and a scalar or vector wrt")
        if claimed.shape != (n_in, n_in):
            raise ClaimError(f"Hessian must be {n_in}×{n_in}, got {claimed.rows}×{claimed.cols}")
        return list(f), variables, claimed
    if body.order != 1:
        raise ClaimError("order must be 1 or 2")
    if n_out == 1 and claimed.shape == wrt.shape:
        return list(f), variables, sp.ImmutableMatrix(1, n_in, list(claimed))
    if n_in == 1 and claimed.shape == f.shape:
        return list(f), variables, sp.ImmutableMatrix(n_out, 1, list(claimed))
    if f.cols == 1 and wrt.cols == 1 and claimed.shape == (n_out, n_in):
        return list(f), variables, claimed
    raise ClaimError(
        f"derivative layout: f is {f.rows}×{f.cols}, wrt is {wrt.rows}×{wrt.cols}, claimed is "
        f"{claimed.rows}×{claimed.cols}; a gradient has the shape of wrt, a Jacobian is outputs × inputs"
    )


def residual(inst: Instance) -> list[sp.Expr]:
    """Every entry of lhs − rhs (Identity) or of the derivative minus its claimed value (Derivative)."""
    body = inst.claim.body
    if isinstance(body, Identity):
        lhs, rhs = as_matrix(inst.symbolic(body.lhs)), as_matrix(inst.symbolic(body.rhs))
        return list(lhs - rhs)
    if isinstance(body, Derivative):
        return _derivative_residual(inst, body)
    raise NotShowable(f"no residual for a {body.kind} claim")


TIED_ENTRIES = (
    "two entries of the variable are one symbol (a symmetric matrix, or a repeated entry): the derivative is "
    "taken entry by entry, each entry free, and checked numerically"
)


def _derivative_residual(inst: Instance, body: Derivative) -> list[sp.Expr]:
    f, wrt, claimed = jacobian_layout(body)
    f = [inst.symbolic(e) for e in f]
    variables = [inst.to_symbolic.get(w, w) for w in wrt]
    if any(not isinstance(w, sp.Symbol) for w in variables):
        raise NotShowable("a variable is tied by its domain (symmetric/simplex); differentiate a free one")
    if len(set(variables)) < len(variables):  # X₂₁ is X₁₂ on a symmetric domain: ∂/∂X₁₂ would take both
        raise NotShowable(TIED_ENTRIES)
    claimed_sym = as_matrix(inst.symbolic(claimed))
    partial = Differentiator()
    if body.order == 2:
        gradient = [partial(f[0], w) for w in variables]
        got = sp.ImmutableMatrix(len(wrt), len(wrt), lambda i, j: partial(gradient[i], variables[j]))
    else:
        got = sp.ImmutableMatrix(len(f), len(wrt), lambda i, j: partial(f[i], variables[j]))
    return list(got - claimed_sym)


# one-argument functions whose derivative is f'(u)·u' with f' from sympy's own fdiff, for any u
_CHAIN_RULE = (
    sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh,
    sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh, sp.erf, sp.erfc,
)  # fmt: skip


class Differentiator:
    """∂expr/∂x by the sum, product, power and chain rules, sharing work across entries.

    Part of the trusted base, so deliberately small: the rules for each function come from
    sympy (``fdiff``), and anything outside Add, Mul, a power with an exponent free of x
    and the analytic one-argument functions above (Abs, Piecewise, arbitrary functions,
    powers with x in the exponent, ...) is left to ``sympy.diff``. Measured 7× faster than
    ``sympy.diff`` on the logistic Hessian at n = 8, because each distinct subexpression is
    differentiated once per variable and the results are built without Derivative objects.
    Whether x occurs is read from free symbols memoised per node (walk.free_symbols_of, exactly
    sympy's free_symbols), which sympy would compute again over the whole subtree at each node.
    A product's term whose factor's derivative is exactly 0 is left out rather than built and
    flattened to 0 (sympy's flattening then asks every other factor whether it is infinite: a fifth
    of the logistic Hessian's residual); with a literal infinity among the factors, where 0·∞ is nan,
    every term is built as before.
    """

    def __init__(self) -> None:
        self.memo: dict[tuple[sp.Basic, sp.Symbol], sp.Expr] = {}
        self.free: dict[sp.Basic, frozenset[sp.Basic]] = {}

    def __call__(self, expr: sp.Expr, x: sp.Symbol) -> sp.Expr:
        key = (expr, x)
        known = self.memo.get(key)
        if known is None:
            known = self._rule(expr, x)
            self.memo[key] = known
        return known

    def _rule(self, expr: sp.Expr, x: sp.Symbol) -> sp.Expr:
        if x not in walk.free_symbols_of(expr, self.free):
            return sp.S.Zero
        if expr == x:
            return sp.S.One
        if isinstance(expr, sp.Add):
            return sp.Add(*[self(a, x) for a in expr.args])
        if isinstance(expr, sp.Mul):
            args = expr.args
            terms = [(i, self(a, x)) for i, a in enumerate(args)]
            if any(a.is_Atom and a.is_finite is False for a in args):  # 0·∞ is nan: sympy's product, unskipped
                return sp.Add(*[sp.Mul(*args[:i], d, *args[i + 1 :]) for i, d in terms])
            return sp.Add(*[sp.Mul(*args[:i], d, *args[i + 1 :]) for i, d in terms if d is not sp.S.Zero])
        if isinstance(expr, sp.Pow) and x not in walk.free_symbols_of(expr.exp, self.free):
            base, exponent = expr.args
            return exponent * base ** (exponent - 1) * self(base, x)
        if isinstance(expr, _CHAIN_RULE) and len(expr.args) == 1:
            return expr.fdiff(1) * self(expr.args[0], x)
        return sp.diff(expr, x)


def sides(inst: Instance) -> list[sp.Expr]:
    """Every entry of the claim's sides as declared (lhs and rhs; f and its claimed derivative or expectation; a
    convex f; both relations of an implication), in the symbolic view: where the claim is defined is read from these
    too, since a pole on both sides cancels out of lhs − rhs (tan x + 1 = tan x + sin²x + cos²x)."""
    declared = [e for side in declared_sides(inst.claim.body) for e in as_matrix(inst.symbolic(side))]
    divisors = written_divisors(inst.claim)  # det(A)·A⁻¹ = adj A, A⁻¹A = I: det A cancelled, made explicit or built
    return declared + [inst.symbolic(sp.Pow(d, -1)) for side in divisors for d in side]


def inequality_gap(inst: Instance) -> tuple[sp.Expr, bool]:
    """(greater side − smaller side, strict)."""
    body = inst.claim.body
    if not isinstance(body, Inequality):
        raise NotShowable(f"no gap for a {body.kind} claim")
    lhs, rhs = (inst.symbolic(_scalar(side)) for side in (body.lhs, body.rhs))
    ordered(lhs, rhs)
    gap = rhs - lhs if body.op in ("<=", "<") else lhs - rhs
    return gap, body.op in ("<", ">")


def ordered(*sides: sp.Basic) -> None:
    """Raise NotShowable unless each side of an order relation is real as far as its numbers go: x² + i ≥ i has
    the gap x² ≥ 0, yet complex numbers have no order, and asin 2 or (−1)^{1/3} is as complex as i without an i
    in it. A side with i, or with a number sympy knows is not real, must be known real itself. (A root or a log
    of a variable's negative value is a definedness proviso.)"""
    for side in sides:
        if not (side.has(sp.I) or _complex_number_in(side)):
            continue
        if side.is_extended_real is not True and sp.expand(side).is_extended_real is not True:
            raise NotShowable(f"the side {clipped(side, 60)} holds a complex number and is not known to be real")


def _complex_number_in(side: sp.Basic) -> bool:
    """A part of side without a symbol that sympy knows is not real (asin 2, (−1)^{1/3}, log(−1))."""
    return any(
        isinstance(e, sp.Expr) and not e.is_Atom and not e.free_symbols and e.is_extended_real is False
        for e in sp.preorder_traversal(side)
    )


def squared_sides(inst: Instance) -> tuple[sp.Expr, bool, sp.Expr]:
    """(a² − b², strict, a) for the claim a ≥ b (or b ≤ a) with b real: a ≥ 0 and a² − b² ≥ 0
    (> 0 if strict) give a ≥ |b| ≥ b (a > |b| ≥ b), the rule for sides with √ or |·|."""
    body = inst.claim.body
    if not isinstance(body, Inequality):
        raise NotShowable(f"no sides for a {body.kind} claim")
    lhs, rhs = (inst.symbolic(_scalar(side)) for side in (body.lhs, body.rhs))
    a, b = (rhs, lhs) if body.op in ("<=", "<") else (lhs, rhs)
    if b.is_extended_real is not True and sp.expand(b).is_extended_real is not True:
        raise NotShowable(f"squared sides: the smaller side {clipped(b, 60)} is not known to be real")
    return a**2 - b**2, body.op in ("<", ">"), a


def _scalar(side: object) -> sp.Expr:
    return as_matrix(side)[0, 0] if isinstance(side, sp.MatrixBase) else sp.sympify(side)


def expectation_by_moments(expr: sp.Expr, noise: Mapping[sp.Symbol, Distribution]) -> sp.Expr:
    """E[expr] for independent noise, by linearity: each monomial Πδᵏ becomes ΠE[δᵏ]."""
    variables = list(noise)
    by_powers: dict[tuple[int, ...], list[sp.Expr]] = {}
    for term in sp.Add.make_args(sp.expand(expr)):
        powers, coeff = _noise_monomial(term, variables)
        by_powers.setdefault(powers, []).append(coeff)
    return sp.Add(
        *[
            sp.Add(*coeffs) * sp.Mul(*[noise[v].moment(k) for v, k in zip(variables, powers, strict=True) if k])
            for powers, coeffs in by_powers.items()
        ]
    )


def _noise_monomial(term: sp.Expr, variables: list[sp.Symbol]) -> tuple[tuple[int, ...], sp.Expr]:
    """A term of an expanded sum as (the powers k of the noise in it, its factor free of the noise);
    PolynomialError if the noise appears otherwise than as δᵏ, k ≥ 0 an integer (as sympy's Poly would)."""
    index = {v: i for i, v in enumerate(variables)}
    powers, rest = [0] * len(variables), []
    for factor in sp.Mul.make_args(term):
        base, k = factor.as_base_exp()
        if base in index and k.is_Integer and k >= 0:
            powers[index[base]] += int(k)
        elif factor.has(*variables):
            raise sp.PolynomialError(f"{factor} is not a power of a noise variable")
        else:
            rest.append(factor)
    return tuple(powers), sp.Mul(*rest)


def expectation_residual(inst: Instance) -> list[sp.Expr]:
    """E[expr] − claimed for every entry, with E from exact moments of independent noise."""
    body = inst.claim.body
    if not isinstance(body, Expectation):
        raise NotShowable(f"no expectation for a {body.kind} claim")
    noise = {inst.to_symbolic.get(v, v): d.map(inst.symbolic) for v, d in body.noise.items()}
    for var in noise:
        if any(var in p.free_symbols for d in noise.values() for p in d.params()):
            raise NotShowable(f"distribution parameters depend on {var}")
    exprs, claimed = as_matrix(body.expr), as_matrix(body.equals)
    try:
        return [
            expectation_by_moments(inst.symbolic(e), noise) - inst.symbolic(c)
            for e, c in zip(exprs, claimed, strict=True)
        ]
    except sp.PolynomialError:
        raise NotShowable("expression is not polynomial in the noise") from None


def psd_matrix(inst: Instance) -> sp.ImmutableMatrix:
    body = inst.claim.body
    if not isinstance(body, PSD):
        raise NotShowable(f"no matrix for a {body.kind} claim")
    h = as_matrix(inst.symbolic(body.matrix))
    if any(e.has(sp.I) or e.is_extended_real is False for e in h):  # [[1, i], [i, 1]]: minors 1, 1, 2; vᵀHv = 2 + 2i
        raise NotShowable("an entry is not real: Sylvester's criterion and sums of squares speak of real matrices")
    return h


def asymmetry(h: sp.MatrixBase) -> list[sp.Expr]:
    """Entries H[i, j] − H[j, i] for i > j: all zero exactly when H is symmetric."""
    return [h[i, j] - h[j, i] for i in range(h.rows) for j in range(i)]


def form_coefficients(form: sp.Expr, v: Sequence[sp.Symbol]) -> list[sp.Expr]:
    """The coefficient vector a of a linear form aᵀv; NotShowable if the form is not linear."""
    coeffs = [sp.diff(form, vi) for vi in v]
    if any(c.free_symbols & set(v) for c in coeffs):
        raise NotShowable(f"form {clipped(form, 60)} is not linear in v")
    if form.xreplace({vi: 0 for vi in v}) != 0:
        raise NotShowable(f"form {clipped(form, 60)} has a constant term")
    return coeffs


def certificate_parts(inst: Instance) -> tuple[list[sp.Symbol], list[sp.Expr], list[sp.Expr]]:
    """(v, weights, forms) of the claim's certificate, in the symbolic view."""
    body = inst.claim.body
    if not isinstance(body, PSD) or body.certificate is None:
        raise NotShowable("no certificate given")
    cert = body.certificate
    v = list(as_matrix(cert.v))
    return v, [inst.symbolic(w) for w in cert.weights], [inst.symbolic(f) for f in cert.forms]


def certificate_residual(
    h: sp.MatrixBase, v: Sequence[sp.Symbol], weights: Sequence[sp.Expr], forms: Sequence[sp.Expr]
) -> list[sp.Expr]:
    """Entries i <= j of (H + Hᵀ)/2 − Σ wₖ·aₖaₖᵀ, where formₖ = aₖᵀv.

    vᵀHv = Σ wₖ(aₖᵀv)² for every v exactly when these Gram entries all vanish.
    """
    if len(weights) != len(forms):
        raise NotShowable(f"{len(weights)} weights but {len(forms)} forms")
    if len(v) != h.rows:
        raise NotShowable(f"v has {len(v)} entries, the matrix is {h.rows}×{h.cols}")
    if any(w.free_symbols & set(v) for w in weights):
        raise NotShowable("a weight depends on v")
    return gram_residual(h, weights, [form_coefficients(f, v) for f in forms])


Squares = tuple[Sequence[sp.Expr], Sequence[Sequence[sp.Expr]]]  # weights wₖ, and what each one multiplies


def gram_residual(h: sp.MatrixBase, weights: Sequence[sp.Expr], rows: Sequence[Sequence[sp.Expr]]) -> list[sp.Expr]:
    """Entries i <= j of (H + Hᵀ)/2 − Σ wₖ·aₖaₖᵀ: all zero exactly when vᵀHv = Σ wₖ(aₖᵀv)² for every v."""
    n = h.rows
    if len(weights) != len(rows) or any(len(a) != n for a in rows):
        raise NotShowable(f"{len(weights)} weights for {len(rows)} rows of a {n}×{n} matrix")
    return [
        (h[i, j] + h[j, i]) / 2 - sp.Add(*[w * a[i] * a[j] for w, a in zip(weights, rows, strict=True)])
        for i in range(n)
        for j in range(i, n)
    ]


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
