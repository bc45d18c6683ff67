"""Matrix symbols, written as on paper, become explicit matrices of plain symbols.

A claim may use sympy's matrix expressions (``X = MatrixSymbol("X", n, n)``,
``X.inv().T``, ``det(X)``, ``trace(A * X)``) at the concrete n its builder receives.
Before anything else sees the claim, every matrix symbol is replaced by the matrix of
its entries (``X11, X12, …``, the same names :func:`verifier.language.mathlib.matrix` uses) and
the expressions are evaluated entry by entry; inverses by Cramer's rule, adj(X)/det X.

This is deliberate: sympy's own matrix calculus is not trusted. sympy 1.14 gives 0 for
∂ log det X / ∂X and leaves ∂ det X / ∂X unevaluated; entrywise differentiation of the
explicit matrix gives X⁻ᵀ and det(X) X⁻ᵀ. A Derivative written unevaluated
(``sp.Derivative(f, X)``) is also taken entry by entry. A derivative the user evaluated
with ``sp.diff`` before building the claim is part of what they claim, and is checked
like any other expression.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Protocol, Self, TypeVar

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.exceptions import NonInvertibleMatrixError
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.tensor.array import NDimArray

from verifier.language import finite_sums, inverses, mathlib, walk


class Walkable(Protocol):
    """A statement, as claims.MathData walks it (lowering sits below claims in the import order)."""

    def parts(self, *, with_where: bool = False) -> list[Any]: ...

    def map_parts(self, fn: Callable[[Any], Any], *, with_where: bool = False) -> Self: ...


W = TypeVar("W", bound=Walkable)


class LoweringError(ValueError):
    """A matrix symbol that cannot be made explicit; the message says what to change."""


class _Singular(LoweringError):
    """An inverse of a matrix that is singular at every point: the message names it once it is known."""


def lower(statement: W) -> W:
    """The statement with every matrix symbol replaced by its explicit matrix."""
    parts = statement.parts(with_where=True)
    found = walk.instances(parts, (sp.MatrixSymbol, sp.Derivative, sp.Sum, sp.Product, *CONSTANT_MATRICES))
    if any(isinstance(e, sp.Sum | sp.Product) for e in found):
        try:
            statement = statement.map_parts(finite_sums.written_out, with_where=True)
        except finite_sums.SumError as err:
            raise LoweringError(str(err)) from None
        parts = statement.parts(with_where=True)
        found = walk.instances(parts, (sp.MatrixSymbol, sp.Derivative, *CONSTANT_MATRICES))
    symbols = [m for m in found if isinstance(m, sp.MatrixSymbol | sp.Identity | sp.ZeroMatrix | sp.OneMatrix)]
    if not any(map(_is_matrix_expression, parts)) and not symbols:
        if any(_concrete(d) for d in found if isinstance(d, sp.Derivative)):
            return statement.map_parts(_evaluate_derivatives)
        return statement  # the common case, decided by one walk over the distinct subexpressions
    table = {m: _explicit(m) for m in sorted(symbols, key=str)}
    _check_names(parts, table)
    return statement.map_parts(lambda part: _lower_expr(part, table), with_where=True)


CONSTANT_MATRICES = (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)  # written out like matrix symbols


def written_divisors(expr: Any, invertible: Collection[sp.Basic] = ()) -> list[sp.Expr]:
    """Each divisor a side in matrix notation is written with, made explicit on its own: the determinant of each
    inverted matrix (A⁻¹ is adj(A)/det A) and each scalar denominator that holds a matrix's entry. The side made
    explicit as a whole can lose one: det(A)·A⁻¹ becomes adj A once sympy's product cancels det(A)/det(A), and
    det(A)·(A⁻¹)₁₁ becomes A₂₂, though both are undefined at every singular A (red team 111). Where the side is
    defined is read from these too. Empty for a side with no matrix symbol. invertible: the matrix symbols declared
    on a domain of invertible matrices, whose inverses (and those of their products, transposes and powers) need
    no divisor; (A + 2I)⁻¹ does, A = −2I being invertible."""
    if not isinstance(expr, sp.Basic) or not walk.has_instance([expr], sp.MatrixSymbol):
        return []
    divisors: list[tuple[sp.Basic, sp.Basic]] = []  # (divisor, where it is evaluated)
    for node, guard in _guarded_nodes(expr):
        if isinstance(node, sp.Inverse) or (isinstance(node, sp.MatPow) and node.exp.is_negative):
            if not _surely_invertible(node.args[0], invertible):
                divisors.append((sp.Determinant(node.args[0]), guard))
        elif isinstance(node, sp.Pow) and node.exp.is_negative and walk.has_instance([node.base], sp.MatrixSymbol):
            divisors.append((node.base, guard))
        elif isinstance(node, _ELEMENTWISE) and walk.has_instance([node], sp.MatrixSymbol):
            divisors.append((node, guard))  # A ∘ A^{∘−1}: each entry's denominators, read below
    parts = [part for pair in divisors for part in pair]
    symbols = sorted(walk.instances(parts, (sp.MatrixSymbol, *CONSTANT_MATRICES)), key=str)
    table = {m: _explicit(m) for m in symbols}  # A + 2I: the identity written out too
    nonzero = {sp.expand(_determinant(m, table)) for m in symbols if m in invertible}
    explicit = [
        (d, _lower_expr(g, table))
        for written, g in dict.fromkeys(divisors)
        for d in _denominators(written, _explicit_divisor(written, table))
    ]
    return [  # (A⁻¹)₁₁'s det A, for an invertible A: not 0; a divisor in a Piecewise's branch: only where taken
        d if g is sp.true else sp.Piecewise((d, g), (1, True))
        for d, g in dict.fromkeys(explicit)
        if sp.expand(d) not in nonzero
    ]


def _explicit_divisor(written: sp.Basic, table: Mapping[sp.MatrixSymbol, sp.ImmutableMatrix]) -> Any:
    if isinstance(written, sp.Determinant):
        return _determinant(written.arg, table)
    return _lower_expr(written, table)


def _determinant(m: sp.Basic, table: Mapping[sp.MatrixSymbol, sp.ImmutableMatrix]) -> sp.Expr:
    """det m, made explicit as a polynomial in the entries (Berkowitz, no division: sympy's default elimination
    cancels a rational function at each step, 50 s for det(A + 2I) at 5×5, against 0.6 s)."""
    explicit = _lower_expr(m, table)
    if isinstance(explicit, sp.MatrixBase):
        return sp.ImmutableMatrix(explicit).det(method="berkowitz")
    return _lower_expr(sp.Determinant(m), table)


_ELEMENTWISE = (sp.HadamardPower, ElementwiseApplyFunction)  # a function applied entry by entry: 1/x, A^{∘−1}


def _denominators(written: sp.Basic, explicit: Any) -> list[sp.Expr]:
    """The divisors a written divisor stands for: itself, or for an elementwise function, each entry's."""
    if not isinstance(written, _ELEMENTWISE):
        return [explicit]
    entries = explicit if isinstance(explicit, sp.MatrixBase) else [explicit]
    return [n.base for n in walk.nodes(entries) if isinstance(n, sp.Pow) and n.exp.is_negative]


