"""sympy matrix expressions of symbolic size → Einstein forms, and their derivatives (trusted base).

Independent of sympy's matrix calculus: it reads the expression tree only, never calls
``diff`` on a matrix expression. The fragment: matrix symbols, sums, products, scalar
coefficients, transpose (a swap of letters), trace (a repeated letter), identity (δ),
zero and ones matrices, integer powers, Hadamard products and diag (a shared letter),
entries [i, j] of axes of size 1 and sympy's own index sums (Σ over a dummy). Opaque atoms,
each with its derivative rule: the inverse M⁻¹, det M, (det M)⁻¹ and log det M.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.matrices.expressions.matexpr import MatrixElement

from verifier.einsum.forms import (
    DELTA,
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

Form = list[Term]
Scope = dict[sp.Symbol, Letter]

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
}
RESERVED = ("(", ")", "⁻", "[", "]", "§", DELTA, "·", "*")


@dataclass(frozen=True)
class Atom:
    """An opaque factor: its kind (inv, det, det⁻¹, logdet), argument M and power k (log det Mᵏ)."""

    kind: str
    arg: sp.MatrixExpr
    power: int = 1


def _is_one(size: sp.Expr) -> bool:
    return bool(sp.sympify(size) == 1)


class Reader:
    """Reads expressions into forms with fresh letters, and records the rules it used."""

    def __init__(self) -> None:
        self.count = 0
        self.sizes: dict[Letter, sp.Expr] = {}
        self.rules: set[str] = set()
        self.symbols: dict[str, sp.MatrixSymbol] = {}

    def fresh(self, size: sp.Expr) -> Letter | None:
        """A new letter ranging over size; None for an axis of size 1 (which needs no letter)."""
        if _is_one(size):
            return None
        self.count += 1
        letter = f"_{self.count}"
        self.sizes[letter] = sp.sympify(size)
        return letter

    def axes(self, shape: tuple[sp.Expr, sp.Expr]) -> tuple[Letter | None, Letter | None]:
        return self.fresh(shape[0]), self.fresh(shape[1])

    def _sized(self, *letters: Letter | None) -> dict[Letter, sp.Expr]:
        return {x: self.sizes[x] for x in letters if x is not None}

    # ------------------------------------------------------------------ matrices

    def matrix(self, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
        """The entry (row, col) of the matrix expression e, as a form (each term knows both ranges)."""
        slots = self._sized(row, col)
        return [Term(t.coeff, t.factors, merge_sizes(t.sizes, slots)) for t in self._matrix(e, row, col)]

    def _matrix(self, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
        if not isinstance(e, sp.MatrixExpr) or isinstance(e, sp.MatrixBase):
            raise OutsideFragment(f"{type(e).__name__} {sp.sstr(e)[:60]} is not a matrix expression of symbolic size")
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
            entry = self.matrix(v, row, None) if _is_one(v.shape[1]) else self.matrix(v, None, row)
            return multiply(entry, [delta(row, col, e.rows)] if row and col else [Term(sp.S.One, (), {})])
        if isinstance(e, DiagonalOf):
            self.rules.add("hadamard")
            return self.matrix(e.arg, row, row)
        raise OutsideFragment(f"{type(e).__name__} ({sp.sstr(e)[:60]})")

    def _symbol(self, e: sp.MatrixSymbol, row: Letter | None, col: Letter | None) -> Term:
        known = self.symbols.setdefault(e.name, e)
        if known != e:
            raise OutsideFragment(f"two matrix symbols named {e.name} of shapes {known.shape} and {e.shape}")
        if any(mark in e.name for mark in RESERVED):
            raise OutsideFragment(f"matrix symbol name {e.name!r} (uses a reserved character)")
        letters = tuple(x for x in (row, col) if x is not None)
        return Term(sp.S.One, (Factor(e.name, letters),), self._sized(row, col))

    def _matmul(self, args: tuple[sp.Basic, ...], row: Letter | None, col: Letter | None) -> Form:
        scalars = [a for a in args if not getattr(a, "is_Matrix", False)]
        mats = [a for a in args if getattr(a, "is_Matrix", False)]
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

    # ------------------------------------------------------------------ scalars

    def scalar(self, e: sp.Basic, scope: Scope) -> Form:
        """A scalar expression; scope maps the dummies of enclosing sums to their letters."""
        if isinstance(e, sp.MatrixExpr):
            if not (_is_one(e.shape[0]) and _is_one(e.shape[1])):
                raise OutsideFragment(f"a {e.shape[0]}×{e.shape[1]} matrix used as a scalar")
            return self.matrix(e, None, None)
        if not isinstance(e, sp.Expr) or e.has(sp.Float):
            raise OutsideFragment(f"{sp.sstr(e)[:60]} (floats and non-expressions are not read)")
        if not e.has(sp.MatrixExpr, sp.MatrixSymbol, sp.Sum) and not (e.free_symbols & set(scope)):
            return [Term(e, (), {})]  # a coefficient: numbers and scalar symbols
        if isinstance(e, sp.Add):
            self.rules.add("sum")
            return [t for a in e.args for t in self.scalar(a, scope)]
        if isinstance(e, sp.Mul):
            return product(self.scalar(a, scope) for a in e.args)
        if isinstance(e, sp.Pow):
            return self._power(e, scope)
        if isinstance(e, sp.Trace):
            self.rules.add("trace")
            a = self.fresh(e.arg.shape[0])
            return self.matrix(e.arg, a, a)
        if isinstance(e, MatrixElement):
            return self._element(e, scope)
        if isinstance(e, sp.Sum):
            return self._sum(e, scope)
        if isinstance(e, sp.KroneckerDelta) and len(e.args) == 2 and all(i in scope for i in e.args):
            i, j = (scope[x] for x in e.args[:2])
            return [delta(i, j, self.sizes[i])]
        if isinstance(e, sp.Determinant):
            return self._determinant(e.arg)
        if isinstance(e, sp.log):
            return self._log(e.args[0])
        raise OutsideFragment(f"{type(e).__name__} ({sp.sstr(e)[:60]})")

    def _power(self, e: sp.Pow, scope: Scope) -> Form:
        base, k = e.args
        if not isinstance(k, sp.Integer):
            raise OutsideFragment(f"power {sp.sstr(k)} of {sp.sstr(base)[:40]} (only integer powers)")
        if k >= 0:
            self.rules.add("power")
            return product(self.scalar(base, scope) for _ in range(int(k)))
        if isinstance(base, sp.Determinant):
            return product([self._det(base.arg, "det⁻¹")] for _ in range(-int(k)))
        raise OutsideFragment(f"division by {sp.sstr(base)[:60]}")

    def _determinant(self, m: sp.MatrixExpr) -> Form:
        """det M as an atom; det Mᵏ = (det M)ᵏ for an integer power k ≥ 0."""
        power = m.args[1] if isinstance(m, sp.MatPow) and not isinstance(m, sp.Inverse) else None
        if isinstance(power, sp.Integer) and power >= 0:
            self.rules.add("det power")
            return product([self._det(m.args[0], "det")] for _ in range(int(power)))
        return [self._det(m, "det")]

    def _log(self, arg: sp.Expr) -> Form:
        power = 1
        if isinstance(arg, sp.Pow) and isinstance(arg.exp, sp.Integer) and arg.exp > 0:
            arg, power = arg.base, int(arg.exp)
        if not isinstance(arg, sp.Determinant):
            raise OutsideFragment(f"log of {sp.sstr(arg)[:60]} (only log det Mᵏ)")
        return [self._det(arg.arg, "logdet", power)]

    def _element(self, e: MatrixElement, scope: Scope) -> Form:
        m, i, j = e.args
        return self.matrix(m, self._index(i, m.shape[0], scope), self._index(j, m.shape[1], scope))

    def _index(self, i: sp.Expr, size: sp.Expr, scope: Scope) -> Letter | None:
        if i in scope:
            return scope[i]
        if i == 0 and _is_one(size):
            return None
        raise OutsideFragment(f"the fixed index {i} of an axis of size {size}")

    def _sum(self, e: sp.Sum, scope: Scope) -> Form:
        inner = dict(scope)
        for dummy, lo, hi in e.limits:
            letter = self.fresh(hi - lo + 1)
            if lo != 0 or letter is None or (hi.free_symbols & set(inner)):
                raise OutsideFragment(f"a sum over {dummy} from {lo} to {hi}")
            inner[dummy] = letter
        ranges = {inner[d]: self.sizes[inner[d]] for d, _, _ in e.limits}
        return [Term(t.coeff, t.factors, merge_sizes(t.sizes, ranges)) for t in self.scalar(e.function, inner)]

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
