"""sympy matrix expressions of symbolic size → Einstein forms, and their derivatives (trusted base).

Independent of sympy's matrix calculus: it reads the expression tree only, never calls
``diff`` on a matrix expression. The fragment: matrix symbols, sums, products, scalar
coefficients, transpose (a swap of letters), trace (a repeated letter), identity (δ),
zero and ones matrices, integer powers, Hadamard products and diag (a shared letter),
entries [i, j] of axes of size 1 and sympy's own index sums (Σ over a dummy). Opaque atoms,
each with its derivative rule: the inverse M⁻¹, det M, (det M)⁻¹ and log det M, and the
scalar function atoms of scalars.py (exp, log, tanh, …, and powers uᵏ with k < 0 or not an
integer) of any index expression u. An inverse next to its own argument in a product
cancels, M⁻¹M = MM⁻¹ = I, for a plain M (a matrix symbol or its transpose: invertible somewhere
at every size, so "wherever M⁻¹ is defined" is not empty); the inverse of a product or a sum
(XXᵀ, A − Aᵀ) is never cancelled, since it may be singular everywhere.

Elementwise functions are written as sympy applies them to a matrix expression:
``(X*w).applyfunc(sigma)`` with ``sigma = Lambda(t, 1/(1 + exp(-t)))`` (an
ElementwiseApplyFunction); its entry (i, j) is the scalar σ((Xw)ᵢⱼ), read with the atoms
above, so σ(Xw)ᵢ = (1 + exp(−Σⱼ Xᵢⱼwⱼ))⁻¹. Sums of entries are products with ones
(``OneMatrix(1, n) * v``), and a softmax is ``e / (OneMatrix(1, n) * e)[0, 0]`` with
``e = z.applyfunc(exp)``. ``exp(M)`` of a matrix M is sympy's matrix exponential, not read.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.matrices.expressions.hadamard import HadamardPower

from verifier.language.guards import is_plain_matrix
from verifier.language.text import clipped
from verifier.trusted.decide.einsum.forms import (
    DELTA,
    PLACEHOLDER,
    Applied,
    Factor,
    Letter,
    OutsideFragment,
    Term,
    canonical,
    delta,
    form_text,
    merge_sizes,
    multiply,
    product,
    scaled,
)
from verifier.trusted.decide.einsum.scalars import Form, ScalarReader, is_one

RULES = {
    "sum": "linearity",
    "product": "products contract a shared letter",
    "transpose": "transpose swaps letters",
    "trace": "trace repeats a letter",
    "identity": "I is δ; δ contracts; a closed δ loop is the dimension",
    "power": "integer powers are repeated products",
    "hadamard": "Hadamard products and diag share a letter",
    "derivative": "∂X_ab/∂X_pq = δ_ap·δ_bq, product rule",
    "inverse": "∂M⁻¹ = −M⁻¹·∂M·M⁻¹",
    "det": "∂det M = det M·tr(M⁻¹∂M)",
    "det⁻¹": "∂(det M)⁻¹ = −(det M)⁻¹·tr(M⁻¹∂M)",
    "logdet": "∂log det Mᵏ = k·tr(M⁻¹∂M)",
    "det power": "det Mᵏ = (det M)ᵏ",
    "cancel": "M⁻¹M = MM⁻¹ = I",
    "function": "∂f(u) = f′(u)·∂u for exp, log, tanh, … and elementwise f∘M",
    "power atom": "∂uᵏ = k·uᵏ⁻¹·∂u, uᵃ·uᵇ = uᵃ⁺ᵇ",
}
RESERVED = ("(", ")", "⁻", "[", "]", "§", DELTA, "·", "*", "⟨", "⟩")


@dataclass(frozen=True)
class Atom:
    """An opaque factor: its kind (inv, det, det⁻¹, logdet), argument M and power k (log det Mᵏ)."""

    kind: str
    arg: sp.MatrixExpr
    power: int = 1


def _cancelled(mats: list[sp.Basic]) -> list[sp.Basic]:
    """The factors of a product with every M⁻¹ next to its own argument M (on either side) removed."""
    for k, m in enumerate(mats):
        if not isinstance(m, sp.Inverse) or not is_plain_matrix(m.arg):
            continue  # (XXᵀ)⁻¹XXᵀ = I needs XXᵀ invertible, which no rule here shows: left as written
        inner = list(m.arg.args) if isinstance(m.arg, sp.MatMul) else [m.arg]
        if not all(getattr(a, "is_Matrix", False) for a in inner):
            continue
        r = len(inner)
        for lo, hi in ((k - r, k + 1), (k, k + 1 + r)):
            if lo >= 0 and [*mats[lo:k], *mats[k + 1 : hi]] == inner:
                return _cancelled([*mats[:lo], sp.Identity(m.rows), *mats[hi:]])
    return mats


class Reader(ScalarReader):
    """Reads expressions into forms with fresh letters, and records the rules it used."""

    # ------------------------------------------------------------------ matrices

    def matrix(self, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
        """The entry (row, col) of the matrix expression e, as a form (each term knows both ranges)."""
        slots = self._sized(row, col)
        return [Term(t.coeff, t.factors, merge_sizes(t.sizes, slots)) for t in self._matrix(e, row, col)]

    def _matrix(self, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
        if not isinstance(e, sp.MatrixExpr) or isinstance(e, sp.MatrixBase):
            raise OutsideFragment(f"{type(e).__name__} {clipped(e, 60)} is not a matrix expression of symbolic size")
        if isinstance(e, sp.MatrixSymbol):
            return [self._symbol(e, row, col)]
        if isinstance(e, sp.ZeroMatrix):
            return []
        if isinstance(e, sp.OneMatrix):
            return [Term(sp.S.One, (), self._sized(row, col))]
        if isinstance(e, sp.Identity):
            self.rules.add("identity")
            return [Term(sp.S.One, (), {})] if row is None or col is None else [delta(row, col, e.rows)]
        if isinstance(e, sp.Transpose):
            self.rules.add("transpose")
            return self.matrix(e.arg, col, row)
        if isinstance(e, sp.MatAdd):
            self.rules.add("sum")
            return [t for a in e.args for t in self.matrix(a, row, col)]
        if isinstance(e, sp.MatMul):
            return self._matmul(e.args, row, col)
        if isinstance(e, sp.Inverse):  # before MatPow, of which sympy makes it a subclass
            return self.inverse(e.arg, row, col)
        if isinstance(e, sp.MatPow):
            return self._matpow(e, row, col)
        if isinstance(e, sp.HadamardProduct):
            self.rules.add("hadamard")
            return product(self.matrix(a, row, col) for a in e.args)
        if isinstance(e, DiagMatrix):
            self.rules.add("hadamard")
            v = e.args[0]
            entry = self.matrix(v, row, None) if is_one(v.shape[1]) else self.matrix(v, None, row)
            return multiply(entry, [delta(row, col, e.rows)] if row and col else [Term(sp.S.One, (), {})])
        if isinstance(e, DiagonalOf):
            self.rules.add("hadamard")
            return self.matrix(e.arg, row, row)
        if isinstance(e, ElementwiseApplyFunction):
            return self._elementwise(e.function, e.expr, row, col)
        if isinstance(e, HadamardPower):
            self.rules.add("hadamard")
            return self._elementwise(sp.Lambda(PLACEHOLDER, PLACEHOLDER**e.exp), e.base, row, col)
        raise OutsideFragment(f"{type(e).__name__} ({clipped(e, 60)})")

    def _symbol(self, e: sp.MatrixSymbol, row: Letter | None, col: Letter | None) -> Term:
        known = self.symbols.setdefault(e.name, e)
        if known != e:
            raise OutsideFragment(f"two matrix symbols named {e.name} of shapes {known.shape} and {e.shape}")
        if any(mark in e.name for mark in RESERVED):
            raise OutsideFragment(f"matrix symbol name {e.name!r} (uses a reserved character)")
        letters = tuple(x for x in (row, col) if x is not None)
        return Term(sp.S.One, (Factor(e.name, letters),), self._sized(row, col))

    def _elementwise(self, fn: sp.Basic, m: sp.MatrixExpr, row: Letter | None, col: Letter | None) -> Form:
        """(f∘M)_{row,col} = f(M_{row,col}): the Lambda's body read with its variable standing for M's entry."""
        if not isinstance(fn, sp.Lambda) or len(fn.variables) != 1:
            raise OutsideFragment(f"an elementwise function {clipped(fn, 60)} (give a Lambda of one variable)")
        outer = {x: x for x in sorted((x for x in (row, col) if x is not None), key=lambda x: int(x[1:]))}
        return self.with_bound(fn.expr, fn.variables[0], (self.matrix(m, row, col), outer))

    def _matmul(self, args: tuple[sp.Basic, ...], row: Letter | None, col: Letter | None) -> Form:
        args = tuple(b for a in args for b in (a.args if isinstance(a, sp.MatMul) else (a,)))
        split = next((k for k, a in enumerate(args) if isinstance(a, sp.MatAdd)), None)
        if split is not None and any(a.has(sp.Inverse) for a in args):  # distribute, so that inverses may cancel
            self.rules.add("sum")
            return [t for a in args[split].args for t in self._matmul((*args[:split], a, *args[split + 1 :]), row, col)]
        scalars = [a for a in args if not getattr(a, "is_Matrix", False)]
        mats = _cancelled([a for a in args if getattr(a, "is_Matrix", False)])
        if len(mats) < len([a for a in args if getattr(a, "is_Matrix", False)]):
            self.rules.add("cancel")
        self.rules.add("product")
        inner = [self.fresh(m.shape[1]) for m in mats[:-1]]
        letters = [row, *inner, col]
        forms = [self.scalar(s, {}) for s in scalars]
        forms += [self.matrix(m, letters[k], letters[k + 1]) for k, m in enumerate(mats)]
        return product(forms)

    def _matpow(self, e: sp.MatPow, row: Letter | None, col: Letter | None) -> Form:
        base, k = e.args
        if not (isinstance(k, sp.Integer)):
            raise OutsideFragment(f"matrix power {sp.sstr(k)} (only integer powers)")
        self.rules.add("power")
        if k == 0:
            return self.matrix(sp.Identity(base.rows), row, col)
        if k < 0:
            base = sp.Inverse(base)
        return self._matmul((base,) * abs(int(k)), row, col)

    def inverse(self, m: sp.MatrixExpr, row: Letter | None, col: Letter | None) -> Form:
        """(M⁻¹)_{row,col} as one atom, named by M's canonical form; (Mᵀ)⁻¹ and (M⁻¹)ᵀ get the same name."""
        if isinstance(m, sp.Inverse):
            return self.matrix(m.arg, row, col)
        if row is None or col is None:
            raise OutsideFragment("the inverse of a 1×1 matrix")
        self.rules.add("inverse")
        name, flipped = self._oriented(m)
        if flipped:
            m, row, col = sp.Transpose(m), col, row
        symmetric = self._name(m) == self._name(sp.Transpose(m))
        factor = Factor(f"({name})⁻¹", (row, col), "atom", Atom("inv", m), symmetric)
        return [Term(sp.S.One, (factor,), self._sized(row, col))]

    def _name(self, m: sp.MatrixExpr) -> str:
        """M's canonical form as text, read by a separate reader (so no letters leak)."""
        sub = Reader()
        sub.symbols = self.symbols
        row, col = sub.axes(m.shape)
        text = form_text(canonical(sub.matrix(m, row, col), (row, col)))
        self.rules |= sub.rules
        return text

    def _oriented(self, m: sp.MatrixExpr) -> tuple[str, bool]:
        """The lesser of the names of M and Mᵀ, and whether it is Mᵀ's (det Mᵀ = det M, (Mᵀ)⁻¹ = (M⁻¹)ᵀ)."""
        a, b = self._name(m), self._name(sp.Transpose(m))
        return (b, True) if b < a else (a, False)

    def _det(self, m: sp.MatrixExpr, kind: str, power: int = 1) -> Term:
        name, flipped = self._oriented(m)
        arg = sp.Transpose(m) if flipped else m
        self.rules.add(kind)
        label = {"det": f"det({name})", "det⁻¹": f"(det({name}))⁻¹", "logdet": f"logdet{power}({name})"}[kind]
        return Term(sp.S.One, (Factor(label, (), "atom", Atom(kind, arg, power)),), {})

    # ------------------------------------------------------------------ determinants

    def _determinant(self, m: sp.MatrixExpr) -> Form:
        """det M as an atom; det Mᵏ = (det M)ᵏ for an integer power k ≥ 0."""
        power = m.args[1] if isinstance(m, sp.MatPow) and not isinstance(m, sp.Inverse) else None
        if isinstance(power, sp.Integer) and power >= 0:
            self.rules.add("det power")
            return product([self._det(m.args[0], "det")] for _ in range(int(power)))
        return [self._det(m, "det")]

    def _log_det(self, arg: sp.Expr) -> Form:
        power = 1
        if isinstance(arg, sp.Pow) and isinstance(arg.exp, sp.Integer) and arg.exp > 0:
            arg, power = arg.base, int(arg.exp)
        if not isinstance(arg, sp.Determinant):
            raise OutsideFragment(f"log of {clipped(arg, 60)} (only log det Mᵏ)")
        return [self._det(arg.arg, "logdet", power)]

    def _det_inverse(self, m: sp.MatrixExpr) -> Term:
        return self._det(m, "det⁻¹")

    # ------------------------------------------------------------------ derivatives

    def derivative(self, form: Form, x: sp.MatrixSymbol, p: Letter | None, q: Letter | None) -> Form:
        """∂(form)/∂x_{pq}: the product rule over the factors, each by its rule."""
        self.rules.add("derivative")
        out: Form = []
        for t in form:
            for k, f in enumerate(t.factors):
                rest = Term(t.coeff, t.factors[:k] + t.factors[k + 1 :], dict(t.sizes))
                out += multiply([rest], self._factor_derivative(f, x, p, q))
        return out

    def _factor_derivative(self, f: Factor, x: sp.MatrixSymbol, p: Letter | None, q: Letter | None) -> Form:
        if f.kind == "symbol":
            if f.name != x.name:
                return []
            slots = [s for s in (p, q) if s is not None]
            return product([delta(a, s, self.sizes[s])] for a, s in zip(f.letters, slots, strict=True))
        if f.kind == "delta":
            return []
        if isinstance(f.atom, Applied):
            return self.applied_derivative(f, self.derivative(self.argument(f), x, p, q))
        atom: Atom = f.atom
        m = atom.arg
        c, d = self.axes(m.shape)
        dm = self.derivative(self.matrix(m, c, d), x, p, q)
        if atom.kind == "inv":
            a, b = f.letters
            return scaled(product([self.inverse(m, a, c), dm, self.inverse(m, d, b)]), sp.S.NegativeOne)
        trace = multiply(self.inverse(m, d, c), dm)  # tr(M⁻¹ ∂M)
        if atom.kind == "det":
            return multiply([Term(sp.S.One, (f,), {})], trace)
        if atom.kind == "det⁻¹":
            return scaled(multiply([Term(sp.S.One, (f,), {})], trace), sp.S.NegativeOne)
        return scaled(trace, sp.Integer(atom.power))