def _guarded_nodes(expr: sp.Basic) -> list[tuple[sp.Basic, sp.Basic]]:
    """Each node of expr with the condition where it is evaluated: a Piecewise's branch only where its condition
    holds and no earlier one does (Piecewise((det(A)·(A⁻¹)₁₁, det A ≠ 0), (A₂₂, True)) is defined at A = 0)."""
    seen: dict[tuple[sp.Basic, sp.Basic], None] = {}
    stack: list[tuple[sp.Basic, sp.Basic]] = [(expr, sp.true)]
    while stack:
        node, guard = stack.pop()
        if (node, guard) in seen:
            continue
        seen[node, guard] = None
        if isinstance(node, sp.Piecewise):
            earlier: list[sp.Basic] = []
            for value, cond in node.args:
                stack.append((cond, sp.And(guard, *earlier)))
                stack.append((value, sp.And(guard, cond, *earlier)))
                earlier.append(sp.Not(cond))
        else:
            stack.extend((a, guard) for a in node.args if isinstance(a, sp.Basic))
    return list(seen)


def _surely_invertible(m: sp.Basic, invertible: Collection[sp.Basic]) -> bool:
    """m is a declared invertible matrix (or XᵀX, declared so), the identity, or a transpose, inverse, integer power
    or product of such."""
    if m in invertible:
        return True
    if isinstance(m, sp.MatrixSymbol | sp.Identity):
        return m in invertible or isinstance(m, sp.Identity)
    if isinstance(m, sp.Transpose | sp.Inverse):
        return _surely_invertible(m.arg, invertible)
    if isinstance(m, sp.MatPow):
        return m.exp.is_integer is True and _surely_invertible(m.base, invertible)
    if isinstance(m, sp.MatMul):
        scalars = [a for a in m.args if not isinstance(a, sp.MatrixExpr)]
        matrices = [a for a in m.args if isinstance(a, sp.MatrixExpr)]
        return all(c.is_nonzero is True for c in scalars) and all(_surely_invertible(a, invertible) for a in matrices)
    return False


def _takes_derivative(*parts: Any) -> bool:
    return any(map(_concrete, walk.instances(parts, sp.Derivative)))


def _concrete(d: sp.Derivative) -> bool:
    """A derivative of a known function. One of an undefined f(u, v) stays unevaluated: sympy's
    doit would sort mixed partials into its canonical order and prove Schwarz by fiat."""
    return not d.expr.atoms(AppliedUndef)


def _evaluate_derivatives(part: Any) -> Any:
    """A derivative written unevaluated, sp.Derivative(x**2, x), taken (a line of a derivation
    often is one)."""
    if not _takes_derivative(part):
        return part
    return part.replace(lambda e: isinstance(e, sp.Derivative) and _concrete(e), lambda d: d.doit())


