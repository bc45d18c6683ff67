"""The numerical side of the sum-of-squares search: a Gram SDP solved by Clarabel, and facial reduction.

The SDP asks for Gram matrices Q_b ⪰ 0 whose coefficients match the target (sos_exact.GramProblem),
with a zero objective: an interior-point method then ends near the analytic centre of the
feasible set, of maximal rank, which is what exact rounding needs. When the target has real
zeros every feasible Q is singular (Q·z(x₀) = 0 at a zero x₀), and rounding lands just outside
the PSD cone. Facial reduction: read the numerical kernel of Q, round a basis of it to small
rationals (reduced row echelon form), and restrict the basis to the exact complement, z′ = N·z,
so that the next solve has a strictly feasible Gram matrix Q′ with Q = NᵀQ′N.

Clarabel is a dependency; an environment may still lack it, and :func:`available` says whether it is there.
Everything here is search, outside the trusted base.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from verifier.strategies.budget import first_use
from verifier.strategies.sos.exact import Block, GramProblem, Monomial, Poly

INSTALL_HINT = "sum-of-squares search needs clarabel, a dependency missing here: pip install clarabel"
MAX_ITER = 200
KERNEL_GAP = 1e-6  # an eigenvalue below this times the largest is taken as zero
MAX_DENOMINATOR = 64  # for the rational basis of a numerical kernel


def available() -> bool:
    return importlib.util.find_spec("clarabel") is not None


FEASIBLE = ("Solved", "AlmostSolved")  # the statuses of a problem Clarabel found a point of


@dataclass(frozen=True)
class Solution:
    status: str  # Clarabel's status, e.g. "Solved", "PrimalInfeasible"
    values: list[float]  # the Gram entries (block, i ≤ j), unscaled

    @property
    def feasible(self) -> bool:
        return self.status in FEASIBLE


def _solver() -> tuple[Any, Any]:
    """Clarabel and scipy.sparse, imported on the first solve (outside the claim's budget), with scipy.linalg,
    whose LAPACK Clarabel's first solve loads (it used to, metered: a heartbeat or two of the claim's work)."""
    clarabel, sparse, _ = first_use("clarabel", "scipy.sparse", "scipy.linalg")
    return clarabel, sparse


def solve(problem: GramProblem, contributions: list[Poly]) -> Solution:
    """Q_b ⪰ 0 with Σ Q_k·contribution_k = target, numerically (Clarabel, one thread, no time limit)."""
    clarabel, sparse = _solver()
    entries = problem.entries()
    monomials = problem.monomials(contributions)
    row = {m: r for r, m in enumerate(monomials)}
    scale = np.array([1.0 if i == j else np.sqrt(2.0) for _, i, j in entries])  # Clarabel's svec scaling
    rows, cols, vals = [], [], []
    for k, poly in enumerate(contributions):
        for m, c in poly.items():
            rows.append(row[m])
            cols.append(k)
            vals.append(float(c) / scale[k])
    n = len(entries)
    equality = sparse.csr_matrix((vals, (rows, cols)), shape=(len(monomials), n))
    target = np.array([float(problem.target.get(mono, 0)) for mono in monomials])
    if any(len(z) > 1 for blk in problem.blocks for z in blk.basis):  # a reduced basis: drop dependent rows
        keep = independent_rows(equality.toarray())
        equality, target = equality[keep], target[keep]
    a = sparse.vstack([equality, -sparse.identity(n)]).tocsc()
    b = np.concatenate([target, np.zeros(n)])
    cones = [clarabel.ZeroConeT(len(target)), *[clarabel.PSDTriangleConeT(len(blk.basis)) for blk in problem.blocks]]
    status, x = _feasible(a, b, cones)
    return Solution(status, list(np.asarray(x) / scale) if x is not None else [])


def _feasible(a: Any, b: np.ndarray, cones: list[Any]) -> tuple[str, Any]:
    """Some x with b − a·x in the cones (Clarabel, one thread, no objective): the solver's status and x, or
    ("failed (…)", None) where Clarabel's Rust code panicked (pyo3's PanicException)."""
    clarabel, sparse = _solver()
    n = a.shape[1]
    settings = clarabel.DefaultSettings()
    settings.verbose, settings.max_iter, settings.max_threads = False, MAX_ITER, 1
    settings.tol_gap_abs = settings.tol_gap_rel = settings.tol_feas = 1e-10
    try:
        result = clarabel.DefaultSolver(sparse.csc_matrix((n, n)), np.zeros(n), a, b, cones, settings).solve()
    except BaseException as err:
        if type(err).__name__ != "PanicException":
            raise
        return f"failed ({str(err)[:60]})", None
    return str(result.status), result.x


def nonnegative_solution(a: np.ndarray, b: np.ndarray) -> bool:
    """Some x ≥ 0 has ax = b, numerically (Clarabel, as the Gram problems: scipy.optimize's linprog cost each
    claim that searched 0.3 s of CPU to import, beside the Clarabel its Gram problem imports anyway)."""
    clarabel, sparse = _solver()
    m, n = a.shape
    constraints = sparse.vstack([sparse.csc_matrix(a), -sparse.identity(n)]).tocsc()
    cones = [clarabel.ZeroConeT(m), clarabel.NonnegativeConeT(n)]
    status, _ = _feasible(constraints, np.concatenate([b, np.zeros(n)]), cones)
    return status in FEASIBLE


def independent_rows(a: np.ndarray) -> list[int]:
    """Indices of a maximal set of numerically independent rows (QR with column pivoting of Aᵀ)."""
    (linalg,) = first_use("scipy.linalg")
    _, r, pivots = linalg.qr(a.T, pivoting=True, mode="economic")
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > 1e-9 * max(float(diagonal.max(initial=0.0)), 1e-300)).sum())
    return sorted(int(p) for p in pivots[:rank])


def block_matrices(problem: GramProblem, values: list[float]) -> list[np.ndarray]:
    out = [np.zeros((len(blk.basis), len(blk.basis))) for blk in problem.blocks]
    for (b, i, j), v in zip(problem.entries(), values, strict=True):
        out[b][i, j] = out[b][j, i] = v
    return out


def reduce_faces(problem: GramProblem, values: list[float]) -> GramProblem | None:
    """The problem on the exact complement of each block's numerical kernel; None if no block
    has a kernel, or its rational rounding is not a kernel (then reduction cannot help)."""
    blocks = []
    changed = False
    for blk, q in zip(problem.blocks, block_matrices(problem, values), strict=True):
        kernel = numerical_kernel(q)
        if kernel is None:
            blocks.append(blk)
            continue
        rational = rational_rows(kernel)
        if rational is None or not _annihilates(q, rational):
            return None
        complement = null_space(rational)
        changed = True
        if complement:
            blocks.append(Block(blk.multiplier, tuple(_combine(r, blk.basis) for r in complement)))
    return GramProblem(problem.target, tuple(blocks)) if changed else None


def numerical_kernel(q: np.ndarray) -> np.ndarray | None:
    """Orthonormal rows spanning the eigenvectors of Q with eigenvalues ≤ KERNEL_GAP·max; None if none."""
    eigenvalues, vectors = np.linalg.eigh(q)
    top = max(float(eigenvalues[-1]), 1e-300)
    small = eigenvalues <= KERNEL_GAP * top
    return vectors[:, small].T if small.any() else None


def rational_rows(kernel: np.ndarray) -> list[list[Fraction]] | None:
    """The reduced row echelon form of a numerical row space, entries rounded to small rationals."""
    _, _, pivots = _qr_pivots(kernel)
    chosen = sorted(pivots[: kernel.shape[0]])
    square = kernel[:, chosen]
    if abs(np.linalg.det(square)) < 1e-12:
        return None
    echelon = np.linalg.solve(square, kernel)
    return [[Fraction(float(v)).limit_denominator(MAX_DENOMINATOR) for v in row] for row in echelon]


def _qr_pivots(kernel: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    (linalg,) = first_use("scipy.linalg")
    return linalg.qr(kernel, pivoting=True, mode="economic")


def _annihilates(q: np.ndarray, rows: list[list[Fraction]]) -> bool:
    """The rounded kernel still nearly annihilates Q (a cheap check before re-solving)."""
    k = np.array([[float(v) for v in r] for r in rows])
    return bool(np.linalg.norm(q @ k.T) <= 1e-5 * max(1.0, float(np.abs(q).max())) * np.sqrt(k.size))


def null_space(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """An exact basis of {v : K v = 0}, from K's reduced row echelon form."""
    n = len(rows[0])
    echelon, pivots = _rref(rows)
    free = [c for c in range(n) if c not in pivots]
    basis = []
    for f in free:
        v = [Fraction(0)] * n
        v[f] = Fraction(1)
        for r, p in enumerate(pivots):
            v[p] = -echelon[r][f]
        basis.append(v)
    return basis


def _rref(rows: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    a = [list(r) for r in rows]
    pivots: list[int] = []
    r = 0
    for c in range(len(a[0])):
        p = next((i for i in range(r, len(a)) if a[i][c] != 0), None)
        if p is None:
            continue
        a[r], a[p] = a[p], a[r]
        a[r] = [v / a[r][c] for v in a[r]]
        for i in range(len(a)):
            if i != r and a[i][c] != 0:
                a[i] = [x - a[i][c] * y for x, y in zip(a[i], a[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(a):
            break
    return a[:r], pivots


def _combine(coefficients: list[Fraction], basis: tuple[Poly, ...]) -> Poly:
    out: dict[Monomial, Fraction] = {}
    for c, z in zip(coefficients, basis, strict=True):
        if c:
            for m, v in z.items():
                out[m] = out.get(m, Fraction(0)) + c * v
    return {m: v for m, v in out.items() if v != 0}
