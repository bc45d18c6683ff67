"""A PSD claim in one scalar symbol, decided exactly where a principal minor is smallest.

diag(1, (3x − 1)² − 10⁻⁸) is not PSD near x = 1/3 alone, and [[2, x], [x, 1]] on [−r, r] with r the float
just above √2 only at its ends: no float sample lands there, and round-off hides a negative eigenvalue of
10⁻¹⁷. A matrix is PSD only if every principal minor is ≥ 0, PD only if every leading one is > 0 (Sylvester;
Horn and Johnson, Matrix Analysis, 7.2.5 and 7.6.12). So each such minor (of a matrix up to MAX_SIZE rows) is
handed to the inequality's critical-point search (critical.py): its critical points and the domain's closed
ends, solved exactly, the minor's sign decided there by arb or sympy. A minor < 0 (= 0 for PD) at a point
shown to lie in the domain is a counterexample decided exactly. This only refutes.
"""

from __future__ import annotations

import dataclasses
import itertools

import sympy as sp

from verifier.language.claims import PSD, Inequality
from verifier.language.text import clipped
from verifier.numeric.checks import critical
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.poles import _inside
from verifier.trusted.instantiate import Instance, as_matrix, instantiate

MAX_SIZE = 3  # 7 principal minors of a 3×3 matrix; larger matrices are left to the samples
MAX_MINOR_OPS = 60  # as the critical-point search's gap
MAX_WRITTEN_OPS = 400  # a minor as the sum over permutations, before it is expanded


def probe(inst: Instance, body: PSD) -> Finding:
    """A point of the domain where a principal minor says the matrix is not PSD (PD), decided exactly."""
    if len(inst.symbols) != 1 or len(inst.given) != 1 or not isinstance(inst.given[0].target, sp.Symbol):
        return Finding()
    h = as_matrix(body.matrix)
    if h.rows > MAX_SIZE or h.rows != h.cols:
        return Finding()
    op = ">" if body.strict else ">="
    for rows in _minors(h.rows, body.strict):
        written = _determinant(h.extract(list(rows), list(rows)))
        if sp.count_ops(written) > MAX_WRITTEN_OPS:
            continue
        minor = sp.expand(written)
        if not minor.free_symbols <= set(inst.symbols) or sp.count_ops(minor) > MAX_MINOR_OPS:
            continue
        found = _negative_at(inst, minor, op) if minor.free_symbols else _constant(inst, minor, op)
        if found.counterexample is not None:
            return _worded(found, rows, body.strict)
    return Finding()


def _determinant(m: sp.MatrixBase) -> sp.Expr:
    """det m as the sum over permutations (m has at most MAX_SIZE rows), with no simplification: sympy's det
    cancels as it eliminates, and never ended on [[s₁ + s₂, s₂], [s₂, s₂ + s₃]] with sᵢ = σ(it)(1 − σ(it))."""
    n = m.rows
    terms = []
    for perm in itertools.permutations(range(n)):
        inversions = sum(1 for i, j in itertools.combinations(range(n), 2) if perm[i] > perm[j])
        terms.append((-1) ** inversions * sp.Mul(*[m[i, perm[i]] for i in range(n)]))
    return sp.Add(*terms)


def _minors(n: int, strict: bool) -> list[tuple[int, ...]]:
    """The rows of the leading principal minors (PD), or of every principal minor (PSD), smallest first."""
    if strict:
        return [tuple(range(k)) for k in range(1, n + 1)]
    return [rows for k in range(1, n + 1) for rows in itertools.combinations(range(n), k)]


def _negative_at(inst: Instance, minor: sp.Expr, op: str) -> Finding:
    """The inequality minor ≥ 0 (> 0) on the claim's domain, searched at its critical points and ends."""
    given = inst.given[0]
    statement = Inequality(minor, op, 0, where={given.target: given.domain})
    try:
        probed = instantiate(dataclasses.replace(inst.claim, body=statement))
    except (TypeError, ValueError):
        return Finding()
    return critical.probe(probed, sp.S.Zero, minor, op == ">", op)


def _constant(inst: Instance, minor: sp.Expr, op: str) -> Finding:
    """A minor that is the same number everywhere (det [[eˣ, 1], [1, e⁻ˣ]] = 0): its sign decided by sympy, shown
    at a simple point of the domain."""
    wrong = minor.is_negative or (op == ">" and minor.is_zero)
    given = inst.given[0]
    point = next((p for p in (*map(sp.Integer, (0, 1, -1, 2)), sp.Rational(1, 2)) if _inside(given, p)), None)
    if not wrong or point is None:
        return Finding()
    return critical.finding(inst.claim.n, given, point, sp.sstr(minor), op)


def _worded(found: Finding, rows: tuple[int, ...], strict: bool) -> Finding:
    """The finding, said of the minor: which rows, its value there, and what it must be."""
    cx = found.counterexample
    assert cx is not None and found.exact is not None
    named = ("row " if len(rows) == 1 else "rows ") + ", ".join(str(r + 1) for r in rows)
    value = cx.observed[1:] if cx.observed.startswith("-") else f"-{cx.observed}"  # observed: 0 − minor
    must = "> 0" if strict else "≥ 0"
    kind = "positive definite" if strict else "positive semidefinite"
    (point,) = found.exact.values()
    said = (
        f"the principal minor of {named} is {value} at {next(iter(cx.values))} = {clipped(point, 60)}, a point "
        f"found exactly (where the minor is smallest, or an end of the domain); a {kind} matrix needs it {must}"
    )
    relation = f"minor of {named} {must}"
    return dataclasses.replace(
        found, reason=said, counterexample=dataclasses.replace(cx, observed=value, relation=relation, claimed="")
    )