def _is_matrix_expression(obj: object) -> bool:
    """ZeroMatrix, Identity, a product of matrix symbols...; not an explicit matrix, which
    sympy also counts as a MatrixExpr and which is left exactly as written."""
    return isinstance(obj, sp.MatrixExpr) and not isinstance(obj, sp.MatrixBase)


def _explicit(m: sp.MatrixSymbol | sp.Identity | sp.ZeroMatrix | sp.OneMatrix) -> sp.ImmutableMatrix:
    rows, cols = m.shape
    if not isinstance(m, sp.MatrixSymbol) and rows.is_Integer and cols.is_Integer:
        return sp.ImmutableMatrix(m.as_explicit())  # I, 0 or 1 at a concrete size: its entries
    if not isinstance(m, sp.MatrixSymbol):
        raise LoweringError(
            f"the constant matrix {m} has the symbolic shape {rows}×{cols}; build it with the n the claim's "
            f"builder receives, e.g. Identity(n) inside def claim(n)"
        )
    if not (isinstance(rows, sp.Integer) and isinstance(cols, sp.Integer)):
        raise LoweringError(
            f"matrix symbol {m.name} has the symbolic shape {rows}×{cols}; build it with the n "
            f"the claim's builder receives, e.g. MatrixSymbol({m.name!r}, n, n) inside def claim(n)"
        )
    if int(cols) == 1:
        return sp.ImmutableMatrix(mathlib.vector(m.name, int(rows)))
    return sp.ImmutableMatrix(mathlib.matrix(m.name, int(rows), int(cols)))


def _check_names(parts: list[Any], table: Mapping[sp.MatrixSymbol, sp.ImmutableMatrix]) -> None:
    basic = [part for part in parts if isinstance(part, sp.Basic)]
    taken = {s.name: "another symbol" for s in walk.free_symbols(basic)}
    for m, explicit in table.items():
        if not isinstance(m, sp.MatrixSymbol):
            continue  # I, 0 and 1 have numbers for entries, not names
        for entry in map(str, explicit):
            if entry in taken:
                raise LoweringError(
                    f"an entry of matrix symbol {m.name} would be named {entry}, which {taken[entry]} "
                    "of the claim already uses; rename one of them"
                )
        taken.update(dict.fromkeys(map(str, explicit), f"matrix symbol {m.name}"))


def _cramer(expr: sp.Basic) -> sp.Basic:
    """Inverses as adj(M)/det(M): one fraction per entry, which the normalisers handle well
    (Gaussian elimination would nest fractions)."""

    def explicit_inverse(inv: sp.Inverse) -> sp.ImmutableMatrix:
        m = sp.Matrix(_cramer(inv.arg).doit())
        try:
            return sp.ImmutableMatrix(_adjugate_over_det(m))
        except NonInvertibleMatrixError:
            raise _Singular(
                f"{{inverse}} is undefined everywhere: at size {m.rows}×{m.cols} its determinant is "
                "identically 0 (the matrix is singular at every point), so the claim holds nowhere; drop the "
                "inverse, or state the claim for a matrix that is invertible (a tall X of full column rank "
                "for XᵀX, a ridge term XᵀX + λI with λ > 0)"
            ) from None

    return expr.replace(lambda e: isinstance(e, sp.Inverse), explicit_inverse)


def _adjugate_over_det(m: sp.Matrix) -> sp.Matrix:
    """sympy's inv(method="ADJ"), adj(M)/det(M), without its costly test that det(M) is not zero
    (Expr.equals, a numeric search with nsimplify: 60 of 380 s over five library files) where an
    exact one is at hand (inverses.adjugate_over_det). Otherwise sympy decides, and refuses a singular
    matrix, as before."""
    written = inverses.adjugate_over_det(m)
    return written if written is not None else m.inv(method="ADJ")


def _lower_expr(expr: sp.Basic | sp.MatrixBase, table: Mapping[sp.MatrixSymbol, sp.ImmutableMatrix]) -> Any:
    if isinstance(expr, sp.MatrixSymbol) and expr in table:
        return table[expr]
    if not walk.has_instance([expr], (sp.MatrixSymbol, *CONSTANT_MATRICES)) and not _is_matrix_expression(expr):
        return expr
    try:
        value = _cramer(expr.xreplace(dict(table))).doit()
    except _Singular as err:
        shown = " or ".join(sorted(f"({sp.sstr(i.arg)})⁻¹" for i in expr.atoms(sp.Inverse))) or "an inverse"
        raise LoweringError(str(err).replace("{inverse}", shown)) from None
    if isinstance(value, NDimArray):
        if value.rank() != 2:
            raise LoweringError(f"a derivative of rank {value.rank()} (an array); state it as a matrix")
        return sp.ImmutableMatrix(value.tomatrix())
    if isinstance(value, sp.MatrixBase | sp.MatrixExpr):
        return sp.ImmutableMatrix(sp.Matrix(value))
    return value
